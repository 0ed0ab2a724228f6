/*
 * report: `reorg report` (report.h).
 */
#include "report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "report/reportfile.h"
#include "util/diag.h"

const char report_usage[] =
    "usage: reorg report [OPTIONS] RESULT.json\n"
    "\n"
    "Renders a result file of `reorg compare --json` (or `reorg simulate --json`)\n"
    "for people, from the file alone: nothing is simulated again.\n"
    "  html  one self-contained page (inline styles and charts, no script, no\n"
    "        outside request) that prints to A4: the headline per design, the\n"
    "        comparison, charts, process maps, what changed, the assumptions\n"
    "        register and the method\n"
    "  md    the same without charts, for a wiki or a pull request\n"
    "  csv   tidy tables in a folder: kpis, pools, activities, cashflows,\n"
    "        appraisal, assumptions (full precision, for spreadsheets)\n"
    "\n"
    "  -f, --format FORMAT  html, md or csv (default: from -o's extension, else html)\n"
    "  -o, --output PATH    the file to write (html, md; default: standard output),\n"
    "                       or the folder (csv; required)\n"
    "\n"
    "exit codes: 0 ok, 1 usage, 2 not a result file, 5 I/O error, 70 internal error\n";

static int usage(const char *fmt, const char *arg) {
    fputs("reorg: report: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nsee 'reorg help report'\n", stderr);
    return CMD_EXIT_USAGE;
}

int report_run(int argc, char **argv) {
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0, 0, 0, 0}};
    const char *format = NULL, *output = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'h':
            fputs(report_usage, stdout);
            return CMD_EXIT_OK;
        default:
            return usage("unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1) return usage("expected one RESULT.json file%s", "");
    ReportFormat fmt = REPORT_HTML;
    if (format && reportfile_format(format, &fmt))
        return usage("--format takes html, md or csv (got '%s')", format);
    if (!format && output && strcmp(output, "-") != 0 && reportfile_format_of_path(output, &fmt)) {
        const char *dot = strrchr(output, '.');
        if (dot && strcasecmp(dot, ".csv") == 0)
            return usage("csv writes several tables into a folder: give --format csv -o DIR, "
                         "not '%s'", output);
    }
    if (fmt == REPORT_CSV && (!output || strcmp(output, "-") == 0))
        return usage("csv writes several tables: give the folder with -o%s", "");
    DiagList dl;
    diag_init(&dl, 0);
    reportfile_render(argv[optind], fmt, output ? output : "-", &dl);
    diag_print_all(&dl, stderr);
    int rc = diag_worst_kind(&dl);
    diag_clear(&dl);
    if (fflush(stdout) != 0 && rc == CMD_EXIT_OK) rc = CMD_EXIT_IO;
    return rc;
}

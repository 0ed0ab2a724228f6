/*
 * reportfile: a result file rendered for people (reportfile.h).
 */
#include "reportfile.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/outfile.h"
#include "jsonout.h"
#include "reportcsv.h"
#include "reporthtml.h"
#include "reportmd.h"

int reportfile_format(const char *name, ReportFormat *out) {
    if (strcmp(name, "html") == 0) *out = REPORT_HTML;
    else if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0) *out = REPORT_MD;
    else if (strcmp(name, "csv") == 0) *out = REPORT_CSV;
    else return -1;
    return 0;
}

int reportfile_format_of_path(const char *path, ReportFormat *out) {
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/')) return -1;
    if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0) *out = REPORT_HTML;
    else if (strcasecmp(dot, ".md") == 0) *out = REPORT_MD;
    else return -1;
    return 0;
}

int reportfile_write(const json_t *result, ReportFormat fmt, const char *path, DiagList *dl) {
    if (fmt == REPORT_CSV) return reportcsv_write(path, result, dl);
    OutFile out;
    if (outfile_open(&out, path, dl)) return -1;
    int rc = fmt == REPORT_HTML ? reporthtml_write(out.f, result) : reportmd_write(out.f, result);
    if (rc) {
        outfile_abort(&out);
        diag_add(dl, DIAG_ERROR, DIAG_IO, (SrcPos){path, 0, 0}, NULL,
                 "cannot write the report (the disk is full, or out of memory)");
        return -1;
    }
    return outfile_commit(&out, dl);
}

int reportfile_render(const char *result_path, ReportFormat fmt, const char *path, DiagList *dl) {
    json_t *root = resultfile_load(result_path, dl);
    if (!root) return -1;
    int rc = reportfile_write(root, fmt, path, dl);
    json_decref(root);
    return rc;
}

int reportfile_write_result(const Result *r, const ResultContext *ctx, BusinessCase *const *b,
                            ReportFormat fmt, const char *path, DiagList *dl) {
    int errors = dl->errors;
    json_t *root = b ? resultfile_value_json(r, ctx, b, dl) : NULL;
    char *text = root ? json_dumps(root, JSONOUT_FLAGS) : NULL;
    json_decref(root);
    json_t *back = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (!back) {
        if (dl->errors == errors)
            diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return -1;
    }
    int rc = reportfile_write(back, fmt, path, dl);
    json_decref(back);
    return rc;
}

/*
 * main: the reorg command line. Global options, then a subcommand.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "graph/structure.h"
#include "util/diag.h"

static void print_usage(FILE *out) {
    fputs("reorg " REORG_VERSION " - test a back-office reorganisation before paying for it\n"
          "\n"
          "usage: reorg [--help] [--version] COMMAND [ARGS]\n"
          "\n"
          "commands:\n",
          out);
    for (const Command *c = cmd_table; c->name; c++) fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fputs("\n"
          "Run 'reorg help COMMAND' for a command's options.\n"
          "exit codes: 0 ok, 1 usage, 2 input error, 3 rule error, 4 unstable model,\n"
          "            5 I/O error, 70 internal error\n",
          out);
}

int main(int argc, char **argv) {
    structure_startup(); /* igraph must never abort the program */
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'}, {0, 0, 0, 0}};
    /* '+' stops at the first non-option: the subcommand parses the rest */
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_usage(stdout);
            return CMD_EXIT_OK;
        case 'V':
            printf("reorg %s\n", REORG_VERSION);
            return CMD_EXIT_OK;
        default:
            fprintf(stderr, "reorg: unknown option '%s'\n", argv[optind - 1]);
            print_usage(stderr);
            return CMD_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        print_usage(stderr);
        return CMD_EXIT_USAGE;
    }
    const Command *cmd = cmd_find(argv[optind]);
    if (!cmd) {
        DiagSuggest s;
        diag_suggest_init(&s, argv[optind]);
        for (const Command *k = cmd_table; k->name; k++) diag_suggest_try(&s, k->name);
        fprintf(stderr, "reorg: unknown command '%s'", argv[optind]);
        if (s.best) fprintf(stderr, " (did you mean '%s'?)", s.best);
        fputs("; see 'reorg --help'\n", stderr);
        return CMD_EXIT_USAGE;
    }
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; /* glibc: 0 re-initialises getopt for the subcommand */
    return cmd->run(sub_argc, sub_argv);
}

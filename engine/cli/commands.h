/*
 * commands: the subcommands of the reorg CLI.
 *
 * Each takes the arguments after its name (argv[0] is the command name) and
 * returns the process exit code (see cmd_exit_codes in README: 0 ok, 1 usage,
 * 2 input, 3 rule, 4 unstable, 5 I/O, 70 internal). The CLI is the only
 * layer that prints to the user.
 */
#ifndef REORG_COMMANDS_H
#define REORG_COMMANDS_H

enum {
    CMD_EXIT_OK = 0,
    CMD_EXIT_USAGE = 1,
    CMD_EXIT_INPUT = 2,
    CMD_EXIT_RULE = 3,
    CMD_EXIT_UNSTABLE = 4,
    CMD_EXIT_IO = 5,
    CMD_EXIT_INTERNAL = 70
};

typedef struct Command {
    const char *name;
    const char *summary; /* one line for `reorg --help` */
    const char *usage;   /* full help for `reorg help NAME` */
    int (*run)(int argc, char **argv);
} Command;

/* The commands, ending with a NULL name. */
extern const Command cmd_table[];

/* The command called name, or NULL. */
const Command *cmd_find(const char *name);

#endif

/*
 * analyse: the `reorg analyse` command (structure of every design, design
 * changes against the baseline, --json, --svg and --dot maps). Returns the
 * process exit code.
 */
#ifndef REORG_ANALYSE_H
#define REORG_ANALYSE_H

extern const char analyse_usage[];
int analyse_run(int argc, char **argv);

#endif

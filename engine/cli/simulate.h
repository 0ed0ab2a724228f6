/*
 * simulate: the `reorg simulate` command (runs the experiment, prints the
 * table, writes --json and --trace). Returns the process exit code.
 */
#ifndef REORG_SIMULATE_H
#define REORG_SIMULATE_H

extern const char simulate_usage[];
int simulate_run(int argc, char **argv);
/* `reorg compare`: the same run, then the business case (compare.h). */
int compare_run(int argc, char **argv);

#endif

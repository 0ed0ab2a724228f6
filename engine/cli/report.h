/*
 * report: the `reorg report` command, a result file rendered as HTML,
 * Markdown or CSV (report/reportfile.h). Returns the process exit code.
 */
#ifndef REORG_REPORT_H
#define REORG_REPORT_H

extern const char report_usage[];
int report_run(int argc, char **argv);

#endif

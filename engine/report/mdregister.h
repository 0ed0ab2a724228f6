/*
 * mdregister: the analyst's end of the Markdown report (reportmd.h): the
 * assumptions register (every economic input, every design's cost inputs
 * and every operational parameter, with its value, its range and its
 * source, gaps flagged "no source given") and the method (settings, the
 * command line, the input files' SHA-256: enough to reproduce the run).
 */
#ifndef REORG_MDREGISTER_H
#define REORG_MDREGISTER_H

#include <jansson.h>
#include <stdio.h>

/* Write the "Assumptions" section of result to f. */
void mdregister_write_assumptions(FILE *f, const json_t *result);

/* Write the "Method" section of result to f. */
void mdregister_write_method(FILE *f, const json_t *result);

#endif

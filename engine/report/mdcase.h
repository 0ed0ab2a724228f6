/*
 * mdcase: the business-case section of the Markdown report (reportmd.h).
 *
 * The terms of the appraisal (years, discount, target) once, then per
 * design: its key figures, cash flows by year, how sure the NPV is
 * (P10 to P90, tornado, switching values, optimism-bias sweep, the
 * simulation's noise) and the headcount it needs. A result without a
 * business case gets one line saying so.
 */
#ifndef REORG_MDCASE_H
#define REORG_MDCASE_H

#include <jansson.h>
#include <stdio.h>

/* Write the "Business case" section of result to f. */
void mdcase_write(FILE *f, const json_t *result);

#endif

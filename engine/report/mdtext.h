/*
 * mdtext: what the Markdown report's sections share: text escaped for
 * GitHub-flavoured Markdown, pipe tables, and figures written for people
 * in the unit they are measured in (money, durations, shares, counts).
 *
 * Figures go through humanfmt (thousands separators, currency, a real
 * minus sign); a figure with no value (NAN, a null in the result) is
 * written "n/a". The output depends on nothing but the arguments: no
 * locale, no clock.
 */
#ifndef REORG_MDTEXT_H
#define REORG_MDTEXT_H

#include <stddef.h>
#include <stdio.h>

#include "humanfmt.h"

/* Room for any figure or interval written by the functions below. */
#define MDTEXT_BYTES (3 * HUMANFMT_BYTES)
/* Most columns a table may have. */
#define MDTEXT_MAX_COLUMNS 16

/* What a figure measures, which decides how it is written. */
typedef enum MdUnit {
    MD_COUNT,      /* cases, posts: 1,234, 12.3 or 1.23 by size */
    MD_TENTHS,     /* one decimal: full-time equivalents, "15.9" */
    MD_MONEY,      /* whole units: "£1,234,567" */
    MD_MONEY_FINE, /* pence below 1,000 ("£12.65"), whole units above */
    MD_DURATION,   /* seconds: "45 s", "12 min", "2.4 h", "3.1 days" */
    MD_SHARE,      /* a fraction as a percentage, one decimal: "85.3%" */
    MD_YEARS,      /* "1.8 years" */
    MD_RATIO,      /* two decimals: "4.36" */
    MD_HOURS       /* hours, whole: "1,650 h" */
} MdUnit;

/* The unit of a KPI from its kpi_units entry ("s", "cases", "currency",
 * "share"); MD_COUNT for anything else. */
MdUnit mdtext_kpi_unit(const char *kpi_unit);

/* The unit of an input of the business case by its key (as in the
 * assumptions register, the tornado and the switching values): shares for
 * on-costs, volume growth, maintenance and optimism bias and for the
 * cashable saving's share, hours for fte_hours, else money. */
MdUnit mdtext_input_unit(const char *key);

/* v in unit u into buf (size bytes, MDTEXT_BYTES is enough); currency is the
 * study's ISO code (may be NULL). With `change` non-zero the figure is a
 * difference: a positive one gets a "+", and a share's difference is in
 * percentage points ("+1.2 pp"). Returns buf. */
char *mdtext_figure(double v, MdUnit u, const char *currency, int change, char *buf,
                    size_t size);

/* A whole number of years, as an appraisal period: "5 years", "1 year";
 * "n/a" when not finite. */
char *mdtext_period(double years, char *buf, size_t size);

/* "LOW to HIGH" in unit u, or "n/a" when either end has no value. */
char *mdtext_interval(double low, double high, MdUnit u, const char *currency, int change,
                      char *buf, size_t size);

/* Write s as inline Markdown text: characters that would start formatting
 * (\ ` * [ ] < > | ~ & #, and _ unless inside a word) get a backslash, line
 * breaks become spaces. NULL writes nothing. */
void mdtext_put(FILE *f, const char *s);

/* printf into a line of Markdown text, escaping the formatted text as
 * mdtext_put does (formats longer than 1 KB are cut). */
void mdtext_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A table cell from parts: as snprintf into buf (size bytes), cut short
 * when the parts do not fit (cells are far larger than any figure). */
void mdtext_cellf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A table's header row and its alignment row; align holds one character per
 * column, 'l' or 'r' (NULL: all left). n is at most MDTEXT_MAX_COLUMNS. */
void mdtext_table_head(FILE *f, const char *const *titles, const char *align, size_t n);

/* One row of n cells, each escaped as mdtext_put does (NULL: empty). */
void mdtext_table_row(FILE *f, const char *const *cells, size_t n);

#endif

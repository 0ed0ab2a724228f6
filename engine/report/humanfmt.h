/*
 * humanfmt: figures written for people, for the Markdown and HTML reports.
 *
 * Money carries its currency ("£1,234,567", "−€12,300"), thousands are
 * separated, a negative number takes a real minus sign (U+2212, as the
 * charts do), durations go to the largest sensible unit ("45 s", "12 min",
 * "2.4 h", "3.1 days"), shares become percentages. A value that is not
 * finite (a null in the result) is written "n/a". JSON and CSV keep full
 * precision: these are for reading, not for computing.
 *
 * Every function writes at most `size` bytes (HUMANFMT_BYTES is always
 * enough) into buf and returns buf, so calls can sit in a printf.
 */
#ifndef REORG_HUMANFMT_H
#define REORG_HUMANFMT_H

#include <stddef.h>

#define HUMANFMT_BYTES 80

/* The symbol of an ISO 4217 code: "£" for GBP, "€" EUR, "$" USD; NULL for
 * others (then money is written "1,234 NZD"). */
const char *humanfmt_currency_symbol(const char *code);

/* v with `decimals` (0 .. 6) decimals and thousands separators. */
char *humanfmt_number(double v, int decimals, char *buf, size_t size);

/* Money rounded to whole units: "£1,234,567", "−£300", "1,234 NZD". */
char *humanfmt_money(double v, const char *currency, char *buf, size_t size);

/* Money with pence below 1,000 ("£14.20", an amount per case), in whole
 * units from there ("£1,234"). */
char *humanfmt_money_fine(double v, const char *currency, char *buf, size_t size);

/* Money in short: "£1.2m", "£350k", "£999" (for headlines). */
char *humanfmt_money_short(double v, const char *currency, char *buf, size_t size);

/* A share as a percentage with `decimals` decimals: 0.853 -> "85.3%". */
char *humanfmt_percent(double share, int decimals, char *buf, size_t size);

/* A share (0 to 1) as a percentage with `decimals` decimals that never
 * rounds a share short of the ends onto them: 0.99964 is ">99.9%" (at one
 * decimal), not "100.0%"; 0.0004 is "<0.1%"; 1 and 0 are "100%" and "0%". */
char *humanfmt_share(double share, int decimals, char *buf, size_t size);

/* Seconds in the largest unit that keeps the figure above 1: "45 s",
 * "12 min", "2.4 h", "3.1 days" (calendar days of 24 hours). */
char *humanfmt_duration(double seconds, char *buf, size_t size);

/* Years with one decimal: "2.4 years", "1.0 year". */
char *humanfmt_years(double years, char *buf, size_t size);

#endif

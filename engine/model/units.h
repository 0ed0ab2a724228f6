/*
 * units: the small languages inside YAML values.
 *
 * Numbers (finite, decimal), durations with a unit (45s, 5m, 2.5h, 3d),
 * rates (400/day, 12 per hour), clock times (08:30) and ISO dates
 * (2027-01-04). Each parser takes the text of one value and returns 0 and
 * the value, or -1 with *err_off (the byte offset of the problem inside the
 * text) and *why (a static sentence) so the caller can point at the column.
 */
#ifndef REORG_UNITS_H
#define REORG_UNITS_H

#include <stddef.h>

#include "model.h"

/* A finite decimal number, the whole text (no hex, inf, nan, '1_000'). */
int units_number(const char *s, double *out, size_t *err_off, const char **why);
/* A non-negative integer up to 2147483647 (fits in int everywhere). */
int units_integer(const char *s, long *out, size_t *err_off, const char **why);
/* A duration in seconds: number then unit s, m (minutes), h or d (24 h);
 * "0" alone is accepted. Negative durations are refused. */
int units_duration(const char *s, double *out, size_t *err_off, const char **why);
/* A rate "N/period" or "N per period" (period: hour, day, week, month, year). */
int units_rate(const char *s, double *rate, RatePeriod *period, size_t *err_off,
               const char **why);
/* Clock time "HH:MM" (00:00 to 24:00) in minutes since midnight. */
int units_clock(const char *s, int *minutes, size_t *err_off, const char **why);
/* ISO date "YYYY-MM-DD" (a real calendar date) in days since 1970-01-01. */
int units_date(const char *s, int *days, size_t *err_off, const char **why);

/* Weekday of a day number, 0 = Monday ... 6 = Sunday. */
int units_weekday(int days);
/* Civil date of a day number. */
void units_civil(int days, int *year, int *month, int *day);
/* Day number of a civil date (proleptic Gregorian). */
int units_days_from_civil(int year, int month, int day);

/* Shortest readable form of a duration ("90s" -> "1.5m"), into buf. */
char *units_format_duration(double seconds, char *buf, size_t size);

/* Seconds in one period of a rate, on the 24 h clock (a year is 365.2425 days, the Gregorian mean; a month a twelfth of it). */
double units_period_seconds(RatePeriod p);

#endif

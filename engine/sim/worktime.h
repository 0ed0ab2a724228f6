/*
 * worktime: a working calendar compiled for the simulation clock.
 *
 * Simulated time t is seconds since 00:00 local time of the study's first
 * day (run.start, a day number). A WorkTime holds a calendar's open
 * intervals per weekday (in seconds) and its holidays, and answers the
 * questions the kernel asks: is the pool open now, when does it next open,
 * when will w seconds of work started now be finished if work pauses while
 * closed and resumes at the next opening, and how many open seconds lie in a
 * window. Local time without time zones or daylight saving: every day has
 * 86400 s. Intervals that touch (22:00-24:00, then 00:00-06:00 the next day)
 * behave as one.
 *
 * A WorkTime is immutable after worktime_init and may be shared read-only by
 * threads. Searches look at most WORKTIME_MAX_DAYS ahead; a calendar with no
 * opening within that span is "never open" (INFINITY).
 */
#ifndef REORG_WORKTIME_H
#define REORG_WORKTIME_H

#include "../model/model.h"

#define WORKTIME_MAX_DAYS 3660

typedef struct WorkTime {
    int always;    /* open all the time: every answer is immediate */
    int start_day; /* day number of t = 0 */
    double *open[CAL_DAYS], *close[CAL_DAYS]; /* seconds since midnight, sorted, merged */
    size_t n[CAL_DAYS];
    int *holidays; /* day numbers, sorted */
    size_t n_holidays;
    double open_seconds_per_week; /* ignoring holidays */
} WorkTime;

/* Compile calendar c for a run starting on day number start_day; memory from
 * arena. Hours are sorted and overlapping or touching ones merged; holidays
 * sorted and deduplicated; `always` ignores hours and holidays. Returns 0,
 * or -1 on out of memory. */
int worktime_init(WorkTime *w, const Calendar *c, int start_day, Arena *arena);

/* 1 when the calendar is open at t (t in some [open, close)), else 0. */
int worktime_is_open(const WorkTime *w, double t);

/* The open interval containing t, or the next one after t: *from <= *until,
 * *from >= t when t is closed. Both INFINITY when no opening lies within
 * WORKTIME_MAX_DAYS of t. Adjacent intervals are merged, also across
 * midnight and over whole open days; an end (start) more than
 * WORKTIME_MAX_DAYS away is INFINITY (-INFINITY). The `always` calendar
 * gives [-INFINITY, INFINITY). */
void worktime_interval(const WorkTime *w, double t, double *from, double *until);

/* The time when `work` seconds of open time have passed since t (work paused
 * while closed). work <= 0 gives t itself, even when closed; work that ends
 * exactly at a closing ends then. INFINITY when the search meets
 * WORKTIME_MAX_DAYS days in a row without open time. Exact for whole-second
 * inputs; whole weeks without a holiday are skipped in one step, so the cost
 * is O(7 + holidays crossed), not O(work). */
double worktime_advance(const WorkTime *w, double t, double work);

/* As worktime_advance, but each open second in month m (0 = January) counts
 * factor[m] (arrivals with seasonality: a factor of 2 halves the gaps).
 * Months with factor 0 are skipped (INFINITY when all are 0); all factors 1
 * gives exactly worktime_advance. */
double worktime_advance_seasonal(const WorkTime *w, double t, double amount,
                                 const double factor[12]);

/* Open seconds in [a, b) (0 when b <= a); b - a for `always`. Whole weeks
 * without a holiday count in one step: O(7 + holidays in the span). */
double worktime_open_between(const WorkTime *w, double a, double b);

/* Calendar helpers on the simulation clock. */
int worktime_day(const WorkTime *w, double t);   /* day number of t */
int worktime_month(int start_day, double t);     /* 0 = January */
/* "2027-01-04T09:05:00" (whole seconds, rounded down) into buf (>= 20 bytes);
 * "" when t is not finite or the date is outside the years 0000-9999. */
void worktime_format_iso(int start_day, double t, char *buf);

#endif

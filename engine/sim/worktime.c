/*
 * worktime: working calendars on the simulation clock (worktime.h).
 *
 * A time is split into a day index d (days since start_day, rounded down)
 * and the seconds s within that day. Every answer is rebuilt from a day and
 * an interval boundary, d * 86400 + boundary (+ the rest of the work), never
 * by stepping the clock forward in small increments, so whole-second inputs
 * give exact results. Long spans skip whole weeks that hold no holiday
 * (open_seconds_per_week each), so the cost grows with the holidays crossed,
 * not with the length of the work.
 */
#include "worktime.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../model/units.h"

#define DAY 86400.0
#define WEEK (7 * DAY)
/* Times beyond +-2^46 s (about 2.2 million years) are not looked at, which
 * keeps every day number well inside an int. */
#define T_MAX 70368744177664.0
#define D_MAX ((int64_t)(T_MAX / DAY))

/* A walk over days: the day index and the first holiday on or after it. */
typedef struct Cursor {
    const WorkTime *w;
    int64_t d;
    size_t h;
} Cursor;

/* ---- days and holidays ---------------------------------------------------- */

/* Split t (|t| <= T_MAX) into its day index and the seconds in that day. The
 * division may round up to the next whole day just below midnight; the
 * correction keeps 0 <= *s < DAY. */
static void split(double t, int64_t *d, double *s) {
    int64_t day = (int64_t)floor(t / DAY);
    double sec = t - (double)day * DAY;
    if (sec < 0) {
        day--;
        sec = t - (double)day * DAY;
    } else if (sec >= DAY) {
        day++;
        sec = t - (double)day * DAY;
        if (sec < 0) sec = 0;
    }
    *d = day;
    *s = sec;
}

/* Absolute day number (days since 1970-01-01) of day index d. */
static int64_t abs_day(const WorkTime *w, int64_t d) { return (int64_t)w->start_day + d; }

/* Weekday (0 = Monday) of day index d; d is within +-D_MAX of the start. */
static int weekday_of(const WorkTime *w, int64_t d) { return units_weekday((int)abs_day(w, d)); }

/* Index of the first holiday on or after absolute day `day` (binary search). */
static size_t holiday_from(const WorkTime *w, int64_t day) {
    size_t lo = 0, hi = w->n_holidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->holidays[mid] < day) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Day index d is a holiday (one-off lookups; walks use a Cursor). */
static int is_holiday(const WorkTime *w, int64_t d) {
    size_t h = holiday_from(w, abs_day(w, d));
    return h < w->n_holidays && w->holidays[h] == abs_day(w, d);
}

/* A cursor on day index d: one binary search, then steps are O(1). */
static Cursor cursor_at(const WorkTime *w, int64_t d) {
    return (Cursor){w, d, holiday_from(w, abs_day(w, d))};
}

/* The cursor's day is a holiday. */
static int cursor_holiday(const Cursor *c) {
    return c->h < c->w->n_holidays && c->w->holidays[c->h] == abs_day(c->w, c->d);
}

/* Step to the next day, keeping the holiday index in step. */
static void cursor_next(Cursor *c) {
    c->d++;
    while (c->h < c->w->n_holidays && c->w->holidays[c->h] < abs_day(c->w, c->d)) c->h++;
}

/* Whole weeks from the cursor's day before its next holiday (a big number
 * when no holiday follows): the span a week skip may jump over. */
static int64_t weeks_to_holiday(const Cursor *c) {
    if (c->h >= c->w->n_holidays) return INT64_MAX / 8;
    return (c->w->holidays[c->h] - abs_day(c->w, c->d)) / 7;
}

/* Every day of the week is open from midnight to midnight: only holidays
 * ever close such a calendar, so searches jump from holiday to holiday. */
static int full_week(const WorkTime *w) { return w->open_seconds_per_week >= WEEK; }

/* Seasonal weight of day index d and the day index where its month ends. */
static void month_at(const WorkTime *w, int64_t d, const double factor[12], double *f,
                     int64_t *month_end) {
    int y, m, dd;
    units_civil((int)abs_day(w, d), &y, &m, &dd);
    *f = factor[m - 1];
    int next = m == 12 ? units_days_from_civil(y + 1, 1, 1) : units_days_from_civil(y, m + 1, 1);
    *month_end = (int64_t)next - w->start_day;
}

/* Open seconds of the cursor's day within [lo, hi) seconds since midnight. */
static double day_open(const Cursor *c, double lo, double hi) {
    if (cursor_holiday(c)) return 0;
    const WorkTime *w = c->w;
    int wd = weekday_of(w, c->d);
    double sum = 0;
    for (size_t i = 0; i < w->n[wd]; i++) {
        double a = fmax(w->open[wd][i], lo), b = fmin(w->close[wd][i], hi);
        if (b > a) sum += b - a;
    }
    return sum;
}

/* ---- compiling a calendar ------------------------------------------------- */

/* qsort order for holidays. */
static int int_order(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* One weekday's hours in seconds, sorted by start, overlapping and touching
 * intervals merged, empty ones dropped: the loader keeps them in order but
 * lets them touch, and hand-built calendars promise nothing. */
static int compile_day(WorkTime *w, int wd, const Interval *hours, size_t n, Arena *arena) {
    w->open[wd] = arena_array(arena, n ? n : 1, sizeof(double));
    w->close[wd] = arena_array(arena, n ? n : 1, sizeof(double));
    if (!w->open[wd] || !w->close[wd]) return -1;
    double *o = w->open[wd], *c = w->close[wd];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        assert(hours[i].start >= 0 && hours[i].end <= 24 * 60);
        if (hours[i].start >= hours[i].end) continue;
        double a = hours[i].start * 60.0, b = hours[i].end * 60.0;
        size_t j = k++;
        while (j > 0 && o[j - 1] > a) {
            o[j] = o[j - 1];
            c[j] = c[j - 1];
            j--;
        }
        o[j] = a;
        c[j] = b;
    }
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m > 0 && o[i] <= c[m - 1]) {
            c[m - 1] = fmax(c[m - 1], c[i]);
        } else {
            o[m] = o[i];
            c[m] = c[i];
            m++;
        }
    }
    w->n[wd] = m;
    return 0;
}

/* Seconds rather than minutes, so that every question is answered on the
 * simulation clock's own unit without conversions. */
int worktime_init(WorkTime *w, const Calendar *c, int start_day, Arena *arena) {
    *w = (WorkTime){0};
    w->always = c->always != 0;
    w->start_day = start_day;
    static const Interval whole_day = {0, 24 * 60};
    for (int wd = 0; wd < CAL_DAYS; wd++) {
        int rc = w->always ? compile_day(w, wd, &whole_day, 1, arena)
                           : compile_day(w, wd, c->hours[wd], c->n_hours[wd], arena);
        if (rc) return -1;
        for (size_t i = 0; i < w->n[wd]; i++)
            w->open_seconds_per_week += w->close[wd][i] - w->open[wd][i];
    }
    if (!w->always && c->n_holidays) {
        w->holidays = arena_array(arena, c->n_holidays, sizeof(int));
        if (!w->holidays) return -1;
        for (size_t i = 0; i < c->n_holidays; i++) w->holidays[i] = c->holidays[i];
        qsort(w->holidays, c->n_holidays, sizeof(int), int_order);
        size_t m = 0;
        for (size_t i = 0; i < c->n_holidays; i++)
            if (m == 0 || w->holidays[m - 1] != w->holidays[i]) w->holidays[m++] = w->holidays[i];
        w->n_holidays = m;
    }
    return 0;
}

/* ---- questions -------------------------------------------------------------- */

/* A look at t's day only: holidays close the whole day. */
int worktime_is_open(const WorkTime *w, double t) {
    if (w->always) return 1;
    if (!(fabs(t) <= T_MAX)) return 0;
    int64_t d;
    double s;
    split(t, &d, &s);
    if (is_holiday(w, d)) return 0;
    int wd = weekday_of(w, d);
    for (size_t i = 0; i < w->n[wd]; i++)
        if (w->open[wd][i] <= s && s < w->close[wd][i]) return 1;
    return 0;
}

/* End of the open run that starts at midnight of day index e: follows
 * intervals that reach midnight into the next day. INFINITY when it lasts
 * past day index `limit`. */
static double merge_forward(const WorkTime *w, int64_t e, int64_t limit) {
    Cursor c = cursor_at(w, e);
    if (full_week(w)) {
        if (c.h >= w->n_holidays) return INFINITY;
        int64_t hd = w->holidays[c.h] - (int64_t)w->start_day;
        return hd > limit ? INFINITY : (double)hd * DAY;
    }
    for (;; cursor_next(&c)) {
        if (c.d > limit) return INFINITY;
        int wd = weekday_of(w, c.d);
        if (cursor_holiday(&c) || w->n[wd] == 0 || w->open[wd][0] > 0) return (double)c.d * DAY;
        if (w->close[wd][0] < DAY) return (double)c.d * DAY + w->close[wd][0];
    }
}

/* Start of the open run that is open at midnight of day index e: follows
 * intervals that end at midnight back into the previous day. -INFINITY when
 * it began before day index `limit`. */
static double merge_back(const WorkTime *w, int64_t e, int64_t limit) {
    if (full_week(w)) {
        size_t h = holiday_from(w, abs_day(w, e));
        if (h == 0) return -INFINITY;
        int64_t after = w->holidays[h - 1] + 1 - (int64_t)w->start_day;
        return after < limit ? -INFINITY : (double)after * DAY;
    }
    for (;; e--) {
        int64_t p = e - 1;
        if (p < limit) return -INFINITY;
        int wd = weekday_of(w, p);
        size_t n = w->n[wd];
        if (is_holiday(w, p) || n == 0 || w->close[wd][n - 1] < DAY) return (double)e * DAY;
        if (w->open[wd][n - 1] > 0) return (double)p * DAY + w->open[wd][n - 1];
    }
}

/* The first interval of t's day (or a later day) that ends after t, widened
 * by the intervals touching it at midnight. */
void worktime_interval(const WorkTime *w, double t, double *from, double *until) {
    if (w->always) {
        *from = -INFINITY;
        *until = INFINITY;
        return;
    }
    *from = *until = INFINITY;
    if (w->open_seconds_per_week <= 0 || !(fabs(t) <= T_MAX)) return;
    int64_t d0;
    double s;
    split(t, &d0, &s);
    Cursor c = cursor_at(w, d0);
    for (;; cursor_next(&c), s = 0) {
        if (c.d > d0 + WORKTIME_MAX_DAYS) return;
        if (cursor_holiday(&c)) continue;
        int wd = weekday_of(w, c.d);
        for (size_t i = 0; i < w->n[wd]; i++) {
            double o = w->open[wd][i], cl = w->close[wd][i];
            if (cl <= s) continue;
            /* t inside an interval that opened at midnight: look back */
            *from = o == 0 && c.d == d0 ? merge_back(w, d0, d0 - WORKTIME_MAX_DAYS)
                                        : (double)c.d * DAY + o;
            *until = cl == DAY ? merge_forward(w, c.d + 1, c.d + WORKTIME_MAX_DAYS)
                               : (double)c.d * DAY + cl;
            return;
        }
    }
}

/* The time when `amount` has been consumed from t on, each open second
 * counting the factor of its day's month (1 without factors). advance and
 * advance_seasonal share it, so factor 1 gives identical answers. The
 * first partial day and the holiday weeks are walked interval by interval;
 * the weeks in between are skipped whole while the amount exceeds one. */
static double consume(const WorkTime *w, double t, double amount, const double *factor) {
    if (!(amount > 0)) return t;
    if (w->open_seconds_per_week <= 0 || isinf(amount) || !(fabs(t) <= T_MAX)) return INFINITY;
    int64_t d;
    double s;
    split(t, &d, &s);
    Cursor c = cursor_at(w, d);
    int64_t last_open = d; /* the search gives up this long after open time */
    double f = 1;
    int64_t month_end = INT64_MIN; /* month looked up on the first day */
    for (;;) {
        if (c.d - last_open > WORKTIME_MAX_DAYS || c.d > D_MAX) return INFINITY;
        if (factor && c.d >= month_end) month_at(w, c.d, factor, &f, &month_end);
        if (!(f > 0)) { /* a month that does not count: go to the next */
            c = cursor_at(w, month_end);
            s = 0;
            continue;
        }
        if (!cursor_holiday(&c)) {
            int wd = weekday_of(w, c.d);
            for (size_t i = 0; i < w->n[wd]; i++) {
                double cl = w->close[wd][i];
                if (cl <= s) continue;
                double start = fmax(w->open[wd][i], s), room = (cl - start) * f;
                if (amount <= room) return (double)c.d * DAY + start + amount / f;
                amount -= room;
                last_open = c.d;
            }
        }
        cursor_next(&c);
        s = 0;
        double week = w->open_seconds_per_week * f;
        if (amount > week) {
            int64_t k = (int64_t)fmin(floor(amount / week), 1e12);
            if ((double)k * week >= amount) k--; /* leave the last week to the walk */
            int64_t room = weeks_to_holiday(&c);
            if (room < k) k = room;
            if (factor && (month_end - c.d) / 7 < k) k = (month_end - c.d) / 7;
            if ((D_MAX - c.d) / 7 + 1 < k) k = (D_MAX - c.d) / 7 + 1;
            if (k > 0) {
                amount -= (double)k * week;
                c.d += 7 * k; /* no holiday in between: c.h stays right */
                last_open = c.d;
            }
        }
    }
}

/* The 24/7 calendar answers t + work, the same sum the kernel's own fast
 * path computes. */
double worktime_advance(const WorkTime *w, double t, double work) {
    if (w->always) return work > 0 ? t + work : t;
    return consume(w, t, work, NULL);
}

/* The 24/7 calendar with seasonality: whole months at a time. */
static double consume_always(const WorkTime *w, double t, double amount,
                             const double factor[12]) {
    for (;;) {
        if (!(fabs(t) <= T_MAX)) return INFINITY;
        int64_t d, month_end;
        double s, f;
        split(t, &d, &s);
        month_at(w, d, factor, &f, &month_end);
        double end = (double)month_end * DAY;
        if (f > 0) {
            double room = (end - t) * f;
            if (amount <= room) return t + amount / f;
            amount -= room;
        }
        t = end;
    }
}

/* Equal factors on the 24/7 calendar need no month boundaries: one division
 * keeps the answer exact. */
double worktime_advance_seasonal(const WorkTime *w, double t, double amount,
                                 const double factor[12]) {
    if (!(amount > 0)) return t;
    int any = 0, uniform = 1;
    for (int m = 0; m < 12; m++) {
        if (factor[m] > 0) any = 1;
        if (factor[m] != factor[0]) uniform = 0;
    }
    if (!any || isinf(amount)) return INFINITY;
    if (w->always) return uniform ? t + amount / factor[0] : consume_always(w, t, amount, factor);
    return consume(w, t, amount, factor);
}

/* The first and last partial days, then whole weeks between holidays. */
double worktime_open_between(const WorkTime *w, double a, double b) {
    if (!(b > a)) return 0;
    if (w->always) return b - a;
    double per_second = w->open_seconds_per_week / WEEK, extra = 0;
    if (per_second <= 0) return 0;
    /* beyond the clock's range: the weekly average, holidays being finite */
    if (a < -T_MAX) {
        extra += (fmin(b, -T_MAX) - a) * per_second;
        a = -T_MAX;
    }
    if (b > T_MAX) {
        extra += (b - fmax(a, T_MAX)) * per_second;
        b = T_MAX;
    }
    if (!(b > a)) return extra;
    int64_t da, db;
    double sa, sb;
    split(a, &da, &sa);
    split(b, &db, &sb);
    Cursor c = cursor_at(w, da);
    if (da == db) return day_open(&c, sa, sb) + extra;
    double sum = day_open(&c, sa, DAY);
    cursor_next(&c);
    while (c.d < db) {
        int64_t k = (db - c.d) / 7, room = weeks_to_holiday(&c);
        if (room < k) k = room;
        if (k > 0) {
            sum += (double)k * w->open_seconds_per_week;
            c.d += 7 * k; /* no holiday in between: c.h stays right */
        } else {
            sum += day_open(&c, 0, DAY);
            cursor_next(&c);
        }
    }
    return sum + day_open(&c, 0, sb) + extra;
}

/* ---- the calendar on the clock --------------------------------------------- */

/* Clamped to the clock's range so that the day number fits in an int. */
int worktime_day(const WorkTime *w, double t) {
    int64_t d;
    double s;
    split(fmax(-T_MAX, fmin(t, T_MAX)), &d, &s);
    return (int)abs_day(w, d);
}

/* Month of t's day, clamped like worktime_day. */
int worktime_month(int start_day, double t) {
    int64_t d;
    double s;
    split(fmax(-T_MAX, fmin(t, T_MAX)), &d, &s);
    int y, m, dd;
    units_civil((int)(start_day + d), &y, &m, &dd);
    return m - 1;
}

/* v in exactly `width` decimal digits at p (v fits). */
static char *put_digits(char *p, unsigned v, int width) {
    for (int i = width - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
    return p + width;
}

/* Digits written by hand: fixed widths, no locale, no truncation warnings. */
void worktime_format_iso(int start_day, double t, char *buf) {
    buf[0] = '\0';
    if (!(fabs(t) <= T_MAX)) return;
    int64_t d;
    double s;
    split(t, &d, &s);
    int y, m, dd;
    units_civil((int)(start_day + d), &y, &m, &dd);
    if (y < 0 || y > 9999) return;
    unsigned sec = (unsigned)floor(s); /* below 86400 */
    char *p = put_digits(buf, (unsigned)y, 4);
    *p++ = '-';
    p = put_digits(p, (unsigned)m, 2);
    *p++ = '-';
    p = put_digits(p, (unsigned)dd, 2);
    *p++ = 'T';
    p = put_digits(p, sec / 3600, 2);
    *p++ = ':';
    p = put_digits(p, sec / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, sec % 60, 2);
    *p = '\0';
}

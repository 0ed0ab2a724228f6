/*
 * test_worktime: working calendars on the simulation clock (worktime.h).
 * Hand-computed cases on a run starting Monday 2027-01-04: an office week
 * (Friday 16:55 plus ten minutes of work ends Monday 09:05), a lunch break,
 * holidays, a night shift across midnight, the 24/7 calendar, calendars that
 * never open within the search span, seasonal months and ISO formatting.
 * Then, for five calendars, 2000 random questions each, answered again by a
 * minute-by-minute walk over a table built from the raw calendar, which
 * knows nothing of the engine's sorting, merging or week skips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/units.h"
#include "sim/worktime.h"

#define MIN 60.0
#define HOUR 3600.0
#define DAY 86400.0

/* A calendar written out by hand: up to 4 intervals per weekday, in any
 * order, and holidays in any order. */
typedef struct Spec {
    Interval hours[CAL_DAYS][4];
    size_t n[CAL_DAYS];
    int holidays[16];
    size_t n_holidays;
} Spec;

static int day0(void) { return units_days_from_civil(2027, 1, 4); }

/* Simulated time of a civil date and clock time. */
static double at(int y, int mo, int d, int hh, int mm) {
    return (units_days_from_civil(y, mo, d) - day0()) * DAY + hh * HOUR + mm * MIN;
}

/* Hours [h0:m0, h1:m1) on weekdays first..last (0 = Monday). */
static void spec_hours(Spec *sp, int first, int last, int h0, int m0, int h1, int m1) {
    for (int wd = first; wd <= last; wd++) {
        assert_true(sp->n[wd] < 4);
        sp->hours[wd][sp->n[wd]++] = (Interval){h0 * 60 + m0, h1 * 60 + m1};
    }
}

static void spec_holiday(Spec *sp, int y, int mo, int d) {
    assert_true(sp->n_holidays < 16);
    sp->holidays[sp->n_holidays++] = units_days_from_civil(y, mo, d);
}

static Calendar calendar_of(Spec *sp) {
    Calendar c = {0};
    for (int wd = 0; wd < CAL_DAYS; wd++) {
        c.hours[wd] = sp->hours[wd];
        c.n_hours[wd] = sp->n[wd];
    }
    c.holidays = sp->holidays;
    c.n_holidays = sp->n_holidays;
    return c;
}

static void compile(WorkTime *w, Arena *a, Spec *sp) {
    Calendar c = calendar_of(sp);
    assert_int_equal(worktime_init(w, &c, day0(), a), 0);
}

/* Exact equality of times, INFINITY included, with both values on failure. */
#define assert_time(got, want)                                                      \
    do {                                                                            \
        double g_ = (got), w_ = (want);                                             \
        if (!(g_ == w_)) fail_msg("%s = %.6f, expected %.6f", #got, g_, w_);        \
    } while (0)

static void assert_interval(const WorkTime *w, double t, double from, double until) {
    double f = 0, u = 0;
    worktime_interval(w, t, &f, &u);
    if (!(f == from && u == until))
        fail_msg("interval(%.2f) = [%.2f, %.2f), expected [%.2f, %.2f)", t, f, u, from, until);
}

static void office(Spec *sp) {
    memset(sp, 0, sizeof *sp);
    spec_hours(sp, 0, 4, 9, 0, 17, 0);
}

/* ---- hand-computed cases -------------------------------------------------- */

static void test_office_week(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Spec sp;
    office(&sp);
    WorkTime w;
    compile(&w, &a, &sp);
    assert_time(w.open_seconds_per_week, 40 * HOUR);
    double fri = at(2027, 1, 8, 16, 55);
    /* the acceptance case: over the weekend */
    assert_time(worktime_advance(&w, fri, 10 * MIN), at(2027, 1, 11, 9, 5));
    /* work that ends exactly at closing time ends then, not on Monday */
    assert_time(worktime_advance(&w, fri, 5 * MIN), at(2027, 1, 8, 17, 0));
    assert_time(worktime_advance(&w, fri, 5 * MIN + 1), at(2027, 1, 11, 9, 0) + 1);
    /* started while closed: begins at the next opening; no work, no wait */
    double sat = at(2027, 1, 9, 10, 0);
    assert_time(worktime_advance(&w, sat, HOUR), at(2027, 1, 11, 10, 0));
    assert_time(worktime_advance(&w, sat, 0), sat);
    /* three weeks of work: ends at Friday's closing, one second more is Monday */
    double mon = at(2027, 1, 4, 9, 0);
    assert_time(worktime_advance(&w, mon, 120 * HOUR), at(2027, 1, 22, 17, 0));
    assert_time(worktime_advance(&w, mon, 120 * HOUR + 1), at(2027, 1, 25, 9, 0) + 1);
    assert_time(worktime_advance(&w, mon + 0.25, 120 * HOUR), at(2027, 1, 25, 9, 0) + 0.25);
    /* a year of work: 52 weeks ending on the Friday of the 52nd week */
    assert_time(worktime_advance(&w, mon, 52 * 40 * HOUR), at(2027, 12, 31, 17, 0));

    assert_int_equal(worktime_is_open(&w, at(2027, 1, 8, 16, 59) + 59), 1);
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 8, 17, 0)), 0);
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 11, 9, 0)), 1);
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 11, 9, 0) - 1), 0);
    assert_int_equal(worktime_is_open(&w, sat), 0);
    assert_interval(&w, sat, at(2027, 1, 11, 9, 0), at(2027, 1, 11, 17, 0));
    assert_interval(&w, at(2027, 1, 5, 10, 0), at(2027, 1, 5, 9, 0), at(2027, 1, 5, 17, 0));
    assert_interval(&w, at(2027, 1, 5, 17, 0), at(2027, 1, 6, 9, 0), at(2027, 1, 6, 17, 0));

    assert_time(worktime_open_between(&w, 0, 7 * DAY), 40 * HOUR);
    assert_time(worktime_open_between(&w, 0, 70 * DAY), 400 * HOUR);
    assert_time(worktime_open_between(&w, at(2027, 1, 8, 16, 0), at(2027, 1, 11, 10, 0)), 2 * HOUR);
    assert_time(worktime_open_between(&w, at(2027, 1, 5, 10, 0), at(2027, 1, 5, 11, 0)), HOUR);
    assert_time(worktime_open_between(&w, 7 * DAY, 0), 0);
    arena_clear(&a);
}

static void test_lunch_break(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Spec sp = {0};
    spec_hours(&sp, 0, 4, 13, 30, 17, 0); /* given afternoon first */
    spec_hours(&sp, 0, 4, 9, 0, 12, 30);
    WorkTime w;
    compile(&w, &a, &sp);
    assert_time(w.open_seconds_per_week, 35 * HOUR);
    /* half an hour before lunch, half an hour after */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 12, 0), HOUR), at(2027, 1, 4, 14, 0));
    /* started during lunch */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 12, 45), 30 * MIN), at(2027, 1, 4, 14, 0));
    /* one hour on Monday, a morning on Tuesday, half an hour after lunch */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 16, 0), 5 * HOUR), at(2027, 1, 5, 14, 0));
    /* ending exactly at the start of lunch */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 9, 0), 3.5 * HOUR), at(2027, 1, 4, 12, 30));
    assert_interval(&w, at(2027, 1, 4, 12, 30), at(2027, 1, 4, 13, 30), at(2027, 1, 4, 17, 0));
    assert_interval(&w, at(2027, 1, 4, 12, 29), at(2027, 1, 4, 9, 0), at(2027, 1, 4, 12, 30));
    assert_time(worktime_open_between(&w, at(2027, 1, 4, 12, 0), at(2027, 1, 4, 14, 0)), HOUR);
    arena_clear(&a);
}

static void test_holidays(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Spec sp;
    office(&sp);
    spec_holiday(&sp, 2027, 12, 27); /* out of order and twice: sorted, kept once */
    spec_holiday(&sp, 2027, 1, 11);
    spec_holiday(&sp, 2027, 12, 27);
    WorkTime w;
    compile(&w, &a, &sp);
    assert_int_equal(w.n_holidays, 2);
    assert_true(w.holidays[0] < w.holidays[1]);
    double fri = at(2027, 1, 8, 16, 55);
    /* the holiday Monday pushes the work to Tuesday */
    assert_time(worktime_advance(&w, fri, 10 * MIN), at(2027, 1, 12, 9, 5));
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 11, 10, 0)), 0);
    assert_interval(&w, at(2027, 1, 8, 17, 0), at(2027, 1, 12, 9, 0), at(2027, 1, 12, 17, 0));
    assert_interval(&w, at(2027, 1, 11, 10, 0), at(2027, 1, 12, 9, 0), at(2027, 1, 12, 17, 0));
    /* three weeks of work that contain the holiday end one working day later */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 9, 0), 120 * HOUR), at(2027, 1, 25, 17, 0));
    assert_time(worktime_open_between(&w, at(2027, 1, 4, 0, 0), at(2027, 1, 18, 0, 0)),
                9 * 8 * HOUR);
    /* a year: 52 weeks less two holidays, so the work runs into 2028 */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 9, 0), 52 * 40 * HOUR),
                at(2028, 1, 4, 17, 0));
    assert_time(worktime_open_between(&w, 0, at(2028, 1, 3, 0, 0)), (52 * 40 - 16) * HOUR);
    arena_clear(&a);
}

/* A night shift, Monday night to Saturday morning; Saturday and Sunday
 * otherwise closed. The hours come unsorted and overlapping. */
static void night_shift(Spec *sp) {
    memset(sp, 0, sizeof *sp);
    spec_hours(sp, 1, 4, 2, 0, 6, 0);
    spec_hours(sp, 0, 4, 22, 0, 24, 0);
    spec_hours(sp, 1, 5, 0, 0, 3, 0);
    spec_hours(sp, 5, 5, 3, 0, 6, 0); /* touches 00:00-03:00 */
}

static void test_overnight(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Spec sp;
    night_shift(&sp);
    WorkTime w;
    compile(&w, &a, &sp);
    /* normalised: Tuesday is 00:00-06:00 and 22:00-24:00, Saturday one interval */
    assert_int_equal(w.n[1], 2);
    assert_time(w.open[1][0], 0);
    assert_time(w.close[1][0], 6 * HOUR);
    assert_time(w.open[1][1], 22 * HOUR);
    assert_time(w.close[1][1], DAY);
    assert_int_equal(w.n[5], 1);
    assert_int_equal(w.n[6], 0);
    assert_time(w.open_seconds_per_week, 5 * 8 * HOUR);
    /* one interval across midnight, seen from either side of it */
    double mon22 = at(2027, 1, 4, 22, 0), tue6 = at(2027, 1, 5, 6, 0);
    assert_interval(&w, at(2027, 1, 4, 23, 0), mon22, tue6);
    assert_interval(&w, at(2027, 1, 5, 3, 0), mon22, tue6);
    assert_interval(&w, at(2027, 1, 4, 12, 0), mon22, tue6);
    /* Saturday after 06:00 and Sunday are closed */
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 9, 5, 59)), 1);
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 9, 6, 0)), 0);
    assert_int_equal(worktime_is_open(&w, at(2027, 1, 10, 23, 0)), 0);
    assert_interval(&w, at(2027, 1, 9, 12, 0), at(2027, 1, 11, 22, 0), at(2027, 1, 12, 6, 0));
    /* Friday 23:00 + 8 h: 1 h Friday night, 6 h Saturday morning, 1 h Monday night */
    assert_time(worktime_advance(&w, at(2027, 1, 8, 23, 0), 8 * HOUR), at(2027, 1, 11, 23, 0));
    /* through midnight without a pause */
    assert_time(worktime_advance(&w, at(2027, 1, 4, 23, 30), HOUR), at(2027, 1, 5, 0, 30));
    assert_time(worktime_open_between(&w, at(2027, 1, 4, 23, 0), at(2027, 1, 5, 1, 0)),
                2 * HOUR);
    arena_clear(&a);
}

static void test_always(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Calendar c = {.always = 1};
    WorkTime w;
    assert_int_equal(worktime_init(&w, &c, day0(), &a), 0);
    assert_time(w.open_seconds_per_week, 7 * DAY);
    assert_time(worktime_advance(&w, 0.1, 0.2), 0.1 + 0.2);
    assert_time(worktime_advance(&w, 12345.678, 98765.4321), 12345.678 + 98765.4321);
    assert_time(worktime_advance(&w, 5, 0), 5);
    assert_time(worktime_open_between(&w, 0.3, 1e7 + 0.7), 1e7 + 0.7 - 0.3);
    assert_time(worktime_open_between(&w, 2, 1), 0);
    assert_int_equal(worktime_is_open(&w, 123456.5), 1);
    assert_interval(&w, 5000, -INFINITY, INFINITY);
    double ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assert_time(worktime_advance_seasonal(&w, 0.1, 86400 * 40 + 0.2, ones), 0.1 + (86400 * 40 + 0.2));
    arena_clear(&a);
}

static void test_never_open(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Spec sp = {0};
    WorkTime w;
    compile(&w, &a, &sp); /* no hours at all */
    assert_time(worktime_advance(&w, 0, 1), INFINITY);
    assert_time(worktime_advance(&w, 0, 0), 0);
    assert_interval(&w, 0, INFINITY, INFINITY);
    assert_int_equal(worktime_is_open(&w, 100), 0);
    assert_time(worktime_open_between(&w, 0, 1e6), 0);

    /* Mondays only, with every Monday a holiday for a while: 531 Mondays
     * (3717 days) reach past the search span, 429 (3003 days) do not */
    int *mondays = malloc(531 * sizeof *mondays);
    assert_non_null(mondays);
    for (int i = 0; i < 531; i++) mondays[i] = day0() + 7 * i;
    Interval nine_to_five = {9 * 60, 17 * 60};
    Calendar c = {0};
    c.hours[0] = &nine_to_five;
    c.n_hours[0] = 1;
    c.holidays = mondays;
    c.n_holidays = 531;
    assert_int_equal(worktime_init(&w, &c, day0(), &a), 0);
    assert_time(worktime_advance(&w, HOUR, 60), INFINITY);
    assert_interval(&w, HOUR, INFINITY, INFINITY);
    assert_time(worktime_advance_seasonal(&w, 0, 60, (double[12]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
                INFINITY);
    assert_time(worktime_open_between(&w, 0, 3717 * DAY), 0);
    assert_time(worktime_open_between(&w, 0, 3718 * DAY), 8 * HOUR);
    c.n_holidays = 429;
    assert_int_equal(worktime_init(&w, &c, day0(), &a), 0);
    assert_time(worktime_advance(&w, HOUR, 60), 3003 * DAY + 9 * HOUR + 60);
    assert_interval(&w, HOUR, 3003 * DAY + 9 * HOUR, 3003 * DAY + 17 * HOUR);
    free(mondays);

    /* seasonality that never counts */
    Spec o;
    office(&o);
    compile(&w, &a, &o);
    double zero[12] = {0};
    assert_time(worktime_advance_seasonal(&w, 0, 60, zero), INFINITY);
    arena_clear(&a);
}

static void test_seasonal(void **state) {
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Calendar all = {.always = 1};
    WorkTime w;
    assert_int_equal(worktime_init(&w, &all, day0(), &a), 0);
    double f[12] = {1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    /* half a day of January, then 12 h of amount at double speed: 6 h of February */
    double jan31 = at(2027, 1, 31, 12, 0);
    assert_time(worktime_advance_seasonal(&w, jan31, DAY, f), at(2027, 2, 1, 6, 0));
    /* the whole of February counts twice: 28 days of it take 14 */
    assert_time(worktime_advance_seasonal(&w, at(2027, 2, 1, 0, 0), 28 * DAY, f),
                at(2027, 2, 15, 0, 0));
    f[1] = 0; /* February skipped */
    assert_time(worktime_advance_seasonal(&w, jan31, DAY, f), at(2027, 3, 1, 12, 0));
    f[1] = 0.5; /* slower: 12 h of amount take a day */
    assert_time(worktime_advance_seasonal(&w, jan31, DAY, f), at(2027, 2, 2, 0, 0));

    Spec sp;
    office(&sp);
    compile(&w, &a, &sp);
    /* Friday Jan 29 16:00: 1 h in January, then 1 h of amount on Monday Feb 1 */
    double fri = at(2027, 1, 29, 16, 0);
    f[1] = 2;
    assert_time(worktime_advance_seasonal(&w, fri, 2 * HOUR, f), at(2027, 2, 1, 9, 30));
    f[1] = 0; /* February skipped: Monday March 1 */
    assert_time(worktime_advance_seasonal(&w, fri, 2 * HOUR, f), at(2027, 3, 1, 10, 0));
    /* a long amount: January's 20 working days at 1, then February at 2 */
    f[1] = 2;
    assert_time(worktime_advance_seasonal(&w, at(2027, 1, 4, 9, 0), 20 * 8 * HOUR + 16 * HOUR, f),
                at(2027, 2, 1, 17, 0));
    double ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assert_time(worktime_advance_seasonal(&w, fri, 300 * HOUR, ones),
                worktime_advance(&w, fri, 300 * HOUR));
    arena_clear(&a);
}

static void test_format_iso(void **state) {
    (void)state;
    char buf[24];
    int d0 = day0();
    worktime_format_iso(d0, 0, buf);
    assert_string_equal(buf, "2027-01-04T00:00:00");
    worktime_format_iso(d0, at(2028, 2, 29, 13, 14) + 15, buf);
    assert_string_equal(buf, "2028-02-29T13:14:15");
    worktime_format_iso(d0, 59.999, buf);
    assert_string_equal(buf, "2027-01-04T00:00:59");
    worktime_format_iso(d0, DAY - 0.001, buf);
    assert_string_equal(buf, "2027-01-04T23:59:59");
    worktime_format_iso(d0, at(2027, 1, 8, 16, 55), buf);
    assert_string_equal(buf, "2027-01-08T16:55:00");
    worktime_format_iso(d0, at(2100, 3, 1, 23, 59) + 59.5, buf); /* 2100 is not a leap year */
    assert_string_equal(buf, "2100-03-01T23:59:59");
    memset(buf, 'Z', sizeof buf);
    worktime_format_iso(d0, INFINITY, buf);
    assert_string_equal(buf, "");
    worktime_format_iso(d0, 1e13, buf); /* past year 9999 */
    assert_string_equal(buf, "");

    Arena a;
    arena_init(&a, 0);
    Calendar all = {.always = 1};
    WorkTime w;
    assert_int_equal(worktime_init(&w, &all, d0, &a), 0);
    assert_int_equal(worktime_day(&w, 0), d0);
    assert_int_equal(worktime_day(&w, DAY - 0.5), d0);
    assert_int_equal(worktime_day(&w, DAY), d0 + 1);
    assert_int_equal(worktime_month(d0, at(2027, 1, 31, 23, 59) + 59), 0);
    assert_int_equal(worktime_month(d0, at(2027, 2, 1, 0, 0)), 1);
    assert_int_equal(worktime_month(d0, at(2027, 12, 31, 12, 0)), 11);
    arena_clear(&a);
}

/* Every allocation of worktime_init fails in turn: -1, and nothing leaks
 * because the arena owns it all. */
static void test_out_of_memory(void **state) {
    (void)state;
    Spec sp;
    office(&sp);
    spec_holiday(&sp, 2027, 1, 11);
    Calendar c = calendar_of(&sp);
    int failures = 0;
    for (size_t limit = 8;; limit += 8) {
        Arena a;
        arena_init(&a, limit);
        WorkTime w;
        int rc = worktime_init(&w, &c, day0(), &a);
        if (rc == 0) {
            assert_time(worktime_advance(&w, at(2027, 1, 8, 16, 55), 10 * MIN),
                        at(2027, 1, 12, 9, 5));
            arena_clear(&a);
            break;
        }
        assert_int_equal(rc, -1);
        failures++;
        arena_clear(&a);
        assert_true(limit < 100000);
    }
    assert_true(failures >= 15); /* 14 interval arrays and the holidays */
}

/* ---- against a minute-by-minute walk ---------------------------------------- */

#define ORACLE_FIRST (-40L * 1440)     /* first minute (since t = 0) in the table */
#define ORACLE_MINUTES (200L * 1440)   /* 40 days before the start, 160 after */
#define QUESTIONS 2000

/* Which minutes are open, built straight from the raw Spec (weekday counted
 * from Monday 2027-01-04, each holiday looked for in the unsorted list), or
 * every minute for the 24/7 calendar. */
typedef struct Oracle {
    unsigned char open[ORACLE_MINUTES];
    double before[ORACLE_MINUTES + 1]; /* open seconds from the table's start */
    int month[ORACLE_MINUTES / 1440];  /* 0 = January, per day */
} Oracle;

static Oracle *oracle_new(const Spec *sp) {
    Oracle *o = malloc(sizeof *o);
    assert_non_null(o);
    o->before[0] = 0;
    for (long i = 0; i < ORACLE_MINUTES; i++) {
        long m = ORACLE_FIRST + i, day = m >= 0 ? m / 1440 : -((-m + 1439) / 1440);
        int minute = (int)(m - day * 1440), weekday = (int)(((day % 7) + 7) % 7), open = !sp;
        if (minute == 0) {
            int y, mo, d;
            units_civil(day0() + (int)day, &y, &mo, &d);
            o->month[i / 1440] = mo - 1;
        }
        for (size_t k = 0; sp && k < sp->n[weekday]; k++)
            if (sp->hours[weekday][k].start <= minute && minute < sp->hours[weekday][k].end)
                open = 1;
        for (size_t k = 0; sp && k < sp->n_holidays; k++)
            if (sp->holidays[k] == day0() + day) open = 0;
        o->open[i] = (unsigned char)open;
        o->before[i + 1] = o->before[i] + (open ? 60 : 0);
    }
    return o;
}

/* Table index of the minute holding x; the test is wrong if it is outside. */
static long oracle_index(double x) {
    long i = (long)floor(x / 60) - ORACLE_FIRST;
    if (i < 0 || i >= ORACLE_MINUTES) fail_msg("the oracle's table does not reach %.2f", x);
    return i;
}

/* Walk minute by minute, consuming work from open minutes (times the month's
 * factor when given) until it is used up. */
static double oracle_advance(const Oracle *o, double t, double work, const double *factor) {
    if (work == 0) return t;
    double x = t;
    for (long i = oracle_index(t);; i++) {
        if (i >= ORACLE_MINUTES) fail_msg("the oracle's table does not reach the end of work");
        double end = (double)(i + 1 + ORACLE_FIRST) * 60;
        double f = factor ? factor[o->month[i / 1440]] : 1;
        if (o->open[i] && f > 0) {
            double room = (end - x) * f;
            if (work <= room) return x + work / f;
            work -= room;
        }
        x = end;
    }
}

/* Open seconds from the table's start to x. */
static double oracle_before(const Oracle *o, double x) {
    long i = oracle_index(x);
    return o->before[i] + (o->open[i] ? x - floor(x / 60) * 60 : 0);
}

/* Whether minute i is open; the test is wrong if the walk leaves the table. */
static int oracle_open(const Oracle *o, long i) {
    if (i < 0 || i >= ORACLE_MINUTES) fail_msg("an open run reaches the oracle's table edge");
    return o->open[i];
}

/* The open run holding t or the next one: walk back to its first minute
 * and forward past its last. */
static void oracle_interval(const Oracle *o, double t, double *from, double *until) {
    long i = oracle_index(t);
    if (o->open[i]) {
        while (oracle_open(o, i - 1)) i--;
    } else {
        while (!oracle_open(o, i)) i++;
    }
    *from = (double)(i + ORACLE_FIRST) * 60;
    while (oracle_open(o, i)) i++;
    *until = (double)(i + ORACLE_FIRST) * 60;
}

static uint64_t lcg_state;

/* A small fixed-seed generator (Knuth's MMIX constants), high 31 bits. */
static uint64_t lcg(void) {
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lcg_state >> 33;
}

/* A multiple of 1/4 s in [0, max]: exact in binary, like whole seconds. */
static double quarters(double max) { return (double)(lcg() % ((uint64_t)(max * 4) + 1)) / 4; }

/* A start in the first 60 days, on a whole minute half the time so that
 * openings and closings are hit exactly. */
static double random_time(void) {
    return lcg() % 2 ? (double)(lcg() % (60 * 1440)) * 60 : quarters(60 * DAY - 1);
}

/* Work up to three weeks of the calendar's open time, mostly much less. */
static double random_work(double per_week) {
    uint64_t u = lcg() % 16;
    if (u == 0) return 0;
    double max = 3 * per_week / (u < 6 ? 200 : u < 12 ? 20 : 1);
    return u % 2 ? floor(quarters(max) / 60) * 60 : quarters(max);
}

/* 2000 random questions on one calendar (NULL: the 24/7 one). */
static void check_against_oracle(Spec *sp, uint64_t seed) {
    Arena a;
    arena_init(&a, 0);
    WorkTime w;
    if (sp) {
        compile(&w, &a, sp);
    } else {
        Calendar all = {.always = 1};
        assert_int_equal(worktime_init(&w, &all, day0(), &a), 0);
    }
    Oracle *o = oracle_new(sp);
    /* no calendar here has a holiday in the first week */
    assert_time(w.open_seconds_per_week,
                o->before[-ORACLE_FIRST + 7 * 1440] - o->before[-ORACLE_FIRST]);
    static const double ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static const double season[12] = {1, 2, 0, 0.5, 4, 1, 1, 1, 1, 1, 1, 1};
    lcg_state = seed;
    for (int q = 0; q < QUESTIONS; q++) {
        double t = random_time(), work = random_work(w.open_seconds_per_week);
        double end = worktime_advance(&w, t, work);
        double want = oracle_advance(o, t, work, NULL);
        if (end != want)
            fail_msg("question %d: advance(%.2f, %.2f) = %.2f, the walk says %.2f", q, t, work,
                     end, want);
        /* the work done between start and end is the work asked for */
        assert_time(worktime_open_between(&w, t, end), work);
        /* doing it in two parts ends at the same time */
        double first = floor(work * (double)(lcg() % 1001) / 1000 * 4) / 4;
        assert_time(worktime_advance(&w, worktime_advance(&w, t, first), work - first), end);
        assert_time(worktime_advance_seasonal(&w, t, work, ones), end);
        want = oracle_advance(o, t, work, season);
        double got = worktime_advance_seasonal(&w, t, work, season);
        if (got != want)
            fail_msg("question %d: seasonal(%.2f, %.2f) = %.2f, the walk says %.2f", q, t, work,
                     got, want);

        assert_int_equal(worktime_is_open(&w, t), o->open[oracle_index(t)]);
        if (sp) {
            double from, until, want_from, want_until;
            worktime_interval(&w, t, &from, &until);
            oracle_interval(o, t, &want_from, &want_until);
            if (from != want_from || until != want_until)
                fail_msg("question %d: interval(%.2f) = [%.2f, %.2f), the walk says [%.2f, %.2f)",
                         q, t, from, until, want_from, want_until);
        }
        double b = t + quarters(30 * DAY);
        assert_time(worktime_open_between(&w, t, b), oracle_before(o, b) - oracle_before(o, t));
        assert_time(worktime_open_between(&w, b, t), 0);
    }
    free(o);
    arena_clear(&a);
}

static void test_oracle_office(void **state) {
    (void)state;
    Spec sp = {0};
    spec_hours(&sp, 0, 4, 13, 30, 17, 0);
    spec_hours(&sp, 0, 4, 9, 0, 12, 30);
    spec_holiday(&sp, 2027, 1, 22); /* a Friday */
    spec_holiday(&sp, 2027, 1, 11); /* a Monday */
    spec_holiday(&sp, 2027, 1, 16); /* a Saturday: closed anyway */
    spec_holiday(&sp, 2027, 2, 17); /* a Wednesday */
    for (int d = 22; d <= 26; d++) spec_holiday(&sp, 2027, 3, d); /* a whole week */
    spec_holiday(&sp, 2027, 1, 11);
    check_against_oracle(&sp, 1);
}

static void test_oracle_night_shift(void **state) {
    (void)state;
    Spec sp;
    night_shift(&sp);
    spec_holiday(&sp, 2027, 2, 3);  /* a Wednesday: that night splits */
    spec_holiday(&sp, 2027, 1, 16); /* a Saturday: Friday's night ends at midnight */
    check_against_oracle(&sp, 2);
}

/* Open around the clock by hours, closed on holidays only. */
static void test_oracle_round_the_clock(void **state) {
    (void)state;
    Spec sp = {0};
    spec_hours(&sp, 0, 6, 12, 0, 24, 0);
    spec_hours(&sp, 0, 6, 0, 0, 12, 0);
    spec_holiday(&sp, 2027, 4, 1);
    spec_holiday(&sp, 2027, 1, 20);
    spec_holiday(&sp, 2026, 12, 25);
    spec_holiday(&sp, 2027, 2, 14);
    spec_holiday(&sp, 2027, 2, 15);
    spec_holiday(&sp, 2027, 3, 10);
    check_against_oracle(&sp, 3);
}

/* Open all week but one minute on Wednesdays: long runs, one gap a week. */
static void test_oracle_nearly_always(void **state) {
    (void)state;
    Spec sp = {0};
    spec_hours(&sp, 0, 1, 0, 0, 24, 0);
    spec_hours(&sp, 3, 6, 0, 0, 24, 0);
    spec_hours(&sp, 2, 2, 0, 0, 12, 0);
    spec_hours(&sp, 2, 2, 12, 1, 24, 0);
    check_against_oracle(&sp, 4);
}

/* One hour on Sundays, two of them holidays. */
static void test_oracle_sparse(void **state) {
    (void)state;
    Spec sp = {0};
    spec_hours(&sp, 6, 6, 10, 0, 11, 0);
    spec_holiday(&sp, 2027, 1, 17);
    spec_holiday(&sp, 2027, 1, 24);
    check_against_oracle(&sp, 5);
}

static void test_oracle_always(void **state) {
    (void)state;
    check_against_oracle(NULL, 6);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_office_week),        cmocka_unit_test(test_lunch_break),
        cmocka_unit_test(test_holidays),           cmocka_unit_test(test_overnight),
        cmocka_unit_test(test_always),             cmocka_unit_test(test_never_open),
        cmocka_unit_test(test_seasonal),           cmocka_unit_test(test_format_iso),
        cmocka_unit_test(test_out_of_memory),      cmocka_unit_test(test_oracle_office),
        cmocka_unit_test(test_oracle_night_shift), cmocka_unit_test(test_oracle_round_the_clock),
        cmocka_unit_test(test_oracle_nearly_always), cmocka_unit_test(test_oracle_sparse),
        cmocka_unit_test(test_oracle_always),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

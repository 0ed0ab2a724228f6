/*
 * test_units: the small languages inside YAML values (units.h): numbers,
 * integers, durations, rates, clock times and dates, with the byte offset
 * each refusal points at; the calendar arithmetic against a day-by-day walk
 * that knows nothing of the engine's formulas.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/units.h"

/* A refusal: returns -1, *err_off is off and *why mentions phrase. */
#define assert_refused(call, off, phrase)                                       \
    do {                                                                        \
        err_off = (size_t)-1;                                                   \
        why = NULL;                                                             \
        assert_int_equal((call), -1);                                           \
        assert_int_equal(err_off, (off));                                       \
        assert_non_null(why);                                                   \
        if (!strstr(why, (phrase))) fail_msg("'%s' lacks '%s'", why, (phrase)); \
    } while (0)

static void test_number(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    double v = -1;
    assert_int_equal(units_number("42", &v, &err_off, &why), 0);
    assert_true(v == 42.0);
    assert_int_equal(units_number("-3.25", &v, &err_off, &why), 0);
    assert_true(v == -3.25);
    assert_int_equal(units_number("+.5", &v, &err_off, &why), 0);
    assert_true(v == 0.5);
    assert_int_equal(units_number("5.", &v, &err_off, &why), 0);
    assert_true(v == 5.0);
    assert_int_equal(units_number("1.5e3", &v, &err_off, &why), 0);
    assert_true(v == 1500.0);
    assert_int_equal(units_number("25E-2", &v, &err_off, &why), 0);
    assert_true(v == 0.25);

    assert_refused(units_number("", &v, &err_off, &why), 0, "expected a number");
    assert_refused(units_number("abc", &v, &err_off, &why), 0, "expected a number");
    assert_refused(units_number(".", &v, &err_off, &why), 0, "expected a number");
    assert_refused(units_number("inf", &v, &err_off, &why), 0, "expected a number");
    assert_refused(units_number("nan", &v, &err_off, &why), 0, "expected a number");
    /* hex: strtod would take it, the scanner stops after the 0 */
    assert_refused(units_number("0x10", &v, &err_off, &why), 1, "after the number");
    assert_refused(units_number("1_000", &v, &err_off, &why), 1, "after the number");
    assert_refused(units_number("12abc", &v, &err_off, &why), 2, "after the number");
    assert_refused(units_number("1.5.2", &v, &err_off, &why), 3, "after the number");
    /* an exponent with no digits is not part of the number */
    assert_refused(units_number("1e", &v, &err_off, &why), 1, "after the number");
    assert_refused(units_number("7 ", &v, &err_off, &why), 1, "after the number");
    assert_refused(units_number("1e400", &v, &err_off, &why), 0, "out of range");
    assert_refused(units_number("-1e400", &v, &err_off, &why), 0, "out of range");
    /* 70 digits: longer than the scanner's buffer */
    char longnum[80];
    memset(longnum, '1', 70);
    longnum[70] = '\0';
    assert_refused(units_number(longnum, &v, &err_off, &why), 0, "too long");
}

static void test_integer(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    long v = -1;
    assert_int_equal(units_integer("0", &v, &err_off, &why), 0);
    assert_int_equal(v, 0);
    assert_int_equal(units_integer("+17", &v, &err_off, &why), 0);
    assert_int_equal(v, 17);
    assert_int_equal(units_integer("2147483647", &v, &err_off, &why), 0);
    assert_int_equal(v, 2147483647L);
    assert_refused(units_integer("-1", &v, &err_off, &why), 0, "negative");
    assert_refused(units_integer("", &v, &err_off, &why), 0, "whole number");
    assert_refused(units_integer("x1", &v, &err_off, &why), 0, "whole number");
    assert_refused(units_integer("12x", &v, &err_off, &why), 2, "whole number");
    assert_refused(units_integer("3.5", &v, &err_off, &why), 1, "whole number");
    assert_refused(units_integer("99999999999999999999999", &v, &err_off, &why), 0, "too large");
}

static void test_duration(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    double v = -1;
    static const struct {
        const char *text;
        double seconds;
    } OK[] = {{"45s", 45},        {"45sec", 45},   {"5m", 300},     {"5min", 300},
              {"2.5h", 9000},     {"3d", 259200},  {"0", 0},        {"0.0", 0},
              {"0m", 0},          {"5 m", 300},    {"1.5e1s", 15},  {"0.25h", 900}};
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        v = -1;
        if (units_duration(OK[i].text, &v, &err_off, &why))
            fail_msg("'%s' refused: %s", OK[i].text, why);
        if (v != OK[i].seconds) fail_msg("'%s' gave %g, want %g", OK[i].text, v, OK[i].seconds);
    }
    assert_refused(units_duration("5", &v, &err_off, &why), 1, "needs a unit");
    assert_refused(units_duration("2.5", &v, &err_off, &why), 3, "needs a unit");
    assert_refused(units_duration("5x", &v, &err_off, &why), 1, "unknown unit");
    assert_refused(units_duration("5 hours", &v, &err_off, &why), 2, "unknown unit");
    assert_refused(units_duration("5mm", &v, &err_off, &why), 1, "unknown unit");
    assert_refused(units_duration("-5m", &v, &err_off, &why), 0, "negative");
    assert_refused(units_duration("m5", &v, &err_off, &why), 0, "expected a duration");
    assert_refused(units_duration("", &v, &err_off, &why), 0, "expected a duration");
    assert_refused(units_duration("2e12s", &v, &err_off, &why), 0, "out of range");
}

static void test_rate(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    double rate = -1;
    RatePeriod p = RATE_NONE;
    static const struct {
        const char *text;
        double rate;
        RatePeriod period;
    } OK[] = {{"400/day", 400, RATE_DAY},        {"12 per hour", 12, RATE_HOUR},
              {"3 / week", 3, RATE_WEEK},        {"2.5/month", 2.5, RATE_MONTH},
              {"1000 per year", 1000, RATE_YEAR}, {"5/h", 5, RATE_HOUR},
              {"7 per  d", 7, RATE_DAY},         {"0.5/hour", 0.5, RATE_HOUR}};
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        rate = -1;
        p = RATE_NONE;
        if (units_rate(OK[i].text, &rate, &p, &err_off, &why))
            fail_msg("'%s' refused: %s", OK[i].text, why);
        if (rate != OK[i].rate || p != OK[i].period)
            fail_msg("'%s' gave %g per %d", OK[i].text, rate, (int)p);
    }
    assert_refused(units_rate("0/day", &rate, &p, &err_off, &why), 0, "greater than 0");
    assert_refused(units_rate("-4/day", &rate, &p, &err_off, &why), 0, "greater than 0");
    assert_refused(units_rate("/day", &rate, &p, &err_off, &why), 0, "expected a rate");
    assert_refused(units_rate("400 day", &rate, &p, &err_off, &why), 4, "'/' or 'per'");
    assert_refused(units_rate("400", &rate, &p, &err_off, &why), 3, "'/' or 'per'");
    assert_refused(units_rate("12 perhour", &rate, &p, &err_off, &why), 3, "'/' or 'per'");
    assert_refused(units_rate("400/fortnight", &rate, &p, &err_off, &why), 4, "unknown period");
    assert_refused(units_rate("400 / days", &rate, &p, &err_off, &why), 6, "unknown period");
    assert_refused(units_rate("12 per hour!", &rate, &p, &err_off, &why), 7, "unknown period");
}

static void test_clock(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    int m = -1;
    assert_int_equal(units_clock("00:00", &m, &err_off, &why), 0);
    assert_int_equal(m, 0);
    assert_int_equal(units_clock("08:30", &m, &err_off, &why), 0);
    assert_int_equal(m, 8 * 60 + 30);
    assert_int_equal(units_clock("23:59", &m, &err_off, &why), 0);
    assert_int_equal(m, 23 * 60 + 59);
    assert_int_equal(units_clock("24:00", &m, &err_off, &why), 0);
    assert_int_equal(m, 1440);
    assert_refused(units_clock("24:01", &m, &err_off, &why), 0, "hours");
    assert_refused(units_clock("25:00", &m, &err_off, &why), 0, "hours");
    assert_refused(units_clock("12:60", &m, &err_off, &why), 3, "minutes");
    assert_refused(units_clock("8:30", &m, &err_off, &why), 0, "HH:MM");
    assert_refused(units_clock("08:30:00", &m, &err_off, &why), 0, "HH:MM");
    assert_refused(units_clock("08-30", &m, &err_off, &why), 0, "HH:MM");
    assert_refused(units_clock("", &m, &err_off, &why), 0, "HH:MM");
}

/* The calendar as a child learns it, for the independent walks below. */
static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int month_days(int y, int m) {
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return D[m - 1] + (m == 2 && is_leap(y));
}

static void test_date(void **state) {
    (void)state;
    size_t err_off;
    const char *why;
    int d = -1;
    /* 1970..2026: 57 years, 14 of them leap (1972..2024); then 3 days */
    assert_int_equal(units_date("2027-01-04", &d, &err_off, &why), 0);
    assert_int_equal(d, 57 * 365 + 14 + 3);
    assert_int_equal(units_date("1970-01-01", &d, &err_off, &why), 0);
    assert_int_equal(d, 0);
    /* 1900..1969: 70 years, 17 leap (1904..1968) */
    assert_int_equal(units_date("1900-01-01", &d, &err_off, &why), 0);
    assert_int_equal(d, -(70 * 365 + 17));
    /* 2000-01-01 is day 10957; 2000 is a leap year (divisible by 400) */
    assert_int_equal(units_date("2000-02-29", &d, &err_off, &why), 0);
    assert_int_equal(d, 10957 + 31 + 28);
    assert_int_equal(units_date("2024-02-29", &d, &err_off, &why), 0);
    assert_int_equal(units_date("2200-12-31", &d, &err_off, &why), 0);

    assert_refused(units_date("2023-02-29", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("1900-02-29", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("2100-02-29", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("2027-04-31", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("2027-01-32", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("2027-01-00", &d, &err_off, &why), 8, "no such day");
    assert_refused(units_date("2027-13-01", &d, &err_off, &why), 5, "month");
    assert_refused(units_date("2027-00-10", &d, &err_off, &why), 5, "month");
    assert_refused(units_date("1899-12-31", &d, &err_off, &why), 0, "year");
    assert_refused(units_date("2201-01-01", &d, &err_off, &why), 0, "year");
    assert_refused(units_date("2027-1-04", &d, &err_off, &why), 0, "YYYY-MM-DD");
    assert_refused(units_date("2027/01/04", &d, &err_off, &why), 0, "YYYY-MM-DD");
    assert_refused(units_date("2027-01", &d, &err_off, &why), 0, "YYYY-MM-DD");
    assert_refused(units_date("", &d, &err_off, &why), 0, "YYYY-MM-DD");
    assert_refused(units_date("2027-01-04x", &d, &err_off, &why), 10, "YYYY-MM-DD");
    assert_refused(units_date("2027-01-04T08:00", &d, &err_off, &why), 10, "YYYY-MM-DD");
}

static void test_weekday(void **state) {
    (void)state;
    assert_int_equal(units_weekday(units_days_from_civil(2027, 1, 4)), 0);   /* Monday */
    assert_int_equal(units_weekday(0), 3);                                   /* Thursday */
    assert_int_equal(units_weekday(-1), 2);                                  /* Wednesday */
    assert_int_equal(units_weekday(-4), 6);                                  /* 1969-12-28 Sun */
    assert_int_equal(units_weekday(10957), 5);                               /* 2000-01-01 Sat */
    assert_int_equal(units_weekday(-(70 * 365 + 17)), 0);                    /* 1900-01-01 Mon */
    assert_int_equal(units_weekday(57 * 365 + 14 + 3 + 4), 4);               /* 2027-01-08 Fri */
    assert_int_equal(units_weekday(-(70 * 365 + 17) - 7 * 1000 + 1), 1);     /* a Tuesday */
}

/* Walk day by day from 1970-01-01 (day 0) with the child's calendar, forward
 * to 2800 and back to -400, and check both conversions at every step. */
static void check_day(int day, int y, int m, int d) {
    int cy, cm, cd;
    units_civil(day, &cy, &cm, &cd);
    if (cy != y || cm != m || cd != d)
        fail_msg("day %d: civil %d-%d-%d, want %d-%d-%d", day, cy, cm, cd, y, m, d);
    int back = units_days_from_civil(y, m, d);
    if (back != day) fail_msg("%d-%d-%d: day %d, want %d", y, m, d, back, day);
}

static void test_civil_round_trip(void **state) {
    (void)state;
    int y = 1970, m = 1, d = 1, day = 0, w = units_weekday(0);
    while (y < 2800) {
        check_day(day, y, m, d);
        if (++d > month_days(y, m)) {
            d = 1;
            if (++m > 12) m = 1, y++;
        }
        day++;
        int nw = units_weekday(day);
        if (nw != (w + 1) % 7) fail_msg("weekday of day %d is %d after %d", day, nw, w);
        w = nw;
    }
    y = 1970, m = 1, d = 1, day = 0, w = units_weekday(0);
    while (y > -400) {
        check_day(day, y, m, d);
        if (--d < 1) {
            if (--m < 1) m = 12, y--;
            d = month_days(y, m);
        }
        day--;
        int nw = units_weekday(day);
        if (nw != (w + 6) % 7) fail_msg("weekday of day %d is %d before %d", day, nw, w);
        w = nw;
    }
    /* the walk covered 2800 - -400 years: about 1.17 million days */
    assert_true(day < -(2370 * 365));
}

static void test_format_duration(void **state) {
    (void)state;
    static const struct {
        double seconds;
        const char *text;
    } CASES[] = {{0, "0s"},         {0.25, "0.25s"},   {45, "45s"},     {59, "59s"},
                 {60, "1m"},        {90, "1.5m"},      {300, "5m"},     {3600, "1h"},
                 {5400, "1.5h"},    {12345, "3.429h"}, {86400, "1d"},   {129600, "1.5d"},
                 {259200, "3d"},    {-90, "-1.5m"}};
    char buf[32];
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        memset(buf, 'Z', sizeof buf);
        char *r = units_format_duration(CASES[i].seconds, buf, sizeof buf);
        assert_ptr_equal(r, buf);
        if (strcmp(buf, CASES[i].text) != 0)
            fail_msg("%g s gave '%s', want '%s'", CASES[i].seconds, buf, CASES[i].text);
    }
    /* a short buffer is cut and terminated, never overrun */
    char small[8];
    memset(small, 'Z', sizeof small);
    units_format_duration(5400, small, 4);
    assert_string_equal(small, "1.5");
    assert_int_equal(small[4], 'Z');
}

static void test_period_seconds(void **state) {
    (void)state;
    assert_true(units_period_seconds(RATE_HOUR) == 60.0 * 60);
    assert_true(units_period_seconds(RATE_DAY) == 24.0 * 60 * 60);
    assert_true(units_period_seconds(RATE_WEEK) == 7.0 * 24 * 60 * 60);
    /* a year is the Gregorian mean, 365.2425 days; a month a twelfth of it */
    assert_float_equal(units_period_seconds(RATE_MONTH), 30.436875 * 86400, 1e-6);
    assert_float_equal(units_period_seconds(RATE_YEAR), 31556952.0, 1e-6);
    assert_true(units_period_seconds(RATE_NONE) == 0.0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number),          cmocka_unit_test(test_integer),
        cmocka_unit_test(test_duration),        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_clock),           cmocka_unit_test(test_date),
        cmocka_unit_test(test_weekday),         cmocka_unit_test(test_civil_round_trip),
        cmocka_unit_test(test_format_duration), cmocka_unit_test(test_period_seconds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

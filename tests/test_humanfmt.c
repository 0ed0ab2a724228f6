/*
 * test_humanfmt: figures written for people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <cmocka.h>

#include "report/humanfmt.h"

#define MINUS "\xe2\x88\x92"

static void test_money(void **state) {
    (void)state;
    char b[HUMANFMT_BYTES];
    assert_string_equal(humanfmt_money(1234567.4, "GBP", b, sizeof b), "\xc2\xa3" "1,234,567");
    assert_string_equal(humanfmt_money(-300.5, "EUR", b, sizeof b), MINUS "\xe2\x82\xac" "301");
    assert_string_equal(humanfmt_money(1234, "NZD", b, sizeof b), "1,234 NZD");
    assert_string_equal(humanfmt_money(-0.2, "USD", b, sizeof b), "$0"); /* no "−$0" */
    assert_string_equal(humanfmt_money(NAN, "GBP", b, sizeof b), "n/a");
    assert_string_equal(humanfmt_money_short(1234567, "GBP", b, sizeof b), "\xc2\xa3" "1.2m");
    assert_string_equal(humanfmt_money_short(-350000, "GBP", b, sizeof b), MINUS "\xc2\xa3" "350k");
    assert_string_equal(humanfmt_money_short(999.4, "GBP", b, sizeof b), "\xc2\xa3" "999");
    assert_string_equal(humanfmt_money_fine(14.204, "GBP", b, sizeof b), "\xc2\xa3" "14.20");
    assert_string_equal(humanfmt_money_fine(-0.35, "EUR", b, sizeof b), MINUS "\xe2\x82\xac" "0.35");
    assert_string_equal(humanfmt_money_fine(-0.001, "USD", b, sizeof b), "$0.00");
    assert_string_equal(humanfmt_money_fine(12.5, "NZD", b, sizeof b), "12.50 NZD");
    assert_string_equal(humanfmt_money_fine(1234.56, "GBP", b, sizeof b), "\xc2\xa3" "1,235");
    assert_string_equal(humanfmt_money_fine(NAN, "GBP", b, sizeof b), "n/a");
}

static void test_durations_and_shares(void **state) {
    (void)state;
    char b[HUMANFMT_BYTES];
    assert_string_equal(humanfmt_duration(45, b, sizeof b), "45 s");
    assert_string_equal(humanfmt_duration(2.5, b, sizeof b), "2.5 s");
    assert_string_equal(humanfmt_duration(720, b, sizeof b), "12 min");
    assert_string_equal(humanfmt_duration(8640, b, sizeof b), "2.4 h");
    assert_string_equal(humanfmt_duration(3.1 * 86400, b, sizeof b), "3.1 days");
    assert_string_equal(humanfmt_duration(86400, b, sizeof b), "1.0 day");
    assert_string_equal(humanfmt_duration(40 * 86400, b, sizeof b), "40 days");
    /* the unit follows the figure as shown: never "24 h" or "60 min" */
    assert_string_equal(humanfmt_duration(86000, b, sizeof b), "1.0 day");
    assert_string_equal(humanfmt_duration(3590, b, sizeof b), "1.0 h");
    assert_string_equal(humanfmt_duration(59.98, b, sizeof b), "1.0 min");
    assert_string_equal(humanfmt_duration(9.96 * 3600, b, sizeof b), "10 h");
    assert_string_equal(humanfmt_duration(57 * 60, b, sizeof b), "57 min"); /* not "1.0 h" */
    assert_string_equal(humanfmt_duration(-86400, b, sizeof b), MINUS "1.0 day");
    assert_string_equal(humanfmt_duration(9.96, b, sizeof b), "10 s");
    assert_string_equal(humanfmt_percent(0.853, 1, b, sizeof b), "85.3%");
    assert_string_equal(humanfmt_percent(0.5, 0, b, sizeof b), "50%");
    /* a share short of the ends is never shown on them */
    assert_string_equal(humanfmt_share(0.99964, 1, b, sizeof b), ">99.9%");
    assert_string_equal(humanfmt_share(0.998, 1, b, sizeof b), "99.8%");
    assert_string_equal(humanfmt_share(1, 1, b, sizeof b), "100%");
    assert_string_equal(humanfmt_share(0.0004, 1, b, sizeof b), "<0.1%");
    assert_string_equal(humanfmt_share(0, 1, b, sizeof b), "0%");
    assert_string_equal(humanfmt_share(0.853, 0, b, sizeof b), "85%");
    assert_string_equal(humanfmt_years(2.44, b, sizeof b), "2.4 years");
    assert_string_equal(humanfmt_years(1, b, sizeof b), "1.0 year");
    assert_string_equal(humanfmt_number(-1234.5, 1, b, sizeof b), MINUS "1,234.5");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_durations_and_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_finance: discounting and appraisal figures (finance.h). Every
 * expected value is worked out by hand in the comment above it (the
 * decimals carried to 17 digits with mpmath at 40-digit precision), and
 * compared to 1e-12 relative where the code computes a closed form in a
 * few roundings; the IRR, found by bisection to 1e-10, is compared to
 * 1e-10 absolute.
 */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "value/finance.h"

#define CLOSE 1e-12   /* relative, for closed forms of a few roundings */
#define IRR_TOL 1e-10 /* absolute, the bisection's promise */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* |got - want| <= rel * |want| (or exactly equal, for zeros). */
#define assert_close(got, want, rel)                                                  \
    do {                                                                              \
        double g_ = (got), w_ = (want);                                               \
        if (!(g_ == w_ || fabs(g_ - w_) <= (rel) * fabs(w_)))                        \
            fail_msg("%s = %.17g, want %.17g (rel %g)", #got, g_, w_, (double)(rel)); \
    } while (0)

/* |got - want| <= tol. */
#define assert_near(got, want, tol)                                                   \
    do {                                                                              \
        double g_ = (got), w_ = (want);                                               \
        if (!(fabs(g_ - w_) <= (tol)))                                                \
            fail_msg("%s = %.17g, want %.17g (abs %g)", #got, g_, w_, (double)(tol)); \
    } while (0)

/* The hand example of NPV, IRR and payback. */
static const double EXAMPLE[] = {-1000, 300, 400, 500};

/* The Green Book's rate steps at 31, 76, 126, 201 and 301: the last year of
 * each step and the first of the next. */
static void test_green_book_rates(void **state) {
    (void)state;
    DiscountSchedule gb = finance_green_book();
    assert_int_equal(gb.n, 6);
    assert_int_equal(gb.from[0], 0);
    static const struct {
        int year;
        double rate;
    } table[] = {
        {1, 0.035},   {30, 0.035},  {31, 0.03},   {75, 0.03},   {76, 0.025},
        {125, 0.025}, {126, 0.02},  {200, 0.02},  {201, 0.015}, {300, 0.015},
        {301, 0.01},  {1000, 0.01}, {INT_MAX, 0.01},
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        double got = finance_rate(&gb, table[i].year);
        if (got != table[i].rate)
            fail_msg("rate(%d) = %.17g, want %.17g", table[i].year, got, table[i].rate);
    }
}

/* DF(t) = prod over k = 1..t of 1/(1 + r_k):
 *   DF(0)   = 1
 *   DF(1)   = 1/1.035                     = 0.96618357487922705
 *   DF(30)  = 1.035^-30                   = 0.35627841060230154
 *   DF(31)  = DF(30)/1.03                 = 0.34590136951679761
 *   DF(75)  = DF(30)/1.03^45              = 0.094213772576691405
 *   DF(76)  = DF(75)/1.025                = 0.091915875684576980
 *   DF(125) = DF(75)/1.025^50             = 0.027410763016194987
 *   DF(126) = DF(125)/1.02                = 0.026873297074700968
 *   DF(200) = DF(125)/1.02^75             = 0.0062073787157004753
 *   DF(201) = DF(200)/1.015               = 0.0061156440548773155
 *   DF(300) = DF(200)/1.015^100           = 0.0014005674143643887
 *   DF(301) = DF(300)/1.01                = 0.0013867004102617710
 * Both the decimals and the chained closed forms (built by the test from
 * pow, independently of the schedule walk) are checked. */
static void test_green_book_factors(void **state) {
    (void)state;
    DiscountSchedule gb = finance_green_book();
    assert_true(finance_factor(&gb, 0) == 1);
    assert_close(finance_factor(&gb, 1), 1 / 1.035, CLOSE);
    assert_close(finance_factor(&gb, 1), 0.96618357487922705, CLOSE);

    double df30 = pow(1.035, -30), df75 = df30 / pow(1.03, 45);
    double df125 = df75 / pow(1.025, 50), df200 = df125 / pow(1.02, 75);
    double df300 = df200 / pow(1.015, 100);
    assert_close(finance_factor(&gb, 30), df30, CLOSE);
    assert_close(finance_factor(&gb, 31), df30 / 1.03, CLOSE);
    assert_close(finance_factor(&gb, 75), df75, CLOSE);
    assert_close(finance_factor(&gb, 76), df75 / 1.025, CLOSE);
    assert_close(finance_factor(&gb, 125), df125, CLOSE);
    assert_close(finance_factor(&gb, 126), df125 / 1.02, CLOSE);
    assert_close(finance_factor(&gb, 200), df200, CLOSE);
    assert_close(finance_factor(&gb, 201), df200 / 1.015, CLOSE);
    assert_close(finance_factor(&gb, 300), df300, CLOSE);
    assert_close(finance_factor(&gb, 301), df300 / 1.01, CLOSE);

    assert_close(finance_factor(&gb, 30), 0.35627841060230154, CLOSE);
    assert_close(finance_factor(&gb, 31), 0.34590136951679761, CLOSE);
    assert_close(finance_factor(&gb, 75), 0.094213772576691405, CLOSE);
    assert_close(finance_factor(&gb, 76), 0.091915875684576980, CLOSE);
    assert_close(finance_factor(&gb, 125), 0.027410763016194987, CLOSE);
    assert_close(finance_factor(&gb, 126), 0.026873297074700968, CLOSE);
    assert_close(finance_factor(&gb, 201), 0.0061156440548773155, CLOSE);
    assert_close(finance_factor(&gb, 301), 0.0013867004102617710, CLOSE);
}

/* Year by year, DF(t) / DF(t - 1) = 1/(1 + rate(t)): the factors and the
 * rates tell the same schedule, with no jump at a step. */
static void test_factor_steps_by_rate(void **state) {
    (void)state;
    DiscountSchedule gb = finance_green_book();
    for (int t = 1; t <= 1100; t++) {
        double ratio = finance_factor(&gb, t) / finance_factor(&gb, t - 1);
        double want = 1 / (1 + finance_rate(&gb, t));
        if (fabs(ratio - want) > CLOSE * want)
            fail_msg("DF(%d)/DF(%d) = %.17g, want %.17g", t, t - 1, ratio, want);
    }
}

/* Beyond year 1000 the factor stays finite and positive:
 *   DF(1001) = DF(300)/1.01^701 = 1.035^-30 1.03^-45 1.025^-50 1.02^-75
 *              1.015^-100 1.01^-701 = 1.3092452176057327e-6
 *   DF(5000) = DF(1001)/1.01^3999 = 6.8524715229585030e-24
 * and at INT_MAX, where the true value (~e^-2e7) is below the smallest
 * double, it is 0, not NaN. */
static void test_factor_far_years(void **state) {
    (void)state;
    DiscountSchedule gb = finance_green_book();
    assert_close(finance_factor(&gb, 1001), 1.3092452176057327e-6, 1e-11);
    assert_close(finance_factor(&gb, 5000), 6.8524715229585030e-24, 1e-11);
    double far = finance_factor(&gb, INT_MAX);
    assert_true(isfinite(far) && far >= 0);
}

/* A schedule of 5% from year 0, 2% from year 3 and 0% from year 10:
 *   rate(2) = 0.05, rate(3) = 0.02, rate(9) = 0.02, rate(10) = 0
 *   DF(2) = 1/1.05^2 = 1/1.1025
 *   DF(4) = 1/(1.05^2 1.02^2) = 1/1.147041 = 0.87180841835644933
 *   DF(9) = 1/(1.05^2 1.02^7) = 0.78962374477452497 = DF(12), since the
 *   years after 9 are not discounted.
 * And a constant 10%: DF(t) = 1.1^-t, DF(3) = 1/1.331. */
static void test_custom_schedule(void **state) {
    (void)state;
    DiscountSchedule s = {.n = 3, .from = {0, 3, 10}, .rate = {0.05, 0.02, 0}};
    assert_true(finance_rate(&s, 2) == 0.05);
    assert_true(finance_rate(&s, 3) == 0.02);
    assert_true(finance_rate(&s, 9) == 0.02);
    assert_true(finance_rate(&s, 10) == 0);
    assert_true(finance_rate(&s, 500) == 0);
    assert_close(finance_factor(&s, 2), 1 / 1.1025, CLOSE);
    assert_close(finance_factor(&s, 4), 0.87180841835644933, CLOSE);
    assert_close(finance_factor(&s, 9), 0.78962374477452497, CLOSE);
    assert_close(finance_factor(&s, 12), 0.78962374477452497, CLOSE);

    DiscountSchedule c = finance_constant(0.1);
    assert_int_equal(c.n, 1);
    assert_true(finance_rate(&c, 1) == 0.1 && finance_rate(&c, 400) == 0.1);
    assert_true(finance_factor(&c, 0) == 1);
    assert_close(finance_factor(&c, 3), 1 / 1.331, CLOSE);
    assert_close(finance_factor(&c, 40), pow(1.1, -40), CLOSE);
}

/* {-1000, 300, 400, 500} at a constant 10%:
 *   -1000 + 300/1.1 + 400/1.21 + 500/1.331
 *   = -1000 + 3000/11 + 40000/121 + 500000/1331
 *   = -1000 + 272.72727... + 330.57851... + 375.65740...
 *   = (-1331000 + 363000 + 440000 + 500000) / 1331 = -28000/1331
 *   = -21.036814425244177.
 * Under the Green Book (3.5% in these years):
 *   -1000 + 300/1.035 + 400/1.035^2 + 500/1.035^3
 *   = -1000 + 289.85507246376812 + 373.40428014656118 + 450.97135283401109
 *   = 114.23070544434038.
 * No flows: 0. */
static void test_npv(void **state) {
    (void)state;
    DiscountSchedule ten = finance_constant(0.1), gb = finance_green_book();
    assert_close(finance_npv(&ten, EXAMPLE, 4), -28000.0 / 1331, CLOSE);
    assert_close(finance_npv(&ten, EXAMPLE, 4), -21.036814425244177, CLOSE);
    assert_close(finance_npv(&gb, EXAMPLE, 4), 114.23070544434038, CLOSE);
    assert_true(finance_npv(&gb, NULL, 0) == 0);
    assert_true(finance_npv(&gb, EXAMPLE, 1) == -1000);
}

/* IRR of {-1000, 300, 400, 500}: f(r) = -1000 + 300/(1+r) + 400/(1+r)^2 +
 * 500/(1+r)^3. By the secant method at 40 digits from r = 0.08
 * (f = 17.6294...) and r = 0.09 (f = -2.00690...):
 *   0.088977963430769688  (f = -2.8e-2)
 *   0.088963370977028848  (f =  4.6e-5)
 *   0.088963394693892440  (f = -1.1e-9)
 *   0.088963394693349935  (f = -3.9e-17)
 * so IRR = 0.0889633946933499353. The NPV at the rate found is ~0: its
 * slope there is about -1940, so 5e-11 of rate is 1e-7 of NPV. */
static void test_irr_example(void **state) {
    (void)state;
    double irr = -1;
    assert_int_equal(finance_irr(EXAMPLE, 4, &irr), 0);
    assert_near(irr, 0.0889633946933499353, IRR_TOL);
    DiscountSchedule at = finance_constant(irr);
    assert_near(finance_npv(&at, EXAMPLE, 4), 0, 1e-6);
}

/* Closed forms:
 *   {-100, 110}: 110/(1+r) = 100, r = 0.1
 *   {100, -110}: the same root, sign changing back
 *   {-100, 0, 121}: (1+r)^2 = 1.21, r = 0.1 (the zero is ignored)
 *   {0, -100, 110, 0}: leading and trailing zeros change nothing, r = 0.1
 *   {-100, 0, 1}: (1+r)^2 = 0.01, r = -0.9, near the bracket's low end
 *   {-1, 0 x 398, 2}: (1+r)^399 = 2, r = 2^(1/399) - 1 = 0.0017387208040078583;
 *     at the bracket's -0.99 a naive 0.01^-399 would overflow. */
static void test_irr_closed_forms(void **state) {
    (void)state;
    double irr = -1;
    assert_int_equal(finance_irr((const double[]){-100, 110}, 2, &irr), 0);
    assert_near(irr, 0.1, IRR_TOL);
    assert_int_equal(finance_irr((const double[]){100, -110}, 2, &irr), 0);
    assert_near(irr, 0.1, IRR_TOL);
    assert_int_equal(finance_irr((const double[]){-100, 0, 121}, 3, &irr), 0);
    assert_near(irr, 0.1, IRR_TOL);
    assert_int_equal(finance_irr((const double[]){0, -100, 110, 0}, 4, &irr), 0);
    assert_near(irr, 0.1, IRR_TOL);
    assert_int_equal(finance_irr((const double[]){-100, 0, 1}, 3, &irr), 0);
    assert_near(irr, -0.9, IRR_TOL);

    double longer[400] = {-1};
    longer[399] = 2;
    assert_int_equal(finance_irr(longer, 400, &irr), 0);
    assert_near(irr, 0.0017387208040078583, IRR_TOL);
}

/* Not defined (-1, *irr untouched):
 *   {-100, 230, -132}: two sign changes; -100 x^2 + 230 x - 132 = 0 in
 *     x = 1+r gives x = (230 +- 10)/200, roots 10% and 20%: no one IRR
 *   all positive, all negative, all zero, no flows: no sign change
 *   {-1, 1000}: r = 999, beyond the bracket's 10
 *   {-100, 0.5}: r = -0.995, below the bracket's -0.99
 *   a NAN flow. */
static void test_irr_undefined(void **state) {
    (void)state;
    double irr = 42;
    assert_int_equal(finance_irr((const double[]){-100, 230, -132}, 3, &irr), -1);
    assert_int_equal(finance_irr((const double[]){100, 200, 300}, 3, &irr), -1);
    assert_int_equal(finance_irr((const double[]){-100, -200, 0}, 3, &irr), -1);
    assert_int_equal(finance_irr((const double[]){0, 0}, 2, &irr), -1);
    assert_int_equal(finance_irr(NULL, 0, &irr), -1);
    assert_int_equal(finance_irr((const double[]){-1, 1000}, 2, &irr), -1);
    assert_int_equal(finance_irr((const double[]){-100, 0.5}, 2, &irr), -1);
    assert_int_equal(finance_irr((const double[]){-100, NAN, 300}, 3, &irr), -1);
    assert_true(irr == 42);
}

/* Simple payback, year t's flow spread over [t, t+1):
 *   {-1000, 300, 400, 500}: cumulative at times 1..4 is -1000, -700, -300,
 *     +200; year 3 makes up the 300 short at 500 a year: 3 + 300/500 = 3.6
 *   {-100, 50, 50}: ends exactly at 0, at time 3: pays back at 3
 *   {-100, 150, -100, 100}: at 1, 2, 3, 4: -100, +50, -50, +50; it first
 *     reaches 0 at 1 + 100/150 but dips again, and stays from the second
 *     crossing, 3 + 50/100 = 3.5
 *   {0, 0, -100, 200}: 0, 0, -100, +100: 3 + 100/200 = 3.5
 *   {-1000, 300, 400}: ends at -300: never (-1)
 *   {0, 50, 20}, {} : never below 0: 0. */
static void test_payback_simple(void **state) {
    (void)state;
    double years = -1;
    assert_int_equal(finance_payback(NULL, EXAMPLE, 4, &years), 0);
    assert_close(years, 3.6, CLOSE);
    assert_int_equal(finance_payback(NULL, (const double[]){-100, 50, 50}, 3, &years), 0);
    assert_close(years, 3, CLOSE);
    assert_int_equal(finance_payback(NULL, (const double[]){-100, 150, -100, 100}, 4, &years), 0);
    assert_close(years, 3.5, CLOSE);
    assert_int_equal(finance_payback(NULL, (const double[]){0, 0, -100, 200}, 4, &years), 0);
    assert_close(years, 3.5, CLOSE);
    assert_int_equal(finance_payback(NULL, (const double[]){0, 50, 20}, 3, &years), 0);
    assert_true(years == 0);
    years = -1;
    assert_int_equal(finance_payback(NULL, NULL, 0, &years), 0);
    assert_true(years == 0);

    years = 42;
    assert_int_equal(finance_payback(NULL, EXAMPLE, 3, &years), -1);
    assert_int_equal(finance_payback(NULL, (const double[]){-100, 150, -100}, 3, &years), -1);
    assert_int_equal(finance_payback(NULL, (const double[]){-100, INFINITY}, 2, &years), -1);
    assert_true(years == 42);
}

/* Discounted payback at 10%:
 *   {-1000, 600, 600}: discounted -1000, 600/1.1 = 6000/11, 600/1.21 =
 *     60000/121; cumulative at 2 is -1000 + 6000/11 = -5000/11, and year 2
 *     makes that up at 60000/121 a year: 2 + (5000/11)/(60000/121) =
 *     2 + 605000/660000 = 2 + 11/12 = 35/12 = 2.9166...
 *   {-1000, 300, 400, 350}: simply, -1000, -700, -300, +50 at 1..4, so
 *     3 + 300/350 = 3.8571428571428571; discounted, -1000 + 3000/11 +
 *     40000/121 + 350000/1331 = -178000/1331 = -133.73: never (-1). */
static void test_payback_discounted(void **state) {
    (void)state;
    DiscountSchedule ten = finance_constant(0.1);
    double years = -1;
    assert_int_equal(finance_payback(&ten, (const double[]){-1000, 600, 600}, 3, &years), 0);
    assert_close(years, 35.0 / 12, CLOSE);

    static const double late[] = {-1000, 300, 400, 350};
    assert_int_equal(finance_payback(NULL, late, 4, &years), 0);
    assert_close(years, 3 + 300.0 / 350, CLOSE);
    years = 42;
    assert_int_equal(finance_payback(&ten, late, 4, &years), -1);
    assert_true(years == 42);
    assert_close(finance_npv(&ten, late, 4), -178000.0 / 1331, CLOSE);
}

/* Benefits {0, 110, 121}, costs {100, 0, 0}:
 *   at 10%: PV(b) = 110/1.1 + 121/1.21 = 100 + 100 = 200, PV(c) = 100: 2
 *   Green Book: (110/1.035 + 121/1.035^2) / 100 = (106.28019323671498 +
 *     112.95479474433476) / 100 = 2.1923498798104973
 *   costs all 0: NAN. */
static void test_bcr(void **state) {
    (void)state;
    static const double benefits[] = {0, 110, 121}, costs[] = {100, 0, 0};
    static const double none[] = {0, 0, 0};
    DiscountSchedule ten = finance_constant(0.1), gb = finance_green_book();
    assert_close(finance_bcr(&ten, benefits, costs, 3), 2, CLOSE);
    assert_close(finance_bcr(&gb, benefits, costs, 3), 2.1923498798104973, CLOSE);
    assert_true(isnan(finance_bcr(&ten, benefits, none, 3)));
    assert_true(isnan(finance_bcr(&ten, NULL, NULL, 0)));
}

/* PV 1000 over 3 years at 10%: the annuity factor is 1 + 1/1.1 + 1/1.21 =
 * (1.21 + 1.1 + 1)/1.21 = 3.31/1.21 = 2.7355371900826446, so EAC =
 * 1000 * 1.21/3.31 = 1210/3.31 = 365.55891238670695. At 0%, pv/n. Over no
 * years: NAN. */
static void test_eac(void **state) {
    (void)state;
    DiscountSchedule ten = finance_constant(0.1), zero = finance_constant(0);
    assert_close(finance_eac(&ten, 1000, 3), 365.55891238670695, CLOSE);
    assert_close(finance_eac(&ten, 1000, 3) * 2.7355371900826446, 1000, CLOSE);
    assert_close(finance_eac(&zero, 1000, 4), 250, CLOSE);
    assert_true(isnan(finance_eac(&ten, 1000, 0)));
}

/* 100 with a 66% upper bound: m = 0, 100 (1 + 0.66) = 166; m = 1, 100;
 * m = 0.5, 100 (1 + 0.33) = 133. */
static void test_optimism(void **state) {
    (void)state;
    assert_close(finance_optimism(100, 0.66, 0), 166, CLOSE);
    assert_close(finance_optimism(100, 0.66, 1), 100, CLOSE);
    assert_close(finance_optimism(100, 0.66, 0.5), 133, CLOSE);
    assert_true(finance_optimism(0, 0.66, 0) == 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_green_book_rates),
        cmocka_unit_test(test_green_book_factors),
        cmocka_unit_test(test_factor_steps_by_rate),
        cmocka_unit_test(test_factor_far_years),
        cmocka_unit_test(test_custom_schedule),
        cmocka_unit_test(test_npv),
        cmocka_unit_test(test_irr_example),
        cmocka_unit_test(test_irr_closed_forms),
        cmocka_unit_test(test_irr_undefined),
        cmocka_unit_test(test_payback_simple),
        cmocka_unit_test(test_payback_discounted),
        cmocka_unit_test(test_bcr),
        cmocka_unit_test(test_eac),
        cmocka_unit_test(test_optimism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

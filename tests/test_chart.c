/*
 * test_chart: the business-case charts (report/chart.h).
 *
 * Ticks are checked on hand-worked ranges and, over many ranges, for what
 * a reader relies on: 1-2-5 steps, evenly spaced, covering the data, the
 * finest step within the limit. Numbers are checked as people read them
 * (separators, a real minus, short money). Every chart, with ordinary,
 * empty, non-finite and degenerate input, is parsed with libxml2
 * (well-formed, an <svg> element in the SVG namespace with its size,
 * nothing external, no script), must hold no "nan" or "inf", and must give
 * the same bytes twice (the input holds no word with "nan" or "inf" in
 * it, so those strings can only be a number gone wrong). A point of a line chart lands where it was worked
 * out by hand, and labels are escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "capture_helpers.h"
#include "report/chart.h"

#define MINUS "\xE2\x88\x92"
#define READ_ONLY_FILE REORG_TEST_DATA "/golden/diamond.svg"

/* ---- output capture ---- */

typedef CaptureWrite Draw; /* a chart drawn from its input */

/* Any element named `name` or attribute named `attr` below n. */
static int has_node(xmlNodePtr n, const char *name, const char *attr) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!xmlStrcmp(n->name, BAD_CAST name)) return 1;
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            if (!xmlStrcmp(a->name, BAD_CAST attr)) return 1;
        if (has_node(n->children, name, attr)) return 1;
    }
    return 0;
}

/* The text of some <text> below n is want. */
static int has_text(xmlNodePtr n, const char *want) {
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST "text")) {
            xmlChar *c = xmlNodeGetContent(n);
            int same = c && !strcmp((const char *)c, want);
            xmlFree(c);
            if (same) return 1;
        }
        if (n->children && has_text(n->children, want)) return 1;
    }
    return 0;
}

/* What every chart must be: one well-formed <svg> element in the SVG
 * namespace, no XML declaration (it is pasted into HTML), a size and a
 * viewBox, nothing external, no script, no NaN or infinity, no "-0.0".
 * Returns the parsed document for further checks. */
static xmlDocPtr check_svg(const char *s, size_t len) {
    assert_int_equal(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40), 0);
    xmlDocPtr doc = xmlReadMemory(s, (int)len, "chart.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, "http://www.w3.org/2000/svg");
    const char *const attrs[] = {"width", "height", "viewBox", "font-family"};
    for (int k = 0; k < 4; k++) {
        xmlChar *v = xmlGetProp(root, BAD_CAST attrs[k]);
        assert_non_null(v);
        xmlFree(v);
    }
    assert_false(has_node(root->children, "script", "href"));
    assert_false(has_node(root->children, "image", "id"));
    assert_int_equal(capture_count(s, "http"), 1);
    char *lower = malloc(len + 1);
    assert_non_null(lower);
    for (size_t i = 0; i <= len; i++) lower[i] = (char)tolower((unsigned char)s[i]);
    assert_null(strstr(lower, "nan"));
    assert_null(strstr(lower, "inf"));
    free(lower);
    assert_null(strstr(s, "\"-0.0\""));
    assert_null(strstr(s, ",-0.0"));
    return doc;
}

/* ---- ticks ---- */

static void assert_ticks(double lo, double hi, int max, const double *want, int n) {
    ChartTicks t;
    assert_int_equal(chart_ticks(lo, hi, max, &t), n);
    assert_int_equal(t.n, n);
    for (int k = 0; k < n; k++) assert_true(fabs(t.value[k] - want[k]) < 1e-12);
    assert_true(t.lo == t.value[0] && t.hi == t.value[n - 1]);
}

static void test_ticks_by_hand(void **state) {
    (void)state;
    assert_ticks(0, 97, 6, (const double[]){0, 20, 40, 60, 80, 100}, 6);
    assert_ticks(97, 0, 6, (const double[]){0, 20, 40, 60, 80, 100}, 6); /* swapped */
    /* 1000 would need 9 ticks: -2000 .. 6000 */
    assert_ticks(-1234, 5678, 6, (const double[]){-2000, 0, 2000, 4000, 6000}, 5);
    assert_ticks(-1234, 5678, 10,
                 (const double[]){-2000, -1000, 0, 1000, 2000, 3000, 4000, 5000, 6000}, 9);
    /* decimal steps land on the decimals (0.3, not 0.30000000000000004) */
    assert_ticks(0.3, 0.7, 5, (const double[]){0.3, 0.4, 0.5, 0.6, 0.7}, 5);
    assert_ticks(0, 0.85, 6, (const double[]){0, 0.2, 0.4, 0.6, 0.8, 1.0}, 6);
    assert_ticks(-2.9e6, 2.4e6, 8, (const double[]){-3e6, -2e6, -1e6, 0, 1e6, 2e6, 3e6}, 7);
    /* nothing to span: widened around the value, by 1 around 0 */
    assert_ticks(0, 0, 6, (const double[]){-1, -0.5, 0, 0.5, 1}, 5);
    ChartTicks t;
    chart_ticks(5, 5, 6, &t);
    assert_true(t.lo < 5 && t.hi > 5);
    /* no range at all */
    assert_ticks(NAN, 3, 6, (const double[]){0, 0.2, 0.4, 0.6, 0.8, 1.0}, 6);
    assert_ticks(0, INFINITY, 3, (const double[]){0, 0.5, 1}, 3);
    /* limits clamped */
    chart_ticks(0, 100, 1, &t);
    assert_int_equal(t.n, 2);
    assert_ticks(-1, 2, 2, (const double[]){-2, 0, 2}, 3); /* across zero two cannot do */
    chart_ticks(0, 1e6, 1000, &t);
    assert_true(t.n <= CHART_MAX_TICKS);
}

/* The next finer 1-2-5 step. */
static double finer(double step) {
    double p = pow(10, floor(log10(step) + 1e-9)), m = step / p;
    return m > 4 ? 2 * p : m > 1.5 ? p : p / 2;
}

static void test_ticks_properties(void **state) {
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 5000; i++) {
        double u[3];
        for (int k = 0; k < 3; k++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            u[k] = (double)(x >> 11) / 9007199254740992.0;
        }
        double scale = pow(10, floor(u[2] * 14) - 4);
        double lo = (u[0] - 0.5) * scale, hi = lo + u[1] * scale + scale * 1e-6;
        int max = 2 + i % 15, limit = max < 3 && lo < 0 && hi > 0 ? 3 : max;
        ChartTicks t;
        int n = chart_ticks(lo, hi, max, &t);
        double eps = (hi - lo) * 1e-9;
        assert_true(n >= 2 && n <= limit);
        assert_true(t.value[0] <= lo + eps);
        assert_true(t.value[n - 1] >= hi - eps);
        double p = pow(10, floor(log10(t.step) + 1e-9)), m = t.step / p;
        assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
        for (int k = 0; k + 1 < n; k++)
            assert_true(fabs(t.value[k + 1] - t.value[k] - t.step) < t.step * 1e-9);
        for (int k = 0; k < n; k++) {
            double r = t.value[k] / t.step;
            assert_true(fabs(r - round(r)) < 1e-6);
        }
        /* the finest such step: the next finer one needs too many ticks */
        double f = finer(t.step);
        double need = ceil(hi / f - 1e-9) - floor(lo / f + 1e-9) + 1;
        assert_true(need > limit);
    }
}

/* ---- numbers ---- */

static void assert_number(double v, int decimals, const char *want) {
    char buf[CHART_NUMBER_BYTES];
    chart_number(v, decimals, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void assert_money(double v, const char *want) {
    char buf[CHART_NUMBER_BYTES];
    chart_money(v, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_numbers(void **state) {
    (void)state;
    assert_number(1234567.891, 2, "1,234,567.89");
    assert_number(-1234.5, 1, MINUS "1,234.5");
    assert_number(999, 0, "999");
    assert_number(1000, 0, "1,000");
    assert_number(100000, 0, "100,000");
    assert_number(-0.001, 2, "0.00"); /* never a minus before zero */
    assert_number(0.5, 0, "0");
    assert_number(NAN, 2, "n/a");
    assert_number(-INFINITY, 0, "n/a");
    assert_number(1e300, 0, "1.000e+300");
    char small[6];
    chart_number(1234567, 0, small, sizeof small); /* cut, still terminated */
    assert_string_equal(small, "1,234");
}

static void test_money(void **state) {
    (void)state;
    assert_money(1234567, "1.2m");
    assert_money(-350000, MINUS "350k");
    assert_money(999, "999");
    assert_money(12345, "12.3k");
    assert_money(1000, "1k");
    assert_money(999999, "1m");     /* not "1,000k" */
    assert_money(99960, "100k");    /* not "100.0k" */
    assert_money(15.6e6, "15.6m");
    assert_money(-2e6, MINUS "2m");
    assert_money(2.5e9, "2.5bn");
    assert_money(1.234e12, "1,234bn");
    assert_money(12.5, "12.50");
    assert_money(-7.25, MINUS "7.25");
    assert_money(0, "0");
    assert_money(-0.001, "0");
    assert_money(NAN, "n/a");
}

/* ---- the charts' input ---- */

static int draw_lines(FILE *f, const void *in) {
    static const double x[] = {0, 1, 2, 3, 4, 5};
    static const double a[] = {-1.8e6, -1.4e6, -0.9e6, -0.3e6, 0.4e6, 1.2e6};
    static const double b[] = {-2.9e6, -2.1e6, NAN, -0.6e6, 0.2e6, 1.1e6};
    ChartSeries s[2] = {{"Digital <front> & door", x, a, 6}, {"Shared service", x, b, 6}};
    ChartFrame fr = {"Cumulative DCF", "Cumulative DCF (£)", "Year", CHART_MONEY, 0, 0, 0};
    (void)in;
    return chart_lines(f, &fr, s, 2, 1);
}

static const ChartStep STEPS[] = {{"As-is", 18.40, 1},     {"Labour", -7.25, 0},
                                  {"Fixed costs", -1.10, 0}, {"Bots", 0.85, 0},
                                  {"Licences", 1.30, 0},   {"Digital front door", 12.20, 1}};

static int draw_waterfall(FILE *f, const void *in) {
    ChartFrame fr = {"Cost per case", "Cost per case (£)", NULL, CHART_MONEY, 0, 0, 0};
    (void)in;
    return chart_waterfall(f, &fr, STEPS, 6, 0);
}

static int draw_boxes(FILE *f, const void *in) {
    static const ChartMark p95[] = {{31.0, "p95"}};
    ChartBox b[] = {{"As-is", 4.2, 8.5, 14.0, 21.0, 27.5, p95, 1},
                    {"Digital front door", 1.1, 2.5, 4.0, 7.5, 10.0, NULL, 0},
                    {"Unmeasured", NAN, NAN, NAN, NAN, NAN, NULL, 0}};
    ChartFrame fr = {"Time to decision", "Working days", NULL, CHART_PLAIN, 1, 0, 0};
    (void)in;
    return chart_boxes(f, &fr, b, 3);
}

static int draw_bars(FILE *f, const void *in) {
    static const char *const series[] = {"before", "after"};
    static const double v[][2] = {{0.93, 0.78}, {0.71, 0.86}, {0.45, NAN}};
    ChartGroup g[] = {{"Intake", v[0]}, {"Case officers", v[1]}, {"Payments", v[2]}};
    ChartBars b = {series, 2, g, 3, 0.85, "target"};
    ChartFrame fr = {"Utilisation", "Utilisation", NULL, CHART_PERCENT, 0, 0, 0};
    (void)in;
    return chart_bars_paired(f, &fr, &b);
}

static int draw_tornado(FILE *f, const void *in) {
    ChartSwing s[] = {{"Saving share", -0.6e6, 2.9e6, "60%", "140%"},
                      {"Implementation", 1.9e6, 0.3e6, "£0.8m", "£2.4m"},
                      {"Ramp-up", 1.15e6, 1.05e6, "1", "3"},
                      {"Discount rate", 1.3e6, 1.2e6, "1.5%", "5%"}}; /* both above the base */
    ChartFrame fr = {"NPV sensitivity", "NPV (£)", NULL, CHART_MONEY, 0, 0, 0};
    (void)in;
    return chart_tornado(f, &fr, 1.1e6, s, 4);
}

static const Draw ALL[] = {draw_lines, draw_waterfall, draw_boxes, draw_bars, draw_tornado};

/* ---- every chart ---- */

static void test_well_formed_and_deterministic(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof ALL / sizeof ALL[0]; k++) {
        size_t len, len2;
        char *s = capture(ALL[k], NULL, &len), *again = capture(ALL[k], NULL, &len2);
        xmlDocPtr doc = check_svg(s, len);
        xmlNodePtr first = xmlDocGetRootElement(doc)->children;
        while (first && first->type != XML_ELEMENT_NODE) first = first->next;
        assert_non_null(first); /* the accessible name comes first */
        assert_string_equal((const char *)first->name, "title");
        xmlFreeDoc(doc);
        assert_int_equal(len, len2);
        assert_memory_equal(s, again, len);
        free(s);
        free(again);
    }
}

static void test_escaping(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_lines, NULL, &len);
    assert_null(strstr(s, "<front>"));
    assert_null(strstr(s, "& door"));
    assert_non_null(strstr(s, "Digital &lt;front&gt; &amp; door"));
    xmlDocPtr doc = check_svg(s, len);
    assert_true(has_text(xmlDocGetRootElement(doc), "Digital <front> & door")); /* legend */
    xmlFreeDoc(doc);
    free(s);

    ChartStep bad[] = {{"<&", 1, 1}, {"bad \xC3 byte\x01 \xED\xA0\x80", 2, 0}};
    ChartFrame fr = {"R&D \"q\" 'a'", NULL, NULL, CHART_PLAIN, 0, 0, 0};
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(chart_waterfall(f, &fr, bad, 2, 1), 0);
    long n = ftell(f);
    rewind(f);
    s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    assert_non_null(strstr(s, ">&lt;&amp;</text>"));
    assert_non_null(strstr(s, "R&amp;D &quot;q&quot; &apos;a&apos;"));
    xmlFreeDoc(check_svg(s, (size_t)n));
    free(s);
}

/* The line chart's frame worked out by hand (640 x 400, no title, legend
 * or axis titles): the plot runs from y 18 (10 for the missing title, 8
 * gap) to 372 (400 - 28) and from x 43.8 (16 margin + "100" at 11 px x
 * 0.6 = 19.8 + 8) to 612 (640 - 16 - 12). The y ticks are 0 .. 100 by 20
 * (at most 354 / 45 + 1 = 8 ticks: 10 would need 11), x 0 .. 10 by 2 (at
 * most 568.2 / 75 + 2 = 9), and x ends at the data (0 .. 10). So
 * (5, 50) lands at x 43.8 + 568.2 / 2 = 327.9, y 372 - 354 / 2 = 195. */
static int draw_known(FILE *f, const void *in) {
    static const double x[] = {0, 5, 10}, y[] = {0, 50, 100};
    ChartSeries s = {"known", x, y, 3};
    ChartFrame fr = {NULL, NULL, NULL, CHART_PLAIN, 0, 640, 400};
    (void)in;
    return chart_lines(f, &fr, &s, 1, 1);
}

static void test_known_point(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_known, NULL, &len);
    xmlFreeDoc(check_svg(s, len));
    assert_non_null(strstr(s, "d=\"M43.8,372.0 L327.9,195.0 L612.0,18.0\""));
    assert_non_null(strstr(s, "<circle cx=\"327.9\" cy=\"195.0\""));
    assert_non_null(strstr(s, "<title>known at 5: 50</title>"));
    assert_non_null(strstr(s, ">100</text>"));
    assert_null(strstr(s, "stroke-width=\"2.5\"")); /* one series: no legend */
    free(s);
}

static void test_lines(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_lines, NULL, &len);
    /* money on the axis in one unit; the zero line, since the values cross 0 */
    assert_non_null(strstr(s, ">" MINUS "3m</text>"));
    assert_non_null(strstr(s, ">0</text>"));
    assert_non_null(strstr(s, "stroke=\"#444444\" stroke-width=\"1.5\""));
    /* the NaN point is skipped and breaks the second line: two pieces */
    const char *second = strstr(s, "<title>Shared service</title>");
    assert_non_null(second);
    const char *d = strstr(second, " d=\"");
    assert_non_null(d);
    size_t pieces = 0;
    for (d += 4; *d != '"'; d++) pieces += *d == 'M';
    assert_int_equal(pieces, 2);
    assert_int_equal(capture_count(s, "<circle"), 11); /* 6 + 5 markers */
    assert_non_null(strstr(s, "Shared service at 5: 1,100,000</title>"));
    assert_non_null(strstr(s, ">Year</text>"));
    assert_non_null(strstr(s, "rotate(-90)"));
    free(s);
}

/* Five appraisal years: one tick a year, none between two years. */
static int draw_years(FILE *f, const void *in) {
    static const double x[] = {2027, 2028, 2029, 2030, 2031};
    static const double y[] = {-3e5, -2.5e5, -2e5, -1.7e5, -1.6e5};
    ChartSeries s = {"Online", x, y, 5};
    ChartFrame fr = {"Cumulative DCF", "Cumulative DCF (£)", "Year", CHART_MONEY, 0, 0, 0};
    (void)in;
    return chart_lines(f, &fr, &s, 1, 1);
}

static void test_lines_years(void **state) {
    (void)state;
    char *s = capture(draw_years, NULL, NULL);
    for (int y = 2027; y <= 2031; y++) {
        char tick[32];
        snprintf(tick, sizeof tick, ">%d</text>", y);
        assert_non_null(strstr(s, tick));
    }
    assert_null(strstr(s, ".5</text>"));
    free(s);
}

static void test_waterfall(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_waterfall, NULL, &len);
    /* costs: falls green, rises vermilion, totals neutral */
    assert_int_equal(capture_count(s, "fill=\"#009E73\""), 2 + 1); /* two falls, legend */
    assert_int_equal(capture_count(s, "fill=\"#D55E00\""), 2 + 1);
    assert_int_equal(capture_count(s, "fill=\"#8C8C8C\""), 2 + 1);
    assert_non_null(strstr(s, ">18.40</text>"));
    assert_non_null(strstr(s, ">" MINUS "7.25</text>"));
    assert_non_null(strstr(s, ">+0.85</text>"));
    assert_non_null(strstr(s, ">12.20</text>"));
    assert_non_null(strstr(s, "Bots: +0.85, to 10.90</title>"));
    assert_int_equal(capture_count(s, "stroke-dasharray=\"3 2\""), 5); /* connectors */
    /* the long label is wrapped to fit its slot */
    assert_non_null(strstr(s, ">Digital</text>"));
    free(s);
    /* a benefit view swaps the colours */
    ChartStep up[] = {{"Start", 10, 1}, {"Gain", 5, 0}, {"End", 15, 1}};
    ChartFrame fr = {NULL, NULL, NULL, CHART_PLAIN, 0, 0, 0};
    FILE *f = tmpfile();
    assert_int_equal(chart_waterfall(f, &fr, up, 3, 1), 0);
    long n = ftell(f);
    rewind(f);
    s = calloc((size_t)n + 1, 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    assert_int_equal(capture_count(s, "fill=\"#009E73\""), 2); /* the gain and its legend */
    assert_int_equal(capture_count(s, "fill=\"#D55E00\""), 0);
    free(s);
}

static void test_boxes(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_boxes, NULL, &len);
    assert_non_null(strstr(s, ">p95</text>"));
    assert_non_null(strstr(s, ">14.0</text>"));
    assert_non_null(strstr(s, ">no data</text>"));
    assert_non_null(strstr(s, "As-is: median 14.0; box 8.5 to 21.0; whiskers 4.2 to 27.5; p95 "
                              "31.0</title>"));
    assert_int_equal(capture_count(s, "fill=\"#BFDCEB\""), 2);
    assert_non_null(strstr(s, ">0</text>")); /* zero is near: the axis starts there */
    free(s);
}

static void test_bars(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_bars, NULL, &len);
    assert_non_null(strstr(s, ">target 85%</text>"));
    assert_non_null(strstr(s, "stroke-dasharray=\"5 3\""));
    assert_non_null(strstr(s, ">93%</text>"));
    assert_non_null(strstr(s, ">100%</text>"));
    assert_non_null(strstr(s, "<title>Payments, before: 45%</title>"));
    assert_null(strstr(s, "<title>Payments, after"));
    assert_non_null(strstr(s, ">before</text>")); /* legend */
    free(s);
}

static void test_tornado(void **state) {
    (void)state;
    size_t len;
    char *s = capture(draw_tornado, NULL, &len);
    assert_non_null(strstr(s, ">base 1.1m</text>"));
    assert_non_null(strstr(s, ">140%</text>"));
    assert_non_null(strstr(s, ">\xC2\xA3" "2.4m</text>"));
    assert_non_null(strstr(s, "Saving share at its low (60%): " MINUS "600,000</title>"));
    /* the discount rate's two ends lie above the base: half-height bars */
    assert_int_equal(capture_count(s, "height=\"9.0\""), 2);
    assert_non_null(strstr(s, "stroke=\"#444444\" stroke-width=\"1.5\"")); /* NPV 0 */
    free(s);
}

/* Empty input, all values non-finite, one value only, values near the
 * largest double: a frame, no NaN. */
static int draw_degenerate(FILE *f, const void *in) {
    int which = *(const int *)in;
    static const double x[] = {1, 2, 3}, flat[] = {5, 5, 5}, bad[] = {NAN, INFINITY, -INFINITY};
    static const double huge[] = {-1.7e308, 0, 1.7e308};
    ChartFrame fr = {"Degenerate", "Value", "x", CHART_PLAIN, 2, 0, 0};
    ChartSeries sf = {"flat", x, flat, 3}, sb = {"bad", x, bad, 3}, sh = {"huge", huge, huge, 3};
    ChartStep st[] = {{"a", NAN, 1}, {"b", INFINITY, 0}};
    ChartStep big[] = {{"a", 1.7e308, 1}, {"b", 1.7e308, 0}, {"c", -1.7e308, 0}};
    ChartBox bx[] = {{"one", 3, 3, 3, 3, 3, NULL, 0}};
    ChartGroup g[] = {{"none", NULL}};
    ChartBars bars = {NULL, 2, g, 1, NAN, NULL};
    ChartSwing sw[] = {{"flat", 1, 1, "lo", "hi"}, {"bad", NAN, NAN, NULL, NULL}};
    switch (which) {
    case 0: return chart_lines(f, &fr, NULL, 0, 1);
    case 1: return chart_lines(f, &fr, &sb, 1, 1);
    case 2: return chart_lines(f, &fr, &sf, 1, 0);
    case 3: return chart_waterfall(f, &fr, NULL, 0, 0);
    case 4: return chart_waterfall(f, &fr, st, 2, 0);
    case 5: return chart_boxes(f, NULL, NULL, 0);
    case 6: return chart_boxes(f, &fr, bx, 1);
    case 7: return chart_bars_paired(f, &fr, NULL);
    case 8: return chart_bars_paired(f, &fr, &bars);
    case 9: return chart_tornado(f, &fr, NAN, NULL, 0);
    case 10: return chart_tornado(f, &fr, 1, sw, 2);
    case 11: return chart_lines(f, &fr, &sh, 1, 1);
    default: return chart_waterfall(f, &fr, big, 3, 0);
    }
}

static void test_degenerate(void **state) {
    (void)state;
    for (int which = 0; which <= 12; which++) {
        size_t len;
        char *s = capture(draw_degenerate, &which, &len);
        xmlFreeDoc(check_svg(s, len));
        int empty = which == 0 || which == 1 || which == 3 || which == 4 || which == 5 ||
                    which == 7 || which == 8 || which == 9;
        if (empty) assert_non_null(strstr(s, ">No data</text>"));
        free(s);
    }
}

static void test_write_error(void **state) {
    (void)state;
    FILE *f = fopen(READ_ONLY_FILE, "rb"); /* read-only: every write fails */
    assert_non_null(f);
    for (size_t k = 0; k < sizeof ALL / sizeof ALL[0]; k++) {
        assert_int_equal(ALL[k](f, NULL), -1);
        clearerr(f);
    }
    fclose(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks_by_hand),
        cmocka_unit_test(test_ticks_properties),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_well_formed_and_deterministic),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_known_point),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_lines_years),
        cmocka_unit_test(test_waterfall),
        cmocka_unit_test(test_boxes),
        cmocka_unit_test(test_bars),
        cmocka_unit_test(test_tornado),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

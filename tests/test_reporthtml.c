/*
 * test_reporthtml: the HTML business case (report/reporthtml.h).
 *
 * The fixture tests/data/report/html-result.json is a `reorg compare`
 * result of tests/data/report/html-study.yaml with every key the report
 * reads (the command that regenerates it is in that study's opening
 * comment). From it the tests derive an
 * older result (without structure, maps, parameters, method, pool kinds)
 * and a simulate-only one (no economics, no appraisal), and check each
 * page:
 *
 *   - well-formed XML (libxml2's XML parser), the root an XHTML <html>;
 *     libxml2's HTML parser (HTML 4) reads it with no complaint but the
 *     HTML5 and SVG element names it does not know;
 *   - self-contained: no script, no src or href attribute, no url() but
 *     to an id in the page, "http://" and "https://" only in the XHTML and
 *     SVG namespace declarations, element ids unique;
 *   - the headline figures formatted from the JSON (NPV, its range,
 *     payback), the six section headings in order, the charts, the
 *     sources that are missing, the input files' hashes;
 *   - the same bytes twice; a note in place of what the result lacks;
 *     hostile text escaped and a map with a script left out; an error when
 *     writing fails.
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
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "capture_helpers.h"
#include "report/htmlcharts.h"
#include "report/humanfmt.h"
#include "report/reporthtml.h"

#define FIXTURE REORG_TEST_DATA "/report/html-result.json"
#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define SVG_NS "http://www.w3.org/2000/svg"

static const char *const HEADINGS[] = {"Headline",
                                       "Comparison of designs",
                                       "Charts",
                                       "What changed in the structure",
                                       "Assumptions register",
                                       "Method"};

/* ---- helpers ---- */

static json_t *fixture(void) {
    json_error_t err;
    json_t *r = json_load_file(FIXTURE, 0, &err);
    if (!r) fail_msg("%s:%d: %s", FIXTURE, err.line, err.text);
    return r;
}

static int write_report(FILE *f, const void *result) { return reporthtml_write(f, result); }

static char *render(const json_t *result, size_t *len) {
    return capture(write_report, result, len);
}

static json_t *design(json_t *result, size_t i) {
    return json_array_get(json_object_get(result, "designs"), i);
}

/* The result as an older reorg wrote it: without the keys added for the
 * report. */
static json_t *older(void) {
    json_t *r = fixture();
    json_object_del(r, "method");
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(r, "designs"), i, d) {
        json_object_del(d, "structure");
        json_object_del(d, "map_svg");
        json_object_del(d, "parameters");
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(d, "pools"), k, p) {
            json_object_del(p, "kind");
            json_object_del(p, "department");
        }
    }
    return r;
}

/* The result as `reorg simulate --json` writes it. */
static json_t *simulate_only(void) {
    json_t *r = fixture();
    json_object_del(r, "economics");
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(r, "designs"), i, d) json_object_del(d, "appraisal");
    return r;
}

/* w in s as a word of its own ("nan", not "Finance"). */
static int has_word(const char *s, const char *w) {
    size_t n = strlen(w);
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
        int before = p > s && isalpha((unsigned char)p[-1]);
        int after = isalpha((unsigned char)p[n]);
        if (!before && !after) return 1;
    }
    return 0;
}

/* ---- what every page must be ---- */

static void walk(xmlNodePtr n, xmlChar **ids, size_t *n_ids, size_t cap) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        assert_true(xmlStrcasecmp(n->name, BAD_CAST "script") != 0);
        assert_true(xmlStrcasecmp(n->name, BAD_CAST "foreignObject") != 0);
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
            const char *val = v ? (const char *)v : "";
            assert_true(xmlStrcasecmp(a->name, BAD_CAST "src") != 0);
            assert_true(xmlStrcasecmp(a->name, BAD_CAST "href") != 0);
            assert_true(xmlStrncasecmp(a->name, BAD_CAST "on", 2) != 0);
            assert_null(strstr(val, "://"));
            if (!xmlStrcmp(a->name, BAD_CAST "id")) {
                assert_true(*n_ids < cap);
                for (size_t i = 0; i < *n_ids; i++)
                    if (!xmlStrcmp(ids[i], v)) fail_msg("id \"%s\" twice", val);
                ids[(*n_ids)++] = xmlStrdup(v);
            }
            xmlFree(v);
        }
        walk(n->children, ids, n_ids, cap);
    }
}

/* Errors of libxml2's HTML parser other than element names it does not
 * know (HTML5's main, section, figure; SVG's). */
static int html_errors, html_unknown;

static void on_html_error(void *ctx, xmlErrorPtr e) {
    (void)ctx;
    if (e->code == XML_HTML_UNKNOWN_TAG) {
        html_unknown++;
        return;
    }
    html_errors++;
    print_message("HTML parser: line %d: %s", e->line, e->message);
}

/* The checks every page passes; returns its XML tree (free it). */
static xmlDocPtr check_page(const char *s, size_t len) {
    xmlDocPtr doc = xmlReadMemory(s, (int)len, "report.html", "UTF-8", XML_PARSE_NONET);
    assert_non_null(doc); /* well-formed */
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "html");
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, XHTML_NS);
    xmlChar *ids[512];
    size_t n_ids = 0;
    walk(root, ids, &n_ids, 512);
    for (size_t i = 0; i < n_ids; i++) xmlFree(ids[i]);

    /* the text, whatever the tree: no URL but the namespaces */
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "src="));
    assert_null(strstr(s, "href="));
    assert_null(strstr(s, "@import"));
    for (const char *p = strstr(s, "url("); p; p = strstr(p + 1, "url("))
        assert_int_equal(p[4], '#');
    size_t urls = capture_count(s, "http://") + capture_count(s, "https://");
    size_t allowed =
        capture_count(s, "xmlns=\"" XHTML_NS "\"") + capture_count(s, "xmlns=\"" SVG_NS "\"");
    assert_int_equal(urls, allowed);
    assert_false(has_word(s, "nan"));
    assert_false(has_word(s, "inf"));
    assert_null(strstr(s, "{{")); /* every placeholder filled */

    html_errors = html_unknown = 0;
    xmlSetStructuredErrorFunc(NULL, on_html_error);
    htmlDocPtr h = htmlReadMemory(s, (int)len, "report.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    assert_non_null(h);
    xmlFreeDoc(h);
    assert_int_equal(html_errors, 0);
    assert_true(html_unknown > 0); /* <main>, <section>: the handler did run */
    return doc;
}

/* Text of every element named `name` below n, in order, into out. */
static size_t texts(xmlNodePtr n, const char *name, char out[][128], size_t cap, size_t k) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!xmlStrcmp(n->name, BAD_CAST name) && k < cap) {
            xmlChar *c = xmlNodeGetContent(n);
            snprintf(out[k++], 128, "%s", c ? (const char *)c : "");
            xmlFree(c);
        }
        k = texts(n->children, name, out, cap, k);
    }
    return k;
}

static void assert_headings(xmlDocPtr doc) {
    char h2[16][128];
    size_t n = texts(xmlDocGetRootElement(doc), "h2", h2, 16, 0);
    assert_int_equal(n, sizeof HEADINGS / sizeof *HEADINGS);
    for (size_t i = 0; i < n; i++) assert_string_equal(h2[i], HEADINGS[i]);
}

/* The page of result, checked as every page is, with the six headings;
 * its <h1> into h1 (128 bytes) when h1 is not NULL. The caller frees it. */
static char *checked_page(const json_t *result, size_t *len, char *h1) {
    char *s = render(result, len);
    xmlDocPtr doc = check_page(s, *len);
    assert_headings(doc);
    if (h1) {
        char one[2][128];
        assert_int_equal(texts(xmlDocGetRootElement(doc), "h1", one, 2, 0), 1);
        memcpy(h1, one[0], 128);
    }
    xmlFreeDoc(doc);
    return s;
}

/* ---- the full result ---- */

static void test_full_report(void **state) {
    (void)state;
    json_t *r = fixture();
    size_t len;
    char h1[128];
    char *s = checked_page(r, &len, h1);
    assert_string_equal(h1, "Business case: Claims office redesign");

    /* the headline: every design's NPV, range and payback, as formatted
     * from the JSON */
    char buf[HUMANFMT_BYTES], want[256];
    for (size_t i = 1; i <= 2; i++) {
        json_t *ap = json_object_get(design(r, i), "appraisal");
        json_t *sens = json_object_get(ap, "sensitivity");
        humanfmt_money(json_number_value(json_object_get(ap, "npv")), "GBP", buf, sizeof buf);
        snprintf(want, sizeof want, "<div class=\"figure %s\">%s</div>",
                 json_number_value(json_object_get(ap, "npv")) > 0 ? "good" : "bad", buf);
        assert_non_null(strstr(s, want));
        humanfmt_money_short(json_number_value(json_object_get(sens, "npv_p10")), "GBP", buf,
                             sizeof buf);
        snprintf(want, sizeof want, "(P10\xE2\x80\x93P90): %s to ", buf);
        assert_non_null(strstr(s, want));
    }
    assert_non_null(strstr(s, "Best value: <strong>one-team</strong>"));
    assert_non_null(strstr(s, "pays back in 1.3 years"));
    assert_non_null(strstr(s, "does not pay back within 5 years"));
    assert_non_null(strstr(s, "Half of cases finish within"));
    /* cost per case with pence, the baseline's beside it */
    assert_non_null(strstr(s, "was \xC2\xA3" "15.25"));

    /* charts: cash flow, two waterfalls, boxes, utilisation, two
     * tornadoes, three maps */
    assert_int_equal(capture_count(s, "<svg "), 10);
    assert_non_null(strstr(s, "Cost per case: as-is \xE2\x86\x92 online"));
    assert_non_null(strstr(s, "What moves the NPV of one-team"));
    assert_null(strstr(s, "counted as staff time")); /* pool kinds are known */
    assert_null(strstr(s, "id=\"arrow\"")); /* map ids made unique */
    assert_non_null(strstr(s, "id=\"m1-arrow\""));
    assert_non_null(strstr(s, "url(#m1-arrow)"));

    /* structure, assumptions, method (of the 61 inputs, 41 have no source:
     * among them the six xor branch probabilities, two per design, which
     * html-study.yaml gives without one) */
    assert_non_null(strstr(s, "register: automated, from clerks \xE2\x86\x92 intake-bot"));
    assert_non_null(strstr(s, "41 of the 61 inputs below have no source"));
    assert_int_equal(capture_count(s, "<td class=\"missing\">no source given</td>"), 41);
    assert_non_null(strstr(s, "<td>payroll 2026</td>"));
    assert_non_null(strstr(s, "see note 1"));
    json_t *input;
    size_t i;
    json_array_foreach(json_object_get(json_object_get(r, "method"), "inputs"), i, input)
        assert_non_null(strstr(s, json_string_value(json_object_get(input, "sha256"))));
    assert_non_null(strstr(s, "reorg compare --replications 3"));

    /* the same bytes again */
    size_t len2;
    char *again = render(r, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(s, again, len);
    free(again);
    free(s);
    json_decref(r);
}

/* ---- results that lack something ---- */

static void test_older_result(void **state) {
    (void)state;
    json_t *r = older();
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_non_null(strstr(s, "which pools are bots: their cost is counted as staff"));
    assert_non_null(strstr(s, "This result has no structure analysis"));
    assert_non_null(strstr(s, "This result has no process maps"));
    assert_non_null(strstr(s, "does not list the operational parameters"));
    assert_non_null(strstr(s, "does not record the command"));
    assert_int_equal(capture_count(s, "<svg "), 7); /* no maps */
    /* the settings come from run */
    assert_non_null(strstr(s, "<th>Random seed</th><td>11</td>"));
    free(s);
    json_decref(r);
}

static void test_simulate_only(void **state) {
    (void)state;
    json_t *r = simulate_only();
    size_t len;
    char h1[128];
    char *s = checked_page(r, &len, h1);
    assert_string_equal(h1, "Simulation report: Claims office redesign");
    assert_non_null(strstr(s, "This result has no business case: run reorg compare"));
    assert_non_null(strstr(s, "No business case in this result: the cash flow and the tornado"));
    assert_null(strstr(s, "Net present value"));
    assert_null(strstr(s, "figure good"));
    assert_non_null(strstr(s, "Half of cases finish within"));
    /* boxes, utilisation and the maps remain; the cost-per-case waterfalls
     * are on the budget's basis, which needs the business case */
    assert_int_equal(capture_count(s, "<svg "), 5);
    assert_non_null(strstr(s, "No business case with cases to divide by"));
    free(s);
    json_decref(r);
}

/* A result with nothing in it still gives a page. */
static void test_empty_result(void **state) {
    (void)state;
    json_t *r = json_object();
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_non_null(strstr(s, "The result holds no design."));
    free(s);
    json_decref(r);
}

/* Only the baseline: nothing to compare, and no division by zero. */
static void test_baseline_only(void **state) {
    (void)state;
    json_t *r = fixture();
    json_t *designs = json_object_get(r, "designs");
    json_array_remove(designs, 2);
    json_array_remove(designs, 1);
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_non_null(strstr(s, "there is nothing to compare it with"));
    free(s);
    json_decref(r);
}

/* Six designs beside the baseline: the comparison and the structure go
 * into two tables of at most five columns, the baseline first in each. */
static void test_many_designs(void **state) {
    (void)state;
    json_t *r = fixture();
    json_t *designs = json_object_get(r, "designs");
    for (int k = 0; k < 4; k++) {
        json_t *copy = json_deep_copy(design(r, 1 + (size_t)(k % 2)));
        char name[64];
        snprintf(name, sizeof name, "variant-with-a-long-name-%d", k);
        json_object_set_new(copy, "name", json_string(name));
        json_array_append_new(designs, copy);
    }
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_int_equal(capture_count(s, "<table class=\"compare\">"), 2);
    assert_int_equal(capture_count(s, "as-is<br/><span class=\"small\">baseline</span>"), 2);
    assert_non_null(strstr(s, "What moves the NPV of variant-with-a-long-name-3"));
    free(s);
    json_decref(r);
}

/* ---- hostile input ---- */

static void test_escaping(void **state) {
    (void)state;
    json_t *r = fixture();
    json_object_set_new(json_object_get(r, "study"), "title",
                        json_string("<script>alert(1)</script> & \"quotes\" \x01"));
    json_object_set_new(design(r, 1), "name", json_string("on<line> & 'co'"));
    json_object_set_new(json_object_get(r, "study"), "currency", json_string("<X>"));
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert_non_null(strstr(s, "on&lt;line&gt; &amp; &apos;co&apos;"));
    free(s);
    json_decref(r);
}

static void test_unsafe_map(void **state) {
    (void)state;
    static const char *const BAD[] = {
        "<svg xmlns=\"" SVG_NS "\"><script>alert(1)</script></svg>",
        "<svg xmlns=\"" SVG_NS "\"><image href=\"https://example.org/x.png\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\" onload=\"alert(1)\"></svg>",
        "<svg xmlns=\"" SVG_NS "\"><rect fill=\"url(https://example.org/p)\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"><a xlink:href=\"#x\">x</a></svg>",
        "<svg xmlns=\"" SVG_NS "\"><foreignObject/></svg>",
        "<?xml version=\"1.0\"?><svg xmlns=\"" SVG_NS "\"></svg>",
        "<svg xmlns=\"" SVG_NS "\"></svg><p>after</p>",
        "<svg xmlns=\"" SVG_NS "\">",
        "<div></div>",
        /* handlers after '/' or a quote, animation, a second root, case */
        "<svg xmlns=\"" SVG_NS "\"><rect width=\"10\" height=\"10\"/onload=\"x()\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"><rect fill=\"red\"onclick=\"x()\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"><animate/onbegin=\"x()\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"><set attributeName=\"fill\" to=\"red\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"></SVG><h1>INJECTED</h1><svg></svg>",
        "<svg xmlns=\"" SVG_NS "\"><svg></svg></svg>",
        "<svg xmlns=\"" SVG_NS "\"><rect ONLOAD = \"x()\"/></svg>",
        /* CSS that fetches, plain or escaped */
        "<svg xmlns=\"" SVG_NS "\"><rect style=\"fill:\\75 rl(//evil.example/x)\"/></svg>",
        "<svg xmlns=\"" SVG_NS "\"><rect style=\"background:image-set('//e.example/x' 1x)\"/></svg>",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        if (htmlcharts_map_is_safe(BAD[i])) fail_msg("accepted: %s", BAD[i]);
    }
    assert_true(htmlcharts_map_is_safe("<svg xmlns=\"" SVG_NS "\" width=\"10\"><title>a</title>"
                                       "<path marker-end=\"url(#arrow)\"/></svg>\n"));
    /* every map reorg draws passes: the fixture's (text such as "done" or
     * "online" is not a handler) */
    json_t *fx = fixture();
    for (size_t k = 0; k < json_array_size(json_object_get(fx, "designs")); k++)
        assert_true(htmlcharts_map_is_safe(json_string_value(json_object_get(design(fx, k), "map_svg"))));
    json_decref(fx);
    assert_false(htmlcharts_map_is_safe(NULL));
    /* "on =" in a label is text, not a handler */
    assert_true(htmlcharts_map_is_safe("<svg xmlns=\"" SVG_NS "\"><text>Sign on = yes</text></svg>"));

    json_t *r = fixture();
    json_object_set_new(design(r, 1), "map_svg", json_string(BAD[0]));
    size_t len;
    char *s = checked_page(r, &len, NULL);
    assert_non_null(strstr(s, "is left out"));
    assert_int_equal(capture_count(s, "<svg "), 9);
    free(s);
    json_decref(r);
}

static void test_write_error(void **state) {
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f) skip();
    json_t *r = fixture();
    assert_int_equal(reporthtml_write(f, r), -1);
    fclose(f);
    json_decref(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_report),   cmocka_unit_test(test_older_result),
        cmocka_unit_test(test_simulate_only), cmocka_unit_test(test_empty_result),
        cmocka_unit_test(test_baseline_only), cmocka_unit_test(test_many_designs),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_unsafe_map),    cmocka_unit_test(test_write_error),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}

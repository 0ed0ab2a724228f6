/*
 * reporthtml: the business case as one HTML page (reporthtml.h).
 *
 * The page template (reports/template/report.html) holds the document's
 * frame with placeholders {{name}}; the body is written here, section by
 * section, by htmlsummary, htmlcharts and htmldetail.
 */
#include "reporthtml.h"

#include <math.h>
#include <string.h>

#include "htmlcharts.h"
#include "htmldetail.h"
#include "htmlkit.h"
#include "htmlsummary.h"

/* embedded at build time (engine/CMakeLists.txt, reorg_embed) */
extern const char reports_template_html[];
extern const size_t reports_template_html_len;
extern const char reports_template_css[];
extern const size_t reports_template_css_len;

#define MIDDOT "\xC2\xB7"

/* The page's title: the study's, with what the page is. */
static void title(const HtmlReport *r) {
    const char *t = resultread_string(resultread_at(r->result, "study"), "title");
    htmlkit_textf(r->f, "%s: %s", r->business_case ? "Business case" : "Simulation report",
                  t ? t : "untitled study");
}

/* Under the title: what is compared, over what period, in what money. */
static void subtitle(const HtmlReport *r) {
    FILE *f = r->f;
    const json_t *e = resultread_at(r->result, "economics");
    char a[HUMANFMT_BYTES];
    size_t n = htmlkit_alternatives(r);
    fputs("<p class=\"subtitle\">", f);
    if (r->baseline)
        htmlkit_textf(f, "%zu design%s against %s", n, n == 1 ? "" : "s",
                      resultread_name(r->baseline));
    else
        htmlkit_textf(f, "%zu design%s", n, n == 1 ? "" : "s");
    if (e) {
        double base = resultread_number(e, "base_year");
        htmlkit_textf(f, " " MIDDOT " %s-year appraisal",
                      humanfmt_number(resultread_number(e, "years"), 0, a, sizeof a));
        if (isfinite(base)) htmlkit_textf(f, " from %.0f", base);
        const char *dt = resultread_string(e, "discount_title");
        const char *dn = resultread_string(e, "discount");
        if (dt || dn) htmlkit_textf(f, ", discount rates: %s", dt ? dt : dn);
    }
    if (r->currency) htmlkit_textf(f, " " MIDDOT " money in %s", r->currency);
    fputs("</p>\n", f);
}

static void body(const HtmlReport *r) {
    FILE *f = r->f;
    fputs("<header>\n<h1>", f);
    title(r);
    fputs("</h1>\n", f);
    subtitle(r);
    fputs("</header>\n", f);
    htmlsummary_headline(r);
    htmlsummary_comparison(r);
    htmlcharts_write(r);
    htmldetail_structure(r);
    htmldetail_assumptions(r);
    htmldetail_method(r);
}

/* Write the text of placeholder `name` (len bytes). */
static void fill(const HtmlReport *r, const char *name, size_t len) {
    if (len == 7 && memcmp(name, "version", 7) == 0) {
        const char *v = resultread_string(r->result, "reorg_version");
        htmlkit_text(r->f, v ? v : "");
    } else if (len == 5 && memcmp(name, "title", 5) == 0) {
        title(r);
    } else if (len == 5 && memcmp(name, "style", 5) == 0) {
        fwrite(reports_template_css, 1, reports_template_css_len, r->f);
    } else if (len == 4 && memcmp(name, "body", 4) == 0) {
        body(r);
    }
}

int reporthtml_write(FILE *f, const json_t *result) {
    HtmlReport r;
    int out_of_memory = 0;
    htmlkit_init(&r, f, result, &out_of_memory);
    const char *t = reports_template_html, *end = t + reports_template_html_len;
    while (t < end) {
        const char *open = strstr(t, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close) {
            fwrite(t, 1, (size_t)(end - t), f);
            break;
        }
        fwrite(t, 1, (size_t)(open - t), f);
        fill(&r, open + 2, (size_t)(close - open - 2));
        t = close + 2;
    }
    /* an incomplete page is a failure, never a report quietly missing a chart */
    return fflush(f) == 0 && !ferror(f) && !out_of_memory ? 0 : -1;
}

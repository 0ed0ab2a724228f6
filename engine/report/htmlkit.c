/*
 * htmlkit: what the HTML report's sections share (htmlkit.h).
 */
#include "htmlkit.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "xmltext.h"

void htmlkit_init(HtmlReport *r, FILE *f, const json_t *result, int *out_of_memory) {
    memset(r, 0, sizeof *r);
    r->f = f;
    r->out_of_memory = out_of_memory;
    r->result = result;
    r->designs = resultread_array(result, "designs"); /* NULL reads as empty */
    r->baseline = resultread_baseline(result);
    r->currency = resultread_string(result, "study.currency");
    r->confidence = resultread_number(result, "run.confidence");
    r->business_case = resultread_has_business_case(result);
}

/* ---- reading ---- */

double htmlkit_mean(const json_t *obj, const char *key) {
    return resultread_number(resultread_at(obj, key), "mean");
}

const json_t *htmlkit_kpi(const json_t *design, const char *name) {
    return resultread_at(resultread_at(design, "kpis"), name);
}

const json_t *htmlkit_appraisal(const json_t *design) {
    const json_t *a = resultread_at(design, "appraisal");
    return json_is_object(a) ? a : NULL;
}

size_t htmlkit_alternatives(const HtmlReport *r) {
    return json_array_size(r->designs) - (r->baseline ? 1 : 0);
}

const json_t *htmlkit_alternative(const HtmlReport *r, size_t k) {
    size_t i;
    const json_t *d;
    json_array_foreach(r->designs, i, d) {
        if (d == r->baseline) continue;
        if (k-- == 0) return d;
    }
    return NULL;
}

size_t htmlkit_designs(const HtmlReport *r) { return json_array_size(r->designs); }

const json_t *htmlkit_design(const HtmlReport *r, size_t k) {
    if (r->baseline) return k == 0 ? r->baseline : htmlkit_alternative(r, k - 1);
    return htmlkit_alternative(r, k);
}

size_t htmlkit_columns(const HtmlReport *r, size_t part, HtmlColumns *c) {
    size_t lead = r->baseline ? 1 : 0, per = HTMLKIT_TABLE_DESIGNS - lead;
    size_t first = part * per, n = htmlkit_alternatives(r);
    c->n = 0;
    if (first >= n && !(part == 0 && lead)) return 0;
    if (lead) c->design[c->n++] = r->baseline;
    for (size_t k = first; k < n && k < first + per; k++)
        c->design[c->n++] = htmlkit_alternative(r, k);
    return c->n;
}

int htmlkit_is_real(const json_t *diff) {
    double lo = resultread_number(diff, "low"), hi = resultread_number(diff, "high");
    return isfinite(lo) && isfinite(hi) && (lo > 0 || hi < 0);
}

/* ---- writing ---- */

void htmlkit_text(FILE *f, const char *s) { xmltext_put(f, s); }

void htmlkit_textf(FILE *f, const char *fmt, ...) {
    char buf[HTMLKIT_TEXT_BYTES];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    xmltext_put(f, buf);
}

void htmlkit_element(FILE *f, const char *tag, const char *cls, const char *text) {
    if (cls) fprintf(f, "<%s class=\"%s\">", tag, cls);
    else fprintf(f, "<%s>", tag);
    xmltext_put(f, text);
    fprintf(f, "</%s>\n", tag);
}

void htmlkit_note(FILE *f, const char *text) { htmlkit_element(f, "p", "note", text); }

void htmlkit_section(FILE *f, const char *id, const char *title) {
    fprintf(f, "<section class=\"major\" id=\"%s\">\n", id);
    htmlkit_element(f, "h2", NULL, title);
}

/* ---- figures ---- */

char *htmlkit_money(const HtmlReport *r, double v, char *buf) {
    return humanfmt_money(v, r->currency, buf, HUMANFMT_BYTES);
}

char *htmlkit_money_short(const HtmlReport *r, double v, char *buf) {
    return humanfmt_money_short(v, r->currency, buf, HUMANFMT_BYTES);
}

char *htmlkit_money_fine(const HtmlReport *r, double v, char *buf) {
    return humanfmt_money_fine(v, r->currency, buf, HUMANFMT_BYTES);
}

char *htmlkit_signed(double v, char *buf) {
    /* a figure that rounds to zero has no sign to show */
    if (v > 0 && strpbrk(buf, "123456789") && strlen(buf) + 2 < HUMANFMT_BYTES) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
    return buf;
}

char *htmlkit_level(const HtmlReport *r, char *buf) {
    if (isfinite(r->confidence)) return humanfmt_percent(r->confidence, 0, buf, HUMANFMT_BYTES);
    snprintf(buf, HUMANFMT_BYTES, "the");
    return buf;
}

/* Known inputs, by their key without "economics." or "costs.". */
static const struct {
    const char *key, *label;
    HtmlUnit unit;
} INPUTS[] = {
    {"volume_growth", "Volume growth a year", HTMLKIT_SHARE},
    {"on_costs", "On-costs (share of pay)", HTMLKIT_SHARE},
    {"fte_hours", "Hours of one full-time post a year", HTMLKIT_HOURS},
    {"one_off.implementation", "Implementation (one-off)", HTMLKIT_MONEY},
    {"one_off.licences", "Licences (one-off)", HTMLKIT_MONEY},
    {"one_off.training", "Training (one-off)", HTMLKIT_MONEY},
    {"one_off.redundancy", "Redundancy (one-off)", HTMLKIT_MONEY},
    {"one_off.other", "Other one-off costs", HTMLKIT_MONEY},
    {"recurring.licences", "Licences a year", HTMLKIT_MONEY},
    {"recurring.maintenance", "Maintenance (share of implementation a year)", HTMLKIT_SHARE},
    {"recurring.other", "Other running costs a year", HTMLKIT_MONEY},
    {"optimism_bias.capex", "Optimism bias on one-off costs", HTMLKIT_SHARE},
    {"optimism_bias.duration", "Optimism bias on implementation time", HTMLKIT_SHARE},
    {"optimism_bias.opex", "Optimism bias on running costs", HTMLKIT_SHARE},
};

const char *htmlkit_input_label(const char *key, HtmlUnit *unit) {
    const char *k = key ? key : "";
    if (strncmp(k, "economics.", 10) == 0) k += 10;
    else if (strncmp(k, "costs.", 6) == 0) k += 6;
    for (size_t i = 0; i < sizeof INPUTS / sizeof *INPUTS; i++) {
        if (strcmp(k, INPUTS[i].key) != 0) continue;
        if (unit) *unit = INPUTS[i].unit;
        return INPUTS[i].label;
    }
    if (unit) *unit = HTMLKIT_PLAIN;
    return key ? key : "";
}

char *htmlkit_input_value(const HtmlReport *r, const char *key, double v, char *buf) {
    HtmlUnit unit;
    htmlkit_input_label(key, &unit);
    switch (unit) {
    case HTMLKIT_MONEY: return htmlkit_money(r, v, buf);
    case HTMLKIT_SHARE: return humanfmt_percent(v, fabs(v * 100 - round(v * 100)) < 1e-9 ? 0 : 1,
                                                buf, HUMANFMT_BYTES);
    case HTMLKIT_HOURS:
        humanfmt_number(v, 0, buf, HUMANFMT_BYTES);
        if (isfinite(v)) strcat(buf, " h");
        return buf;
    case HTMLKIT_PLAIN: break;
    }
    return humanfmt_number(v, fabs(v - round(v)) < 1e-9 ? 0 : 2, buf, HUMANFMT_BYTES);
}

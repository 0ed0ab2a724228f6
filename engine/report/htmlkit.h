/*
 * htmlkit: what the sections of the HTML report (reporthtml.h) share.
 *
 *   - the report being written (HtmlReport): where to, the result it reads,
 *     its baseline, currency and confidence level;
 *   - reading the Result JSON forgivingly (resultread.h, and here what
 *     the sections add to it): a key that is absent, null or of another
 *     type reads as "no value" (NaN, NULL), never as an error, so an
 *     older or a simulate-only result still renders;
 *   - writing: every text XML-escaped (xmltext.h), elements always closed,
 *     attributes quoted, so the page is also well-formed XML;
 *   - figures for people (humanfmt.h), plus what the report needs beyond
 *     them: money with pence for amounts per case, signed changes ("+£5",
 *     "−4.0 min"), and the names and values of economic inputs.
 *
 * Only the report's section writers (htmlsummary, htmlcharts, htmldetail)
 * and reporthtml use it. Nothing here allocates.
 */
#ifndef REORG_HTMLKIT_H
#define REORG_HTMLKIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "humanfmt.h"
#include "resultread.h"

#define HTMLKIT_TEXT_BYTES 512 /* a formatted sentence (htmlkit_textf) */

/* The report being written. */
typedef struct HtmlReport {
    FILE *f;
    const json_t *result;
    const json_t *designs;  /* the result's designs: an array, or NULL (none) */
    const json_t *baseline; /* the baseline design, or NULL */
    const char *currency;   /* study.currency, or NULL */
    double confidence;      /* run.confidence (0.95), NaN when absent */
    int business_case;      /* some design has an appraisal (reorg compare) */
    int *out_of_memory;     /* set when a part could not be drawn: the page is
                               incomplete (the sections take r as const) */
} HtmlReport;

/* r for writing `result` to f; out_of_memory: the caller's flag, 0. */
void htmlkit_init(HtmlReport *r, FILE *f, const json_t *result, int *out_of_memory);

/* ---- reading (the rest through resultread.h) ---- */

/* The mean of the estimate obj[key] ({mean, low, high, ...}); NaN. */
double htmlkit_mean(const json_t *obj, const char *key);

/* KPI `name` of a design (an estimate, maybe with "diff"), or NULL. */
const json_t *htmlkit_kpi(const json_t *design, const char *name);

/* The design's appraisal object, or NULL (baseline, simulate). */
const json_t *htmlkit_appraisal(const json_t *design);

/* Designs other than the baseline, in the result's order. */
size_t htmlkit_alternatives(const HtmlReport *r);

/* The k-th design other than the baseline (k < htmlkit_alternatives). */
const json_t *htmlkit_alternative(const HtmlReport *r, size_t k);

/* Designs in the order the tables and charts show them: the baseline
 * first, then the others in the result's order. */
size_t htmlkit_designs(const HtmlReport *r);
const json_t *htmlkit_design(const HtmlReport *r, size_t k);

/* Designs a table shows side by side: more go into further tables (parts),
 * each with the baseline in its first column again, so a table fits the
 * width of a page. */
#define HTMLKIT_TABLE_DESIGNS 5

typedef struct HtmlColumns {
    const json_t *design[HTMLKIT_TABLE_DESIGNS];
    size_t n;
} HtmlColumns;

/* Fill c with the designs of table part `part` (from 0). Returns c->n: 0
 * when there is no such part. */
size_t htmlkit_columns(const HtmlReport *r, size_t part, HtmlColumns *c);

/* The estimate's interval excludes zero: a real difference. */
int htmlkit_is_real(const json_t *diff);

/* ---- writing ---- */

/* s escaped (NULL: nothing). */
void htmlkit_text(FILE *f, const char *s);

/* printf, then escaped; at most HTMLKIT_TEXT_BYTES. */
void htmlkit_textf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* <tag class="cls">text</tag>, cls NULL: no class; text escaped. */
void htmlkit_element(FILE *f, const char *tag, const char *cls, const char *text);

/* A note in the flow of the page: <p class="note">text</p>. */
void htmlkit_note(FILE *f, const char *text);

/* <section class="major" id="id"><h2>title</h2>; major sections start a
 * printed page. */
void htmlkit_section(FILE *f, const char *id, const char *title);

/* ---- figures ---- */

/* Money in whole units ("£1,234") into buf (HUMANFMT_BYTES). */
char *htmlkit_money(const HtmlReport *r, double v, char *buf);

/* Money, short ("£1.2m"). */
char *htmlkit_money_short(const HtmlReport *r, double v, char *buf);

/* Money with pence below 1,000 ("£14.20"), for amounts per case. */
char *htmlkit_money_fine(const HtmlReport *r, double v, char *buf);

/* buf (a figure already written for v) with "+" in front when v is
 * positive, so a change reads "+£5" or "−£5". Returns buf. */
char *htmlkit_signed(double v, char *buf);

/* The confidence level as "95%", "the" when unknown. */
char *htmlkit_level(const HtmlReport *r, char *buf);

/* How an economic input is measured. */
typedef enum HtmlUnit { HTMLKIT_MONEY, HTMLKIT_SHARE, HTMLKIT_HOURS, HTMLKIT_PLAIN } HtmlUnit;

/* A reader's name for an input key of the result ("on_costs",
 * "economics.on_costs", "costs.one_off.implementation", ...): "On-costs
 * (share of pay)"; the key itself when it is not known. *unit (may be
 * NULL) receives how its values read. */
const char *htmlkit_input_label(const char *key, HtmlUnit *unit);

/* A value of that input for people: "£150,000", "28%", "1,650 h". */
char *htmlkit_input_value(const HtmlReport *r, const char *key, double v, char *buf);

#endif

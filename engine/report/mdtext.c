/*
 * mdtext: escaped text, tables and figures for the Markdown report
 * (mdtext.h).
 */
#include "mdtext.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

MdUnit mdtext_kpi_unit(const char *kpi_unit) {
    if (!kpi_unit) return MD_COUNT;
    if (strcmp(kpi_unit, "s") == 0) return MD_DURATION;
    if (strcmp(kpi_unit, "currency") == 0) return MD_MONEY_FINE;
    if (strcmp(kpi_unit, "share") == 0) return MD_SHARE;
    return MD_COUNT;
}

MdUnit mdtext_input_unit(const char *key) {
    static const char *const shares[] = {"on_costs", "volume_growth", "maintenance",
                                         "optimism_bias", "mitigation", "share"};
    if (!key) return MD_MONEY;
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++)
        if (strstr(key, shares[i])) return MD_SHARE;
    if (strstr(key, "fte_hours")) return MD_HOURS;
    return MD_MONEY;
}

/* Decimals that keep three significant figures of a count below 100, none
 * for whole numbers and for figures from 100 up. */
static int count_decimals(double v) {
    double a = fabs(v);
    if (a >= 100 || v == round(v)) return 0;
    return a >= 10 ? 1 : 2;
}

char *mdtext_figure(double v, MdUnit u, const char *currency, int change, char *buf,
                    size_t size) {
    if (!isfinite(v)) return snprintf(buf, size, "n/a"), buf;
    char t[HUMANFMT_BYTES];
    switch (u) {
    case MD_MONEY: humanfmt_money(v, currency, t, sizeof t); break;
    case MD_MONEY_FINE: humanfmt_money_fine(v, currency, t, sizeof t); break;
    case MD_DURATION: humanfmt_duration(v, t, sizeof t); break;
    case MD_SHARE:
        if (change) {
            humanfmt_number(v * 100, 1, t, sizeof t);
            strncat(t, " pp", sizeof t - strlen(t) - 1);
        } else {
            humanfmt_share(v, 1, t, sizeof t);
        }
        break;
    case MD_YEARS: humanfmt_years(v, t, sizeof t); break;
    case MD_RATIO: humanfmt_number(v, 2, t, sizeof t); break;
    case MD_TENTHS: humanfmt_number(v, 1, t, sizeof t); break;
    case MD_HOURS:
        humanfmt_number(v, 0, t, sizeof t);
        strncat(t, " h", sizeof t - strlen(t) - 1);
        break;
    case MD_COUNT:
    default: humanfmt_number(v, count_decimals(v), t, sizeof t); break;
    }
    /* "+" only when the written figure is not zero ("+0" would mislead) */
    int plus = change && v > 0 && strpbrk(t, "123456789");
    snprintf(buf, size, "%s%s", plus ? "+" : "", t);
    return buf;
}

char *mdtext_period(double years, char *buf, size_t size) {
    if (!isfinite(years)) return snprintf(buf, size, "n/a"), buf;
    snprintf(buf, size, "%.0f %s", years, years == 1 ? "year" : "years");
    return buf;
}

char *mdtext_interval(double low, double high, MdUnit u, const char *currency, int change,
                      char *buf, size_t size) {
    if (!isfinite(low) || !isfinite(high)) return snprintf(buf, size, "n/a"), buf;
    char a[MDTEXT_BYTES / 2], b[MDTEXT_BYTES / 2];
    mdtext_figure(low, u, currency, change, a, sizeof a);
    mdtext_figure(high, u, currency, change, b, sizeof b);
    snprintf(buf, size, "%s to %s", a, b);
    return buf;
}

static int is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

void mdtext_put(FILE *f, const char *s) {
    if (!s) return;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '\n' || c == '\r' || c == '\t') {
            fputc(' ', f);
            continue;
        }
        /* an underscore inside a word never starts emphasis in GFM */
        int in_word = c == '_' && p > s && is_word_char(p[-1]) && is_word_char(p[1]);
        if (!in_word && strchr("\\`*_[]<>|~&#", c)) fputc('\\', f);
        fputc(c, f);
    }
}

void mdtext_printf(FILE *f, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    mdtext_put(f, buf);
}

void mdtext_table_head(FILE *f, const char *const *titles, const char *align, size_t n) {
    mdtext_table_row(f, titles, n);
    fputc('|', f);
    for (size_t i = 0; i < n; i++)
        fputs(align && align[i] == 'r' ? " ---: |" : " --- |", f);
    fputc('\n', f);
}

void mdtext_table_row(FILE *f, const char *const *cells, size_t n) {
    fputc('|', f);
    for (size_t i = 0; i < n; i++) {
        fputc(' ', f);
        mdtext_put(f, cells[i]);
        fputs(" |", f);
    }
    fputc('\n', f);
}

void mdtext_cellf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

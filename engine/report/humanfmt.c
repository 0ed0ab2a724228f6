/*
 * humanfmt: figures written for people (humanfmt.h).
 */
#include "humanfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"

static const char MINUS[] = "\xe2\x88\x92"; /* U+2212 */

const char *humanfmt_currency_symbol(const char *code) {
    if (!code) return NULL;
    if (strcmp(code, "GBP") == 0) return "\xc2\xa3";
    if (strcmp(code, "EUR") == 0) return "\xe2\x82\xac";
    if (strcmp(code, "USD") == 0) return "$";
    return NULL;
}

char *humanfmt_number(double v, int decimals, char *buf, size_t size) {
    chart_number(v, decimals, buf, size);
    return buf;
}

/* sign, symbol, digits or digits, " ", code */
static char *with_currency(double v, const char *digits_of_abs, const char *currency, char *buf,
                           size_t size) {
    const char *sym = humanfmt_currency_symbol(currency);
    const char *sign = v < 0 ? MINUS : "";
    if (sym) snprintf(buf, size, "%s%s%s", sign, sym, digits_of_abs);
    else if (currency && *currency) snprintf(buf, size, "%s%s %s", sign, digits_of_abs, currency);
    else snprintf(buf, size, "%s%s", sign, digits_of_abs);
    return buf;
}

char *humanfmt_money(double v, const char *currency, char *buf, size_t size) {
    if (!isfinite(v)) return snprintf(buf, size, "n/a"), buf;
    char digits[CHART_NUMBER_BYTES];
    double whole = round(fabs(v));
    chart_number(whole, 0, digits, sizeof digits);
    return with_currency(whole > 0 ? v : 0, digits, currency, buf, size);
}

char *humanfmt_money_fine(double v, const char *currency, char *buf, size_t size) {
    if (!isfinite(v) || fabs(v) >= 1000) return humanfmt_money(v, currency, buf, size);
    char digits[CHART_NUMBER_BYTES];
    double a = round(fabs(v) * 100) / 100;
    chart_number(a, 2, digits, sizeof digits);
    return with_currency(a > 0 ? v : 0, digits, currency, buf, size);
}

char *humanfmt_money_short(double v, const char *currency, char *buf, size_t size) {
    if (!isfinite(v)) return snprintf(buf, size, "n/a"), buf;
    char digits[CHART_NUMBER_BYTES];
    double a = fabs(v);
    if (a < 1000) chart_number(round(a), 0, digits, sizeof digits);
    else chart_money(a, digits, sizeof digits);
    return with_currency(round(a) > 0 ? v : 0, digits, currency, buf, size);
}

char *humanfmt_percent(double share, int decimals, char *buf, size_t size) {
    if (!isfinite(share)) return snprintf(buf, size, "n/a"), buf;
    char digits[CHART_NUMBER_BYTES];
    chart_number(share * 100, decimals, digits, sizeof digits);
    snprintf(buf, size, "%s%%", digits);
    return buf;
}

char *humanfmt_share(double share, int decimals, char *buf, size_t size) {
    if (!isfinite(share)) return snprintf(buf, size, "n/a"), buf;
    double step = pow(10, -decimals) / 100; /* the smallest share shown */
    if (share < 1 && share > 1 - step / 2) {
        char digits[CHART_NUMBER_BYTES];
        chart_number(100 * (1 - step), decimals, digits, sizeof digits);
        snprintf(buf, size, ">%s%%", digits);
        return buf;
    }
    if (share > 0 && share < step / 2) {
        char digits[CHART_NUMBER_BYTES];
        chart_number(100 * step, decimals, digits, sizeof digits);
        snprintf(buf, size, "<%s%%", digits);
        return buf;
    }
    return humanfmt_percent(share, share == 0 || share == 1 ? 0 : decimals, buf, size);
}

char *humanfmt_duration(double s, char *buf, size_t size) {
    if (!isfinite(s)) return snprintf(buf, size, "n/a"), buf;
    static const struct {
        double seconds;
        const char *unit;
    } units[] = {{86400, "days"}, {3600, "h"}, {60, "min"}};
    char digits[CHART_NUMBER_BYTES];
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        /* the largest unit the figure reaches, unless it would show as a
         * whole one of the next (23.97 h is 1.0 day, not 24 h; 57 min stays) */
        double x = s / units[i].seconds;
        if (fabs(x) < 1) {
            double below = i + 1 < sizeof units / sizeof *units ? units[i + 1].seconds : 1;
            if (round(fabs(s) / below) * below < units[i].seconds) continue;
            x = s < 0 ? -1 : 1;
        }
        int decimals = fabs(x) < 9.95 ? 1 : 0;
        chart_number(x, decimals, digits, sizeof digits);
        snprintf(buf, size, "%s %s", digits,
                 i == 0 && (strcmp(digits, "1.0") == 0 || strcmp(digits, "\xe2\x88\x92" "1.0") == 0)
                     ? "day"
                     : units[i].unit);
        return buf;
    }
    chart_number(s, fabs(s) < 9.95 && s != round(s) ? 1 : 0, digits, sizeof digits);
    snprintf(buf, size, "%s s", digits);
    return buf;
}

char *humanfmt_years(double years, char *buf, size_t size) {
    if (!isfinite(years)) return snprintf(buf, size, "n/a"), buf;
    char digits[CHART_NUMBER_BYTES];
    chart_number(years, 1, digits, sizeof digits);
    snprintf(buf, size, "%s %s", digits, strcmp(digits, "1.0") == 0 ? "year" : "years");
    return buf;
}

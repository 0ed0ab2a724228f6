/*
 * units: the small languages inside YAML values (units.h).
 */
#include "units.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(size_t *err_off, const char **why, size_t off, const char *msg) {
    *err_off = off;
    *why = msg;
    return -1;
}

/* Scan a decimal number at s; returns its length (0 when none). Only digits,
 * one point, an optional sign and exponent: strtod alone would also take hex,
 * "inf" and "nan", which are never what a model means. */
static size_t scan_number(const char *s) {
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    size_t digits = 0;
    while (isdigit((unsigned char)s[i])) i++, digits++;
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i])) i++, digits++;
    }
    if (!digits) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') j++;
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j])) j++;
            i = j;
        }
    }
    return i;
}

static int parse_prefix_number(const char *s, double *out, size_t *len, size_t *err_off,
                               const char **why) {
    size_t n = scan_number(s);
    if (!n) return bad(err_off, why, 0, "expected a number");
    char tmp[64];
    if (n >= sizeof tmp) return bad(err_off, why, 0, "number too long");
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    double v = strtod(tmp, NULL);
    if (errno == ERANGE && fabs(v) > 1.0) return bad(err_off, why, 0, "number out of range");
    if (!isfinite(v)) return bad(err_off, why, 0, "number out of range");
    *out = v;
    *len = n;
    return 0;
}

int units_number(const char *s, double *out, size_t *err_off, const char **why) {
    size_t n;
    if (parse_prefix_number(s, out, &n, err_off, why)) return -1;
    if (s[n]) return bad(err_off, why, n, "unexpected text after the number");
    return 0;
}

int units_integer(const char *s, long *out, size_t *err_off, const char **why) {
    size_t i = 0;
    if (s[0] == '+') i++;
    if (s[i] == '-') return bad(err_off, why, 0, "must not be negative");
    if (!isdigit((unsigned char)s[i])) return bad(err_off, why, 0, "expected a whole number");
    long v = 0;
    for (; isdigit((unsigned char)s[i]); i++) {
        int d = s[i] - '0';
        if (v > (2147483647L - d) / 10) return bad(err_off, why, 0, "number too large");
        v = v * 10 + d;
    }
    if (s[i]) return bad(err_off, why, i, "expected a whole number");
    *out = v;
    return 0;
}

int units_duration(const char *s, double *out, size_t *err_off, const char **why) {
    double v;
    size_t n;
    if (parse_prefix_number(s, &v, &n, err_off, why))
        return bad(err_off, why, 0, "expected a duration such as 45s, 5m, 2.5h or 3d");
    if (v < 0) return bad(err_off, why, 0, "a duration must not be negative");
    const char *u = s + n;
    while (*u == ' ') u++;
    double scale;
    if (*u == '\0') {
        if (v == 0) {
            *out = 0;
            return 0;
        }
        return bad(err_off, why, n, "a duration needs a unit: s, m, h or d (e.g. 5m)");
    }
    if (strcmp(u, "s") == 0 || strcmp(u, "sec") == 0)
        scale = 1;
    else if (strcmp(u, "m") == 0 || strcmp(u, "min") == 0)
        scale = 60;
    else if (strcmp(u, "h") == 0)
        scale = 3600;
    else if (strcmp(u, "d") == 0)
        scale = 86400;
    else
        return bad(err_off, why, (size_t)(u - s), "unknown unit; use s, m, h or d");
    if (v > 1e12) return bad(err_off, why, 0, "duration out of range");
    *out = v * scale;
    return 0;
}

static const struct {
    const char *name;
    RatePeriod period;
} PERIODS[] = {{"hour", RATE_HOUR},   {"day", RATE_DAY},   {"week", RATE_WEEK},
               {"month", RATE_MONTH}, {"year", RATE_YEAR}, {"h", RATE_HOUR},
               {"d", RATE_DAY}};

int units_rate(const char *s, double *rate, RatePeriod *period, size_t *err_off,
               const char **why) {
    double v;
    size_t n;
    if (parse_prefix_number(s, &v, &n, err_off, why))
        return bad(err_off, why, 0, "expected a rate such as 400/day or 12 per hour");
    if (v <= 0) return bad(err_off, why, 0, "a rate must be greater than 0");
    const char *p = s + n;
    while (*p == ' ') p++;
    if (*p == '/')
        p++;
    else if (strncmp(p, "per ", 4) == 0)
        p += 4;
    else
        return bad(err_off, why, (size_t)(p - s), "expected '/' or 'per' and a period");
    while (*p == ' ') p++;
    for (size_t i = 0; i < sizeof PERIODS / sizeof PERIODS[0]; i++) {
        if (strcmp(p, PERIODS[i].name) == 0) {
            *rate = v;
            *period = PERIODS[i].period;
            return 0;
        }
    }
    return bad(err_off, why, (size_t)(p - s), "unknown period; use hour, day, week, month or year");
}

int units_clock(const char *s, int *minutes, size_t *err_off, const char **why) {
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':' ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]) || s[5] != '\0')
        return bad(err_off, why, 0, "expected a time of day as HH:MM");
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59) return bad(err_off, why, 3, "minutes must be 00 to 59");
    if (h > 24 || (h == 24 && m != 0)) return bad(err_off, why, 0, "hours must be 00 to 24:00");
    *minutes = h * 60 + m;
    return 0;
}

/* Days from civil and back: Howard Hinnant's algorithms (public domain). */
int units_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void units_civil(int z, int *year, int *month, int *day) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = y + (m <= 2);
    *month = (int)m;
    *day = (int)d;
}

int units_weekday(int days) {
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int w = (days + 3) % 7;
    return w < 0 ? w + 7 : w;
}

int units_date(const char *s, int *days, size_t *err_off, const char **why) {
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return bad(err_off, why, 0, "expected a date as YYYY-MM-DD");
    }
    if (s[10]) return bad(err_off, why, 10, "expected a date as YYYY-MM-DD");
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200) return bad(err_off, why, 0, "year must be 1900 to 2200");
    if (m < 1 || m > 12) return bad(err_off, why, 5, "month must be 01 to 12");
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    if (d < 1 || d > max) return bad(err_off, why, 8, "no such day in that month");
    *days = units_days_from_civil(y, m, d);
    return 0;
}

char *units_format_duration(double sec, char *buf, size_t size) {
    static const struct {
        const char *unit;
        double scale;
    } U[] = {{"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}};
    for (size_t i = 0; i < 4; i++) {
        double v = sec / U[i].scale;
        /* the largest unit that gives at least 1 with few decimals */
        if (fabs(v) >= 1 || i == 3) {
            snprintf(buf, size, "%.4g%s", v, U[i].unit);
            return buf;
        }
    }
    return buf;
}

double units_period_seconds(RatePeriod p) {
    switch (p) {
    case RATE_HOUR:
        return 3600.0;
    case RATE_DAY:
        return 86400.0;
    case RATE_WEEK:
        return 7 * 86400.0;
    case RATE_MONTH:
        return 365.2425 / 12 * 86400.0;
    case RATE_YEAR:
        return 365.2425 * 86400.0;
    case RATE_NONE:
        break;
    }
    return 0;
}

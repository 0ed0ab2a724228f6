/*
 * pattern: an upper bound on a Lua pattern match's work (pattern.h).
 */
#include "pattern.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* ---- pattern cost ------------------------------------------------------- */

/* Lua's matcher backtracks in C, where the count hook cannot stop it:
 * ('a'):rep(800):find('.-.-.-b') runs for minutes. So its work is bounded
 * before it runs, following its recursion (lstrlib.c, match()) from the
 * last pattern item to the first. The cost of the rest of the pattern with
 * r bytes left is a polynomial sum p[k] * C(r + k, k) in two parts: c, paid
 * by every attempt, and s, paid once by a successful one.
 *   - A quantifier re-runs the rest at each length it tries: the sum over
 *     t <= r of C(t + k, k) is C(r + k + 1, k + 1), so c moves up a degree.
 *   - Unless the rest must first take a byte the quantifier cannot (or is
 *     the final '$'): then every length but one fails at once, + 2(r + 1).
 *   - Or unless the rest cannot fail: the first length tried succeeds.
 * An unanchored search adds up the attempts from each start the same way. */

enum { ITEM_ZERO, ITEM_FRONTIER, ITEM_END, ITEM_CHAR, ITEM_BALANCE, ITEM_BACKREF };

typedef struct PatternItem {
    int kind;
    char quant;          /* ITEM_CHAR: '\0', '?', '*', '+' or '-' */
    int count;           /* ITEM_CHAR without quantifier: a run this long */
    const char *p, *ep;  /* the (first) character class, [p, ep) */
} PatternItem;

/* The end of the character class at p (Lua's classEnd); NULL and *err when
 * the pattern is malformed. */
static const char *class_end(const char *p, const char *end, const char **err) {
    switch (*p++) {
    case '%':
        if (p == end) return *err = "malformed pattern (ends with '%')", NULL;
        return p + 1;
    case '[':
        if (*p == '^') p++;
        do {
            if (p == end) return *err = "malformed pattern (missing ']')", NULL;
            if (*(p++) == '%' && p < end) p++;
        } while (*p != ']');
        return p + 1;
    default:
        return p;
    }
}

/* Whether byte c is in class %cl (Lua's match_class). */
static int in_class_letter(int c, int cl) {
    static const char letters[] = "acdglpsuwx";
    static int (*const test[])(int) = {isalpha, iscntrl, isdigit, isgraph, islower,
                                       ispunct, isspace, isupper, isalnum, isxdigit};
    const char *at = strchr(letters, tolower(cl));
    if (!at || !*at) return cl == c;
    int res = test[at - letters](c) != 0;
    return isupper(cl) ? !res : res;
}

/* Whether byte c matches the class [p, ep) (Lua's singlematch). */
static int in_class(int c, const char *p, const char *ep) {
    if (*p == '.') return 1;
    if (*p == '%') return in_class_letter(c, (unsigned char)p[1]);
    if (*p != '[') return (unsigned char)*p == c;
    int sig = p[1] != '^';
    for (p += !sig; ++p < ep - 1;) {
        if (*p == '%') {
            if (in_class_letter(c, (unsigned char)*++p)) return sig;
        } else if (p[1] == '-' && p + 2 < ep - 1) {
            p += 2;
            if ((unsigned char)p[-2] <= c && c <= (unsigned char)*p) return sig;
        } else if ((unsigned char)*p == c) {
            return sig;
        }
    }
    return !sig;
}

/* Whether no byte matches both classes. */
static int disjoint(const PatternItem *x, const PatternItem *y) {
    if (y->ep - y->p == 1 && !strchr(".%[", *y->p))
        return !in_class((unsigned char)*y->p, x->p, x->ep);
    for (int c = 0; c < 256; c++)
        if (in_class(c, x->p, x->ep) && in_class(c, y->p, y->ep)) return 0;
    return 1;
}

/* Split the pattern [p, end) into items as match() reads them. Returns how
 * many, or -1 and *err. *widest: the longest class. */
static int pattern_items(const char *p, const char *end, PatternItem *items, size_t *widest,
                         const char **err) {
    int n = 0;
    for (*widest = 1; p < end;) {
        PatternItem it = {ITEM_ZERO, 0, 1, p, p + 1};
        if (*p == '(' || *p == ')') {
            p += *p == '(' && p[1] == ')' ? 2 : 1;
        } else if (*p == '$' && p + 1 == end) {
            it.kind = ITEM_END;
            p++;
        } else if (*p == '%' && p[1] == 'b') {
            if (p + 3 >= end) return *err = "malformed pattern (missing arguments to '%b')", -1;
            it = (PatternItem){ITEM_BALANCE, 0, 1, p + 2, p + 3};
            p += 4;
        } else if (*p == '%' && p[1] == 'f') {
            if (p[2] != '[') return *err = "missing '[' after '%f' in pattern", -1;
            it.kind = ITEM_FRONTIER;
            if (!(p = class_end(p + 2, end, err))) return -1;
        } else if (*p == '%' && isdigit((unsigned char)p[1])) {
            it.kind = ITEM_BACKREF;
            p += 2;
        } else {
            it.kind = ITEM_CHAR;
            if (!(p = it.ep = class_end(p, end, err))) return -1;
            if (p < end && *p && strchr("?*+-", *p)) it.quant = *p++;
            if ((size_t)(it.ep - it.p) > *widest) *widest = (size_t)(it.ep - it.p);
            if (!it.quant && n && items[n - 1].kind == ITEM_CHAR && !items[n - 1].quant) {
                items[n - 1].count++;
                continue;
            }
        }
        if (n == PATTERN_MAX_ITEMS) return *err = "pattern too complex for a rule (too many items)", -1;
        items[n++] = it;
    }
    return n;
}

/* Whether quantified item i backtracks cheaply: past captures and optional
 * items it excludes (counted in *skipped), the next item must take a byte
 * item i cannot match, or be the final '$'. */
static int guarded(const PatternItem *items, int n, int i, int *skipped) {
    int j = i + 1;
    for (; j < n; j++) {
        const PatternItem *y = &items[j];
        int optional = y->kind == ITEM_CHAR && y->quant && y->quant != '+';
        if (y->kind != ITEM_ZERO && !(optional && disjoint(&items[i], y))) break;
    }
    *skipped = j - i - 1;
    if (j == n) return 0;
    const PatternItem *y = &items[j];
    if (y->kind == ITEM_END) return 1;
    if (y->kind == ITEM_BALANCE) return !in_class((unsigned char)*y->p, items[i].p, items[i].ep);
    return y->kind == ITEM_CHAR && (!y->quant || y->quant == '+') && disjoint(&items[i], y);
}

#define TERMS (PATTERN_MAX_DEGREE + 2)

/* p := the sum over t <= r of p(t), one degree up. Returns 0 past
 * PATTERN_MAX_DEGREE + 1. */
static int sum_up(double *p) {
    if (p[TERMS - 1] != 0) return 0;
    memmove(p + 1, p, (TERMS - 1) * sizeof *p);
    p[0] = 0;
    return 1;
}

/* p(n), in the basis C(n + k, k). */
static double evaluate(const double *p, size_t n) {
    int top = TERMS - 1;
    while (top > 0 && p[top] == 0) top--;
    double v = 0, binomial = 1;
    for (int k = 0; k <= top; k++) {
        v += p[k] * binomial;
        binomial *= ((double)n + k + 1) / (k + 1);
    }
    return v;
}

/* An upper bound on the matcher's steps for the items on n bytes: one
 * attempt when anchored, else one from each start; a success is paid once,
 * or for gmatch and gsub (repeat) once per match. HUGE_VAL when beyond
 * reckoning. */
static double pattern_steps(const PatternItem *items, int count, size_t widest, size_t n,
                            int anchored, int repeat) {
    double c[TERMS] = {0}, s[TERMS] = {1};
    int cannot_fail = 1, empty_at_end = 1, skipped;
    for (int i = count - 1; i >= 0; i--) {
        const PatternItem *it = &items[i];
        int q = it->kind == ITEM_CHAR ? it->quant : 0;
        if (it->kind == ITEM_ZERO) {
            c[0] += 1;
        } else if (q == '?' && !cannot_fail) {
            for (int k = 0; k < TERMS; k++) c[k] *= 2;
            c[0] += 1;
        } else if (q && cannot_fail) { /* the first length tried succeeds */
            for (int k = 0; k < TERMS; k++) s[k] += c[k], c[k] = 0;
            s[0] += 1;
            s[1] += q != '?';
            c[0] = q == '+';
            cannot_fail = q != '+';
        } else if ((q == '*' || q == '-') && *it->p == '.' && empty_at_end) {
            if (!sum_up(c)) return HUGE_VAL; /* it can go to the end, where the rest matches */
            for (int k = 0; k < TERMS; k++) s[k] += c[k], c[k] = 0;
            s[1] += 1;
            cannot_fail = 1;
        } else if (q && q != '?' && guarded(items, count, i, &skipped)) {
            c[0] += 1;
            c[1] += 2 + skipped;
        } else if (q && q != '?') {
            if (!sum_up(c)) return HUGE_VAL;
            c[0] += 1;
            c[1] += 1;
        } else {
            c[0] += it->kind == ITEM_CHAR ? it->count : 1;
            c[1] += it->kind == ITEM_BALANCE || it->kind == ITEM_BACKREF; /* a scan */
        }
        if (it->kind != ITEM_ZERO && !q) cannot_fail = 0;
        if (it->kind != ITEM_ZERO && it->kind != ITEM_END && (!q || q == '+')) empty_at_end = 0;
    }
    double steps = evaluate(c, n) + evaluate(s, n);
    if (!anchored) {
        if (!sum_up(c)) return HUGE_VAL;
        steps = evaluate(c, n) + (double)n + 1;
        int linear = 1;
        for (int k = 2; k < TERMS; k++) linear &= s[k] == 0;
        if (!repeat) steps += evaluate(s, n);
        else if (linear) steps += (s[0] + 2 * s[1]) * ((double)n + 1); /* a match takes its scan */
        else if (sum_up(s)) steps += evaluate(s, n);
        else return HUGE_VAL;
    }
    return steps * (double)(1 + widest / 8);
}

/* Whether [p, p + m) has no character special in patterns (Lua's
 * nospecials, which also looks past embedded zeros). */
static int no_specials(const char *p, size_t m) {
    for (size_t i = 0; i < m; i++)
        if (p[i] && strchr("^$*+?.([%-", p[i])) return 0;
    return 1;
}

double pattern_cost(const char *p, size_t m, size_t n, int which, int plain, const char **err) {
    if (which == 'f' && (plain || no_specials(p, m))) return ((double)n + 1) * ((double)m + 1);
    PatternItem items[PATTERN_MAX_ITEMS];
    int anchored = which != 'g' && *p == '^';
    size_t widest;
    int count = pattern_items(p + anchored, p + m, items, &widest, err);
    if (count < 0) return -1;
    return pattern_steps(items, count, widest, n, anchored, which == 'g' || which == 's');
}

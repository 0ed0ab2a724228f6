/*
 * distread: reading a distribution from YAML (distread.h).
 *
 * Both spellings are first reduced to a list of arguments (an optional name,
 * one value or a list of values, each with its source position), then one
 * interpreter checks names, counts, units and ranges for every kind.
 */
#include "distread.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "units.h"

#define MAX_ARGS 4

typedef struct Value {
    const char *text;
    SrcPos pos;
    int exact; /* pos.col + a byte offset into text is a true column */
} Value;

typedef struct Arg {
    const char *name; /* NULL for a positional argument */
    SrcPos pos;       /* of the name, or of the value when positional */
    int is_list;
    Value *values;
    size_t n;
} Arg;

typedef struct Call {
    const char *kind_name;
    SrcPos kind_pos;
    Arg args[MAX_ARGS];
    size_t n_args;
} Call;

typedef struct Spec {
    const char *names[3];
    int timed[3]; /* takes a duration unit when the distribution is of durations */
    int count;
} Spec;

static const Spec SPECS[DIST_KIND_COUNT] = {
    [DIST_FIXED] = {{"value"}, {1}, 1},
    [DIST_UNIFORM] = {{"min", "max"}, {1, 1}, 2},
    [DIST_TRIANGULAR] = {{"min", "mode", "max"}, {1, 1, 1}, 3},
    [DIST_PERT] = {{"min", "mode", "max"}, {1, 1, 1}, 3},
    [DIST_EXPONENTIAL] = {{"mean"}, {1}, 1},
    [DIST_NORMAL] = {{"mean", "sd"}, {1, 1}, 2},
    [DIST_LOGNORMAL] = {{"mean", "sd"}, {1, 1}, 2},
    [DIST_GAMMA] = {{"shape", "scale"}, {0, 1}, 2},
    [DIST_ERLANG] = {{"k", "mean"}, {0, 1}, 2},
    [DIST_WEIBULL] = {{"shape", "scale"}, {0, 1}, 2},
    [DIST_EMPIRICAL] = {{"values", "weights"}, {1, 0}, 2},
};

/* ---- the scalar spelling: name(arg, key=value, [list]) ------------------ */

typedef struct Lexer {
    Reader *r;
    const YtNode *node;
    const char *s;
    size_t i;
} Lexer;

static void skip_ws(Lexer *lx) {
    while (lx->s[lx->i] == ' ' || lx->s[lx->i] == '\t') lx->i++;
}

static int lex_fail(Lexer *lx, size_t at, const char *what) {
    rd_error_at(lx->r, ytree_pos_at(lx->node, at), "%s in '%s'", what, lx->s);
    return -1;
}

/* A bare value: everything up to , ) ] = or end, trimmed. */
static int lex_value(Lexer *lx, Value *v) {
    skip_ws(lx);
    size_t start = lx->i;
    while (lx->s[lx->i] && !strchr(",()[]=", lx->s[lx->i])) lx->i++;
    size_t end = lx->i;
    while (end > start && (lx->s[end - 1] == ' ' || lx->s[end - 1] == '\t')) end--;
    if (end == start) return lex_fail(lx, start, "expected a value");
    v->text = arena_strndup(lx->r->arena, lx->s + start, end - start);
    v->pos = ytree_pos_at(lx->node, start);
    v->exact = lx->node->single_line;
    return v->text ? 0 : lex_fail(lx, start, "out of memory");
}

static int lex_list(Lexer *lx, Arg *a) {
    size_t cap = 8;
    a->is_list = 1;
    a->values = arena_array(lx->r->arena, cap, sizeof *a->values);
    lx->i++; /* '[' */
    for (;;) {
        if (!a->values) return lex_fail(lx, lx->i, "out of memory");
        if (a->n == DISTREAD_MAX_VALUES) return lex_fail(lx, lx->i, "too many values");
        if (a->n == cap) {
            Value *nv = arena_array(lx->r->arena, cap * 2, sizeof *nv);
            if (!nv) return lex_fail(lx, lx->i, "out of memory");
            memcpy(nv, a->values, cap * sizeof *nv);
            a->values = nv;
            cap *= 2;
        }
        if (lex_value(lx, &a->values[a->n])) return -1;
        a->n++;
        skip_ws(lx);
        if (lx->s[lx->i] == ',') {
            lx->i++;
            continue;
        }
        if (lx->s[lx->i] == ']') {
            lx->i++;
            return 0;
        }
        return lex_fail(lx, lx->i, "expected ',' or ']'");
    }
}

static int lex_call(Reader *r, const YtNode *n, Call *c) {
    Lexer lx = {r, n, n->str, 0};
    skip_ws(&lx);
    size_t start = lx.i;
    while (isalpha((unsigned char)lx.s[lx.i])) lx.i++;
    c->kind_name = arena_strndup(r->arena, lx.s + start, lx.i - start);
    c->kind_pos = ytree_pos_at(n, start);
    if (!c->kind_name) return lex_fail(&lx, start, "out of memory");
    skip_ws(&lx);
    if (lx.s[lx.i] != '(') return lex_fail(&lx, lx.i, "expected '(' after the distribution name");
    lx.i++;
    skip_ws(&lx);
    if (lx.s[lx.i] == ')') return lex_fail(&lx, lx.i, "expected parameters");
    for (;;) {
        skip_ws(&lx);
        if (c->n_args == MAX_ARGS) return lex_fail(&lx, lx.i, "too many parameters");
        Arg *a = &c->args[c->n_args++];
        /* name= ? */
        size_t j = lx.i;
        while (isalpha((unsigned char)lx.s[j])) j++;
        size_t k = j;
        while (lx.s[k] == ' ') k++;
        if (j > lx.i && lx.s[k] == '=') {
            a->name = arena_strndup(r->arena, lx.s + lx.i, j - lx.i);
            a->pos = ytree_pos_at(n, lx.i);
            lx.i = k + 1;
            skip_ws(&lx);
        }
        if (lx.s[lx.i] == '[') {
            if (!a->name) a->pos = ytree_pos_at(n, lx.i);
            if (lex_list(&lx, a)) return -1;
        } else {
            a->values = arena_alloc(r->arena, sizeof *a->values);
            if (!a->values) return lex_fail(&lx, lx.i, "out of memory");
            a->n = 1;
            if (lex_value(&lx, &a->values[0])) return -1;
            if (!a->name) a->pos = a->values[0].pos;
        }
        skip_ws(&lx);
        if (lx.s[lx.i] == ',') {
            lx.i++;
            continue;
        }
        if (lx.s[lx.i] == ')') {
            lx.i++;
            break;
        }
        if (!lx.s[lx.i]) /* YAML cut the value at a comma: flow style { } */
            return lex_fail(&lx, lx.i, "missing ')'; inside { } a distribution must be quoted, "
                                       "e.g. duration: \"triangular(2m, 5m, 15m)\",");
        return lex_fail(&lx, lx.i, "expected ',' or ')'");
    }
    skip_ws(&lx);
    if (lx.s[lx.i]) return lex_fail(&lx, lx.i, "unexpected text after ')'");
    return 0;
}

/* ---- the mapping spelling: {dist: name, param: value, ...} -------------- */

static int map_call(Reader *r, const YtNode *n, Call *c) {
    const YtNode *kind = rd_get(n, "dist");
    if (!kind) {
        rd_error(r, n, "missing key 'dist' (the distribution's name, e.g. lognormal)");
        return -1;
    }
    if (rd_expect(r, kind, YT_SCALAR, "a distribution name")) return -1;
    c->kind_name = kind->str;
    c->kind_pos = kind->pos;
    for (size_t i = 0; i < n->count; i++) {
        const YtNode *k = YT_KEY(n, i), *v = YT_VAL(n, i);
        if (strcmp(k->str, "dist") == 0) continue;
        if (c->n_args == MAX_ARGS) {
            rd_error(r, k, "too many parameters");
            return -1;
        }
        Arg *a = &c->args[c->n_args++];
        a->name = k->str;
        a->pos = k->pos;
        size_t old = rd_push(r, k->str);
        if (v->kind == YT_SEQ) {
            a->is_list = 1;
            a->n = v->count;
            if (a->n > DISTREAD_MAX_VALUES) {
                rd_error(r, v, "too many values (at most %d)", DISTREAD_MAX_VALUES);
                rd_pop(r, old);
                return -1;
            }
            a->values = arena_array(r->arena, a->n ? a->n : 1, sizeof *a->values);
            for (size_t j = 0; a->values && j < v->count; j++) {
                const YtNode *item = v->items[j];
                if (rd_expect(r, item, YT_SCALAR, "a value")) {
                    rd_pop(r, old);
                    return -1;
                }
                a->values[j].text = item->str;
                a->values[j].pos = item->pos;
                a->values[j].exact = item->single_line;
            }
        } else if (v->kind == YT_SCALAR) {
            a->n = 1;
            a->values = arena_alloc(r->arena, sizeof *a->values);
            if (a->values) {
                a->values[0].text = v->str;
                a->values[0].pos = v->pos;
                a->values[0].exact = v->single_line;
            }
        } else {
            rd_expect(r, v, YT_SCALAR, "a value or a list");
            rd_pop(r, old);
            return -1;
        }
        rd_pop(r, old);
        if (!a->values) {
            rd_error(r, n, "out of memory");
            return -1;
        }
    }
    return 0;
}

/* ---- the interpreter ----------------------------------------------------- */

static int parse_value(Reader *r, const Value *v, int timed, double *out) {
    size_t off;
    const char *why;
    int rc = timed ? units_duration(v->text, out, &off, &why)
                   : units_number(v->text, out, &off, &why);
    if (rc == 0) return 0;
    SrcPos p = v->pos;
    if (v->exact) p.col += (int)off;
    rd_error_at(r, p, "%s (got '%s')", why, v->text);
    return -1;
}

static int check_ranges(Reader *r, const Call *c, Dist *d) {
    const double *p = d->p;
    const char *problem = NULL;
    switch (d->kind) {
    case DIST_FIXED:
        if (p[0] < 0) problem = "value must not be negative";
        break;
    case DIST_UNIFORM:
        if (p[0] < 0) problem = "min must not be negative";
        else if (!(p[0] < p[1])) problem = "min must be less than max (for one value use fixed)";
        break;
    case DIST_TRIANGULAR:
    case DIST_PERT:
        if (p[0] < 0) problem = "min must not be negative";
        else if (!(p[0] <= p[1] && p[1] <= p[2])) problem = "expected min <= mode <= max";
        else if (!(p[0] < p[2])) problem = "min must be less than max (for one value use fixed)";
        break;
    case DIST_EXPONENTIAL:
        if (!(p[0] > 0)) problem = "mean must be greater than 0";
        break;
    case DIST_NORMAL:
    case DIST_LOGNORMAL:
        if (!(p[0] > 0)) problem = "mean must be greater than 0";
        else if (!(p[1] > 0)) problem = "sd must be greater than 0 (for no spread use fixed)";
        break;
    case DIST_GAMMA:
    case DIST_WEIBULL:
        if (!(p[0] > 0)) problem = "shape must be greater than 0";
        else if (!(p[1] > 0)) problem = "scale must be greater than 0";
        break;
    case DIST_ERLANG:
        if (!(p[0] >= 1) || p[0] != floor(p[0]) || p[0] > 1000)
            problem = "k must be a whole number from 1 to 1000";
        else if (!(p[1] > 0)) problem = "mean must be greater than 0";
        break;
    case DIST_EMPIRICAL: {
        double sum = 0;
        for (size_t i = 0; i < d->n; i++) {
            if (d->values[i] < 0) problem = "values must not be negative";
            if (d->weights[i] < 0) problem = "weights must not be negative";
            sum += d->weights[i];
        }
        if (!problem && !(sum > 0)) problem = "weights must not all be 0";
        if (!problem && !isfinite(sum)) problem = "weights too large";
        if (!problem)
            for (size_t i = 0; i < d->n; i++) d->weights[i] /= sum;
        break;
    }
    case DIST_KIND_COUNT:
        break;
    }
    if (!problem) return 0;
    rd_error_at(r, c->kind_pos, "%s(...): %s", c->kind_name, problem);
    return -1;
}

static int interpret(Reader *r, Call *c, int is_duration, Dist *d) {
    int kind = dist_kind_from_name(c->kind_name);
    if (kind < 0) {
        DiagSuggest s;
        diag_suggest_init(&s, c->kind_name);
        for (int k = 0; k < DIST_KIND_COUNT; k++) diag_suggest_try(&s, dist_kind_name(k));
        if (s.best)
            rd_error_at(r, c->kind_pos, "unknown distribution '%s' (did you mean '%s'?)",
                        c->kind_name, s.best);
        else
            rd_error_at(r, c->kind_pos,
                        "unknown distribution '%s'; expected fixed, uniform, triangular, "
                        "pert, exponential, normal, lognormal, gamma, erlang, weibull or "
                        "empirical", c->kind_name);
        return -1;
    }
    const Spec *spec = &SPECS[kind];
    memset(d, 0, sizeof *d);
    d->kind = (DistKind)kind;
    d->pos = c->kind_pos;

    /* gamma may also be given by mean and sd, as analysts often know them */
    int gamma_moments = kind == DIST_GAMMA && c->n_args == 2 && c->args[0].name &&
                        c->args[1].name &&
                        ((strcmp(c->args[0].name, "mean") == 0 &&
                          strcmp(c->args[1].name, "sd") == 0) ||
                         (strcmp(c->args[0].name, "sd") == 0 &&
                          strcmp(c->args[1].name, "mean") == 0));
    const Spec moments = {{"mean", "sd"}, {1, 1}, 2};
    if (gamma_moments) spec = &moments;

    const Arg *slot[3] = {NULL, NULL, NULL};
    int positional_ok = 1;
    for (size_t i = 0; i < c->n_args; i++) {
        const Arg *a = &c->args[i];
        int idx = -1;
        if (!a->name) {
            if (!positional_ok) {
                rd_error_at(r, a->pos, "a positional parameter after a named one");
                return -1;
            }
            idx = (int)i;
            if (idx >= spec->count) {
                rd_error_at(r, a->pos, "%s takes %d parameter%s (%s%s%s%s%s)", c->kind_name,
                            spec->count, spec->count == 1 ? "" : "s", spec->names[0],
                            spec->count > 1 ? ", " : "", spec->count > 1 ? spec->names[1] : "",
                            spec->count > 2 ? ", " : "", spec->count > 2 ? spec->names[2] : "");
                return -1;
            }
        } else {
            positional_ok = 0;
            for (int k = 0; k < spec->count; k++)
                if (strcmp(a->name, spec->names[k]) == 0) idx = k;
            if (idx < 0) {
                DiagSuggest s;
                diag_suggest_init(&s, a->name);
                for (int k = 0; k < spec->count; k++) diag_suggest_try(&s, spec->names[k]);
                if (s.best)
                    rd_error_at(r, a->pos, "%s has no parameter '%s' (did you mean '%s'?)",
                                c->kind_name, a->name, s.best);
                else
                    rd_error_at(r, a->pos, "%s has no parameter '%s'", c->kind_name, a->name);
                return -1;
            }
        }
        if (slot[idx]) {
            rd_error_at(r, a->pos, "parameter '%s' given twice", spec->names[idx]);
            return -1;
        }
        slot[idx] = a;
    }
    int optional_weights = kind == DIST_EMPIRICAL;
    for (int k = 0; k < spec->count; k++) {
        if (slot[k] || (optional_weights && k == 1)) continue;
        rd_error_at(r, c->kind_pos, "%s needs parameter '%s'", c->kind_name, spec->names[k]);
        return -1;
    }

    if (kind == DIST_EMPIRICAL) {
        const Arg *vals = slot[0], *w = slot[1];
        if (!vals->is_list || (w && !w->is_list)) {
            rd_error_at(r, (vals->is_list ? w : vals)->pos,
                        "empirical takes lists: empirical([1m, 2m], [3, 1])");
            return -1;
        }
        if (vals->n == 0 || (w && w->n != vals->n)) {
            rd_error_at(r, w ? w->pos : vals->pos,
                        "empirical needs one weight per value (%zu values, %zu weights)",
                        vals->n, w ? w->n : 0);
            return -1;
        }
        d->n = vals->n;
        d->values = arena_array(r->arena, d->n, sizeof(double));
        d->weights = arena_array(r->arena, d->n, sizeof(double));
        if (!d->values || !d->weights) {
            rd_error_at(r, c->kind_pos, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < d->n; i++) {
            if (parse_value(r, &vals->values[i], is_duration, &d->values[i])) return -1;
            if (!w)
                d->weights[i] = 1;
            else if (parse_value(r, &w->values[i], 0, &d->weights[i]))
                return -1;
        }
        return check_ranges(r, c, d);
    }
    for (int k = 0; k < spec->count; k++) {
        if (slot[k]->is_list) {
            rd_error_at(r, slot[k]->pos, "parameter '%s' takes one value, not a list",
                        spec->names[k]);
            return -1;
        }
        if (parse_value(r, &slot[k]->values[0], is_duration && spec->timed[k], &d->p[k]))
            return -1;
    }
    if (gamma_moments) {
        double mean = d->p[0], sd = d->p[1];
        if (!(mean > 0) || !(sd > 0)) {
            rd_error_at(r, c->kind_pos, "gamma(...): mean and sd must be greater than 0");
            return -1;
        }
        d->p[0] = (mean / sd) * (mean / sd);
        d->p[1] = sd * sd / mean;
    }
    return check_ranges(r, c, d);
}

int distread_node(Reader *r, const YtNode *n, int is_duration, Dist *out) {
    Call c;
    memset(&c, 0, sizeof c);
    if (n->kind == YT_MAP) {
        if (map_call(r, n, &c)) return -1;
    } else if (n->kind == YT_SCALAR) {
        if (n->len == 0) {
            rd_error(r, n, "has no value; expected a duration or a distribution");
            return -1;
        }
        /* a bare value is a fixed one */
        if (!strchr(n->str, '(')) {
            double v;
            size_t off;
            const char *why;
            int rc = is_duration ? units_duration(n->str, &v, &off, &why)
                                 : units_number(n->str, &v, &off, &why);
            if (rc) {
                rd_error_at(r, ytree_pos_at(n, off), "%s (got '%s'); or give a distribution "
                            "such as triangular(2m, 5m, 15m)", why, n->str);
                return -1;
            }
            if (v < 0) {
                rd_error(r, n, "must not be negative (got %s)", n->str);
                return -1;
            }
            *out = dist_fixed(v);
            out->pos = n->pos;
            return 1;
        }
        if (lex_call(r, n, &c)) return -1;
    } else {
        rd_expect(r, n, YT_SCALAR, "a duration or a distribution");
        return -1;
    }
    return interpret(r, &c, is_duration, out) ? -1 : 1;
}

/*
 * reader: typed, positioned reads from a YAML tree with key paths (reader.h).
 */
#include "reader.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

void rd_init(Reader *r, Arena *arena, DiagList *dl) {
    r->arena = arena;
    r->dl = dl;
    r->path[0] = '\0';
    r->len = 0;
}

static size_t append(Reader *r, const char *text) {
    size_t old = r->len;
    size_t n = strlen(text);
    if (r->len + n + 4 >= RD_PATH_MAX) {
        if (r->len + 4 < RD_PATH_MAX) {
            memcpy(r->path + r->len, "...", 4);
            r->len += 3;
        }
        return old;
    }
    memcpy(r->path + r->len, text, n + 1);
    r->len += n;
    return old;
}

size_t rd_push(Reader *r, const char *key) {
    size_t old = r->len;
    if (r->len) append(r, ".");
    append(r, key);
    return old;
}

size_t rd_push_index(Reader *r, size_t i) {
    char buf[32];
    snprintf(buf, sizeof buf, "[%zu]", i);
    return append(r, buf);
}

void rd_pop(Reader *r, size_t old) {
    if (old <= r->len) {
        r->len = old;
        r->path[old] = '\0';
    }
}

void rd_error_at(Reader *r, SrcPos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(r->dl, DIAG_ERROR, DIAG_INPUT, pos, r->path, fmt, ap);
    va_end(ap);
}

void rd_error(Reader *r, const YtNode *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(r->dl, DIAG_ERROR, DIAG_INPUT, n->pos, r->path, fmt, ap);
    va_end(ap);
}

void rd_warning(Reader *r, const YtNode *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(r->dl, DIAG_WARNING, DIAG_INPUT, n->pos, r->path, fmt, ap);
    va_end(ap);
}

int rd_expect(Reader *r, const YtNode *n, YtKind k, const char *what) {
    if (n->kind == k) return 0;
    static const char *const KIND[] = {"a single value", "a list", "a mapping"};
    if (n->kind == YT_SCALAR && n->len == 0)
        rd_error(r, n, "has no value; expected %s", what ? what : KIND[k]);
    else
        rd_error(r, n, "expected %s, found a %s", what ? what : KIND[k], ytree_kind_name(n));
    return -1;
}

int rd_check_keys(Reader *r, const YtNode *map, const char *const *allowed) {
    int unknown = 0;
    for (size_t i = 0; i < map->count; i++) {
        const YtNode *k = YT_KEY(map, i);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(k->str, *a) == 0) ok = 1;
        if (ok) continue;
        unknown++;
        DiagSuggest s;
        diag_suggest_init(&s, k->str);
        for (const char *const *a = allowed; *a; a++) diag_suggest_try(&s, *a);
        size_t old = rd_push(r, k->str);
        if (strcmp(k->str, "<<") == 0)
            rd_error(r, k, "merge keys ('<<') are not supported; repeat the keys");
        else if (s.best)
            rd_error(r, k, "unknown key '%s' (did you mean '%s'?)", k->str, s.best);
        else {
            char list[256];
            size_t len = 0;
            list[0] = '\0';
            for (const char *const *a = allowed; *a && len < sizeof list; a++)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                        a == allowed ? "" : ", ", *a);
            rd_error(r, k, "unknown key '%s'; expected one of: %s", k->str, list);
        }
        rd_pop(r, old);
    }
    return unknown;
}

const YtNode *rd_key(const YtNode *map, const char *key) {
    if (!map || map->kind != YT_MAP) return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(YT_KEY(map, i)->str, key) == 0) return YT_KEY(map, i);
    return NULL;
}

const YtNode *rd_get(const YtNode *map, const char *key) {
    if (!map || map->kind != YT_MAP) return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(YT_KEY(map, i)->str, key) == 0) return YT_VAL(map, i);
    return NULL;
}

/* Look up key; record "missing key" when required. Pushes the key on the
 * path when found (caller pops with *old). */
static const YtNode *lookup(Reader *r, const YtNode *map, const char *key, int required,
                            size_t *old) {
    const YtNode *v = rd_get(map, key);
    if (!v) {
        if (required) {
            size_t o = rd_push(r, key);
            rd_error(r, map, "missing key '%s'", key);
            rd_pop(r, o);
        }
        return NULL;
    }
    *old = rd_push(r, key);
    return v;
}

int rd_scalar_text(Reader *r, const YtNode *n, const char **out) {
    if (rd_expect(r, n, YT_SCALAR, NULL)) return -1;
    if (n->len == 0 && !n->quoted) {
        rd_error(r, n, "has no value");
        return -1;
    }
    *out = n->str;
    return 1;
}

int rd_string(Reader *r, const YtNode *map, const char *key, int required, const char **out) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    int rc = rd_scalar_text(r, v, out);
    rd_pop(r, old);
    return rc;
}

static void unit_error(Reader *r, const YtNode *n, size_t off, const char *why) {
    rd_error_at(r, ytree_pos_at(n, off), "%s (got '%s')", why, n->str);
}

int rd_scalar_number(Reader *r, const YtNode *n, double min, double max, double *out) {
    const char *text;
    if (rd_scalar_text(r, n, &text) < 0) return -1;
    double v;
    size_t off;
    const char *why;
    if (units_number(text, &v, &off, &why)) {
        unit_error(r, n, off, why);
        return -1;
    }
    if (v < min || v > max) {
        if (v < min && min == 0)
            rd_error(r, n, "must not be negative (got %s)", text);
        else
            rd_error(r, n, "must be between %g and %g (got %s)", min, max, text);
        return -1;
    }
    *out = v;
    return 1;
}

int rd_number(Reader *r, const YtNode *map, const char *key, int required, double min,
              double max, double *out) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    int rc = rd_scalar_number(r, v, min, max, out);
    rd_pop(r, old);
    return rc;
}

int rd_integer(Reader *r, const YtNode *map, const char *key, int required, long min, long max,
               long *out) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    const char *text;
    int rc = rd_scalar_text(r, v, &text);
    if (rc > 0) {
        long x;
        size_t off;
        const char *why;
        if (units_integer(text, &x, &off, &why)) {
            unit_error(r, v, off, why);
            rc = -1;
        } else if (x < min || x > max) {
            rd_error(r, v, "must be between %ld and %ld (got %s)", min, max, text);
            rc = -1;
        } else {
            *out = x;
        }
    }
    rd_pop(r, old);
    return rc;
}

int rd_scalar_duration(Reader *r, const YtNode *n, double *out) {
    const char *text;
    if (rd_scalar_text(r, n, &text) < 0) return -1;
    size_t off;
    const char *why;
    if (units_duration(text, out, &off, &why)) {
        unit_error(r, n, off, why);
        return -1;
    }
    return 1;
}

int rd_duration(Reader *r, const YtNode *map, const char *key, int required, double *out) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    int rc = rd_scalar_duration(r, v, out);
    rd_pop(r, old);
    return rc;
}

int rd_bool(Reader *r, const YtNode *map, const char *key, int required, int *out) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    const char *text;
    int rc = rd_scalar_text(r, v, &text);
    if (rc > 0) {
        if (strcmp(text, "true") == 0)
            *out = 1;
        else if (strcmp(text, "false") == 0)
            *out = 0;
        else {
            rd_error(r, v, "expected true or false (got '%s')", text);
            rc = -1;
        }
    }
    rd_pop(r, old);
    return rc;
}

static int is_lua_keyword(const char *s) {
    static const char *const KW[] = {"and",   "break", "do",     "else", "elseif", "end",
                                     "false", "for",   "function", "goto", "if",   "in",
                                     "local", "nil",   "not",    "or",   "repeat", "return",
                                     "then",  "true",  "until",  "while", NULL};
    for (const char *const *k = KW; *k; k++)
        if (strcmp(s, *k) == 0) return 1;
    return 0;
}

int rd_rule_name(Reader *r, const YtNode *map, const char *key, int required, const char **out,
                 SrcPos *pos) {
    size_t old;
    const YtNode *v = lookup(r, map, key, required, &old);
    if (!v) return required ? -1 : 0;
    const char *text;
    int rc = rd_scalar_text(r, v, &text);
    if (rc > 0) {
        int ok = isalpha((unsigned char)text[0]) || text[0] == '_';
        for (const char *c = text; *c && ok; c++)
            ok = isalnum((unsigned char)*c) || *c == '_';
        if (!ok || strlen(text) > RD_NAME_MAX || is_lua_keyword(text)) {
            rd_error(r, v, "'%s' is not a Lua function name (letters, digits and _, "
                           "not starting with a digit)", text);
            rc = -1;
        } else {
            *out = text;
            if (pos) *pos = v->pos;
        }
    }
    rd_pop(r, old);
    return rc;
}

int rd_check_name(Reader *r, const YtNode *n, const char *what) {
    const char *s = n->str;
    size_t len = n->len;
    int ok = n->kind == YT_SCALAR && len > 0 && len <= RD_NAME_MAX && isalpha((unsigned char)s[0]);
    for (size_t i = 0; ok && i < len; i++)
        ok = isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_';
    if (ok) return 0;
    rd_error(r, n, "'%s' is not a valid %s name: start with a letter; use letters, digits, "
                   "'-' and '_'; at most %d characters", n->kind == YT_SCALAR ? s : "?", what,
             RD_NAME_MAX);
    return -1;
}

int rd_named(Reader *r, Named *id, const YtNode *key, const YtNode *val) {
    id->name = id->label = key->str;
    id->pos = key->pos;
    if (val->kind != YT_MAP) return 0;
    int rc = 0;
    if (rd_string(r, val, "label", 0, &id->label) < 0) rc = -1;
    if (rd_string(r, val, "source", 0, &id->source) < 0) rc = -1;
    return rc;
}

int rd_section(Reader *r, const YtNode *root, const char *key, const char *what,
               const YtNode **out) {
    *out = rd_get(root, key);
    if (!*out) return 0;
    size_t old = rd_push(r, key);
    int rc = 0;
    if ((*out)->kind == YT_SCALAR && (*out)->len == 0 && !(*out)->quoted) {
        *out = NULL; /* "pools:" with nothing under it */
    } else if (rd_expect(r, *out, YT_MAP, NULL)) {
        *out = NULL;
        rc = -1;
    } else {
        for (size_t i = 0; i < (*out)->count; i++)
            if (rd_check_name(r, YT_KEY(*out, i), what)) rc = -1;
    }
    rd_pop(r, old);
    return rc;
}

/*
 * presets: economics inputs from published guidance (presets.h).
 */
#include "presets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ytree.h"

extern const char presets_economics_yaml[];
extern const size_t presets_economics_yaml_len;

/* The section's mapping (name -> preset), or NULL with *err set. */
static const YtNode *section(Arena *a, const char *which, const char **err) {
    DiagList dl;
    diag_init(&dl, 0);
    YtNode *root = NULL;
    int rc = ytree_parse("engine/presets/economics.yaml", presets_economics_yaml,
                         presets_economics_yaml_len, a, &dl, &root);
    diag_clear(&dl);
    *err = "the embedded presets do not parse";
    if (rc || !root || root->kind != YT_MAP) return NULL;
    for (size_t i = 0; i < root->count; i++)
        if (strcmp(YT_KEY(root, i)->str, which) == 0 && YT_VAL(root, i)->kind == YT_MAP)
            return YT_VAL(root, i);
    *err = "the embedded presets lack a section";
    return NULL;
}

static const YtNode *get(const YtNode *map, const char *key) {
    for (size_t i = 0; map && map->kind == YT_MAP && i < map->count; i++)
        if (strcmp(YT_KEY(map, i)->str, key) == 0) return YT_VAL(map, i);
    return NULL;
}

static const char *text(const YtNode *map, const char *key) {
    const YtNode *n = get(map, key);
    return n && n->kind == YT_SCALAR ? n->str : NULL;
}

/* A number at key: 0 absent (x untouched), 1 read, -1 not a number. */
static int number(const YtNode *map, const char *key, double *x) {
    const char *s = text(map, key);
    if (!get(map, key)) return 0;
    char *end = NULL;
    if (!s || !*s) return -1;
    *x = strtod(s, &end);
    return *end || !isfinite(*x) ? -1 : 1;
}

/* The preset `name` of section `which`: its mapping, or NULL (1 unknown
 * with *msg the closest name, -1 broken with *msg the reason in *rc). */
static const YtNode *find(Arena *a, const char *which, const char *name, int *rc,
                          const char **msg) {
    const YtNode *sec = section(a, which, msg);
    *rc = -1;
    if (!sec) return NULL;
    DiagSuggest s;
    diag_suggest_init(&s, name);
    for (size_t i = 0; i < sec->count; i++) {
        if (strcmp(YT_KEY(sec, i)->str, name) == 0) {
            *rc = 0;
            *msg = YT_KEY(sec, i)->str;
            return YT_VAL(sec, i);
        }
        diag_suggest_try(&s, YT_KEY(sec, i)->str);
    }
    *rc = 1;
    *msg = s.best;
    return NULL;
}

int presets_discount(Arena *a, const char *name, DiscountPreset *out, const char **suggest) {
    int rc;
    memset(out, 0, sizeof *out);
    const YtNode *p = find(a, "discount", name, &rc, suggest);
    if (!p) return rc;
    out->name = *suggest;
    *suggest = NULL;
    out->title = text(p, "title");
    out->source = text(p, "source");
    const YtNode *steps = get(p, "steps");
    if (!out->title || !out->source || !steps || steps->kind != YT_SEQ || steps->count == 0 ||
        steps->count > ECON_MAX_STEPS) {
        *suggest = "a discount preset needs a title, a source and 1 to 8 steps";
        return -1;
    }
    for (size_t i = 0; i < steps->count; i++) {
        double from, rate;
        if (number(steps->items[i], "from", &from) != 1 ||
            number(steps->items[i], "rate", &rate) != 1 || from < 0 || from > 10000 ||
            from != floor(from) ||
            (i == 0 ? from != 0 : from <= out->from[i - 1]) || rate < -0.05 || rate > 0.5) {
            *suggest = "a discount preset's steps start at year 0 and go up, rates -0.05 to 0.5";
            return -1;
        }
        out->from[i] = (int)from;
        out->rate[i] = rate;
    }
    out->n_steps = (int)steps->count;
    return 0;
}

int presets_bias(Arena *a, const char *name, BiasPreset *out, const char **suggest) {
    int rc;
    memset(out, 0, sizeof *out);
    const YtNode *p = find(a, "optimism_bias", name, &rc, suggest);
    if (!p) return rc;
    out->name = *suggest;
    *suggest = NULL;
    out->source = text(p, "source");
    int n = 0, k;
    double *dst[] = {&out->capex, &out->duration, &out->opex};
    const char *keys[] = {"capex", "duration", "opex"};
    for (int i = 0; i < 3; i++) {
        if ((k = number(p, keys[i], dst[i])) < 0 || *dst[i] < 0 || *dst[i] > 5) n = -100;
        n += k;
    }
    if (!out->source || n <= 0) {
        *suggest = "an optimism-bias preset needs a source and capex, duration or opex from 0 to 5";
        return -1;
    }
    return 0;
}

const char *presets_names(Arena *a, const char *which) {
    const char *err;
    const YtNode *sec = section(a, which, &err);
    if (!sec) return "";
    size_t len = 1;
    for (size_t i = 0; i < sec->count; i++) len += YT_KEY(sec, i)->len + 2;
    char *s = arena_alloc(a, len);
    if (!s) return "";
    s[0] = '\0';
    for (size_t i = 0; i < sec->count; i++) {
        if (i) strcat(s, ", ");
        strcat(s, YT_KEY(sec, i)->str);
    }
    return s;
}

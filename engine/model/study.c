/*
 * study: reading study.yaml (study.h).
 */
#include "study.h"

#include <ctype.h>
#include <string.h>

#include "design.h"
#include "economics.h"
#include "units.h"

static const char *const STUDY_KEYS[] = {"reorg",   "study",  "description", "currency",
                                         "baseline", "designs", "shared",     "run",
                                         "economics", "source", NULL};
static const char *const RUN_KEYS[] = {"replications", "seed",  "horizon", "warmup", "cases",
                                       "confidence",   "start", "sla",     "rule_instructions",
                                       "rule_memory",  NULL};

static int read_run(Reader *r, Study *s, const YtNode *root) {
    RunSettings *run = &s->run;
    size_t o = 0;
    int rc = 0;
    run->replications = STUDY_DEFAULT_REPLICATIONS;
    run->seed = STUDY_DEFAULT_SEED;
    run->horizon = STUDY_DEFAULT_HORIZON;
    run->confidence = STUDY_DEFAULT_CONFIDENCE;
    size_t off;
    const char *why;
    units_date(STUDY_DEFAULT_START, &run->start_day, &off, &why);
    const YtNode *n = rd_get(root, "run");
    if (!n) return 0;
    run->pos = n->pos;
    o = rd_push(r, "run");
    if (rd_expect(r, n, YT_MAP, NULL)) {
        rd_pop(r, o);
        return -1;
    }
    if (rd_check_keys(r, n, RUN_KEYS)) rc = -1;
    long v;
    if (rd_integer(r, n, "replications", 0, 1, 100000, &v) > 0) run->replications = (int)v;
    else if (rd_get(n, "replications")) rc = -1;
    if (rd_integer(r, n, "seed", 0, 0, 2147483647L, &v) > 0) run->seed = (unsigned long long)v;
    else if (rd_get(n, "seed")) rc = -1;
    const YtNode *cases = rd_get(n, "cases"), *horizon = rd_get(n, "horizon");
    if (cases && horizon) {
        rd_error(r, cases, "give either horizon (a time) or cases (a count), not both");
        rc = -1;
    }
    if (cases) {
        if (rd_integer(r, n, "cases", 0, 1, 100000000L, &v) > 0) {
            run->cases = v;
            run->horizon = 0;
        } else {
            rc = -1;
        }
    }
    if (horizon) {
        if (rd_duration(r, n, "horizon", 0, &run->horizon) < 0) rc = -1;
        else if (run->horizon <= 0) {
            size_t o2 = rd_push(r, "horizon");
            rd_error(r, horizon, "must be longer than 0");
            rd_pop(r, o2);
            rc = -1;
        }
    }
    if (rd_duration(r, n, "warmup", 0, &run->warmup) < 0) rc = -1;
    else if (rc == 0 && run->horizon > 0 && run->warmup >= run->horizon) {
        size_t o2 = rd_push(r, "warmup");
        rd_error(r, rd_get(n, "warmup"), "the warm-up must be shorter than the horizon");
        rd_pop(r, o2);
        rc = -1;
    }
    if (rd_number(r, n, "confidence", 0, 0.5, 0.999, &run->confidence) < 0) rc = -1;
    if (rd_duration(r, n, "sla", 0, &run->sla) < 0) rc = -1;
    int got = rd_integer(r, n, "rule_instructions", 0, 1000, 1000000000L, &v);
    if (got < 0) rc = -1;
    else if (got > 0) run->rule_instructions = v;
    got = rd_integer(r, n, "rule_memory", 0, 1, 4096, &v);
    if (got < 0) rc = -1;
    else if (got > 0) run->rule_memory_mib = v;
    const YtNode *start = rd_get(n, "start");
    if (start) {
        size_t o2 = rd_push(r, "start");
        const char *text;
        if (rd_scalar_text(r, start, &text) < 0) {
            rc = -1;
        } else if (units_date(text, &run->start_day, &off, &why)) {
            rd_error_at(r, ytree_pos_at(start, off), "%s (got '%s')", why, text);
            rc = -1;
        }
        rd_pop(r, o2);
    }
    rd_pop(r, o);
    return rc;
}

static int read_shared(Reader *r, Study *s, const YtNode *root) {
    const char *path;
    int got = rd_string(r, root, "shared", 0, &path);
    if (got <= 0) return got;
    const YtNode *ref = rd_get(root, "shared");
    const char *file = design_join_path(&s->arena, s->dir, path);
    YtNode *tree = NULL;
    if (!file || ytree_load_file(file, ref->pos, "shared", &s->arena, r->dl, &tree)) return -1;
    s->shared = arena_alloc(&s->arena, sizeof *s->shared);
    if (!s->shared) return -1;
    size_t o = rd_push(r, "shared");
    int rc = 0;
    if (!tree) {
        rd_error_at(r, (SrcPos){file, 1, 1}, "the shared file is empty");
        rc = -1;
    } else {
        rc = design_read_shared(r, s, s->shared, tree, file);
    }
    rd_pop(r, o);
    return rc;
}

/* One entry of `designs:`, a file path or an inline design. */
static int read_design(Reader *r, Study *s, Design *d, const YtNode *k, const YtNode *v) {
    d->id.name = d->id.label = k->str;
    d->id.pos = k->pos;
    if (v->kind == YT_MAP) return design_read(r, s, d, v, s->file, s->dir);
    const char *path;
    if (rd_scalar_text(r, v, &path) < 0) return -1;
    const char *file = design_join_path(&s->arena, s->dir, path);
    YtNode *tree = NULL;
    if (!file || ytree_load_file(file, v->pos, r->path, &s->arena, r->dl, &tree)) return -1;
    if (!tree) {
        rd_error_at(r, (SrcPos){file, 1, 1}, "the design file is empty");
        return -1;
    }
    d->id.pos = tree->pos;
    d->id.pos.file = file;
    return design_read(r, s, d, tree, file, design_dir_of(&s->arena, file));
}

static int read_designs(Reader *r, Study *s, const YtNode *root) {
    const YtNode *n = rd_get(root, "designs");
    if (!n) {
        size_t o = rd_push(r, "designs");
        rd_error(r, root, "missing key 'designs' (e.g. designs: {as-is: as-is.yaml})");
        rd_pop(r, o);
        return -1;
    }
    size_t o = rd_push(r, "designs");
    int rc = 0;
    if (rd_expect(r, n, YT_MAP, "a mapping of design names to files, e.g. {as-is: as-is.yaml}")) {
        rd_pop(r, o);
        return -1;
    }
    if (n->count == 0) {
        rd_error(r, n, "a study needs at least one design");
        rc = -1;
    }
    s->designs = arena_array(&s->arena, n->count ? n->count : 1, sizeof *s->designs);
    if (!s->designs) rc = -1;
    for (size_t i = 0; s->designs && i < n->count; i++) {
        const YtNode *k = YT_KEY(n, i);
        size_t o2 = rd_push(r, k->str);
        Design *d = &s->designs[s->n_designs];
        d->id.name = d->id.label = k->str; /* named first: the baseline lookup needs it */
        d->id.pos = k->pos;
        if (rd_check_name(r, k, "design") || read_design(r, s, d, k, YT_VAL(n, i)))
            rc = -1;
        s->n_designs++;
        rd_pop(r, o2);
        if (diag_full(r->dl)) break;
    }
    rd_pop(r, o);
    return rc;
}

static int read_baseline(Reader *r, Study *s, const YtNode *root) {
    const char *name = NULL;
    int got = rd_string(r, root, "baseline", s->n_designs != 1, &name);
    if (got < 0) return -1;
    if (got == 0) {
        s->baseline = 0;
        return 0;
    }
    s->baseline = model_find_design(s, name);
    if (s->baseline >= 0) return 0;
    size_t o = rd_push(r, "baseline");
    DiagSuggest sg;
    diag_suggest_init(&sg, name);
    for (size_t i = 0; i < s->n_designs; i++) diag_suggest_try(&sg, s->designs[i].id.name);
    if (sg.best)
        rd_error(r, rd_get(root, "baseline"), "unknown design '%s' (did you mean '%s'?)", name,
                 sg.best);
    else
        rd_error(r, rd_get(root, "baseline"), "unknown design '%s': the baseline must be one "
                 "of the designs listed under designs", name);
    rd_pop(r, o);
    return -1;
}

int study_read(Reader *r, Study *s, const YtNode *root) {
    if (rd_expect(r, root, YT_MAP, "a study (a mapping with study, baseline, designs ...)"))
        return -1;
    int rc = rd_check_keys(r, root, STUDY_KEYS) ? -1 : 0;
    long version = MODEL_FORMAT_VERSION;
    if (rd_integer(r, root, "reorg", 0, 0, 1000000, &version) < 0) rc = -1;
    else if (version != MODEL_FORMAT_VERSION) {
        size_t o = rd_push(r, "reorg");
        rd_error(r, rd_get(root, "reorg"), "format version %ld is not supported; this reorg "
                 "reads version %d", version, MODEL_FORMAT_VERSION);
        rd_pop(r, o);
        rc = -1;
    }
    s->id.pos = root->pos;
    if (rd_string(r, root, "study", 1, &s->id.name) < 0) rc = -1;
    s->id.label = s->id.name;
    if (rd_string(r, root, "source", 0, &s->id.source) < 0) rc = -1;
    if (rd_string(r, root, "description", 0, &s->description) < 0) rc = -1;
    if (rd_string(r, root, "currency", 1, &s->currency) < 0) {
        rc = -1;
    } else {
        const char *c = s->currency;
        if (strlen(c) != 3 || !isupper((unsigned char)c[0]) || !isupper((unsigned char)c[1]) ||
            !isupper((unsigned char)c[2])) {
            size_t o = rd_push(r, "currency");
            rd_error(r, rd_get(root, "currency"), "expected a three-letter currency code such "
                     "as GBP, EUR or USD (got '%s')", c);
            rd_pop(r, o);
            rc = -1;
        }
    }
    if (read_run(r, s, root)) rc = -1;
    int start_year, month, day;
    units_civil(s->run.start_day, &start_year, &month, &day);
    size_t o = rd_push(r, "economics");
    if (economics_read(r, rd_get(root, "economics"), start_year, s->run.sla, &s->economics)) rc = -1;
    rd_pop(r, o);
    if (read_shared(r, s, root)) rc = -1;
    if (read_designs(r, s, root)) rc = -1;
    /* design names are known even when a design has errors */
    if (s->designs && read_baseline(r, s, root)) rc = -1;
    return rc;
}

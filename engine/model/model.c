/*
 * model: the in-memory model of a study and its designs (model.h).
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "reader.h"
#include "study.h"
#include "ytree.h"

/* A model is small; the cap only stops a pathological file from taking the
 * machine's memory through the loader. */
#define MODEL_ARENA_LIMIT ((size_t)1 << 30)

static Study *study_new(const char *file, const char *dir, size_t limit) {
    Study *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    arena_init(&s->arena, limit ? limit : MODEL_ARENA_LIMIT);
    s->file = arena_strdup(&s->arena, file);
    s->dir = dir ? arena_strdup(&s->arena, dir) : design_dir_of(&s->arena, s->file ? s->file : "");
    if (!s->file || !s->dir) {
        model_free(s);
        return NULL;
    }
    return s;
}

static Study *finish(Study *s, YtNode *root, DiagList *dl) {
    Reader r;
    rd_init(&r, &s->arena, dl);
    if (!root) {
        diag_error(dl, (SrcPos){s->file, 1, 1}, NULL, "the study file is empty");
        model_free(s);
        return NULL;
    }
    int errors_before = dl->errors + dl->dropped;
    int rc = study_read(&r, s, root);
    if (rc == 0 && dl->errors + dl->dropped == errors_before) return s;
    /* Every input mistake is reported where it is found; failing without
     * one means an allocation failed on the way. */
    if (dl->errors + dl->dropped == errors_before)
        diag_error(dl, (SrcPos){s->file, 0, 0}, NULL,
                   "out of memory: the model needs more than %zu bytes", s->arena.limit);
    model_free(s);
    return NULL;
}

Study *model_load(const char *path, DiagList *dl) {
    Study *s = study_new(path, NULL, 0);
    if (!s) {
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return NULL;
    }
    YtNode *root = NULL;
    if (ytree_load_file(s->file, (SrcPos){0}, NULL, &s->arena, dl, &root)) {
        model_free(s);
        return NULL;
    }
    return finish(s, root, dl);
}

Study *model_load_buffer_limit(const char *file, const char *dir, const char *buf, size_t len,
                               size_t limit, DiagList *dl) {
    Study *s = study_new(file, dir, limit);
    if (!s) {
        diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "out of memory");
        return NULL;
    }
    YtNode *root = NULL;
    if (ytree_parse(s->file, buf, len, &s->arena, dl, &root)) {
        model_free(s);
        return NULL;
    }
    return finish(s, root, dl);
}

Study *model_load_buffer(const char *file, const char *dir, const char *buf, size_t len,
                         DiagList *dl) {
    return model_load_buffer_limit(file, dir, buf, len, 0, dl);
}

void model_free(Study *s) {
    if (!s) return;
    arena_clear(&s->arena);
    free(s);
}

int model_find_design(const Study *s, const char *name) {
    for (size_t i = 0; i < s->n_designs; i++)
        if (strcmp(s->designs[i].id.name, name) == 0) return (int)i;
    return -1;
}

int model_find_node(const Design *d, const char *name) {
    for (size_t i = 0; i < d->n_nodes; i++)
        if (strcmp(d->nodes[i].name, name) == 0) return (int)i;
    return -1;
}

int model_find_pool(const Design *d, const char *name) {
    for (size_t i = 0; i < d->n_pools; i++)
        if (strcmp(d->pools[i].id.name, name) == 0) return (int)i;
    return -1;
}

const char *model_node_kind_name(NodeKind k) {
    switch (k) {
    case NODE_START:
        return "start";
    case NODE_END:
        return "end";
    case NODE_ACTIVITY:
        return "activity";
    case NODE_GATEWAY:
        return "gateway";
    }
    return "?";
}

const char *model_rate_period_name(RatePeriod p) {
    switch (p) {
    case RATE_HOUR:
        return "hour";
    case RATE_DAY:
        return "day";
    case RATE_WEEK:
        return "week";
    case RATE_MONTH:
        return "month";
    case RATE_YEAR:
        return "year";
    case RATE_NONE:
        break;
    }
    return "none";
}

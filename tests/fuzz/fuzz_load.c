/*
 * fuzz_load: any bytes through model_load_buffer, as if they were a
 * study.yaml.
 *
 * Design files, `shared:` and `rules:` are resolved against a directory that
 * exists but is empty (/tmp/reorg-fuzz-empty), so every file reference fails the same way on every
 * machine; inline designs (`designs: {name: {...}}`) carry the fuzzer into
 * the design, flow, distribution and graph-check code.
 *
 * Besides memory errors (the sanitizers' job) it checks the loader's word:
 * NULL comes with at least one error; a study that loads is consistent. A
 * study that loads is loaded again with its memory cap set somewhere inside
 * what it used, which must fail cleanly with an error.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/model.h"
#include "util/diag.h"

/* The directory file references resolve against: fixed, so a finding's
 * diagnostics read the same on every run, and never removed, so a crashing
 * run leaves nothing new behind. Refuse to go on if someone put files in it. */
#define FUZZ_EMPTY_DIR "/tmp/reorg-fuzz-empty"

static const char *fuzz_dir(void) {
    static int ready;
    if (ready) return FUZZ_EMPTY_DIR;
    if (mkdir(FUZZ_EMPTY_DIR, 0700) != 0 && errno != EEXIST) {
        perror("fuzz_load: mkdir " FUZZ_EMPTY_DIR);
        abort();
    }
    DIR *dir = opendir(FUZZ_EMPTY_DIR);
    if (!dir) {
        perror("fuzz_load: opendir " FUZZ_EMPTY_DIR);
        abort();
    }
    const struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            fprintf(stderr, "fuzz_load: %s must be empty (found %s)\n", FUZZ_EMPTY_DIR,
                    e->d_name);
            abort();
        }
    }
    closedir(dir);
    ready = 1;
    return FUZZ_EMPTY_DIR;
}

/* Abort with a message: libFuzzer and the replay both report an abort. */
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "fuzz_load: %s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                               \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* What any caller of a loaded study relies on: indices in range, edge lists
 * that agree with the edges. */
static void check_design(const Design *d) {
    FUZZ_CHECK(d->n_nodes >= 2 && d->start == 0 && d->n_ends >= 1);
    FUZZ_CHECK(d->n_ends < d->n_nodes);
    FUZZ_CHECK(d->n_calendars >= 1 && d->calendars[0].always);
    FUZZ_CHECK(d->n_arrivals >= 1 && d->n_activities >= 1);
    for (size_t i = 0; i < d->n_pools; i++) {
        const Pool *p = &d->pools[i];
        FUZZ_CHECK(p->count >= 1);
        FUZZ_CHECK(p->department >= -1 && p->department < (int)d->n_departments);
        FUZZ_CHECK(p->calendar >= 0 && p->calendar < (int)d->n_calendars);
    }
    for (size_t i = 0; i < d->n_arrivals; i++)
        FUZZ_CHECK(d->arrivals[i].calendar >= 0 &&
                   d->arrivals[i].calendar < (int)d->n_calendars);
    for (size_t i = 0; i < d->n_activities; i++) {
        const Activity *a = &d->activities[i];
        FUZZ_CHECK(a->pool >= 0 && a->pool < (int)d->n_pools);
        FUZZ_CHECK(a->node >= 0 && a->node < (int)d->n_nodes);
        FUZZ_CHECK(d->nodes[a->node].kind == NODE_ACTIVITY && d->nodes[a->node].ref == (int)i);
    }
    for (size_t i = 0; i < d->n_gateways; i++) {
        const Gateway *g = &d->gateways[i];
        FUZZ_CHECK(g->node >= 0 && g->node < (int)d->n_nodes);
        FUZZ_CHECK(d->nodes[g->node].kind == NODE_GATEWAY && d->nodes[g->node].ref == (int)i);
    }
    size_t outs = 0, ins = 0;
    for (size_t i = 0; i < d->n_nodes; i++) {
        const Node *n = &d->nodes[i];
        outs += n->n_out;
        ins += n->n_in;
        for (size_t j = 0; j < n->n_out; j++) {
            FUZZ_CHECK(n->out[j] >= 0 && (size_t)n->out[j] < d->n_edges);
            FUZZ_CHECK(d->edges[n->out[j]].from == (int)i);
        }
        for (size_t j = 0; j < n->n_in; j++) {
            FUZZ_CHECK(n->in[j] >= 0 && (size_t)n->in[j] < d->n_edges);
            FUZZ_CHECK(d->edges[n->in[j]].to == (int)i);
        }
    }
    FUZZ_CHECK(outs == d->n_edges && ins == d->n_edges);
}

static void check_study(const Study *s) {
    FUZZ_CHECK(s->n_designs >= 1);
    FUZZ_CHECK(s->baseline >= 0 && s->baseline < (int)s->n_designs);
    FUZZ_CHECK(s->run.replications >= 1);
    for (size_t i = 0; i < s->n_designs; i++) check_design(&s->designs[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *dir = fuzz_dir();
    const char *buf = (const char *)data;
    DiagList dl;
    diag_init(&dl, 0);
    Study *s = model_load_buffer("fuzz.yaml", dir, buf, size, &dl);
    FUZZ_CHECK(s || dl.errors + dl.dropped > 0);
    size_t used = 0;
    if (s) {
        check_study(s);
        used = s->arena.used_bytes;
    }
    model_free(s);
    diag_clear(&dl);
    if (used > 1) {
        /* a cap picked from the input, so a crash replays from the file alone */
        size_t h = 5381;
        for (size_t i = 0; i < size; i++) h = h * 33 + data[i];
        size_t limit = 1 + h % (used - 1);
        s = model_load_buffer_limit("fuzz.yaml", dir, buf, size, limit, &dl);
        FUZZ_CHECK(!s && dl.errors + dl.dropped > 0);
        model_free(s);
        diag_clear(&dl);
    }
    return 0;
}

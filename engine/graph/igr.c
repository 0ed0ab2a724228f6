/*
 * igr: igraph start-up and errors (igr.h).
 */
#include "igr.h"

#include <stdio.h>
#include <string.h>

static char reason[512];
static char warning[512];
static int ready;

/* Called once per unwinding level; the outer ones pass an empty reason:
 * keep the first real one. Never longjmp out of here. */
static void on_error(const char *why, const char *file, int line, igraph_error_t code) {
    (void)file;
    (void)line;
    if (!reason[0] && why && *why)
        snprintf(reason, sizeof reason, "%s (%s)", why, igraph_strerror(code));
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *why, const char *file, int line) {
    (void)file;
    (void)line;
    if (!warning[0] && why) snprintf(warning, sizeof warning, "%s", why);
}

void igr_init(void) {
    if (ready) return;
    igraph_set_error_handler(on_error);
    igraph_set_warning_handler(on_warning);
    igraph_rng_seed(igraph_rng_default(), 20270104);
    ready = 1;
}

const char *igr_reason(void) { return reason; }

void igr_clear(void) {
    reason[0] = '\0';
    warning[0] = '\0';
}

void igr_fail(DiagList *dl, const char *what) {
    diag_add(dl, DIAG_ERROR, DIAG_INTERNAL, (SrcPos){0}, NULL, "%s failed in igraph: %s", what,
             reason[0] ? reason : "no reason given");
    igr_clear();
}

int igr_flow_graph(const Design *d, igraph_t *g, DiagList *dl) {
    igr_init();
    igraph_vector_int_t ends;
    if (igraph_vector_int_init(&ends, (igraph_integer_t)(2 * d->n_edges))) {
        igr_fail(dl, "building the flow graph");
        return -1;
    }
    for (size_t i = 0; i < d->n_edges; i++) {
        VECTOR(ends)[2 * i] = d->edges[i].from;
        VECTOR(ends)[2 * i + 1] = d->edges[i].to;
    }
    igraph_error_t rc = igraph_create(g, &ends, (igraph_integer_t)d->n_nodes, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&ends);
    if (rc) {
        igr_fail(dl, "building the flow graph");
        return -1;
    }
    return 0;
}

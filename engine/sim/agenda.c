/*
 * agenda: a 4-ary min-heap of events ordered by (time, order).
 */
#include "agenda.h"

#include <math.h>
#include <stdlib.h>

#define ARITY 4

void agenda_init(Agenda *a) {
    a->heap = NULL;
    a->n = a->cap = 0;
    a->seq = 0;
}

void agenda_clear(Agenda *a) {
    free(a->heap);
    agenda_init(a);
}

static inline int before(const Event *x, const Event *y) {
    return x->time < y->time || (x->time == y->time && x->order < y->order);
}

int agenda_push(Agenda *a, double time, unsigned priority, uint32_t what, uint32_t who) {
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        Event *h = realloc(a->heap, cap * sizeof *h);
        if (!h) return -1;
        a->heap = h;
        a->cap = cap;
    }
    Event e = {time, ((uint64_t)priority << 56) | (a->seq++ & 0x00ffffffffffffffULL), what, who};
    size_t i = a->n++;
    while (i > 0) { /* sift the hole up */
        size_t parent = (i - 1) / ARITY;
        if (!before(&e, &a->heap[parent])) break;
        a->heap[i] = a->heap[parent];
        i = parent;
    }
    a->heap[i] = e;
    return 0;
}

int agenda_pop(Agenda *a, Event *out) {
    if (a->n == 0) return 0;
    *out = a->heap[0];
    Event last = a->heap[--a->n];
    size_t n = a->n, i = 0;
    for (;;) { /* sift the hole down, then drop the last event into it */
        size_t c = ARITY * i + 1;
        if (c >= n) break;
        size_t best = c, end = c + ARITY < n ? c + ARITY : n;
        for (size_t k = c + 1; k < end; k++)
            if (before(&a->heap[k], &a->heap[best])) best = k;
        if (!before(&a->heap[best], &last)) break;
        a->heap[i] = a->heap[best];
        i = best;
    }
    if (n > 0) a->heap[i] = last;
    return 1;
}

double agenda_next_time(const Agenda *a) {
    return a->n ? a->heap[0].time : INFINITY;
}

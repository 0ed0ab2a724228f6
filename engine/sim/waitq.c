/*
 * waitq: a binary heap of waiting tokens (waitq.h).
 */
#include "waitq.h"

#include <stdlib.h>

void waitq_init(WaitQueue *q) {
    q->items = NULL;
    q->n = q->cap = 0;
    q->seq = 0;
}

void waitq_clear(WaitQueue *q) {
    free(q->items);
    waitq_init(q);
}

static inline int first(const Waiting *a, const Waiting *b) {
    return a->priority > b->priority || (a->priority == b->priority && a->seq < b->seq);
}

int waitq_push(WaitQueue *q, double since, double priority, uint32_t slot, uint32_t activity) {
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        Waiting *items = realloc(q->items, cap * sizeof *items);
        if (!items) return -1;
        q->items = items;
        q->cap = cap;
    }
    Waiting w = {since, priority, q->seq++, slot, activity};
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!first(&w, &q->items[parent])) break;
        q->items[i] = q->items[parent];
        i = parent;
    }
    q->items[i] = w;
    return 0;
}

int waitq_pop(WaitQueue *q, Waiting *out) {
    if (q->n == 0) return 0;
    *out = q->items[0];
    Waiting last = q->items[--q->n];
    size_t n = q->n, i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && first(&q->items[c + 1], &q->items[c])) c++;
        if (!first(&q->items[c], &last)) break;
        q->items[i] = q->items[c];
        i = c;
    }
    if (n > 0) q->items[i] = last;
    return 1;
}

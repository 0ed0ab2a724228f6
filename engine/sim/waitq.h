/*
 * waitq: the queue of tokens waiting for a pool's resources.
 *
 * Ordered by priority (higher first) and, within equal priority, first come
 * first served. Without priority rules every priority is 0 and the queue is
 * plain FIFO. A binary heap on (priority, sequence) in one array: push and
 * pop are O(log n). Storage is the caller's WaitQueue; waitq_clear frees it.
 */
#ifndef REORG_WAITQ_H
#define REORG_WAITQ_H

#include <stddef.h>
#include <stdint.h>

typedef struct Waiting {
    double since;     /* when the token started waiting */
    double priority;  /* higher is served first */
    uint64_t seq;     /* order of arrival in the queue */
    uint32_t slot;    /* case */
    uint32_t activity;
} Waiting;

typedef struct WaitQueue {
    Waiting *items;
    size_t n, cap;
    uint64_t seq;
} WaitQueue;

void waitq_init(WaitQueue *q);
void waitq_clear(WaitQueue *q);
/* Add a token (its seq is set here). Returns 0, or -1 when out of memory
 * (nothing added). */
int waitq_push(WaitQueue *q, double since, double priority, uint32_t slot, uint32_t activity);
/* Remove the first token into *out; 0 when the queue was empty. */
int waitq_pop(WaitQueue *q, Waiting *out);

#endif

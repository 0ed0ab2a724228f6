/*
 * agenda: the simulation's event list.
 *
 * Events are ordered by (time, priority, sequence): at equal times a lower
 * priority number comes first, and at equal priority the event scheduled
 * first comes first, so every run is deterministic. The agenda is a 4-ary
 * min-heap in one contiguous array (shallower than a binary heap, and the
 * four children of a node share a cache line pair); it grows by doubling and
 * never shrinks during a run. Storage is the caller's Agenda; agenda_clear
 * frees the array.
 */
#ifndef REORG_AGENDA_H
#define REORG_AGENDA_H

#include <stddef.h>
#include <stdint.h>

typedef struct Event {
    double time;
    uint64_t order; /* priority in the top 8 bits, then the sequence number */
    uint32_t what;  /* event kind and argument, the kernel's encoding */
    uint32_t who;   /* case slot or other index */
} Event;

typedef struct Agenda {
    Event *heap;
    size_t n, cap;
    uint64_t seq; /* sequence numbers handed out so far */
} Agenda;

void agenda_init(Agenda *a);
void agenda_clear(Agenda *a);
/* Schedule an event; returns 0, or -1 when memory runs out (nothing added). */
int agenda_push(Agenda *a, double time, unsigned priority, uint32_t what, uint32_t who);
/* Remove the first event into *e; returns 0 when the agenda was empty. */
int agenda_pop(Agenda *a, Event *e);
/* The first event's time, or INFINITY when empty. */
double agenda_next_time(const Agenda *a);

#endif

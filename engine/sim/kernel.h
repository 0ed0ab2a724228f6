/*
 * kernel: one replication of one design, event by event.
 *
 * Cases arrive, and each case moves as tokens through the flow: an activity
 * takes one resource of its pool (seized at start, released at completion;
 * the queue serves higher priority first, then first come first served, and
 * every priority is 0 until the rules stage sets them), an xor gateway sends
 * the token down one branch, an and split copies it, an and join waits for
 * every branch of the same case. A pool starts work only while its calendar
 * is open; work in progress at closing time pauses and resumes at the next
 * opening, so a completion time is the start plus the worked time on the
 * pool's calendar.
 *
 * Randomness (common random numbers): the k-th arrival of an arrival
 * process is the same case in every design; each draw a case needs (its
 * duration at an activity, its branch at a gateway) comes from a stream
 * keyed by (seed, replication, source, case, pass), so a case that reaches
 * the same activity in two designs gets the same duration there, whatever
 * else differs.
 *
 * Events: an arrival, an activity's start and an activity's completion each
 * count as one. The agenda orders them by (time, kind, sequence):
 * completions before pool openings before arrivals at the same instant.
 */
#ifndef REORG_KERNEL_H
#define REORG_KERNEL_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "../stats/result.h"
#include "plan.h"

typedef struct KernelOptions {
    uint64_t seed;
    int replication; /* 0-based */
    double horizon;  /* seconds; INFINITY with cases */
    double warmup;   /* seconds */
    long cases;      /* arrivals to simulate (0: by horizon) */
    double sla;      /* seconds, 0 when none */
    long wip_cap;    /* 0: none; else arrivals beyond this many cases in the system are refused */
    FILE *trace;     /* when set, one CSV row per activity execution */
    atomic_ullong *progress; /* cases arrived, for progress display; may be NULL */
    struct Rules *rules;     /* the design's rules opened for this replication, or NULL */
} KernelOptions;

/* Run one replication of plan p into out (initialised here; clear with
 * result_rep_clear). Returns 0, or -1 with an error in dl (out of memory,
 * trace write failure). */
int kernel_run(const Plan *p, const KernelOptions *o, RepFigures *out, DiagList *dl);

/* The CSV header of a trace of design d (columns process-mining tools
 * import; with rules, a last column of the case's fields, "key=value;..."
 * when the execution starts). */
void kernel_trace_header(FILE *f, const Design *d);

/* Bytes the kernel holds per case in the system (case record and counters)
 * for plan p: the figure memory grows by. */
size_t kernel_bytes_per_case(const Plan *p);

#endif

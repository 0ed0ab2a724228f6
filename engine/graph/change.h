/*
 * change: what a design changes against the baseline, structurally.
 *
 * Activities are matched by name; an activity of the design whose
 * `replaces:` names a baseline activity matches that one instead (a
 * rename). Each baseline activity is then kept, renamed, moved to another
 * pool, automated (moved to a bot pool) or removed, and each design
 * activity without a match is added. Rework loops are matched by their
 * activities (through the same matching): a baseline loop none of whose
 * activities still loop together is removed. Alongside: handoffs, steps
 * and departments per case, and the critical path, before and after.
 */
#ifndef REORG_CHANGE_H
#define REORG_CHANGE_H

#include "structure.h"

typedef enum ChangeKind {
    CHANGE_REMOVED,   /* in the baseline only */
    CHANGE_ADDED,     /* in the design only */
    CHANGE_AUTOMATED, /* now done by a bot pool (the baseline's was not) */
    CHANGE_MOVED,     /* now done by another pool */
    CHANGE_RENAMED    /* matched through `replaces:`, same kind of pool */
} ChangeKind;

typedef struct ActivityChange {
    ChangeKind kind;
    const char *before, *after;           /* activity names; NULL when absent */
    const char *pool_before, *pool_after; /* pool names; NULL when absent */
    const char *fallback_after;           /* the design's fallback pool (an eligible
                                             rule decides), or NULL */
} ActivityChange;

typedef struct Change {
    const char *design, *baseline;
    ActivityChange *activities;
    size_t n_activities;
    size_t kept;             /* activities matched with the same pool */
    size_t loops_before, loops_after, loops_removed, loops_added;
    double handoffs_before, handoffs_after;       /* department handoffs per case */
    double steps_before, steps_after;             /* activity executions per case */
    size_t departments_before, departments_after; /* departments touched */
    double departments_per_case_before, departments_per_case_after;
    double critical_before, critical_after;       /* seconds */
    double work_before, work_after;               /* expected worked seconds per case */
    double bot_share_before, bot_share_after;     /* share of that work done by bots */
} Change;

/* Compare design s against baseline base into out (free with
 * change_free). A `replaces:` naming no baseline activity is a warning in
 * dl. Returns 0, or -1 out of memory. */
int change_compute(const Structure *base, const Structure *s, Change *out, DiagList *dl);
void change_free(Change *c);

/* "removed", "added", "automated", "moved", "renamed". */
const char *change_kind_name(ChangeKind k);

#endif

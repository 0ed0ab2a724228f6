/*
 * change: a design against the baseline (change.h).
 */
#include "change.h"

#include <stdlib.h>
#include <string.h>

const char *change_kind_name(ChangeKind k) {
    static const char *const names[] = {"removed", "added", "automated", "moved", "renamed"};
    return names[k];
}

/* The baseline activity design activity a matches, or -1. */
static int match(const Design *base, const Design *d, int a) {
    const Activity *act = &d->activities[a];
    const char *name = act->replaces ? act->replaces : act->id.name;
    for (size_t i = 0; i < base->n_activities; i++)
        if (strcmp(base->activities[i].id.name, name) == 0) return (int)i;
    return -1;
}

static int add(Change *c, ChangeKind kind, const Design *base, int b, const Design *d, int a) {
    ActivityChange *more = realloc(c->activities, (c->n_activities + 1) * sizeof *more);
    if (!more) return -1;
    c->activities = more;
    ActivityChange *x = &c->activities[c->n_activities++];
    x->kind = kind;
    x->before = b >= 0 ? base->activities[b].id.name : NULL;
    x->pool_before = b >= 0 ? base->pools[base->activities[b].pool].id.name : NULL;
    x->after = a >= 0 ? d->activities[a].id.name : NULL;
    x->pool_after = a >= 0 ? d->pools[d->activities[a].pool].id.name : NULL;
    x->fallback_after = a >= 0 && d->activities[a].fallback >= 0
                            ? d->pools[d->activities[a].fallback].id.name : NULL;
    return 0;
}

/* Does loop l of s contain the activity matched to baseline activity b? */
static int loop_has(const Structure *s, const Loop *l, const Design *base, int b) {
    for (size_t k = 0; k < l->n_activities; k++)
        if (match(base, s->design, l->activities[k]) == b) return 1;
    return 0;
}

/* Baseline loop b survives into design loop l when two of its activities
 * (or its only one) loop together in l. */
static int survives_into(const Structure *base, const Loop *b, const Structure *s, const Loop *l) {
    size_t shared = 0;
    for (size_t i = 0; i < b->n_activities; i++) shared += loop_has(s, l, base->design, b->activities[i]);
    return shared >= (b->n_activities < 2 ? 1 : 2);
}

/* A baseline loop survives when it survives into some loop of the design. */
static int loop_survives(const Structure *base, const Loop *b, const Structure *s) {
    for (size_t k = 0; k < s->n_loops; k++)
        if (survives_into(base, b, s, &s->loops[k])) return 1;
    return 0;
}

/* A design loop is new when no baseline loop survives into it. */
static int loop_is_new(const Structure *base, const Loop *l, const Structure *s) {
    for (size_t k = 0; k < base->n_loops; k++)
        if (survives_into(base, &base->loops[k], s, l)) return 0;
    return 1;
}

int change_compute(const Structure *base, const Structure *s, Change *out, DiagList *dl) {
    const Design *bd = base->design, *d = s->design;
    memset(out, 0, sizeof *out);
    out->design = d->id.name;
    out->baseline = bd->id.name;
    char *matched = calloc(bd->n_activities + 1, 1);
    if (!matched) return -1;
    for (size_t a = 0; a < d->n_activities; a++) {
        const Activity *act = &d->activities[a];
        int b = match(bd, d, (int)a);
        if (act->replaces && b < 0)
            diag_add(dl, DIAG_WARNING, DIAG_INPUT, act->id.pos, NULL,
                     "design '%s': activity '%s' replaces '%s', which is not an activity of the "
                     "baseline '%s'", d->id.name, act->id.name, act->replaces, bd->id.name);
        if (b >= 0 && matched[b])
            diag_add(dl, DIAG_WARNING, DIAG_INPUT, act->id.pos, NULL,
                     "design '%s': activity '%s' and another activity both stand for the "
                     "baseline's '%s' (by name or replaces:); it is counted once",
                     d->id.name, act->id.name, bd->activities[b].id.name);
        if (b >= 0 && matched[b]) {
            if (add(out, CHANGE_ADDED, bd, -1, d, (int)a)) goto oom;
            continue;
        }
        if (b < 0) {
            if (add(out, CHANGE_ADDED, bd, -1, d, (int)a)) goto oom;
            continue;
        }
        matched[b] = 1;
        const Pool *pb = &bd->pools[bd->activities[b].pool], *pa = &d->pools[act->pool];
        int same_pool = strcmp(pb->id.name, pa->id.name) == 0;
        ChangeKind kind = pa->kind == POOL_BOT && pb->kind != POOL_BOT ? CHANGE_AUTOMATED
                          : !same_pool                                ? CHANGE_MOVED
                          : act->replaces                             ? CHANGE_RENAMED
                                                                      : (ChangeKind)-1;
        if ((int)kind < 0) out->kept++;
        else if (add(out, kind, bd, b, d, (int)a)) goto oom;
    }
    for (size_t b = 0; b < bd->n_activities; b++)
        if (!matched[b] && add(out, CHANGE_REMOVED, bd, (int)b, d, -1)) goto oom;
    free(matched);
    out->loops_before = base->n_loops;
    out->loops_after = s->n_loops;
    for (size_t k = 0; k < base->n_loops; k++)
        out->loops_removed += !loop_survives(base, &base->loops[k], s);
    for (size_t k = 0; k < s->n_loops; k++) out->loops_added += loop_is_new(base, &s->loops[k], s);
    out->handoffs_before = base->handoffs_per_case;
    out->handoffs_after = s->handoffs_per_case;
    out->steps_before = base->steps_per_case;
    out->steps_after = s->steps_per_case;
    out->departments_before = base->departments_touched;
    out->departments_after = s->departments_touched;
    out->departments_per_case_before = base->departments_per_case;
    out->departments_per_case_after = s->departments_per_case;
    out->critical_before = base->critical_seconds;
    out->critical_after = s->critical_seconds;
    out->work_before = base->work_per_case;
    out->work_after = s->work_per_case;
    out->bot_share_before = base->work_per_case > 0 ? base->bot_work_per_case / base->work_per_case : 0;
    out->bot_share_after = s->work_per_case > 0 ? s->bot_work_per_case / s->work_per_case : 0;
    return 0;
oom:
    free(matched);
    change_free(out);
    return -1;
}

void change_free(Change *c) {
    if (!c) return;
    free(c->activities);
    c->activities = NULL;
    c->n_activities = 0;
}

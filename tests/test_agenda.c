/*
 * test_agenda: the event list pops in (time, priority, sequence) order: by
 * time; at equal times by priority; at equal priority first scheduled, first
 * out. Checked on hand-made ties and against a sorted reference on 40,000
 * random pushes and pops interleaved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <math.h>

#include "sim/agenda.h"

static void test_ties(void **state) {
    (void)state;
    Agenda a;
    agenda_init(&a);
    Event e;
    assert_int_equal(agenda_pop(&a, &e), 0);
    assert_true(isinf(agenda_next_time(&a)));
    assert_int_equal(agenda_push(&a, 5.0, 2, 100, 0), 0);
    assert_int_equal(agenda_push(&a, 5.0, 0, 101, 0), 0);
    assert_int_equal(agenda_push(&a, 1.0, 3, 102, 0), 0);
    assert_int_equal(agenda_push(&a, 5.0, 0, 103, 0), 0);
    assert_int_equal(agenda_push(&a, 5.0, 2, 104, 0), 0);
    const uint32_t want[] = {102, 101, 103, 100, 104};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(agenda_pop(&a, &e), 1);
        assert_int_equal(e.what, want[i]);
    }
    assert_int_equal(agenda_pop(&a, &e), 0);
    agenda_clear(&a);
}

/* A reference: events as (time, priority, seq), found by linear scan. */
typedef struct Ref {
    double time;
    unsigned prio;
    uint32_t seq;
} Ref;

static int ref_before(const Ref *x, const Ref *y) {
    if (x->time != y->time) return x->time < y->time;
    if (x->prio != y->prio) return x->prio < y->prio;
    return x->seq < y->seq;
}

static void test_against_reference(void **state) {
    (void)state;
    Agenda a;
    agenda_init(&a);
    Ref *ref = malloc(40000 * sizeof *ref);
    size_t n = 0;
    uint32_t seq = 0;
    uint64_t x = 42;
    double now = 0;
    for (int step = 0; step < 40000; step++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int push = n == 0 || (x >> 33) % 3 != 0;
        if (push) {
            /* times on a coarse grid, so ties are frequent */
            double t = now + (double)((x >> 20) % 50);
            unsigned prio = (unsigned)((x >> 40) % 3);
            assert_int_equal(agenda_push(&a, t, prio, seq, 0), 0);
            ref[n++] = (Ref){t, prio, seq++};
        } else {
            size_t best = 0;
            for (size_t i = 1; i < n; i++)
                if (ref_before(&ref[i], &ref[best])) best = i;
            Event e;
            assert_int_equal(agenda_pop(&a, &e), 1);
            assert_int_equal(e.what, ref[best].seq);
            assert_true(e.time == ref[best].time);
            assert_true(e.time >= now); /* never back in time */
            now = e.time;
            ref[best] = ref[--n];
        }
    }
    assert_int_equal(a.n, n);
    free(ref);
    agenda_clear(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

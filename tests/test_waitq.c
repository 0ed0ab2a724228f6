/*
 * test_waitq: a pool's queue serves higher priority first and, within equal
 * priority, first come first served: checked on FIFO runs, on hand-made
 * priorities, and against a stable sort of 20,000 random pushes and pops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "sim/waitq.h"

static void test_fifo(void **state) {
    (void)state;
    WaitQueue q;
    waitq_init(&q);
    Waiting w;
    assert_int_equal(waitq_pop(&q, &w), 0);
    for (uint32_t i = 0; i < 1000; i++) assert_int_equal(waitq_push(&q, i, 0.0, i, 7), 0);
    for (uint32_t i = 0; i < 1000; i++) {
        assert_int_equal(waitq_pop(&q, &w), 1);
        assert_int_equal(w.slot, i);
        assert_int_equal(w.activity, 7);
        assert_true(w.since == (double)i);
    }
    assert_int_equal(waitq_pop(&q, &w), 0);
    waitq_clear(&q);
}

static void test_priorities(void **state) {
    (void)state;
    WaitQueue q;
    waitq_init(&q);
    const double prio[] = {0, 5, 0, 5, -1, 10};
    for (uint32_t i = 0; i < 6; i++) waitq_push(&q, 0, prio[i], i, 0);
    const uint32_t want[] = {5, 1, 3, 0, 2, 4};
    Waiting w;
    for (int i = 0; i < 6; i++) {
        assert_int_equal(waitq_pop(&q, &w), 1);
        assert_int_equal(w.slot, want[i]);
    }
    waitq_clear(&q);
}

static void test_against_reference(void **state) {
    (void)state;
    WaitQueue q;
    waitq_init(&q);
    typedef struct {
        double prio;
        uint32_t order;
    } Ref;
    Ref *ref = malloc(20000 * sizeof *ref);
    size_t n = 0;
    uint32_t order = 0;
    uint64_t x = 7;
    for (int step = 0; step < 20000; step++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        if (n == 0 || (x >> 33) % 3 != 0) {
            double prio = (double)((x >> 40) % 4);
            assert_int_equal(waitq_push(&q, 0, prio, order, 0), 0);
            ref[n++] = (Ref){prio, order++};
        } else {
            size_t best = 0; /* highest priority, then earliest */
            for (size_t i = 1; i < n; i++)
                if (ref[i].prio > ref[best].prio ||
                    (ref[i].prio == ref[best].prio && ref[i].order < ref[best].order))
                    best = i;
            Waiting w;
            assert_int_equal(waitq_pop(&q, &w), 1);
            assert_int_equal(w.slot, ref[best].order);
            ref[best] = ref[--n];
        }
    }
    assert_int_equal(q.n, n);
    free(ref);
    waitq_clear(&q);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_priorities),
        cmocka_unit_test(test_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tally: Welford's running moments, Chan's merge (tally.h).
 */
#include "tally.h"

#include <math.h>

void tally_init(Tally *t) {
    t->n = 0;
    t->mean = 0;
    t->m2 = 0;
    t->min = INFINITY;
    t->max = -INFINITY;
}

void tally_add(Tally *t, double x) {
    t->n += 1;
    double delta = x - t->mean;
    t->mean += delta / t->n;
    t->m2 += delta * (x - t->mean);
    if (x < t->min) t->min = x;
    if (x > t->max) t->max = x;
}

void tally_merge(Tally *a, const Tally *b) {
    if (b->n == 0) return;
    if (a->n == 0) {
        *a = *b;
        return;
    }
    double n = a->n + b->n, delta = b->mean - a->mean;
    a->mean += delta * b->n / n;
    a->m2 += b->m2 + delta * delta * a->n * b->n / n;
    a->n = n;
    if (b->min < a->min) a->min = b->min;
    if (b->max > a->max) a->max = b->max;
}

double tally_variance(const Tally *t) {
    return t->n > 1 ? t->m2 / (t->n - 1) : 0;
}

double tally_sd(const Tally *t) {
    return sqrt(tally_variance(t));
}

double tally_sum(const Tally *t) {
    return t->n * t->mean;
}

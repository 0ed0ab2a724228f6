/*
 * distread: reading a distribution from YAML.
 *
 * Two spellings give the same Dist:
 *   duration: 5m                                  fixed
 *   duration: triangular(2m, 5m, 15m)             positional parameters
 *   duration: lognormal(mean=6m, sd=3m)           named parameters
 *   duration: empirical([1m, 2m, 5m], [5, 3, 2])  values and weights
 *   duration: {dist: gamma, mean: 5m, sd: 2m}     a mapping
 * A malformed or out-of-range number points at the column of that parameter
 * inside the value (exact for plain one-line scalars; quoted or multi-line
 * values point at the value's start). A relation between parameters that does
 * not hold ("min must be less than max") points at the distribution's name.
 */
#ifndef REORG_DISTREAD_H
#define REORG_DISTREAD_H

#include "dist.h"
#include "reader.h"

#define DISTREAD_MAX_VALUES 10000

/* Read node n (scalar or mapping) into *out; durations take units when
 * is_duration. Returns 1 on success, -1 after recording errors at r's path. */
int distread_node(Reader *r, const YtNode *n, int is_duration, Dist *out);

#endif

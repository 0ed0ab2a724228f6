/*
 * presets: economics inputs from published guidance, kept as data.
 *
 * engine/presets/economics.yaml holds named discount-rate schedules
 * (economics.discount: NAME) and optimism-bias upper bounds per project
 * category (costs.optimism_bias.category: NAME), each with its source. It
 * is embedded into the binary at build time (engine/presets/embed.cmake), so
 * adding a jurisdiction or a category is a data change, not a code change.
 * Lookups parse the embedded text into the caller's arena: the strings
 * returned live as long as it.
 */
#ifndef REORG_PRESETS_H
#define REORG_PRESETS_H

#include "../util/arena.h"
#include "model.h"

typedef struct DiscountPreset {
    const char *name, *title, *source;
    int n_steps;
    int from[ECON_MAX_STEPS];      /* first year of each step, from 0 up */
    double rate[ECON_MAX_STEPS];   /* real rate */
} DiscountPreset;

typedef struct BiasPreset {
    const char *name, *source;
    double capex, duration, opex;  /* upper bounds; 0 where the category has none */
} BiasPreset;

/* Find preset `name` in arena a. Returns 0 found (out filled), 1 unknown
 * (*suggest: the closest name, or NULL), -1 the embedded data is broken (an
 * internal error, with its message in *suggest). */
int presets_discount(Arena *a, const char *name, DiscountPreset *out, const char **suggest);
int presets_bias(Arena *a, const char *name, BiasPreset *out, const char **suggest);

/* The names of every preset of a section ("discount" or "optimism_bias"),
 * comma-separated, in arena a (for error messages and help). */
const char *presets_names(Arena *a, const char *section);

#endif

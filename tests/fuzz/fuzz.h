/*
 * fuzz: the loader's fuzz target, shared by the libFuzzer build (fuzz_load)
 * and the plain replay of the corpus (fuzz_replay, standalone.c).
 */
#ifndef REORG_FUZZ_H
#define REORG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Load data as a study.yaml; aborts when the loader breaks its own
 * contract. Returns 0 (libFuzzer reserves other values). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif

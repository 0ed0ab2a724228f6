/*
 * rng: splitmix64 keys and xoshiro256** streams (rng.h).
 *
 * xoshiro256** 1.0 and splitmix64 are by David Blackman and Sebastiano Vigna
 * (public-domain reference code at prng.di.unimi.it); written here from the
 * published algorithms and checked against their published outputs in
 * tests/test_rng.c.
 */
#include "rng.h"

#include <assert.h>

/* splitmix64's increment, 2^64 / golden ratio (odd). */
#define RNG_GOLDEN 0x9e3779b97f4a7c15ULL

/* The splitmix64 output function (Stafford's variant 13 of the MurmurHash3
 * finaliser): a bijection in which every input bit affects every output bit. */
static uint64_t finalise(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Exactly splitmix64's next output when its state is x: the state first
 * steps by the golden gamma, then is finalised. Adding the gamma first keeps
 * rng_mix(0) away from 0 (the bare finaliser fixes 0), and makes rng_mix and
 * rng_seed one and the same published generator. */
uint64_t rng_mix(uint64_t x) {
    return finalise(x + RNG_GOLDEN);
}

/* Mix a, fold b in, mix again. a passes through a full mix before b is
 * folded in, so the pair is not symmetric; the outer mix spreads a one-bit
 * change of b (case 7, case 8) over the whole key. */
uint64_t rng_key(uint64_t a, uint64_t b) {
    return rng_mix(rng_mix(a) ^ b);
}

/* FNV-1a 64 over the bytes of name, then mixed: FNV alone leaves names
 * that differ in their last byte close together in the low bits. */
uint64_t rng_hash_name(const char *name) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return rng_mix(h);
}

/* The four words are splitmix64's first four outputs from state key, as the
 * xoshiro authors recommend. rng_mix is a bijection and the four inputs
 * differ, so at most one word is zero and the state is never all zero. */
void rng_seed(Rng *r, uint64_t key) {
    for (int i = 0; i < 4; i++) r->s[i] = rng_mix(key + (uint64_t)i * RNG_GOLDEN);
    assert(r->s[0] | r->s[1] | r->s[2] | r->s[3]);
}

/* Rotate left by k, 0 < k < 64 (compiles to one instruction). */
static inline uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0: the reference next(), word for word. */
uint64_t rng_next(Rng *r) {
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* The midpoint of one of 2^52 equal cells of (0, 1), from the top 52 bits.
 * 52 and not 53: midpoints of 2^53 cells need 54 bits above 0.5, and
 * ((x >> 11) + 0.5) * 2^-53 rounds its top value to exactly 1.0. Here every
 * value is exact, the smallest is 2^-53, the largest 1 - 2^-53, and u and
 * 1 - u are equally likely, so -log(u) and -log(1 - u) are always finite. */
double rng_uniform(Rng *r) {
    return ((double)(rng_next(r) >> 12) + 0.5) * 0x1.0p-52;
}

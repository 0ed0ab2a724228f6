/*
 * sha256: the SHA-256 digest (FIPS 180-4), so a report can name the exact
 * input files a run read (the method section) and a reader can check them
 * with `sha256sum`.
 *
 * Incremental: sha256_init, sha256_update any number of times, then
 * sha256_final. sha256_file digests a whole file.
 */
#ifndef REORG_SHA256_H
#define REORG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX 65 /* 64 hex digits and a NUL */

typedef struct Sha256 {
    uint32_t h[8];
    uint64_t bytes;        /* message length so far */
    unsigned char buf[64]; /* a partial block */
    size_t used;
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *data, size_t n);
/* The digest as 64 lowercase hex digits in hex; c is spent. */
void sha256_final(Sha256 *c, char hex[SHA256_HEX]);

/* The digest of the file at path into hex and its size into *bytes.
 * Returns 0, or -1 when it cannot be read (errno set). */
int sha256_file(const char *path, char hex[SHA256_HEX], long long *bytes);

#endif

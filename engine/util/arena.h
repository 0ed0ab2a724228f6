/*
 * arena: bump allocation for objects that live and die together.
 *
 * The loaded model and each replication's scratch data are allocated from an
 * arena and released in one go with arena_clear, so an abandoned load or run
 * leaks nothing. Blocks are malloc'ed in growing chunks; alignment is that of
 * max_align_t.
 */
#ifndef REORG_ARENA_H
#define REORG_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;  /* newest block first */
    size_t used_bytes; /* bytes handed out, for reports and tests */
    size_t limit;      /* 0: unlimited; else arena_alloc fails past it */
} Arena;

/* Prepare an empty arena on caller storage; limit 0 means unlimited. */
void arena_init(Arena *a, size_t limit);
/* Free every block; the arena is empty and reusable. */
void arena_clear(Arena *a);

/* Zeroed memory for n bytes, or NULL (out of memory or past the limit). */
void *arena_alloc(Arena *a, size_t n);
/* Zeroed array of count elements of size bytes, NULL on overflow or OOM. */
void *arena_array(Arena *a, size_t count, size_t size);
/* NUL-terminated copies owned by the arena; NULL on OOM. */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* printf into the arena; NULL on OOM. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

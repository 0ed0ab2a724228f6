/*
 * arena: bump allocation for objects that live and die together (arena.h).
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t size, used;
    max_align_t data[]; /* aligned storage follows the header */
};

#define ARENA_MIN_BLOCK ((size_t)16 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

void arena_init(Arena *a, size_t limit) {
    a->head = NULL;
    a->used_bytes = 0;
    a->limit = limit;
}

void arena_clear(Arena *a) {
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a, a->limit);
}

void *arena_alloc(Arena *a, size_t n) {
    if (n == 0) n = 1;
    if (n > SIZE_MAX / 2) return NULL;
    size_t rounded = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (a->limit && a->used_bytes + rounded > a->limit) return NULL;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < rounded) {
        size_t size = b ? b->size * 2 : ARENA_MIN_BLOCK;
        if (size < rounded) size = rounded;
        b = malloc(sizeof *b + size);
        if (!b) return NULL;
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += rounded;
    a->used_bytes += rounded;
    memset(p, 0, n);
    return p;
}

void *arena_array(Arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    return arena_alloc(a, count * size);
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *d = arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *d = arena_alloc(a, (size_t)n + 1);
    if (!d) return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

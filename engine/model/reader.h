/*
 * reader: typed, positioned reads from a YAML tree with key paths.
 *
 * The loaders walk the tree with a Reader, which tracks the key path
 * ("designs.as-is.activities.approve.pool") and turns every mistake into a
 * diagnostic at the offending node: missing keys, unknown keys (with "did you
 * mean"), wrong kinds, values out of range. Typed getters return 1 when the
 * key is present and valid, 0 when it is absent and optional, -1 after
 * recording an error, so a loader can go on and report more than one.
 */
#ifndef REORG_READER_H
#define REORG_READER_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"
#include "model.h"
#include "ytree.h"

#define RD_PATH_MAX 512
#define RD_NAME_MAX 64

typedef struct Reader {
    Arena *arena;
    DiagList *dl;
    char path[RD_PATH_MAX];
    size_t len;
} Reader;

void rd_init(Reader *r, Arena *arena, DiagList *dl);

/* Append ".key" (or "[i]" with rd_push_index) to the path; returns the old
 * length for rd_pop. A path too long for the buffer is cut with "...". */
size_t rd_push(Reader *r, const char *key);
size_t rd_push_index(Reader *r, size_t i);
void rd_pop(Reader *r, size_t old);

/* Record an input error or warning at node n (or pos) under the current path. */
void rd_error(Reader *r, const YtNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rd_error_at(Reader *r, SrcPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rd_warning(Reader *r, const YtNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 0 when n is of kind k; else an error "expected a K, found a ..." and -1. */
int rd_expect(Reader *r, const YtNode *n, YtKind k, const char *what);

/* Check every key of map against allowed (NULL-terminated); an unknown one
 * is an error naming the closest allowed key. Returns the number unknown. */
int rd_check_keys(Reader *r, const YtNode *map, const char *const *allowed);

/* The value of key in map, or NULL. */
const YtNode *rd_get(const YtNode *map, const char *key);
/* The key node itself (for positions), or NULL. */
const YtNode *rd_key(const YtNode *map, const char *key);

/* Typed getters: 1 present and valid, 0 absent (error when required), -1 invalid. */
int rd_string(Reader *r, const YtNode *map, const char *key, int required, const char **out);
int rd_number(Reader *r, const YtNode *map, const char *key, int required, double min,
              double max, double *out);
int rd_integer(Reader *r, const YtNode *map, const char *key, int required, long min, long max,
               long *out);
int rd_duration(Reader *r, const YtNode *map, const char *key, int required, double *out);
int rd_bool(Reader *r, const YtNode *map, const char *key, int required, int *out);
/* A Lua function name: an identifier, not a keyword. */
int rd_rule_name(Reader *r, const YtNode *map, const char *key, int required, const char **out,
                 SrcPos *pos);

/* Scalar helpers on a node already found (the path is the caller's). */
int rd_scalar_text(Reader *r, const YtNode *n, const char **out);
int rd_scalar_number(Reader *r, const YtNode *n, double min, double max, double *out);
int rd_scalar_duration(Reader *r, const YtNode *n, double *out);

/* A named element's id from its key, with `label` and `source` from val
 * when it is a mapping. Returns 0, or -1 after recording errors. */
int rd_named(Reader *r, Named *id, const YtNode *key, const YtNode *val);

/* A section of named elements (a mapping of name -> definition) under key
 * of root: *out is the mapping, or NULL when absent or empty ("pools:");
 * each name is checked as a `what` name. Returns 0, or -1 after errors. */
int rd_section(Reader *r, const YtNode *root, const char *key, const char *what,
               const YtNode **out);

/* 0 when name is a valid element name (letter first; letters, digits, '-',
 * '_'; at most RD_NAME_MAX bytes); else an error at n and -1. */
int rd_check_name(Reader *r, const YtNode *n, const char *what);

#endif

/*
 * ytree: a YAML file read into a small tree of positioned nodes, safely.
 *
 * This is the only place reorg reaches libyaml. It reads a file or buffer and
 * builds scalars, sequences and mappings, each with its 1-based line and
 * column, in an arena. It refuses what libyaml would accept but a loader must
 * not: files over YTREE_MAX_BYTES, bytes that are not UTF-8, nesting deeper
 * than YTREE_MAX_DEPTH, more than one document, duplicate mapping keys,
 * non-scalar keys, and aliases whose expansion would exceed
 * YTREE_MAX_EXPANDED nodes (an alias shares its target node; the loader
 * walks shared nodes once per reference, so the cap bounds its work).
 */
#ifndef REORG_YTREE_H
#define REORG_YTREE_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"

#define YTREE_MAX_BYTES ((size_t)16 * 1024 * 1024)
#define YTREE_MAX_DEPTH 64
#define YTREE_MAX_EXPANDED ((size_t)1000000)

typedef enum YtKind { YT_SCALAR, YT_SEQ, YT_MAP } YtKind;

typedef struct YtNode YtNode;
struct YtNode {
    YtKind kind;
    SrcPos pos;      /* where the node starts */
    int quoted;      /* scalar written in quotes or as a block: never a number */
    int single_line; /* plain scalar on one line: pos.col + offset is exact */
    const char *str; /* scalar text, NUL-terminated (may contain no NUL) */
    size_t len;      /* scalar length in bytes */
    size_t count;    /* sequence items, or mapping pairs */
    YtNode **items;  /* sequence: count items; mapping: key0, value0, key1, ... */
    size_t weight;   /* nodes in this subtree with aliases expanded */
};

/* Mapping accessors: the i-th key and value. */
#define YT_KEY(n, i) ((n)->items[2 * (i)])
#define YT_VAL(n, i) ((n)->items[2 * (i) + 1])

/* Parse len bytes named file (used in diagnostics; must outlive the tree).
 * On success *root is the document's root node, or NULL for an empty
 * document, and 0 is returned. On failure errors are added to dl, *root is
 * NULL and -1 is returned. Nodes live in arena. */
int ytree_parse(const char *file, const char *buf, size_t len, Arena *arena, DiagList *dl,
                YtNode **root);

/* Read and parse a file. An unreadable file is an error at from (the place
 * that named it, or a position with no line for the command line): an input
 * error when a file named in YAML does not exist, else an I/O error
 * (DIAG_IO); everything else is as ytree_parse. */
int ytree_load_file(const char *file, SrcPos from, const char *from_path, Arena *arena,
                    DiagList *dl, YtNode **root);

/* Human name of a node kind, for "expected a mapping, found a sequence". */
const char *ytree_kind_name(const YtNode *n);

/* Position of byte offset off inside a plain single-line scalar; the node's
 * own position for other scalars (their columns are not exact). */
SrcPos ytree_pos_at(const YtNode *n, size_t off);

#endif

/*
 * ytree: a YAML file read into a small tree of positioned nodes (ytree.h).
 *
 * The tree is built from libyaml's event stream rather than its document
 * loader so that limits are enforced while parsing: depth is counted at each
 * collection start, alias expansion is weighed as nodes complete, and
 * duplicate keys are found when a mapping ends (sorted, so a huge mapping
 * costs n log n, not n^2).
 */
#include "ytree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A collection being built: its node and a growing child list. */
typedef struct Frame {
    YtNode *node;
    YtNode **kids;
    size_t count, cap;
} Frame;

typedef struct Anchor {
    char *name; /* malloc'ed */
    YtNode *node;
} Anchor;

typedef struct Builder {
    const char *file;
    const char *buf;
    size_t len;
    Arena *arena;
    DiagList *dl;
    Frame stack[YTREE_MAX_DEPTH + 1];
    int depth;
    Anchor *anchors;
    size_t n_anchors, cap_anchors;
    YtNode *root;
    int documents;
    int failed;
} Builder;

static SrcPos mark_pos(const Builder *b, yaml_mark_t m) {
    SrcPos p = {b->file, (int)m.line + 1, (int)m.column + 1};
    return p;
}

/* Line and column (1-based, in characters) of a byte offset in the buffer. */
static SrcPos offset_pos(const Builder *b, size_t off) {
    SrcPos p = {b->file, 1, 1};
    if (off > b->len) off = b->len;
    for (size_t i = 0; i < off; i++) {
        unsigned char c = (unsigned char)b->buf[i];
        if (c == '\n') {
            p.line++;
            p.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

static void fail(Builder *b, SrcPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(Builder *b, SrcPos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(b->dl, DIAG_ERROR, DIAG_INPUT, pos, NULL, fmt, ap);
    va_end(ap);
    b->failed = 1;
}

/* Length of the UTF-8 sequence at s (1..4), or 0 when it is not valid UTF-8
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s, size_t left) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (left < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

/* libyaml reports bad encodings by byte offset only; checking first gives
 * the user a line and column, and catches NUL bytes too. */
static int check_utf8(Builder *b) {
    const unsigned char *s = (const unsigned char *)b->buf;
    size_t i = 0;
    if (b->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3; /* BOM */
    while (i < b->len) {
        if (s[i] == 0) {
            fail(b, offset_pos(b, i), "the file contains a NUL byte; is it a text file?");
            return -1;
        }
        size_t n = utf8_seq(s + i, b->len - i);
        if (!n) {
            fail(b, offset_pos(b, i), "bytes that are not UTF-8; save the file as UTF-8");
            return -1;
        }
        i += n;
    }
    return 0;
}

static YtNode *new_node(Builder *b, YtKind kind, yaml_mark_t m) {
    YtNode *n = arena_alloc(b->arena, sizeof *n);
    if (!n) {
        fail(b, mark_pos(b, m), "out of memory while reading the file");
        return NULL;
    }
    n->kind = kind;
    n->pos = mark_pos(b, m);
    n->weight = 1;
    return n;
}

static int remember_anchor(Builder *b, const yaml_char_t *name, YtNode *node) {
    if (!name) return 0;
    if (b->n_anchors == b->cap_anchors) {
        size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 8;
        Anchor *a = realloc(b->anchors, cap * sizeof *a);
        if (!a) goto oom;
        b->anchors = a;
        b->cap_anchors = cap;
    }
    char *copy = strdup((const char *)name);
    if (!copy) goto oom;
    b->anchors[b->n_anchors].name = copy;
    b->anchors[b->n_anchors].node = node;
    b->n_anchors++;
    return 0;
oom:
    fail(b, node->pos, "out of memory while reading the file");
    return -1;
}

/* The latest definition of an anchor wins, as YAML specifies. */
static YtNode *find_anchor(const Builder *b, const yaml_char_t *name) {
    for (size_t i = b->n_anchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, (const char *)name) == 0) return b->anchors[i].node;
    return NULL;
}

/* Attach a finished node to the open collection, or make it the root; at is
 * where it appears (an alias's own position, not its target's). */
static int attach(Builder *b, YtNode *n, SrcPos at) {
    if (b->depth == 0) {
        if (b->root) {
            fail(b, at, "more than one value at the top of the file");
            return -1;
        }
        b->root = n;
        return 0;
    }
    Frame *f = &b->stack[b->depth - 1];
    if (f->node->weight + n->weight > YTREE_MAX_EXPANDED) {
        fail(b, at, "aliases expand this file to more than %zu values; refusing it",
             (size_t)YTREE_MAX_EXPANDED);
        return -1;
    }
    f->node->weight += n->weight;
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        YtNode **k = realloc(f->kids, cap * sizeof *k);
        if (!k) {
            fail(b, at, "out of memory while reading the file");
            return -1;
        }
        f->kids = k;
        f->cap = cap;
    }
    f->kids[f->count++] = n;
    return 0;
}

static int open_collection(Builder *b, YtKind kind, yaml_mark_t m) {
    if (b->depth >= YTREE_MAX_DEPTH) {
        fail(b, mark_pos(b, m), "nesting deeper than %d levels; refusing it", YTREE_MAX_DEPTH);
        return -1;
    }
    YtNode *n = new_node(b, kind, m);
    if (!n) return -1;
    Frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    return 0;
}

static int cmp_key(const void *pa, const void *pb) {
    const YtNode *a = *(const YtNode *const *)pa, *b = *(const YtNode *const *)pb;
    int c = strcmp(a->str, b->str);
    if (c) return c;
    /* Same text: order by position so the later one is reported. */
    if (a->pos.line != b->pos.line) return a->pos.line < b->pos.line ? -1 : 1;
    return (a->pos.col > b->pos.col) - (a->pos.col < b->pos.col);
}

/* Keys must be scalars and unique; libyaml accepts both silently. */
static int check_keys(Builder *b, const YtNode *map) {
    YtNode **keys = malloc((map->count ? map->count : 1) * sizeof *keys);
    if (!keys) {
        fail(b, map->pos, "out of memory while reading the file");
        return -1;
    }
    for (size_t i = 0; i < map->count; i++) {
        keys[i] = YT_KEY(map, i);
        if (keys[i]->kind != YT_SCALAR) {
            fail(b, keys[i]->pos, "a key must be a plain name, not a %s",
                 ytree_kind_name(keys[i]));
            free(keys);
            return -1;
        }
    }
    qsort(keys, map->count, sizeof *keys, cmp_key);
    int rc = 0;
    for (size_t i = 1; i < map->count; i++) {
        if (strcmp(keys[i]->str, keys[i - 1]->str) == 0) {
            diag_error(b->dl, keys[i]->pos, NULL, "duplicate key '%s' (first given at line %d)",
                       keys[i]->str, keys[i - 1]->pos.line);
            b->failed = 1;
            rc = -1;
        }
    }
    free(keys);
    return rc;
}

static int close_collection(Builder *b, const yaml_char_t *anchor) {
    Frame *f = &b->stack[b->depth - 1];
    YtNode *n = f->node;
    int rc = 0;
    if (n->kind == YT_MAP && (f->count % 2) != 0) rc = -1; /* cannot happen with libyaml */
    n->count = n->kind == YT_MAP ? f->count / 2 : f->count;
    if (f->count) {
        n->items = arena_array(b->arena, f->count, sizeof *n->items);
        if (!n->items) {
            fail(b, n->pos, "out of memory while reading the file");
            rc = -1;
        } else {
            memcpy(n->items, f->kids, f->count * sizeof *n->items);
        }
    }
    free(f->kids);
    f->kids = NULL;
    b->depth--;
    if (rc == 0 && n->kind == YT_MAP) rc = check_keys(b, n);
    if (rc == 0) rc = remember_anchor(b, anchor, n);
    if (rc == 0) rc = attach(b, n, n->pos);
    return rc;
}

static int on_scalar(Builder *b, const yaml_event_t *ev) {
    YtNode *n = new_node(b, YT_SCALAR, ev->start_mark);
    if (!n) return -1;
    size_t len = ev->data.scalar.length;
    if (memchr(ev->data.scalar.value, '\0', len)) {
        fail(b, n->pos, "a value contains a NUL character");
        return -1;
    }
    n->str = arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
    if (!n->str) {
        fail(b, n->pos, "out of memory while reading the file");
        return -1;
    }
    n->len = len;
    n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    n->single_line = !n->quoted && ev->start_mark.line == ev->end_mark.line;
    if (remember_anchor(b, ev->data.scalar.anchor, n)) return -1;
    return attach(b, n, n->pos);
}

static int on_alias(Builder *b, const yaml_event_t *ev) {
    YtNode *target = find_anchor(b, ev->data.alias.anchor);
    if (!target) {
        fail(b, mark_pos(b, ev->start_mark), "alias *%s names no anchor defined before it",
             (const char *)ev->data.alias.anchor);
        return -1;
    }
    return attach(b, target, mark_pos(b, ev->start_mark));
}

static int on_event(Builder *b, const yaml_event_t *ev) {
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1) {
            fail(b, mark_pos(b, ev->start_mark),
                 "a second YAML document ('---'); a file holds one");
            return -1;
        }
        return 0;
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        if (open_collection(b, YT_SEQ, ev->start_mark)) return -1;
        return 0; /* its anchor is registered when it closes: no cycles */
    case YAML_MAPPING_START_EVENT:
        return open_collection(b, YT_MAP, ev->start_mark);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return 0; /* handled by the caller, which knows the anchor */
    default:
        return 0;
    }
}

static void report_parser_error(Builder *b, const yaml_parser_t *p) {
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        diag_error(b->dl, offset_pos(b, p->problem_offset), NULL, "%s", problem);
    } else if (p->error == YAML_MEMORY_ERROR) {
        diag_error(b->dl, (SrcPos){b->file, 0, 0}, NULL, "out of memory while reading the file");
    } else if (p->context) {
        diag_error(b->dl, mark_pos(b, p->problem_mark), NULL, "%s %s (line %zu, column %zu)",
                   problem, p->context, p->context_mark.line + 1, p->context_mark.column + 1);
    } else {
        diag_error(b->dl, mark_pos(b, p->problem_mark), NULL, "%s", problem);
    }
    b->failed = 1;
}

int ytree_parse(const char *file, const char *buf, size_t len, Arena *arena, DiagList *dl,
                YtNode **root) {
    Builder b;
    memset(&b, 0, sizeof b);
    b.file = file;
    b.buf = buf;
    b.len = len;
    b.arena = arena;
    b.dl = dl;
    *root = NULL;
    if (len > YTREE_MAX_BYTES) {
        diag_error(dl, (SrcPos){file, 0, 0}, NULL,
                   "the file is %zu bytes; reorg reads files up to %zu MiB", len,
                   YTREE_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    if (check_utf8(&b)) return -1;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_error(dl, (SrcPos){file, 0, 0}, NULL, "out of memory while reading the file");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    /* Each collection's anchor is needed when it closes: keep them by depth. */
    yaml_char_t *open_anchor[YTREE_MAX_DEPTH + 1] = {0};
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_parser_error(&b, &parser);
            break;
        }
        int done = ev.type == YAML_STREAM_END_EVENT;
        int rc = 0;
        if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
            int depth = b.depth; /* close_collection pops it */
            rc = close_collection(&b, open_anchor[depth]);
            free(open_anchor[depth]);
            open_anchor[depth] = NULL;
        } else {
            rc = on_event(&b, &ev);
            if (rc == 0 && (ev.type == YAML_SEQUENCE_START_EVENT ||
                            ev.type == YAML_MAPPING_START_EVENT)) {
                yaml_char_t *a = ev.type == YAML_SEQUENCE_START_EVENT
                                     ? ev.data.sequence_start.anchor
                                     : ev.data.mapping_start.anchor;
                open_anchor[b.depth] = a ? (yaml_char_t *)strdup((const char *)a) : NULL;
                if (a && !open_anchor[b.depth]) {
                    fail(&b, b.stack[b.depth - 1].node->pos, "out of memory");
                    rc = -1;
                }
            }
        }
        yaml_event_delete(&ev);
        if (rc || done) break;
    }
    yaml_parser_delete(&parser);
    for (int d = 0; d <= YTREE_MAX_DEPTH; d++) free(open_anchor[d]);
    while (b.depth > 0) {
        free(b.stack[b.depth - 1].kids);
        b.depth--;
    }
    for (size_t i = 0; i < b.n_anchors; i++) free(b.anchors[i].name);
    free(b.anchors);
    if (b.failed) return -1;
    *root = b.root;
    return 0;
}

int ytree_load_file(const char *file, SrcPos from, const char *from_path, Arena *arena,
                    DiagList *dl, YtNode **root) {
    *root = NULL;
    FILE *f = fopen(file, "rb");
    if (!f) {
        /* a missing file named in the YAML is the user's mistake, not an I/O fault */
        DiagKind kind = errno == ENOENT && from.line > 0 ? DIAG_INPUT : DIAG_IO;
        diag_add(dl, DIAG_ERROR, kind, from, from_path, "cannot open '%s': %s", file,
                 strerror(errno));
        return -1;
    }
    /* Read at most one byte past the cap: no stat race, no huge allocation. */
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    int rc = -1;
    if (!buf) goto oom;
    for (;;) {
        if (len == cap) {
            if (cap > YTREE_MAX_BYTES) break;
            size_t ncap = cap * 2;
            if (ncap > YTREE_MAX_BYTES + 1) ncap = YTREE_MAX_BYTES + 1;
            char *nb = realloc(buf, ncap);
            if (!nb) goto oom;
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        diag_add(dl, DIAG_ERROR, DIAG_IO, from, from_path, "cannot read '%s': %s", file,
                 strerror(errno));
        goto done;
    }
    if (len > YTREE_MAX_BYTES) {
        diag_error(dl, (SrcPos){file, 0, 0}, NULL,
                   "the file is larger than %zu MiB; reorg refuses it",
                   YTREE_MAX_BYTES / (1024 * 1024));
        goto done;
    }
    rc = ytree_parse(file, buf, len, arena, dl, root);
    goto done;
oom:
    diag_add(dl, DIAG_ERROR, DIAG_IO, from, from_path, "out of memory reading '%s'", file);
done:
    free(buf);
    fclose(f);
    return rc;
}

const char *ytree_kind_name(const YtNode *n) {
    if (!n) return "nothing";
    switch (n->kind) {
    case YT_SCALAR:
        return "single value";
    case YT_SEQ:
        return "list";
    case YT_MAP:
        return "mapping";
    }
    return "?";
}

SrcPos ytree_pos_at(const YtNode *n, size_t off) {
    SrcPos p = n->pos;
    if (n->kind != YT_SCALAR || !n->single_line || off > n->len) return p;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)n->str[i] & 0xC0) != 0x80) p.col++;
    return p;
}

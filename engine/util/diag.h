/*
 * diag: diagnostics that point into the user's files.
 *
 * Every error or warning reorg reports about an input carries where it came
 * from (file, line, column), the key path inside the study
 * ("designs.as-is.activities.approve.pool") and a sentence saying what was
 * expected. Loaders append to a DiagList and keep going, so the user can fix
 * a file in one pass; the list stops accepting errors after a cap and says so.
 * Only the CLI prints a DiagList (diag_format renders one entry).
 */
#ifndef REORG_DIAG_H
#define REORG_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Where a model element or a diagnostic comes from; line and col are 1-based,
 * 0 when unknown (e.g. a file that could not be opened). file is not owned. */
typedef struct SrcPos {
    const char *file;
    int line;
    int col;
} SrcPos;

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

/* What kind of failure an error is; the CLI maps it to an exit code. */
typedef enum DiagKind {
    DIAG_INPUT = 2,    /* the user's YAML or model is wrong */
    DIAG_RULE = 3,     /* a Lua rule failed */
    DIAG_UNSTABLE = 4, /* the model cannot reach a steady state */
    DIAG_IO = 5,       /* a file could not be read or written */
    DIAG_INTERNAL = 70 /* a bug in reorg */
} DiagKind;

typedef struct Diag {
    DiagSeverity severity;
    DiagKind kind;
    char *file; /* owned copy, may be NULL */
    int line, col;
    char *path;    /* owned key path, may be NULL */
    char *message; /* owned */
} Diag;

#define DIAG_MAX_ERRORS_DEFAULT 20

typedef struct DiagList {
    Diag *items;
    size_t count, cap;
    int errors;     /* errors recorded (not counting those dropped) */
    int warnings;
    int max_errors; /* errors kept before the list is full */
    int dropped;    /* errors past max_errors, counted not kept */
    int dropped_kind; /* worst DiagKind among the dropped errors */
    int oom;        /* set when a diagnostic could not be stored */
} DiagList;

/* Prepare an empty list that keeps at most max_errors errors (<= 0: default). */
void diag_init(DiagList *dl, int max_errors);
/* Free every diagnostic; the list is empty and reusable afterwards. */
void diag_clear(DiagList *dl);

/* Record a diagnostic at pos under key path (NULL for none); printf-style. */
void diag_add(DiagList *dl, DiagSeverity sev, DiagKind kind, SrcPos pos, const char *path,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_addv(DiagList *dl, DiagSeverity sev, DiagKind kind, SrcPos pos, const char *path,
               const char *fmt, va_list ap);

/* Shorthands for the common case: an input error or warning. */
void diag_error(DiagList *dl, SrcPos pos, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(DiagList *dl, SrcPos pos, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True once the list holds max_errors errors: loaders may stop early. */
int diag_full(const DiagList *dl);

/* The most severe error kind recorded (0 when there is no error). */
int diag_worst_kind(const DiagList *dl);

/* Write "file:line:col: error: path: message" and a newline to out. */
void diag_print(const Diag *d, FILE *out);
/* Print every diagnostic, then "N errors (M more not shown)" when errors. */
void diag_print_all(const DiagList *dl, FILE *out);

/* "Did you mean": offer each candidate name in turn with diag_suggest_try;
 * best is the closest one within an edit distance worth suggesting (about a
 * third of the word), or NULL. Names are not copied. */
typedef struct DiagSuggest {
    const char *word;
    const char *best;
    size_t best_distance;
} DiagSuggest;

void diag_suggest_init(DiagSuggest *s, const char *word);
void diag_suggest_try(DiagSuggest *s, const char *candidate);

#endif

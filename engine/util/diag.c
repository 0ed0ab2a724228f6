/*
 * diag: diagnostics that point into the user's files (see diag.h).
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void diag_init(DiagList *dl, int max_errors) {
    memset(dl, 0, sizeof *dl);
    dl->max_errors = max_errors > 0 ? max_errors : DIAG_MAX_ERRORS_DEFAULT;
}

void diag_clear(DiagList *dl) {
    for (size_t i = 0; i < dl->count; i++) {
        free(dl->items[i].file);
        free(dl->items[i].path);
        free(dl->items[i].message);
    }
    free(dl->items);
    int max = dl->max_errors;
    diag_init(dl, max);
}

static char *dup_or_null(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

void diag_addv(DiagList *dl, DiagSeverity sev, DiagKind kind, SrcPos pos, const char *path,
               const char *fmt, va_list ap) {
    if (sev == DIAG_ERROR && dl->errors >= dl->max_errors) {
        dl->dropped++;
        if ((int)kind > dl->dropped_kind) dl->dropped_kind = (int)kind;
        return;
    }
    if (dl->count == dl->cap) {
        size_t cap = dl->cap ? dl->cap * 2 : 8;
        Diag *items = realloc(dl->items, cap * sizeof *items);
        if (!items) {
            dl->oom = 1;
            if (sev == DIAG_ERROR) {
                dl->dropped++;
                if ((int)kind > dl->dropped_kind) dl->dropped_kind = (int)kind;
            }
            return;
        }
        dl->items = items;
        dl->cap = cap;
    }
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (msg) vsnprintf(msg, (size_t)n + 1, fmt, ap);
    Diag *d = &dl->items[dl->count];
    d->severity = sev;
    d->kind = kind;
    d->file = dup_or_null(pos.file);
    d->line = pos.line;
    d->col = pos.col;
    d->path = dup_or_null(path && *path ? path : NULL);
    d->message = msg;
    if (!msg || (pos.file && !d->file) || (path && *path && !d->path)) dl->oom = 1;
    dl->count++;
    if (sev == DIAG_ERROR)
        dl->errors++;
    else
        dl->warnings++;
}

void diag_add(DiagList *dl, DiagSeverity sev, DiagKind kind, SrcPos pos, const char *path,
              const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(dl, sev, kind, pos, path, fmt, ap);
    va_end(ap);
}

void diag_error(DiagList *dl, SrcPos pos, const char *path, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(dl, DIAG_ERROR, DIAG_INPUT, pos, path, fmt, ap);
    va_end(ap);
}

void diag_warning(DiagList *dl, SrcPos pos, const char *path, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_addv(dl, DIAG_WARNING, DIAG_INPUT, pos, path, fmt, ap);
    va_end(ap);
}

int diag_full(const DiagList *dl) { return dl->errors >= dl->max_errors; }

/* Internal errors outrank I/O, which outranks the rest: the exit code should
 * name the failure the user can do least about. */
int diag_worst_kind(const DiagList *dl) {
    int worst = 0;
    for (size_t i = 0; i < dl->count; i++) {
        const Diag *d = &dl->items[i];
        if (d->severity != DIAG_ERROR) continue;
        if ((int)d->kind > worst) worst = (int)d->kind;
    }
    if (dl->dropped_kind > worst) worst = dl->dropped_kind;
    if (!worst && dl->oom && dl->errors) worst = DIAG_INPUT;
    return worst;
}

void diag_print(const Diag *d, FILE *out) {
    if (d->file) {
        fputs(d->file, out);
        if (d->line > 0) fprintf(out, ":%d", d->line);
        if (d->line > 0 && d->col > 0) fprintf(out, ":%d", d->col);
        fputs(": ", out);
    }
    fputs(d->severity == DIAG_ERROR ? "error: " : "warning: ", out);
    if (d->path) fprintf(out, "%s: ", d->path);
    fputs(d->message ? d->message : "(out of memory while formatting this message)", out);
    fputc('\n', out);
}

/* Rank of a diagnostic's file: the order in which files first appear, so
 * printing keeps files together without sorting their names. */
static size_t file_rank(const DiagList *dl, size_t i) {
    const char *f = dl->items[i].file;
    for (size_t j = 0; j < i; j++) {
        const char *g = dl->items[j].file;
        if ((f == NULL && g == NULL) || (f && g && strcmp(f, g) == 0)) return j;
    }
    return i;
}

static int before(const DiagList *dl, const size_t *rank, size_t a, size_t b) {
    if (rank[a] != rank[b]) return rank[a] < rank[b];
    const Diag *x = &dl->items[a], *y = &dl->items[b];
    if (x->line != y->line) return x->line < y->line;
    return x->col < y->col;
}

void diag_print_all(const DiagList *dl, FILE *out) {
    /* Found in the order the loader walks; shown in the order of the file.
     * Insertion sort keeps equal positions in their found order. */
    size_t *rank = malloc((dl->count + 1) * sizeof *rank);
    size_t *order = malloc((dl->count + 1) * sizeof *order);
    if (rank && order) {
        for (size_t i = 0; i < dl->count; i++) {
            rank[i] = file_rank(dl, i);
            size_t j = i;
            while (j > 0 && before(dl, rank, i, order[j - 1])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (size_t i = 0; i < dl->count; i++) diag_print(&dl->items[order[i]], out);
    } else {
        for (size_t i = 0; i < dl->count; i++) diag_print(&dl->items[i], out);
    }
    free(rank);
    free(order);
    if (dl->errors || dl->dropped) {
        int total = dl->errors + dl->dropped;
        fprintf(out, "%d error%s", total, total == 1 ? "" : "s");
        if (dl->dropped) fprintf(out, " (%d more not shown; fix these first)", dl->dropped);
        fputc('\n', out);
    }
}

void diag_suggest_init(DiagSuggest *s, const char *word) {
    s->word = word;
    s->best = NULL;
    s->best_distance = (size_t)-1;
}

/* Edit distance with a two-row table; names are short, so stack rows do. */
static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return (size_t)-1;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

void diag_suggest_try(DiagSuggest *s, const char *candidate) {
    if (!candidate || !s->word) return;
    size_t d = edit_distance(s->word, candidate);
    size_t len = strlen(s->word);
    size_t limit = len < 3 ? 1 : (len + 2) / 3;
    if (d <= limit && d < s->best_distance) {
        s->best = candidate;
        s->best_distance = d;
    }
}

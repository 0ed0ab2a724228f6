/*
 * report_helpers: what the Markdown and CSV report tests share: the result
 * fixture (tests/data/report/result.json), variants of it, and comparing
 * an output with its golden file. Included by test_reportmd.c and
 * test_reportcsv.c (static: each test binary has its own copy).
 *
 * With REORG_UPDATE_GOLDEN set to a folder, check_golden writes the output
 * there instead of comparing (tests/data/report/update-golden does this).
 */
#ifndef REORG_REPORT_HELPERS_H
#define REORG_REPORT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#define REPORT_DATA REORG_TEST_DATA "/report"

/* The fixture, parsed; fails the test when it cannot be read. */
static inline json_t *load_fixture(void) {
    json_error_t err;
    json_t *r = json_load_file(REPORT_DATA "/result.json", 0, &err);
    if (!r) fail_msg("cannot read %s/result.json: %s (line %d)", REPORT_DATA, err.text, err.line);
    return r;
}

/* The whole of file path, NUL-terminated, into *len bytes; NULL when it
 * cannot be read. The caller frees it. */
static inline char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static inline int write_all(const char *path, const char *text, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t put = fwrite(text, 1, len, f);
    return fclose(f) == 0 && put == len ? 0 : -1;
}

/* Compare actual (len bytes) with golden/NAME byte for byte. On a mismatch
 * write it to NAME.actual in the current folder, name the first line that
 * differs and the diff command, and fail. */
static inline void check_golden(const char *name, const char *actual, size_t len) {
    char path[1024];
    const char *update = getenv("REORG_UPDATE_GOLDEN");
    if (update && *update) {
        snprintf(path, sizeof path, "%s/%s", update, name);
        if (write_all(path, actual, len)) fail_msg("cannot write %s", path);
        printf("updated %s\n", path);
        return;
    }
    snprintf(path, sizeof path, "%s/golden/%s", REPORT_DATA, name);
    size_t glen = 0;
    char *golden = read_all(path, &glen);
    if (!golden) fail_msg("cannot read the golden file %s", path);
    if (glen == len && memcmp(golden, actual, len) == 0) {
        free(golden);
        return;
    }
    size_t line = 1, i = 0;
    while (i < len && i < glen && golden[i] == actual[i]) line += actual[i++] == '\n';
    char cwd[1024], out[2100];
    snprintf(out, sizeof out, "%s/%s.actual", getcwd(cwd, sizeof cwd) ? cwd : ".", name);
    write_all(out, actual, len);
    free(golden);
    fail_msg("%s differs from its golden file from line %zu on; see\n"
             "  diff -u %s %s\n"
             "and, when the change is meant, tests/data/report/update-golden",
             name, line, path, out);
}

/* A copy of the fixture as `reorg simulate --json` writes it: no
 * economics, every appraisal null. */
static inline json_t *simulate_only(const json_t *fixture) {
    json_t *r = json_deep_copy(fixture);
    json_object_del(r, "economics");
    json_t *d;
    size_t i;
    json_array_foreach(json_object_get(r, "designs"), i, d) {
        json_object_set_new(d, "appraisal", json_null());
    }
    return r;
}

/* A copy of the fixture without the keys added to the result for the
 * reports (docs/report.md): method, and each design's structure,
 * parameters, map_svg and its pools' kind, department, rates and source. */
static inline json_t *older_result(const json_t *fixture) {
    static const char *const pool_keys[] = {"kind", "department", "cost_per_hour",
                                            "cost_per_transaction", "source"};
    json_t *r = json_deep_copy(fixture);
    json_object_del(r, "method");
    json_t *d, *p;
    size_t i, k;
    json_array_foreach(json_object_get(r, "designs"), i, d) {
        json_object_del(d, "structure");
        json_object_del(d, "parameters");
        json_object_del(d, "map_svg");
        json_array_foreach(json_object_get(d, "pools"), k, p) {
            for (size_t j = 0; j < sizeof pool_keys / sizeof *pool_keys; j++)
                json_object_del(p, pool_keys[j]);
        }
    }
    return r;
}

/* The design called name in result r (fails when there is none). */
static inline json_t *design_named(json_t *r, const char *name) {
    json_t *d;
    size_t i;
    json_array_foreach(json_object_get(r, "designs"), i, d) {
        if (!strcmp(json_string_value(json_object_get(d, "name")), name)) return d;
    }
    fail_msg("no design %s in the fixture", name);
    return NULL;
}

#endif

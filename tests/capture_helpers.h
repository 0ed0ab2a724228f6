/*
 * capture_helpers: what the tests of writers to a FILE * share: the output
 * captured as a string, and counting a text in it. Included by
 * test_chart.c and test_reporthtml.c (static: each test binary has its own
 * copy).
 */
#ifndef REORG_CAPTURE_HELPERS_H
#define REORG_CAPTURE_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A writer under test: writes `input` to f, returns 0 or -1. */
typedef int (*CaptureWrite)(FILE *f, const void *input);

/* What write(f, input) writes, NUL-terminated (its length in *len when len
 * is not NULL); fails the test when the writer fails or writes nothing.
 * The caller frees it. */
static inline char *capture(CaptureWrite write, const void *input, size_t *len) {
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(write(f, input), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

/* Occurrences of needle in hay (they may overlap). */
static inline size_t capture_count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

#endif

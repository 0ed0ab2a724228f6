/*
 * maptext: text size estimates and label wrapping (maptext.h).
 */
#include "maptext.h"

#include <assert.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"

static int continues(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t maptext_chars(const char *s) {
    size_t n = 0;
    for (; s && *s; s++)
        if (!continues((unsigned char)*s)) n++;
    return n;
}

static size_t chars_n(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!continues((unsigned char)s[i])) n++;
    return n;
}

/* Byte length of the first k code points of s[0..len). */
static size_t bytes_of(const char *s, size_t len, size_t k) {
    size_t i = 0;
    while (i < len && k > 0) {
        i++;
        while (i < len && continues((unsigned char)s[i])) i++;
        k--;
    }
    return i;
}

/* Copy s[0..len) cut to max_chars into buf; control characters become
 * spaces so a stray newline or tab cannot break the drawing. */
static size_t cut_n(const char *s, size_t len, size_t max_chars, char *buf) {
    assert(max_chars >= 1 && max_chars <= 48);
    size_t n = chars_n(s, len);
    size_t keep = n <= max_chars ? len : bytes_of(s, len, max_chars - 1);
    memcpy(buf, s, keep);
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 || c == 0x7F) buf[i] = ' ';
    }
    if (n <= max_chars) {
        buf[keep] = '\0';
        return n;
    }
    memcpy(buf + keep, ELLIPSIS, sizeof ELLIPSIS);
    return max_chars;
}

size_t maptext_cut(const char *text, size_t max_chars, char *buf) {
    if (!text) text = "";
    return cut_n(text, strlen(text), max_chars, buf);
}

/* Where to split s into the most even halves (the earlier on a tie): at a
 * space (dropped: *skip = 1), or after a '-', '_' or '/' (kept on the first
 * line: names like check-eligibility). Returns the byte offset, or len when
 * there is no such place. */
static size_t best_break(const char *s, size_t len, size_t n, size_t *skip) {
    size_t best = len, best_score = n + 1, at = 0;
    for (size_t i = 0; i < len; i++) {
        if (continues((unsigned char)s[i])) continue;
        int space = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
        int joiner = s[i] == '-' || s[i] == '_' || s[i] == '/';
        if (space || joiner) {
            size_t left = space ? at : at + 1, right = n - at - 1;
            size_t score = left > right ? left : right;
            if (score < best_score && left > 0 && right > 0) {
                best_score = score;
                best = space ? i : i + 1;
                *skip = (size_t)space;
            }
        }
        at++;
    }
    return best;
}

void maptext_wrap(const char *text, size_t wrap_at, size_t max_chars, MapTextLines *out) {
    if (!text) text = "";
    size_t len = strlen(text), n = chars_n(text, len);
    memset(out, 0, sizeof *out);
    if (n == 0) return;
    if (n <= wrap_at) {
        out->n = 1;
        out->chars[0] = cut_n(text, len, max_chars, out->line[0]);
        return;
    }
    size_t skip = 0, split = best_break(text, len, n, &skip);
    if (split == len) {
        /* one long word: break it in the middle */
        split = bytes_of(text, len, (n + 1) / 2);
        skip = 0;
    }
    out->n = 2;
    out->chars[0] = cut_n(text, split, max_chars, out->line[0]);
    out->chars[1] = cut_n(text + split + skip, len - split - skip, max_chars, out->line[1]);
}

/*
 * maptext: how much room a process map's text takes, before any font is
 * loaded.
 *
 * The layout sizes boxes and the drawing places text without measuring
 * glyphs: widths are estimated per character (UTF-8 code points) for a
 * sans-serif font, which is close enough for DejaVu Sans and Arial and
 * keeps the output the same on every machine. Both sides wrap a label
 * with the same function, so the text drawn is the text the box was sized
 * for.
 */
#ifndef REORG_MAPTEXT_H
#define REORG_MAPTEXT_H

#include <stddef.h>

/* Estimated advance per character at the sizes the map uses. */
#define MAPTEXT_LABEL_FONT 12.0 /* activity labels */
#define MAPTEXT_LABEL_PX 7.0
#define MAPTEXT_SMALL_FONT 10.0 /* pool names, gateway and event labels */
#define MAPTEXT_SMALL_PX 6.0
#define MAPTEXT_BADGE_FONT 9.0 /* visits, bot, load */
#define MAPTEXT_BADGE_PX 5.5

/* Line heights for the label and the small font. */
#define MAPTEXT_LABEL_LINE 15.0
#define MAPTEXT_SMALL_LINE 12.0

/* Labels longer than this many characters go on two lines. */
#define MAPTEXT_WRAP_AT 18
/* Longest line kept for an activity label; longer lines end in "…". */
#define MAPTEXT_LINE_MAX 20
/* Longest line kept for a gateway or event label and for a pool name. */
#define MAPTEXT_SMALL_MAX 24
/* Room for one line: MAPTEXT_LINE_MAX code points of up to 4 bytes each,
 * the ellipsis and the terminator. */
#define MAPTEXT_LINE_BYTES (4 * 48 + 4)

typedef struct MapTextLines {
    size_t n;                          /* 1 or 2 (0 for an empty text) */
    char line[2][MAPTEXT_LINE_BYTES];  /* NUL-terminated UTF-8 */
    size_t chars[2];                   /* code points per line */
} MapTextLines;

/* Code points in s (bytes that do not continue a UTF-8 sequence). */
size_t maptext_chars(const char *s);

/* Split text (NULL is empty) into one line, or into two at the space that
 * balances them best when it is longer than wrap_at characters; each line
 * is cut to max_chars (at most 48) with a trailing "…". Control characters
 * become spaces. */
void maptext_wrap(const char *text, size_t wrap_at, size_t max_chars, MapTextLines *out);

/* text cut to max_chars code points (at most 48) with a trailing "…",
 * written to buf (MAPTEXT_LINE_BYTES). Returns the code points kept. */
size_t maptext_cut(const char *text, size_t max_chars, char *buf);

#endif

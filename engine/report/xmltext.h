/*
 * xmltext: text written into XML (SVG, XHTML) so that any parser reads it.
 *
 * The SVG writers and the HTML report share it: `&`, `<`, `>`, `"` and `'`
 * become entities, so the same call serves element text and attribute
 * values; broken UTF-8 becomes '?' and control characters spaces, since
 * either would make the document unreadable and neither carries anything a
 * reader could see.
 */
#ifndef REORG_XMLTEXT_H
#define REORG_XMLTEXT_H

#include <stddef.h>
#include <stdio.h>

/* Bytes in the valid UTF-8 character at s that XML allows (1 to 4), or 0
 * for a broken sequence or a non-character (U+FFFE, U+FFFF). s must be
 * NUL-terminated: a sequence cut short by the NUL is broken. */
size_t xmltext_char_len(const unsigned char *s);

/* Write s (NULL: nothing) escaped for XML text and attributes to f. */
void xmltext_put(FILE *f, const char *s);

#endif

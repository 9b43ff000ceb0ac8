/*
 * UTF-8 validation, decoding with replacement as Java does it, and
 * escaping for the terminal.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True when p[0..len) is well-formed UTF-8: shortest forms only, no
 * surrogates, nothing above U+10FFFF.  NUL bytes are allowed.
 */
bool utf8_valid(const uint8_t *p, size_t len);

/*
 * Java's new String(p, 0, len, UTF_8) written back as UTF-8: every
 * malformed sequence becomes one U+FFFD (EF BF BD), cut where Java's
 * decoder cuts it.  That is Unicode's "maximal subpart" rule except for
 * encoded surrogates: ED A0..BF 80..BF, or its first two bytes at the
 * end, is one U+FFFD, where the Unicode rule gives one per byte.  out
 * must have room for 3 * len bytes.  Returns the length written; sets
 * *replaced when anything was replaced (left alone otherwise).
 */
size_t utf8_java_decode(
    const uint8_t *p, size_t len, uint8_t *out, bool *replaced);

/*
 * s made printable, for names and bytes read from disk on their way to a
 * terminal: valid UTF-8 is kept, control characters (C0 and DEL) and
 * bytes that are not UTF-8 become \xNN.  Returns a string the caller
 * frees.
 */
char *utf8_printable(const char *s);

#endif /* UTF8_H */

/*
 * UTF-8 validation, and decoding with replacement as Java does it.
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

#endif /* UTF8_H */

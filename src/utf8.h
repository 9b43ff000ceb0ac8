/*
 * UTF-8 validation.
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

#endif /* UTF8_H */

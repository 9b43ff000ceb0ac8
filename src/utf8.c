/*
 * UTF-8 validation, shared by the record codec and the dump writer,
 * Java's decoding with replacement, which the model needs to read names
 * as Kafka does, and text from disk made safe to print.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

bool
utf8_valid(const uint8_t *p, size_t len)
{
	size_t i = 0, n, k;
	uint32_t c;

	while (i < len) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, c &= 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, c &= 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, c &= 0x07;
		else
			return false;
		if (len - i <= n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

static bool
utf8_cont(uint8_t b)
{
	return (b & 0xc0) == 0x80;
}

/*
 * The three-byte lead b1 with b2 after it can start no character:
 * an overlong E0 80..9F or a b2 that is not a continuation.  Java lets
 * ED A0..BF through here and refuses the surrogate once decoded.
 */
static bool
utf8_bad3_2(uint8_t b1, uint8_t b2)
{
	return (b1 == 0xe0 && (b2 & 0xe0) == 0x80) || !utf8_cont(b2);
}

/* The same for a four-byte lead: F0 needs 90..BF, F4 needs 80..8F. */
static bool
utf8_bad4_2(uint8_t b1, uint8_t b2)
{
	return (b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf)) ||
	    (b1 == 0xf4 && (b2 & 0xf0) != 0x80) || !utf8_cont(b2);
}

static size_t
utf8_repl(uint8_t *out, size_t o, bool *replaced)
{
	out[o++] = 0xef;
	out[o++] = 0xbf;
	out[o++] = 0xbd;
	*replaced = true;
	return o;
}

size_t
utf8_java_decode(const uint8_t *p, size_t len, uint8_t *out, bool *replaced)
{
	size_t i = 0, o = 0, left;
	uint32_t c;
	uint8_t b1;

	while (i < len) {
		b1 = p[i];
		left = len - i - 1; /* bytes after b1 */
		if (b1 < 0x80) {
			out[o++] = b1;
			i++;
		} else if (b1 >= 0xc2 && b1 <= 0xdf) {
			if (left >= 1 && utf8_cont(p[i + 1])) {
				out[o++] = b1;
				out[o++] = p[i + 1];
				i += 2;
			} else {
				o = utf8_repl(out, o, replaced);
				i++;
			}
		} else if (b1 >= 0xe0 && b1 <= 0xef) {
			if (left >= 2) {
				if (utf8_bad3_2(b1, p[i + 1])) {
					o = utf8_repl(out, o, replaced);
					i++;
				} else if (!utf8_cont(p[i + 2])) {
					o = utf8_repl(out, o, replaced);
					i += 2;
				} else {
					c = (uint32_t)(b1 & 0x0f) << 12 |
					    (uint32_t)(p[i + 1] & 0x3f) << 6 |
					    (p[i + 2] & 0x3f);
					if (c >= 0xd800 && c <= 0xdfff)
						o = utf8_repl(out, o, replaced);
					else {
						memcpy(out + o, p + i, 3);
						o += 3;
					}
					i += 3;
				}
			} else if (left == 1 && utf8_bad3_2(b1, p[i + 1])) {
				o = utf8_repl(out, o, replaced);
				i++;
			} else {
				/* A cut-off character at the end: one. */
				o = utf8_repl(out, o, replaced);
				i = len;
			}
		} else if (b1 >= 0xf0 && b1 <= 0xf7) {
			if (b1 > 0xf4 ||
			    (left >= 1 && utf8_bad4_2(b1, p[i + 1]))) {
				o = utf8_repl(out, o, replaced);
				i++;
			} else if (left >= 3) {
				if (!utf8_cont(p[i + 2])) {
					o = utf8_repl(out, o, replaced);
					i += 2;
				} else if (!utf8_cont(p[i + 3])) {
					o = utf8_repl(out, o, replaced);
					i += 3;
				} else {
					memcpy(out + o, p + i, 4);
					o += 4;
					i += 4;
				}
			} else {
				/* Cut off at the end: b1 and b2 go into one
				 * U+FFFD, and b3 too if it continues them. */
				o = utf8_repl(out, o, replaced);
				if (left == 2 && !utf8_cont(p[i + 2]))
					i += 2;
				else
					i = len;
			}
		} else {
			/* 80..BF, C0, C1, F8..FF: never a lead byte. */
			o = utf8_repl(out, o, replaced);
			i++;
		}
	}
	return o;
}

char *
utf8_printable(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, n, o = 0, len = strlen(s);
	char *out;

	out = xreallocarray(NULL, len + 1, 4);
	while (i < len) {
		n = p[i] < 0x80 ? 1 : p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : 2;
		if (p[i] >= 0x20 && p[i] != 0x7f && n <= len - i &&
		    (n == 1 || utf8_valid(p + i, n))) {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
			continue;
		}
		snprintf(out + o, 5, "\\x%02x", p[i]);
		o += 4;
		i++;
	}
	out[o] = '\0';
	return out;
}

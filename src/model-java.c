/*
 * Java's text decoders that Kafka runs on znode names and values, as the
 * model needs them: URLDecoder for sanitized names (Sanitizer.desanitize,
 * zookeeper-layout.md 1.2), java.util.Base64 and Uuid.fromString.  Java's
 * number syntax is jnum.c's.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jnum.h"
#include "model-ctx.h"
#include "utf8.h"
#include "xmalloc.h"

static int
model_b64_value(unsigned char ch, bool url)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == (url ? '-' : '+'))
		return 62;
	if (ch == (url ? '_' : '/'))
		return 63;
	return -1;
}

/*
 * java.util.Base64's basic (url false) or URL decoder: one alphabet only,
 * padding optional but exact when present, leftover bits ignored, a
 * dangling single character rejected.  Returns the arena copy of the
 * bytes, or NULL.
 */
uint8_t *
model_b64(struct model_ctx *c, const char *s, bool url, size_t *len)
{
	size_t n = strlen(s), i, o = 0, npad = 0, ndig;
	uint32_t bits = 0;
	uint8_t *out;
	int d, k = 0;

	while (npad < n && npad < 3 && s[n - 1 - npad] == '=')
		npad++;
	ndig = n - npad;
	if (npad > 0 && (npad > 2 || (ndig + npad) % 4 != 0 || ndig % 4 < 2))
		return NULL;
	if (ndig % 4 == 1)
		return NULL;
	out = arena_alloc(&c->m->arena, ndig * 3 / 4 + 1);
	for (i = 0; i < ndig; i++) {
		if ((d = model_b64_value((unsigned char)s[i], url)) == -1)
			return NULL;
		bits = bits << 6 | (uint32_t)d;
		if (++k == 4) {
			out[o++] = (uint8_t)(bits >> 16);
			out[o++] = (uint8_t)(bits >> 8);
			out[o++] = (uint8_t)bits;
			bits = 0;
			k = 0;
		}
	}
	if (k == 2)
		out[o++] = (uint8_t)(bits >> 4);
	else if (k == 3) {
		out[o++] = (uint8_t)(bits >> 10);
		out[o++] = (uint8_t)(bits >> 2);
	}
	*len = o;
	return out;
}

/* Kafka's Uuid.fromString: base64url of exactly 16 bytes, 24 chars max. */
bool
model_uuid(struct model_ctx *c, const char *s, struct kuuid *u)
{
	uint8_t *p;
	size_t len;

	if (strlen(s) > 24 || (p = model_b64(c, s, true, &len)) == NULL ||
	    len != 16)
		return false;
	memcpy(u->b, p, 16);
	return true;
}

/*
 * Length of the UTF-8 sequence s starts (len bytes available) and whether
 * it is one UTF-16 unit of Java's (a character below U+10000) or two.
 * Bytes that start no sequence count as one byte and one unit: the
 * ZooKeeper client would have made them U+FFFD.
 */
static size_t
model_unit(const unsigned char *s, size_t len, bool *pair)
{
	size_t n = *s < 0xc0 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;

	*pair = n == 4;
	return n <= len ? n : len;
}

/*
 * One %-escape at s[-1] (len bytes after the '%'): Integer.parseInt() of
 * the next two UTF-16 units in radix 16, which takes "+X" and "-X" (only
 * "-0" is not negative).  Returns the bytes consumed after the '%', with
 * *v the value, or 0 with MODEL_NAME_BAD in *flags (URLDecoder throws).
 * A non-ASCII character, perhaps a Unicode digit, sets MODEL_NAME_WIDE
 * and gives '?', so that the caller can look for a later bad escape.
 */
static size_t
model_escape(const unsigned char *s, size_t len, int *v, unsigned *flags)
{
	size_t n1, n2;
	bool pair1, pair2;
	int d1, d2, sign = 0;

	/* Fewer than two units left: "Incomplete trailing escape". */
	if (len == 0) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	n1 = model_unit(s, len, &pair1);
	if (n1 == len || pair1) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	n2 = model_unit(s + n1, len - n1, &pair2);
	if (pair2 ||
	    (n1 == 1 && jnum_hexval(s[0]) == -1 && s[0] != '+' &&
		s[0] != '-') ||
	    (n2 == 1 && jnum_hexval(s[n1]) == -1)) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	if (n1 > 1 || n2 > 1) {
		*flags |= MODEL_NAME_WIDE;
		*v = '?';
		return n1 + n2;
	}
	if (s[0] == '+' || s[0] == '-') {
		sign = s[0] == '-' ? -1 : 1;
		*flags |= MODEL_NAME_SIGNED;
	}
	d1 = sign != 0 ? 0 : jnum_hexval(s[0]);
	d2 = jnum_hexval(s[1]);
	*v = sign == -1 ? -d2 : d1 << 4 | d2;
	if (*v < 0) {
		*flags |= MODEL_NAME_BAD; /* "negative value" */
		return 0;
	}
	return 2;
}

/*
 * Java's URLDecoder.decode(s, UTF-8), which Kafka's Sanitizer.desanitize()
 * calls, as Java 8 to 24 run it: "+" is a space; each run of %-escapes is
 * turned into bytes and decoded with replacement (utf8_java_decode()).
 */
const char *
model_desanitize(struct arena *a, const char *name, unsigned *flags)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name), i = 0, j, n = 0, nb, used;
	unsigned char *bytes;
	const char *res = NULL;
	uint8_t *out;
	bool replaced = false;
	int v;

	*flags = 0;
	out = xmalloc(3 * len + 1);
	bytes = xmalloc(len + 1);
	while (i < len) {
		if (s[i] == '+') {
			out[n++] = ' ';
			i++;
		} else if (s[i] == '%') {
			for (nb = 0; i < len && s[i] == '%'; i += 1 + used) {
				used = model_escape(
				    s + i + 1, len - i - 1, &v, flags);
				if (used == 0)
					goto out;
				bytes[nb++] = (unsigned char)v;
			}
			if (memchr(bytes, '\0', nb) != NULL)
				*flags |= MODEL_NAME_NUL;
			n += utf8_java_decode(bytes, nb, out + n, &replaced);
		} else {
			for (j = i; j < len && s[j] != '+' && s[j] != '%'; j++)
				;
			n += utf8_java_decode(s + i, j - i, out + n, &replaced);
			i = j;
		}
	}
	if (replaced)
		*flags |= MODEL_NAME_REPLACED;
	if ((*flags & (MODEL_NAME_WIDE | MODEL_NAME_NUL)) == 0)
		res = arena_strndup(a, (const char *)out, n);
out:
	free(bytes);
	free(out);
	return res;
}

/*
 * s, a sanitized name (1.2), desanitized as Kafka does it: what names it
 * in messages.  Returns the name, or NULL after an error; readings that
 * depend on Java's quirks are warnings.
 */
const char *
model_name(
    struct model_ctx *c, const char *path, const char *what, const char *s)
{
	/* Refusals, in the order they are reported. */
	static const struct {
		unsigned flag;
		const char *why;
		const char *kafka;
	} refused[] = {
	    {MODEL_NAME_BAD, "has a malformed %-escape",
		"Kafka's URLDecoder throws IllegalArgumentException on it "
		"and the migration fails"},
	    {MODEL_NAME_WIDE, "has a non-ASCII character in a %-escape",
		"Kafka's migration fails on it unless the character is a "
		"Unicode digit, which URLDecoder takes for a hex digit on "
		"Java 8 to 24"},
	    {MODEL_NAME_NUL, "decodes to a NUL character",
		"Kafka migrates the name with its NUL character (U+0000), "
		"which zk2kraft cannot hold"},
	};
	const char *p;
	unsigned f;
	size_t i;

	p = model_desanitize(&c->m->arena, s, &f);
	for (i = 0; i < MODEL_NELEM(refused); i++) {
		if (f & refused[i].flag) {
			model_diagk(c, MODEL_ERROR, "bad-name", path,
			    refused[i].kafka, "%s %s %s", what, model_q(c, s),
			    refused[i].why);
			return NULL;
		}
	}
	if (f & MODEL_NAME_SIGNED)
		model_diagk(c, MODEL_WARNING, "signed-escape", path, NULL,
		    "%s %s has a %%-escape with a sign: Kafka on Java 8 to 24 "
		    "reads it as Integer.parseInt does, giving %s (as "
		    "migrated); on Java 25 and later its migration fails on it",
		    what, model_q(c, s), model_q(c, p));
	if (f & MODEL_NAME_REPLACED)
		model_diagk(c, MODEL_WARNING, "name-not-utf8", path, NULL,
		    "%s %s: bytes that are not UTF-8, which Kafka's URLDecoder "
		    "replaces with U+FFFD, giving %s (as migrated)",
		    what, model_q(c, s), model_q(c, p));
	return p;
}

/*
 * Base64 in both of Kafka's forms (see b64.h).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "b64.h"
#include "schema.h"

static const char b64_std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t
b64_encoded_size(size_t len, bool url)
{
	if (url)
		return len / 3 * 4 + (len % 3 == 0 ? 0 : len % 3 + 1) + 1;
	return (len + 2) / 3 * 4 + 1;
}

void
b64_encode(const uint8_t *p, size_t len, bool url, char *out)
{
	const char *a = url ? b64_url : b64_std;
	uint32_t v;
	size_t i;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		*out++ = a[v >> 18];
		*out++ = a[(v >> 12) & 63];
		*out++ = a[(v >> 6) & 63];
		*out++ = a[v & 63];
	}
	if (len - i == 1) {
		v = (uint32_t)p[i] << 16;
		*out++ = a[v >> 18];
		*out++ = a[(v >> 12) & 63];
		if (!url) {
			*out++ = '=';
			*out++ = '=';
		}
	} else if (len - i == 2) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		*out++ = a[v >> 18];
		*out++ = a[(v >> 12) & 63];
		*out++ = a[(v >> 6) & 63];
		if (!url)
			*out++ = '=';
	}
	*out = '\0';
}

/* A digit of the URL alphabet, or -1. */
static int
b64_url_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

/* A digit of either alphabet, or -1. */
static int
b64_value(char c)
{
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return b64_url_value(c);
}

long
b64_decode(const char *s, uint8_t *out)
{
	size_t len = strlen(s), i, n = 0;
	uint32_t v = 0;
	int bits = 0, d;

	while (len > 0 && s[len - 1] == '=')
		len--;
	if (strlen(s) - len > 2 || len % 4 == 1)
		return -1;
	for (i = 0; i < len; i++) {
		if ((d = b64_value(s[i])) == -1)
			return -1;
		v = v << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(v >> bits);
		}
	}
	/* Leftover bits must be zero, so every text has one decoding. */
	if ((v & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)n;
}

const char *
b64_uuid_str(const struct kuuid *u, char *out)
{
	b64_encode(u->b, sizeof u->b, true, out);
	return out;
}

/*
 * Java's Base64.getUrlDecoder() gives 16 bytes only for 22 characters of
 * the URL alphabet, alone or followed by "==", and does not check the 4
 * bits past the 128th.
 */
int
b64_uuid_parse(const char *s, size_t len, struct kuuid *out)
{
	uint32_t v = 0;
	size_t i, n = 0;
	int bits = 0, d;

	if (len != 22 && !(len == 24 && s[22] == '=' && s[23] == '='))
		return -1;
	for (i = 0; i < 22; i++) {
		if ((d = b64_url_value(s[i])) == -1)
			return -1;
		v = (v << 6 | (uint32_t)d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->b[n++] = (uint8_t)(v >> bits);
		}
	}
	return 0;
}

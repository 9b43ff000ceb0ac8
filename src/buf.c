/*
 * Byte buffers and Kafka's integer encodings (see buf.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "xmalloc.h"

void
buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){0};
}

uint8_t *
buf_reserve(struct buf *b, size_t len)
{
	size_t cap;

	if (len > SIZE_MAX - b->len)
		fatalx("buf_reserve: %zu + %zu overflows", b->len, len);
	if (b->len + len > b->cap) {
		cap = b->cap == 0 ? 256 : b->cap;
		while (cap < b->len + len)
			cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	b->len += len;
	return b->data + b->len - len;
}

void
buf_put(struct buf *b, const void *p, size_t len)
{
	if (len > 0)
		memcpy(buf_reserve(b, len), p, len);
}

/* Formatted straight into the spare room; a second try when it is short. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room = b->cap - b->len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(
	    room > 0 ? (char *)b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatalx("buf_printf: bad format %s", fmt);
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n + 1);
		b->len -= (size_t)n + 1;
		va_start(ap, fmt);
		vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* JSON's two-character escapes: each byte, then the letter after '\'. */
static const char buf_json_short[] = "\"\"\\\\\bb\ff\nn\rr\tt";

void
buf_put_json_str(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k, run = 0;
	unsigned char c;

	buf_put_u8(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, s + run, i - run);
		run = i + 1;
		buf_put_u8(b, '\\');
		for (k = 0; k + 1 < sizeof buf_json_short; k += 2)
			if ((unsigned char)buf_json_short[k] == c)
				break;
		if (k + 1 < sizeof buf_json_short) {
			buf_put_u8(b, (uint8_t)buf_json_short[k + 1]);
			continue;
		}
		buf_put(b, "u00", 3);
		buf_put_u8(b, (uint8_t)hex[c >> 4]);
		buf_put_u8(b, (uint8_t)hex[c & 15]);
	}
	buf_put(b, s + run, len - run);
	buf_put_u8(b, '"');
}

void
buf_put_u8(struct buf *b, uint8_t v)
{
	*buf_reserve(b, 1) = v;
}

void
buf_put_be16(struct buf *b, uint16_t v)
{
	uint8_t *p = buf_reserve(b, 2);

	p[0] = v >> 8;
	p[1] = v;
}

void
buf_put_be32(struct buf *b, uint32_t v)
{
	buf_poke_be32(b, buf_reserve(b, 4) - b->data, v);
}

void
buf_put_be64(struct buf *b, uint64_t v)
{
	buf_put_be32(b, v >> 32);
	buf_put_be32(b, v);
}

void
buf_poke_be32(struct buf *b, size_t off, uint32_t v)
{
	uint8_t *p;

	if (off > b->len || b->len - off < 4)
		fatalx(
		    "buf_poke_be32: offset %zu outside %zu bytes", off, b->len);
	p = b->data + off;
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Seven bits per byte, least significant group first, high bit = "more". */
void
buf_put_uvarint(struct buf *b, uint64_t v)
{
	while (v >= 0x80) {
		buf_put_u8(b, (v & 0x7f) | 0x80);
		v >>= 7;
	}
	buf_put_u8(b, v);
}

/* Zig-zag: 0, -1, 1, -2 ... become 0, 1, 2, 3 ..., keeping negatives short. */
static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

void
buf_put_varint(struct buf *b, int64_t v)
{
	buf_put_uvarint(b, zigzag(v));
}

size_t
buf_uvarint_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

size_t
buf_varint_size(int64_t v)
{
	return buf_uvarint_size(zigzag(v));
}

int
bufr_get(struct bufr *r, size_t len, const uint8_t **p)
{
	if (len > bufr_left(r)) {
		r->why = "truncated";
		return -1;
	}
	*p = r->p + r->off;
	r->off += len;
	return 0;
}

int
bufr_sub(struct bufr *r, size_t len, struct bufr *sub)
{
	size_t base = bufr_pos(r);
	const uint8_t *p;

	if (bufr_get(r, len, &p) == -1)
		return -1;
	*sub = (struct bufr){p, len, 0, base, NULL};
	return 0;
}

int
bufr_skip(struct bufr *r, size_t len)
{
	const uint8_t *p;

	return bufr_get(r, len, &p);
}

int
bufr_get_be(struct bufr *r, void *v, size_t n)
{
	const uint8_t *p;
	uint64_t x = 0;
	uint32_t u32;
	uint16_t u16;
	size_t i;

	if (n != 1 && n != 2 && n != 4 && n != 8)
		fatalx("bufr_get_be: %zu bytes", n);
	if (bufr_get(r, n, &p) == -1)
		return -1;
	for (i = 0; i < n; i++)
		x = x << 8 | p[i];
	/* memcpy: v may be a signed integer or a double's bits. */
	if (n == 1)
		*(uint8_t *)v = (uint8_t)x;
	else if (n == 2) {
		u16 = (uint16_t)x;
		memcpy(v, &u16, n);
	} else if (n == 4) {
		u32 = (uint32_t)x;
		memcpy(v, &u32, n);
	} else
		memcpy(v, &x, n);
	return 0;
}

int
bufr_get_u8(struct bufr *r, uint8_t *v)
{
	return bufr_get_be(r, v, sizeof *v);
}

int
bufr_get_uvarint(struct bufr *r, int maxbits, uint64_t *v)
{
	size_t i, maxlen = (maxbits + 6) / 7;
	uint64_t x = 0;
	uint8_t c;

	for (i = 0;; i++) {
		if (i == maxlen) {
			r->why = "varint longer than its type";
			return -1;
		}
		if (r->off + i >= r->len) {
			r->why = "truncated varint";
			return -1;
		}
		c = r->p[r->off + i];
		if (7 * i + 7 > (size_t)maxbits &&
		    (c & 0x7f) >> (maxbits - 7 * i) != 0) {
			r->why = "varint overflows its type";
			return -1;
		}
		x |= (uint64_t)(c & 0x7f) << (7 * i);
		if ((c & 0x80) == 0)
			break;
	}
	if (i > 0 && c == 0) {
		r->why = "overlong varint";
		return -1;
	}
	r->off += i + 1;
	*v = x;
	return 0;
}

/* A zig-zag varint of at most maxbits (32 or 64) bits. */
static int
bufr_get_zigzag(struct bufr *r, int maxbits, int64_t *v)
{
	uint64_t u;

	if (bufr_get_uvarint(r, maxbits, &u) == -1)
		return -1;
	*v = (int64_t)((u >> 1) ^ -(u & 1));
	return 0;
}

int
bufr_get_varint32(struct bufr *r, int32_t *v)
{
	int64_t x;
	int ret = bufr_get_zigzag(r, 32, &x);

	if (ret == 0)
		*v = (int32_t)x; /* in range: 32 bits were read */
	return ret;
}

int
bufr_get_varint64(struct bufr *r, int64_t *v)
{
	return bufr_get_zigzag(r, 64, v);
}

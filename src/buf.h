/*
 * Byte buffers: a growable writer (struct buf) and a bounds-checked reader
 * (struct bufr) for Kafka's wire encodings.  Fixed-width integers are
 * big-endian; varints are 7-bit groups, low group first; signed varints are
 * zig-zag encoded (kraft-snapshot-format.md section 2.5).
 *
 * Writers return void: out-of-memory is fatal.  Readers return 0, or -1
 * without advancing and with r->why set to a static description.
 */
#ifndef BUF_H
#define BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A zeroed struct buf is an empty buffer: struct buf b = {0}; */
struct buf {
	uint8_t *data; /* owned; freed by buf_free() */
	size_t len;    /* bytes written */
	size_t cap;    /* bytes allocated */
};

void buf_free(struct buf *b);
/* Make room for len more bytes, mark them written and return where. */
uint8_t *buf_reserve(struct buf *b, size_t len);
void buf_put(struct buf *b, const void *p, size_t len);
/* Append text formatted as by printf. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Append s[0, len) as a JSON string: quoted, with the escapes Jackson
 * writes (\" \\ \b \f \n \r \t, \u00xx for the other control
 * characters) and every other byte as it is.
 */
void buf_put_json_str(struct buf *b, const char *s, size_t len);
void buf_put_u8(struct buf *b, uint8_t v);
void buf_put_be16(struct buf *b, uint16_t v);
void buf_put_be32(struct buf *b, uint32_t v);
void buf_put_be64(struct buf *b, uint64_t v);
void buf_put_uvarint(struct buf *b, uint64_t v);
void buf_put_varint(struct buf *b, int64_t v); /* zig-zag */
/* Overwrite 4 bytes at off (which must already be written). */
void buf_poke_be32(struct buf *b, size_t off, uint32_t v);

/* Bytes needed by buf_put_uvarint(v) and buf_put_varint(v). */
size_t buf_uvarint_size(uint64_t v);
size_t buf_varint_size(int64_t v);

/*
 * A reader over borrowed bytes.  base is the file offset of p[0], so
 * bufr_pos() names positions as file offsets in error messages.
 */
struct bufr {
	const uint8_t *p; /* borrowed */
	size_t len;
	size_t off;
	size_t base;
	const char *why; /* set by a failing read */
};

static inline size_t
bufr_left(const struct bufr *r)
{
	return r->len - r->off;
}

static inline size_t
bufr_pos(const struct bufr *r)
{
	return r->base + r->off;
}

/* A reader over the next len bytes of r, advancing r past them. */
int bufr_sub(struct bufr *r, size_t len, struct bufr *sub);
/* Borrow len bytes: *p points into the reader's memory. */
int bufr_get(struct bufr *r, size_t len, const uint8_t **p);
int bufr_skip(struct bufr *r, size_t len);
/*
 * An n-byte (1, 2, 4 or 8) big-endian number into v, which points to an
 * integer or a double of that width: bufr_get_be(r, &u32, sizeof u32).
 */
int bufr_get_be(struct bufr *r, void *v, size_t n);
int bufr_get_u8(struct bufr *r, uint8_t *v);
/*
 * Varints of at most maxbits significant bits (32 or 64).  Overlong
 * encodings (a final group of zero after the first byte) and values that do
 * not fit are rejected.
 */
int bufr_get_uvarint(struct bufr *r, int maxbits, uint64_t *v);
int bufr_get_varint32(struct bufr *r, int32_t *v); /* zig-zag varint */
int bufr_get_varint64(struct bufr *r, int64_t *v); /* zig-zag varlong */

#endif /* BUF_H */

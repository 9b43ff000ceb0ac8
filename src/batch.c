/*
 * Record batch v2 codec (see batch.h).
 */
#include "config.h"

#include <string.h>

#include "batch.h"
#include "crc32c.h"

static const char *const batch_codecs[] = {
    "none", "gzip", "snappy", "lz4", "zstd", "codec 5", "codec 6", "codec 7"};

static int
batch_decode_record(struct bufr *br, struct kbatch *b, size_t index,
    struct arena *a, struct error *e)
{
	struct krecord *kr = &b->records[index];
	struct bufr r;
	size_t pos = bufr_pos(br);
	int32_t len, klen, vlen, nheaders;
	const uint8_t *p;
	uint8_t attr;

	kr->pos = pos;
	if (bufr_get_varint32(br, &len) == -1)
		goto bad;
	if (len <= 0 || (size_t)len > bufr_left(br))
		return error_set(e, EXIT_FAIL,
		    "offset %zu: record %zu of the batch at offset %zu claims "
		    "%d bytes, %zu are left",
		    pos, index, b->pos, len, bufr_left(br));
	bufr_sub(br, (size_t)len, &r);
	if (bufr_get_u8(&r, &attr) == -1 ||
	    bufr_get_varint64(&r, &kr->timestamp_delta) == -1 ||
	    bufr_get_varint32(&r, &kr->offset_delta) == -1 ||
	    bufr_get_varint32(&r, &klen) == -1)
		goto badr;
	kr->attributes = (int8_t)attr;
	if (klen < -1 || (klen >= 0 && (size_t)klen > bufr_left(&r))) {
		r.why = "key length out of range";
		goto badr;
	}
	kr->key = (struct kbytes){NULL, 0, klen == -1};
	if (klen > 0) {
		bufr_get(&r, (size_t)klen, &p);
		kr->key.p = (uint8_t *)p;
		kr->key.len = (size_t)klen;
	}
	if (bufr_get_varint32(&r, &vlen) == -1)
		goto badr;
	if (vlen < -1 || (vlen >= 0 && (size_t)vlen > bufr_left(&r))) {
		r.why = "value length out of range";
		goto badr;
	}
	kr->value = (struct kbytes){NULL, 0, vlen == -1};
	pos = bufr_pos(&r);
	if (vlen > 0) {
		bufr_get(&r, (size_t)vlen, &p);
		kr->value.p = (uint8_t *)p;
		kr->value.len = (size_t)vlen;
	}
	if (bufr_get_varint32(&r, &nheaders) == -1)
		goto badr;
	if (nheaders != 0) {
		r.why = "KRaft records have no headers";
		goto badr;
	}
	if (bufr_left(&r) != 0) {
		r.why = "garbage after the record's fields";
		goto badr;
	}
	if (kr->timestamp_delta != 0)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: timestampDelta %lld, KRaft requires 0",
		    kr->pos, (long long)kr->timestamp_delta);
	if (kr->offset_delta != (int32_t)index)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: offsetDelta %d for record %zu of its batch",
		    kr->pos, kr->offset_delta, index);
	if (!batch_is_control(b) && !kr->key.null)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: metadata record with a key", kr->pos);
	return record_decode(
	    &kr->rec, batch_is_control(b), &kr->key, &kr->value, pos, a, e);
badr:
	return error_set(e, EXIT_FAIL, "offset %zu: record %zu: %s",
	    bufr_pos(&r), index, r.why);
bad:
	return error_set(
	    e, EXIT_FAIL, "offset %zu: record %zu: %s", pos, index, br->why);
}

int
batch_decode(
    struct bufr *in, struct kbatch *b, struct arena *a, struct error *e)
{
	size_t pos = bufr_pos(in), i;
	uint64_t u64;
	uint32_t u32, length, count, crc;
	uint16_t u16;
	uint8_t magic;
	struct bufr r;

	*b = (struct kbatch){.pos = pos};
	if (bufr_left(in) < BATCH_LOG_OVERHEAD)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: %zu trailing bytes, too short for a batch",
		    pos, bufr_left(in));
	r = *in;
	bufr_get_be(&r, &u64, sizeof u64);
	b->base_offset = (int64_t)u64;
	bufr_get_be(&r, &length, sizeof length);
	if (length < BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD ||
	    length > INT32_MAX)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch length %d is out of range", pos,
		    (int32_t)length);
	if (length > bufr_left(&r))
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch of %u bytes, only %zu left: truncated "
		    "file",
		    pos, length + BATCH_LOG_OVERHEAD,
		    bufr_left(&r) + BATCH_LOG_OVERHEAD);
	b->size = length + BATCH_LOG_OVERHEAD;
	bufr_sub(in, b->size, &r);
	bufr_skip(&r, BATCH_LOG_OVERHEAD);
	bufr_get_be(&r, &u32, sizeof u32);
	b->leader_epoch = (int32_t)u32;
	bufr_get_u8(&r, &magic);
	if (magic != BATCH_MAGIC)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch magic %d, only 2 is supported", pos,
		    magic);
	bufr_get_be(&r, &b->crc, sizeof b->crc);
	crc = crc32c(0, r.p + r.off, bufr_left(&r));
	if (crc != b->crc)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: CRC mismatch: batch says 0x%08x, its bytes "
		    "give 0x%08x",
		    pos, b->crc, crc);
	bufr_get_be(&r, &u16, sizeof u16);
	b->attributes = (int16_t)u16;
	bufr_get_be(&r, &u32, sizeof u32);
	b->last_offset_delta = (int32_t)u32;
	bufr_get_be(&r, &u64, sizeof u64);
	b->base_timestamp = (int64_t)u64;
	bufr_get_be(&r, &u64, sizeof u64);
	b->max_timestamp = (int64_t)u64;
	bufr_get_be(&r, &u64, sizeof u64);
	b->producer_id = (int64_t)u64;
	bufr_get_be(&r, &u16, sizeof u16);
	b->producer_epoch = (int16_t)u16;
	bufr_get_be(&r, &u32, sizeof u32);
	b->base_sequence = (int32_t)u32;
	bufr_get_be(&r, &count, sizeof count);
	if ((b->attributes & BATCH_ATTR_COMPRESSION) != 0)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch compressed with %s, which KRaft files "
		    "do not use and zk2kraft does not read",
		    pos, batch_codecs[b->attributes & BATCH_ATTR_COMPRESSION]);
	/* A record takes at least 7 bytes. */
	if (count > bufr_left(&r) / 7)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch claims %d records in %zu bytes", pos,
		    (int32_t)count, bufr_left(&r));
	if ((int64_t)count - 1 != b->last_offset_delta)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: lastOffsetDelta %d for %u records", pos,
		    b->last_offset_delta, count);
	b->nrecords = count;
	b->records = arena_alloc(a, count * sizeof *b->records);
	for (i = 0; i < count; i++)
		if (batch_decode_record(&r, b, i, a, e) == -1)
			return -1;
	if (bufr_left(&r) != 0)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: %zu bytes of garbage after the last record of "
		    "the batch at offset %zu",
		    bufr_pos(&r), bufr_left(&r), pos);
	return 0;
}

void
batch_encode(struct buf *out, const struct kbatch *b)
{
	struct buf rec = {0}, field = {0};
	const struct krecord *kr;
	size_t start = out->len, i;

	buf_put_be64(out, (uint64_t)b->base_offset);
	buf_put_be32(out, 0); /* batchLength, patched below */
	buf_put_be32(out, (uint32_t)b->leader_epoch);
	buf_put_u8(out, BATCH_MAGIC);
	buf_put_be32(out, 0); /* CRC, patched below */
	buf_put_be16(out, (uint16_t)b->attributes);
	buf_put_be32(out, (uint32_t)b->last_offset_delta);
	buf_put_be64(out, (uint64_t)b->base_timestamp);
	buf_put_be64(out, (uint64_t)b->max_timestamp);
	buf_put_be64(out, (uint64_t)b->producer_id);
	buf_put_be16(out, (uint16_t)b->producer_epoch);
	buf_put_be32(out, (uint32_t)b->base_sequence);
	buf_put_be32(out, (uint32_t)b->nrecords);
	for (i = 0; i < b->nrecords; i++) {
		kr = &b->records[i];
		rec.len = 0;
		buf_put_u8(&rec, (uint8_t)kr->attributes);
		buf_put_varint(&rec, kr->timestamp_delta);
		buf_put_varint(&rec, kr->offset_delta);
		field.len = 0;
		record_encode_key(&field, &kr->rec);
		if (kr->rec.control) {
			buf_put_varint(&rec, (int64_t)field.len);
			buf_put(&rec, field.data, field.len);
		} else
			buf_put_varint(&rec, -1);
		field.len = 0;
		record_encode_value(&field, &kr->rec);
		buf_put_varint(&rec, (int64_t)field.len);
		buf_put(&rec, field.data, field.len);
		buf_put_varint(&rec, 0); /* headers */
		buf_put_varint(out, (int64_t)rec.len);
		buf_put(out, rec.data, rec.len);
	}
	buf_poke_be32(
	    out, start + 8, (uint32_t)(out->len - start - BATCH_LOG_OVERHEAD));
	buf_poke_be32(out, start + 17,
	    crc32c(0, out->data + start + 21, out->len - start - 21));
	buf_free(&rec);
	buf_free(&field);
}

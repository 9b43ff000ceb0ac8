/*
 * Writing KRaft checkpoints (see kwrite.h): records -> batches -> bytes.
 * Every batch is laid out as Kafka's RecordsSnapshotWriter and
 * BatchFileWriter lay it out (kraft-snapshot-format.md section 10): magic
 * 2, producer id, epoch and base sequence -1, one timestamp, timestampDelta
 * 0, base offsets contiguous from 0.
 */
#include "config.h"

#include <stdlib.h>

#include "batch.h"
#include "crc32c.h"
#include "kwrite.h"
#include "xmalloc.h"

size_t
kwrite_record_size(size_t value_len, int32_t offset_delta)
{
	size_t len;

	/* attributes, timestampDelta 0, offsetDelta, keyLength -1 (null) */
	len = 1 + 1 + buf_varint_size(offset_delta) + 1;
	len += buf_varint_size((int64_t)value_len) + value_len;
	len += 1; /* headersCount 0 */
	return buf_varint_size((int64_t)len) + len;
}

/* A batch at base of the n records recs, control or data. */
static void
kwrite_batch(struct buf *out, int64_t base, bool control,
    const struct record *recs, size_t n, const struct kwrite_opts *o)
{
	struct kbatch b = {.base_offset = base,
	    .leader_epoch = o->epoch,
	    .attributes = control ? BATCH_ATTR_CONTROL : 0,
	    .last_offset_delta = (int32_t)n - 1,
	    .base_timestamp = o->timestamp,
	    .max_timestamp = o->timestamp,
	    .producer_id = -1,
	    .producer_epoch = -1,
	    .base_sequence = -1,
	    .nrecords = n};
	size_t i;

	b.records = xcalloc(n, sizeof *b.records);
	for (i = 0; i < n; i++) {
		b.records[i].offset_delta = (int32_t)i;
		b.records[i].rec = recs[i];
	}
	batch_encode(out, &b);
	free(b.records);
}

/* The header of a data batch at base; kwrite_batch_close() fills in
 * batchLength, lastOffsetDelta, the count and the CRC. */
static size_t
kwrite_batch_open(struct buf *out, int64_t base, const struct kwrite_opts *o)
{
	size_t start = out->len;

	buf_put_be64(out, (uint64_t)base);
	buf_put_be32(out, 0); /* batchLength */
	buf_put_be32(out, (uint32_t)o->epoch);
	buf_put_u8(out, BATCH_MAGIC);
	buf_put_be32(out, 0); /* CRC */
	buf_put_be16(out, 0); /* attributes: a data batch */
	buf_put_be32(out, 0); /* lastOffsetDelta */
	buf_put_be64(out, (uint64_t)o->timestamp);
	buf_put_be64(out, (uint64_t)o->timestamp);
	buf_put_be64(out, (uint64_t)-1); /* producerId */
	buf_put_be16(out, (uint16_t)-1); /* producerEpoch */
	buf_put_be32(out, (uint32_t)-1); /* baseSequence */
	buf_put_be32(out, 0);            /* records count */
	return start;
}

static void
kwrite_batch_close(struct buf *out, size_t start, size_t n, size_t bytes)
{
	if (out->len - start != bytes)
		fatalx("kwrite_checkpoint: batch of %zu bytes, expected %zu",
		    out->len - start, bytes);
	buf_poke_be32(out, start + 23, (uint32_t)(n - 1));
	buf_poke_be32(out, start + 57, (uint32_t)n);
	buf_poke_be32(
	    out, start + 8, (uint32_t)(out->len - start - BATCH_LOG_OVERHEAD));
	buf_poke_be32(out, start + 17,
	    crc32c(0, out->data + start + 21, out->len - start - 21));
}

/* One data record as batch_encode() lays it out, its value encoded. */
static void
kwrite_put_record(struct buf *out, size_t delta, const struct buf *value)
{
	size_t len = 1 + 1 + buf_varint_size((int64_t)delta) + 1 +
	    buf_varint_size((int64_t)value->len) + value->len + 1;

	buf_put_varint(out, (int64_t)len);
	buf_put_u8(out, 0);     /* attributes */
	buf_put_varint(out, 0); /* timestampDelta */
	buf_put_varint(out, (int64_t)delta);
	buf_put_varint(out, -1); /* null key */
	buf_put_varint(out, (int64_t)value->len);
	buf_put(out, value->data, value->len);
	buf_put_varint(out, 0); /* no headers */
}

/*
 * The data batches, filled greedily; each record is encoded once, into
 * value, then copied behind its framing.  Returns -1 with e set when a
 * record alone cannot fit in a batch.
 */
static int
kwrite_data(struct buf *out, const struct record *recs, size_t n,
    const struct kwrite_opts *o, struct kwrite_stats *s, int64_t *offset,
    struct error *e)
{
	struct buf value = {0};
	size_t max_records, max_bytes, i, count = 0, bytes = 0, rsize;
	size_t start = 0;
	int ret = -1;

	max_records = o->max_batch_records == 0 ? KWRITE_MAX_RECORDS
						: o->max_batch_records;
	if (max_records > INT32_MAX)
		max_records = INT32_MAX;
	max_bytes =
	    o->max_batch_bytes == 0 ? BATCH_MAX_SIZE : o->max_batch_bytes;
	for (i = 0; i < n; i++) {
		value.len = 0;
		record_encode_value(&value, &recs[i]);
		if (o->value_len != NULL)
			o->value_len[i] = value.len;
		if (count > 0 &&
		    (count == max_records ||
			bytes + kwrite_record_size(value.len, (int32_t)count) >
			    max_bytes)) {
			kwrite_batch_close(out, start, count, bytes);
			*offset += (int64_t)count;
			s->records += count;
			count = 0;
		}
		rsize = kwrite_record_size(value.len, (int32_t)count);
		if (count == 0) {
			if (BATCH_HEADER_SIZE + rsize > max_bytes) {
				error_set(e, EXIT_INVALID,
				    "record %zu (%s): %zu bytes, more than "
				    "fit in a batch of at most %zu bytes",
				    i,
				    recs[i].type != NULL ? recs[i].type->name
							 : "unknown type",
				    rsize, max_bytes);
				goto out;
			}
			start = kwrite_batch_open(out, *offset, o);
			bytes = BATCH_HEADER_SIZE;
			s->batches++;
			s->data_batches++;
		}
		kwrite_put_record(out, count, &value);
		bytes += rsize;
		count++;
		if (bytes > s->largest_batch)
			s->largest_batch = bytes;
	}
	if (count > 0) {
		kwrite_batch_close(out, start, count, bytes);
		*offset += (int64_t)count;
		s->records += count;
	}
	ret = 0;
out:
	buf_free(&value);
	return ret;
}

int
kwrite_checkpoint(struct buf *out, const struct record *recs, size_t n,
    const struct kwrite_opts *o, struct kwrite_stats *st, struct error *e)
{
	struct kwrite_stats s = {0};
	struct record *head = NULL;
	struct snapshot_header_record hdr = {.version = 0};
	struct snapshot_footer_record ftr = {.version = 0};
	struct record footer;
	size_t i;
	size_t len0 = out->len;
	int64_t offset = 0;
	int ret = -1;

	/* Header batch: SnapshotHeaderRecord, then the extra control
	 * records (section 3.4), never split. */
	hdr.last_contained_log_timestamp = o->last_contained_timestamp;
	head = xcalloc(1 + o->nheader_extra, sizeof *head);
	head[0] = (struct record){.control = true,
	    .key = CONTROL_SNAPSHOT_HEADER,
	    .type = record_type_find(true, CONTROL_SNAPSHOT_HEADER),
	    .body = &hdr};
	for (i = 0; i < o->nheader_extra; i++)
		head[1 + i] = o->header_extra[i];
	kwrite_batch(out, offset, true, head, 1 + o->nheader_extra, o);
	offset += (int64_t)(1 + o->nheader_extra);
	s.batches++;
	s.records += 1 + o->nheader_extra;

	if (kwrite_data(out, recs, n, o, &s, &offset, e) == -1)
		goto out;

	/* Footer batch: SnapshotFooterRecord alone. */
	footer = (struct record){.control = true,
	    .key = CONTROL_SNAPSHOT_FOOTER,
	    .type = record_type_find(true, CONTROL_SNAPSHOT_FOOTER),
	    .body = &ftr};
	kwrite_batch(out, offset, true, &footer, 1, o);
	s.batches++;
	s.records++;
	ret = 0;
out:
	if (ret == -1)
		out->len = len0; /* nothing half-written */
	if (st != NULL)
		*st = s;
	free(head);
	return ret;
}

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

int
kwrite_checkpoint(struct buf *out, const struct record *recs, size_t n,
    const struct kwrite_opts *o, struct kwrite_stats *st, struct error *e)
{
	struct kwrite_stats s = {0};
	struct record *head = NULL;
	struct snapshot_header_record hdr = {.version = 0};
	struct snapshot_footer_record ftr = {.version = 0};
	struct record footer;
	struct buf value = {0};
	size_t max_records, max_bytes, i, first, bytes, rsize, start;
	size_t len0 = out->len;
	int64_t offset = 0;
	int ret = -1;

	max_records = o->max_batch_records == 0 ? KWRITE_MAX_RECORDS
						: o->max_batch_records;
	if (max_records > INT32_MAX)
		max_records = INT32_MAX;
	max_bytes =
	    o->max_batch_bytes == 0 ? BATCH_MAX_SIZE : o->max_batch_bytes;

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

	/* Data batches, filled greedily. */
	for (first = 0; first < n; first = i) {
		bytes = BATCH_HEADER_SIZE;
		for (i = first; i < n && i - first < max_records; i++) {
			value.len = 0;
			record_encode_value(&value, &recs[i]);
			rsize =
			    kwrite_record_size(value.len, (int32_t)(i - first));
			if (bytes + rsize > max_bytes) {
				if (i > first)
					break;
				error_set(e, EXIT_INVALID,
				    "record %zu (%s): %zu bytes, more than "
				    "fit in a batch of at most %zu bytes",
				    i,
				    recs[i].type != NULL ? recs[i].type->name
							 : "unknown type",
				    rsize, max_bytes);
				goto out;
			}
			bytes += rsize;
		}
		start = out->len;
		kwrite_batch(out, offset, false, recs + first, i - first, o);
		if (out->len - start != bytes)
			fatalx("kwrite_checkpoint: batch of %zu bytes, "
			       "expected %zu",
			    out->len - start, bytes);
		offset += (int64_t)(i - first);
		s.batches++;
		s.data_batches++;
		s.records += i - first;
		if (bytes > s.largest_batch)
			s.largest_batch = bytes;
	}

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
	buf_free(&value);
	return ret;
}

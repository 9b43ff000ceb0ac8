/*
 * Record batches, magic 2 (kraft-snapshot-format.md section 2): the
 * 61-byte header, CRC-32C over attributes..end, and the records inside,
 * each decoded into a struct record.  Pure: no I/O.
 */
#ifndef BATCH_H
#define BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "record.h"

#define BATCH_HEADER_SIZE 61
#define BATCH_LOG_OVERHEAD 12            /* baseOffset and batchLength */
#define BATCH_MAX_SIZE (8 * 1024 * 1024) /* KafkaRaftClient limit */
#define BATCH_MAGIC 2
#define BATCH_ATTR_COMPRESSION 0x0007
#define BATCH_ATTR_TRANSACTIONAL 0x0010
#define BATCH_ATTR_CONTROL 0x0020

/* One record of a batch as on the wire, and what it decodes to. */
struct krecord {
	size_t pos; /* file offset of the record's length */
	int8_t attributes;
	int64_t timestamp_delta;
	int32_t offset_delta;
	struct kbytes key;   /* borrowed from the file */
	struct kbytes value; /* borrowed from the file */
	struct record rec;
};

struct kbatch {
	size_t pos;  /* file offset of the batch */
	size_t size; /* bytes on disk: 12 + batchLength */
	int64_t base_offset;
	int32_t leader_epoch;
	uint32_t crc;
	int16_t attributes;
	int32_t last_offset_delta;
	int64_t base_timestamp;
	int64_t max_timestamp;
	int64_t producer_id;
	int16_t producer_epoch;
	int32_t base_sequence;
	struct krecord *records;
	size_t nrecords;
};

static inline bool
batch_is_control(const struct kbatch *b)
{
	return (b->attributes & BATCH_ATTR_CONTROL) != 0;
}

/*
 * Decode the batch at the reader's position and advance past it.  Checks
 * the length, magic, CRC and every record against KRaft's rules
 * (section 2.6): no compression, timestampDelta 0, offsetDelta = index, no
 * headers, null key on data records, a value on every record.  Records and
 * decoded bodies come from a; keys and values borrow r's memory.  Returns -1
 * and sets e to "offset N: what is wrong".
 */
int batch_decode(
    struct bufr *r, struct kbatch *b, struct arena *a, struct error *e);

/*
 * Append the batch: header fields as given, batchLength and CRC computed,
 * each record's key and value encoded from its struct record.
 */
void batch_encode(struct buf *out, const struct kbatch *b);

#endif /* BATCH_H */

/*
 * Writing a KRaft checkpoint (a bootstrap.checkpoint or a snapshot
 * NNN-EEE.checkpoint) into memory: the header control batch, the data
 * records cut into batches, the footer control batch
 * (kraft-snapshot-format.md sections 2, 3.4 and 10).  Pure: no I/O; the
 * caller writes the buffer to disk.
 */
#ifndef KWRITE_H
#define KWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "record.h"

#define KWRITE_MAX_RECORDS 10000 /* the controller's maxRecordsPerBatch */

struct kwrite_opts {
	int32_t epoch;     /* partitionLeaderEpoch of every batch: 0 for a
			      bootstrap file, the snapshot's epoch otherwise */
	int64_t timestamp; /* base and max timestamp of every batch */
	int64_t last_contained_timestamp; /* SnapshotHeaderRecord field: 0 for
					     a bootstrap file */
	/* Control records to put after the SnapshotHeaderRecord in the
	 * header batch (KRaftVersionRecord, VotersRecord), borrowed. */
	const struct record *header_extra;
	size_t nheader_extra;
	size_t max_batch_records; /* 0: KWRITE_MAX_RECORDS */
	size_t max_batch_bytes;   /* 0: BATCH_MAX_SIZE, the whole batch */
	/* When not NULL, n entries: the encoded value length of each data
	 * record, as written. */
	size_t *value_len;
};

struct kwrite_stats {
	size_t batches;       /* every batch, header and footer included */
	size_t data_batches;  /* batches holding the records */
	size_t largest_batch; /* bytes of the largest data batch */
	size_t records;       /* records written, control ones included */
};

/*
 * Bytes a data record whose value is value_len bytes takes inside a batch
 * at offset_delta: length varint, attributes, timestamp delta 0, offset
 * delta, null key, value length and value, no headers.
 */
size_t kwrite_record_size(size_t value_len, int32_t offset_delta);

/*
 * Append to out a checkpoint holding the n data records recs (borrowed,
 * written in order).  Batches are filled greedily: a new one starts when
 * the next record would exceed max_batch_records or max_batch_bytes.
 * max_batch_bytes counts the whole batch as it lies in the file: the
 * BATCH_HEADER_SIZE (61) header bytes, the 12 of baseOffset and
 * batchLength included, plus kwrite_record_size() of each record.  The
 * header batch (SnapshotHeaderRecord and header_extra) and the footer batch
 * are never split and the limits do not apply to them.  Base offsets run
 * from 0 across the file.  Fills st (may be NULL).  Returns -1 with e set
 * (EXIT_INVALID) and out as it was when one record alone cannot fit in a
 * batch (naming its index and type).
 */
int kwrite_checkpoint(struct buf *out, const struct record *recs, size_t n,
    const struct kwrite_opts *o, struct kwrite_stats *st, struct error *e);

#endif /* KWRITE_H */

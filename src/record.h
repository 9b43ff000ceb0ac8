/*
 * KRaft records: the framing of metadata records (frame version, api key,
 * version, body: kraft-snapshot-format.md section 4.1) and the key and value
 * of control records (section 3).  Pure: no I/O.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "records.h"

#define RECORD_FRAME_VERSION 1

/* One record, decoded. */
struct record {
	bool control;
	int16_t key;                    /* api key, or control type */
	int16_t version;                /* version the body is encoded at */
	const struct record_type *type; /* NULL: not known, see raw */
	void *body;                     /* the records.h struct, or NULL */
	struct kbytes raw;              /* the whole value when type is NULL */
	/* ABORT and COMMIT markers (EndTransactionMarker), type NULL */
	int16_t marker_version;
	int32_t coordinator_epoch;
};

/* The type with this api key (or control type id), or NULL. */
const struct record_type *record_type_find(bool control, int key);

/*
 * Start a record of a known type at version, its body set to the schema
 * defaults and allocated from a (valid until arena_free()).  Returns the
 * body for the caller to fill.  Unknown types and versions are fatal.
 */
void *record_init(
    struct record *rec, bool control, int key, int version, struct arena *a);

/*
 * Decode a record from its key and value (borrowed).  pos is the file
 * offset of value[0], for messages.  Unknown api keys, unknown versions and
 * unknown control types are kept in rec->raw, not rejected.  Memory comes
 * from a.  Returns -1 and sets e on a malformed value.
 */
int record_decode(struct record *rec, bool control, const struct kbytes *key,
    const struct kbytes *value, size_t pos, struct arena *a, struct error *e);

/* Append the record's key: nothing for data records (null key). */
void record_encode_key(struct buf *b, const struct record *rec);

/* Append the record's value: the frame and body, or the control body. */
void record_encode_value(struct buf *b, const struct record *rec);

#endif /* RECORD_H */

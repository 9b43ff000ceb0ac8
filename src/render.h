/*
 * Rendering decoded batches for people and programs, as `inspect` prints
 * them.  Text follows the listing format of Kafka's decoders (a batch line,
 * then one line per record with Kafka's toString() of the record); JSON is
 * one object per record in the form `kafka-dump-log --cluster-metadata-decoder`
 * prints.  UUIDs are base64url, bytes base64 (JSON) or signed byte lists
 * (text), doubles as Java's Double.toString() writes them.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stdio.h>

#include "batch.h"
#include "buf.h"

enum render_format {
	RENDER_TEXT,
	RENDER_JSON,
};

/*
 * Append batch b (the index-th of its file) to out.  file, when not NULL,
 * is named in every JSON object (for directory listings).
 */
void render_batch(struct buf *out, enum render_format fmt, const char *file,
    size_t index, const struct kbatch *b);

#endif /* RENDER_H */

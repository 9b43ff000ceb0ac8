/*
 * Files written by Apache Kafka's own classes (fixtures/kraft, copied from
 * the project's reference test vectors): decoding every batch and encoding
 * what was decoded gives the same bytes, and klog reads them whole.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "helpers.h"
#include "klog.h"
#include "records.h"

static const char *const vectors[] = {
    "kraft/example-bootstrap.bin",
    "kraft/rich-snapshot-epoch3.bin",
    "kraft/kafka-3.9/bootstrap/bootstrap.checkpoint",
    "kraft/kafka-3.9/snapshot/00000000000000000042-0000000001.checkpoint",
    "kraft/kafka-3.9/kip853/bootstrap.checkpoint",
    "kraft/kafka-3.9/kip853/__cluster_metadata-0/"
    "00000000000000000000-0000000000.checkpoint",
};
#define NVECTORS (sizeof vectors / sizeof vectors[0])

static struct arena a;
static struct buf out;
static uint8_t *in;

static void
setup(void)
{
	a = (struct arena){0};
	out = (struct buf){0};
	in = NULL;
}

static void
teardown(void)
{
	arena_free(&a);
	buf_free(&out);
	free(in);
}

TestSuite(vectors, .init = setup, .fini = teardown);

static size_t
reencode(const char *rel)
{
	struct kbatch b;
	struct error e = {0};
	struct bufr r;
	size_t len, nbatches = 0;

	in = fixture_read(rel, &len);
	r = (struct bufr){in, len, 0, 0, NULL};
	while (bufr_left(&r) > 0) {
		cr_assert_eq(
		    batch_decode(&r, &b, &a, &e), 0, "%s: %s", rel, e.msg);
		batch_encode(&out, &b);
		nbatches++;
	}
	assert_bytes_eq(out.data, out.len, in, len);
	return nbatches;
}

Test(vectors, every_kafka_written_file_reencodes_byte_for_byte)
{
	size_t i;

	for (i = 0; i < NVECTORS; i++) {
		arena_free(&a);
		out.len = 0;
		free(in);
		in = NULL;
		cr_assert_gt(reencode(vectors[i]), 1, "%s", vectors[i]);
	}
}

struct count {
	size_t files, batches, records, data;
	int64_t last;
};

static int
count_batch(void *arg, const char *path, size_t index, const struct kbatch *b,
    struct error *e)
{
	struct count *c = arg;
	size_t i;

	(void)path;
	(void)e;
	if (index == 0)
		c->files++;
	c->batches++;
	c->records += b->nrecords;
	for (i = 0; i < b->nrecords; i++) {
		cr_assert_not_null(b->records[i].rec.type,
		    "record %zu of batch %zu not decoded", i, index);
		if (!b->records[i].rec.control)
			c->data++;
	}
	c->last = b->base_offset + b->last_offset_delta;
	return 0;
}

Test(vectors, the_39_snapshot_reads_as_kafka_describes_it)
{
	struct count c = {0};
	struct error e = {0};

	cr_assert_eq(klog_read_file(FIXTURE_DIR "/kraft/kafka-3.9/snapshot/"
						"00000000000000000042-"
						"0000000001.checkpoint",
			 KLOG_AUTO, 0, count_batch, &c, &e),
	    0, "%s", e.msg);
	/* kafka-3.9/README.md: 3 batches, 21 records, 19 metadata records */
	cr_assert_eq(c.batches, 3);
	cr_assert_eq(c.records, 21);
	cr_assert_eq(c.data, 19);
	cr_assert_eq(c.last, 20);
}

Test(vectors, a_log_directory_reads_bootstrap_then_its_snapshot)
{
	struct count c = {0};
	struct error e = {0};

	cr_assert_eq(klog_read_dir(FIXTURE_DIR "/kraft/kafka-3.9/kip853",
			 count_batch, &c, &e),
	    0, "%s", e.msg);
	/* the bootstrap's 3 batches, then the zero checkpoint's 2 */
	cr_assert_eq(c.files, 2);
	cr_assert_eq(c.batches, 3 + 2);
	cr_assert_eq(c.records, 4 + 4);
	cr_assert_eq(c.data, 2);
}

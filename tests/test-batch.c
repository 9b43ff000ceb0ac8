/*
 * Record batches (batch.c) against files written by Apache Kafka's own
 * classes (fixtures/kraft, copied from the project's reference test
 * vectors): decoding every batch and encoding what was decoded gives the
 * same bytes.  test-klog.c reads the same files whole.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "helpers.h"

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

TestSuite(batch, .init = setup, .fini = teardown);

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

Test(batch, every_kafka_written_file_reencodes_byte_for_byte)
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

/*
 * Metadata log directories built with the project's own writer: a
 * snapshot, segments with data batches, a LeaderChange control batch and
 * transaction markers, read back in offset order from after the snapshot;
 * files and a log directory written by Kafka 3.9 (fixtures/kraft), read
 * whole; and snapshot file names, parsed by position.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "klog.h"
#include "render.h"

static struct arena a;
static char dir[64];

static void
setup(void)
{
	a = (struct arena){0};
	strcpy(dir, "/tmp/zk2kraft-klog-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	arena_free(&a);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(klog, .init = setup, .fini = teardown);

/* A batch of n records at base, each a TopicRecord named prefix-i. */
static void
topics_batch(struct kbatch *b, int64_t base, size_t n, const char *prefix)
{
	struct topic_record *t;
	size_t i;

	*b = (struct kbatch){.base_offset = base,
	    .leader_epoch = 1,
	    .last_offset_delta = (int32_t)n - 1,
	    .base_timestamp = 1700000000000,
	    .max_timestamp = 1700000000000,
	    .producer_id = -1,
	    .producer_epoch = -1,
	    .base_sequence = -1,
	    .nrecords = n};
	b->records = arena_alloc(&a, n * sizeof *b->records);
	for (i = 0; i < n; i++) {
		b->records[i].offset_delta = (int32_t)i;
		t = record_init(&b->records[i].rec, false, RECORD_TOPIC, 0, &a);
		t->name = arena_alloc(&a, 32);
		snprintf(t->name, 32, "%s-%lld", prefix,
		    (long long)base + (long long)i);
		t->topic_id.b[0] = (uint8_t)(base + (int64_t)i + 1);
	}
}

static void
control_batch(struct kbatch *b, int64_t base, int type, bool txn)
{
	struct leader_change_message *lc;
	struct record *rec;

	*b = (struct kbatch){.base_offset = base,
	    .leader_epoch = 1,
	    .attributes =
		BATCH_ATTR_CONTROL | (txn ? BATCH_ATTR_TRANSACTIONAL : 0),
	    .producer_id = txn ? 4000 : -1,
	    .producer_epoch = txn ? 0 : -1,
	    .base_sequence = -1,
	    .nrecords = 1};
	b->records = arena_alloc(&a, sizeof *b->records);
	rec = &b->records[0].rec;
	if (type == CONTROL_LEADER_CHANGE) {
		lc = record_init(rec, true, CONTROL_LEADER_CHANGE, 0, &a);
		lc->leader_id = 3000;
		return;
	}
	/* an EndTransactionMarker: version 0, coordinator epoch 9 */
	*rec = (struct record){.control = true, .key = (int16_t)type};
	rec->raw.p = arena_alloc(&a, 6);
	rec->raw.p[5] = 9;
	rec->raw.len = 6;
}

static void
write_file(const char *name, const struct kbatch *bs, size_t n)
{
	struct buf out = {0};
	char path[256];
	FILE *fp;
	size_t i;

	for (i = 0; i < n; i++)
		batch_encode(&out, &bs[i]);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_not_null(fp = fopen(path, "wb"));
	cr_assert_eq(fwrite(out.data, 1, out.len, fp), out.len);
	fclose(fp);
	buf_free(&out);
}

struct seen {
	struct buf text;
	int64_t offsets[64];
	size_t n;
};

static int
collect(void *arg, const char *path, size_t index, const struct kbatch *b,
    struct error *e)
{
	struct seen *s = arg;
	size_t i;

	(void)path;
	(void)e;
	render_batch(&s->text, RENDER_TEXT, NULL, index, b);
	for (i = 0; i < b->nrecords && s->n < 64; i++)
		s->offsets[s->n++] =
		    b->base_offset + b->records[i].offset_delta;
	return 0;
}

Test(klog, directory_replays_snapshot_then_later_segments)
{
	struct kbatch bs[4];
	struct snapshot_header_record *h;
	struct seen s = {0};
	struct error e = {0};
	size_t i;

	/* segment 0: offsets 0..4, wholly before the snapshot at 5 */
	topics_batch(&bs[0], 0, 3, "old");
	control_batch(&bs[1], 3, CONTROL_LEADER_CHANGE, false);
	topics_batch(&bs[2], 4, 1, "old");
	write_file("00000000000000000000.log", bs, 3);
	/* segment 5: offsets 5..9, with a transaction's markers */
	topics_batch(&bs[0], 5, 2, "new");
	control_batch(&bs[1], 7, CONTROL_COMMIT, true);
	control_batch(&bs[2], 8, CONTROL_ABORT, true);
	topics_batch(&bs[3], 9, 1, "new");
	write_file("00000000000000000005.log", bs, 4);
	/* snapshot 00..05-01: header, two topics, footer */
	control_batch(&bs[0], 0, CONTROL_LEADER_CHANGE, false);
	h = record_init(
	    &bs[0].records[0].rec, true, CONTROL_SNAPSHOT_HEADER, 0, &a);
	h->last_contained_log_timestamp = 1700000000000;
	topics_batch(&bs[1], 1, 2, "snap");
	control_batch(&bs[2], 3, CONTROL_LEADER_CHANGE, false);
	record_init(
	    &bs[2].records[0].rec, true, CONTROL_SNAPSHOT_FOOTER, 0, &a);
	write_file("00000000000000000005-0000000001.checkpoint", bs, 3);

	cr_assert_eq(klog_read_dir(dir, collect, &s, &e), 0, "%s", e.msg);
	buf_put_u8(&s.text, '\0');
	/* the snapshot's 4 records, then offsets 5..9 of the new segment */
	static const int64_t want[] = {0, 1, 2, 3, 5, 6, 7, 8, 9};
	cr_assert_eq(s.n, sizeof want / sizeof want[0], "%s", s.text.data);
	for (i = 0; i < s.n; i++)
		cr_assert_eq(s.offsets[i], want[i], "record %zu", i);
	cr_assert_null(strstr((char *)s.text.data, "old-"), "%s", s.text.data);
	cr_assert_not_null(strstr((char *)s.text.data,
	    "offset 7: CONTROL COMMIT EndTransactionMarker v0: "
	    "EndTransactionMarker(version=0, coordinatorEpoch=9)"));
	cr_assert_not_null(strstr((char *)s.text.data, "CONTROL ABORT"));
	cr_assert_not_null(strstr((char *)s.text.data, "isTransactional=true"));
	cr_assert_not_null(strstr((char *)s.text.data, "name='new-9'"));
	buf_free(&s.text);
}

Test(klog, a_segment_alone_reads_every_batch)
{
	struct kbatch bs[3];
	struct seen s = {0};
	struct error e = {0};
	char path[256];

	topics_batch(&bs[0], 10, 2, "t");
	control_batch(&bs[1], 12, CONTROL_LEADER_CHANGE, false);
	topics_batch(&bs[2], 13, 1, "t");
	write_file("00000000000000000010.log", bs, 3);
	snprintf(path, sizeof path, "%s/00000000000000000010.log", dir);
	cr_assert_eq(klog_read_file(path, KLOG_AUTO, 0, collect, &s, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(s.n, 4);
	buf_put_u8(&s.text, '\0');
	cr_assert_not_null(strstr((char *)s.text.data,
	    "CONTROL LEADER_CHANGE LeaderChangeMessage v0: "
	    "LeaderChangeMessage(version=0, leaderId=3000, voters=[], "
	    "grantingVoters=[])"));
	buf_free(&s.text);
}

Test(klog, segment_offsets_must_increase)
{
	struct kbatch bs[2];
	struct seen s = {0};
	struct error e = {0};
	char path[256];

	topics_batch(&bs[0], 10, 2, "t");
	topics_batch(&bs[1], 11, 1, "t");
	write_file("00000000000000000010.log", bs, 2);
	snprintf(path, sizeof path, "%s/00000000000000000010.log", dir);
	cr_assert_eq(klog_read_file(path, KLOG_AUTO, 0, collect, &s, &e), -1);
	cr_assert_not_null(
	    strstr(e.msg,
		"00000000000000000010.log: offset 125: batch base offset 11, "
		"expected at least 12"),
	    "%s", e.msg);
	buf_free(&s.text);
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

Test(klog, the_39_snapshot_reads_as_kafka_describes_it)
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

Test(klog, a_log_directory_reads_bootstrap_then_its_snapshot)
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

Test(klog, snapshot_names_parse_positionally)
{
	int64_t off;
	int32_t ep;

	cr_assert(klog_snapshot_name(
	    "/x/00000000000000000042-0000000001.checkpoint", &off, &ep));
	cr_assert_eq(off, 42);
	cr_assert_eq(ep, 1);
	cr_assert_not(klog_snapshot_name("bootstrap.checkpoint", &off, &ep));
	cr_assert_not(klog_snapshot_name(
	    "0000000000000000004a-0000000001.checkpoint", &off, &ep));
	cr_assert_not(klog_snapshot_name(
	    "00000000000000000042-0000000001.checkpoint.part", &off, &ep));
}

/*
 * The checkpoint writer: Kafka's own files come out byte for byte from
 * their decoded records, and batches are cut by record count and by bytes
 * exactly as kwrite.h describes.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "crc32c.h"
#include "helpers.h"
#include "kcheck.h"
#include "kwrite.h"

#define SNAPSHOT_39                                                            \
	"kraft/kafka-3.9/snapshot/00000000000000000042-0000000001.checkpoint"
#define BOOTSTRAP_39 "kraft/kafka-3.9/bootstrap/bootstrap.checkpoint"
#define ZERO_39                                                                \
	"kraft/kafka-3.9/kip853/__cluster_metadata-0/"                         \
	"00000000000000000000-0000000000.checkpoint"

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
	leak_check();
}

TestSuite(kwrite, .init = setup, .fini = teardown);

/* Decoded contents of a file: its batches, all from the arena. */
struct decoded {
	struct kbatch b[16];
	size_t nb;
	struct record data[64]; /* the first 64 data records, in order */
	size_t ndata;           /* all data records */
	struct record extra[8]; /* header batch controls after the header */
	size_t nextra;
};

static void
decode_all(const uint8_t *p, size_t len, struct decoded *d)
{
	struct bufr r = {p, len, 0, 0, NULL};
	struct error e = {0};
	struct kbatch *b;
	size_t i;

	*d = (struct decoded){0};
	while (bufr_left(&r) > 0) {
		cr_assert_lt(d->nb, 16);
		b = &d->b[d->nb];
		cr_assert_eq(batch_decode(&r, b, &a, &e), 0, "%s", e.msg);
		for (i = 0; i < b->nrecords; i++) {
			if (!batch_is_control(b)) {
				if (d->ndata < 64)
					d->data[d->ndata] = b->records[i].rec;
				d->ndata++;
			} else if (d->nb == 0 && i > 0) {
				cr_assert_lt(d->nextra, 8);
				d->extra[d->nextra++] = b->records[i].rec;
			}
		}
		d->nb++;
	}
}

/*
 * Give every batch of a file the base and max timestamp ts, and fix the
 * CRCs: Kafka's Formatter stamps each batch with its own clock reading,
 * kwrite stamps them all with one.
 */
static void
restamp(uint8_t *p, size_t len, int64_t ts)
{
	size_t pos = 0, size, i;
	uint32_t crc;

	while (pos < len) {
		size = 12 +
		    ((size_t)p[pos + 8] << 24 | (size_t)p[pos + 9] << 16 |
			(size_t)p[pos + 10] << 8 | p[pos + 11]);
		for (i = 0; i < 8; i++) {
			p[pos + 27 + i] =
			    (uint8_t)((uint64_t)ts >> (56 - 8 * i));
			p[pos + 35 + i] = p[pos + 27 + i];
		}
		crc = crc32c(0, p + pos + 21, size - 21);
		p[pos + 17] = (uint8_t)(crc >> 24);
		p[pos + 18] = (uint8_t)(crc >> 16);
		p[pos + 19] = (uint8_t)(crc >> 8);
		p[pos + 20] = (uint8_t)crc;
		pos += size;
	}
	cr_assert_eq(pos, len);
}

/* A copy of s in the arena, for the records' char * fields. */
static char *
str(const char *s)
{
	return arena_strndup(&a, s, strlen(s));
}

static void
mv_record(struct record *rec, int level)
{
	struct feature_level_record *fl;

	fl = record_init(rec, false, RECORD_FEATURE_LEVEL, 0, &a);
	fl->name = str("metadata.version");
	fl->feature_level = (int16_t)level;
}

/* n TopicRecords named t-0 ... */
static struct record *
topics(size_t n)
{
	struct record *recs = arena_alloc(&a, n * sizeof *recs);
	struct topic_record *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = record_init(&recs[i], false, RECORD_TOPIC, 0, &a);
		t->name = arena_alloc(&a, 32);
		snprintf(t->name, 32, "t-%zu", i);
		t->topic_id.b[0] = (uint8_t)(i + 1);
		t->topic_id.b[1] = (uint8_t)(i >> 8);
	}
	return recs;
}

/* A ConfigRecord whose Value is vlen bytes long. */
static void
config_record(struct record *rec, size_t vlen)
{
	struct config_record *c;

	c = record_init(rec, false, RECORD_CONFIG, 0, &a);
	c->resource_type = 2;
	c->resource_name = str("orders");
	c->name = str("retention.ms");
	c->value = arena_alloc(&a, vlen + 1);
	memset(c->value, 'x', vlen);
}

static size_t
value_len(const struct record *rec)
{
	struct buf v = {0};
	size_t n;

	record_encode_value(&v, rec);
	n = v.len;
	buf_free(&v);
	return n;
}

Test(kwrite, bootstrap_matches_the_reference_example)
{
	struct kwrite_opts o = {.epoch = 0, .timestamp = 1729500000000};
	struct kwrite_stats st;
	struct error e = {0};
	struct record rec;
	size_t len;

	in = fixture_read("kraft/example-bootstrap.bin", &len);
	mv_record(&rec, 21);
	cr_assert_eq(kwrite_checkpoint(&out, &rec, 1, &o, &st, &e), 0);
	assert_bytes_eq(out.data, out.len, in, len);
	cr_assert_eq(st.batches, 3);
	cr_assert_eq(st.data_batches, 1);
	cr_assert_eq(st.records, 3);
	cr_assert_eq(st.largest_batch, 91);
}

/*
 * Kafka 3.9's Formatter: the three batches carry three clock readings.
 * kwrite uses the data batch's; the header and footer batches of Kafka's
 * file are restamped with it (CRCs recomputed) before comparing, and the
 * data batch is compared untouched.
 */
Test(kwrite, bootstrap_matches_kafka_39_formatter)
{
	struct kwrite_opts o = {.epoch = 0};
	struct decoded d;
	struct error e = {0};
	size_t len;
	uint8_t *copy;

	in = fixture_read(BOOTSTRAP_39, &len);
	decode_all(in, len, &d);
	cr_assert_eq(d.nb, 3);
	cr_assert_eq(d.ndata, 1);
	cr_assert_neq(d.b[0].base_timestamp, d.b[1].base_timestamp,
	    "the fixture's batches have one timestamp: restamping is moot");
	o.timestamp = d.b[1].base_timestamp;
	cr_assert_eq(kwrite_checkpoint(&out, d.data, 1, &o, NULL, &e), 0);
	cr_assert_eq(out.len, len);
	assert_bytes_eq(out.data + 83, 91, in + 83, 91);
	copy = arena_memdup(&a, in, len);
	restamp(copy, len, o.timestamp);
	assert_bytes_eq(out.data, out.len, copy, len);
}

Test(kwrite, snapshot_matches_kafka_39_snapshot_writer)
{
	struct kwrite_opts o = {.epoch = 1,
	    .timestamp = 1700000000000,
	    .last_contained_timestamp = 1700000000000};
	struct kwrite_stats st;
	struct decoded d;
	struct error e = {0};
	size_t len;

	in = fixture_read(SNAPSHOT_39, &len);
	decode_all(in, len, &d);
	cr_assert_eq(d.ndata, 19);
	cr_assert_eq(kwrite_checkpoint(&out, d.data, d.ndata, &o, &st, &e), 0,
	    "%s", e.msg);
	assert_bytes_eq(out.data, out.len, in, len);
	cr_assert_eq(st.batches, 3);
	cr_assert_eq(st.data_batches, 1, "one data batch holds all 19");
	cr_assert_eq(st.records, 21);
	cr_assert_eq(st.largest_batch, 1413);
}

/* KRaftVersionRecord and VotersRecord go into the header batch. */
Test(kwrite, header_extra_matches_kafka_39_zero_checkpoint)
{
	const struct snapshot_header_record *h;
	struct kwrite_opts o = {.epoch = 0};
	struct kwrite_stats st;
	struct decoded d;
	struct error e = {0};
	size_t len;
	uint8_t *copy;

	in = fixture_read(ZERO_39, &len);
	decode_all(in, len, &d);
	cr_assert_eq(d.nextra, 2);
	cr_assert_eq(d.extra[0].key, CONTROL_KRAFT_VERSION);
	cr_assert_eq(d.extra[1].key, CONTROL_KRAFT_VOTERS);
	h = d.b[0].records[0].rec.body;
	o.timestamp = d.b[0].base_timestamp;
	o.last_contained_timestamp = h->last_contained_log_timestamp;
	o.header_extra = d.extra;
	o.nheader_extra = d.nextra;
	cr_assert_eq(kwrite_checkpoint(&out, NULL, 0, &o, &st, &e), 0);
	cr_assert_eq(st.batches, 2);
	cr_assert_eq(st.data_batches, 0);
	cr_assert_eq(st.records, 4);
	cr_assert_eq(out.len, len);
	assert_bytes_eq(out.data, 177, in, 177);
	copy = arena_memdup(&a, in, len);
	restamp(copy, len, o.timestamp);
	assert_bytes_eq(out.data, out.len, copy, len);
}

/* Read back what was written: offsets, counts, sizes and records. */
static void
check_layout(const struct record *recs, size_t n, const size_t *counts,
    size_t nbatches, size_t max_bytes)
{
	struct decoded d;
	char what[256];
	size_t i, k = 0;
	int64_t next = 0;

	decode_all(out.data, out.len, &d);
	cr_assert_eq(d.nb, nbatches + 2);
	for (i = 0; i < d.nb; i++) {
		cr_assert_eq(d.b[i].base_offset, next, "batch %zu", i);
		cr_assert_eq(d.b[i].producer_id, -1);
		cr_assert_eq(d.b[i].producer_epoch, -1);
		cr_assert_eq(d.b[i].base_sequence, -1);
		cr_assert_eq(d.b[i].leader_epoch, 7);
		cr_assert_eq(d.b[i].base_timestamp, 1234);
		cr_assert_eq(d.b[i].max_timestamp, 1234);
		next += (int64_t)d.b[i].nrecords;
		if (i == 0 || i == d.nb - 1) {
			cr_assert(batch_is_control(&d.b[i]));
			cr_assert_eq(d.b[i].attributes, BATCH_ATTR_CONTROL);
			continue;
		}
		cr_assert_eq(d.b[i].attributes, 0);
		cr_assert_eq(d.b[i].nrecords, counts[i - 1], "batch %zu", i);
		if (max_bytes > 0)
			cr_assert_leq(d.b[i].size, max_bytes);
	}
	cr_assert_eq(d.ndata, n);
	for (k = 0; k < n && k < 64; k++)
		cr_assert(kcheck_record_equal(
			      &d.data[k], &recs[k], what, sizeof what),
		    "record %zu: %s", k, what);
}

Test(kwrite, batches_split_by_record_count)
{
	struct kwrite_opts o = {
	    .epoch = 7, .timestamp = 1234, .max_batch_records = 10};
	static const size_t counts[] = {10, 10, 5};
	struct kwrite_stats st;
	struct error e = {0};
	struct record *recs = topics(25);

	cr_assert_eq(kwrite_checkpoint(&out, recs, 25, &o, &st, &e), 0);
	check_layout(recs, 25, counts, 3, 0);
	cr_assert_eq(st.batches, 5);
	cr_assert_eq(st.data_batches, 3);
	cr_assert_eq(st.records, 27);
}

Test(kwrite, batches_split_by_bytes_at_the_exact_limit)
{
	struct kwrite_opts o = {.epoch = 7, .timestamp = 1234};
	static const size_t three[] = {3, 3, 3, 1};
	static const size_t two[] = {2, 2, 2, 2, 2};
	struct kwrite_stats st;
	struct error e = {0};
	struct record recs[10];
	size_t i, limit;

	for (i = 0; i < 10; i++)
		config_record(&recs[i], 40);
	/* Same-sized records: three fill a batch exactly. */
	limit = BATCH_HEADER_SIZE;
	for (i = 0; i < 3; i++)
		limit += kwrite_record_size(value_len(&recs[i]), (int32_t)i);
	o.max_batch_bytes = limit;
	cr_assert_eq(kwrite_checkpoint(&out, recs, 10, &o, &st, &e), 0);
	check_layout(recs, 10, three, 4, limit);
	cr_assert_eq(st.largest_batch, limit);

	out.len = 0;
	o.max_batch_bytes = limit - 1;
	cr_assert_eq(kwrite_checkpoint(&out, recs, 10, &o, &st, &e), 0);
	check_layout(recs, 10, two, 5, limit - 1);
	cr_assert_lt(st.largest_batch, limit - 1);
}

Test(kwrite, default_limit_is_10000_records)
{
	struct kwrite_opts o = {.epoch = 7, .timestamp = 1234};
	static const size_t counts[] = {10000, 1};
	struct kwrite_stats st;
	struct error e = {0};
	struct record *recs = topics(10001);

	cr_assert_eq(kwrite_checkpoint(&out, recs, 10001, &o, &st, &e), 0);
	check_layout(recs, 10001, counts, 2, 0);
	cr_assert_eq(st.data_batches, 2);
}

Test(kwrite, record_alone_too_big_is_an_error)
{
	struct kwrite_opts o = {.epoch = 0, .timestamp = 1};
	struct error e = {0};
	struct record recs[5];
	size_t i;

	mv_record(&recs[0], 21);
	for (i = 1; i < 5; i++)
		config_record(&recs[i], i == 3 ? 500 : 10);
	o.max_batch_bytes =
	    BATCH_HEADER_SIZE + kwrite_record_size(value_len(&recs[3]), 0) - 1;
	buf_put(&out, "keep", 4);
	cr_assert_eq(kwrite_checkpoint(&out, recs, 5, &o, NULL, &e), -1);
	cr_assert_eq(e.status, EXIT_INVALID);
	cr_assert(
	    strstr(e.msg, "record 3 (ConfigRecord)") != NULL, "%s", e.msg);
	cr_assert_eq(out.len, 4, "a failed write leaves out as it was");

	/* One byte more and it fits, alone in its batch. */
	out.len = 0;
	o.max_batch_bytes++;
	cr_assert_eq(kwrite_checkpoint(&out, recs, 5, &o, NULL, &e), 0);
}

Test(kwrite, no_records_gives_header_and_footer)
{
	struct kwrite_opts o = {.epoch = 0, .timestamp = 1729500000000};
	struct kwrite_stats st;
	struct error e = {0};
	size_t len;

	in = fixture_read("kraft/example-bootstrap.bin", &len);
	cr_assert_eq(kwrite_checkpoint(&out, NULL, 0, &o, &st, &e), 0);
	cr_assert_eq(st.batches, 2);
	cr_assert_eq(st.data_batches, 0);
	cr_assert_eq(st.largest_batch, 0);
	cr_assert_eq(out.len, 83 + 75);
	assert_bytes_eq(out.data, 83, in, 83);
	/* The footer differs from the example's only in its base offset. */
	assert_bytes_eq(out.data + 83 + 8, 75 - 8, in + 174 + 8, 75 - 8);
}

/* kwrite_record_size against batch_encode, across varint boundaries. */
Test(kwrite, record_size_matches_encoding)
{
	static const size_t vlens[] = {1, 20, 40, 41, 60, 61, 62, 63, 64, 100,
	    130, 8000, 8191, 8192, 9000};
	static const int32_t deltas[] = {0, 1, 63, 64, 8191, 8192, 9999};
	struct kbatch b;
	struct krecord kr;
	struct record rec;
	size_t i, j, vlen;

	for (i = 0; i < sizeof vlens / sizeof vlens[0]; i++) {
		config_record(&rec, vlens[i]);
		vlen = value_len(&rec);
		for (j = 0; j < sizeof deltas / sizeof deltas[0]; j++) {
			kr = (struct krecord){
			    .offset_delta = deltas[j], .rec = rec};
			b = (struct kbatch){.records = &kr, .nrecords = 1};
			out.len = 0;
			batch_encode(&out, &b);
			cr_assert_eq(kwrite_record_size(vlen, deltas[j]),
			    out.len - BATCH_HEADER_SIZE,
			    "value %zu bytes, offset delta %d", vlen,
			    deltas[j]);
		}
	}
}

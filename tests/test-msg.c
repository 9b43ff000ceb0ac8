/*
 * The schema-driven codec: every record type at every version round trips
 * with every field set away from its default; truncated and padded bodies
 * are errors; unknown tagged fields and api keys survive.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "msg.h"
#include "record.h"

static struct arena a;
static struct buf one, two;

static void
setup(void)
{
	a = (struct arena){0};
	one = two = (struct buf){0};
}

static void
teardown(void)
{
	arena_free(&a);
	buf_free(&one);
	buf_free(&two);
}

TestSuite(msg, .init = setup, .fini = teardown);

static void fill_struct(const struct mstruct *, int, void *, int);

/* A value of type t unlike the default, varied by seed. */
static void
fill_value(const struct mfield *f, enum mtype t, void *p, int version, int seed)
{
	struct kbytes *bytes;
	struct karray *arr;
	size_t i, esz;

	switch (t) {
	case MT_BOOL:
		*(bool *)p = f->def == 0;
		break;
	case MT_INT8:
		*(int8_t *)p = (int8_t)(f->def + 1 + seed % 50);
		break;
	case MT_INT16:
		*(int16_t *)p = (int16_t)(f->def + 300 + seed);
		break;
	case MT_UINT16:
		*(uint16_t *)p = (uint16_t)(40000 + seed);
		break;
	case MT_INT32:
		*(int32_t *)p = (int32_t)(f->def + 100000 + seed);
		break;
	case MT_UINT32:
		*(uint32_t *)p = (uint32_t)(3000000000u + seed);
		break;
	case MT_INT64:
		*(int64_t *)p = f->def + 1729500000000 + seed;
		break;
	case MT_FLOAT64:
		*(double *)p = 1048576.5 + seed;
		break;
	case MT_STRING:
		*(char **)p = arena_strndup(&a, "v\xc3\xa9rsion-x", 11);
		(*(char **)p)[10] = (char)('a' + seed % 26);
		break;
	case MT_BYTES:
		bytes = p;
		bytes->p = arena_alloc(&a, 3);
		bytes->p[0] = (uint8_t)seed;
		bytes->p[2] = 0xff;
		bytes->len = 3;
		bytes->null = false;
		break;
	case MT_UUID:
		for (i = 0; i < 16; i++)
			((struct kuuid *)p)->b[i] = (uint8_t)(seed + i);
		break;
	case MT_STRUCT:
		fill_struct(f->sub, version, p, seed + 1);
		break;
	case MT_ARRAY:
		arr = p;
		esz = msg_elem_size(f);
		arr->n = 2;
		arr->null = false;
		arr->v = arena_alloc(&a, 2 * esz);
		for (i = 0; i < 2; i++) {
			if (f->elem == MT_STRUCT)
				msg_init(f->sub, (char *)arr->v + i * esz);
			fill_value(f, f->elem, (char *)arr->v + i * esz,
			    version, seed + 10 * (int)i);
		}
		break;
	case MT_NONE:
		break;
	}
}

static void
fill_struct(const struct mstruct *s, int version, void *obj, int seed)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		if (msg_field_in(&s->fields[i], version))
			fill_value(&s->fields[i], s->fields[i].type,
			    (char *)obj + s->fields[i].off, version,
			    seed + (int)i);
}

/* Encode rec, decode it, encode again: both encodings must be equal. */
static void
round_trip(const struct record *rec)
{
	struct kbytes key, value;
	struct record back;
	struct error e = {0};
	struct buf k = {0};

	one.len = two.len = 0;
	record_encode_value(&one, rec);
	record_encode_key(&k, rec);
	key = (struct kbytes){k.data, k.len, !rec->control};
	value = (struct kbytes){one.data, one.len, false};
	cr_assert_eq(
	    record_decode(&back, rec->control, &key, &value, 0, &a, &e), 0,
	    "%s v%d: %s", rec->type->name, rec->version, e.msg);
	cr_assert_eq(back.type, rec->type);
	cr_assert_eq(back.version, rec->version);
	record_encode_value(&two, &back);
	assert_bytes_eq(two.data, two.len, one.data, one.len);
	buf_free(&k);
}

Test(msg, every_type_and_version_round_trips_with_every_field_set)
{
	const struct record_type *rt;
	struct record rec;
	size_t i, n = 0;
	int v;

	for (i = 0; i < record_ntypes; i++) {
		rt = &record_types[i];
		/* control record values are always version 0 on the wire */
		for (v = rt->vmin; v <= (rt->control ? 0 : rt->vmax); v++) {
			fill_struct(rt->body, v,
			    record_init(&rec, rt->control, rt->key, v, &a),
			    (int)i * 3 + v);
			round_trip(&rec);
			n++;
		}
	}
	/* 25 metadata types (34 versions) and 5 control types */
	cr_assert_eq(n, 39);
}

Test(msg, defaults_round_trip_too)
{
	const struct record_type *rt;
	struct record rec;
	size_t i;
	int v;

	for (i = 0; i < record_ntypes; i++) {
		rt = &record_types[i];
		for (v = rt->vmin; v <= (rt->control ? 0 : rt->vmax); v++) {
			record_init(&rec, rt->control, rt->key, v, &a);
			round_trip(&rec);
		}
	}
}

Test(msg, every_truncation_and_any_padding_is_an_error)
{
	const struct record_type *rt;
	struct kbytes key, value;
	struct record rec, back;
	struct error e;
	struct buf k = {0};
	size_t i, cut;
	int v;

	for (i = 0; i < record_ntypes; i++) {
		rt = &record_types[i];
		v = rt->control ? 0 : rt->vmax;
		fill_struct(rt->body, v,
		    record_init(&rec, rt->control, rt->key, v, &a), 7);
		one.len = k.len = 0;
		record_encode_value(&one, &rec);
		record_encode_key(&k, &rec);
		key = (struct kbytes){k.data, k.len, !rec.control};
		for (cut = 0; cut < one.len; cut++) {
			value = (struct kbytes){one.data, cut, false};
			cr_assert_eq(record_decode(&back, rec.control, &key,
					 &value, 100, &a, &e),
			    -1, "%s cut at %zu decoded", rt->name, cut);
			cr_assert(
			    strncmp(e.msg, "offset ", 7) == 0, "%s", e.msg);
		}
		buf_put_u8(&one, 0);
		value = (struct kbytes){one.data, one.len, false};
		cr_assert_eq(
		    record_decode(&back, rec.control, &key, &value, 0, &a, &e),
		    -1, "%s with a trailing byte decoded", rt->name);
		cr_assert(strstr(e.msg, "garbage") != NULL, "%s", e.msg);
	}
	buf_free(&k);
}

Test(msg, partition_record_v0_matches_the_reference_bytes)
{
	struct partition_record *p;
	struct record rec;
	static int32_t replicas[] = {1, 2, 3}, isr[] = {1, 2};
	uint8_t want[128];
	size_t n;

	p = record_init(&rec, false, RECORD_PARTITION, 0, &a);
	p->partition_id = 0;
	hex_parse("21 3d 2f 47 93 6f 41 88 90 37 6c 37 9c 9e 21 07",
	    p->topic_id.b, 16);
	p->replicas = (struct karray){replicas, 3, false};
	p->isr = (struct karray){isr, 2, false};
	p->leader = 1;
	p->leader_epoch = 7;
	p->partition_epoch = 12;
	record_encode_value(&one, &rec);
	n = hex_parse("01 03 00 00 00 00 00"
		      "21 3d 2f 47 93 6f 41 88 90 37 6c 37 9c 9e 21 07"
		      "04 00 00 00 01 00 00 00 02 00 00 00 03"
		      "03 00 00 00 01 00 00 00 02 01 01"
		      "00 00 00 01 00 00 00 07 00 00 00 0c 00",
	    want, sizeof want);
	assert_bytes_eq(one.data, one.len, want, n);
}

Test(msg, client_quota_record_matches_the_reference_bytes)
{
	struct client_quota_record *q;
	struct client_quota_record_entity_data *ent;
	struct record rec;
	uint8_t want[128];
	size_t n;

	q = record_init(&rec, false, RECORD_CLIENT_QUOTA, 0, &a);
	ent = arena_alloc(&a, 2 * sizeof *ent);
	ent[0] = (struct client_quota_record_entity_data){
	    .entity_type = (char *)"user"};
	ent[1] = (struct client_quota_record_entity_data){
	    .entity_type = (char *)"client-id", .entity_name = (char *)"app@1"};
	q->entity = (struct karray){ent, 2, false};
	q->key = (char *)"producer_byte_rate";
	q->value = 1048576.0;
	record_encode_value(&one, &rec);
	n = hex_parse("01 0e 00 03 05 75 73 65 72 00 00"
		      "0a 63 6c 69 65 6e 74 2d 69 64 06 61 70 70 40 31 00"
		      "13 70 72 6f 64 75 63 65 72 5f 62 79 74 65 5f 72 61 74 65"
		      "41 30 00 00 00 00 00 00 00 00",
	    want, sizeof want);
	assert_bytes_eq(one.data, one.len, want, n);
}

Test(msg, tagged_fields_are_written_only_when_not_default)
{
	struct partition_record *p;
	struct record rec;

	p = record_init(&rec, false, RECORD_PARTITION, 0, &a);
	record_encode_value(&one, &rec);
	cr_assert_eq(one.data[one.len - 1], 0, "no tagged fields");
	p->leader_recovery_state = 1;
	two.len = 0;
	record_encode_value(&two, &rec);
	cr_assert_eq(two.len, one.len + 3);
	cr_assert_eq(two.data[two.len - 4], 1, "one tagged field");
	cr_assert_eq(two.data[two.len - 3], 0, "tag 0");
	cr_assert_eq(two.data[two.len - 2], 1, "size 1");
	cr_assert_eq(two.data[two.len - 1], 1, "RECOVERING");
}

Test(msg, unknown_tagged_fields_are_kept_and_written_back_in_order)
{
	/* TopicRecord "t", zero id, tags 5 and 9 unknown */
	uint8_t in[64];
	size_t n = hex_parse("01 02 00 02 74" /* frame, key 2, v0, "t" */
			     "00000000000000000000000000000000"
			     "02 05 02 aa bb 09 00",
	    in, sizeof in);
	struct kbytes key = {NULL, 0, true}, value = {in, n, false};
	struct topic_record *t;
	struct record rec;
	struct error e;

	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), 0,
	    "%s", e.msg);
	t = rec.body;
	cr_assert_str_eq(t->name, "t");
	cr_assert_eq(t->unknown.n, 2);
	cr_assert_eq(t->unknown.v[0].tag, 5);
	cr_assert_eq(t->unknown.v[0].len, 2);
	cr_assert_eq(t->unknown.v[1].tag, 9);
	record_encode_value(&one, &rec);
	assert_bytes_eq(one.data, one.len, in, n);
}

Test(msg, unknown_api_keys_and_versions_are_kept_raw)
{
	uint8_t in[] = {0x01, 0x63, 0x00, 0xde, 0xad},
		in2[] = {0x01, 0x02, 0x07, 0x00};
	struct kbytes key = {NULL, 0, true}, value = {in, sizeof in, false};
	struct record rec;
	struct error e;

	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), 0);
	cr_assert_null(rec.type);
	cr_assert_eq(rec.key, 99);
	record_encode_value(&one, &rec);
	assert_bytes_eq(one.data, one.len, in, sizeof in);
	value = (struct kbytes){in2, sizeof in2, false};
	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), 0);
	cr_assert_null(rec.type, "TopicRecord v7 is not known");
	cr_assert_eq(rec.version, 7);
}

Test(msg, frame_version_zero_is_refused)
{
	uint8_t in[] = {0x00, 0x14, 0x00, 0x00};
	struct kbytes key = {NULL, 0, true}, value = {in, sizeof in, false};
	struct record rec;
	struct error e;

	cr_assert_eq(record_decode(&rec, false, &key, &value, 40, &a, &e), -1);
	cr_assert_str_eq(
	    e.msg, "offset 40: metadata record frame version 0, not 1");
}

Test(msg, huge_counts_fail_before_allocating)
{
	/* PartitionRecord v0 whose Replicas claims 2^31 elements */
	uint8_t in[64];
	size_t n = hex_parse("01 03 00 00000000"
			     "00000000000000000000000000000000"
			     "80 80 80 80 08",
	    in, sizeof in);
	struct kbytes key = {NULL, 0, true}, value = {in, n, false};
	struct record rec;
	struct error e;

	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), -1);
	cr_assert(
	    strstr(e.msg, "PartitionRecord.Replicas: array count") != NULL,
	    "%s", e.msg);
	cr_assert_lt(a.total, 4096, "allocated %zu bytes", a.total);
}

Test(msg, strings_must_be_valid_utf8_without_nul)
{
	uint8_t bad1[] = {0x01, 0x02, 0x00, 0x02, 0xff},
		bad2[] = {0x01, 0x02, 0x00, 0x02, 0x00};
	struct kbytes key = {NULL, 0, true}, value = {bad1, sizeof bad1, false};
	struct record rec;
	struct error e;

	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), -1);
	cr_assert(strstr(e.msg, "UTF-8") != NULL, "%s", e.msg);
	value = (struct kbytes){bad2, sizeof bad2, false};
	cr_assert_eq(record_decode(&rec, false, &key, &value, 0, &a, &e), -1);
	cr_assert(strstr(e.msg, "NUL") != NULL, "%s", e.msg);
}

/*
 * KRaft record framing (see record.h).
 */
#include "config.h"

#include <string.h>

#include "msg.h"
#include "record.h"

const struct record_type *
record_type_find(bool control, int key)
{
	size_t i;

	for (i = 0; i < record_ntypes; i++)
		if (record_types[i].control == control &&
		    record_types[i].key == key)
			return &record_types[i];
	return NULL;
}

void *
record_init(
    struct record *rec, bool control, int key, int version, struct arena *a)
{
	const struct record_type *rt = record_type_find(control, key);

	if (rt == NULL || version < rt->vmin || version > rt->vmax)
		fatalx("record_init: no %s type %d version %d",
		    control ? "control" : "metadata", key, version);
	*rec = (struct record){.control = control,
	    .key = (int16_t)key,
	    .version = (int16_t)version,
	    .type = rt};
	rec->body = arena_alloc(a, rt->body->size);
	msg_init(rt->body, rec->body);
	return rec->body;
}

static void
record_keep_raw(struct record *rec, const struct kbytes *value, struct arena *a)
{
	rec->type = NULL;
	rec->body = NULL;
	rec->raw = (struct kbytes){
	    arena_memdup(a, value->p, value->len), value->len, false};
}

/* Decode the body of a known type, which must fill the value exactly. */
static int
record_decode_body(
    struct record *rec, struct bufr *r, struct arena *a, struct error *e)
{
	rec->body = arena_alloc(a, rec->type->body->size);
	if (msg_decode(r, rec->type->body, rec->version, rec->body, a, e) == -1)
		return -1;
	if (bufr_left(r) != 0)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: %zu bytes of garbage after %s", bufr_pos(r),
		    bufr_left(r), rec->type->name);
	return 0;
}

static int
record_decode_control(struct record *rec, const struct kbytes *key,
    const struct kbytes *value, size_t pos, struct arena *a, struct error *e)
{
	struct bufr r = {value->p, value->len, 0, pos, NULL};
	uint16_t kversion, type, mversion;
	uint32_t epoch;
	struct bufr kr = {key->p, key->len, 0, 0, NULL};

	if (key->null || key->len < 4)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: control record key of %zu bytes, not 4", pos,
		    key->null ? 0 : key->len);
	bufr_get_be(&kr, &kversion, sizeof kversion);
	bufr_get_be(&kr, &type, sizeof type);
	if ((int16_t)kversion < 0)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: control record key version %d is negative",
		    pos, (int16_t)kversion);
	rec->key = (int16_t)type;
	rec->version = 0; /* control values are always read at version 0 */
	if (type == CONTROL_ABORT || type == CONTROL_COMMIT) {
		if (bufr_get_be(&r, &mversion, sizeof mversion) == -1 ||
		    bufr_get_be(&r, &epoch, sizeof epoch) == -1)
			return error_set(e, EXIT_FAIL,
			    "offset %zu: transaction marker: truncated", pos);
		record_keep_raw(rec, value, a);
		rec->marker_version = (int16_t)mversion;
		rec->coordinator_epoch = (int32_t)epoch;
		return 0;
	}
	if ((rec->type = record_type_find(true, type)) == NULL) {
		record_keep_raw(rec, value, a);
		return 0;
	}
	return record_decode_body(rec, &r, a, e);
}

int
record_decode(struct record *rec, bool control, const struct kbytes *key,
    const struct kbytes *value, size_t pos, struct arena *a, struct error *e)
{
	struct bufr r = {value->p, value->len, 0, pos, NULL};
	uint64_t frame, api, version;

	*rec = (struct record){.control = control};
	if (value->null || value->len == 0)
		return error_set(
		    e, EXIT_FAIL, "offset %zu: record has no value", pos);
	if (control)
		return record_decode_control(rec, key, value, pos, a, e);
	if (bufr_get_uvarint(&r, 32, &frame) == -1 ||
	    bufr_get_uvarint(&r, 32, &api) == -1 ||
	    bufr_get_uvarint(&r, 32, &version) == -1)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: metadata record frame: %s", bufr_pos(&r),
		    r.why);
	if (frame != RECORD_FRAME_VERSION)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: metadata record frame version %llu, not %d",
		    pos, (unsigned long long)frame, RECORD_FRAME_VERSION);
	if (api > 0x7fff || version > 0x7fff)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: api key %llu or version %llu out of range",
		    pos, (unsigned long long)api, (unsigned long long)version);
	rec->key = (int16_t)api;
	rec->version = (int16_t)version;
	rec->type = record_type_find(false, (int)api);
	if (rec->type == NULL || rec->version < rec->type->vmin ||
	    rec->version > rec->type->vmax) {
		record_keep_raw(rec, value, a);
		return 0;
	}
	return record_decode_body(rec, &r, a, e);
}

void
record_encode_key(struct buf *b, const struct record *rec)
{
	if (!rec->control)
		return;
	buf_put_be16(b, 0);
	buf_put_be16(b, (uint16_t)rec->key);
}

void
record_encode_value(struct buf *b, const struct record *rec)
{
	if (rec->type == NULL) {
		buf_put(b, rec->raw.p, rec->raw.len);
		return;
	}
	if (!rec->control) {
		buf_put_uvarint(b, RECORD_FRAME_VERSION);
		buf_put_uvarint(b, (uint16_t)rec->key);
		buf_put_uvarint(b, (uint16_t)rec->version);
	}
	msg_encode(b, rec->type->body, rec->version, rec->body);
}

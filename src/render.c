/*
 * Text and JSON renderings of decoded batches (see render.h).
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "jnum.h"
#include "msg.h"
#include "render.h"
#include "xmalloc.h"

static void
render_str(struct buf *out, const char *s)
{
	buf_put(out, s, strlen(s));
}

static void
render_uuid(struct buf *out, const struct kuuid *u)
{
	char s[B64_UUID_LEN + 1];

	render_str(out, b64_uuid_str(u, s));
}

static void
render_b64(struct buf *out, const uint8_t *p, size_t len)
{
	char *s = xmalloc(b64_encoded_size(len, false));

	b64_encode(p, len, false, s);
	render_str(out, s);
	free(s);
}

static void
render_hex(struct buf *out, const uint8_t *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		buf_put_u8(out, hex[p[i] >> 4]);
		buf_put_u8(out, hex[p[i] & 15]);
	}
}

/* A JSON string: Jackson's escapes, UTF-8 (already validated) as is. */
static void
render_json_str(struct buf *out, const char *s)
{
	buf_put_json_str(out, s, strlen(s));
}

static void render_text_struct(
    struct buf *, const struct mstruct *, const void *);
static void render_json_struct(
    struct buf *, const struct mstruct *, int, const void *);

/* A scalar (non-array) value; json selects the JSON form. */
static void
render_scalar(struct buf *out, const struct mfield *f, enum mtype t,
    const void *p, int version, bool json, bool quote)
{
	const struct kbytes *bytes;
	const char *str;
	double d;
	size_t i;

	switch (t) {
	case MT_BOOL:
		render_str(out, *(const bool *)p ? "true" : "false");
		break;
	case MT_INT8:
		buf_printf(out, "%d", *(const int8_t *)p);
		break;
	case MT_INT16:
		buf_printf(out, "%d", *(const int16_t *)p);
		break;
	case MT_UINT16:
		buf_printf(out, "%u", *(const uint16_t *)p);
		break;
	case MT_INT32:
		buf_printf(out, "%" PRId32, *(const int32_t *)p);
		break;
	case MT_UINT32:
		buf_printf(out, "%" PRIu32, *(const uint32_t *)p);
		break;
	case MT_INT64:
		buf_printf(out, "%" PRId64, *(const int64_t *)p);
		break;
	case MT_FLOAT64:
		memcpy(&d, p, sizeof d);
		if (json && !isfinite(d)) {
			buf_put_u8(out, '"');
			jnum_put_double(out, d);
			buf_put_u8(out, '"');
		} else
			jnum_put_double(out, d);
		break;
	case MT_STRING:
		str = *(char *const *)p;
		if (str == NULL)
			render_str(out, "null");
		else if (json)
			render_json_str(out, str);
		else if (quote)
			buf_printf(out, "'%s'", str);
		else
			render_str(out, str);
		break;
	case MT_BYTES:
		bytes = p;
		if (bytes->null) {
			render_str(out, "null");
		} else if (json) {
			buf_put_u8(out, '"');
			render_b64(out, bytes->p, bytes->len);
			buf_put_u8(out, '"');
		} else {
			buf_put_u8(out, '[');
			for (i = 0; i < bytes->len; i++)
				buf_printf(out, "%s%d", i ? ", " : "",
				    (int8_t)bytes->p[i]);
			buf_put_u8(out, ']');
		}
		break;
	case MT_UUID:
		if (json)
			buf_put_u8(out, '"');
		render_uuid(out, p);
		if (json)
			buf_put_u8(out, '"');
		break;
	case MT_STRUCT:
		if (json)
			render_json_struct(out, f->sub, version, p);
		else
			render_text_struct(out, f->sub, p);
		break;
	case MT_ARRAY:
	case MT_NONE:
		fatalx("render_scalar: %s is not a scalar", f->name);
	}
}

static void
render_value(struct buf *out, const struct mfield *f, const void *p,
    int version, bool json)
{
	const struct karray *arr = p;
	size_t i, esz;

	if (f->type != MT_ARRAY) {
		render_scalar(out, f, f->type, p, version, json, true);
		return;
	}
	if (arr->null) {
		render_str(out, "null");
		return;
	}
	esz = msg_elem_size(f);
	buf_put_u8(out, '[');
	for (i = 0; i < arr->n; i++) {
		if (i > 0)
			render_str(out, json ? "," : ", ");
		/* Kafka's toString() prints strings in arrays unquoted. */
		render_scalar(out, f, f->elem, (const char *)arr->v + i * esz,
		    version, json, false);
	}
	buf_put_u8(out, ']');
}

static const struct ktags *
render_tags(const struct mstruct *s, const void *obj)
{
	return (const struct ktags *)((const char *)obj + s->tags_off);
}

/* Kafka's toString(): every field of the class, whatever the version. */
static void
render_text_struct(struct buf *out, const struct mstruct *s, const void *obj)
{
	const struct ktags *tags = render_tags(s, obj);
	size_t i;

	buf_printf(out, "%s(", s->name);
	for (i = 0; i < s->nfields; i++) {
		buf_printf(out, "%s%s=", i ? ", " : "", s->fields[i].json);
		render_value(out, &s->fields[i],
		    (const char *)obj + s->fields[i].off, 0, false);
	}
	for (i = 0; i < tags->n; i++) {
		buf_printf(out, "%s_unknownTaggedField%" PRIu32 "=",
		    s->nfields + i ? ", " : "", tags->v[i].tag);
		render_hex(out, tags->v[i].data, tags->v[i].len);
	}
	buf_put_u8(out, ')');
}

/* Kafka's JSON converter: the version's fields, tagged ones if not default. */
static void
render_json_struct(
    struct buf *out, const struct mstruct *s, int version, const void *obj)
{
	const struct ktags *tags = render_tags(s, obj);
	const struct mfield *f;
	size_t i, n = 0;

	buf_put_u8(out, '{');
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		if (!msg_field_in(f, version) ||
		    (msg_field_tagged(f, version) &&
			msg_field_is_default(f, obj)))
			continue;
		buf_printf(out, "%s\"%s\":", n++ ? "," : "", f->json);
		render_value(out, f, (const char *)obj + f->off, version, true);
	}
	if (tags->n > 0) {
		buf_printf(out, "%s\"_unknownTaggedFields\":[", n ? "," : "");
		for (i = 0; i < tags->n; i++) {
			buf_printf(out, "%s{\"tag\":%" PRIu32 ",\"data\":\"",
			    i ? "," : "", tags->v[i].tag);
			render_b64(out, tags->v[i].data, tags->v[i].len);
			render_str(out, "\"}");
		}
		buf_put_u8(out, ']');
	}
	buf_put_u8(out, '}');
}

static const char *
render_control_name(int type)
{
	static const char *const names[] = {"ABORT", "COMMIT", "LEADER_CHANGE",
	    "SNAPSHOT_HEADER", "SNAPSHOT_FOOTER", "KRAFT_VERSION",
	    "KRAFT_VOTERS"};

	if (type >= 0 && (size_t)type < sizeof names / sizeof names[0])
		return names[type];
	return NULL;
}

static void
render_text_record(struct buf *out, int64_t offset, const struct record *rec)
{
	const char *cname = render_control_name(rec->key);

	buf_printf(out, "  offset %" PRId64 ": ", offset);
	if (rec->control) {
		if (cname != NULL)
			buf_printf(out, "CONTROL %s ", cname);
		else
			buf_printf(out, "CONTROL UNKNOWN(%d) ", rec->key);
	}
	if (rec->type != NULL) {
		if (rec->control)
			buf_printf(
			    out, "%s v%d: ", rec->type->name, rec->version);
		else
			buf_printf(
			    out, "%s v%d: ", rec->type->type, rec->version);
		render_text_struct(out, rec->type->body, rec->body);
	} else if (rec->control &&
	    (rec->key == CONTROL_ABORT || rec->key == CONTROL_COMMIT)) {
		buf_printf(out,
		    "EndTransactionMarker v%d: EndTransactionMarker("
		    "version=%d, coordinatorEpoch=%" PRId32 ")",
		    rec->marker_version, rec->marker_version,
		    rec->coordinator_epoch);
	} else {
		if (!rec->control)
			buf_printf(out,
			    "UNKNOWN_RECORD(apiKey=%d) v%d: ", rec->key,
			    rec->version);
		buf_printf(out, "%zu bytes not decoded: ", rec->raw.len);
		render_hex(out, rec->raw.p, rec->raw.len);
	}
	buf_put_u8(out, '\n');
}

static void
render_json_record(struct buf *out, const char *file, int64_t offset,
    int64_t base, const struct record *rec)
{
	const char *cname = render_control_name(rec->key);

	buf_put_u8(out, '{');
	if (file != NULL) {
		render_str(out, "\"file\":");
		render_json_str(out, file);
		buf_put_u8(out, ',');
	}
	buf_printf(out,
	    "\"offset\":%" PRId64 ",\"batchBaseOffset\":%" PRId64
	    ",\"control\":%s,",
	    offset, base, rec->control ? "true" : "false");
	if (rec->control) {
		if (cname != NULL)
			buf_printf(out, "\"controlType\":\"%s\",", cname);
		else
			buf_printf(
			    out, "\"controlType\":\"UNKNOWN(%d)\",", rec->key);
	}
	if (rec->type != NULL) {
		buf_printf(out, "\"type\":\"%s\",\"version\":%d,\"data\":",
		    rec->control ? rec->type->name : rec->type->type,
		    rec->version);
		render_json_struct(
		    out, rec->type->body, rec->version, rec->body);
	} else if (rec->control &&
	    (rec->key == CONTROL_ABORT || rec->key == CONTROL_COMMIT)) {
		buf_printf(out,
		    "\"type\":\"EndTransactionMarker\",\"version\":%d,"
		    "\"data\":{\"version\":%d,\"coordinatorEpoch\":%" PRId32
		    "}",
		    rec->marker_version, rec->marker_version,
		    rec->coordinator_epoch);
	} else {
		if (!rec->control)
			buf_printf(out,
			    "\"type\":\"UNKNOWN_RECORD\","
			    "\"apiKey\":%d,\"version\":%d,",
			    rec->key, rec->version);
		render_str(out, "\"data\":null,\"raw\":\"");
		render_b64(out, rec->raw.p, rec->raw.len);
		buf_put_u8(out, '"');
	}
	render_str(out, "}\n");
}

void
render_batch(struct buf *out, enum render_format fmt, const char *file,
    size_t index, const struct kbatch *b)
{
	size_t i;

	if (fmt == RENDER_TEXT) {
		buf_printf(out,
		    "batch %zu: position=%zu baseOffset=%" PRId64
		    " lastOffset=%" PRId64 " count=%zu epoch=%" PRId32
		    " isControl=%s isTransactional=%s magic=2 "
		    "compression=none crc=0x%08x(valid) size=%zu "
		    "maxTimestamp=%" PRId64 "\n",
		    index, b->pos, b->base_offset,
		    b->base_offset + b->last_offset_delta, b->nrecords,
		    b->leader_epoch, batch_is_control(b) ? "true" : "false",
		    (b->attributes & BATCH_ATTR_TRANSACTIONAL) ? "true"
							       : "false",
		    b->crc, b->size, b->max_timestamp);
	}
	for (i = 0; i < b->nrecords; i++) {
		if (fmt == RENDER_TEXT)
			render_text_record(out,
			    b->base_offset + b->records[i].offset_delta,
			    &b->records[i].rec);
		else
			render_json_record(out, file,
			    b->base_offset + b->records[i].offset_delta,
			    b->base_offset, &b->records[i].rec);
	}
}

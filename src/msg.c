/*
 * Generic encoder and decoder of Kafka's flexible message encoding
 * (kraft-snapshot-format.md section 4.2), driven by the generated schema
 * descriptors.  Fields are written in declaration order, skipping those the
 * version lacks and those tagged in it; tagged fields follow in ascending
 * tag order, each only when it differs from its default.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "utf8.h"
#include "xmalloc.h"

#define FIELD(obj, f) ((char *)(obj) + (f)->off)
#define CFIELD(obj, f) ((const char *)(obj) + (f)->off)
#define MSG_STRING_MAX 0x7fff /* Kafka refuses longer strings */

static char msg_empty_str[1];

bool
msg_field_in(const struct mfield *f, int version)
{
	return f->vmin >= 0 && version >= f->vmin && version <= f->vmax;
}

bool
msg_field_tagged(const struct mfield *f, int version)
{
	return f->tag >= 0 && f->tmin >= 0 && version >= f->tmin &&
	    version <= f->tmax;
}

static bool
msg_field_nullable(const struct mfield *f, int version)
{
	return f->nmin >= 0 && version >= f->nmin && version <= f->nmax;
}

/* Bytes of a fixed-width type on the wire; 0 for the others. */
static size_t
msg_fixed_size(enum mtype t)
{
	switch (t) {
	case MT_BOOL:
	case MT_INT8:
		return 1;
	case MT_INT16:
	case MT_UINT16:
		return 2;
	case MT_INT32:
	case MT_UINT32:
		return 4;
	case MT_INT64:
	case MT_FLOAT64:
		return 8;
	case MT_UUID:
		return 16;
	default:
		return 0;
	}
}

/* Bytes of one value of type t in a decoded struct. */
static size_t
msg_type_size(enum mtype t, const struct mstruct *sub)
{
	switch (t) {
	case MT_BOOL:
		return sizeof(bool);
	case MT_STRING:
		return sizeof(char *);
	case MT_BYTES:
		return sizeof(struct kbytes);
	case MT_UUID:
		return sizeof(struct kuuid);
	case MT_STRUCT:
		return sub->size;
	case MT_ARRAY:
		return sizeof(struct karray);
	case MT_NONE:
		break;
	default:
		/* intN_t and double: as wide as on the wire. */
		return msg_fixed_size(t);
	}
	fatalx("msg_type_size: bad type %d", t);
}

size_t
msg_elem_size(const struct mfield *f)
{
	return msg_type_size(f->elem, f->sub);
}

void
msg_init(const struct mstruct *s, void *obj)
{
	const struct mfield *f;
	struct karray *arr;
	struct kbytes *bytes;
	size_t i;
	void *p;

	memset(obj, 0, s->size);
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		p = FIELD(obj, f);
		switch (f->type) {
		case MT_BOOL:
			*(bool *)p = f->def != 0;
			break;
		case MT_INT8:
			*(int8_t *)p = (int8_t)f->def;
			break;
		case MT_INT16:
			*(int16_t *)p = (int16_t)f->def;
			break;
		case MT_UINT16:
			*(uint16_t *)p = (uint16_t)f->def;
			break;
		case MT_INT32:
			*(int32_t *)p = (int32_t)f->def;
			break;
		case MT_UINT32:
			*(uint32_t *)p = (uint32_t)f->def;
			break;
		case MT_INT64:
			*(int64_t *)p = f->def;
			break;
		case MT_STRING:
			*(char **)p = f->def_null ? NULL : msg_empty_str;
			break;
		case MT_BYTES:
			bytes = p;
			bytes->null = f->def_null;
			break;
		case MT_ARRAY:
			arr = p;
			arr->null = f->def_null;
			break;
		case MT_STRUCT:
			msg_init(f->sub, p);
			break;
		default:
			break; /* float64 and uuid default to zero */
		}
	}
}

static bool
msg_struct_is_default(const struct mstruct *s, const void *obj)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		if (!msg_field_is_default(&s->fields[i], obj))
			return false;
	return true;
}

bool
msg_field_is_default(const struct mfield *f, const void *obj)
{
	static const struct kuuid zero;
	const void *p = CFIELD(obj, f);
	const struct karray *arr = p;
	const struct kbytes *bytes = p;
	const char *str;
	double d;

	switch (f->type) {
	case MT_BOOL:
		return *(const bool *)p == (f->def != 0);
	case MT_INT8:
		return *(const int8_t *)p == f->def;
	case MT_INT16:
		return *(const int16_t *)p == f->def;
	case MT_UINT16:
		return *(const uint16_t *)p == f->def;
	case MT_INT32:
		return *(const int32_t *)p == f->def;
	case MT_UINT32:
		return *(const uint32_t *)p == f->def;
	case MT_INT64:
		return *(const int64_t *)p == f->def;
	case MT_FLOAT64:
		memcpy(&d, p, sizeof d);
		return d == 0 && !signbit(d);
	case MT_STRING:
		str = *(char *const *)p;
		return f->def_null ? str == NULL : str != NULL && *str == '\0';
	case MT_BYTES:
		return f->def_null ? bytes->null
				   : !bytes->null && bytes->len == 0;
	case MT_UUID:
		return memcmp(p, &zero, sizeof zero) == 0;
	case MT_ARRAY:
		return f->def_null ? arr->null : !arr->null && arr->n == 0;
	case MT_STRUCT:
		return msg_struct_is_default(f->sub, p);
	case MT_NONE:
		break;
	}
	return false;
}

/*
 * The elements of an array of int32 or uuid, the commonest (replicas,
 * ISR, directories), in one reservation; false for other types.
 */
static bool
msg_put_fixed_array(struct buf *b, enum mtype t, const struct karray *arr)
{
	const int32_t *v = arr->v;
	uint8_t *p;
	uint32_t u;
	size_t i;

	if (arr->n == 0)
		return t == MT_UUID || t == MT_INT32;
	if (t == MT_UUID) {
		buf_put(b, arr->v, arr->n * sizeof(struct kuuid));
		return true;
	}
	if (t != MT_INT32)
		return false;
	p = buf_reserve(b, arr->n * 4);
	for (i = 0; i < arr->n; i++, p += 4) {
		u = (uint32_t)v[i];
		p[0] = (uint8_t)(u >> 24);
		p[1] = (uint8_t)(u >> 16);
		p[2] = (uint8_t)(u >> 8);
		p[3] = (uint8_t)u;
	}
	return true;
}

static void
msg_put_value(struct buf *b, const struct mfield *f, enum mtype t,
    const void *p, int version, bool nullable)
{
	const struct karray *arr;
	const struct kbytes *bytes;
	const char *str;
	uint64_t bits;
	size_t i, len, esz;

	switch (t) {
	case MT_BOOL:
		buf_put_u8(b, *(const bool *)p ? 1 : 0);
		break;
	case MT_INT8:
		buf_put_u8(b, (uint8_t) * (const int8_t *)p);
		break;
	case MT_INT16:
		buf_put_be16(b, (uint16_t) * (const int16_t *)p);
		break;
	case MT_UINT16:
		buf_put_be16(b, *(const uint16_t *)p);
		break;
	case MT_INT32:
		buf_put_be32(b, (uint32_t) * (const int32_t *)p);
		break;
	case MT_UINT32:
		buf_put_be32(b, *(const uint32_t *)p);
		break;
	case MT_INT64:
		buf_put_be64(b, (uint64_t) * (const int64_t *)p);
		break;
	case MT_FLOAT64:
		memcpy(&bits, p, sizeof bits);
		buf_put_be64(b, bits);
		break;
	case MT_STRING:
		str = *(char *const *)p;
		if (str == NULL) {
			if (!nullable)
				fatalx("msg_encode: %s is null", f->name);
			buf_put_uvarint(b, 0);
			break;
		}
		len = strlen(str);
		if (len > MSG_STRING_MAX)
			fatalx("msg_encode: %s is longer than %d bytes",
			    f->name, MSG_STRING_MAX);
		buf_put_uvarint(b, len + 1);
		buf_put(b, str, len);
		break;
	case MT_BYTES:
		bytes = p;
		if (bytes->null) {
			if (!nullable)
				fatalx("msg_encode: %s is null", f->name);
			buf_put_uvarint(b, 0);
			break;
		}
		buf_put_uvarint(b, (uint64_t)bytes->len + 1);
		buf_put(b, bytes->p, bytes->len);
		break;
	case MT_UUID:
		buf_put(b, p, sizeof(struct kuuid));
		break;
	case MT_STRUCT:
		msg_encode(b, f->sub, version, p);
		break;
	case MT_ARRAY:
		arr = p;
		if (arr->null) {
			if (!nullable)
				fatalx("msg_encode: %s is null", f->name);
			buf_put_uvarint(b, 0);
			break;
		}
		buf_put_uvarint(b, (uint64_t)arr->n + 1);
		if (msg_put_fixed_array(b, f->elem, arr))
			break;
		esz = msg_elem_size(f);
		for (i = 0; i < arr->n; i++)
			msg_put_value(b, f, f->elem,
			    (const char *)arr->v + i * esz, version, false);
		break;
	case MT_NONE:
		fatalx("msg_encode: %s has no type", f->name);
	}
}

/* A tagged field to write: a known field, or one kept from a file. */
struct msg_tagged {
	uint32_t tag;
	const struct mfield *f;
	const struct ktag *unknown;
};

static int
msg_tagged_cmp(const void *a, const void *b)
{
	const struct msg_tagged *x = a, *y = b;

	return x->tag < y->tag ? -1 : x->tag > y->tag;
}

void
msg_encode(struct buf *b, const struct mstruct *s, int version, const void *obj)
{
	const struct ktags *unknown;
	struct msg_tagged small[16], *tagged = small;
	const struct mfield *f;
	struct buf tmp = {0};
	size_t i, n = 0;

	unknown = (const struct ktags *)((const char *)obj + s->tags_off);
	/* Most structs fit the stack array; records are encoded by the 100k. */
	if (s->nfields + unknown->n > sizeof small / sizeof small[0])
		tagged = xcalloc(s->nfields + unknown->n, sizeof *tagged);
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		if (!msg_field_in(f, version)) {
			if (!msg_field_is_default(f, obj))
				fatalx("msg_encode: %s.%s is not in version %d "
				       "but is set",
				    s->name, f->name, version);
			continue;
		}
		if (msg_field_tagged(f, version)) {
			if (!msg_field_is_default(f, obj))
				tagged[n++] =
				    (struct msg_tagged){f->tag, f, NULL};
			continue;
		}
		msg_put_value(b, f, f->type, CFIELD(obj, f), version,
		    msg_field_nullable(f, version));
	}
	for (i = 0; i < unknown->n; i++)
		tagged[n++] = (struct msg_tagged){
		    unknown->v[i].tag, NULL, &unknown->v[i]};
	if (n > 1)
		qsort(tagged, n, sizeof *tagged, msg_tagged_cmp);
	buf_put_uvarint(b, n);
	for (i = 0; i < n; i++) {
		buf_put_uvarint(b, tagged[i].tag);
		if (tagged[i].unknown != NULL) {
			buf_put_uvarint(b, tagged[i].unknown->len);
			buf_put(
			    b, tagged[i].unknown->data, tagged[i].unknown->len);
			continue;
		}
		tmp.len = 0;
		f = tagged[i].f;
		msg_put_value(&tmp, f, f->type, CFIELD(obj, f), version,
		    msg_field_nullable(f, version));
		buf_put_uvarint(b, tmp.len);
		buf_put(b, tmp.data, tmp.len);
	}
	buf_free(&tmp);
	if (tagged != small)
		free(tagged);
}

/* The fewest bytes one value of type t can take on the wire. */
static size_t
msg_min_size(enum mtype t, const struct mstruct *sub, int version)
{
	size_t i, n = msg_fixed_size(t);

	if (n != 0)
		return n;
	if (t != MT_STRUCT)
		return 1; /* a compact length */
	n = 1;            /* the tagged-field count */
	for (i = 0; i < sub->nfields; i++)
		if (msg_field_in(&sub->fields[i], version) &&
		    !msg_field_tagged(&sub->fields[i], version))
			n += msg_min_size(
			    sub->fields[i].type, sub->fields[i].sub, version);
	return n;
}

/*
 * Read a compact length: -1 for null, else the length.  A null where the
 * field is not nullable fails with notnull as the reason.
 */
static int
msg_get_length(struct bufr *r, bool nullable, const char *notnull, int64_t *len)
{
	uint64_t raw;

	if (bufr_get_uvarint(r, 32, &raw) == -1)
		return -1;
	*len = (int64_t)raw - 1;
	if (*len == -1 && !nullable) {
		r->why = notnull;
		return -1;
	}
	return 0;
}

/* A fixed-width value of n bytes: a big-endian number or a UUID. */
static int
msg_get_fixed(struct bufr *r, enum mtype t, size_t n, void *p)
{
	const uint8_t *raw;
	uint8_t u8;

	if (t == MT_UUID) {
		if (bufr_get(r, n, &raw) == -1)
			return -1;
		memcpy(p, raw, n);
		return 0;
	}
	if (t != MT_BOOL)
		return bufr_get_be(r, p, n);
	if (bufr_get_u8(r, &u8) == -1)
		return -1;
	*(bool *)p = u8 != 0;
	return 0;
}

static int
msg_get_string(struct bufr *r, char **p, bool nullable, struct arena *a)
{
	const uint8_t *raw;
	int64_t len;

	if (msg_get_length(
		r, nullable, "null in a non-nullable string", &len) == -1)
		return -1;
	if (len == -1) {
		*p = NULL;
		return 0;
	}
	if (len > MSG_STRING_MAX) {
		r->why = "string longer than 32767 bytes";
		return -1;
	}
	if (bufr_get(r, (size_t)len, &raw) == -1)
		return -1;
	if (memchr(raw, '\0', (size_t)len) != NULL) {
		r->why = "string contains a NUL byte";
		return -1;
	}
	if (!utf8_valid(raw, (size_t)len)) {
		r->why = "string is not valid UTF-8";
		return -1;
	}
	*p = arena_strndup(a, (const char *)raw, (size_t)len);
	return 0;
}

static int
msg_get_bytes(
    struct bufr *r, struct kbytes *bytes, bool nullable, struct arena *a)
{
	const uint8_t *raw;
	int64_t len;

	if (msg_get_length(
		r, nullable, "null in a non-nullable bytes field", &len) == -1)
		return -1;
	if (len == -1) {
		*bytes = (struct kbytes){NULL, 0, true};
		return 0;
	}
	if (bufr_get(r, (size_t)len, &raw) == -1)
		return -1;
	*bytes = (struct kbytes){
	    arena_memdup(a, raw, (size_t)len), (size_t)len, false};
	return 0;
}

/* A field's value at start is bad: r->why says how. */
static int
msg_bad(const struct bufr *r, const struct mstruct *s, const struct mfield *f,
    size_t start, struct error *e)
{
	return error_set(e, EXIT_FAIL, "offset %zu: %s.%s: %s", start, s->name,
	    f->name, r->why);
}

static int msg_get_value(struct bufr *, const struct mstruct *,
    const struct mfield *, enum mtype, void *, int, bool, struct arena *,
    struct error *);

/* An array's count, then its elements; -1 with e set. */
static int
msg_get_array(struct bufr *r, const struct mstruct *s, const struct mfield *f,
    struct karray *arr, int version, bool nullable, struct arena *a,
    struct error *e)
{
	size_t start = bufr_pos(r), i, esz, emin;
	int64_t len;

	if (msg_get_length(r, nullable, "null in a non-nullable array", &len) ==
	    -1)
		goto bad;
	if (len == -1) {
		*arr = (struct karray){NULL, 0, true};
		return 0;
	}
	emin = msg_min_size(f->elem, f->sub, version);
	if ((uint64_t)len > bufr_left(r) / emin) {
		r->why = "array count larger than the bytes left";
		goto bad;
	}
	esz = msg_elem_size(f);
	*arr = (struct karray){
	    arena_alloc(a, (size_t)len * esz), (size_t)len, false};
	for (i = 0; i < arr->n; i++)
		if (msg_get_value(r, s, f, f->elem, (char *)arr->v + i * esz,
			version, false, a, e) == -1)
			return -1;
	return 0;
bad:
	return msg_bad(r, s, f, start, e);
}

static int
msg_get_value(struct bufr *r, const struct mstruct *s, const struct mfield *f,
    enum mtype t, void *p, int version, bool nullable, struct arena *a,
    struct error *e)
{
	size_t start = bufr_pos(r), n;
	int ret;

	switch (t) {
	case MT_STRUCT:
		return msg_decode(r, f->sub, version, p, a, e);
	case MT_ARRAY:
		return msg_get_array(r, s, f, p, version, nullable, a, e);
	case MT_STRING:
		ret = msg_get_string(r, p, nullable, a);
		break;
	case MT_BYTES:
		ret = msg_get_bytes(r, p, nullable, a);
		break;
	default:
		if ((n = msg_fixed_size(t)) != 0)
			ret = msg_get_fixed(r, t, n, p);
		else {
			r->why = "field of unknown type";
			ret = -1;
		}
		break;
	}
	return ret == -1 ? msg_bad(r, s, f, start, e) : 0;
}

static int
msg_get_tagged(struct bufr *r, const struct mstruct *s, int version, void *obj,
    struct arena *a, struct error *e)
{
	struct ktags *unknown = (struct ktags *)((char *)obj + s->tags_off);
	const struct mfield *f = NULL;
	struct bufr sub;
	size_t start = bufr_pos(r), i, j;
	uint64_t n, tag, size;
	const uint8_t *raw;

	if (bufr_get_uvarint(r, 32, &n) == -1)
		goto bad;
	if (n > bufr_left(r) / 2) {
		r->why = "tagged-field count larger than the bytes left";
		goto bad;
	}
	for (i = 0; i < n; i++) {
		start = bufr_pos(r);
		if (bufr_get_uvarint(r, 32, &tag) == -1 ||
		    bufr_get_uvarint(r, 32, &size) == -1 ||
		    bufr_sub(r, size, &sub) == -1)
			goto bad;
		for (j = 0; j < s->nfields; j++) {
			f = &s->fields[j];
			if (msg_field_tagged(f, version) &&
			    (uint64_t)f->tag == tag)
				break;
		}
		if (j < s->nfields) {
			if (msg_get_value(&sub, s, f, f->type,
				(char *)obj + f->off, version, true, a,
				e) == -1)
				return -1;
			if (bufr_left(&sub) != 0)
				return error_set(e, EXIT_FAIL,
				    "offset %zu: %s.%s: tagged field of %zu "
				    "bytes holds %zu bytes of garbage",
				    start, s->name, f->name, sub.len,
				    bufr_left(&sub));
			continue;
		}
		if (unknown->v == NULL)
			unknown->v = arena_alloc(a, n * sizeof *unknown->v);
		bufr_get(&sub, sub.len, &raw);
		unknown->v[unknown->n++] = (struct ktag){
		    (uint32_t)tag, arena_memdup(a, raw, sub.len), sub.len};
	}
	return 0;
bad:
	return error_set(e, EXIT_FAIL, "offset %zu: %s: tagged fields: %s",
	    start, s->name, r->why);
}

int
msg_decode(struct bufr *r, const struct mstruct *s, int version, void *obj,
    struct arena *a, struct error *e)
{
	const struct mfield *f;
	size_t i;

	msg_init(s, obj);
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		if (!msg_field_in(f, version) || msg_field_tagged(f, version))
			continue;
		if (msg_get_value(r, s, f, f->type, FIELD(obj, f), version,
			msg_field_nullable(f, version), a, e) == -1)
			return -1;
	}
	return msg_get_tagged(r, s, version, obj, a, e);
}

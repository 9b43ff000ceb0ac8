/*
 * The typed cluster model: walks the Kafka subtree of a struct tree and
 * turns every znode Kafka writes into the structs of model.h
 * (zookeeper-layout.md sections 2 and 3).  It sits between the tree
 * (zk.c, tree_load()) and everything that reports on or converts a
 * cluster.
 *
 * Decoding follows Kafka 3.9's own readers (ZkData.scala and the
 * migration clients) wherever they differ from what the layout "should"
 * be, because the point is to predict what Kafka's migration would do
 * with these bytes.  A bad znode never stops the walk: it becomes a
 * struct model_diag, and the rest of the tree is read.
 *
 * jansson appears only in this file.  Strings are copied into the model's
 * arena; nothing points into a json_t or into the tree.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "b64.h"
#include "jnum.h"
#include "log.h"
#include "model.h"
#include "tree.h"
#include "utf8.h"
#include "xmalloc.h"

/* Longest piece of a znode's content quoted in a diagnostic. */
#define MODEL_QUOTE_MAX 64

#define MODEL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A growable array used while a section is read; the result is copied
 * into the arena so the model holds no malloc'd memory. */
struct model_vec {
	void *v;
	size_t n;
	size_t cap;
};

struct model_ctx {
	struct model *m;
	const struct tree *t;
	const struct znode *root;
	struct model_vec diags; /* struct model_diag */
	/* What Kafka 3.9's migration does with the znode being read when
	 * it is malformed, appended to the message of each error; NULL for
	 * znodes the migration does not read. */
	const char *kafka;
	/* What it does with a string holding U+0000, when that differs. */
	const char *kafka_nul;
};

/* What Kafka's migration does, for the messages (see model_ctx.kafka). */
#define MODEL_KAFKA_FAILS "Kafka's migration fails on it"
#define MODEL_KAFKA_NUL                                                        \
	"Kafka reads the string with its NUL character (U+0000), which "       \
	"zk2kraft cannot hold"

/* ---- Small utilities -------------------------------------------------- */

static void *
model_vec_push(struct model_vec *v, size_t size)
{
	void *p;

	if (v->n == v->cap) {
		v->cap = v->cap == 0 ? 16 : v->cap * 2;
		v->v = xreallocarray(v->v, v->cap, size);
	}
	p = (char *)v->v + v->n * size;
	memset(p, 0, size);
	v->n++;
	return p;
}

/* Move v's elements into the arena; v is empty afterwards. */
static void *
model_vec_take(struct model *m, struct model_vec *v, size_t size, size_t *n)
{
	void *p = NULL;

	*n = v->n;
	if (v->n > 0)
		p = arena_memdup(&m->arena, v->v, v->n * size);
	free(v->v);
	memset(v, 0, sizeof *v);
	return p;
}

static const char *
model_strdup(struct model_ctx *c, const char *s)
{
	return arena_strndup(&c->m->arena, s, strlen(s));
}

static char *model_printf(struct model_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static char *model_vprintf(struct model_ctx *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static char *
model_vprintf(struct model_ctx *c, const char *fmt, va_list ap)
{
	va_list ap2;
	char *s;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("model: bad format %s", fmt);
	s = arena_alloc(&c->m->arena, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char *
model_printf(struct model_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = model_vprintf(c, fmt, ap);
	va_end(ap);
	return s;
}

/*
 * s quoted for a diagnostic: escaped so it stays on one line, and cut at
 * MODEL_QUOTE_MAX bytes since a znode may hold a megabyte.
 */
static const char *
model_q(struct model_ctx *c, const char *s)
{
	char *out, *o;
	size_t i;

	out = o = arena_alloc(&c->m->arena, MODEL_QUOTE_MAX * 4 + 8);
	*o++ = '"';
	for (i = 0; s[i] != '\0' && i < MODEL_QUOTE_MAX; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\')
			o += sprintf(o, "\\x%02x", ch);
		else
			*o++ = (char)ch;
	}
	*o++ = '"';
	if (s[i] != '\0') {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

static void model_vdiag(struct model_ctx *, enum model_severity, const char *,
    const char *, const char *, const char *, va_list)
    __attribute__((format(printf, 6, 0)));
static void model_diag(struct model_ctx *, enum model_severity, const char *,
    const char *, const char *, ...) __attribute__((format(printf, 5, 6)));
static void model_diagk(struct model_ctx *, enum model_severity, const char *,
    const char *, const char *, const char *, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Record a diagnostic.  code is a static string; path and the message are
 * copied.  kafka, when not NULL, says what Kafka's migration does with
 * the znode and ends the message.  The message is forced onto one line
 * and into UTF-8, since it may quote jansson's view of arbitrary bytes.
 */
static void
model_vdiag(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *kafka, const char *fmt, va_list ap)
{
	struct model_diag *d;
	char *msg, *p;
	bool utf8;

	msg = model_vprintf(c, fmt, ap);
	if (kafka != NULL)
		msg = model_printf(c, "%s; %s", msg, kafka);
	utf8 = utf8_valid((const uint8_t *)msg, strlen(msg));
	for (p = msg; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x20 || ch == 0x7f || (!utf8 && ch >= 0x80))
			*p = '?';
	}
	d = model_vec_push(&c->diags, sizeof *d);
	d->severity = sev;
	d->code = code;
	d->path = model_strdup(c, path);
	d->msg = msg;
}

/* A diagnostic; an error ends with what Kafka does (model_ctx.kafka). */
static void
model_diag(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	model_vdiag(
	    c, sev, code, path, sev == MODEL_ERROR ? c->kafka : NULL, fmt, ap);
	va_end(ap);
}

/* What Kafka does with a string holding U+0000 (see model_ctx). */
static const char *
model_kafka_nul(const struct model_ctx *c)
{
	return c->kafka_nul != NULL ? c->kafka_nul : c->kafka;
}

/* A diagnostic ending with kafka instead (NULL: nothing). */
static void
model_diagk(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *kafka, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	model_vdiag(c, sev, code, path, kafka, fmt, ap);
	va_end(ap);
}

static const struct znode *
model_at(struct model_ctx *c, const char *rel)
{
	return tree_at(c->t, c->root, rel);
}

/*
 * What Kafka's migration does where Integer.parseInt() reads s and fails:
 * it fails too, but Java also reads non-ASCII digits, which zk2kraft does
 * not.
 */
static const char *
model_kafka_int(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return "Kafka's migration fails on it unless all its "
			       "characters are digits (Java's Integer.parseInt "
			       "also reads non-ASCII digits)";
	return MODEL_KAFKA_FAILS;
}

static int
model_b64_value(unsigned char ch, bool url)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == (url ? '-' : '+'))
		return 62;
	if (ch == (url ? '_' : '/'))
		return 63;
	return -1;
}

/*
 * java.util.Base64's basic (url false) or URL decoder: one alphabet only,
 * padding optional but exact when present, leftover bits ignored, a
 * dangling single character rejected.  Returns the arena copy of the
 * bytes, or NULL.
 */
static uint8_t *
model_b64(struct model_ctx *c, const char *s, bool url, size_t *len)
{
	size_t n = strlen(s), i, o = 0, npad = 0, ndig;
	uint32_t bits = 0;
	uint8_t *out;
	int d, k = 0;

	while (npad < n && npad < 3 && s[n - 1 - npad] == '=')
		npad++;
	ndig = n - npad;
	if (npad > 0 && (npad > 2 || (ndig + npad) % 4 != 0 || ndig % 4 < 2))
		return NULL;
	if (ndig % 4 == 1)
		return NULL;
	out = arena_alloc(&c->m->arena, ndig * 3 / 4 + 1);
	for (i = 0; i < ndig; i++) {
		if ((d = model_b64_value((unsigned char)s[i], url)) == -1)
			return NULL;
		bits = bits << 6 | (uint32_t)d;
		if (++k == 4) {
			out[o++] = (uint8_t)(bits >> 16);
			out[o++] = (uint8_t)(bits >> 8);
			out[o++] = (uint8_t)bits;
			bits = 0;
			k = 0;
		}
	}
	if (k == 2)
		out[o++] = (uint8_t)(bits >> 4);
	else if (k == 3) {
		out[o++] = (uint8_t)(bits >> 10);
		out[o++] = (uint8_t)(bits >> 2);
	}
	*len = o;
	return out;
}

/* Kafka's Uuid.fromString: base64url of exactly 16 bytes, 24 chars max. */
static bool
model_uuid(struct model_ctx *c, const char *s, struct kuuid *u)
{
	uint8_t *p;
	size_t len;

	if (strlen(s) > 24 || (p = model_b64(c, s, true, &len)) == NULL ||
	    len != 16)
		return false;
	memcpy(u->b, p, 16);
	return true;
}

/* ---- JSON access ------------------------------------------------------ */

static const char *
model_json_type(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a real number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		break;
	}
	return "null";
}

/* Only Jackson's whitespace between tokens (or nothing). */
static bool
model_blank(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

/*
 * n's data (not NULL) parsed as Kafka's Jackson ObjectMapper.readTree()
 * reads it: a UTF-8 byte order mark is skipped, and what follows the first
 * JSON value is never looked at (a warning here).  Returns the value
 * (caller decrefs), or NULL with *blank set when the data holds no value
 * at all (Jackson's MissingNode, which Kafka's readers then refuse as not
 * an object), or NULL with err filled when it does not parse (Jackson
 * throws, and Kafka's Json.parseBytes() returns None).  JSON_ALLOW_NUL
 * because Jackson accepts "\u0000"; the string getters refuse such
 * strings themselves.
 */
static json_t *
model_parse(
    struct model_ctx *c, const struct znode *n, json_error_t *err, bool *blank)
{
	const uint8_t *p = n->data;
	size_t len = n->len, used;
	bool bom = false;
	json_t *j;

	*blank = false;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
		bom = true;
	}
	/* Jackson fails on a byte order mark with nothing after it. */
	if (!bom && model_blank(p, len)) {
		*blank = true;
		return NULL;
	}
	j = json_loadb((const char *)p, len,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK, err);
	if (j == NULL)
		return NULL;
	used = err->position < 0 ? 0 : (size_t)err->position;
	if (used < len && !model_blank(p + used, len - used))
		model_diagk(c, MODEL_WARNING, "trailing-data", n->path, NULL,
		    "%zu bytes after the json value (Kafka ignores them)",
		    len - used);
	return j;
}

/*
 * Parse n's data as a JSON object.  Returns it (caller decrefs), or NULL
 * after an error.  lost says what Kafka does when the data does not
 * parse (NULL: as for any other error, c->kafka).
 */
static json_t *
model_json(struct model_ctx *c, const struct znode *n, const char *lost)
{
	json_error_t err;
	bool blank;
	json_t *j;

	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", n->path,
		    "no data where a json object was expected");
		return NULL;
	}
	if ((j = model_parse(c, n, &err, &blank)) == NULL) {
		if (blank)
			model_diag(c, MODEL_ERROR, "malformed-json", n->path,
			    "%s where a json object was expected",
			    n->len == 0 ? "empty data" : "only whitespace");
		else if (strstr(err.text, "NUL byte in object key") != NULL)
			/* Jackson reads it; jansson cannot. */
			model_diagk(c, MODEL_ERROR, "malformed-json", n->path,
			    MODEL_KAFKA_NUL,
			    "json: line %d column %d: an object key with a NUL "
			    "character",
			    err.line, err.column);
		else
			model_diagk(c, MODEL_ERROR, "malformed-json", n->path,
			    lost != NULL ? lost : c->kafka,
			    "malformed json: line %d column %d: %s", err.line,
			    err.column, err.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "expected a json object, found %s", model_json_type(j));
		json_decref(j);
		return NULL;
	}
	return j;
}

/*
 * Integer field key of obj in [min, max] (what names the range for the
 * message).  Returns 0, 1 when absent (no diagnostic), -1 after one.
 * Jackson's isInt/isLong are exact, so reals such as 1.0 are refused.
 */
static int
model_get_int(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int64_t min, int64_t max, const char *what,
    int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	json_int_t x;

	if (v == NULL)
		return 1;
	if (!json_is_integer(v)) {
		model_diag(c, sev, "wrong-type", path,
		    "field \"%s\": expected %s, found %s", key, what,
		    model_json_type(v));
		return -1;
	}
	x = json_integer_value(v);
	if (x < min || x > max) {
		model_diag(c, sev, "wrong-type", path,
		    "field \"%s\": expected %s, found %lld", key, what,
		    (long long)x);
		return -1;
	}
	*out = x;
	return 0;
}

#define MODEL_I16 INT16_MIN, INT16_MAX, "a 16-bit integer"
#define MODEL_I32 INT32_MIN, INT32_MAX, "a 32-bit integer"
#define MODEL_I64 INT64_MIN, INT64_MAX, "a 64-bit integer"

static int
model_get_i32(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int32_t *out)
{
	int64_t v;
	int r;

	if ((r = model_get_int(c, sev, path, obj, key, MODEL_I32, &v)) == 0)
		*out = (int32_t)v;
	return r;
}

/* As model_get_i32() but absence is an error too: 0 or -1. */
static int
model_need_i32(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int32_t *out)
{
	int r = model_get_i32(c, sev, path, obj, key, out);

	if (r == 1)
		model_diag(c, sev, "missing-field", path,
		    "field \"%s\" is missing", key);
	return r == 0 ? 0 : -1;
}

static int
model_need_i64(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int64_t *out)
{
	int r = model_get_int(c, sev, path, obj, key, MODEL_I64, out);

	if (r == 1)
		model_diag(c, sev, "missing-field", path,
		    "field \"%s\" is missing", key);
	return r == 0 ? 0 : -1;
}

/* A JSON string without NUL bytes (C strings cannot hold them). */
static const char *
model_json_str(json_t *v)
{
	const char *s;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return NULL;
	return s;
}

/*
 * String field: returns 0 with *out borrowed from obj, 1 when absent (or
 * JSON null with null_ok), -1 after a diagnostic.
 */
static int
model_get_str(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, bool null_ok, const char **out)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || (null_ok && json_is_null(v)))
		return 1;
	if (!json_is_string(v)) {
		model_diag(c, sev, "wrong-type", path,
		    "field \"%s\": expected a string, found %s", key,
		    model_json_type(v));
		return -1;
	}
	if ((*out = model_json_str(v)) == NULL) {
		model_diagk(c, sev, "bad-value", path,
		    sev == MODEL_ERROR ? model_kafka_nul(c) : NULL,
		    "field \"%s\": the string contains a nul character", key);
		return -1;
	}
	return 0;
}

static int
model_need_str(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, const char **out)
{
	int r = model_get_str(c, sev, path, obj, key, false, out);

	if (r == 1)
		model_diag(c, sev, "missing-field", path,
		    "field \"%s\" is missing", key);
	return r == 0 ? 0 : -1;
}

/*
 * v as an array of int32 (what names it in the message).  Returns 0 with
 * an arena array, or -1 after a diagnostic.
 */
static int
model_int_array(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *v, const char *what, int32_t **out, size_t *n)
{
	json_int_t x;
	size_t i;

	if (!json_is_array(v))
		goto bad;
	*n = json_array_size(v);
	*out = arena_alloc(&c->m->arena, *n * sizeof **out);
	for (i = 0; i < *n; i++) {
		if (!json_is_integer(json_array_get(v, i)))
			goto bad;
		x = json_integer_value(json_array_get(v, i));
		if (x < INT32_MIN || x > INT32_MAX)
			goto bad;
		(*out)[i] = (int32_t)x;
	}
	return 0;
bad:
	model_diag(c, sev, "wrong-type", path,
	    "%s: expected an array of 32-bit integers", what);
	return -1;
}

/*
 * "version" when present and not want: a warning, since Kafka's reader
 * ignores it.  Returns the version read, or want.
 */
static int32_t
model_check_version(
    struct model_ctx *c, const char *path, json_t *obj, int32_t want)
{
	int32_t v;

	if (model_get_i32(c, MODEL_WARNING, path, obj, "version", &v) != 0)
		return want;
	if (v != want)
		model_diag(c, MODEL_WARNING, "unknown-version", path,
		    "version %d, expected %d (read anyway: Kafka ignores it)",
		    (int)v, (int)want);
	return v;
}

/* ---- Sanitized names and Java number syntax --------------------------- */

/*
 * Length of the UTF-8 sequence s starts (len bytes available) and whether
 * it is one UTF-16 unit of Java's (a character below U+10000) or two.
 * Bytes that start no sequence count as one byte and one unit: the
 * ZooKeeper client would have made them U+FFFD.
 */
static size_t
model_unit(const unsigned char *s, size_t len, bool *pair)
{
	size_t n = *s < 0xc0 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;

	*pair = n == 4;
	return n <= len ? n : len;
}

/*
 * One %-escape at s[-1] (len bytes after the '%'): Integer.parseInt() of
 * the next two UTF-16 units in radix 16, which takes "+X" and "-X" (only
 * "-0" is not negative).  Returns the bytes consumed after the '%', with
 * *v the value, or 0 with MODEL_NAME_BAD in *flags (URLDecoder throws).
 * A non-ASCII character, perhaps a Unicode digit, sets MODEL_NAME_WIDE
 * and gives '?', so that the caller can look for a later bad escape.
 */
static size_t
model_escape(const unsigned char *s, size_t len, int *v, unsigned *flags)
{
	size_t n1, n2;
	bool pair1, pair2;
	int d1, d2, sign = 0;

	/* Fewer than two units left: "Incomplete trailing escape". */
	if (len == 0) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	n1 = model_unit(s, len, &pair1);
	if (n1 == len || pair1) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	n2 = model_unit(s + n1, len - n1, &pair2);
	if (pair2 ||
	    (n1 == 1 && jnum_hexval(s[0]) == -1 && s[0] != '+' &&
		s[0] != '-') ||
	    (n2 == 1 && jnum_hexval(s[n1]) == -1)) {
		*flags |= MODEL_NAME_BAD;
		return 0;
	}
	if (n1 > 1 || n2 > 1) {
		*flags |= MODEL_NAME_WIDE;
		*v = '?';
		return n1 + n2;
	}
	if (s[0] == '+' || s[0] == '-') {
		sign = s[0] == '-' ? -1 : 1;
		*flags |= MODEL_NAME_SIGNED;
	}
	d1 = sign != 0 ? 0 : jnum_hexval(s[0]);
	d2 = jnum_hexval(s[1]);
	*v = sign == -1 ? -d2 : d1 << 4 | d2;
	if (*v < 0) {
		*flags |= MODEL_NAME_BAD; /* "negative value" */
		return 0;
	}
	return 2;
}

/*
 * Java's URLDecoder.decode(s, UTF-8), which Kafka's Sanitizer.desanitize()
 * calls, as Java 8 to 24 run it: "+" is a space; each run of %-escapes is
 * turned into bytes and decoded with replacement (utf8_java_decode()).
 */
const char *
model_desanitize(struct arena *a, const char *name, unsigned *flags)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name), i = 0, j, n = 0, nb, used;
	unsigned char *bytes;
	const char *res = NULL;
	uint8_t *out;
	bool replaced = false;
	int v;

	*flags = 0;
	out = xmalloc(3 * len + 1);
	bytes = xmalloc(len + 1);
	while (i < len) {
		if (s[i] == '+') {
			out[n++] = ' ';
			i++;
		} else if (s[i] == '%') {
			for (nb = 0; i < len && s[i] == '%'; i += 1 + used) {
				used = model_escape(
				    s + i + 1, len - i - 1, &v, flags);
				if (used == 0)
					goto out;
				bytes[nb++] = (unsigned char)v;
			}
			if (memchr(bytes, '\0', nb) != NULL)
				*flags |= MODEL_NAME_NUL;
			n += utf8_java_decode(bytes, nb, out + n, &replaced);
		} else {
			for (j = i; j < len && s[j] != '+' && s[j] != '%'; j++)
				;
			n += utf8_java_decode(s + i, j - i, out + n, &replaced);
			i = j;
		}
	}
	if (replaced)
		*flags |= MODEL_NAME_REPLACED;
	if ((*flags & (MODEL_NAME_WIDE | MODEL_NAME_NUL)) == 0)
		res = arena_strndup(a, (const char *)out, n);
out:
	free(bytes);
	free(out);
	return res;
}

/* ---- Cluster id, controller --------------------------------------------- */

/* /cluster/id (2.1): the id must be a Kafka Uuid for the KRaft format. */
static void
model_read_cluster_id(struct model_ctx *c)
{
	const struct znode *n;
	const char *id;
	json_t *j, *v;

	if ((n = model_at(c, "cluster/id")) == NULL)
		return;
	if ((j = model_json(c, n, NULL)) == NULL)
		return;
	/* "version" is the string "1"; Kafka never reads it. */
	v = json_object_get(j, "version");
	if (v != NULL &&
	    (!json_is_string(v) || strcmp(json_string_value(v), "1") != 0))
		model_diag(c, MODEL_WARNING, "unknown-version", n->path,
		    "version is not the string \"1\" (read anyway: Kafka "
		    "ignores it)");
	if (model_need_str(c, MODEL_ERROR, n->path, j, "id", &id) == 0) {
		c->m->cluster_id = model_strdup(c, id);
		if (model_uuid(c, id, &c->m->cluster_uuid))
			c->m->has_cluster_uuid = true;
		else
			model_diag(c, MODEL_ERROR, "bad-cluster-id", n->path,
			    "cluster id %s is not a base64url uuid "
			    "(22 characters for 16 bytes)",
			    model_q(c, id));
	}
	json_decref(j);
}

/*
 * /controller and /controller_epoch (2.2).  The controller is present
 * whenever its znode exists: that alone says a controller (or a KRaft
 * migration) holds the cluster, even when its data cannot be read.
 */
static void
model_read_controller(struct model_ctx *c)
{
	struct model_controller *ctl = &c->m->controller;
	const struct znode *n;
	char *text;
	int32_t v;
	json_t *j;

	if ((n = model_at(c, "controller")) != NULL) {
		ctl->present = true;
		ctl->ephemeral = n->stat.ephemeral_owner != 0;
		ctl->broker_id = -1;
		ctl->kraft_controller_epoch = -1;
		if ((j = model_json(c, n, NULL)) != NULL) {
			if (model_get_i32(c, MODEL_WARNING, n->path, j,
				"version", &v) == 0) {
				ctl->version = v;
				if (v < 1 || v > 2)
					model_diag(c, MODEL_WARNING,
					    "unknown-version", n->path,
					    "version %d, expected 1 or 2 "
					    "(read anyway: Kafka ignores it)",
					    (int)v);
			}
			(void)model_need_i32(c, MODEL_ERROR, n->path, j,
			    "brokerid", &ctl->broker_id);
			(void)model_get_i32(c, MODEL_ERROR, n->path, j,
			    "kraftControllerEpoch",
			    &ctl->kraft_controller_epoch);
			json_decref(j);
		}
	}

	/* Plain decimal text read with Integer.parseInt: no JSON, no
	 * whitespace. */
	if ((n = model_at(c, "controller_epoch")) == NULL)
		return;
	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", n->path,
		    "no data where a decimal epoch was expected");
		return;
	}
	text = arena_strndup(&c->m->arena, (const char *)n->data, n->len);
	if (strlen(text) != n->len || jnum_parse_i32(text, &v) == -1) {
		model_diag(c, MODEL_ERROR, "bad-value", n->path,
		    "%s is not a decimal 32-bit integer", model_q(c, text));
		return;
	}
	c->m->has_controller_epoch = true;
	c->m->controller_epoch = v;
	c->m->controller_epoch_version = n->stat.version;
}

/* ---- Brokers ------------------------------------------------------------ */

static const char *const model_protocols[] = {
    "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"};

/* SecurityProtocol.forName(): upper-cased, then one of the four. */
static const char *
model_protocol(const char *s)
{
	char up[16];
	size_t i;

	for (i = 0; s[i] != '\0' && i < sizeof up - 1; i++)
		up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
	if (s[i] != '\0')
		return NULL;
	up[i] = '\0';
	for (i = 0; i < MODEL_NELEM(model_protocols); i++)
		if (strcmp(up, model_protocols[i]) == 0)
			return model_protocols[i];
	return NULL;
}

static bool
model_host_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '%' || ch == '.' ||
	    ch == '_' || ch == ':';
}

/*
 * EndPoint.createEndPoint(): the whole string must match
 * ^(.*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+).  The greedy (.*) takes
 * the last "://"; the port follows the last ':'.  protomap is the
 * listener_security_protocol_map (keys compared exactly, as Kafka builds
 * them with new ListenerName()) or NULL.  Returns NULL or why it fails.
 */
static const char *
model_endpoint(struct model_ctx *c, const char *s, json_t *protomap,
    struct model_endpoint *ep)
{
	const char *sep = NULL, *p, *host, *hend, *colon, *proto;
	char *listener;
	size_t i;
	int32_t port;

	for (p = s; (p = strstr(p, "://")) != NULL; p++)
		sep = p;
	if (sep == NULL)
		return "not of the form <listener>://<host>:<port>";
	/* Java's '.' does not match line terminators. */
	for (p = s; p < sep; p++)
		if (*p == '\n' || *p == '\r' ||
		    (p + 1 < sep && (unsigned char)p[0] == 0xc2 &&
			(unsigned char)p[1] == 0x85) ||
		    (p + 2 < sep && (unsigned char)p[0] == 0xe2 &&
			(unsigned char)p[1] == 0x80 &&
			((unsigned char)p[2] == 0xa8 ||
			    (unsigned char)p[2] == 0xa9)))
			return "the listener name contains a line break";
	host = sep + 3;
	if (*host == '[')
		host++;
	if ((colon = strrchr(host, ':')) == NULL)
		return "not of the form <listener>://<host>:<port>";
	hend = colon;
	if (hend > host && hend[-1] == ']')
		hend--;
	for (p = host; p < hend; p++)
		if (!model_host_char(*p))
			return "the host has a character Kafka does not "
			       "accept";
	p = colon + 1;
	if (*p == '-')
		p++;
	if (*p == '\0')
		return "no port";
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return "the port is not a number";
	if (jnum_parse_i32(colon + 1, &port) == -1)
		return "the port does not fit in a 32-bit integer";

	/* ListenerName.normalised(): upper case (ASCII here). */
	listener = arena_strndup(&c->m->arena, s, (size_t)(sep - s));
	for (i = 0; listener[i] != '\0'; i++)
		if (listener[i] >= 'a' && listener[i] <= 'z')
			listener[i] = (char)(listener[i] - 32);
	if (protomap != NULL) {
		if ((p = model_json_str(json_object_get(protomap, listener))) ==
		    NULL)
			return "listener_security_protocol_map has no "
			       "protocol for this listener";
		proto = model_protocol(p);
	} else if ((proto = model_protocol(listener)) == NULL ||
	    strcmp(proto, listener) != 0)
		return "no listener_security_protocol_map and the listener "
		       "is not a protocol name";
	ep->listener = listener;
	ep->host = arena_strndup(&c->m->arena, host, (size_t)(hend - host));
	ep->port = port;
	ep->protocol = proto;
	return NULL;
}

/*
 * One /brokers/ids/<id> znode (2.3), decoded as BrokerIdZNode.decode()
 * does.  Anything that makes Kafka's decoder throw drops the broker;
 * returns false then.
 */
static bool
model_read_broker(struct model_ctx *c, const struct znode *n, int32_t id,
    struct model_broker *b)
{
	const char *path = n->path, *s, *why;
	json_t *j, *map, *eps, *v;
	bool ok = false;
	int64_t ts;
	size_t i;

	if ((j = model_json(c, n, NULL)) == NULL)
		return false;
	b->id = id;
	b->ephemeral = n->stat.ephemeral_owner != 0;
	b->epoch = n->stat.czxid;
	b->port = -1;
	b->jmx_port = -1;
	b->timestamp = -1;
	if (model_need_i32(c, MODEL_ERROR, path, j, "version", &b->version) ==
	    -1)
		goto out;
	if (b->version < 1 || b->version > 5) {
		model_diag(c, MODEL_ERROR, "unknown-version", path,
		    "broker registration version %d, expected 1 to 5",
		    (int)b->version);
		goto out;
	}
	if (model_need_i32(c, MODEL_ERROR, path, j, "jmx_port", &b->jmx_port) ==
	    -1)
		goto out;

	/* host and port only matter to Kafka in version 1. */
	if (b->version == 1) {
		if (model_need_str(c, MODEL_ERROR, path, j, "host", &s) == -1 ||
		    model_need_i32(c, MODEL_ERROR, path, j, "port", &b->port) ==
			-1)
			goto out;
		b->host = model_strdup(c, s);
		b->endpoints = arena_alloc(&c->m->arena, sizeof *b->endpoints);
		b->nendpoints = 1;
		b->endpoints[0].listener = "PLAINTEXT";
		b->endpoints[0].protocol = "PLAINTEXT";
		b->endpoints[0].host = b->host;
		b->endpoints[0].port = b->port;
	} else {
		if (model_get_str(
			c, MODEL_WARNING, path, j, "host", true, &s) == 0)
			b->host = model_strdup(c, s);
		(void)model_get_i32(
		    c, MODEL_WARNING, path, j, "port", &b->port);

		map = json_object_get(j, "listener_security_protocol_map");
		if (map != NULL) {
			const char *k;

			if (!json_is_object(map)) {
				model_diag(c, MODEL_ERROR, "wrong-type", path,
				    "field \"listener_security_protocol_map\": "
				    "expected an object, found %s",
				    model_json_type(map));
				goto out;
			}
			json_object_foreach(map, k, v)
			{
				if ((s = model_json_str(v)) == NULL ||
				    model_protocol(s) == NULL) {
					model_diag(c, MODEL_ERROR, "bad-value",
					    path,
					    "listener_security_protocol_map: "
					    "listener %s has no valid security "
					    "protocol",
					    model_q(c, k));
					goto out;
				}
			}
		}
		eps = json_object_get(j, "endpoints");
		if (eps == NULL) {
			model_diag(c, MODEL_ERROR, "missing-field", path,
			    "field \"endpoints\" is missing");
			goto out;
		}
		if (!json_is_array(eps)) {
			model_diag(c, MODEL_ERROR, "wrong-type", path,
			    "field \"endpoints\": expected an array of "
			    "strings, found %s",
			    model_json_type(eps));
			goto out;
		}
		b->nendpoints = json_array_size(eps);
		b->endpoints = arena_alloc(
		    &c->m->arena, b->nendpoints * sizeof *b->endpoints);
		for (i = 0; i < b->nendpoints; i++) {
			if ((s = model_json_str(json_array_get(eps, i))) ==
			    NULL) {
				model_diag(c, MODEL_ERROR, "wrong-type", path,
				    "field \"endpoints\": expected an array "
				    "of strings");
				goto out;
			}
			if ((why = model_endpoint(
				 c, s, map, &b->endpoints[i])) != NULL) {
				model_diag(c, MODEL_ERROR, "bad-endpoint", path,
				    "endpoint %s: %s", model_q(c, s), why);
				goto out;
			}
		}
	}
	if (model_get_str(c, MODEL_ERROR, path, j, "rack", true, &s) == -1)
		goto out;
	if (json_is_string(json_object_get(j, "rack")))
		b->rack = model_strdup(c, s);
	/* Not read by Kafka: a decimal string, tolerated as a number. */
	v = json_object_get(j, "timestamp");
	if ((s = model_json_str(v)) != NULL &&
	    jnum_parse_long(s, INT64_MIN, INT64_MAX, &ts) == 0)
		b->timestamp = ts;
	else if (json_is_integer(v))
		b->timestamp = json_integer_value(v);
	ok = true;
out:
	json_decref(j);
	return ok;
}

/* A broker znode's id and its place among /brokers/ids' children. */
struct model_broker_ref {
	int32_t id;
	size_t child;
};

static int
model_cmp_broker_ref(const void *a, const void *b)
{
	const struct model_broker_ref *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->child > y->child) - (x->child < y->child);
}

static void
model_read_brokers(struct model_ctx *c)
{
	const struct znode *dir, *n;
	struct model_broker_ref *refs;
	struct model_broker *b;
	struct model_vec v = {0};
	size_t i, nrefs = 0;

	if ((dir = model_at(c, "brokers/ids")) == NULL)
		return;
	refs = xcalloc(dir->nchildren + 1, sizeof *refs);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		if (jnum_parse_i32(n->name, &refs[nrefs].id) == -1 ||
		    refs[nrefs].id < 0) {
			model_diag(c, MODEL_ERROR, "bad-name", n->path,
			    "broker id %s is not a non-negative 32-bit "
			    "integer",
			    model_q(c, n->name));
			continue;
		}
		refs[nrefs++].child = i;
	}
	if (nrefs > 0)
		qsort(refs, nrefs, sizeof *refs, model_cmp_broker_ref);
	for (i = 0; i < nrefs; i++) {
		n = tree_child_at(c->t, dir, refs[i].child);
		/* "1" and "01" both parse to 1: the first name wins. */
		if (i > 0 && refs[i].id == refs[i - 1].id) {
			model_diag(c, MODEL_ERROR, "duplicate-broker", n->path,
			    "another znode already registers broker %d",
			    (int)refs[i].id);
			continue;
		}
		b = model_vec_push(&v, sizeof *b);
		if (!model_read_broker(c, n, refs[i].id, b))
			v.n--;
	}
	free(refs);
	c->m->brokers = model_vec_take(c->m, &v, sizeof *b, &c->m->nbrokers);
}

/* ---- Topics and partitions ---------------------------------------------- */

/*
 * The state znode of one partition (2.4), decoded as
 * TopicPartitionStateZNode.decode() does.  Data that is not JSON makes
 * Kafka fall back to its defaults (a warning); null data, data without a
 * JSON value, or JSON with missing or mistyped fields make it throw (an
 * error).  Either way the partition keeps the defaults set by the caller.
 */
static void
model_read_state(
    struct model_ctx *c, const struct znode *topic, struct model_partition *p)
{
	const struct znode *n;
	json_error_t err;
	int32_t rs, leader, lepoch, cepoch;
	int32_t *isr;
	size_t nisr;
	char id[16];
	bool blank;
	json_t *j;

	snprintf(id, sizeof id, "%d", (int)p->id);
	n = tree_child(c->t, tree_child(c->t, topic, "partitions"), id);
	if ((n = tree_child(c->t, n, "state")) == NULL) {
		model_diag(c, MODEL_WARNING, "missing-state",
		    model_printf(c, "%s/partitions/%s/state", topic->path, id),
		    "no state znode: Kafka uses the default leader, isr and "
		    "epochs");
		return;
	}
	/* Jackson refuses to parse null; Kafka does not catch that. */
	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", n->path,
		    "no data where the partition state was expected");
		return;
	}
	if ((j = model_parse(c, n, &err, &blank)) == NULL) {
		if (blank)
			model_diag(c, MODEL_ERROR, "malformed-json", n->path,
			    "%s where the partition state was expected",
			    n->len == 0 ? "empty data" : "only whitespace");
		else if (strstr(err.text, "too big") != NULL ||
		    strstr(err.text, "overflow") != NULL)
			/* Jackson reads huge numbers, then fails to convert
			 * them (if the field is one Kafka reads). */
			model_diagk(c, MODEL_ERROR, "malformed-json", n->path,
			    "Kafka reads the number, and its migration fails "
			    "on it in leader, leader_epoch, isr, "
			    "controller_epoch or leader_recovery_state",
			    "malformed json: line %d column %d: %s", err.line,
			    err.column, err.text);
		else
			model_diag(c, MODEL_WARNING, "malformed-json", n->path,
			    "malformed json: line %d column %d: %s (Kafka uses "
			    "the default leader, isr and epochs)",
			    err.line, err.column, err.text);
		return;
	}
	if (!json_is_object(j)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "expected a json object, found %s", model_json_type(j));
		goto out;
	}
	model_check_version(c, n->path, j, 1);
	if (model_need_i32(c, MODEL_ERROR, n->path, j, "leader", &leader) ==
		-1 ||
	    model_need_i32(
		c, MODEL_ERROR, n->path, j, "leader_epoch", &lepoch) == -1 ||
	    model_need_i32(
		c, MODEL_ERROR, n->path, j, "controller_epoch", &cepoch) == -1)
		goto out;
	if (json_object_get(j, "isr") == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", n->path,
		    "field \"isr\" is missing");
		goto out;
	}
	if (model_int_array(c, MODEL_ERROR, n->path, json_object_get(j, "isr"),
		"field \"isr\"", &isr, &nisr) == -1)
		goto out;
	rs = 0;
	if (model_get_i32(
		c, MODEL_ERROR, n->path, j, "leader_recovery_state", &rs) == -1)
		goto out;
	/* LeaderRecoveryState.of(value.toByte): 0 or 1 after truncation. */
	if ((int8_t)rs != 0 && (int8_t)rs != 1) {
		model_diag(c, MODEL_ERROR, "bad-value", n->path,
		    "field \"leader_recovery_state\": %d is neither 0 "
		    "(recovered) nor 1 (recovering)",
		    (int)rs);
		goto out;
	}
	p->has_state = true;
	p->leader = leader;
	p->leader_epoch = lepoch;
	p->controller_epoch = cepoch;
	p->isr = isr;
	p->nisr = nisr;
	p->leader_recovery_state = (int8_t)rs;
	p->partition_epoch = n->stat.version;
out:
	json_decref(j);
}

static int
model_cmp_partition(const void *a, const void *b)
{
	const struct model_partition *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* adding_replicas[key] or removing_replicas[key]; absent means empty. */
static int
model_read_moving(struct model_ctx *c, const char *path, json_t *obj,
    const char *field, const char *key, int32_t **out, size_t *n)
{
	json_t *v;

	*out = NULL;
	*n = 0;
	if (obj == NULL || (v = json_object_get(obj, key)) == NULL)
		return 0;
	return model_int_array(c, MODEL_ERROR, path, v,
	    model_printf(c, "field \"%s\".\"%s\"", field, key), out, n);
}

/* Keys of adding/removing_replicas that "partitions" lacks: ignored. */
static void
model_check_moving(struct model_ctx *c, const char *path, json_t *obj,
    const char *field, json_t *parts)
{
	const char *key;
	json_t *v;

	if (obj == NULL)
		return;
	json_object_foreach(obj, key, v)
	{
		if (parts == NULL || json_object_get(parts, key) == NULL)
			model_diag(c, MODEL_WARNING, "unknown-partition", path,
			    "%s names partition %s, which \"partitions\" "
			    "lacks (Kafka ignores it)",
			    field, model_q(c, key));
	}
}

/* A JSON object or absent; anything else makes Kafka's asJsonObject
 * throw. */
static int
model_get_object(struct model_ctx *c, const char *path, json_t *j,
    const char *key, json_t **out)
{
	*out = json_object_get(j, key);
	if (*out != NULL && !json_is_object(*out)) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "field \"%s\": expected an object, found %s", key,
		    model_json_type(*out));
		return -1;
	}
	return 0;
}

/*
 * One /brokers/topics/<t> znode (2.4) with its partition states.  A
 * topic Kafka cannot decode is left out (returns false): the migration
 * would stop on it.
 */
static bool
model_read_topic(
    struct model_ctx *c, const struct znode *n, struct model_topic *tp)
{
	const char *path = n->path, *key, *s;
	json_t *j, *parts, *adding, *removing, *v;
	const struct znode *pdir, *ch;
	struct model_partition *p, k;
	bool ok = false;
	size_t i;
	char id[16];

	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", path,
		    "no data where the topic's json was expected");
		return false;
	}
	if ((j = model_json(c, n, NULL)) == NULL)
		return false;
	tp->name = model_strdup(c, n->name);
	/* TopicZNode.decode() never reads "version"; zk2kraft refuses what
	 * it does not know. */
	c->kafka = "Kafka ignores the version and migrates the topic as it "
		   "reads it";
	if (model_need_i32(c, MODEL_ERROR, path, j, "version", &tp->version) ==
	    -1)
		goto out;
	if (tp->version < 1 || tp->version > 3) {
		model_diag(c, MODEL_ERROR, "unknown-version", path,
		    "topic version %d, expected 1 to 3", (int)tp->version);
		goto out;
	}
	c->kafka = MODEL_KAFKA_FAILS;
	switch (model_get_str(c, MODEL_ERROR, path, j, "topic_id", false, &s)) {
	case -1:
		goto out;
	case 0:
		if (!model_uuid(c, s, &tp->id)) {
			model_diag(c, MODEL_ERROR, "bad-topic-id", path,
			    "topic_id %s is not a base64url uuid "
			    "(22 characters for 16 bytes)",
			    model_q(c, s));
			goto out;
		}
		tp->has_id = true;
		break;
	}
	if (model_get_object(c, path, j, "partitions", &parts) == -1 ||
	    model_get_object(c, path, j, "adding_replicas", &adding) == -1 ||
	    model_get_object(c, path, j, "removing_replicas", &removing) == -1)
		goto out;

	tp->npartitions = parts == NULL ? 0 : json_object_size(parts);
	tp->partitions =
	    arena_alloc(&c->m->arena, tp->npartitions * sizeof *tp->partitions);
	i = 0;
	if (parts != NULL) {
		json_object_foreach(parts, key, v)
		{
			p = &tp->partitions[i++];
			if (jnum_parse_i32(key, &p->id) == -1) {
				model_diagk(c, MODEL_ERROR, "bad-partition-id",
				    path, model_kafka_int(key),
				    "partition %s is not a 32-bit integer",
				    model_q(c, key));
				goto out;
			}
			if (p->id < 0) {
				model_diagk(c, MODEL_ERROR, "bad-partition-id",
				    path,
				    "Kafka's migration carries it over as is",
				    "partition %s is negative",
				    model_q(c, key));
				goto out;
			}
			if (model_int_array(c, MODEL_ERROR, path, v,
				model_printf(
				    c, "field \"partitions\".\"%s\"", key),
				&p->replicas, &p->nreplicas) == -1 ||
			    model_read_moving(c, path, adding,
				"adding_replicas", key, &p->adding,
				&p->nadding) == -1 ||
			    model_read_moving(c, path, removing,
				"removing_replicas", key, &p->removing,
				&p->nremoving) == -1)
				goto out;
		}
	}
	model_check_moving(c, path, adding, "adding_replicas", parts);
	model_check_moving(c, path, removing, "removing_replicas", parts);
	if (tp->npartitions > 0)
		qsort(tp->partitions, tp->npartitions, sizeof *tp->partitions,
		    model_cmp_partition);
	for (i = 1; i < tp->npartitions; i++) {
		if (tp->partitions[i].id == tp->partitions[i - 1].id) {
			model_diagk(c, MODEL_ERROR, "duplicate-partition", path,
			    "Kafka keeps the one that comes last in the json",
			    "two keys of \"partitions\" name partition %d",
			    (int)tp->partitions[i].id);
			goto out;
		}
	}

	for (i = 0; i < tp->npartitions; i++) {
		p = &tp->partitions[i];
		p->leader = p->nreplicas > 0 ? p->replicas[0] : -1;
		p->isr = p->replicas;
		p->nisr = p->nreplicas;
		p->controller_epoch = -1;
		model_read_state(c, n, p);
		if (!p->has_state && p->nreplicas == 0)
			model_diag(c, MODEL_ERROR, "empty-replicas", path,
			    "partition %d has no replicas and no usable state",
			    (int)p->id);
	}

	/* The migration reads partitions from the json, not from here. */
	if ((pdir = tree_child(c->t, n, "partitions")) != NULL) {
		for (i = 0; i < pdir->nchildren; i++) {
			ch = tree_child_at(c->t, pdir, i);
			if (jnum_parse_i32(ch->name, &k.id) == 0 &&
			    snprintf(id, sizeof id, "%d", (int)k.id) > 0 &&
			    strcmp(id, ch->name) == 0 && tp->npartitions > 0 &&
			    bsearch(&k, tp->partitions, tp->npartitions,
				sizeof k, model_cmp_partition) != NULL)
				continue;
			model_diag(c, MODEL_WARNING, "unknown-partition",
			    ch->path,
			    "partition znode not in the topic's "
			    "\"partitions\" (Kafka ignores it)");
		}
	}
	ok = true;
out:
	json_decref(j);
	return ok;
}

static int
model_cmp_topic(const void *a, const void *b)
{
	const struct model_topic *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
model_read_topics(struct model_ctx *c)
{
	const struct znode *dir, *n;
	struct model_topic *tp, key;
	struct model_vec v = {0};
	size_t i;
	const char **pd;

	if ((dir = model_at(c, "brokers/topics")) != NULL) {
		for (i = 0; i < dir->nchildren; i++) {
			n = tree_child_at(c->t, dir, i);
			tp = model_vec_push(&v, sizeof *tp);
			c->kafka = MODEL_KAFKA_FAILS;
			if (!model_read_topic(c, n, tp))
				v.n--;
		}
		c->kafka = NULL;
	}
	c->m->topics = model_vec_take(c->m, &v, sizeof *tp, &c->m->ntopics);
	/* Children come in name order already; sort anyway, cheaply. */
	if (c->m->ntopics > 0)
		qsort(c->m->topics, c->m->ntopics, sizeof *c->m->topics,
		    model_cmp_topic);

	if ((dir = model_at(c, "admin/delete_topics")) == NULL)
		return;
	pd = arena_alloc(&c->m->arena, dir->nchildren * sizeof *pd);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		pd[i] = model_strdup(c, n->name);
		key.name = n->name;
		if (c->m->ntopics > 0 &&
		    (tp = bsearch(&key, c->m->topics, c->m->ntopics, sizeof key,
			 model_cmp_topic)) != NULL)
			tp->pending_deletion = true;
	}
	c->m->pending_deletions = pd;
	c->m->npending_deletions = dir->nchildren;
}

/* ---- Configs ------------------------------------------------------------ */

static int
model_cmp_kv(const void *a, const void *b)
{
	const struct model_kv *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/*
 * A config entity znode (2.5), as ConfigEntityZNode.decode() reads it:
 * null or empty data is an empty config, and so (silently, in Kafka) is
 * anything it cannot parse, which loses the content: an error here.  A
 * value that is not a string makes Kafka throw; that key is dropped.
 * c->kafka says what Kafka does then.
 */
static void
model_read_config(
    struct model_ctx *c, const struct znode *n, struct model_config *cfg)
{
	const char *key, *s, *kafka = c->kafka;
	json_t *j, *obj, *v;

	memset(cfg, 0, sizeof *cfg);
	if (n->data == NULL)
		return;
	if (model_blank(n->data, n->len)) {
		model_diag(c, MODEL_WARNING, "malformed-json", n->path,
		    "%s where a config was expected (Kafka reads no configs)",
		    n->len == 0 ? "empty data" : "only whitespace");
		return;
	}
	c->kafka = "Kafka reads no configs from it";
	j = model_json(c, n, NULL);
	c->kafka = kafka;
	if (j == NULL)
		return;
	model_check_version(c, n->path, j, 1);
	if ((obj = json_object_get(j, "config")) == NULL) {
		model_diag(c, MODEL_WARNING, "missing-field", n->path,
		    "field \"config\" is missing (Kafka reads no configs)");
		goto out;
	}
	if (!json_is_object(obj)) {
		model_diagk(c, MODEL_ERROR, "wrong-type", n->path,
		    "Kafka reads no configs from it",
		    "field \"config\": expected an object, found %s",
		    model_json_type(obj));
		goto out;
	}
	cfg->kv =
	    arena_alloc(&c->m->arena, json_object_size(obj) * sizeof *cfg->kv);
	json_object_foreach(obj, key, v)
	{
		s = model_json_str(v);
		if (s == NULL && json_is_string(v)) {
			model_diagk(c, MODEL_ERROR, "bad-value", n->path,
			    model_kafka_nul(c),
			    "config %s: the string contains a nul character",
			    model_q(c, key));
			continue;
		}
		if (s == NULL) {
			model_diag(c, MODEL_ERROR, "wrong-type", n->path,
			    "config %s: expected a string, found %s",
			    model_q(c, key), model_json_type(v));
			continue;
		}
		cfg->kv[cfg->n].key = model_strdup(c, key);
		cfg->kv[cfg->n].value = model_strdup(c, s);
		cfg->n++;
	}
	if (cfg->n > 0)
		qsort(cfg->kv, cfg->n, sizeof *cfg->kv, model_cmp_kv);
out:
	json_decref(j);
}

/* /config/topics: configs of known topics, and orphans (3.3). */
static void
model_read_topic_configs(struct model_ctx *c)
{
	const struct znode *dir, *topics, *n;
	struct model_topic *tp, key;
	size_t i, no = 0;
	const char **orphans;

	if ((dir = model_at(c, "config/topics")) == NULL)
		return;
	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	topics = model_at(c, "brokers/topics");
	orphans = arena_alloc(&c->m->arena, dir->nchildren * sizeof *orphans);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		key.name = n->name;
		tp = c->m->ntopics == 0
		    ? NULL
		    : bsearch(&key, c->m->topics, c->m->ntopics, sizeof key,
			  model_cmp_topic);
		if (tp != NULL) {
			tp->has_config = true;
			model_read_config(c, n, &tp->config);
		} else if (tree_child(c->t, topics, n->name) == NULL) {
			orphans[no++] = model_strdup(c, n->name);
			model_diag(c, MODEL_WARNING, "orphan-config", n->path,
			    "config of a topic that does not exist (Kafka "
			    "ignores it)");
		}
		/* else the topic itself is unreadable and has its own
		 * diagnostic. */
	}
	c->m->orphan_configs = orphans;
	c->m->norphan_configs = no;
	c->kafka = c->kafka_nul = NULL;
}

/* "<default>" first, then broker ids in numeric order, then the rest. */
static int
model_broker_config_rank(const struct model_broker_config *b, int32_t *id)
{
	if (b->is_default)
		return 0;
	return jnum_parse_i32(b->name, id) == 0 ? 1 : 2;
}

static int
model_cmp_broker_config(const void *a, const void *b)
{
	const struct model_broker_config *x = a, *y = b;
	int32_t ix = 0, iy = 0;
	int rx, ry;

	rx = model_broker_config_rank(x, &ix);
	ry = model_broker_config_rank(y, &iy);
	if (rx != ry)
		return rx - ry;
	if (ix != iy)
		return ix < iy ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* /config/brokers (3.4).  Password values stay encrypted here. */
static void
model_read_broker_configs(struct model_ctx *c)
{
	const struct znode *dir, *n;
	struct model_broker_config *bc;
	int32_t id;
	size_t i;

	if ((dir = model_at(c, "config/brokers")) == NULL)
		return;
	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	bc = arena_alloc(&c->m->arena, dir->nchildren * sizeof *bc);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		bc[i].name = model_strdup(c, n->name);
		bc[i].is_default = strcmp(n->name, "<default>") == 0;
		/* Integer.valueOf() of the name, for the broker id. */
		if (!bc[i].is_default && jnum_parse_i32(n->name, &id) == -1)
			model_diagk(c, MODEL_ERROR, "bad-broker-config-name",
			    n->path, model_kafka_int(n->name),
			    "neither <default> nor a broker id");
		model_read_config(c, n, &bc[i].config);
	}
	c->kafka = c->kafka_nul = NULL;
	if (dir->nchildren > 0)
		qsort(bc, dir->nchildren, sizeof *bc, model_cmp_broker_config);
	c->m->broker_configs = bc;
	c->m->nbroker_configs = dir->nchildren;
}

/* ---- Client quotas and SCRAM -------------------------------------------- */

static const char *const model_entity_names[] = {"user", "client-id", "ip"};

static const char *const model_entity_dirs[] = {
    "config/users", "config/clients", "config/ips"};

/*
 * s, a sanitized name (1.2), desanitized as Kafka does it: what names it
 * in messages.  Returns the name, or NULL after an error; readings that
 * depend on Java's quirks are warnings.
 */
static const char *
model_name(
    struct model_ctx *c, const char *path, const char *what, const char *s)
{
	const char *p;
	unsigned f;

	p = model_desanitize(&c->m->arena, s, &f);
	if (f & MODEL_NAME_BAD) {
		model_diagk(c, MODEL_ERROR, "bad-name", path,
		    "Kafka's URLDecoder throws IllegalArgumentException on it "
		    "and the migration fails",
		    "%s %s has a malformed %%-escape", what, model_q(c, s));
		return NULL;
	}
	if (f & MODEL_NAME_WIDE) {
		model_diagk(c, MODEL_ERROR, "bad-name", path,
		    "Kafka's migration fails on it unless the character is a "
		    "Unicode digit, which URLDecoder takes for a hex digit on "
		    "Java 8 to 24",
		    "%s %s has a non-ASCII character in a %%-escape", what,
		    model_q(c, s));
		return NULL;
	}
	if (f & MODEL_NAME_NUL) {
		model_diagk(c, MODEL_ERROR, "bad-name", path,
		    "Kafka migrates the name with its NUL character (U+0000), "
		    "which zk2kraft cannot hold",
		    "%s %s decodes to a NUL character", what, model_q(c, s));
		return NULL;
	}
	if (f & MODEL_NAME_SIGNED)
		model_diagk(c, MODEL_WARNING, "signed-escape", path, NULL,
		    "%s %s has a %%-escape with a sign: Kafka on Java 8 to 24 "
		    "reads it as Integer.parseInt does, giving %s (as "
		    "migrated); on Java 25 and later its migration fails on it",
		    what, model_q(c, s), model_q(c, p));
	if (f & MODEL_NAME_REPLACED)
		model_diagk(c, MODEL_WARNING, "name-not-utf8", path, NULL,
		    "%s %s: bytes that are not UTF-8, which Kafka's URLDecoder "
		    "replaces with U+FFFD, giving %s (as migrated)",
		    what, model_q(c, s), model_q(c, p));
	return p;
}

/* A sanitized entity name (1.2): "<default>" is NULL.  False after an
 * error when the name does not decode. */
static bool
model_entity_name(struct model_ctx *c, const struct znode *n, const char **out)
{
	if (strcmp(n->name, "<default>") == 0) {
		*out = NULL;
		return true;
	}
	*out = model_name(c, n->path, "entity name", n->name);
	return *out != NULL;
}

/*
 * ScramCredentialUtils.credentialFromString():
 * "salt=<b64>,stored_key=<b64>,server_key=<b64>,iterations=<int>".
 * Java's split(",") drops trailing empty tokens; each token splits at its
 * first '='; exactly the four keys (a repeated key counts once, the last
 * wins).  Returns NULL or why the string is refused.
 */
static const char *
model_scram_parse(struct model_ctx *c, const char *s, struct model_scram *sc)
{
	static const char *const keys[] = {
	    "salt", "stored_key", "server_key", "iterations"};
	const char *val[4] = {NULL, NULL, NULL, NULL};
	const char *p, *end, *tok, *eq;
	struct kbytes *kb[3];
	size_t len, i;
	char *v;

	kb[0] = &sc->salt;
	kb[1] = &sc->stored_key;
	kb[2] = &sc->server_key;
	for (end = s + strlen(s); end > s && end[-1] == ','; end--)
		;
	for (p = s; p < end; p = tok + len + 1) {
		tok = p;
		len = strcspn(tok, ",");
		if (tok + len > end)
			len = (size_t)(end - tok);
		eq = memchr(tok, '=', len);
		if (eq == NULL || eq == tok)
			return "a token is not <key>=<value>";
		for (i = 0; i < 4; i++)
			if ((size_t)(eq - tok) == strlen(keys[i]) &&
			    memcmp(tok, keys[i], strlen(keys[i])) == 0)
				break;
		if (i == 4)
			return "expected exactly the keys salt, stored_key, "
			       "server_key and iterations";
		val[i] = arena_strndup(
		    &c->m->arena, eq + 1, (size_t)(tok + len - eq - 1));
	}
	for (i = 0; i < 4; i++)
		if (val[i] == NULL)
			return "expected exactly the keys salt, stored_key, "
			       "server_key and iterations";
	for (i = 0; i < 3; i++) {
		if ((kb[i]->p = model_b64(c, val[i], false, &kb[i]->len)) ==
		    NULL)
			return model_printf(c, "%s is not base64", keys[i]);
	}
	v = (char *)val[3];
	if (jnum_parse_i32(v, &sc->iterations) == -1)
		return model_printf(
		    c, "iterations %s is not a 32-bit integer", model_q(c, v));
	return NULL;
}

/*
 * Split one entity's config into SCRAM credentials (when scram_ok: the
 * users, clients and ips passes of 3.5) and quota values.
 */
static void
model_split_quota(struct model_ctx *c, const struct znode *n,
    const struct model_config *cfg, const struct model_entity *ent, size_t nent,
    bool scram_ok, struct model_vec *quotas, struct model_vec *scram)
{
	struct model_quota_value *vals;
	struct model_quota *q;
	struct model_scram *sc;
	const char *why, *user;
	int8_t mech;
	size_t i, nv = 0;
	double d;

	vals = arena_alloc(&c->m->arena, cfg->n * sizeof *vals);
	for (i = 0; i < cfg->n; i++) {
		const struct model_kv *kv = &cfg->kv[i];

		mech = strcmp(kv->key, "SCRAM-SHA-256") == 0 ? 1
		    : strcmp(kv->key, "SCRAM-SHA-512") == 0  ? 2
							     : 0;
		if (scram_ok && mech != 0) {
			/* Kafka names the credential after the desanitized
			 * znode name, "<default>" included. */
			user = ent[0].name != NULL ? ent[0].name : "<default>";
			sc = model_vec_push(scram, sizeof *sc);
			if ((why = model_scram_parse(c, kv->value, sc)) !=
			    NULL) {
				model_diag(c, MODEL_ERROR, "bad-scram", n->path,
				    "%s: %s", kv->key, why);
				scram->n--;
				continue;
			}
			if (ent[0].name == NULL)
				model_diag(c, MODEL_WARNING,
				    "scram-default-entity", n->path,
				    "%s credential on the <default> %s entity: "
				    "Kafka migrates it as a SCRAM user named "
				    "\"<default>\"",
				    kv->key, model_entity_names[ent[0].type]);
			else if (ent[0].type != MODEL_ENTITY_USER)
				model_diag(c, MODEL_WARNING, "scram-not-user",
				    n->path,
				    "%s credential outside /config/users: "
				    "Kafka migrates it as a SCRAM user named "
				    "%s, after this %s",
				    kv->key, model_q(c, user),
				    model_entity_names[ent[0].type]);
			sc->user = user;
			sc->mechanism = mech;
			sc->path = model_strdup(c, n->path);
			sc->source = ent[0].type;
			continue;
		}
		if (jnum_parse_double(kv->value, &d) == -1 && mech != 0) {
			/* Never quote a credential. */
			model_diag(c, MODEL_ERROR, "bad-quota-value", n->path,
			    "%s credential on a user and client-id entity, "
			    "where Kafka takes no credentials: it reads it as "
			    "a quota, which is not a number",
			    kv->key);
			continue;
		}
		if (jnum_parse_double(kv->value, &d) == -1) {
			model_diag(c, MODEL_ERROR, "bad-quota-value", n->path,
			    "quota %s: %s is not a number "
			    "(Double.parseDouble)",
			    model_q(c, kv->key), model_q(c, kv->value));
			continue;
		}
		vals[nv].key = kv->key;
		vals[nv].value = d;
		nv++;
	}
	if (nv == 0)
		return;
	q = model_vec_push(quotas, sizeof *q);
	memcpy(q->entity, ent, nent * sizeof *ent);
	q->nentity = nent;
	q->path = model_strdup(c, n->path);
	q->values = vals;
	q->nvalues = nv;
}

/* /config/users, /config/clients or /config/ips. */
static void
model_read_entities(struct model_ctx *c, enum model_entity_type type,
    struct model_vec *quotas, struct model_vec *scram)
{
	const struct znode *dir, *n;
	struct model_entity ent;
	struct model_config cfg;
	size_t i;

	if ((dir = model_at(c, model_entity_dirs[type])) == NULL)
		return;
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		ent.type = type;
		if (!model_entity_name(c, n, &ent.name))
			continue;
		model_read_config(c, n, &cfg);
		model_split_quota(c, n, &cfg, &ent, 1, true, quotas, scram);
	}
}

/* /config/users/<u>/clients/<c>: quotas only, no SCRAM stripping. */
static void
model_read_user_clients(
    struct model_ctx *c, struct model_vec *quotas, struct model_vec *scram)
{
	const struct znode *dir, *u, *cl, *n;
	struct model_entity ent[2];
	struct model_config cfg;
	unsigned flags;
	size_t i, k;

	if ((dir = model_at(c, "config/users")) == NULL)
		return;
	for (i = 0; i < dir->nchildren; i++) {
		u = tree_child_at(c->t, dir, i);
		if ((cl = tree_child(c->t, u, "clients")) == NULL)
			continue;
		/* The users pass reported what this name gives. */
		ent[0].type = MODEL_ENTITY_USER;
		ent[0].name = NULL;
		if (strcmp(u->name, "<default>") != 0) {
			ent[0].name =
			    model_desanitize(&c->m->arena, u->name, &flags);
			if (ent[0].name == NULL)
				continue;
		}
		for (k = 0; k < cl->nchildren; k++) {
			n = tree_child_at(c->t, cl, k);
			ent[1].type = MODEL_ENTITY_CLIENT_ID;
			if (!model_entity_name(c, n, &ent[1].name))
				continue;
			model_read_config(c, n, &cfg);
			model_split_quota(
			    c, n, &cfg, ent, 2, false, quotas, scram);
		}
	}
}

/* NULL (the default entity) sorts first. */
static int
model_cmp_name(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
model_cmp_quota(const void *a, const void *b)
{
	const struct model_quota *x = a, *y = b;
	size_t i;
	int r;

	for (i = 0; i < x->nentity && i < y->nentity; i++) {
		if (x->entity[i].type != y->entity[i].type)
			return (int)x->entity[i].type - (int)y->entity[i].type;
		if ((r = model_cmp_name(
			 x->entity[i].name, y->entity[i].name)) != 0)
			return r;
	}
	if (x->nentity != y->nentity)
		return x->nentity < y->nentity ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int
model_cmp_scram(const void *a, const void *b)
{
	const struct model_scram *x = a, *y = b;
	int r;

	if ((r = strcmp(x->user, y->user)) != 0)
		return r;
	if (x->mechanism != y->mechanism)
		return x->mechanism - y->mechanism;
	return strcmp(x->path, y->path);
}

static void
model_read_quotas(struct model_ctx *c)
{
	struct model_vec quotas = {0}, scram = {0};
	struct model *m = c->m;

	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	model_read_entities(c, MODEL_ENTITY_USER, &quotas, &scram);
	model_read_entities(c, MODEL_ENTITY_CLIENT_ID, &quotas, &scram);
	model_read_user_clients(c, &quotas, &scram);
	model_read_entities(c, MODEL_ENTITY_IP, &quotas, &scram);
	c->kafka = c->kafka_nul = NULL;
	m->quotas = model_vec_take(m, &quotas, sizeof *m->quotas, &m->nquotas);
	m->scram = model_vec_take(m, &scram, sizeof *m->scram, &m->nscram);
	if (m->nquotas > 0)
		qsort(
		    m->quotas, m->nquotas, sizeof *m->quotas, model_cmp_quota);
	if (m->nscram > 0)
		qsort(m->scram, m->nscram, sizeof *m->scram, model_cmp_scram);
}

/* ---- ACLs --------------------------------------------------------------- */

struct model_acl_name {
	const char *pascal; /* Kafka's toPascalCase(enum name) */
	const char *upper;  /* the same, upper-cased: no underscores */
	int8_t code;
};

/* Section 6.  UNKNOWN and ANY are in Kafka's maps too. */
static const struct model_acl_name model_acl_types[] = {
    {"Unknown", "UNKNOWN", 0},
    {"Any", "ANY", 1},
    {"Topic", "TOPIC", 2},
    {"Group", "GROUP", 3},
    {"Cluster", "CLUSTER", 4},
    {"TransactionalId", "TRANSACTIONALID", 5},
    {"DelegationToken", "DELEGATIONTOKEN", 6},
    {"User", "USER", 7},
};

static const struct model_acl_name model_acl_ops[] = {
    {"Unknown", "UNKNOWN", 0},
    {"Any", "ANY", 1},
    {"All", "ALL", 2},
    {"Read", "READ", 3},
    {"Write", "WRITE", 4},
    {"Create", "CREATE", 5},
    {"Delete", "DELETE", 6},
    {"Alter", "ALTER", 7},
    {"Describe", "DESCRIBE", 8},
    {"ClusterAction", "CLUSTERACTION", 9},
    {"DescribeConfigs", "DESCRIBECONFIGS", 10},
    {"AlterConfigs", "ALTERCONFIGS", 11},
    {"IdempotentWrite", "IDEMPOTENTWRITE", 12},
    {"CreateTokens", "CREATETOKENS", 13},
    {"DescribeTokens", "DESCRIBETOKENS", 14},
};

static const struct model_acl_name model_acl_perms[] = {
    {"Unknown", "UNKNOWN", 0},
    {"Any", "ANY", 1},
    {"Deny", "DENY", 2},
    {"Allow", "ALLOW", 3},
};

/*
 * String.toUpperCase(Locale.ROOT) as far as it can produce one of the
 * ASCII names above: ASCII letters, plus the few non-ASCII lower-case
 * letters whose upper case is ASCII (dotless i, long s, sharp s and the
 * Latin ligatures).  Anything else cannot match; returns -1 then.
 */
static int
model_java_upper(const char *s, char *out, size_t size)
{
	static const struct {
		const char *utf8;
		const char *upper;
	} special[] = {
	    {"\xc4\xb1", "I"},       /* U+0131 dotless i */
	    {"\xc5\xbf", "S"},       /* U+017F long s */
	    {"\xc3\x9f", "SS"},      /* U+00DF sharp s */
	    {"\xef\xac\x80", "FF"},  /* U+FB00 */
	    {"\xef\xac\x81", "FI"},  /* U+FB01 */
	    {"\xef\xac\x82", "FL"},  /* U+FB02 */
	    {"\xef\xac\x83", "FFI"}, /* U+FB03 */
	    {"\xef\xac\x84", "FFL"}, /* U+FB04 */
	    {"\xef\xac\x85", "ST"},  /* U+FB05 */
	    {"\xef\xac\x86", "ST"},  /* U+FB06 */
	};
	size_t o = 0, i, k;

	while (*s != '\0') {
		if ((unsigned char)*s < 0x80) {
			if (o + 1 >= size)
				return -1;
			out[o++] =
			    (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
			s++;
			continue;
		}
		for (k = 0; k < MODEL_NELEM(special); k++) {
			i = strlen(special[k].utf8);
			if (strncmp(s, special[k].utf8, i) == 0)
				break;
		}
		if (k == MODEL_NELEM(special) ||
		    o + strlen(special[k].upper) >= size)
			return -1;
		memcpy(out + o, special[k].upper, strlen(special[k].upper));
		o += strlen(special[k].upper);
		s += i;
	}
	out[o] = '\0';
	return 0;
}

/*
 * SecurityUtils.valueFromMap(): the name as written, then upper-cased,
 * against both spellings of every entry.  Returns the entry or NULL.
 */
static const struct model_acl_name *
model_acl_lookup(const struct model_acl_name *tab, size_t n, const char *s)
{
	char up[64];
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, tab[i].pascal) == 0 ||
		    strcmp(s, tab[i].upper) == 0)
			return &tab[i];
	if (model_java_upper(s, up, sizeof up) == -1)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(up, tab[i].upper) == 0)
			return &tab[i];
	return NULL;
}

static int
model_cmp_acl(const void *a, const void *b)
{
	const struct model_acl *x = a, *y = b;
	int r;

	if (x->resource_type != y->resource_type)
		return x->resource_type - y->resource_type;
	if (x->pattern_type != y->pattern_type)
		return x->pattern_type - y->pattern_type;
	if ((r = strcmp(x->resource_name, y->resource_name)) != 0)
		return r;
	if ((r = strcmp(x->principal, y->principal)) != 0)
		return r;
	if ((r = strcmp(x->host, y->host)) != 0)
		return r;
	if (x->operation != y->operation)
		return x->operation - y->operation;
	if (x->permission != y->permission)
		return x->permission - y->permission;
	if ((r = strcmp(x->operation_name, y->operation_name)) != 0)
		return r;
	if ((r = strcmp(x->permission_name, y->permission_name)) != 0)
		return r;
	return strcmp(x->path, y->path);
}

/* One "acls" entry: false after a diagnostic (Kafka's reader throws). */
static bool
model_read_ace(struct model_ctx *c, const char *path, json_t *item, size_t i,
    struct model_acl *a)
{
	static const char *const keys[] = {
	    "principal", "permissionType", "host", "operation"};
	const char *val[4];
	const struct model_acl_name *op, *perm;
	json_t *v;
	size_t k;

	if (!json_is_object(item)) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "acls[%zu]: expected an object, found %s", i,
		    model_json_type(item));
		return false;
	}
	for (k = 0; k < 4; k++) {
		if ((v = json_object_get(item, keys[k])) == NULL) {
			model_diag(c, MODEL_ERROR, "missing-field", path,
			    "acls[%zu]: field \"%s\" is missing", i, keys[k]);
			return false;
		}
		val[k] = model_json_str(v);
		if (val[k] == NULL && json_is_string(v)) {
			model_diagk(c, MODEL_ERROR, "bad-value", path,
			    model_kafka_nul(c),
			    "acls[%zu]: field \"%s\": the string contains a "
			    "nul character",
			    i, keys[k]);
			return false;
		}
		if (val[k] == NULL) {
			model_diag(c, MODEL_ERROR, "wrong-type", path,
			    "acls[%zu]: field \"%s\": expected a string, "
			    "found %s",
			    i, keys[k], model_json_type(v));
			return false;
		}
	}
	/* SecurityUtils.parseKafkaPrincipal(): split at the first ':'. */
	if (strchr(val[0], ':') == NULL) {
		model_diag(c, MODEL_ERROR, "bad-principal", path,
		    "acls[%zu]: principal %s is not <type>:<name>", i,
		    model_q(c, val[0]));
		return false;
	}
	op =
	    model_acl_lookup(model_acl_ops, MODEL_NELEM(model_acl_ops), val[3]);
	if (op == NULL || op->code < 2)
		model_diag(c, MODEL_WARNING, "acl-unknown-operation", path,
		    "acls[%zu]: operation %s is not an acl operation (Kafka "
		    "migrates it as code %d)",
		    i, model_q(c, val[3]), op == NULL ? 0 : op->code);
	perm = model_acl_lookup(
	    model_acl_perms, MODEL_NELEM(model_acl_perms), val[1]);
	if (perm == NULL || perm->code < 2)
		model_diag(c, MODEL_WARNING, "acl-unknown-permission", path,
		    "acls[%zu]: permissionType %s is neither Allow nor Deny "
		    "(Kafka migrates it as code %d)",
		    i, model_q(c, val[1]), perm == NULL ? 0 : perm->code);
	a->principal = model_strdup(c, val[0]);
	a->permission_name = model_strdup(c, val[1]);
	a->host = model_strdup(c, val[2]);
	a->operation_name = model_strdup(c, val[3]);
	a->operation = op == NULL ? 0 : op->code;
	a->permission = perm == NULL ? 0 : perm->code;
	return true;
}

/* Two ACEs Kafka's set of AclEntry would hold once. */
static bool
model_same_ace(const struct model_acl *x, const struct model_acl *y)
{
	return strcmp(x->principal, y->principal) == 0 &&
	    strcmp(x->host, y->host) == 0 && x->operation == y->operation &&
	    x->permission == y->permission;
}

/* One resource znode (2.6), as AclEntry.fromBytes() reads it. */
static void
model_read_acl(struct model_ctx *c, const struct znode *n, int8_t type,
    int8_t pattern, struct model_vec *acls)
{
	struct model_acl *a, *base;
	size_t i, start = acls->n, o;
	json_t *j, *arr;
	int32_t version;

	/* Null or empty data: no ACLs, silently, as in Kafka. */
	if (n->data == NULL || n->len == 0)
		return;
	if ((j = model_json(c, n, "Kafka reads no ACLs from it")) == NULL)
		return;
	if (model_need_i32(c, MODEL_ERROR, n->path, j, "version", &version) ==
	    -1)
		goto out;
	if (version != 1) {
		model_diag(c, MODEL_ERROR, "unknown-version", n->path,
		    "acl version %d, expected 1", (int)version);
		goto out;
	}
	if ((arr = json_object_get(j, "acls")) == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", n->path,
		    "field \"acls\" is missing");
		goto out;
	}
	if (!json_is_array(arr)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "field \"acls\": expected an array, found %s",
		    model_json_type(arr));
		goto out;
	}
	for (i = 0; i < json_array_size(arr); i++) {
		a = model_vec_push(acls, sizeof *a);
		if (!model_read_ace(c, n->path, json_array_get(arr, i), i, a)) {
			acls->n--;
			continue;
		}
		a->resource_type = type;
		a->resource_name = model_strdup(c, n->name);
		a->pattern_type = pattern;
		a->path = model_strdup(c, n->path);
	}
	/* Set semantics per resource; the first in sort order stays. */
	base = (struct model_acl *)acls->v + start;
	if (acls->n - start > 1) {
		qsort(base, acls->n - start, sizeof *base, model_cmp_acl);
		for (i = o = 1; i < acls->n - start; i++)
			if (!model_same_ace(&base[o - 1], &base[i]))
				base[o++] = base[i];
		acls->n = start + o;
	}
out:
	json_decref(j);
}

/*
 * One ACL store: /kafka-acl (LITERAL) or /kafka-acl-extended/prefixed.
 * Kafka maps each child directory's name to a resource type, a name it
 * does not know to Unknown (SecurityUtils.resourceType()), then lists the
 * children of the *PascalCase* directory of that type (ZkAclStore.path());
 * so "TOPIC" counts as Topic, but what is below "TOPIC" itself is never
 * read.  The ACLs below "Unknown" it migrates with resource type 0; below
 * "Any" it throws (a ResourcePattern cannot have type ANY).
 */
static void
model_read_acl_store(
    struct model_ctx *c, const char *rel, int8_t pattern, struct model_vec *v)
{
	const struct model_acl_name *rt;
	const struct znode *store, *d;
	size_t i, k, n;

	if ((store = model_at(c, rel)) == NULL)
		return;
	for (i = 0; i < store->nchildren; i++) {
		d = tree_child_at(c->t, store, i);
		rt = model_acl_lookup(
		    model_acl_types, MODEL_NELEM(model_acl_types), d->name);
		if (rt == NULL)
			rt = &model_acl_types[0]; /* Unknown */
		if (strcmp(d->name, rt->pascal) != 0) {
			if (d->nchildren > 0)
				model_diag(c, MODEL_WARNING,
				    "acl-ignored-directory", d->path,
				    "Kafka reads resource type %s from "
				    "%s/%s, so the acls below this directory "
				    "are ignored",
				    rt->pascal, store->path, rt->pascal);
			continue;
		}
		if (rt->code == 1) {
			if (d->nchildren > 0)
				model_diag(c, MODEL_ERROR,
				    "acl-any-resource-type", d->path,
				    "%zu resources below resource type Any, "
				    "which no resource pattern can have",
				    d->nchildren);
			continue;
		}
		for (k = 0; k < d->nchildren; k++) {
			n = v->n;
			model_read_acl(
			    c, tree_child_at(c->t, d, k), rt->code, pattern, v);
			if (rt->code == 0 && v->n > n)
				model_diag(c, MODEL_WARNING,
				    "acl-unknown-resource-type",
				    tree_child_at(c->t, d, k)->path,
				    "resource type Unknown: Kafka migrates "
				    "these acls with code 0");
		}
	}
}

static void
model_read_acls(struct model_ctx *c)
{
	struct model_vec v = {0};
	struct model *m = c->m;

	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	model_read_acl_store(c, "kafka-acl", 3, &v);
	model_read_acl_store(c, "kafka-acl-extended/prefixed", 4, &v);
	c->kafka = c->kafka_nul = NULL;
	m->acls = model_vec_take(m, &v, sizeof *m->acls, &m->nacls);
	if (m->nacls > 0)
		qsort(m->acls, m->nacls, sizeof *m->acls, model_cmp_acl);
}

/* ---- Delegation tokens -------------------------------------------------- */

/* A sanitized "<type>:<name>" principal of a token (2.7). */
static const char *
model_principal(
    struct model_ctx *c, const char *path, const char *field, const char *s)
{
	const char *p;

	if ((p = model_name(c, path, field, s)) == NULL)
		return NULL;
	if (strchr(p, ':') == NULL) {
		model_diag(c, MODEL_ERROR, "bad-principal", path,
		    "%s %s is not <type>:<name>", field, model_q(c, p));
		return NULL;
	}
	return p;
}

static bool
model_read_token(
    struct model_ctx *c, const struct znode *n, struct model_token *tk)
{
	const char *path = n->path, *s;
	json_t *j, *arr;
	bool ok = false;
	size_t i;

	/* Json.parseBytes() gives None, and fromBytes() then None. */
	if ((j = model_json(
		 c, n, "Kafka skips this token: it is not migrated")) == NULL)
		return false;
	if (model_need_i32(c, MODEL_ERROR, path, j, "version", &tk->version) ==
	    -1)
		goto out;
	if (tk->version < 1 || tk->version > 3) {
		model_diag(c, MODEL_ERROR, "unknown-version", path,
		    "token version %d, expected 1 or 3", (int)tk->version);
		goto out;
	}
	if (tk->version == 2)
		model_diag(c, MODEL_WARNING, "unknown-version", path,
		    "token version 2 was never written by kafka; read as "
		    "version 1 (requester = owner)");
	if (model_need_str(c, MODEL_ERROR, path, j, "owner", &s) == -1 ||
	    (tk->owner = model_principal(c, path, "owner", s)) == NULL)
		goto out;
	tk->requester = tk->owner;
	if (tk->version >= 3 &&
	    (model_need_str(c, MODEL_ERROR, path, j, "tokenRequester", &s) ==
		    -1 ||
		(tk->requester =
			model_principal(c, path, "tokenRequester", s)) == NULL))
		goto out;
	if ((arr = json_object_get(j, "renewers")) == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", path,
		    "field \"renewers\" is missing");
		goto out;
	}
	if (!json_is_array(arr)) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "field \"renewers\": expected an array of strings, found "
		    "%s",
		    model_json_type(arr));
		goto out;
	}
	tk->nrenewers = json_array_size(arr);
	tk->renewers =
	    arena_alloc(&c->m->arena, tk->nrenewers * sizeof *tk->renewers);
	for (i = 0; i < tk->nrenewers; i++) {
		if ((s = model_json_str(json_array_get(arr, i))) == NULL) {
			model_diag(c, MODEL_ERROR, "wrong-type", path,
			    "field \"renewers\": expected an array of "
			    "strings");
			goto out;
		}
		if ((tk->renewers[i] =
			    model_principal(c, path, "renewer", s)) == NULL)
			goto out;
	}
	if (model_need_i64(c, MODEL_ERROR, path, j, "issueTimestamp",
		&tk->issue_timestamp) == -1 ||
	    model_need_i64(c, MODEL_ERROR, path, j, "maxTimestamp",
		&tk->max_timestamp) == -1 ||
	    model_need_i64(c, MODEL_ERROR, path, j, "expiryTimestamp",
		&tk->expiry_timestamp) == -1 ||
	    model_need_str(c, MODEL_ERROR, path, j, "tokenId", &s) == -1)
		goto out;
	tk->token_id = model_strdup(c, s);
	if (strcmp(s, n->name) != 0)
		model_diag(c, MODEL_WARNING, "token-id-mismatch", path,
		    "tokenId %s differs from the znode name (Kafka uses the "
		    "tokenId)",
		    model_q(c, s));
	ok = true;
out:
	json_decref(j);
	return ok;
}

static int
model_cmp_token(const void *a, const void *b)
{
	const struct model_token *x = a, *y = b;

	return strcmp(x->token_id, y->token_id);
}

/* /delegation_token/tokens (2.7, 3.8). */
static void
model_read_tokens(struct model_ctx *c)
{
	const struct znode *dir, *n;
	struct model_vec v = {0};
	struct model_token *tk, *all;
	struct model *m = c->m;
	bool mismatch = false;
	size_t i, k;

	if ((dir = model_at(c, "delegation_token/tokens")) == NULL)
		return;
	c->kafka = MODEL_KAFKA_FAILS;
	c->kafka_nul = MODEL_KAFKA_NUL;
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		/* DelegationTokenManager.fromBytes(): skipped silently. */
		if (n->data == NULL || n->len == 0)
			continue;
		tk = model_vec_push(&v, sizeof *tk);
		if (!model_read_token(c, n, tk)) {
			v.n--;
			continue;
		}
		/* Znode names are unique: only after a tokenId unlike its
		 * znode name can one repeat. */
		if (strcmp(tk->token_id, n->name) != 0)
			mismatch = true;
		if (!mismatch)
			continue;
		all = v.v;
		for (k = 0; k + 1 < v.n; k++) {
			if (strcmp(all[k].token_id, tk->token_id) == 0) {
				model_diagk(c, MODEL_ERROR, "duplicate-token",
				    n->path,
				    "Kafka migrates both, and the one it reads "
				    "last (in ZooKeeper's listing order) "
				    "replaces the other",
				    "token id %s is also the id of another "
				    "token znode",
				    model_q(c, tk->token_id));
				v.n--;
				break;
			}
		}
	}
	c->kafka = c->kafka_nul = NULL;
	m->tokens = model_vec_take(m, &v, sizeof *m->tokens, &m->ntokens);
	if (m->ntokens > 0)
		qsort(
		    m->tokens, m->ntokens, sizeof *m->tokens, model_cmp_token);
}

/* ---- Producer ids, features, migration state ---------------------------- */

/* /latest_producer_id_block (2.8): null data means no block yet. */
static void
model_read_producer_ids(struct model_ctx *c)
{
	struct model_producer_ids *pid = &c->m->producer_ids;
	const struct znode *n;
	const char *s, *e;
	int64_t start, end;
	json_t *j;

	if ((n = model_at(c, "latest_producer_id_block")) == NULL ||
	    n->data == NULL)
		return;
	c->kafka = MODEL_KAFKA_FAILS;
	if ((j = model_json(c, n, NULL)) == NULL)
		goto out;
	pid->version = model_check_version(c, n->path, j, 1);
	if (model_need_i32(
		c, MODEL_ERROR, n->path, j, "broker", &pid->broker) == -1 ||
	    model_need_str(c, MODEL_ERROR, n->path, j, "block_start", &s) ==
		-1 ||
	    model_need_str(c, MODEL_ERROR, n->path, j, "block_end", &e) == -1)
		goto out;
	/* Long.parseLong() of each string. */
	if (jnum_parse_long(s, INT64_MIN, INT64_MAX, &start) == -1) {
		model_diagk(c, MODEL_ERROR, "bad-value", n->path,
		    model_kafka_int(s),
		    "block_start %s is not a decimal 64-bit integer",
		    model_q(c, s));
		goto out;
	}
	if (jnum_parse_long(e, INT64_MIN, INT64_MAX, &end) == -1) {
		model_diagk(c, MODEL_ERROR, "bad-value", n->path,
		    model_kafka_int(e),
		    "block_end %s is not a decimal 64-bit integer",
		    model_q(c, e));
		goto out;
	}
	/* Math.toIntExact(end - start + 1), Java's wrapping subtraction. */
	if ((int64_t)((uint64_t)end - (uint64_t)start + 1) < INT32_MIN ||
	    (int64_t)((uint64_t)end - (uint64_t)start + 1) > INT32_MAX) {
		model_diag(c, MODEL_ERROR, "bad-value", n->path,
		    "block %" PRId64 "..%" PRId64
		    " does not have a 32-bit size",
		    start, end);
		goto out;
	}
	pid->present = true;
	pid->block_start = start;
	pid->block_end = end;
	pid->data_version = n->stat.version;
out:
	json_decref(j);
	c->kafka = NULL;
}

static int
model_cmp_level(const void *a, const void *b)
{
	const struct model_feature_level *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* /feature (2.9), as FeatureZNode.decode() reads it. */
static void
model_read_feature(struct model_ctx *c)
{
	struct model_feature *f = &c->m->feature;
	struct model_feature_level *l;
	const struct znode *n;
	const char *key;
	json_t *j, *fs, *v;
	int64_t x;

	if ((n = model_at(c, "feature")) == NULL)
		return;
	f->present = true;
	f->version = -1;
	f->status = -1;
	if ((j = model_json(c, n, NULL)) == NULL)
		return;
	if (model_need_i32(
		c, MODEL_ERROR, n->path, j, "version", &f->version) == -1)
		goto out;
	if (f->version < 1 || f->version > 2) {
		model_diag(c, MODEL_ERROR, "unknown-version", n->path,
		    "feature version %d, expected 1 or 2", (int)f->version);
		goto out;
	}
	if (model_need_i32(c, MODEL_ERROR, n->path, j, "status", &f->status) ==
	    -1)
		goto out;
	if (f->status != 0 && f->status != 1)
		model_diag(c, MODEL_ERROR, "bad-value", n->path,
		    "status %d is neither 0 (disabled) nor 1 (enabled)",
		    (int)f->status);
	if ((fs = json_object_get(j, "features")) == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", n->path,
		    "field \"features\" is missing");
		goto out;
	}
	if (!json_is_object(fs)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "field \"features\": expected an object, found %s",
		    model_json_type(fs));
		goto out;
	}
	f->levels =
	    arena_alloc(&c->m->arena, json_object_size(fs) * sizeof *f->levels);
	json_object_foreach(fs, key, v)
	{
		const char *what = model_printf(c, "feature %s", key);

		if (!json_is_object(v)) {
			model_diag(c, MODEL_ERROR, "wrong-type", n->path,
			    "%s: expected an object, found %s", what,
			    model_json_type(v));
			continue;
		}
		l = &f->levels[f->nlevels];
		l->name = model_strdup(c, key);
		l->min_level = -1;
		if (f->version == 1) {
			if (model_get_int(c, MODEL_ERROR, n->path, v,
				"min_version_level", MODEL_I16, &x) != 0) {
				model_diag(c, MODEL_ERROR, "bad-value", n->path,
				    "%s: no usable min_version_level", what);
				continue;
			}
			l->min_level = (int16_t)x;
		}
		if (model_get_int(c, MODEL_ERROR, n->path, v,
			"max_version_level", MODEL_I16, &x) != 0) {
			model_diag(c, MODEL_ERROR, "bad-value", n->path,
			    "%s: no usable max_version_level", what);
			continue;
		}
		l->max_level = (int16_t)x;
		f->nlevels++;
	}
	if (f->nlevels > 0)
		qsort(
		    f->levels, f->nlevels, sizeof *f->levels, model_cmp_level);
out:
	json_decref(j);
}

/*
 * /migration (2.10).  Present whenever the znode exists: its mere
 * existence means a migration was attempted.
 */
static void
model_read_migration(struct model_ctx *c)
{
	struct model_migration *mg = &c->m->migration;
	const struct znode *n;
	int32_t cid, cepoch, mepoch;
	int64_t off;
	json_t *j;

	if ((n = model_at(c, "migration")) == NULL)
		return;
	mg->present = true;
	mg->version = -1;
	mg->metadata_offset = -1;
	mg->controller_id = -1;
	mg->metadata_epoch = -1;
	mg->controller_epoch = -1;
	mg->data_version = n->stat.version;
	if ((j = model_json(c, n, NULL)) == NULL)
		return;
	if (model_need_i32(
		c, MODEL_ERROR, n->path, j, "version", &mg->version) == -1)
		goto out;
	if (mg->version != 0) {
		model_diag(c, MODEL_ERROR, "unknown-version", n->path,
		    "migration state version %d, expected 0", (int)mg->version);
		goto out;
	}
	if (model_need_i64(c, MODEL_ERROR, n->path, j, "kraft_metadata_offset",
		&off) == -1 ||
	    model_need_i32(c, MODEL_ERROR, n->path, j, "kraft_controller_id",
		&cid) == -1 ||
	    model_need_i32(c, MODEL_ERROR, n->path, j, "kraft_metadata_epoch",
		&mepoch) == -1 ||
	    model_need_i32(c, MODEL_ERROR, n->path, j, "kraft_controller_epoch",
		&cepoch) == -1)
		goto out;
	mg->metadata_offset = off;
	mg->controller_id = cid;
	mg->metadata_epoch = mepoch;
	mg->controller_epoch = cepoch;
out:
	json_decref(j);
}

/* ---- /admin requests, /consumers ---------------------------------------- */

static int
model_cmp_reassignment(const void *a, const void *b)
{
	const struct model_reassignment *x = a, *y = b;
	size_t i;
	int r;

	if ((r = strcmp(x->topic, y->topic)) != 0)
		return r;
	if (x->partition != y->partition)
		return x->partition < y->partition ? -1 : 1;
	/* A repeated partition: order by replicas, for determinism. */
	for (i = 0; i < x->nreplicas && i < y->nreplicas; i++)
		if (x->replicas[i] != y->replicas[i])
			return x->replicas[i] < y->replicas[i] ? -1 : 1;
	return (x->nreplicas > y->nreplicas) - (x->nreplicas < y->nreplicas);
}

static int
model_cmp_election(const void *a, const void *b)
{
	const struct model_election *x = a, *y = b;
	int r;

	if ((r = strcmp(x->topic, y->topic)) != 0)
		return r;
	return (x->partition > y->partition) - (x->partition < y->partition);
}

/*
 * The "partitions" array of /admin/reassign_partitions or
 * /admin/preferred_replica_election: entries Kafka could not read are
 * dropped.  Returns the array, or NULL when there is none.
 */
static json_t *
model_admin_partitions(struct model_ctx *c, const struct znode *n, json_t *j)
{
	json_t *arr;

	model_check_version(c, n->path, j, 1);
	if ((arr = json_object_get(j, "partitions")) == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", n->path,
		    "field \"partitions\" is missing");
		return NULL;
	}
	if (!json_is_array(arr)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "field \"partitions\": expected an array, found %s",
		    model_json_type(arr));
		return NULL;
	}
	return arr;
}

/* One {"topic","partition"} entry; false after a diagnostic. */
static bool
model_admin_entry(struct model_ctx *c, const struct znode *n, json_t *e,
    size_t i, const char **topic, int32_t *partition)
{
	const char *what = model_printf(c, "partitions[%zu]", i);
	json_t *v;

	if (!json_is_object(e)) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "%s: expected an object, found %s", what,
		    model_json_type(e));
		return false;
	}
	if ((*topic = model_json_str(json_object_get(e, "topic"))) == NULL) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "%s: field \"topic\": expected a string", what);
		return false;
	}
	v = json_object_get(e, "partition");
	if (!json_is_integer(v) || json_integer_value(v) < INT32_MIN ||
	    json_integer_value(v) > INT32_MAX) {
		model_diag(c, MODEL_ERROR, "wrong-type", n->path,
		    "%s: field \"partition\": expected a 32-bit integer", what);
		return false;
	}
	*partition = (int32_t)json_integer_value(v);
	return true;
}

/* One reassignment entry: {"topic","partition","replicas"}. */
static bool
model_reassign_entry(struct model_ctx *c, const struct znode *n, json_t *e,
    size_t i, struct model_reassignment *ra)
{
	const char *topic;
	json_t *rep;

	if (!model_admin_entry(c, n, e, i, &topic, &ra->partition))
		return false;
	if ((rep = json_object_get(e, "replicas")) == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", n->path,
		    "partitions[%zu]: field \"replicas\" is missing", i);
		return false;
	}
	if (model_int_array(c, MODEL_ERROR, n->path, rep,
		model_printf(c, "partitions[%zu]: field \"replicas\"", i),
		&ra->replicas, &ra->nreplicas) == -1)
		return false;
	ra->topic = model_strdup(c, topic);
	return true;
}

static void
model_read_admin(struct model_ctx *c)
{
	struct model *m = c->m;
	struct model_reassignment *ra;
	struct model_election *el;
	const struct znode *n;
	const char *topic;
	int32_t part;
	json_t *j, *arr;
	size_t i, cnt;

	if ((n = model_at(c, "admin/reassign_partitions")) != NULL) {
		m->has_reassignments = true;
		if ((j = model_json(c, n, NULL)) != NULL) {
			if ((arr = model_admin_partitions(c, n, j)) != NULL) {
				cnt = json_array_size(arr);
				ra = arena_alloc(&m->arena, cnt * sizeof *ra);
				for (i = 0; i < cnt; i++) {
					if (model_reassign_entry(c, n,
						json_array_get(arr, i), i,
						&ra[m->nreassignments]))
						m->nreassignments++;
				}
				m->reassignments = ra;
				if (m->nreassignments > 0)
					qsort(ra, m->nreassignments, sizeof *ra,
					    model_cmp_reassignment);
			}
			json_decref(j);
		}
	}

	if ((n = model_at(c, "admin/preferred_replica_election")) != NULL) {
		m->has_elections = true;
		if ((j = model_json(c, n, NULL)) != NULL) {
			if ((arr = model_admin_partitions(c, n, j)) != NULL) {
				cnt = json_array_size(arr);
				el = arena_alloc(&m->arena, cnt * sizeof *el);
				for (i = 0; i < cnt; i++) {
					if (!model_admin_entry(c, n,
						json_array_get(arr, i), i,
						&topic, &part))
						continue;
					el[m->nelections].topic =
					    model_strdup(c, topic);
					el[m->nelections].partition = part;
					m->nelections++;
				}
				m->elections = el;
				if (m->nelections > 0)
					qsort(el, m->nelections, sizeof *el,
					    model_cmp_election);
			}
			json_decref(j);
		}
	}

	if ((n = model_at(c, "consumers")) != NULL)
		m->nconsumers = n->nchildren;
}

/* ---- Entry points ------------------------------------------------------- */

static int
model_cmp_diag(const void *a, const void *b)
{
	const struct model_diag *x = a, *y = b;
	int r;

	if ((r = strcmp(x->path, y->path)) != 0)
		return r;
	if ((r = strcmp(x->msg, y->msg)) != 0)
		return r;
	if ((r = strcmp(x->code, y->code)) != 0)
		return r;
	return (int)x->severity - (int)y->severity;
}

int
model_from_tree(
    struct model *m, const struct tree *t, const char *root, struct error *e)
{
	struct model_ctx c;

	memset(&c, 0, sizeof c);
	c.m = m;
	c.t = t;
	if ((c.root = tree_find(t, root)) == NULL)
		return error_set(e, EXIT_FAIL, "%s: no such znode", root);
	m->root = arena_strndup(&m->arena, root, strlen(root));
	m->min_zxid = t->min_zxid;
	m->max_zxid = t->max_zxid;

	model_read_cluster_id(&c);
	model_read_controller(&c);
	model_read_brokers(&c);
	model_read_topics(&c);
	model_read_topic_configs(&c);
	model_read_broker_configs(&c);
	model_read_quotas(&c);
	model_read_acls(&c);
	model_read_tokens(&c);
	model_read_producer_ids(&c);
	model_read_feature(&c);
	model_read_migration(&c);
	model_read_admin(&c);

	m->diags = model_vec_take(m, &c.diags, sizeof *m->diags, &m->ndiags);
	if (m->ndiags > 0)
		qsort(m->diags, m->ndiags, sizeof *m->diags, model_cmp_diag);
	return 0;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	arena_free(&m->arena);
	memset(m, 0, sizeof *m);
}

const struct model_topic *
model_topic(const struct model *m, const char *name)
{
	struct model_topic key;

	if (m->ntopics == 0)
		return NULL;
	key.name = name;
	return bsearch(
	    &key, m->topics, m->ntopics, sizeof key, model_cmp_topic);
}

size_t
model_count(const struct model *m, enum model_severity severity)
{
	size_t i, n = 0;

	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].severity == severity)
			n++;
	return n;
}

/* ---- Canonical text ----------------------------------------------------- */

/*
 * One string field of model_print().  Fields are separated by spaces, so
 * every byte <= ' ', DEL and backslash is written \xHH, as is any byte of
 * extra ("=" in keys, "," in list items).  NULL is "-", so a string that
 * is exactly "-" is escaped; "" is written "" and a leading quote
 * escaped, keeping the text unambiguous.
 */
static void
model_put_str(FILE *fp, const char *s, const char *extra)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("-", fp);
		return;
	}
	if (*s == '\0') {
		fputs("\"\"", fp);
		return;
	}
	if (strcmp(s, "-") == 0) {
		fputs("\\x2d", fp);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || *p == '\\' ||
		    (*p == '"' && p == (const unsigned char *)s) ||
		    (extra != NULL && strchr(extra, *p) != NULL))
			fprintf(fp, "\\x%02x", *p);
		else
			putc(*p, fp);
	}
}

static void
model_put_ints(FILE *fp, const int32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%d", i == 0 ? "" : ",", (int)v[i]);
}

static void
model_put_hex(FILE *fp, const struct kbytes *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		fprintf(fp, "%02x", b->p[i]);
}

/* %.17g round-trips; NaN and infinities get Java's spelling. */
static void
model_put_double(FILE *fp, double d)
{
	if (isnan(d))
		fputs("NaN", fp);
	else if (isinf(d))
		fputs(d < 0 ? "-Infinity" : "Infinity", fp);
	else
		fprintf(fp, "%.17g", d);
}

static void
model_put_uuid(FILE *fp, const struct kuuid *u)
{
	char text[B64_UUID_LEN + 1];

	b64_encode(u->b, sizeof u->b, true, text);
	fputs(text, fp);
}

static void
model_put_config(FILE *fp, const char *what, const char *name,
    const struct model_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n; i++) {
		fprintf(fp, "config %s ", what);
		model_put_str(fp, name, NULL);
		putc(' ', fp);
		model_put_str(fp, cfg->kv[i].key, "=");
		putc('=', fp);
		model_put_str(fp, cfg->kv[i].value, NULL);
		putc('\n', fp);
	}
}

static void
model_put_entity(FILE *fp, const struct model_quota *q)
{
	size_t i;

	for (i = 0; i < q->nentity; i++) {
		fprintf(fp, "%s%s=", i == 0 ? "" : " ",
		    model_entity_names[q->entity[i].type]);
		model_put_str(fp, q->entity[i].name, NULL);
	}
}

static const char *
model_yes(bool b)
{
	return b ? "yes" : "no";
}

static void
model_print_brokers(const struct model *m, FILE *fp, bool stable)
{
	const struct model_broker *b;
	const struct model_endpoint *ep;
	size_t i, k;

	for (i = 0; i < m->nbrokers; i++) {
		b = &m->brokers[i];
		fprintf(fp, "broker %d version=%d host=", (int)b->id,
		    (int)b->version);
		model_put_str(fp, b->host, NULL);
		fprintf(fp, " port=%d jmx-port=%d timestamp=%" PRId64 " rack=",
		    (int)b->port, (int)b->jmx_port, b->timestamp);
		model_put_str(fp, b->rack, NULL);
		fprintf(fp, " ephemeral=%s", model_yes(b->ephemeral));
		if (!stable)
			fprintf(fp, " epoch=%" PRId64, b->epoch);
		putc('\n', fp);
		for (k = 0; k < b->nendpoints; k++) {
			ep = &b->endpoints[k];
			fprintf(fp, "endpoint %d listener=", (int)b->id);
			model_put_str(fp, ep->listener, NULL);
			fputs(" host=", fp);
			model_put_str(fp, ep->host, NULL);
			fprintf(fp, " port=%d protocol=%s\n", (int)ep->port,
			    ep->protocol);
		}
	}
}

static void
model_print_topics(const struct model *m, FILE *fp)
{
	const struct model_topic *tp;
	const struct model_partition *p;
	size_t i, k;

	for (i = 0; i < m->ntopics; i++) {
		tp = &m->topics[i];
		fputs("topic ", fp);
		model_put_str(fp, tp->name, NULL);
		fputs(" id=", fp);
		if (tp->has_id)
			model_put_uuid(fp, &tp->id);
		else
			fputs("-", fp);
		fprintf(fp, " version=%d pending-deletion=%s config=%s\n",
		    (int)tp->version, model_yes(tp->pending_deletion),
		    model_yes(tp->has_config));
		for (k = 0; k < tp->npartitions; k++) {
			p = &tp->partitions[k];
			fputs("partition ", fp);
			model_put_str(fp, tp->name, NULL);
			fprintf(fp, " %d replicas=", (int)p->id);
			model_put_ints(fp, p->replicas, p->nreplicas);
			fputs(" isr=", fp);
			model_put_ints(fp, p->isr, p->nisr);
			fprintf(fp,
			    " leader=%d leader-epoch=%d partition-epoch=%d "
			    "controller-epoch=%d recovery=%d adding=",
			    (int)p->leader, (int)p->leader_epoch,
			    (int)p->partition_epoch, (int)p->controller_epoch,
			    (int)p->leader_recovery_state);
			model_put_ints(fp, p->adding, p->nadding);
			fputs(" removing=", fp);
			model_put_ints(fp, p->removing, p->nremoving);
			fprintf(fp, " state=%s\n", model_yes(p->has_state));
		}
		model_put_config(fp, "topic", tp->name, &tp->config);
	}
	for (i = 0; i < m->npending_deletions; i++) {
		fputs("pending-deletion ", fp);
		model_put_str(fp, m->pending_deletions[i], NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->norphan_configs; i++) {
		fputs("orphan-config ", fp);
		model_put_str(fp, m->orphan_configs[i], NULL);
		putc('\n', fp);
	}
}

static void
model_print_security(const struct model *m, FILE *fp)
{
	const struct model_quota *q;
	const struct model_scram *sc;
	const struct model_acl *a;
	const struct model_token *tk;
	size_t i, k;

	for (i = 0; i < m->nquotas; i++) {
		q = &m->quotas[i];
		fputs("quota-entity ", fp);
		model_put_entity(fp, q);
		fputs(" path=", fp);
		model_put_str(fp, q->path, NULL);
		putc('\n', fp);
		for (k = 0; k < q->nvalues; k++) {
			fputs("quota ", fp);
			model_put_entity(fp, q);
			putc(' ', fp);
			model_put_str(fp, q->values[k].key, "=");
			putc('=', fp);
			model_put_double(fp, q->values[k].value);
			putc('\n', fp);
		}
	}
	for (i = 0; i < m->nscram; i++) {
		sc = &m->scram[i];
		fputs("scram ", fp);
		model_put_str(fp, sc->user, NULL);
		fprintf(fp, " %s iterations=%d salt=",
		    sc->mechanism == 1 ? "SCRAM-SHA-256" : "SCRAM-SHA-512",
		    (int)sc->iterations);
		model_put_hex(fp, &sc->salt);
		fputs(" stored_key=", fp);
		model_put_hex(fp, &sc->stored_key);
		fputs(" server_key=", fp);
		model_put_hex(fp, &sc->server_key);
		fprintf(fp, " source=%s path=", model_entity_names[sc->source]);
		model_put_str(fp, sc->path, NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->nacls; i++) {
		a = &m->acls[i];
		fprintf(fp, "acl type=%d pattern=%d name=", a->resource_type,
		    a->pattern_type);
		model_put_str(fp, a->resource_name, NULL);
		fputs(" principal=", fp);
		model_put_str(fp, a->principal, NULL);
		fputs(" host=", fp);
		model_put_str(fp, a->host, NULL);
		fprintf(fp, " operation=%d/", a->operation);
		model_put_str(fp, a->operation_name, NULL);
		fprintf(fp, " permission=%d/", a->permission);
		model_put_str(fp, a->permission_name, NULL);
		fputs(" path=", fp);
		model_put_str(fp, a->path, NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->ntokens; i++) {
		tk = &m->tokens[i];
		fputs("token ", fp);
		model_put_str(fp, tk->token_id, NULL);
		fprintf(fp, " version=%d owner=", (int)tk->version);
		model_put_str(fp, tk->owner, NULL);
		fputs(" requester=", fp);
		model_put_str(fp, tk->requester, NULL);
		fputs(" renewers=", fp);
		for (k = 0; k < tk->nrenewers; k++) {
			if (k > 0)
				putc(',', fp);
			model_put_str(fp, tk->renewers[k], ",");
		}
		fprintf(fp,
		    " issue=%" PRId64 " max=%" PRId64 " expiry=%" PRId64 "\n",
		    tk->issue_timestamp, tk->max_timestamp,
		    tk->expiry_timestamp);
	}
}

static void
model_print_state(const struct model *m, FILE *fp)
{
	const struct model_producer_ids *pid = &m->producer_ids;
	const struct model_feature *f = &m->feature;
	const struct model_migration *mg = &m->migration;
	size_t i;

	if (pid->present)
		fprintf(fp,
		    "producer-ids broker=%d start=%" PRId64 " end=%" PRId64
		    " version=%d data-version=%d\n",
		    (int)pid->broker, pid->block_start, pid->block_end,
		    (int)pid->version, (int)pid->data_version);
	else
		fputs("producer-ids -\n", fp);
	if (f->present) {
		fprintf(fp, "feature version=%d status=%d\n", (int)f->version,
		    (int)f->status);
		for (i = 0; i < f->nlevels; i++) {
			fputs("feature-level ", fp);
			model_put_str(fp, f->levels[i].name, NULL);
			fprintf(fp, " min=%d max=%d\n", f->levels[i].min_level,
			    f->levels[i].max_level);
		}
	} else
		fputs("feature -\n", fp);
	if (mg->present)
		fprintf(fp,
		    "migration version=%d metadata-offset=%" PRId64
		    " controller-id=%d metadata-epoch=%d controller-epoch=%d "
		    "data-version=%d\n",
		    (int)mg->version, mg->metadata_offset,
		    (int)mg->controller_id, (int)mg->metadata_epoch,
		    (int)mg->controller_epoch, (int)mg->data_version);
	else
		fputs("migration -\n", fp);

	if (m->has_reassignments)
		fprintf(fp, "reassignments %zu\n", m->nreassignments);
	else
		fputs("reassignments -\n", fp);
	for (i = 0; i < m->nreassignments; i++) {
		fputs("reassignment ", fp);
		model_put_str(fp, m->reassignments[i].topic, NULL);
		fprintf(
		    fp, " %d replicas=", (int)m->reassignments[i].partition);
		model_put_ints(fp, m->reassignments[i].replicas,
		    m->reassignments[i].nreplicas);
		putc('\n', fp);
	}
	if (m->has_elections)
		fprintf(fp, "elections %zu\n", m->nelections);
	else
		fputs("elections -\n", fp);
	for (i = 0; i < m->nelections; i++) {
		fputs("election ", fp);
		model_put_str(fp, m->elections[i].topic, NULL);
		fprintf(fp, " %d\n", (int)m->elections[i].partition);
	}
	fprintf(fp, "consumers %zu\n", m->nconsumers);
}

void
model_print(const struct model *m, FILE *fp, bool stable)
{
	const struct model_controller *ctl = &m->controller;
	const struct model_broker_config *bc;
	const struct model_diag *d;
	size_t i;

	fputs("root ", fp);
	model_put_str(fp, m->root, NULL);
	putc('\n', fp);
	if (!stable)
		fprintf(fp, "zxid min=%" PRId64 " max=%" PRId64 "\n",
		    m->min_zxid, m->max_zxid);
	fputs("cluster-id ", fp);
	model_put_str(fp, m->cluster_id, NULL);
	fputs(" uuid=", fp);
	if (m->has_cluster_uuid)
		for (i = 0; i < sizeof m->cluster_uuid.b; i++)
			fprintf(fp, "%02x", m->cluster_uuid.b[i]);
	else
		fputs("-", fp);
	putc('\n', fp);
	if (ctl->present)
		fprintf(fp,
		    "controller broker=%d version=%d "
		    "kraft-controller-epoch=%d ephemeral=%s\n",
		    (int)ctl->broker_id, (int)ctl->version,
		    (int)ctl->kraft_controller_epoch,
		    model_yes(ctl->ephemeral));
	else
		fputs("controller -\n", fp);
	if (m->has_controller_epoch)
		fprintf(fp, "controller-epoch %d data-version=%d\n",
		    (int)m->controller_epoch, (int)m->controller_epoch_version);
	else
		fputs("controller-epoch -\n", fp);

	model_print_brokers(m, fp, stable);
	model_print_topics(m, fp);
	for (i = 0; i < m->nbroker_configs; i++) {
		bc = &m->broker_configs[i];
		fputs("broker-config ", fp);
		model_put_str(fp, bc->name, NULL);
		fprintf(fp, " default=%s keys=%zu\n", model_yes(bc->is_default),
		    bc->config.n);
		model_put_config(fp, "broker", bc->name, &bc->config);
	}
	model_print_security(m, fp);
	model_print_state(m, fp);
	for (i = 0; i < m->ndiags; i++) {
		d = &m->diags[i];
		fprintf(fp, "diag %s %s ",
		    d->severity == MODEL_ERROR ? "error" : "warning", d->code);
		model_put_str(fp, d->path, NULL);
		fprintf(fp, ": %s\n", d->msg);
	}
}

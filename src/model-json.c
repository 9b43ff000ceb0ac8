/*
 * Typed access to a znode's JSON for the model's readers: the data parsed
 * as Kafka's Jackson reads it, and fields fetched by type, each mistake
 * becoming a diagnostic that names the field.  jansson appears only in the
 * model's files.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "model-ctx.h"
#include "tree.h"

const char *
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
bool
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
json_t *
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
		model_diagk(c, MODEL_WARNING, "trailing-data", model_path(c, n),
		    NULL, "%zu bytes after the json value (Kafka ignores them)",
		    len - used);
	return j;
}

/*
 * Parse n's data as a JSON object.  Returns it (caller decrefs), or NULL
 * after an error.  lost says what Kafka does when the data does not
 * parse (NULL: as for any other error, c->kafka).
 */
json_t *
model_json(struct model_ctx *c, const struct znode *n, const char *lost)
{
	json_error_t err;
	bool blank;
	json_t *j;

	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", model_path(c, n),
		    "no data where a json object was expected");
		return NULL;
	}
	if ((j = model_parse(c, n, &err, &blank)) == NULL) {
		if (blank)
			model_diag(c, MODEL_ERROR, "malformed-json",
			    model_path(c, n),
			    "%s where a json object was expected",
			    n->len == 0 ? "empty data" : "only whitespace");
		else if (strstr(err.text, "NUL byte in object key") != NULL)
			/* Jackson reads it; jansson cannot. */
			model_diagk(c, MODEL_ERROR, "malformed-json",
			    model_path(c, n), MODEL_KAFKA_NUL,
			    "json: line %d column %d: an object key with a NUL "
			    "character",
			    err.line, err.column);
		else
			model_diagk(c, MODEL_ERROR, "malformed-json",
			    model_path(c, n), lost != NULL ? lost : c->kafka,
			    "malformed json: line %d column %d: %s", err.line,
			    err.column, err.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		model_diag(c, MODEL_ERROR, "wrong-type", model_path(c, n),
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
int
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

int
model_get_i32(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int32_t *out)
{
	int64_t v;
	int r;

	if ((r = model_get_int(c, sev, path, obj, key, MODEL_I32, &v)) == 0)
		*out = (int32_t)v;
	return r;
}

/* r from a model_get_*() of field key, absence made an error: 0 or -1. */
static int
model_needed(struct model_ctx *c, enum model_severity sev, const char *path,
    const char *key, int r)
{
	if (r == 1)
		model_diag(c, sev, "missing-field", path,
		    "field \"%s\" is missing", key);
	return r == 0 ? 0 : -1;
}

int
model_need_i32(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int32_t *out)
{
	return model_needed(
	    c, sev, path, key, model_get_i32(c, sev, path, obj, key, out));
}

int
model_need_i64(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, int64_t *out)
{
	return model_needed(c, sev, path, key,
	    model_get_int(c, sev, path, obj, key, MODEL_I64, out));
}

const char *
model_array_str(struct model_ctx *c, const char *path, json_t *arr, size_t i,
    const char *key)
{
	const char *s = model_json_str(json_array_get(arr, i));

	if (s == NULL)
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "field \"%s\": expected an array of strings", key);
	return s;
}

/* A JSON string without NUL bytes (C strings cannot hold them). */
const char *
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
int
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

int
model_need_str(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *obj, const char *key, const char **out)
{
	return model_needed(c, sev, path, key,
	    model_get_str(c, sev, path, obj, key, false, out));
}

json_t *
model_need_field(struct model_ctx *c, const char *path, json_t *obj,
    const char *key, json_type type, const char *what)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", path,
		    "field \"%s\" is missing", key);
		return NULL;
	}
	if (json_typeof(v) != type) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "field \"%s\": expected %s, found %s", key, what,
		    model_json_type(v));
		return NULL;
	}
	return v;
}

/*
 * v as an array of int32 (what names it in the message).  Returns 0 with
 * an arena array, or -1 after a diagnostic.
 */
static bool
model_ints(struct model_ctx *c, json_t *v, int32_t **out, size_t *n)
{
	json_int_t x;
	size_t i;

	if (!json_is_array(v))
		return false;
	*n = json_array_size(v);
	*out = arena_alloc(&c->m->arena, *n * sizeof **out);
	for (i = 0; i < *n; i++) {
		if (!json_is_integer(json_array_get(v, i)))
			return false;
		x = json_integer_value(json_array_get(v, i));
		if (x < INT32_MIN || x > INT32_MAX)
			return false;
		(*out)[i] = (int32_t)x;
	}
	return true;
}

int
model_int_array(struct model_ctx *c, enum model_severity sev, const char *path,
    json_t *v, const char *what, int32_t **out, size_t *n)
{
	if (model_ints(c, v, out, n))
		return 0;
	model_diag(c, sev, "wrong-type", path,
	    "%s: expected an array of 32-bit integers", what);
	return -1;
}

int
model_int_array_at(struct model_ctx *c, const char *path, json_t *v,
    const char *field, const char *key, int32_t **out, size_t *n)
{
	if (model_ints(c, v, out, n))
		return 0;
	return model_int_array(c, MODEL_ERROR, path, v,
	    model_printf(c, "field \"%s\".\"%s\"", field, key), out, n);
}

/*
 * "version" when present and not want: a warning, since Kafka's reader
 * ignores it.  Returns the version read, or want.
 */
int32_t
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

/* A JSON object or absent; anything else makes Kafka's asJsonObject
 * throw. */
int
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

/*
 * Inside the model: what its reading files share.  model-read.c runs the
 * area readers (model-broker.c, model-topic.c, model-config.c,
 * model-acl.c, model-state.c), which stand on the reading context
 * (model-ctx.c), the typed JSON accessors (model-json.c) and Java's text
 * decoders (model-java.c).  Nothing outside src/model*.c includes this
 * header; the model's API is model.h.
 *
 * Ownership: everything a helper returns lives in the model's arena (or,
 * for strings borrowed from a json_t, as long as that value) unless its
 * comment says otherwise.
 */
#ifndef MODEL_CTX_H
#define MODEL_CTX_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct tree;
struct znode;

#define MODEL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A growable array used while a section is read; the result is copied
 * into the arena so the model holds no malloc'd memory. */
struct model_vec {
	void *v;
	size_t n;
	size_t cap;
};

/* One model_from_tree() walk. */
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
	struct arena paths; /* model_path()'s, freed after the walk */
};

/* What Kafka's migration does, for the messages (see model_ctx.kafka). */
#define MODEL_KAFKA_FAILS "Kafka's migration fails on it"
#define MODEL_KAFKA_NUL                                                        \
	"Kafka reads the string with its NUL character (U+0000), which "       \
	"zk2kraft cannot hold"

/* Ranges for model_get_int(): min, max and what names them. */
#define MODEL_I16 INT16_MIN, INT16_MAX, "a 16-bit integer"
#define MODEL_I32 INT32_MIN, INT32_MAX, "a 32-bit integer"
#define MODEL_I64 INT64_MIN, INT64_MAX, "a 64-bit integer"

/* ---- model-ctx.c: vectors, arena strings, diagnostics ----------------- */

/* Append a zeroed element of size bytes to v; returns it (malloc'd, moved
 * by model_vec_take()). */
void *model_vec_push(struct model_vec *v, size_t size);
/* Move v's elements into the arena; v is empty afterwards. */
void *model_vec_take(
    struct model *m, struct model_vec *v, size_t size, size_t *n);
/* Arena copies of s, and of printf's output. */
const char *model_strdup(struct model_ctx *c, const char *s);
#define model_printf(c, ...) arena_printf(&(c)->m->arena, __VA_ARGS__)
/* s quoted for a message: escaped onto one line and cut short. */
const char *model_q(struct model_ctx *c, const char *s);
/* A diagnostic on path; an error ends with what Kafka does (c->kafka). */
void model_diag(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A diagnostic ending with kafka instead (NULL: nothing). */
void model_diagk(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *kafka, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* What Kafka does with a string holding U+0000 (see model_ctx). */
const char *model_kafka_nul(const struct model_ctx *c);
/* What Kafka does where Integer.parseInt() fails on s. */
const char *model_kafka_int(const char *s);
/*
 * qsort()/bsearch() order of structs whose first member is the string they
 * sort by (struct model_topic, _kv, _token, _feature_level): a pointer to
 * a struct points to its first member.
 */
int model_cmp_first_str(const void *a, const void *b);
/* The znode at rel below the Kafka root, or NULL. */
const struct znode *model_at(struct model_ctx *c, const char *rel);
/* n's path, for messages; lives until model_from_tree() returns (the
 * diagnostics copy it). */
const char *model_path(struct model_ctx *c, const struct znode *n);

/* ---- model-json.c: a znode's JSON, typed fields ------------------------ */

/* "an object", "a string"...: v's type for a message. */
const char *model_json_type(const json_t *j);
/* Only Jackson's whitespace between tokens (or nothing). */
bool model_blank(const uint8_t *p, size_t len);
/* n's data as Jackson reads it; NULL with *blank or err filled. */
json_t *model_parse(
    struct model_ctx *c, const struct znode *n, json_error_t *err, bool *blank);
/* n's data as a JSON object (caller decrefs), or NULL after an error;
 * lost says what Kafka does when it does not parse (NULL: c->kafka). */
json_t *model_json(
    struct model_ctx *c, const struct znode *n, const char *lost);
/*
 * The field getters: 0 with *out set, 1 when the field is absent, -1
 * after a diagnostic of severity sev.  The "need" forms make absence an
 * error too (0 or -1).  Strings are borrowed from obj.
 */
int model_get_int(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, int64_t min, int64_t max,
    const char *what, int64_t *out);
int model_get_i32(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, int32_t *out);
int model_need_i32(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, int32_t *out);
int model_need_i64(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, int64_t *out);
int model_get_str(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, bool null_ok,
    const char **out);
int model_need_str(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *obj, const char *key, const char **out);
/* Field key of obj, present and of the given type (what names it in the
 * message, e.g. "an array"); NULL after an error. */
json_t *model_need_field(struct model_ctx *c, const char *path, json_t *obj,
    const char *key, json_type type, const char *what);
/* A JSON object field or absent (0), else -1 after an error. */
int model_get_object(struct model_ctx *c, const char *path, json_t *j,
    const char *key, json_t **out);
/* Element i of arr, the array field key, as a string; NULL after an
 * error. */
const char *model_array_str(struct model_ctx *c, const char *path, json_t *arr,
    size_t i, const char *key);
/* v as a string without NUL bytes, or NULL. */
const char *model_json_str(json_t *v);
/* v as an arena array of int32: 0, or -1 after a diagnostic. */
int model_int_array(struct model_ctx *c, enum model_severity sev,
    const char *path, json_t *v, const char *what, int32_t **out, size_t *n);
/* The same for field "<field>"."<key>", an error; the name is made only
 * for the diagnostic. */
int model_int_array_at(struct model_ctx *c, const char *path, json_t *v,
    const char *field, const char *key, int32_t **out, size_t *n);
/* "version" of obj, warning when it is not want; returns it, or want. */
int32_t model_check_version(
    struct model_ctx *c, const char *path, json_t *obj, int32_t want);

/* ---- model-java.c: Java's text decoders --------------------------------- */

/* java.util.Base64 (url: the URL alphabet): arena bytes, or NULL. */
uint8_t *model_b64(struct model_ctx *c, const char *s, bool url, size_t *len);
/* Kafka's Uuid.fromString(): false when s is not one. */
bool model_uuid(struct model_ctx *c, const char *s, struct kuuid *u);
/* A sanitized name desanitized, diagnosed on path as what; NULL after an
 * error. */
const char *model_name(
    struct model_ctx *c, const char *path, const char *what, const char *s);

/*
 * ---- The area readers, in the order model_from_tree() runs them; each
 * fills its part of c->m.
 */

/* model-state.c: /cluster/id, /controller and /controller_epoch. */
void model_read_cluster(struct model_ctx *c);
/* model-broker.c: /brokers/ids. */
void model_read_brokers(struct model_ctx *c);
/* model-topic.c: /brokers/topics and /admin/delete_topics. */
void model_read_topics(struct model_ctx *c);
/* model-config.c: /config, after model_read_topics(). */
void model_read_configs(struct model_ctx *c);
/* model-acl.c: both ACL stores. */
void model_read_acls(struct model_ctx *c);
/* model-state.c: tokens, producer ids, /feature, /migration, /admin and
 * /consumers. */
void model_read_state(struct model_ctx *c);

#endif /* MODEL_CTX_H */

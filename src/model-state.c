/*
 * The cluster's state beside its brokers and topics: /cluster/id,
 * /controller, delegation tokens, the producer id block, /feature,
 * /migration, and the /admin requests and /consumers
 * (zookeeper-layout.md 2.1, 2.2, 2.7 to 2.10).
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jnum.h"
#include "model-ctx.h"
#include "tree.h"

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
		model_diag(c, MODEL_WARNING, "unknown-version",
		    model_path(c, n),
		    "version is not the string \"1\" (read anyway: Kafka "
		    "ignores it)");
	if (model_need_str(c, MODEL_ERROR, model_path(c, n), j, "id", &id) ==
	    0) {
		c->m->cluster_id = model_strdup(c, id);
		if (model_uuid(c, id, &c->m->cluster_uuid))
			c->m->has_cluster_uuid = true;
		else
			model_diag(c, MODEL_ERROR, "bad-cluster-id",
			    model_path(c, n),
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
		ctl->ephemeral = tree_stat(n).ephemeral_owner != 0;
		ctl->broker_id = -1;
		ctl->kraft_controller_epoch = -1;
		if ((j = model_json(c, n, NULL)) != NULL) {
			if (model_get_i32(c, MODEL_WARNING, model_path(c, n), j,
				"version", &v) == 0) {
				ctl->version = v;
				if (v < 1 || v > 2)
					model_diag(c, MODEL_WARNING,
					    "unknown-version", model_path(c, n),
					    "version %d, expected 1 or 2 "
					    "(read anyway: Kafka ignores it)",
					    (int)v);
			}
			(void)model_need_i32(c, MODEL_ERROR, model_path(c, n),
			    j, "brokerid", &ctl->broker_id);
			(void)model_get_i32(c, MODEL_ERROR, model_path(c, n), j,
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
		model_diag(c, MODEL_ERROR, "null-data", model_path(c, n),
		    "no data where a decimal epoch was expected");
		return;
	}
	text = arena_strndup(&c->m->arena, (const char *)n->data, n->len);
	if (strlen(text) != n->len || jnum_parse_i32(text, &v) == -1) {
		model_diag(c, MODEL_ERROR, "bad-value", model_path(c, n),
		    "%s is not a decimal 32-bit integer", model_q(c, text));
		return;
	}
	c->m->has_controller_epoch = true;
	c->m->controller_epoch = v;
	c->m->controller_epoch_version = tree_version(n);
}

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
	const char *path = model_path(c, n), *s;
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
	if ((arr = model_need_field(c, path, j, "renewers", JSON_ARRAY,
		 "an array of strings")) == NULL)
		goto out;
	tk->nrenewers = json_array_size(arr);
	tk->renewers =
	    arena_alloc(&c->m->arena, tk->nrenewers * sizeof *tk->renewers);
	for (i = 0; i < tk->nrenewers; i++) {
		if ((s = model_array_str(c, path, arr, i, "renewers")) ==
			NULL ||
		    (tk->renewers[i] =
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
				    model_path(c, n),
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
		qsort(m->tokens, m->ntokens, sizeof *m->tokens,
		    model_cmp_first_str);
}

/* Long.parseLong() of s, the value of field what: 0, or -1 after an error. */
static int
model_block_long(struct model_ctx *c, const char *path, const char *what,
    const char *s, int64_t *out)
{
	if (jnum_parse_long(s, INT64_MIN, INT64_MAX, out) == 0)
		return 0;
	model_diagk(c, MODEL_ERROR, "bad-value", path, model_kafka_int(s),
	    "%s %s is not a decimal 64-bit integer", what, model_q(c, s));
	return -1;
}

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
	pid->version = model_check_version(c, model_path(c, n), j, 1);
	if (model_need_i32(c, MODEL_ERROR, model_path(c, n), j, "broker",
		&pid->broker) == -1 ||
	    model_need_str(
		c, MODEL_ERROR, model_path(c, n), j, "block_start", &s) == -1 ||
	    model_need_str(
		c, MODEL_ERROR, model_path(c, n), j, "block_end", &e) == -1)
		goto out;
	if (model_block_long(c, model_path(c, n), "block_start", s, &start) ==
		-1 ||
	    model_block_long(c, model_path(c, n), "block_end", e, &end) == -1)
		goto out;
	/* Math.toIntExact(end - start + 1), Java's wrapping subtraction. */
	if ((int64_t)((uint64_t)end - (uint64_t)start + 1) < INT32_MIN ||
	    (int64_t)((uint64_t)end - (uint64_t)start + 1) > INT32_MAX) {
		model_diag(c, MODEL_ERROR, "bad-value", model_path(c, n),
		    "block %" PRId64 "..%" PRId64
		    " does not have a 32-bit size",
		    start, end);
		goto out;
	}
	pid->present = true;
	pid->block_start = start;
	pid->block_end = end;
	pid->data_version = tree_version(n);
out:
	json_decref(j);
	c->kafka = NULL;
}

/* Level key of feature v (what names it): 0, or -1 after an error. */
static int
model_level(struct model_ctx *c, const char *path, json_t *v, const char *what,
    const char *key, int16_t *out)
{
	int64_t x;

	if (model_get_int(c, MODEL_ERROR, path, v, key, MODEL_I16, &x) != 0) {
		model_diag(c, MODEL_ERROR, "bad-value", path,
		    "%s: no usable %s", what, key);
		return -1;
	}
	*out = (int16_t)x;
	return 0;
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

	if ((n = model_at(c, "feature")) == NULL)
		return;
	f->present = true;
	f->version = -1;
	f->status = -1;
	if ((j = model_json(c, n, NULL)) == NULL)
		return;
	if (model_need_i32(c, MODEL_ERROR, model_path(c, n), j, "version",
		&f->version) == -1)
		goto out;
	if (f->version < 1 || f->version > 2) {
		model_diag(c, MODEL_ERROR, "unknown-version", model_path(c, n),
		    "feature version %d, expected 1 or 2", (int)f->version);
		goto out;
	}
	if (model_need_i32(c, MODEL_ERROR, model_path(c, n), j, "status",
		&f->status) == -1)
		goto out;
	if (f->status != 0 && f->status != 1)
		model_diag(c, MODEL_ERROR, "bad-value", model_path(c, n),
		    "status %d is neither 0 (disabled) nor 1 (enabled)",
		    (int)f->status);
	if ((fs = model_need_field(c, model_path(c, n), j, "features",
		 JSON_OBJECT, "an object")) == NULL)
		goto out;
	f->levels =
	    arena_alloc(&c->m->arena, json_object_size(fs) * sizeof *f->levels);
	json_object_foreach(fs, key, v)
	{
		const char *what = model_printf(c, "feature %s", key);

		if (!json_is_object(v)) {
			model_diag(c, MODEL_ERROR, "wrong-type",
			    model_path(c, n),
			    "%s: expected an object, found %s", what,
			    model_json_type(v));
			continue;
		}
		l = &f->levels[f->nlevels];
		l->name = model_strdup(c, key);
		l->min_level = -1;
		if ((f->version == 1 &&
			model_level(c, model_path(c, n), v, what,
			    "min_version_level", &l->min_level) == -1) ||
		    model_level(c, model_path(c, n), v, what,
			"max_version_level", &l->max_level) == -1)
			continue;
		f->nlevels++;
	}
	if (f->nlevels > 0)
		qsort(f->levels, f->nlevels, sizeof *f->levels,
		    model_cmp_first_str);
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
	mg->data_version = tree_version(n);
	if ((j = model_json(c, n, NULL)) == NULL)
		return;
	if (model_need_i32(c, MODEL_ERROR, model_path(c, n), j, "version",
		&mg->version) == -1)
		goto out;
	if (mg->version != 0) {
		model_diag(c, MODEL_ERROR, "unknown-version", model_path(c, n),
		    "migration state version %d, expected 0", (int)mg->version);
		goto out;
	}
	if (model_need_i64(c, MODEL_ERROR, model_path(c, n), j,
		"kraft_metadata_offset", &off) == -1 ||
	    model_need_i32(c, MODEL_ERROR, model_path(c, n), j,
		"kraft_controller_id", &cid) == -1 ||
	    model_need_i32(c, MODEL_ERROR, model_path(c, n), j,
		"kraft_metadata_epoch", &mepoch) == -1 ||
	    model_need_i32(c, MODEL_ERROR, model_path(c, n), j,
		"kraft_controller_epoch", &cepoch) == -1)
		goto out;
	mg->metadata_offset = off;
	mg->controller_id = cid;
	mg->metadata_epoch = mepoch;
	mg->controller_epoch = cepoch;
out:
	json_decref(j);
}

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

	if ((r = strcmp(x->topic, y->topic)) == 0)
		r = (x->partition > y->partition) -
		    (x->partition < y->partition);
	return r;
}

/*
 * The "partitions" array of /admin/<name> (reassign_partitions or
 * preferred_replica_election), *present set when the znode exists and *np
 * pointing to it; the caller drops the entries Kafka could not read.
 * Returns the array, or NULL when there is none; *jp is the caller's to
 * json_decref() either way.
 */
static json_t *
model_admin_partitions(struct model_ctx *c, const char *rel, bool *present,
    const struct znode **np, json_t **jp)
{
	const struct znode *n;

	*jp = NULL;
	if ((*np = n = model_at(c, rel)) == NULL)
		return NULL;
	*present = true;
	if ((*jp = model_json(c, n, NULL)) == NULL)
		return NULL;
	model_check_version(c, model_path(c, n), *jp, 1);
	return model_need_field(
	    c, model_path(c, n), *jp, "partitions", JSON_ARRAY, "an array");
}

/* One {"topic","partition"} entry; false after a diagnostic. */
static bool
model_admin_entry(struct model_ctx *c, const struct znode *n, json_t *e,
    size_t i, const char **topic, int32_t *partition)
{
	const char *what = model_printf(c, "partitions[%zu]", i);
	json_t *v;

	if (!json_is_object(e)) {
		model_diag(c, MODEL_ERROR, "wrong-type", model_path(c, n),
		    "%s: expected an object, found %s", what,
		    model_json_type(e));
		return false;
	}
	if ((*topic = model_json_str(json_object_get(e, "topic"))) == NULL) {
		model_diag(c, MODEL_ERROR, "wrong-type", model_path(c, n),
		    "%s: field \"topic\": expected a string", what);
		return false;
	}
	v = json_object_get(e, "partition");
	if (!json_is_integer(v) || json_integer_value(v) < INT32_MIN ||
	    json_integer_value(v) > INT32_MAX) {
		model_diag(c, MODEL_ERROR, "wrong-type", model_path(c, n),
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
		model_diag(c, MODEL_ERROR, "missing-field", model_path(c, n),
		    "partitions[%zu]: field \"replicas\" is missing", i);
		return false;
	}
	if (model_int_array(c, MODEL_ERROR, model_path(c, n), rep,
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

	if ((arr = model_admin_partitions(c, "admin/reassign_partitions",
		 &m->has_reassignments, &n, &j)) != NULL) {
		cnt = json_array_size(arr);
		ra = arena_alloc(&m->arena, cnt * sizeof *ra);
		for (i = 0; i < cnt; i++)
			if (model_reassign_entry(c, n, json_array_get(arr, i),
				i, &ra[m->nreassignments]))
				m->nreassignments++;
		m->reassignments = ra;
		if (m->nreassignments > 0)
			qsort(ra, m->nreassignments, sizeof *ra,
			    model_cmp_reassignment);
	}
	json_decref(j);

	if ((arr = model_admin_partitions(c, "admin/preferred_replica_election",
		 &m->has_elections, &n, &j)) != NULL) {
		cnt = json_array_size(arr);
		el = arena_alloc(&m->arena, cnt * sizeof *el);
		for (i = 0; i < cnt; i++) {
			if (!model_admin_entry(
				c, n, json_array_get(arr, i), i, &topic, &part))
				continue;
			el[m->nelections].topic = model_strdup(c, topic);
			el[m->nelections].partition = part;
			m->nelections++;
		}
		m->elections = el;
		if (m->nelections > 0)
			qsort(
			    el, m->nelections, sizeof *el, model_cmp_election);
	}
	json_decref(j);

	if ((n = model_at(c, "consumers")) != NULL)
		m->nconsumers = n->nchildren;
}

void
model_read_cluster(struct model_ctx *c)
{
	model_read_cluster_id(c);
	model_read_controller(c);
}

void
model_read_state(struct model_ctx *c)
{
	model_read_tokens(c);
	model_read_producer_ids(c);
	model_read_feature(c);
	model_read_migration(c);
	model_read_admin(c);
}

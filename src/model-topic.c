/*
 * Topics and partitions: /brokers/topics/<t> and its partition states
 * (zookeeper-layout.md 2.4), and /admin/delete_topics.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jnum.h"
#include "model-ctx.h"
#include "tree.h"

/* id in decimal, as "%d" prints it (a partition's znode name); out. */
static const char *
model_id_text(int32_t id, char out[16])
{
	uint32_t u = id < 0 ? 0u - (uint32_t)id : (uint32_t)id;
	char tmp[16];
	size_t n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (id < 0)
		out[i++] = '-';
	while (n > 0)
		out[i++] = tmp[--n];
	out[i] = '\0';
	return out;
}

/* A 32-bit JSON integer at *pp in its one plain form ("0", "-12"). */
static bool
model_fast_i32(const char **pp, const char *end, int32_t *out)
{
	const char *p = *pp;
	bool neg = p < end && *p == '-';
	int64_t v = 0;
	int n;

	p += neg;
	if (p < end && *p == '0' &&
	    (neg || (p + 1 < end && p[1] >= '0' && p[1] <= '9')))
		return false;
	for (n = 0; p < end && *p >= '0' && *p <= '9'; n++, p++) {
		if (n == 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	v = neg ? -v : v;
	if (n == 0 || v < INT32_MIN || v > INT32_MAX)
		return false;
	*out = (int32_t)v;
	*pp = p;
	return true;
}

/* An array of at most MODEL_FAST_INTS 32-bit integers into v[*n]. */
#define MODEL_FAST_INTS 64
static bool
model_fast_ints(const char **pp, const char *end, int32_t *v, size_t *n)
{
	*n = 0;
	if (*pp == end || *(*pp)++ != '[')
		return false;
	while (*pp < end && **pp != ']') {
		if (*n == MODEL_FAST_INTS || (*n > 0 && *(*pp)++ != ',') ||
		    !model_fast_i32(pp, end, &v[*n]))
			return false;
		(*n)++;
	}
	if (*pp == end)
		return false;
	(*pp)++;
	return true;
}

/* An "isr" array of 32-bit integers, shared with replicas when equal. */
static bool
model_fast_isr(struct model_ctx *c, const char **pp, const char *end,
    struct model_partition *p)
{
	int32_t v[MODEL_FAST_INTS], *isr;
	size_t n;

	if (!model_fast_ints(pp, end, v, &n))
		return false;
	if (n == p->nreplicas && memcmp(v, p->replicas, n * sizeof *v) == 0)
		isr = p->replicas;
	else
		isr = memcpy(
		    arena_alloc(&c->m->arena, n * sizeof *v), v, n * sizeof *v);
	p->isr = isr;
	p->nisr = n;
	return true;
}

/*
 * The partition state as Kafka writes it: a flat object of the known
 * fields, integers and the isr, no space, version 1, nothing missing or
 * repeated.  Anything else is left to the jansson reader and its
 * diagnostics (false, p untouched).
 */
static bool
model_fast_state(
    struct model_ctx *c, const struct znode *n, struct model_partition *p)
{
	static const char *const keys[] = {
	    "\"leader\":", "\"leader_epoch\":", "\"controller_epoch\":",
	    "\"version\":", "\"leader_recovery_state\":", "\"isr\":"};
	const char *s = (const char *)n->data, *end = s + n->len;
	struct model_partition q = *p;
	int32_t v[5] = {0, 0, 0, 0, 0};
	unsigned seen = 0;
	size_t k, klen;

	if (s == end || *s++ != '{')
		return false;
	for (;;) {
		for (k = 0; k < 6; k++) {
			klen = strlen(keys[k]);
			if ((size_t)(end - s) > klen &&
			    memcmp(s, keys[k], klen) == 0)
				break;
		}
		if (k == 6 || (seen & 1u << k) != 0)
			return false;
		seen |= 1u << k;
		s += klen;
		if (k == 5 ? !model_fast_isr(c, &s, end, &q)
			   : !model_fast_i32(&s, end, &v[k]))
			return false;
		if (s == end || *s != ',')
			break;
		s++;
	}
	if (s + 1 != end || *s != '}' || (seen & 0x27) != 0x27 ||
	    (seen & 8 && v[3] != 1) || (v[4] != 0 && v[4] != 1))
		return false;
	q.has_state = true;
	q.leader = v[0];
	q.leader_epoch = v[1];
	q.controller_epoch = v[2];
	q.leader_recovery_state = (int8_t)v[4];
	q.partition_epoch = tree_version(n);
	*p = q;
	return true;
}

/*
 * The state znode of one partition (2.4), decoded as
 * TopicPartitionStateZNode.decode() does.  Data that is not JSON makes
 * Kafka fall back to its defaults (a warning); null data, data without a
 * JSON value, or JSON with missing or mistyped fields make it throw (an
 * error).  Either way the partition keeps the defaults set by the caller.
 */
static void
model_read_partition_state(
    struct model_ctx *c, const struct znode *topic, struct model_partition *p)
{
	const struct znode *n;
	json_error_t err;
	int32_t rs, leader, lepoch, cepoch;
	int32_t *isr;
	size_t nisr;
	const char *path;
	char id[16];
	bool blank;
	json_t *j;

	model_id_text(p->id, id);
	n = tree_child(c->t, tree_child(c->t, topic, "partitions"), id);
	if ((n = tree_child(c->t, n, "state")) == NULL) {
		model_diag(c, MODEL_WARNING, "missing-state",
		    model_printf(
			c, "%s/partitions/%s/state", model_path(c, topic), id),
		    "no state znode: Kafka uses the default leader, isr and "
		    "epochs");
		return;
	}
	/* Jackson refuses to parse null; Kafka does not catch that. */
	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", model_path(c, n),
		    "no data where the partition state was expected");
		return;
	}
	if (model_fast_state(c, n, p))
		return;
	path = model_path(c, n);
	if ((j = model_parse(c, n, &err, &blank)) == NULL) {
		if (blank)
			model_diag(c, MODEL_ERROR, "malformed-json", path,
			    "%s where the partition state was expected",
			    n->len == 0 ? "empty data" : "only whitespace");
		else if (strstr(err.text, "too big") != NULL ||
		    strstr(err.text, "overflow") != NULL)
			/* Jackson reads huge numbers, then fails to convert
			 * them (if the field is one Kafka reads). */
			model_diagk(c, MODEL_ERROR, "malformed-json", path,
			    "Kafka reads the number, and its migration fails "
			    "on it in leader, leader_epoch, isr, "
			    "controller_epoch or leader_recovery_state",
			    "malformed json: line %d column %d: %s", err.line,
			    err.column, err.text);
		else
			model_diag(c, MODEL_WARNING, "malformed-json", path,
			    "malformed json: line %d column %d: %s (Kafka uses "
			    "the default leader, isr and epochs)",
			    err.line, err.column, err.text);
		return;
	}
	if (!json_is_object(j)) {
		model_diag(c, MODEL_ERROR, "wrong-type", path,
		    "expected a json object, found %s", model_json_type(j));
		goto out;
	}
	model_check_version(c, path, j, 1);
	if (model_need_i32(c, MODEL_ERROR, path, j, "leader", &leader) == -1 ||
	    model_need_i32(c, MODEL_ERROR, path, j, "leader_epoch", &lepoch) ==
		-1 ||
	    model_need_i32(
		c, MODEL_ERROR, path, j, "controller_epoch", &cepoch) == -1)
		goto out;
	if (json_object_get(j, "isr") == NULL) {
		model_diag(c, MODEL_ERROR, "missing-field", path,
		    "field \"isr\" is missing");
		goto out;
	}
	if (model_int_array(c, MODEL_ERROR, path, json_object_get(j, "isr"),
		"field \"isr\"", &isr, &nisr) == -1)
		goto out;
	rs = 0;
	if (model_get_i32(
		c, MODEL_ERROR, path, j, "leader_recovery_state", &rs) == -1)
		goto out;
	/* LeaderRecoveryState.of(value.toByte): 0 or 1 after truncation. */
	if ((int8_t)rs != 0 && (int8_t)rs != 1) {
		model_diag(c, MODEL_ERROR, "bad-value", path,
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
	p->partition_epoch = tree_version(n);
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
	return model_int_array_at(c, path, v, field, key, out, n);
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

/*
 * The "partitions" of topic json j (with adding_replicas and
 * removing_replicas), sorted by id.  Returns 0, or -1 after an error
 * that makes Kafka's decoder throw.
 */
static int
model_read_partitions(
    struct model_ctx *c, const char *path, json_t *j, struct model_topic *tp)
{
	json_t *parts, *adding, *removing, *v;
	struct model_partition *p;
	const char *key;
	size_t i;

	if (model_get_object(c, path, j, "partitions", &parts) == -1 ||
	    model_get_object(c, path, j, "adding_replicas", &adding) == -1 ||
	    model_get_object(c, path, j, "removing_replicas", &removing) == -1)
		return -1;

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
				return -1;
			}
			if (p->id < 0) {
				model_diagk(c, MODEL_ERROR, "bad-partition-id",
				    path,
				    "Kafka's migration carries it over as is",
				    "partition %s is negative",
				    model_q(c, key));
				return -1;
			}
			if (model_int_array_at(c, path, v, "partitions", key,
				&p->replicas, &p->nreplicas) == -1 ||
			    model_read_moving(c, path, adding,
				"adding_replicas", key, &p->adding,
				&p->nadding) == -1 ||
			    model_read_moving(c, path, removing,
				"removing_replicas", key, &p->removing,
				&p->nremoving) == -1)
				return -1;
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
			return -1;
		}
	}
	return 0;
}

/* Partition znodes the json does not name: the migration reads partitions
 * from the json, not from here. */
static void
model_check_partition_znodes(
    struct model_ctx *c, const struct znode *n, const struct model_topic *tp)
{
	const struct znode *pdir, *ch;
	struct model_partition k;
	size_t i;
	char id[16];

	if ((pdir = tree_child(c->t, n, "partitions")) == NULL)
		return;
	for (i = 0; i < pdir->nchildren; i++) {
		ch = tree_child_at(c->t, pdir, i);
		if (jnum_parse_i32(ch->name, &k.id) == 0 &&
		    strcmp(model_id_text(k.id, id), ch->name) == 0 &&
		    tp->npartitions > 0 &&
		    bsearch(&k, tp->partitions, tp->npartitions, sizeof k,
			model_cmp_partition) != NULL)
			continue;
		model_diag(c, MODEL_WARNING, "unknown-partition",
		    model_path(c, ch),
		    "partition znode not in the topic's \"partitions\" (Kafka "
		    "ignores it)");
	}
}

/* The "partitions" object in Kafka's form: "<id>":[replicas],... */
static bool
model_fast_parts(
    struct model_ctx *c, const char **pp, const char *end, struct model_vec *v)
{
	struct model_partition *p;
	int32_t r[MODEL_FAST_INTS];
	size_t n;

	if (*pp == end || *(*pp)++ != '{')
		return false;
	while (*pp < end && **pp != '}') {
		if ((v->n > 0 && *(*pp)++ != ',') || *pp == end ||
		    *(*pp)++ != '"')
			return false;
		p = model_vec_push(v, sizeof *p);
		if (!model_fast_i32(pp, end, &p->id) || p->id < 0 ||
		    end - *pp < 2 || (*pp)[0] != '"' || (*pp)[1] != ':')
			return false;
		*pp += 2;
		if (!model_fast_ints(pp, end, r, &n))
			return false;
		p->replicas = arena_memdup(&c->m->arena, r, n * sizeof *r);
		p->nreplicas = n;
	}
	if (*pp == end)
		return false;
	(*pp)++;
	return v->n > 0;
}

/*
 * The topic znode as Kafka writes it: "partitions" (ids in their plain
 * form, each once), "topic_id" (a uuid), empty "adding_replicas" and
 * "removing_replicas", "version" 1 to 3, no space, nothing repeated.
 * Anything else is left to the jansson reader (false, tp untouched).
 */
static bool
model_fast_topic(
    struct model_ctx *c, const struct znode *n, struct model_topic *tp)
{
	static const char *const keys[] = {"\"partitions\":", "\"topic_id\":\"",
	    "\"adding_replicas\":{}", "\"removing_replicas\":{}",
	    "\"version\":"};
	const char *s = (const char *)n->data, *end = s + n->len, *q;
	struct model_vec v = {0};
	struct model_topic t = {0};
	char id[32];
	unsigned seen = 0;
	size_t k, klen, i;

	if (s == end || *s++ != '{')
		goto no;
	for (;;) {
		for (k = 0; k < 5; k++) {
			klen = strlen(keys[k]);
			if ((size_t)(end - s) >= klen &&
			    memcmp(s, keys[k], klen) == 0)
				break;
		}
		if (k == 5 || (seen & 1u << k) != 0)
			goto no;
		seen |= 1u << k;
		s += klen;
		if (k == 0 && !model_fast_parts(c, &s, end, &v))
			goto no;
		if (k == 1) {
			if ((q = memchr(s, '"', (size_t)(end - s))) == NULL ||
			    (size_t)(q - s) >= sizeof id)
				goto no;
			memcpy(id, s, (size_t)(q - s));
			id[q - s] = '\0';
			if (strchr(id, '\\') != NULL ||
			    !model_uuid(c, id, &t.id))
				goto no;
			t.has_id = true;
			s = q + 1;
		}
		if (k == 4 &&
		    (!model_fast_i32(&s, end, &t.version) || t.version < 1 ||
			t.version > 3))
			goto no;
		if (s == end || *s != ',')
			break;
		s++;
	}
	if (s + 1 != end || *s != '}' || (seen & 0x11) != 0x11)
		goto no;
	t.partitions =
	    model_vec_take(c->m, &v, sizeof *t.partitions, &t.npartitions);
	qsort(t.partitions, t.npartitions, sizeof *t.partitions,
	    model_cmp_partition);
	for (i = 1; i < t.npartitions; i++)
		if (t.partitions[i].id == t.partitions[i - 1].id)
			return false; /* the copies stay in the arena, unused */
	t.name = model_strdup(c, n->name);
	*tp = t;
	return true;
no:
	free(v.v);
	return false;
}

/*
 * One /brokers/topics/<t> znode (2.4) with its partition states.  A
 * topic Kafka cannot decode is left out (returns false): the migration
 * would stop on it.
 */
/* The topic's json read with jansson; false after a diagnostic. */
static bool
model_topic_json(
    struct model_ctx *c, const struct znode *n, struct model_topic *tp)
{
	const char *path = model_path(c, n), *s;
	bool ok = false;
	json_t *j;

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
	if (model_read_partitions(c, path, j, tp) == -1)
		goto out;
	ok = true;
out:
	json_decref(j);
	return ok;
}

static bool
model_read_topic(
    struct model_ctx *c, const struct znode *n, struct model_topic *tp)
{
	const char *path = model_path(c, n);
	struct model_partition *p;
	size_t i;

	if (n->data == NULL) {
		model_diag(c, MODEL_ERROR, "null-data", path,
		    "no data where the topic's json was expected");
		return false;
	}
	if (!model_fast_topic(c, n, tp) && !model_topic_json(c, n, tp))
		return false;
	for (i = 0; i < tp->npartitions; i++) {
		p = &tp->partitions[i];
		p->leader = p->nreplicas > 0 ? p->replicas[0] : -1;
		p->isr = p->replicas;
		p->nisr = p->nreplicas;
		p->controller_epoch = -1;
		model_read_partition_state(c, n, p);
		if (!p->has_state && p->nreplicas == 0)
			model_diag(c, MODEL_ERROR, "empty-replicas", path,
			    "partition %d has no replicas and no usable state",
			    (int)p->id);
	}

	model_check_partition_znodes(c, n, tp);
	return true;
}

void
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
			/* The topic's paths were copied where they were kept.
			 */
			arena_free(&c->paths);
		}
		c->kafka = NULL;
	}
	c->m->topics = model_vec_take(c->m, &v, sizeof *tp, &c->m->ntopics);
	/* Children come in name order already; sort anyway, cheaply. */
	if (c->m->ntopics > 0)
		qsort(c->m->topics, c->m->ntopics, sizeof *c->m->topics,
		    model_cmp_first_str);

	if ((dir = model_at(c, "admin/delete_topics")) == NULL)
		return;
	pd = arena_alloc(&c->m->arena, dir->nchildren * sizeof *pd);
	for (i = 0; i < dir->nchildren; i++) {
		n = tree_child_at(c->t, dir, i);
		pd[i] = model_strdup(c, n->name);
		key.name = n->name;
		if (c->m->ntopics > 0 &&
		    (tp = bsearch(&key, c->m->topics, c->m->ntopics, sizeof key,
			 model_cmp_first_str)) != NULL)
			tp->pending_deletion = true;
	}
	c->m->pending_deletions = pd;
	c->m->npending_deletions = dir->nchildren;
}

const struct model_topic *
model_topic(const struct model *m, const char *name)
{
	struct model_topic key;

	if (m->ntopics == 0)
		return NULL;
	key.name = name;
	return bsearch(
	    &key, m->topics, m->ntopics, sizeof key, model_cmp_first_str);
}

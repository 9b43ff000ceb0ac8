/*
 * Configs and client quotas: topic and broker configs (zookeeper-layout.md
 * 3.3, 3.4), and the user, client and ip entities whose configs hold quotas
 * and SCRAM credentials (3.5).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jnum.h"
#include "model-ctx.h"
#include "tree.h"

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
		model_diag(c, MODEL_WARNING, "malformed-json", model_path(c, n),
		    "%s where a config was expected (Kafka reads no configs)",
		    n->len == 0 ? "empty data" : "only whitespace");
		return;
	}
	c->kafka = "Kafka reads no configs from it";
	j = model_json(c, n, NULL);
	c->kafka = kafka;
	if (j == NULL)
		return;
	model_check_version(c, model_path(c, n), j, 1);
	if ((obj = json_object_get(j, "config")) == NULL) {
		model_diag(c, MODEL_WARNING, "missing-field", model_path(c, n),
		    "field \"config\" is missing (Kafka reads no configs)");
		goto out;
	}
	if (!json_is_object(obj)) {
		model_diagk(c, MODEL_ERROR, "wrong-type", model_path(c, n),
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
			model_diagk(c, MODEL_ERROR, "bad-value",
			    model_path(c, n), model_kafka_nul(c),
			    "config %s: the string contains a nul character",
			    model_q(c, key));
			continue;
		}
		if (s == NULL) {
			model_diag(c, MODEL_ERROR, "wrong-type",
			    model_path(c, n),
			    "config %s: expected a string, found %s",
			    model_q(c, key), model_json_type(v));
			continue;
		}
		cfg->kv[cfg->n].key = model_strdup(c, key);
		cfg->kv[cfg->n].value = model_strdup(c, s);
		cfg->n++;
	}
	if (cfg->n > 0)
		qsort(cfg->kv, cfg->n, sizeof *cfg->kv, model_cmp_first_str);
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
			  model_cmp_first_str);
		if (tp != NULL) {
			tp->has_config = true;
			model_read_config(c, n, &tp->config);
		} else if (tree_child(c->t, topics, n->name) == NULL) {
			orphans[no++] = model_strdup(c, n->name);
			model_diag(c, MODEL_WARNING, "orphan-config",
			    model_path(c, n),
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
			    model_path(c, n), model_kafka_int(n->name),
			    "neither <default> nor a broker id");
		model_read_config(c, n, &bc[i].config);
	}
	c->kafka = c->kafka_nul = NULL;
	if (dir->nchildren > 0)
		qsort(bc, dir->nchildren, sizeof *bc, model_cmp_broker_config);
	c->m->broker_configs = bc;
	c->m->nbroker_configs = dir->nchildren;
}

static const char *const model_entity_names[] = {"user", "client-id", "ip"};

static const char *const model_entity_dirs[] = {
    "config/users", "config/clients", "config/ips"};

const char *
model_entity_type_name(enum model_entity_type type)
{
	return model_entity_names[type];
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
	*out = model_name(c, model_path(c, n), "entity name", n->name);
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
				model_diag(c, MODEL_ERROR, "bad-scram",
				    model_path(c, n), "%s: %s", kv->key, why);
				scram->n--;
				continue;
			}
			if (ent[0].name == NULL)
				model_diag(c, MODEL_WARNING,
				    "scram-default-entity", model_path(c, n),
				    "%s credential on the <default> %s entity: "
				    "Kafka migrates it as a SCRAM user named "
				    "\"<default>\"",
				    kv->key, model_entity_names[ent[0].type]);
			else if (ent[0].type != MODEL_ENTITY_USER)
				model_diag(c, MODEL_WARNING, "scram-not-user",
				    model_path(c, n),
				    "%s credential outside /config/users: "
				    "Kafka migrates it as a SCRAM user named "
				    "%s, after this %s",
				    kv->key, model_q(c, user),
				    model_entity_names[ent[0].type]);
			sc->user = user;
			sc->mechanism = mech;
			sc->path = model_strdup(c, model_path(c, n));
			sc->source = ent[0].type;
			continue;
		}
		if (jnum_parse_double(kv->value, &d) == -1 && mech != 0) {
			/* Never quote a credential. */
			model_diag(c, MODEL_ERROR, "bad-quota-value",
			    model_path(c, n),
			    "%s credential on a user and client-id entity, "
			    "where Kafka takes no credentials: it reads it as "
			    "a quota, which is not a number",
			    kv->key);
			continue;
		}
		if (jnum_parse_double(kv->value, &d) == -1) {
			model_diag(c, MODEL_ERROR, "bad-quota-value",
			    model_path(c, n),
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
	q->path = model_strdup(c, model_path(c, n));
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

void
model_read_configs(struct model_ctx *c)
{
	model_read_topic_configs(c);
	model_read_broker_configs(c);
	model_read_quotas(c);
}

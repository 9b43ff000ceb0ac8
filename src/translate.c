/*
 * Translation of the model into KRaft metadata records (see translate.h).
 * Records borrow the model's strings and arrays; what has to be made
 * (decrypted passwords, directories, ids) comes from the translation's
 * arena.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "crypto.h"
#include "mv.h"
#include "policy.h"
#include "records.h"
#include "translate.h"
#include "xmalloc.h"

/* Namespaces of the name-based UUIDs zk2kraft derives (random v4 ids,
 * fixed forever: changing them changes every exported file). */
static const struct kuuid translate_ns_acl = {{0x5e, 0x0c, 0x3b, 0x8a, 0x51,
    0x7d, 0x4c, 0x1e, 0x9a, 0x62, 0xd4, 0x0f, 0x83, 0x29, 0xb7, 0x14}};
static const struct kuuid translate_ns_topic = {{0xa1, 0x4f, 0x06, 0xd2, 0x3c,
    0x95, 0x4b, 0x7e, 0x8d, 0x30, 0x6e, 0xc1, 0x55, 0xfa, 0x02, 0x9b}};

#define TRANSLATE_DEFAULT_ENTITY "<default>"

static struct karray
translate_i32(const int32_t *v, size_t n)
{
	return (struct karray){.v = (void *)v, .n = n};
}

/* Append a record of api key at the version tr's level writes; its body. */
static void *
translate_add(struct translation *tr, int key)
{
	struct record *rec;
	int version = mv_record_version(key, tr->mv);

	if (version < 0)
		fatalx(
		    "translate: record %d at metadata.version %d", key, tr->mv);
	if (tr->nrecords == tr->cap) {
		tr->cap = tr->cap == 0 ? 256 : tr->cap * 2;
		tr->records =
		    xreallocarray(tr->records, tr->cap, sizeof *tr->records);
	}
	rec = &tr->records[tr->nrecords++];
	return record_init(rec, false, key, version, &tr->arena);
}

size_t
translate_count(const struct translation *tr, int key)
{
	size_t i, n = 0;

	for (i = 0; i < tr->nrecords; i++)
		if (tr->records[i].key == key)
			n++;
	return n;
}

/*
 * A name-based UUID of text that Kafka accepts as an id: never a reserved
 * id (version 5 never is) and not printed with a leading '-' (Kafka's
 * Uuid.randomUuid() draws again then; we append a counter and hash again).
 */
static void
translate_uuid(
    struct kuuid *out, const struct kuuid *ns, const char *text, size_t len)
{
	char *buf = xmalloc(len + 16);
	char s[B64_UUID_LEN + 1];
	int i;

	memcpy(buf, text, len);
	crypto_uuid_v5(out, ns, buf, len);
	for (i = 1; b64_uuid_str(out, s)[0] == '-'; i++) {
		int n = snprintf(buf + len, 16, "\n%d", i);

		crypto_uuid_v5(out, ns, buf, len + (size_t)n);
	}
	free(buf);
}

static void
translate_feature(struct translation *tr, const struct translate_opts *o)
{
	struct feature_level_record *f;
	struct zk_migration_state_record *z;

	f = translate_add(tr, RECORD_FEATURE_LEVEL);
	f->name = (char *)"metadata.version";
	f->feature_level = (int16_t)o->mv;
	if (o->snapshot &&
	    mv_record_version(RECORD_ZK_MIGRATION_STATE, o->mv) >= 0) {
		z = translate_add(tr, RECORD_ZK_MIGRATION_STATE);
		z->zk_migration_state =
		    0; /* NONE: see kraft-snapshot-format.md 8.8 */
	}
}

static void
translate_partition(struct translation *tr, const struct translate_opts *o,
    const struct translate_topic *pt, const struct model_partition *mp)
{
	struct partition_record *r;
	struct record *rec;

	r = translate_add(tr, RECORD_PARTITION);
	rec = &tr->records[tr->nrecords - 1];
	r->partition_id = mp->id;
	r->topic_id = pt->id;
	r->replicas = translate_i32(mp->replicas, mp->nreplicas);
	r->isr = translate_i32(mp->isr, mp->nisr);
	r->removing_replicas = translate_i32(mp->removing, mp->nremoving);
	r->adding_replicas = translate_i32(mp->adding, mp->nadding);
	/* --elect-leaders: no leader, the ISR kept, so that the controller
	 * elects each one, with a new leader epoch, once a broker of its ISR
	 * has registered.  A follower that loads a leader that has not
	 * registered yet does not fetch until the leader epoch changes
	 * (seen with Kafka 3.9 brokers started together). */
	r->leader = o->elect_leaders ? -1 : mp->leader;
	r->leader_recovery_state = mp->leader_recovery_state;
	r->leader_epoch = mp->leader_epoch;
	r->partition_epoch = mp->partition_epoch;
	if (rec->version >= 1) {
		/* MIGRATING (the zero UUID) for every replica, as Kafka's
		 * image writer writes migrated partitions. */
		r->directories.n = mp->nreplicas;
		r->directories.v = arena_alloc(&tr->arena,
		    (mp->nreplicas > 0 ? mp->nreplicas : 1) *
			sizeof(struct kuuid));
	}
}

/*
 * Brokers keep the topic id in each replica's log directory: list them,
 * "broker 1: t-0/partition.metadata; ...".  Caller frees.
 */
static char *
translate_replica_dirs(const struct model_topic *t)
{
	struct buf b = {0};
	size_t j, k;
	char *s;

	for (j = 0; j < t->npartitions; j++) {
		const struct model_partition *mp = &t->partitions[j];

		for (k = 0; k < mp->nreplicas; k++) {
			s = xasprintf("%sbroker %d: %s-%d/partition.metadata",
			    b.len > 0 ? "; " : "", mp->replicas[k], t->name,
			    mp->id);
			buf_put(&b, s, strlen(s));
			free(s);
		}
	}
	buf_put_u8(&b, '\0');
	s = xstrdup((const char *)b.data);
	buf_free(&b);
	return s;
}

static void
translate_ids(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f)
{
	char idstr[B64_UUID_LEN + 1];
	size_t i;

	for (i = 0; i < tr->ntopics; i++) {
		struct translate_topic *pt = &tr->topics[i];
		const struct model_topic *t = pt->t;
		const char *path;
		char *name, *dirs;
		size_t len;

		if (t->has_id || pt->status != TRANSLATE_TOPIC_MIGRATED)
			continue;
		path = finding_path(f, m->root, "/brokers/topics/%s", t->name);
		if (!o->assign_topic_ids) {
			pt->status = TRANSLATE_TOPIC_BLOCKED;
			finding_add(f, FINDING_BLOCKER, "topic-without-id",
			    path,
			    "pass --assign-topic-ids to derive an id, or let a "
			    "ZooKeeper-mode controller with "
			    "inter.broker.protocol.version 2.8 or later assign "
			    "one",
			    "topic %s has no topic_id: Kafka's migration fails "
			    "on it",
			    t->name);
			continue;
		}
		name = xasprintf("%s\n%s",
		    m->cluster_id != NULL ? m->cluster_id : "", t->name);
		len = strlen(name);
		translate_uuid(&pt->id, &translate_ns_topic, name, len);
		free(name);
		pt->id_assigned = true;
		b64_uuid_str(&pt->id, idstr);
		dirs = translate_replica_dirs(t);
		finding_add(f, FINDING_INFO, "topic-id-assigned", path,
		    "before the brokers start in KRaft mode, run zk2kraft "
		    "check-broker --apply on each: a KRaft broker moves a "
		    "replica directory without partition.metadata aside as "
		    "stray",
		    "topic %s has no topic_id, on which Kafka's migration "
		    "fails: assigned %s; replica directories: %s",
		    t->name, idstr, dirs);
		free(dirs);
	}
}

/* One entry per model topic: its id as the model has it, and whether
 * Kafka's migration skips it. */
static void
translate_topic_table(struct translation *tr, const struct model *m)
{
	size_t i, j;

	tr->ntopics = m->ntopics;
	tr->topics = arena_alloc(
	    &tr->arena, (m->ntopics > 0 ? m->ntopics : 1) * sizeof *tr->topics);
	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *t = &m->topics[i];
		struct translate_topic *pt = &tr->topics[i];

		pt->t = t;
		pt->id = t->id;
		for (j = 0; j < t->npartitions; j++)
			if (t->partitions[j].nreplicas > pt->replication_factor)
				pt->replication_factor =
				    t->partitions[j].nreplicas;
		if (t->pending_deletion)
			pt->status = TRANSLATE_TOPIC_PENDING_DELETION;
	}
}

static int
translate_id_cmp(const void *va, const void *vb)
{
	const struct translate_topic *a = *(struct translate_topic *const *)va;
	const struct translate_topic *b = *(struct translate_topic *const *)vb;
	int c = memcmp(a->id.b, b->id.b, sizeof a->id.b);

	/* Equal ids: by name, so the finding names them in one order. */
	return c != 0 ? c : strcmp(a->t->name, b->t->name);
}

static void
translate_duplicate_ids(
    struct translation *tr, const struct model *m, struct findings *f)
{
	char s[B64_UUID_LEN + 1];
	size_t i;
	struct translate_topic **v =
	    xreallocarray(NULL, tr->ntopics + 1, sizeof *v);
	size_t n = 0;

	for (i = 0; i < tr->ntopics; i++)
		if (tr->topics[i].status == TRANSLATE_TOPIC_MIGRATED)
			v[n++] = &tr->topics[i];
	qsort(v, n, sizeof *v, translate_id_cmp);
	for (i = 1; i < n; i++)
		if (memcmp(v[i - 1]->id.b, v[i]->id.b, 16) == 0) {
			v[i]->status = TRANSLATE_TOPIC_BLOCKED;
			finding_add(f, FINDING_BLOCKER, "duplicate-topic-id",
			    finding_path(f, m->root, "/brokers/topics/%s",
				v[i]->t->name),
			    "give one of the topics a new id in ZooKeeper mode "
			    "(recreate it) before migrating",
			    "topics %s and %s have the same topic id %s; "
			    "Kafka's migration writes both, and the "
			    "controller then files both topics' partitions "
			    "under the one it replays last",
			    v[i - 1]->t->name, v[i]->t->name,
			    b64_uuid_str(&v[i]->id, s));
		}
	free(v);
}

static void
translate_topics(struct translation *tr, const struct translate_opts *o)
{
	struct topic_record *r;
	size_t i, j;

	for (i = 0; i < tr->ntopics; i++) {
		const struct translate_topic *pt = &tr->topics[i];

		if (pt->status != TRANSLATE_TOPIC_MIGRATED)
			continue;
		r = translate_add(tr, RECORD_TOPIC);
		r->name = (char *)pt->t->name;
		r->topic_id = pt->id;
		for (j = 0; j < pt->t->npartitions; j++)
			translate_partition(tr, o, pt, &pt->t->partitions[j]);
	}
}

static void
translate_config(struct translation *tr, int8_t type, const char *resource,
    const char *key, const char *value)
{
	struct config_record *c;

	c = translate_add(tr, RECORD_CONFIG);
	c->resource_type = type;
	c->resource_name = (char *)resource;
	c->name = (char *)key;
	c->value = (char *)value;
}

/*
 * The value Kafka's migration writes for password config kv of the
 * znode at path (ZkConfigMigrationClient passes every key that
 * DynamicBrokerConfig.isPasswordConfig() names through its password
 * decoder, topic configs included): decrypted with the brokers'
 * password.encoder.secret, or as stored when there is none (the
 * controller's no-op decoder), or NULL after a blocker.
 */
static const char *
translate_password(struct translation *tr, const struct translate_opts *o,
    struct findings *f, const char *path, const struct model_kv *kv)
{
	struct error e = {0};
	char *plain;

	if (!crypto_is_encoded_password(kv->value) && o->secret != NULL) {
		/* EncryptingPasswordEncoder.decode() throws on it. */
		finding_add(f, FINDING_BLOCKER, "password-not-encrypted", path,
		    "set it again in ZooKeeper mode (kafka-configs encrypts "
		    "it) or delete it; --allow password-not-encrypted leaves "
		    "it out, as ZooKeeper-mode brokers ignore it",
		    "password config %s is not in the encrypted form a "
		    "ZooKeeper-mode broker writes; Kafka's migration with a "
		    "password.encoder.secret fails on it",
		    kv->key);
		return NULL;
	}
	if (!crypto_is_encoded_password(kv->value)) {
		finding_add(f, FINDING_WARNING, "password-not-encrypted", path,
		    "check the value: ZooKeeper-mode brokers cannot decode "
		    "it and ignore it, KRaft brokers will use it, and with "
		    "--password-encoder-secret-file this blocks",
		    "password config %s is not in the encrypted form a "
		    "ZooKeeper-mode broker writes; copied as stored, as "
		    "Kafka's migration without a password.encoder.secret "
		    "does",
		    kv->key);
		return kv->value;
	}
	if (o->secret == NULL) {
		finding_add(f, FINDING_BLOCKER, "encrypted-password", path,
		    "pass --password-encoder-secret-file FILE holding the "
		    "brokers' password.encoder.secret",
		    "password config %s is encrypted with the brokers' "
		    "password.encoder.secret; KRaft stores it decrypted, and "
		    "Kafka's migration without the secret would copy the "
		    "encrypted text as the value",
		    kv->key);
		return NULL;
	}
	if (crypto_decrypt_password(
		kv->value, o->secret, o->secretlen, &plain, &e) == -1) {
		finding_add(f, FINDING_BLOCKER, "password-decrypt-failed", path,
		    "check that the secret file holds the current "
		    "password.encoder.secret (not an old one from an "
		    "unfinished rotation)",
		    "password config %s cannot be decrypted: %s; Kafka's "
		    "migration with this secret fails on it",
		    kv->key, e.msg);
		return NULL;
	}
	tr->wipe = xreallocarray(tr->wipe, tr->nwipe + 1, sizeof *tr->wipe);
	tr->wipe[tr->nwipe++] = plain;
	tr->decrypted++;
	return plain;
}

/*
 * One config of a topic (type 2) or broker (4) whose config znode is
 * /config/<dir>/<znode>; password configs go through
 * translate_password().
 */
static void
translate_config_kv(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f, int8_t type,
    const char *resource, const char *znode, const struct model_kv *kv)
{
	const char *value = kv->value;

	if (policy_config_password(kv->key)) {
		value = translate_password(tr, o, f,
		    finding_path(f, m->root, "/config/%s/%s",
			type == 2 ? "topics" : "brokers", znode),
		    kv);
		if (value == NULL)
			return;
	}
	translate_config(tr, type, resource, kv->key, value);
}

static void
translate_configs(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f)
{
	size_t i, j;

	for (i = 0; i < tr->ntopics; i++) {
		const struct translate_topic *pt = &tr->topics[i];

		if (pt->status != TRANSLATE_TOPIC_MIGRATED)
			continue;
		for (j = 0; j < pt->t->config.n; j++)
			translate_config_kv(tr, m, o, f, 2, pt->t->name,
			    pt->t->name, &pt->t->config.kv[j]);
	}
	for (i = 0; i < m->nbroker_configs; i++) {
		const struct model_broker_config *bc = &m->broker_configs[i];

		for (j = 0; j < bc->config.n; j++)
			translate_config_kv(tr, m, o, f, 4,
			    bc->is_default ? "" : bc->name, bc->name,
			    &bc->config.kv[j]);
	}
}

static const char *
translate_entity_type(enum model_entity_type t)
{
	switch (t) {
	case MODEL_ENTITY_USER:
		return "user";
	case MODEL_ENTITY_CLIENT_ID:
		return "client-id";
	case MODEL_ENTITY_IP:
		break;
	}
	return "ip";
}

static void
translate_quotas(struct translation *tr, const struct model *m)
{
	struct client_quota_record *q;
	struct client_quota_record_entity_data *ed;
	size_t i, j, k;

	for (i = 0; i < m->nquotas; i++) {
		const struct model_quota *mq = &m->quotas[i];

		for (j = 0; j < mq->nvalues; j++) {
			q = translate_add(tr, RECORD_CLIENT_QUOTA);
			ed = arena_alloc(&tr->arena, mq->nentity * sizeof *ed);
			for (k = 0; k < mq->nentity; k++) {
				ed[k].entity_type =
				    (char *)translate_entity_type(
					mq->entity[k].type);
				ed[k].entity_name = (char *)mq->entity[k].name;
			}
			q->entity = (struct karray){.v = ed, .n = mq->nentity};
			q->key = (char *)mq->values[j].key;
			q->value = mq->values[j].value;
			q->remove = false;
		}
	}
}

static void
translate_producer_ids(struct translation *tr, const struct model *m)
{
	struct producer_ids_record *r;

	if (!m->producer_ids.present)
		return;
	r = translate_add(tr, RECORD_PRODUCER_IDS);
	r->broker_id = m->producer_ids.broker;
	r->broker_epoch = -1;
	r->next_producer_id = m->producer_ids.block_end + 1;
}

static bool
translate_acl_same(const struct model_acl *a, const struct model_acl *b)
{
	return a->resource_type == b->resource_type &&
	    a->pattern_type == b->pattern_type &&
	    a->operation == b->operation && a->permission == b->permission &&
	    strcmp(a->resource_name, b->resource_name) == 0 &&
	    strcmp(a->principal, b->principal) == 0 &&
	    strcmp(a->host, b->host) == 0;
}

static void
translate_acls(struct translation *tr, const struct model *m)
{
	struct access_control_entry_record *r;
	size_t i;

	for (i = 0; i < m->nacls; i++) {
		const struct model_acl *a = &m->acls[i];
		char *text;

		if (i > 0 && translate_acl_same(a, &m->acls[i - 1]))
			continue; /* Kafka keeps ACEs as a set */
		if (a->resource_type == 0 || a->operation == 0 ||
		    a->permission == 0) {
			/* Kafka would migrate code 0 (UNKNOWN); the model's
			 * finding blocks unless allowed, then it is left out.
			 */
			continue;
		}
		r = translate_add(tr, RECORD_ACCESS_CONTROL_ENTRY);
		text = xasprintf("%d\n%s\n%d\n%s\n%s\n%d\n%d", a->resource_type,
		    a->resource_name, a->pattern_type, a->principal, a->host,
		    a->operation, a->permission);
		translate_uuid(&r->id, &translate_ns_acl, text, strlen(text));
		free(text);
		r->resource_type = a->resource_type;
		r->resource_name = (char *)a->resource_name;
		r->pattern_type = a->pattern_type;
		r->principal = (char *)a->principal;
		r->host = (char *)a->host;
		r->operation = a->operation;
		r->permission_type = a->permission;
	}
}

static void
translate_scram(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f)
{
	struct user_scram_credential_record *r;
	size_t i;

	if (m->nscram == 0)
		return;
	if (mv_record_version(RECORD_USER_SCRAM_CREDENTIAL, o->mv) < 0) {
		finding_add(f, FINDING_BLOCKER, "mv-too-low-scram", NULL,
		    "use -m 3.5-IV2 or later, or --allow mv-too-low-scram to "
		    "leave the credentials out (users must be created again)",
		    "%zu SCRAM credentials need metadata.version 3.5-IV2 or "
		    "later; %s cannot hold them (Kafka's own migration would "
		    "write them into the metadata log, but no snapshot at "
		    "this level can hold them)",
		    m->nscram, mv_name(o->mv));
		return;
	}
	for (i = 0; i < m->nscram; i++) {
		const struct model_scram *s = &m->scram[i];

		r = translate_add(tr, RECORD_USER_SCRAM_CREDENTIAL);
		r->name = (char *)s->user;
		r->mechanism = s->mechanism;
		r->salt = s->salt;
		r->stored_key = s->stored_key;
		r->server_key = s->server_key;
		r->iterations = s->iterations;
	}
}

static void
translate_tokens(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f)
{
	struct delegation_token_record *r;
	size_t i;

	if (m->ntokens == 0)
		return;
	if (mv_record_version(RECORD_DELEGATION_TOKEN, o->mv) < 0) {
		finding_add(f, FINDING_BLOCKER, "mv-too-low-tokens", NULL,
		    "use -m 3.6-IV2 or later, or --allow mv-too-low-tokens to "
		    "leave the tokens out (clients must create new ones)",
		    "%zu delegation tokens need metadata.version 3.6-IV2 or "
		    "later; %s cannot hold them (Kafka's own migration would "
		    "write them into the metadata log, but no snapshot at "
		    "this level can hold them)",
		    m->ntokens, mv_name(o->mv));
		return;
	}
	for (i = 0; i < m->ntokens; i++) {
		const struct model_token *t = &m->tokens[i];

		r = translate_add(tr, RECORD_DELEGATION_TOKEN);
		r->owner = (char *)t->owner;
		r->requester = (char *)t->requester;
		r->renewers = (struct karray){
		    .v = (void *)t->renewers, .n = t->nrenewers};
		r->issue_timestamp = t->issue_timestamp;
		r->max_timestamp = t->max_timestamp;
		r->expiration_timestamp = t->expiry_timestamp;
		r->token_id = (char *)t->token_id;
	}
}

void
translate(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f)
{
	tr->mv = o->mv;
	translate_topic_table(tr, m);
	translate_ids(tr, m, o, f);
	translate_duplicate_ids(tr, m, f);
	translate_feature(tr, o);
	translate_topics(tr, o);
	translate_configs(tr, m, o, f);
	translate_quotas(tr, m);
	translate_producer_ids(tr, m);
	translate_acls(tr, m);
	translate_scram(tr, m, o, f);
	translate_tokens(tr, m, o, f);
}

void
translate_free(struct translation *tr)
{
	size_t i;

	if (tr == NULL)
		return;
	for (i = 0; i < tr->nwipe; i++)
		crypto_wipe_free(tr->wipe[i]);
	free(tr->wipe);
	free(tr->records);
	arena_free(&tr->arena);
	memset(tr, 0, sizeof *tr);
}

/*
 * The migration plan (see plan.h): findings about the cluster, the
 * translation, the bootstrap limits and the encoded file.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "batch.h"
#include "crypto.h"
#include "mv.h"
#include "plan.h"
#include "records.h"
#include "xmalloc.h"

#define PLAN_MV_TRANSACTIONS 13         /* 3.6-IV1 */
#define PLAN_MV_MIGRATION 8             /* 3.4-IV0 */
#define PLAN_BOOTSTRAP_WARN (64u << 20) /* bytes: see plan_build() */

/* Blocker codes --allow accepts: what the operator may knowingly accept.
 * Model codes leave the unreadable znode content out. */
static const char *const plan_allow_codes[] = {
    "acl-any-resource-type",
    "acl-unknown-operation",
    "acl-unknown-permission",
    "acl-unknown-resource-type",
    "bad-broker-config-name",
    "bad-name",
    "bad-partition-id",
    "bad-principal",
    "bad-quota-value",
    "bad-scram",
    "bad-topic-id",
    "bad-value",
    "cluster-running",
    "duplicate-partition",
    "duplicate-token",
    "empty-replicas",
    "malformed-json",
    "migration-attempted",
    "missing-field",
    "mv-too-low-scram",
    "mv-too-low-tokens",
    "null-data",
    "password-not-encrypted",
    "token-id-mismatch",
    "unknown-version",
    "value-too-long",
    "wrong-type",
};
#define PLAN_NALLOW (sizeof plan_allow_codes / sizeof plan_allow_codes[0])

/* PASSWORD-typed, dynamically updatable broker configs (3.4). */
static const char *const plan_password_suffixes[] = {
    "ssl.keystore.password",
    "ssl.key.password",
    "ssl.truststore.password",
    "ssl.keystore.key",
    "ssl.keystore.certificate.chain",
    "ssl.truststore.certificates",
    "sasl.jaas.config",
};

bool
plan_allowable(const char *code)
{
	size_t i;

	for (i = 0; i < PLAN_NALLOW; i++)
		if (strcmp(code, plan_allow_codes[i]) == 0)
			return true;
	return false;
}

const char *
plan_allowable_list(void)
{
	static char list[1024];
	size_t i, len = 0;

	if (list[0] == '\0')
		for (i = 0; i < PLAN_NALLOW; i++)
			len += (size_t)snprintf(list + len, sizeof list - len,
			    "%s%s", i > 0 ? ", " : "", plan_allow_codes[i]);
	return list;
}

bool
plan_is_allowed(const struct plan_opts *o, const char *code)
{
	size_t i;

	for (i = 0; i < o->nallow; i++)
		if (strcmp(o->allow[i], code) == 0)
			return true;
	return false;
}

static bool
plan_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool
plan_config_password(const char *key)
{
	size_t i;

	for (i = 0; i <
	     sizeof plan_password_suffixes / sizeof plan_password_suffixes[0];
	     i++)
		if (plan_ends_with(key, plan_password_suffixes[i]))
			return true;
	return false;
}

bool
plan_config_sensitive(const char *key)
{
	return plan_config_password(key) || strstr(key, "password") != NULL ||
	    strstr(key, "secret") != NULL || strstr(key, "jaas") != NULL ||
	    strstr(key, "credential") != NULL;
}

void *
plan_add_record(struct plan *p, int key)
{
	struct record *rec;
	int version = mv_record_version(key, p->mv);

	if (version < 0)
		fatalx("plan: record %d at metadata.version %d", key, p->mv);
	if (p->nrecords == p->cap) {
		p->cap = p->cap == 0 ? 256 : p->cap * 2;
		p->records =
		    xreallocarray(p->records, p->cap, sizeof *p->records);
	}
	rec = &p->records[p->nrecords++];
	if (key >= 0 && key < KCHECK_NKEYS)
		p->count[key]++;
	return record_init(rec, false, key, version, &p->arena);
}

const char *
plan_path(struct plan *p, const struct model *m, const char *fmt, ...)
{
	va_list ap;
	char *rel;

	va_start(ap, fmt);
	rel = arena_vprintf(&p->arena, fmt, ap);
	va_end(ap);
	return arena_printf(
	    &p->arena, "%s%s", strcmp(m->root, "/") == 0 ? "" : m->root, rel);
}

/*
 * The topic a znode (absolute path) belongs to when it is a topic's znode
 * or below it, or its config: "t" of /brokers/topics/t/... and of
 * /config/topics/t.  Into buf (size bytes); NULL for other paths.
 */
static const char *
plan_path_topic(const struct model *m, const char *path, char *buf, size_t size)
{
	static const char *const prefixes[] = {
	    "/brokers/topics/", "/config/topics/"};
	size_t i, len, rl = strcmp(m->root, "/") == 0 ? 0 : strlen(m->root);

	if (strncmp(path, m->root, rl) != 0)
		return NULL;
	path += rl;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		if (strncmp(path, prefixes[i], strlen(prefixes[i])) != 0)
			continue;
		path += strlen(prefixes[i]);
		len = strcspn(path, "/");
		if (len == 0 || len >= size)
			return NULL;
		memcpy(buf, path, len);
		buf[len] = '\0';
		return buf;
	}
	return NULL;
}

/* Whether topic is marked for deletion (/admin/delete_topics/<topic>). */
static bool
plan_pending_deletion(const struct model *m, const char *topic)
{
	size_t i;

	for (i = 0; i < m->npending_deletions; i++)
		if (strcmp(m->pending_deletions[i], topic) == 0)
			return true;
	return false;
}

/* Whether a znode (absolute path) holds data the migration carries. */
static bool
plan_migrated_path(const struct model *m, const char *path)
{
	static const char *const prefixes[] = {
	    "/brokers/topics/",
	    "/config/topics/",
	    "/config/brokers/",
	    "/config/users/",
	    "/config/clients/",
	    "/config/ips/",
	    "/kafka-acl/",
	    "/kafka-acl-extended/",
	    "/delegation_token/tokens/",
	    "/latest_producer_id_block",
	    "/admin/delete_topics/",
	};
	size_t i, rl = strcmp(m->root, "/") == 0 ? 0 : strlen(m->root);
	const char *topic;
	char buf[512];

	if (strncmp(path, m->root, rl) != 0)
		return false;
	/* Kafka's migration never reads a topic marked for deletion. */
	if ((topic = plan_path_topic(m, path, buf, sizeof buf)) != NULL &&
	    plan_pending_deletion(m, topic))
		return false;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(path + rl, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/*
 * The model's diagnostics.  An error on data the migration carries says
 * what Kafka would do with it (model.c ends the message with it) and
 * blocks; allowed, zk2kraft leaves what it could not read out.
 */
static void
plan_model_findings(struct plan *p, const struct model *m)
{
	size_t i;
	char *action;
	char buf[512];

	for (i = 0; i < m->ndiags; i++) {
		const struct model_diag *d = &m->diags[i];
		enum finding_severity sev = FINDING_WARNING;
		const char *topic;

		action = NULL;
		if (strcmp(d->code, "acl-unknown-operation") == 0 ||
		    strcmp(d->code, "acl-unknown-permission") == 0 ||
		    strcmp(d->code, "acl-unknown-resource-type") == 0) {
			sev = FINDING_BLOCKER;
			action = xasprintf("fix or delete the ACL, or --allow "
					   "%s to leave it out",
			    d->code);
		} else if (d->severity == MODEL_ERROR &&
		    plan_migrated_path(m, d->path)) {
			sev = FINDING_BLOCKER;
			action = xasprintf("fix the znode, or --allow %s to "
					   "leave out what zk2kraft cannot "
					   "read",
			    d->code);
		} else if (d->severity == MODEL_ERROR &&
		    (topic = plan_path_topic(m, d->path, buf, sizeof buf)) !=
			NULL &&
		    plan_pending_deletion(m, topic))
			action =
			    xstrdup("not migrated: the topic is marked for "
				    "deletion, and Kafka's migration "
				    "skips it");
		else if (d->severity == MODEL_ERROR)
			action = xstrdup(
			    "not migrated: only a running cluster reads it");
		finding_add(
		    &p->findings, sev, d->code, d->path, action, "%s", d->msg);
		free(action);
	}
}

static bool
plan_has(const int32_t *v, size_t n, int32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void
plan_topic_findings(struct plan *p, const struct model *m)
{
	size_t i, j, k;

	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *t = &m->topics[i];
		struct plan_topic *pt = &p->topics[i];

		pt->t = t;
		pt->id = t->id;
		for (j = 0; j < t->npartitions; j++)
			if (t->partitions[j].nreplicas > pt->replication_factor)
				pt->replication_factor =
				    t->partitions[j].nreplicas;
		if (t->pending_deletion) {
			pt->status = PLAN_TOPIC_PENDING_DELETION;
			finding_add(&p->findings, FINDING_WARNING,
			    "topic-pending-deletion",
			    plan_path(p, m, "/admin/delete_topics/%s", t->name),
			    "let the deletion finish in ZooKeeper mode first, "
			    "or delete the marker to keep the topic; brokers "
			    "delete the logs of a topic KRaft does not know",
			    "topic %s is marked for deletion: it is not "
			    "migrated (%zu partitions, %zu configs), as "
			    "Kafka's migration skips it",
			    t->name, t->npartitions, t->config.n);
			continue;
		}
		for (j = 0; j < t->npartitions; j++) {
			const struct model_partition *mp = &t->partitions[j];

			if (mp->nadding > 0 || mp->nremoving > 0)
				finding_add(&p->findings, FINDING_WARNING,
				    "reassignment-in-progress",
				    plan_path(
					p, m, "/brokers/topics/%s", t->name),
				    "the KRaft controller completes it; check "
				    "that the target brokers exist",
				    "partition %s-%d is being reassigned "
				    "(%zu adding, %zu removing replicas): "
				    "migrated as it stands",
				    t->name, mp->id, mp->nadding,
				    mp->nremoving);
			if (!mp->has_state)
				continue;
			/* The last broker to stop leaves its partitions
			 * without a leader but with an ISR: KRaft elects one
			 * from it as the brokers register (seen with real
			 * Kafka 3.9 and 4.4). */
			if (mp->leader < 0 && mp->nisr > 0)
				finding_add(&p->findings, FINDING_INFO,
				    "partition-no-leader",
				    plan_path(p, m,
					"/brokers/topics/%s/partitions/%d/"
					"state",
					t->name, mp->id),
				    "the KRaft controller elects a leader from "
				    "the ISR when one of its brokers registers",
				    "partition %s-%d has no leader (its last "
				    "broker stopped)",
				    t->name, mp->id);
			else if (mp->leader < 0)
				finding_add(&p->findings, FINDING_WARNING,
				    "partition-offline",
				    plan_path(p, m,
					"/brokers/topics/%s/partitions/%d/"
					"state",
					t->name, mp->id),
				    "it stays offline in KRaft until a replica "
				    "can be elected",
				    "partition %s-%d has no leader and an "
				    "empty "
				    "ISR",
				    t->name, mp->id);
			else if (!plan_has(mp->isr, mp->nisr, mp->leader))
				finding_add(&p->findings, FINDING_WARNING,
				    "leader-not-in-isr",
				    plan_path(p, m,
					"/brokers/topics/%s/partitions/%d/"
					"state",
					t->name, mp->id),
				    "copied as is, as Kafka's migration does",
				    "partition %s-%d: leader %d is not in the "
				    "ISR",
				    t->name, mp->id, mp->leader);
			for (k = 0; k < mp->nisr; k++)
				if (!plan_has(mp->replicas, mp->nreplicas,
					mp->isr[k])) {
					finding_add(&p->findings,
					    FINDING_WARNING,
					    "isr-not-in-replicas",
					    plan_path(p, m,
						"/brokers/topics/%s/partitions/"
						"%d/state",
						t->name, mp->id),
					    "copied as is, as Kafka's "
					    "migration "
					    "does",
					    "partition %s-%d: ISR member %d is "
					    "not a replica",
					    t->name, mp->id, mp->isr[k]);
					break;
				}
		}
	}
	for (i = 0; i < m->npending_deletions; i++)
		if (model_topic(m, m->pending_deletions[i]) == NULL)
			finding_add(&p->findings, FINDING_INFO,
			    "stale-deletion-marker",
			    plan_path(p, m, "/admin/delete_topics/%s",
				m->pending_deletions[i]),
			    NULL,
			    "topic %s is marked for deletion but does not "
			    "exist: nothing to migrate",
			    m->pending_deletions[i]);
}

/* Whether the model has an error about the znode at path. */
static bool
plan_has_error(const struct model *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].severity == MODEL_ERROR &&
		    strcmp(m->diags[i].path, path) == 0)
			return true;
	return false;
}

static void
plan_cluster_findings(
    struct plan *p, const struct model *m, const struct plan_opts *o)
{
	static const char run_action[] =
	    "stop every broker and wait until its ZooKeeper session expires, "
	    "so nothing changes after the export; --allow cluster-running "
	    "exports anyway";
	static const char mig_action[] =
	    "finish or roll back that migration first (rolling back means "
	    "deleting /migration, as Kafka's documentation says); --allow "
	    "migration-attempted exports anyway";
	size_t i;

	for (i = 0; i < m->nbrokers; i++)
		if (m->brokers[i].ephemeral)
			finding_add(&p->findings, FINDING_BLOCKER,
			    "cluster-running",
			    plan_path(
				p, m, "/brokers/ids/%d", m->brokers[i].id),
			    run_action,
			    "broker %d is registered: the cluster is running",
			    m->brokers[i].id);
	if (m->controller.present && m->controller.ephemeral &&
	    m->controller.kraft_controller_epoch < 0)
		finding_add(&p->findings, FINDING_BLOCKER, "cluster-running",
		    plan_path(p, m, "/controller"), run_action,
		    "broker %d is the active controller: the cluster is "
		    "running",
		    m->controller.broker_id);
	if (m->controller.present &&
	    (!m->controller.ephemeral ||
		m->controller.kraft_controller_epoch >= 0))
		finding_add(&p->findings, FINDING_BLOCKER,
		    "migration-attempted", plan_path(p, m, "/controller"),
		    mig_action,
		    "/controller was written by a KRaft controller (KRaft "
		    "controller epoch %d): an online migration was started",
		    m->controller.kraft_controller_epoch);
	if (m->migration.present)
		finding_add(&p->findings, FINDING_BLOCKER,
		    "migration-attempted", plan_path(p, m, "/migration"),
		    mig_action,
		    "/migration exists (KRaft metadata offset %lld, controller "
		    "%d): an online migration was started",
		    (long long)m->migration.metadata_offset,
		    m->migration.controller_id);
	if (m->has_reassignments)
		finding_add(&p->findings, FINDING_WARNING,
		    "legacy-reassignment",
		    plan_path(p, m, "/admin/reassign_partitions"),
		    "let the reassignment finish in ZooKeeper mode, or run it "
		    "again after the migration",
		    "a reassignment request of %zu partitions is pending: "
		    "Kafka's migration ignores it",
		    m->nreassignments);
	if (m->has_elections)
		finding_add(&p->findings, FINDING_WARNING,
		    "preferred-election-pending",
		    plan_path(p, m, "/admin/preferred_replica_election"),
		    "run kafka-leader-election again after the migration",
		    "a preferred replica election of %zu partitions is "
		    "pending: it is not migrated",
		    m->nelections);
	if (m->nconsumers > 0)
		finding_add(&p->findings, FINDING_WARNING,
		    "old-consumer-offsets", plan_path(p, m, "/consumers"),
		    "consumers that still commit offsets to ZooKeeper must "
		    "move to Kafka-committed offsets first",
		    "%zu groups of the old ZooKeeper consumer keep offsets "
		    "here; they are not migrated",
		    m->nconsumers);
	if (m->cluster_id == NULL || !m->has_cluster_uuid)
		finding_add(&p->findings,
		    o->meta_properties ? FINDING_BLOCKER : FINDING_WARNING,
		    "cluster-id-missing", plan_path(p, m, "/cluster/id"),
		    "format the KRaft nodes with the brokers' cluster id "
		    "(meta.properties in their log directories)",
		    "no usable cluster id in ZooKeeper");
	if (!m->producer_ids.present &&
	    !plan_has_error(m, plan_path(p, m, "/latest_producer_id_block")))
		finding_add(&p->findings, FINDING_INFO, "no-producer-id-block",
		    plan_path(p, m, "/latest_producer_id_block"), NULL,
		    "no producer id block was ever allocated: no "
		    "ProducerIdsRecord");
	if (m->feature.present && m->feature.nlevels > 0)
		finding_add(&p->findings, FINDING_INFO, "feature-znode",
		    plan_path(p, m, "/feature"),
		    "the KRaft feature levels come from -m and the "
		    "controllers' configuration",
		    "%zu finalized features in /feature are not migrated",
		    m->feature.nlevels);
}

static int
plan_id_cmp(const void *va, const void *vb)
{
	const struct plan_topic *a = *(struct plan_topic *const *)va;
	const struct plan_topic *b = *(struct plan_topic *const *)vb;
	int c = memcmp(a->id.b, b->id.b, sizeof a->id.b);

	/* Equal ids: by name, so the finding names them in one order. */
	return c != 0 ? c : strcmp(a->t->name, b->t->name);
}

static void
plan_duplicate_ids(struct plan *p, const struct model *m)
{
	char s[B64_UUID_LEN + 1];
	size_t i;
	struct plan_topic **v = xreallocarray(NULL, p->ntopics + 1, sizeof *v);
	size_t n = 0;

	for (i = 0; i < p->ntopics; i++)
		if (p->topics[i].status == PLAN_TOPIC_MIGRATED)
			v[n++] = &p->topics[i];
	qsort(v, n, sizeof *v, plan_id_cmp);
	for (i = 1; i < n; i++)
		if (memcmp(v[i - 1]->id.b, v[i]->id.b, 16) == 0) {
			v[i]->status = PLAN_TOPIC_BLOCKED;
			finding_add(&p->findings, FINDING_BLOCKER,
			    "duplicate-topic-id",
			    plan_path(
				p, m, "/brokers/topics/%s", v[i]->t->name),
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

#define PLAN_STRING_MAX 0x7fff /* Kafka's limit on a string field */

/* The schema name of a string field of obj (a struct s) longer than
 * Kafka can encode, searching arrays and nested structs; NULL if none. */
static const char *
plan_long_string(const struct mstruct *s, const void *obj)
{
	const char *base = obj, *name;
	size_t i, j;

	for (i = 0; i < s->nfields; i++) {
		const struct mfield *f = &s->fields[i];
		const void *at = base + f->off;
		const struct karray *a = at;

		switch (f->type) {
		case MT_STRING:
			if (*(char *const *)at != NULL &&
			    strlen(*(char *const *)at) > PLAN_STRING_MAX)
				return f->name;
			break;
		case MT_STRUCT:
			if ((name = plan_long_string(f->sub, at)) != NULL)
				return name;
			break;
		case MT_ARRAY:
			for (j = 0; j < a->n; j++) {
				if (f->elem == MT_STRING &&
				    ((char **)a->v)[j] != NULL &&
				    strlen(((char **)a->v)[j]) >
					PLAN_STRING_MAX)
					return f->name;
				if (f->elem == MT_STRUCT &&
				    (name = plan_long_string(f->sub,
					 (const char *)a->v +
					     j * f->sub->size)) != NULL)
					return name;
			}
			break;
		default:
			break;
		}
	}
	return NULL;
}

/*
 * Records with a string longer than Kafka's limit cannot be written (nor
 * created through Kafka's API): a blocker each; allowed, the record is
 * left out.
 */
static void
plan_drop_long_strings(struct plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nrecords; i++) {
		struct record *rec = &p->records[i];
		const char *field =
		    plan_long_string(rec->type->body, rec->body);

		if (field == NULL) {
			p->records[n++] = *rec;
			continue;
		}
		if (rec->key == RECORD_CONFIG) {
			const struct config_record *c = rec->body;

			finding_add(&p->findings, FINDING_BLOCKER,
			    "value-too-long", NULL,
			    "shorten the value in ZooKeeper mode, or --allow "
			    "value-too-long to leave the config out",
			    "config %s of %s %s is longer than the 32767 "
			    "bytes a KRaft record can hold; Kafka's "
			    "migration fails writing it",
			    c->name, c->resource_type == 2 ? "topic" : "broker",
			    c->resource_name[0] == '\0' ? "<default>"
							: c->resource_name);
		} else
			finding_add(&p->findings, FINDING_BLOCKER,
			    "value-too-long", NULL,
			    "shorten it in ZooKeeper mode, or --allow "
			    "value-too-long to leave the record out",
			    "a %s has a %s longer than the 32767 bytes a KRaft "
			    "record can hold; Kafka's migration fails writing "
			    "it",
			    rec->type->name, field);
		if (rec->key >= 0 && rec->key < KCHECK_NKEYS)
			p->count[rec->key]--;
	}
	p->nrecords = n;
}

/* Encoded size of a record's value. */
static size_t
plan_value_size(struct buf *scratch, const struct record *rec)
{
	scratch->len = 0;
	record_encode_value(scratch, rec);
	return scratch->len;
}

/*
 * The controller appends the bootstrap records itself on its first
 * activation (kraft-snapshot-format.md 7.2): from 3.6-IV1 inside its own
 * transaction, cut into chunks of 10,000 records that must each fit one
 * 8 MiB batch; below 3.6-IV1 as one atomic batch of at most 10,000.
 */
static void
plan_bootstrap_limits(struct plan *p)
{
	struct arena a = {0};
	struct buf scratch = {0};
	struct record begin, zk, end;
	struct begin_transaction_record *bt;
	size_t i, n, total, chunk, in_chunk, bytes, first;
	size_t *vlen;

	n = p->nrecords;
	vlen = xreallocarray(NULL, n + 3, sizeof *vlen);
	bt = record_init(&begin, false, RECORD_BEGIN_TRANSACTION, 0, &a);
	bt->name = (char *)"Bootstrap records";
	((struct zk_migration_state_record *)record_init(
	     &zk, false, RECORD_ZK_MIGRATION_STATE, 0, &a))
	    ->zk_migration_state = 0;
	record_init(&end, false, RECORD_END_TRANSACTION, 0, &a);

	if (p->mv < PLAN_MV_TRANSACTIONS) {
		/* One atomic batch: the records plus the controller's own
		 * ZkMigrationStateRecord. */
		total = n + (p->mv >= PLAN_MV_MIGRATION ? 1 : 0);
		bytes = BATCH_HEADER_SIZE;
		for (i = 0; i < n; i++)
			bytes += kwrite_record_size(
			    plan_value_size(&scratch, &p->records[i]),
			    (int32_t)i);
		if (total > KWRITE_MAX_RECORDS)
			finding_add(&p->findings, FINDING_BLOCKER,
			    "bootstrap-too-many-records", NULL,
			    "use -m 3.6-IV1 or later (the controller then "
			    "writes the bootstrap in chunks), or export with "
			    "--snapshot",
			    "below metadata.version 3.6-IV1 the controller "
			    "writes the bootstrap records as one atomic batch "
			    "of at most %d records; this cluster needs %zu",
			    KWRITE_MAX_RECORDS, total);
		else if (bytes > BATCH_MAX_SIZE)
			finding_add(&p->findings, FINDING_BLOCKER,
			    "bootstrap-too-large", NULL,
			    "use -m 3.6-IV1 or later, or export with "
			    "--snapshot",
			    "below metadata.version 3.6-IV1 the controller "
			    "writes the bootstrap records as one batch of at "
			    "most 8 MiB; these take %zu bytes",
			    bytes);
		goto out;
	}
	/* The controller's list: Begin, the records, its migration state
	 * record, End; chunk c holds list entries [c * 10000, ...). */
	total = n + 3;
	for (i = 0; i < total; i++) {
		const struct record *rec = i == 0 ? &begin
		    : i <= n                      ? &p->records[i - 1]
		    : i == n + 1                  ? &zk
						  : &end;

		vlen[i] = plan_value_size(&scratch, rec);
	}
	for (chunk = 0, first = 0; first < total; chunk++) {
		in_chunk = total - first < KWRITE_MAX_RECORDS
		    ? total - first
		    : KWRITE_MAX_RECORDS;
		bytes = BATCH_HEADER_SIZE;
		for (i = 0; i < in_chunk; i++)
			bytes +=
			    kwrite_record_size(vlen[first + i], (int32_t)i);
		if (bytes > BATCH_MAX_SIZE)
			finding_add(&p->findings, FINDING_BLOCKER,
			    "bootstrap-chunk-too-large", NULL,
			    "export with --snapshot (a snapshot has no such "
			    "limit), or make the large configs smaller",
			    "the controller appends the bootstrap records in "
			    "chunks of %d, each one batch of at most 8 MiB; "
			    "chunk %zu (its records %zu to %zu, counting its "
			    "BeginTransactionRecord as 0) takes %zu bytes",
			    KWRITE_MAX_RECORDS, chunk, first,
			    first + in_chunk - 1, bytes);
		first += in_chunk;
	}
out:
	free(vlen);
	buf_free(&scratch);
	arena_free(&a);
}

int
plan_build(struct plan *p, const struct model *m, const struct plan_opts *o,
    struct error *e)
{
	struct kwrite_opts ko = {0};
	size_t i;

	p->mv = o->mv;
	p->snapshot = o->snapshot;
	p->ntopics = m->ntopics;
	p->topics = arena_alloc(
	    &p->arena, (m->ntopics > 0 ? m->ntopics : 1) * sizeof *p->topics);

	plan_model_findings(p, m);
	plan_cluster_findings(p, m, o);
	plan_topic_findings(p, m);
	translate_ids(p, m, o);
	plan_duplicate_ids(p, m);
	translate(p, m, o);
	plan_drop_long_strings(p);
	if (!o->snapshot)
		plan_bootstrap_limits(p);

	for (i = 0; i < p->findings.n; i++) {
		struct finding *f = &p->findings.v[i];

		if (f->severity == FINDING_BLOCKER && plan_allowable(f->code) &&
		    plan_is_allowed(o, f->code))
			f->allowed = true;
	}
	findings_sort(&p->findings);
	p->blocked = findings_count(&p->findings, FINDING_BLOCKER) > 0;

	if (o->snapshot) {
		p->snapshot_offset = o->snapshot_offset > 0
		    ? o->snapshot_offset
		    : (int64_t)p->nrecords;
		p->snapshot_epoch =
		    o->snapshot_epoch > 0 ? o->snapshot_epoch : 1;
		ko.epoch = p->snapshot_epoch;
		ko.last_contained_timestamp = o->timestamp;
		ko.header_extra = o->header_extra;
		ko.nheader_extra = o->nheader_extra;
	}
	ko.timestamp = o->timestamp;
	if (kwrite_checkpoint(
		&p->file, p->records, p->nrecords, &ko, &p->stats, e) == -1)
		return -1;
	/* Kafka 3.9's Raft leader keeps at most 10 undrained batches of
	 * 8 MiB; the activation appends the whole bootstrap at once
	 * (kraft-snapshot-format.md 7.2). */
	if (!o->snapshot && p->file.len > PLAN_BOOTSTRAP_WARN) {
		finding_add(&p->findings, FINDING_WARNING,
		    "bootstrap-very-large", NULL,
		    "export with --snapshot: snapshot loading has no such "
		    "limit",
		    "the bootstrap file is %zu MiB: the first controller "
		    "appends it all at once, and near 80 MiB that can exceed "
		    "the 10 batches of 8 MiB a Kafka 3.9 leader holds",
		    p->file.len >> 20);
		findings_sort(&p->findings);
	}
	return 0;
}

void
plan_free(struct plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nwipe; i++)
		crypto_wipe_free(p->wipe[i]);
	free(p->wipe);
	free(p->records);
	findings_free(&p->findings);
	/* The file holds decrypted passwords too. */
	if (p->file.data != NULL)
		memset(p->file.data, 0, p->file.len);
	buf_free(&p->file);
	arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}

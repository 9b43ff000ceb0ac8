/*
 * The plan's checks of the model (see plan-check.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan-check.h"
#include "xmalloc.h"

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
plan_model_findings(struct findings *f, const struct model *m)
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
		finding_add(f, sev, d->code, d->path, action, "%s", d->msg);
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
plan_topic_findings(struct findings *f, const struct model *m)
{
	size_t i, j, k;

	for (i = 0; i < m->ntopics; i++) {
		const struct model_topic *t = &m->topics[i];

		if (t->pending_deletion) {
			finding_add(f, FINDING_WARNING,
			    "topic-pending-deletion",
			    finding_path(
				f, m->root, "/admin/delete_topics/%s", t->name),
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
				finding_add(f, FINDING_WARNING,
				    "reassignment-in-progress",
				    finding_path(f, m->root,
					"/brokers/topics/%s", t->name),
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
				finding_add(f, FINDING_INFO,
				    "partition-no-leader",
				    finding_path(f, m->root,
					"/brokers/topics/%s/partitions/%d/"
					"state",
					t->name, mp->id),
				    "the KRaft controller elects a leader from "
				    "the ISR when one of its brokers registers",
				    "partition %s-%d has no leader (its last "
				    "broker stopped)",
				    t->name, mp->id);
			else if (mp->leader < 0)
				finding_add(f, FINDING_WARNING,
				    "partition-offline",
				    finding_path(f, m->root,
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
				finding_add(f, FINDING_WARNING,
				    "leader-not-in-isr",
				    finding_path(f, m->root,
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
					finding_add(f, FINDING_WARNING,
					    "isr-not-in-replicas",
					    finding_path(f, m->root,
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
			finding_add(f, FINDING_INFO, "stale-deletion-marker",
			    finding_path(f, m->root, "/admin/delete_topics/%s",
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
    struct findings *f, const struct model *m, bool meta_properties)
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
			finding_add(f, FINDING_BLOCKER, "cluster-running",
			    finding_path(f, m->root, "/brokers/ids/%d",
				m->brokers[i].id),
			    run_action,
			    "broker %d is registered: the cluster is running",
			    m->brokers[i].id);
	if (m->controller.present && m->controller.ephemeral &&
	    m->controller.kraft_controller_epoch < 0)
		finding_add(f, FINDING_BLOCKER, "cluster-running",
		    finding_path(f, m->root, "/controller"), run_action,
		    "broker %d is the active controller: the cluster is "
		    "running",
		    m->controller.broker_id);
	if (m->controller.present &&
	    (!m->controller.ephemeral ||
		m->controller.kraft_controller_epoch >= 0))
		finding_add(f, FINDING_BLOCKER, "migration-attempted",
		    finding_path(f, m->root, "/controller"), mig_action,
		    "/controller was written by a KRaft controller (KRaft "
		    "controller epoch %d): an online migration was started",
		    m->controller.kraft_controller_epoch);
	if (m->migration.present)
		finding_add(f, FINDING_BLOCKER, "migration-attempted",
		    finding_path(f, m->root, "/migration"), mig_action,
		    "/migration exists (KRaft metadata offset %lld, controller "
		    "%d): an online migration was started",
		    (long long)m->migration.metadata_offset,
		    m->migration.controller_id);
	if (m->has_reassignments)
		finding_add(f, FINDING_WARNING, "legacy-reassignment",
		    finding_path(f, m->root, "/admin/reassign_partitions"),
		    "let the reassignment finish in ZooKeeper mode, or run it "
		    "again after the migration",
		    "a reassignment request of %zu partitions is pending: "
		    "Kafka's migration ignores it",
		    m->nreassignments);
	if (m->has_elections)
		finding_add(f, FINDING_WARNING, "preferred-election-pending",
		    finding_path(
			f, m->root, "/admin/preferred_replica_election"),
		    "run kafka-leader-election again after the migration",
		    "a preferred replica election of %zu partitions is "
		    "pending: it is not migrated",
		    m->nelections);
	if (m->nconsumers > 0)
		finding_add(f, FINDING_WARNING, "old-consumer-offsets",
		    finding_path(f, m->root, "/consumers"),
		    "consumers that still commit offsets to ZooKeeper must "
		    "move to Kafka-committed offsets first",
		    "%zu groups of the old ZooKeeper consumer keep offsets "
		    "here; they are not migrated",
		    m->nconsumers);
	if (m->cluster_id == NULL || !m->has_cluster_uuid)
		finding_add(f,
		    meta_properties ? FINDING_BLOCKER : FINDING_WARNING,
		    "cluster-id-missing",
		    finding_path(f, m->root, "/cluster/id"),
		    "format the KRaft nodes with the brokers' cluster id "
		    "(meta.properties in their log directories)",
		    "no usable cluster id in ZooKeeper");
	if (!m->producer_ids.present &&
	    !plan_has_error(
		m, finding_path(f, m->root, "/latest_producer_id_block")))
		finding_add(f, FINDING_INFO, "no-producer-id-block",
		    finding_path(f, m->root, "/latest_producer_id_block"), NULL,
		    "no producer id block was ever allocated: no "
		    "ProducerIdsRecord");
	if (m->feature.present && m->feature.nlevels > 0)
		finding_add(f, FINDING_INFO, "feature-znode",
		    finding_path(f, m->root, "/feature"),
		    "the KRaft feature levels come from -m and the "
		    "controllers' configuration",
		    "%zu finalized features in /feature are not migrated",
		    m->feature.nlevels);
}

void
plan_check(struct findings *f, const struct model *m, bool meta_properties)
{
	plan_model_findings(f, m);
	plan_cluster_findings(f, m, meta_properties);
	plan_topic_findings(f, m);
}

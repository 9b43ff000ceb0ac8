/*
 * The typed cluster model: what Kafka keeps in ZooKeeper, parsed out of a
 * struct tree (zookeeper-layout.md, section 2).  Every command works from
 * it.  No ZooKeeper or jansson type appears here.
 *
 * model_from_tree() never stops at a bad znode: each malformed znode
 * becomes a struct model_diag naming its path, and the rest is read.
 *
 * Ownership: one arena in struct model owns every string, array and
 * byte buffer below; all of them live until model_free().  Nothing points
 * into the tree, which may be freed once the model is built.
 *
 * Order: every array is sorted so that the same tree gives the same model
 * (topics by name, partitions by id, config keys bytewise, brokers by id,
 * quotas by entity, SCRAM by user then mechanism, ACLs by resource type,
 * pattern type, resource name, then principal, host, operation,
 * permission; tokens by id; diagnostics by path then message).
 */
#ifndef MODEL_H
#define MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "schema.h"

struct error;
struct tree;

enum model_severity {
	MODEL_ERROR,   /* the znode's content is lost or Kafka would refuse */
	MODEL_WARNING, /* read with Kafka's defaults, or ignored as Kafka does
			*/
};

struct model_diag {
	enum model_severity severity;
	const char *code; /* stable, e.g. "malformed-json", "unknown-version" */
	const char *path; /* absolute znode path */
	const char *msg;  /* one line, lowercase, no trailing period */
};

struct model_endpoint {
	const char *listener; /* upper-cased, e.g. "INTERNAL" */
	const char *host;     /* "" for a wildcard; IPv6 without brackets */
	int32_t port;
	const char *protocol; /* from listener_security_protocol_map, or the
				 listener name when the map is absent */
};

/* /brokers/ids/<id>, JSON versions 1 to 5. */
struct model_broker {
	int32_t id;
	int32_t version;
	const char *host; /* NULL when JSON null or absent */
	int32_t port;
	int32_t jmx_port;
	int64_t timestamp; /* epoch ms; -1 when absent or not a number */
	struct model_endpoint *endpoints;
	size_t nendpoints;
	const char *rack; /* NULL when absent */
	bool ephemeral;   /* ephemeral owner != 0: the broker is alive */
	int64_t epoch;    /* czxid: the ZooKeeper-mode broker epoch */
};

struct model_kv {
	const char *key;
	const char *value;
};

/* A {"version":1,"config":{...}} znode, keys sorted bytewise. */
struct model_config {
	struct model_kv *kv;
	size_t n;
};

struct model_partition {
	int32_t id;
	int32_t *replicas;
	size_t nreplicas;
	int32_t *adding; /* adding_replicas[p], empty when absent */
	size_t nadding;
	int32_t *removing; /* removing_replicas[p], empty when absent */
	size_t nremoving;
	/* The state znode; when has_state is false (no state znode, or its
	 * data is not usable) the fields below hold Kafka's defaults: ISR =
	 * replicas, leader = first replica (-1 if none), epochs 0. */
	bool has_state;
	int32_t leader;
	int32_t leader_epoch;
	int32_t *isr;
	size_t nisr;
	int32_t controller_epoch; /* -1 without a state */
	int8_t leader_recovery_state;
	int32_t partition_epoch; /* the state znode's dataVersion */
};

struct model_topic {
	const char *name;
	int32_t version; /* topic JSON version, 1 to 3 */
	bool has_id;
	struct kuuid id;
	struct model_partition *partitions; /* sorted by id */
	size_t npartitions;
	bool has_config; /* /config/topics/<name> exists */
	struct model_config config;
	bool pending_deletion; /* /admin/delete_topics/<name> exists */
};

/* /config/brokers/<id> or /config/brokers/<default>; values as stored
 * (password configs still encrypted). */
struct model_broker_config {
	const char *name; /* the znode name: "<default>" or the id */
	bool is_default;
	struct model_config config;
};

enum model_entity_type {
	MODEL_ENTITY_USER,      /* "user" */
	MODEL_ENTITY_CLIENT_ID, /* "client-id" */
	MODEL_ENTITY_IP,        /* "ip" */
};

/* "user", "client-id" or "ip", as Kafka names the entity type. */
const char *model_entity_type_name(enum model_entity_type type);

struct model_entity {
	enum model_entity_type type;
	const char *name; /* desanitized; NULL for <default> */
};

struct model_quota_value {
	const char *key;
	double value; /* Java Double.parseDouble of the stored string */
};

/* One quota entity: /config/users/<u>, /config/clients/<c>,
 * /config/users/<u>/clients/<c> or /config/ips/<ip>, SCRAM keys removed.
 * Entities without quota keys are not listed. */
struct model_quota {
	struct model_entity entity[2]; /* user then client-id when 2 */
	size_t nentity;
	const char *path;
	struct model_quota_value *values; /* sorted by key */
	size_t nvalues;
};

struct model_scram {
	const char *user; /* desanitized znode name, "<default>" for the
			     default entity (as Kafka names it) */
	int8_t mechanism; /* 1 SCRAM-SHA-256, 2 SCRAM-SHA-512 */
	struct kbytes salt;
	struct kbytes stored_key;
	struct kbytes server_key;
	int32_t iterations;
	const char *path;
	enum model_entity_type source; /* USER, or CLIENT_ID/IP: Kafka's quirk
					  of reading SCRAM keys there too */
};

struct model_acl {
	int8_t resource_type; /* 2 Topic ... 7 User */
	const char *resource_name;
	int8_t pattern_type; /* 3 LITERAL, 4 PREFIXED */
	const char *principal;
	const char *host;
	int8_t operation;            /* 0 when the name is not recognised */
	int8_t permission;           /* 0 when the name is not recognised */
	const char *operation_name;  /* as written in the znode */
	const char *permission_name; /* as written in the znode */
	const char *path;
};

struct model_token {
	const char *token_id;
	int32_t version;       /* 1 or 3 */
	const char *owner;     /* desanitized */
	const char *requester; /* desanitized; = owner for version 1 */
	const char **renewers; /* desanitized, order kept */
	size_t nrenewers;
	int64_t issue_timestamp;
	int64_t max_timestamp;
	int64_t expiry_timestamp;
};

struct model_producer_ids {
	bool present; /* a block was ever allocated */
	int32_t version;
	int32_t broker;
	int64_t block_start;
	int64_t block_end; /* inclusive */
	int32_t data_version;
};

struct model_feature_level {
	const char *name;
	int16_t min_level; /* -1 in /feature version 2 */
	int16_t max_level;
};

struct model_feature {
	bool present;
	int32_t version;
	int32_t status;
	struct model_feature_level *levels; /* sorted by name */
	size_t nlevels;
};

struct model_migration {
	bool present;
	int32_t version;
	int64_t metadata_offset;
	int32_t controller_id;
	int32_t metadata_epoch;
	int32_t controller_epoch;
	int32_t data_version;
};

struct model_controller {
	bool present;
	bool ephemeral; /* false: persistent, written by a KRaft controller */
	int32_t version;
	int32_t broker_id;
	int32_t kraft_controller_epoch; /* -1 when absent */
};

/* /admin/reassign_partitions entry. */
struct model_reassignment {
	const char *topic;
	int32_t partition;
	int32_t *replicas;
	size_t nreplicas;
};

/* /admin/preferred_replica_election entry. */
struct model_election {
	const char *topic;
	int32_t partition;
};

struct model {
	struct arena arena;
	const char *root; /* the Kafka root (chroot) inside the tree */
	int64_t min_zxid; /* from the tree */
	int64_t max_zxid;

	const char *cluster_id; /* NULL when /cluster/id is absent */
	bool has_cluster_uuid;  /* cluster_id decodes to 16 bytes */
	struct kuuid cluster_uuid;

	struct model_controller controller;
	bool has_controller_epoch;
	int32_t controller_epoch;
	int32_t controller_epoch_version; /* its dataVersion */

	struct model_broker *brokers; /* sorted by id */
	size_t nbrokers;

	struct model_topic *topics; /* sorted by name */
	size_t ntopics;
	const char **pending_deletions; /* /admin/delete_topics children */
	size_t npending_deletions;
	const char **orphan_configs; /* /config/topics/<t> without a topic */
	size_t norphan_configs;

	struct model_broker_config *broker_configs; /* "<default>" first */
	size_t nbroker_configs;
	struct model_quota *quotas;
	size_t nquotas;
	struct model_scram *scram;
	size_t nscram;
	struct model_acl *acls;
	size_t nacls;
	struct model_token *tokens;
	size_t ntokens;
	struct model_producer_ids producer_ids;
	struct model_feature feature;
	struct model_migration migration;

	bool has_reassignments; /* /admin/reassign_partitions exists */
	struct model_reassignment *reassignments;
	size_t nreassignments;
	bool has_elections; /* /admin/preferred_replica_election exists */
	struct model_election *elections;
	size_t nelections;
	size_t nconsumers; /* children of /consumers (pre-0.9 consumers) */

	struct model_diag *diags;
	size_t ndiags;
};

/*
 * Build m (zeroed by the caller) from the Kafka tree rooted at root
 * inside t (root must be a znode of t).  Returns -1 only when root is
 * missing; malformed znodes become diagnostics.
 */
int model_from_tree(
    struct model *m, const struct tree *t, const char *root, struct error *e);

/* Release everything m owns; m is zeroed.  model_free(NULL) is a no-op. */
void model_free(struct model *m);

/* The topic named name, or NULL.  Borrowed from m. */
const struct model_topic *model_topic(const struct model *m, const char *name);

/* Number of diagnostics of the given severity. */
size_t model_count(const struct model *m, enum model_severity severity);

/*
 * Print the whole model as canonical text, one fact per line, so two
 * models can be compared with cmp(1).  With stable, zxid-derived values
 * (broker epochs, the zxid range) are left out: they differ between a
 * fixture file and the same tree loaded into a server.  (model-print.c:
 * the form of fixtures/zk/<case>/model.txt; only the tests call it.)
 */
void model_print(const struct model *m, FILE *fp, bool stable);

/* How model_desanitize() read a name (a set of these bits). */
enum model_name_flag {
	MODEL_NAME_REPLACED = 0x01, /* bytes not UTF-8 became U+FFFD */
	MODEL_NAME_SIGNED = 0x02,   /* a "%+X" or "%-0" escape, which only
				       Java 8 to 24 read (Integer.parseInt) */
	MODEL_NAME_NUL = 0x04,      /* decodes to U+0000: refused */
	MODEL_NAME_BAD = 0x08,      /* a malformed escape, on which
				       URLDecoder throws: refused */
	MODEL_NAME_WIDE = 0x10,     /* a non-ASCII character in an escape,
				       which Java 8 to 24 read if it is a
				       Unicode digit: refused */
};

/*
 * Kafka's Sanitizer.desanitize() (zookeeper-layout.md 1.2), exposed for
 * the tests: Java's URLDecoder.decode(name, UTF-8) as Java 8 to 24 run
 * it ("+" is a space; a run of %-escapes is decoded as UTF-8 with U+FFFD
 * for what is not, as Java's decoder cuts it).  Returns the arena copy,
 * or NULL when the name is refused (MODEL_NAME_NUL, _BAD or _WIDE);
 * *flags says how it was read.
 */
const char *model_desanitize(
    struct arena *a, const char *name, unsigned *flags);

#endif /* MODEL_H */

/*
 * A KRaft metadata image: the state a sequence of metadata records leaves
 * (topics by id and name, partitions, configs, quotas, SCRAM credentials,
 * ACLs, delegation tokens, the next producer id, feature levels), as
 * Kafka's MetadataDelta/MetadataImage keep it.  Built from any KRaft
 * state (image_load) or from the records zk2kraft translates
 * (image_apply), so the two can be compared (verify.c).  image.c is the
 * replay, a pure function of the records; image-load.c reads them from
 * disk.
 *
 * Ownership: the image's arena owns everything in it; image_free()
 * releases it.  Records given to image_apply() are copied, not kept.
 */
#ifndef IMAGE_H
#define IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "record.h"

struct image_i32s {
	int32_t *v;
	size_t n;
};

/* Api keys counted one by one; higher ones are counted under the last. */
#define IMAGE_KEYS 64

struct image_partition {
	int32_t id;
	struct image_i32s replicas, isr, removing, adding;
	int32_t leader;
	int8_t leader_recovery_state;
	int32_t leader_epoch;
	int32_t partition_epoch;
	/* As the last full PartitionRecord wrote it (a migrated cluster's:
	 * what the migration handed over), before any change record. */
	bool has_record;
	struct image_i32s record_isr;
	int32_t record_leader;
	int32_t record_leader_epoch;
	int32_t record_partition_epoch;
};

struct image_topic {
	const char *name;
	struct kuuid id;
	struct image_partition *partitions; /* sorted by id after finish */
	size_t npartitions, cap;
	bool unsorted; /* partitions were added out of id order */
	bool removed;
};

struct image_config {
	int8_t resource_type; /* 2 topic, 4 broker */
	const char *resource; /* "" for the broker default */
	const char *key;
	const char *value;
};

struct image_quota {
	const char
	    *entity; /* "user=alice,client-id=<default>" (sorted by type) */
	const char *key;
	double value;
};

struct image_scram {
	const char *user;
	int8_t mechanism;
	struct kbytes salt, stored_key, server_key;
	int32_t iterations;
};

struct image_acl {
	struct kuuid id;
	int8_t resource_type;
	const char *resource_name;
	int8_t pattern_type;
	const char *principal;
	const char *host;
	int8_t operation;
	int8_t permission;
};

struct image_token {
	const char *token_id;
	const char *owner, *requester;
	const char **renewers;
	size_t nrenewers;
	int64_t issue_timestamp, max_timestamp, expiration_timestamp;
};

struct image_feature {
	const char *name;
	int16_t level;
};

struct image {
	struct arena arena;
	int metadata_version;           /* -1 until a metadata.version record */
	struct image_feature *features; /* other features, sorted by name */
	size_t nfeatures;
	struct image_topic *topics; /* sorted by name after finish; removed
				       ones dropped */
	size_t ntopics;
	struct image_config *configs; /* sorted by type, resource, key */
	size_t nconfigs;
	struct image_quota *quotas; /* sorted by entity, key */
	size_t nquotas;
	struct image_scram *scram; /* sorted by user, mechanism */
	size_t nscram;
	struct image_acl *acls; /* sorted by content */
	size_t nacls;
	struct image_token *tokens; /* sorted by id */
	size_t ntokens;
	bool has_producer_ids;
	int64_t next_producer_id;
	size_t applied; /* records that changed the image */
	size_t skipped; /* records the image does not need (registrations,
			   NoOp, ...) */
	size_t skipped_by_key[IMAGE_KEYS]; /* the same, by api key */
	/* Records of a type or version this release cannot decode, by api
	 * key; those of a type verify compares make image_load fail. */
	size_t undecoded_by_key[IMAGE_KEYS];
	/* Metadata transactions (image_load): */
	size_t aborted;        /* records dropped with their transaction */
	bool open_transaction; /* a transaction was still open at the end */
	int64_t open_offset;   /* its BeginTransactionRecord's offset */
	size_t open_records;   /* records of it, not applied */

	void *index; /* lookups while applying; freed by image_finish() */
};

/*
 * Apply one metadata record (control records are ignored).  Fails (-1, e)
 * only on records that contradict the image as Kafka's replay would: a
 * PartitionRecord or PartitionChangeRecord for an unknown topic id.
 */
int image_apply(struct image *im, const struct record *rec, struct error *e);

/* The name of the record type with this api key ("PartitionRecord"). */
const char *image_key_name(int key);

/* Sort everything and drop what was removed; the image is then read-only. */
void image_finish(struct image *im);

/*
 * Load the KRaft state at path: a bootstrap.checkpoint, a snapshot, a
 * segment, or a metadata log directory (its latest snapshot and every
 * segment batch after it, in offset order; its bootstrap.checkpoint only
 * when the log holds no records).  Metadata transactions are honoured:
 * records between BeginTransactionRecord and AbortTransactionRecord are
 * dropped, and a transaction still open at the end is dropped and flagged.
 * Finishes the image.  Returns -1 with e set ("PATH: offset N: ...") when
 * the state cannot be read.
 */
int image_load(struct image *im, const char *path, struct error *e);

void image_free(struct image *im);

/* Order configs by resource type, resource name and key. */
int image_config_cmp(
    const struct image_config *a, const struct image_config *b);

/* Order ACLs by content (resource, pattern, principal, host, operation,
 * permission), ids aside. */
int image_acl_cmp(const struct image_acl *a, const struct image_acl *b);

#endif /* IMAGE_H */

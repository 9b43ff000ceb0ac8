/*
 * The migration plan: everything dry-run reports and export writes,
 * computed from the model without I/O.  plan_build() checks the model for
 * what blocks or changes the migration (findings), translates it to KRaft
 * metadata records (translate.c, zookeeper-layout.md section 3), checks
 * the records against the limits of the bootstrap path
 * (kraft-snapshot-format.md section 7.2) and encodes the checkpoint file.
 *
 * Record order (documented in zk2kraft(1)): FeatureLevelRecord
 * metadata.version; ZkMigrationStateRecord NONE (snapshot route only, MV
 * 3.4-IV0 and up); per topic by name its TopicRecord then its
 * PartitionRecords by id; ConfigRecords of topics (by topic, then key),
 * of the broker default, of brokers by id; ClientQuotaRecords by entity
 * then key; ProducerIdsRecord; AccessControlEntryRecords; SCRAM
 * credentials by user then mechanism; DelegationTokenRecords by id.
 *
 * Ownership: the plan owns its records, findings and file bytes (freed by
 * plan_free()); it borrows the model, which must outlive it.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "finding.h"
#include "kcheck.h"
#include "kwrite.h"
#include "log.h"
#include "model.h"
#include "record.h"

struct plan_opts {
	int mv;                /* metadata.version level */
	bool snapshot;         /* the snapshot route, not bootstrap */
	bool assign_topic_ids; /* derive ids for topics without one */
	bool elect_leaders;    /* no leaders: KRaft elects them from the ISR */
	bool meta_properties;  /* a meta.properties will be written */
	const char *secret;    /* password.encoder.secret, borrowed */
	size_t secretlen;      /* or NULL and 0 */
	const char *const *allow; /* --allow codes, borrowed */
	size_t nallow;
	int64_t timestamp;       /* batch timestamps (and the snapshot's) */
	int64_t snapshot_offset; /* 0: the number of data records */
	int32_t snapshot_epoch;  /* 0: 1 */
	const struct record *header_extra; /* voters, borrowed */
	size_t nheader_extra;
};

enum plan_topic_status {
	PLAN_TOPIC_MIGRATED,
	PLAN_TOPIC_PENDING_DELETION, /* skipped, as Kafka's migration does */
	PLAN_TOPIC_BLOCKED,          /* no topic id: not translated */
};

struct plan_topic {
	const struct model_topic *t; /* borrowed from the model */
	enum plan_topic_status status;
	struct kuuid id;
	bool id_assigned;          /* derived by --assign-topic-ids */
	size_t replication_factor; /* the largest replica count */
};

struct plan {
	struct arena arena;
	int mv;
	bool snapshot;
	int64_t snapshot_offset; /* the snapshot id, when snapshot */
	int32_t snapshot_epoch;
	struct record *records; /* the data records, in file order */
	size_t nrecords, cap;
	size_t count[KCHECK_NKEYS]; /* records per api key */
	struct plan_topic *topics;  /* as the model's topics */
	size_t ntopics;
	struct findings findings; /* sorted */
	size_t decrypted;         /* password configs decrypted */
	struct buf file;          /* the checkpoint's bytes */
	struct kwrite_stats stats;
	bool blocked; /* a blocker the operator did not allow */
	char **wipe;  /* decrypted values, zeroed by plan_free() */
	size_t nwipe;
};

/*
 * Build p (zeroed by the caller) from m.  Returns -1 with e set only for
 * what is not a finding (a record too large to encode at all); a plan
 * with blockers is a successful result with p->blocked set.
 */
int plan_build(struct plan *p, const struct model *m, const struct plan_opts *o,
    struct error *e);

void plan_free(struct plan *p);

/* Whether code can be given to --allow. */
bool plan_allowable(const char *code);

/* The allowable codes, comma-separated, for messages.  Static. */
const char *plan_allowable_list(void);

/*
 * Whether a config value is secret and must not be printed: broker
 * password configs (the key ends with a PASSWORD-typed broker config name)
 * and keys naming a password, secret or JAAS configuration.
 */
bool plan_config_sensitive(const char *key);

/* Whether a broker config key is a PASSWORD-typed (encrypted) config. */
bool plan_config_password(const char *key);

/*
 * Translation (translate.c).  translate_ids() settles the id of each topic
 * without one (blocked, or derived with --assign-topic-ids); translate()
 * then appends the data records for m to p.  Both add the findings that
 * come from translating (passwords, topic ids, what the metadata.version
 * cannot hold).
 */
void translate_ids(
    struct plan *p, const struct model *m, const struct plan_opts *o);
void translate(
    struct plan *p, const struct model *m, const struct plan_opts *o);

/* Append a record of api key at the version o's level writes; its body. */
void *plan_add_record(struct plan *p, int key);

/* An absolute znode path under m's Kafka root (fmt gives the rest, from
 * "/"), allocated from the plan's arena. */
const char *plan_path(struct plan *p, const struct model *m, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* Whether the operator allowed code. */
bool plan_is_allowed(const struct plan_opts *o, const char *code);

#endif /* PLAN_H */

/*
 * Translation of the model into KRaft metadata records, field by field as
 * Kafka 3.9's ZooKeeper migration does (zookeeper-layout.md section 3).
 * translate() first settles the id of every topic (the model's, or one
 * derived with assign_topic_ids; a topic with none, or with another
 * topic's, is blocked), then writes the data records in the order below,
 * and adds to a findings list what comes from translating: passwords,
 * topic ids, what the metadata.version cannot hold.  It knows nothing of
 * the plan that uses it, and does no I/O.
 *
 * Record order (documented in zk2kraft(1)): FeatureLevelRecord
 * metadata.version; ZkMigrationStateRecord NONE (snapshot route only, MV
 * 3.4-IV0 and up); per topic by name its TopicRecord then its
 * PartitionRecords by id; ConfigRecords of topics (by topic, then key),
 * of the broker default, of brokers by id; ClientQuotaRecords by entity
 * then key; ProducerIdsRecord; AccessControlEntryRecords; SCRAM
 * credentials by user then mechanism; DelegationTokenRecords by id.
 *
 * Ownership: struct translation owns its records, its topic table and
 * what the records point to that the model does not hold (decrypted
 * passwords, directories, entity arrays: its arena); the records borrow
 * the model's strings and arrays, so the model must outlive them.
 * translate_free() releases it all, zeroing the decrypted passwords.
 */
#ifndef TRANSLATE_H
#define TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "finding.h"
#include "model.h"
#include "record.h"

struct translate_opts {
	int mv;                /* metadata.version level: record versions */
	bool snapshot;         /* the snapshot route: ZkMigrationStateRecord */
	bool assign_topic_ids; /* derive ids for topics without one */
	bool elect_leaders;    /* no leaders: KRaft elects them from the ISR */
	const char *secret;    /* password.encoder.secret, borrowed */
	size_t secretlen;      /* or NULL and 0 */
};

enum translate_topic_status {
	TRANSLATE_TOPIC_MIGRATED,
	TRANSLATE_TOPIC_PENDING_DELETION, /* skipped, as Kafka's migration does
					   */
	TRANSLATE_TOPIC_BLOCKED, /* no usable topic id: not translated */
};

struct translate_topic {
	const struct model_topic *t; /* borrowed from the model */
	enum translate_topic_status status;
	struct kuuid id;
	bool id_assigned;          /* derived by assign_topic_ids */
	size_t replication_factor; /* the largest replica count */
};

struct translation {
	struct arena arena;
	int mv;                 /* the level the records are written at */
	struct record *records; /* the data records, in file order */
	size_t nrecords, cap;
	struct translate_topic *topics; /* as the model's topics */
	size_t ntopics;
	size_t decrypted; /* password configs decrypted */
	char **wipe;      /* decrypted values, zeroed by translate_free() */
	size_t nwipe;
};

/*
 * Translate m into tr (zeroed by the caller), adding findings to f.  What
 * cannot be translated is left out with a finding; nothing fails.
 */
void translate(struct translation *tr, const struct model *m,
    const struct translate_opts *o, struct findings *f);

/* Records of api key key in tr. */
size_t translate_count(const struct translation *tr, int key);

void translate_free(struct translation *tr);

#endif /* TRANSLATE_H */

/*
 * Translation, model -> KRaft records and their findings (translate.c),
 * run through plan_build(): the sample cluster's records against
 * zookeeper-layout.md 7.2 and kraft-snapshot-format.md 7.2, encrypted
 * passwords (3.4), metadata.version gates, ACL and topic ids, and missing
 * partition state (3.3).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "buf.h"
#include "finding.h"
#include "helpers.h"
#include "kcheck.h"
#include "model.h"
#include "mv.h"
#include "plan-helpers.h"
#include "plan.h"
#include "policy.h"
#include "record.h"
#include "records.h"
#include "translate.h"
#include "tree.h"
#include "xmalloc.h"

/* Broker 2's encrypted keystore password in the sample: with SECRET it
 * decrypts to "ext-keystore-pass" (zookeeper-layout.md 7.1). */
#define SAMPLE_ENCRYPTED                                                       \
	"initializationVector:WtHskpqvIn5BdDeHKZxndw==,keyLength:128,"         \
	"salt:1QrCiLkO3i4xGwI3a8p8cC+2Kie6GhAOyx5+xdebvb0DjhnAZ3hzELL"         \
	"34AwR4dvlfq93sSEs8w5P75Rw+W+mohY9NkwXpMdyAY/B0SK709CfJQTrxSv"         \
	"XRQiKj/AG6QsDo7XCtzJcdXyo1DiNZwwHvbnB0JpyOpAeQV8mBrSmz4/BN/S"         \
	"z743l7UbQPy5tmO9d9KJHXKkqiP5o4bJBcN7GGu8ZmY2Drfg15gYl4NktG0U"         \
	"I2HLLGqh545IrHmA+iQx3scB1N2jMDVuXr5jdo+fARNjyujShAcgHhPTwbTS"         \
	"j8ByL9WPQEF/ZO1WcOWk2n7ds1E838LD+KcIsegJ4hfWfcw==,keyFactory"         \
	"Algorithm:PBKDF2WithHmacSHA512,cipherAlgorithm:AES/CBC/PKCS5"         \
	"Padding,iterations:4096,passwordLength:17,encryptedPassword:"         \
	"dokQo8OXX81O9shAwk7vNUbXlPVpoRZ8KMZTmPtgrmk="

/* Topic ids of the sample cluster (zookeeper-layout.md 7.1, notes). */
#define ID_ORDERS "fd67b47c897c45398deefe2b819d4297"

#define ID_PROFILES "cf6179b07c6b4c149e8933278e3049d2"

#define ID_OFFSETS "0f1df3f30133460ca63eb09dfbc46ea4"

TestSuite(translate, .init = plan_test_setup, .fini = plan_test_teardown);

/* The n-th record (from 0) of api key; fails when there is none. */
static void *
nth(const struct plan *pp, int key, size_t n)
{
	size_t i;

	for (i = 0; i < pp->tr.nrecords; i++)
		if (pp->tr.records[i].key == key && n-- == 0)
			return pp->tr.records[i].body;
	cr_assert_fail("no record %zu of key %d", n, key);
	return NULL;
}

/* Records of api key, counted by walking the records. */
static size_t
nkey(const struct plan *pp, int key)
{
	size_t i, n = 0;

	for (i = 0; i < pp->tr.nrecords; i++)
		if (pp->tr.records[i].key == key)
			n++;
	return n;
}

static void
assert_i32s(const struct karray *a, const char *want)
{
	char buf[512] = "";
	size_t i, o = 0;

	for (i = 0; i < a->n; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%d",
		    i == 0 ? "" : ",", (int)KARRAY_AT(*a, int32_t, i));
	cr_assert_str_eq(buf, want);
}

static void
assert_hex(const struct kbytes *b, const char *want)
{
	uint8_t w[128];
	size_t n = hex_parse(want, w, sizeof w);

	assert_bytes_eq(b->p, b->len, w, n);
}

static void
uuid_hex(struct kuuid *u, const char *hex)
{
	cr_assert_eq(hex_parse(hex, u->b, sizeof u->b), 16);
}

static bool
uuid_is(const struct kuuid *u, const char *hex)
{
	struct kuuid w;

	uuid_hex(&w, hex);
	return memcmp(u->b, w.b, 16) == 0;
}

static bool
uuid_zero(const struct kuuid *u)
{
	static const struct kuuid zero;

	return memcmp(u->b, zero.b, 16) == 0;
}

/* An RFC 4122 version 5 UUID whose base64url text does not start with
 * '-' (what Kafka's Uuid accepts from Uuid.randomUuid()). */
static void
assert_good_uuid(const struct kuuid *u)
{
	char s[B64_UUID_LEN + 1];

	cr_assert_eq(u->b[6] >> 4, 5, "version nibble %x", u->b[6] >> 4);
	cr_assert_eq(u->b[8] & 0xc0, 0x80, "variant bits");
	b64_uuid_str(u, s);
	cr_assert_eq(strlen(s), B64_UUID_LEN);
	cr_assert_neq(s[0], '-', "id %s starts with '-'", s);
}

static const struct partition_record *
partition_rec(const struct plan *pp, const char *topic_hex, int32_t id)
{
	const struct partition_record *r, *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < pp->tr.nrecords; i++) {
		if (pp->tr.records[i].key != RECORD_PARTITION)
			continue;
		r = pp->tr.records[i].body;
		if (uuid_is(&r->topic_id, topic_hex) && r->partition_id == id) {
			found = r;
			n++;
		}
	}
	cr_assert_eq(n, 1, "%zu PartitionRecords %s-%d", n, topic_hex, id);
	return found;
}

static const struct config_record *
config_rec(const struct plan *pp, int type, const char *res, const char *name)
{
	const struct config_record *r, *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < pp->tr.nrecords; i++) {
		if (pp->tr.records[i].key != RECORD_CONFIG)
			continue;
		r = pp->tr.records[i].body;
		if (r->resource_type == type &&
		    strcmp(r->resource_name, res) == 0 &&
		    strcmp(r->name, name) == 0) {
			found = r;
			n++;
		}
	}
	cr_assert_leq(n, 1, "%zu ConfigRecords %d %s %s", n, type, res, name);
	return found;
}

static const struct translate_topic *
topic_of(const struct plan *pp, const char *name)
{
	size_t i;

	for (i = 0; i < pp->tr.ntopics; i++)
		if (strcmp(pp->tr.topics[i].t->name, name) == 0)
			return &pp->tr.topics[i];
	cr_assert_fail("no plan topic %s", name);
	return NULL;
}

/* ---- The sample cluster (zookeeper-layout.md 7.2) ------------------------ */

Test(translate, sample_counts_are_the_7_2_manifest)
{
	size_t total = 0;
	int k;

	sample_plan("sample");
	if (p.blocked)
		dump_findings(&p);
	cr_assert(!p.blocked);
	cr_assert_eq(p.mv, 21);
	cr_assert(!p.snapshot);

	cr_assert_eq(plan_count(&p, RECORD_FEATURE_LEVEL), 1);
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 3);
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 8);
	cr_assert_eq(plan_count(&p, RECORD_CONFIG), 12);
	cr_assert_eq(plan_count(&p, RECORD_USER_SCRAM_CREDENTIAL), 2);
	cr_assert_eq(plan_count(&p, RECORD_CLIENT_QUOTA), 4);
	cr_assert_eq(plan_count(&p, RECORD_PRODUCER_IDS), 1);
	cr_assert_eq(plan_count(&p, RECORD_ACCESS_CONTROL_ENTRY), 5);
	cr_assert_eq(plan_count(&p, RECORD_DELEGATION_TOKEN), 1);
	cr_assert_eq(plan_count(&p, RECORD_ZK_MIGRATION_STATE), 0,
	    "no migration state record in a bootstrap file");
	/* 36 data records (7.2) plus the FeatureLevelRecord. */
	cr_assert_eq(p.tr.nrecords, 37);
	for (k = 0; k < KCHECK_NKEYS; k++) {
		cr_assert_eq(plan_count(&p, k), nkey(&p, k), "count[%d]", k);
		total += plan_count(&p, k);
	}
	cr_assert_eq(total, p.tr.nrecords);
	cr_assert_eq(p.tr.decrypted, 1);
}

Test(translate, sample_record_order)
{
	/* plan.h: FeatureLevel; per topic by name its TopicRecord then its
	 * partitions by id; configs; quotas; ProducerIds; ACEs; SCRAM;
	 * tokens. */
	static const int want[] = {RECORD_FEATURE_LEVEL, RECORD_TOPIC,
	    RECORD_PARTITION, RECORD_PARTITION, RECORD_PARTITION, RECORD_TOPIC,
	    RECORD_PARTITION, RECORD_PARTITION, RECORD_TOPIC, RECORD_PARTITION,
	    RECORD_PARTITION, RECORD_PARTITION, RECORD_CONFIG, RECORD_CONFIG,
	    RECORD_CONFIG, RECORD_CONFIG, RECORD_CONFIG, RECORD_CONFIG,
	    RECORD_CONFIG, RECORD_CONFIG, RECORD_CONFIG, RECORD_CONFIG,
	    RECORD_CONFIG, RECORD_CONFIG, RECORD_CLIENT_QUOTA,
	    RECORD_CLIENT_QUOTA, RECORD_CLIENT_QUOTA, RECORD_CLIENT_QUOTA,
	    RECORD_PRODUCER_IDS, RECORD_ACCESS_CONTROL_ENTRY,
	    RECORD_ACCESS_CONTROL_ENTRY, RECORD_ACCESS_CONTROL_ENTRY,
	    RECORD_ACCESS_CONTROL_ENTRY, RECORD_ACCESS_CONTROL_ENTRY,
	    RECORD_USER_SCRAM_CREDENTIAL, RECORD_USER_SCRAM_CREDENTIAL,
	    RECORD_DELEGATION_TOKEN};
	static const char *const topics[] = {
	    "__consumer_offsets", "customer-profiles", "orders"};
	const struct feature_level_record *fl;
	const struct topic_record *tr = NULL;
	const struct partition_record *pr;
	size_t i, ntopic = 0;
	int32_t last_pid = -1;

	sample_plan("sample");
	cr_assert_eq(p.tr.nrecords, sizeof want / sizeof want[0]);
	for (i = 0; i < p.tr.nrecords; i++)
		cr_assert_eq(p.tr.records[i].key, want[i],
		    "record %zu: key %d, want %d", i, p.tr.records[i].key,
		    want[i]);

	cr_assert_eq(p.tr.records[0].key, RECORD_FEATURE_LEVEL);
	fl = p.tr.records[0].body;
	cr_assert_str_eq(fl->name, "metadata.version");
	cr_assert_eq(fl->feature_level, 21);
	cr_assert_eq(p.tr.records[0].version, 0);

	/* Each PartitionRecord follows its own TopicRecord, ids ascending. */
	for (i = 0; i < p.tr.nrecords; i++) {
		if (p.tr.records[i].key == RECORD_TOPIC) {
			tr = p.tr.records[i].body;
			cr_assert_lt(ntopic, 3);
			cr_assert_str_eq(tr->name, topics[ntopic]);
			ntopic++;
			last_pid = -1;
		} else if (p.tr.records[i].key == RECORD_PARTITION) {
			cr_assert_not_null(tr);
			cr_assert(p.tr.records[i - 1].key == RECORD_TOPIC ||
				p.tr.records[i - 1].key == RECORD_PARTITION,
			    "record %zu: partition not after its topic", i);
			pr = p.tr.records[i].body;
			cr_assert_eq(memcmp(pr->topic_id.b, tr->topic_id.b, 16),
			    0, "record %zu: partition of another topic", i);
			cr_assert_gt(pr->partition_id, last_pid);
			last_pid = pr->partition_id;
		}
	}
	cr_assert_eq(ntopic, 3);
}

Test(translate, sample_topics_and_partitions)
{
	static const struct {
		const char *topic;
		int32_t id;
		const char *replicas, *isr;
		int32_t leader, leader_epoch, partition_epoch;
	} want[] = {
	    {ID_ORDERS, 0, "1,2,3", "1,2,3", 1, 0, 0},
	    {ID_ORDERS, 1, "2,3,1", "2,3", 2, 0, 1},
	    {ID_ORDERS, 2, "3,1,2", "1,2,3", 3, 2, 3},
	    {ID_PROFILES, 0, "2,3,1", "2,3,1", 2, 0, 0},
	    {ID_PROFILES, 1, "3,1,2", "3,1,2", 3, 0, 0},
	    {ID_OFFSETS, 0, "3,1,2", "3,1,2", 3, 0, 0},
	    {ID_OFFSETS, 1, "1,2,3", "1,2,3", 1, 0, 0},
	    {ID_OFFSETS, 2, "2,3,1", "2,3,1", 2, 0, 0},
	};
	const struct topic_record *tr;
	const struct partition_record *pr;
	size_t i, j;

	sample_plan("sample");
	tr = topic_rec(&p, "orders");
	cr_assert_not_null(tr);
	cr_assert(uuid_is(&tr->topic_id, ID_ORDERS));
	tr = topic_rec(&p, "customer-profiles");
	cr_assert_not_null(tr);
	cr_assert(uuid_is(&tr->topic_id, ID_PROFILES));
	tr = topic_rec(&p, "__consumer_offsets");
	cr_assert_not_null(tr);
	cr_assert(uuid_is(&tr->topic_id, ID_OFFSETS));

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		pr = partition_rec(&p, want[i].topic, want[i].id);
		assert_i32s(&pr->replicas, want[i].replicas);
		assert_i32s(&pr->isr, want[i].isr);
		assert_i32s(&pr->adding_replicas, "");
		assert_i32s(&pr->removing_replicas, "");
		cr_assert_eq(pr->leader, want[i].leader);
		cr_assert_eq(pr->leader_epoch, want[i].leader_epoch,
		    "%s-%d leader epoch", want[i].topic, want[i].id);
		cr_assert_eq(pr->partition_epoch, want[i].partition_epoch,
		    "%s-%d partition epoch", want[i].topic, want[i].id);
		cr_assert_eq(pr->leader_recovery_state, 0);
		/* MV 3.9: version 1, one MIGRATING (zero) directory a
		 * replica (7.2, last paragraph). */
		cr_assert_eq(pr->directories.n, pr->replicas.n);
		for (j = 0; j < pr->directories.n; j++)
			cr_assert(uuid_zero(
			    &KARRAY_AT(pr->directories, struct kuuid, j)));
	}
	for (i = 0; i < p.tr.nrecords; i++)
		if (p.tr.records[i].key == RECORD_PARTITION)
			cr_assert_eq(p.tr.records[i].version, 1);
	cr_assert_eq(topic_of(&p, "orders")->replication_factor, 3);
	cr_assert_eq(topic_of(&p, "orders")->status, TRANSLATE_TOPIC_MIGRATED);
}

Test(translate, sample_configs)
{
	/* 7.2 rows 2-3, 8-10, 14-16, 20-23, in plan.h's order: topics by
	 * name then key, the default broker, brokers by id. */
	static const struct {
		int type;
		const char *res, *name, *value;
	} want[] = {
	    {2, "__consumer_offsets", "cleanup.policy", "compact"},
	    {2, "__consumer_offsets", "compression.type", "producer"},
	    {2, "__consumer_offsets", "segment.bytes", "104857600"},
	    {2, "customer-profiles", "cleanup.policy", "compact"},
	    {2, "customer-profiles", "min.compaction.lag.ms", "3600000"},
	    {2, "customer-profiles", "segment.bytes", "104857600"},
	    {2, "orders", "min.insync.replicas", "2"},
	    {2, "orders", "retention.ms", "604800000"},
	    {4, "", "log.cleaner.threads", "2"},
	    {4, "", "log.retention.ms", "259200000"},
	    {4, "2", "listener.name.external.ssl.keystore.password",
		"ext-keystore-pass"},
	    {4, "2", "log.cleaner.threads", "4"},
	};
	const struct config_record *c;
	size_t i;

	sample_plan("sample");
	cr_assert_eq(
	    plan_count(&p, RECORD_CONFIG), sizeof want / sizeof want[0]);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		c = nth(&p, RECORD_CONFIG, i);
		cr_assert_eq(c->resource_type, want[i].type, "config %zu", i);
		cr_assert_str_eq(
		    c->resource_name, want[i].res, "config %zu", i);
		cr_assert_str_eq(c->name, want[i].name, "config %zu", i);
		cr_assert_str_eq(c->value, want[i].value, "config %zu", i);
	}
	/* Nothing of the pending-deletion topic. */
	cr_assert_null(config_rec(&p, 2, "legacy-events", "retention.ms"));
}

Test(translate, sample_quotas_desanitized)
{
	static const struct {
		const char *type, *name, *key;
		double value;
	} want[] = {
	    {"user", "svc-payments@EXAMPLE.COM", "producer_byte_rate",
		1048576.0},
	    {"user", "svc-payments@EXAMPLE.COM", "consumer_byte_rate",
		2097152.0},
	    {"client-id", "reporting-app", "request_percentage", 50.0},
	    {"client-id", "reporting-app", "consumer_byte_rate", 524288.0},
	};
	size_t i, j, n;

	sample_plan("sample");
	cr_assert_eq(plan_count(&p, RECORD_CLIENT_QUOTA), 4);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		for (j = 0, n = 0; j < plan_count(&p, RECORD_CLIENT_QUOTA);
		     j++) {
			const struct client_quota_record *q =
			    nth(&p, RECORD_CLIENT_QUOTA, j);
			const struct client_quota_record_entity_data *ed;

			cr_assert_eq(q->entity.n, 1);
			ed = &KARRAY_AT(q->entity,
			    struct client_quota_record_entity_data, 0);
			if (strcmp(ed->entity_type, want[i].type) != 0 ||
			    strcmp(ed->entity_name, want[i].name) != 0 ||
			    strcmp(q->key, want[i].key) != 0)
				continue;
			cr_assert_eq(q->value, want[i].value);
			cr_assert(!q->remove);
			n++;
		}
		cr_assert_eq(n, 1, "%zu quota records %s %s %s", n,
		    want[i].type, want[i].name, want[i].key);
	}
}

Test(translate, sample_producer_ids)
{
	const struct producer_ids_record *r;

	sample_plan("sample");
	r = nth(&p, RECORD_PRODUCER_IDS, 0);
	cr_assert_eq(r->next_producer_id, 3000);
	cr_assert_eq(r->broker_id, 2);
	cr_assert_eq(r->broker_epoch, -1);
}

Test(translate, sample_acls)
{
	static const struct {
		int rt;
		const char *name;
		int pattern;
		const char *principal, *host;
		int op, perm;
	} want[] = {
	    {2, "orders", 3, "User:alice", "*", 3, 3},
	    {2, "orders", 3, "User:alice", "*", 8, 3},
	    {2, "orders", 3, "User:mallory", "*", 4, 2},
	    {2, "payments.", 4, "User:svc-payments@EXAMPLE.COM", "10.20.0.15",
		4, 3},
	    {3, "order-processors", 3, "User:alice", "*", 3, 3},
	};
	size_t i, j, n;

	sample_plan("sample");
	cr_assert_eq(plan_count(&p, RECORD_ACCESS_CONTROL_ENTRY), 5);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		for (j = 0, n = 0; j < 5; j++) {
			const struct access_control_entry_record *r =
			    nth(&p, RECORD_ACCESS_CONTROL_ENTRY, j);

			if (r->resource_type == want[i].rt &&
			    strcmp(r->resource_name, want[i].name) == 0 &&
			    r->pattern_type == want[i].pattern &&
			    strcmp(r->principal, want[i].principal) == 0 &&
			    strcmp(r->host, want[i].host) == 0 &&
			    r->operation == want[i].op &&
			    r->permission_type == want[i].perm) {
				assert_good_uuid(&r->id);
				n++;
			}
		}
		cr_assert_eq(n, 1, "ACE %zu found %zu times", i, n);
	}
}

Test(translate, sample_scram)
{
	const struct user_scram_credential_record *r;

	sample_plan("sample");
	/* By user then mechanism (plan.h); values from 7.2 rows 24-25. */
	r = nth(&p, RECORD_USER_SCRAM_CREDENTIAL, 0);
	cr_assert_str_eq(r->name, "alice");
	cr_assert_eq(r->mechanism, 1);
	cr_assert_eq(r->iterations, 4096);
	assert_hex(
	    &r->salt, "7a37707379346b337030616f3339796f316c6639703567706f");
	assert_hex(&r->stored_key,
	    "d2f83402812c61beeb3a97b34e6a99a7dac1fdb3aef0"
	    "2f395fdc99b13585c7d1");
	assert_hex(&r->server_key,
	    "80164502604e0feb4e76ada6ce4dfd1d2536c8d89f90"
	    "bb9a80be9e7f6bbad716");
	r = nth(&p, RECORD_USER_SCRAM_CREDENTIAL, 1);
	cr_assert_str_eq(r->name, "alice");
	cr_assert_eq(r->mechanism, 2);
	cr_assert_eq(r->iterations, 4096);
	cr_assert_eq(r->salt.len, strlen("sdmkjwmj1e84s3hliwkrer52c"));
	cr_assert_eq(
	    memcmp(r->salt.p, "sdmkjwmj1e84s3hliwkrer52c", r->salt.len), 0);
	assert_hex(&r->stored_key,
	    "ab812e69b789f5d042e982351cf9386b916bd21a112b6e9cf671b4dc18ec953a"
	    "d68b5df249f8df69e824cf7d6e1db49690cf40b72d84ee53e447b07b9f5c02c4");
	assert_hex(&r->server_key,
	    "6e4526e050c57ed866ce06a89eb8181d89021c3a578ee388324efb93d39d7279"
	    "a542212e1a32a4d2a11d568b48adc938ae94b2e34513ac4a91a9bd417e9a6400");
}

Test(translate, sample_delegation_token)
{
	const struct delegation_token_record *r;

	sample_plan("sample");
	r = nth(&p, RECORD_DELEGATION_TOKEN, 0);
	cr_assert_str_eq(r->token_id, "ltg6bm1bR7WN5hxbvKr6AA");
	cr_assert_str_eq(r->owner, "User:alice");
	cr_assert_str_eq(r->requester, "User:alice");
	cr_assert_eq(r->renewers.n, 1);
	cr_assert_str_eq(KARRAY_AT(r->renewers, char *, 0), "User:bob");
	cr_assert_eq(r->issue_timestamp, INT64_C(1729400000000));
	cr_assert_eq(r->max_timestamp, INT64_C(1730004800000));
	cr_assert_eq(r->expiration_timestamp, INT64_C(1729486400000));
}

Test(translate, sample_pending_deletion_skipped)
{
	const struct finding *f;
	const struct translate_topic *pt;
	size_t i;

	sample_plan("sample");
	cr_assert_null(topic_rec(&p, "legacy-events"));
	for (i = 0; i < p.tr.nrecords; i++)
		if (p.tr.records[i].key == RECORD_PARTITION)
			cr_assert(!uuid_is(
			    &((const struct partition_record *)p.tr.records[i]
				    .body)
				 ->topic_id,
			    "92d159fb621641718f2bf53b45c098e5"));
	f = the_finding(
	    &p, "topic-pending-deletion", "/admin/delete_topics/legacy-events");
	cr_assert_eq(f->severity, FINDING_WARNING);
	cr_assert_not_null(strstr(f->msg, "legacy-events"));
	cr_assert_not_null(f->action);
	pt = topic_of(&p, "legacy-events");
	cr_assert_eq(pt->status, TRANSLATE_TOPIC_PENDING_DELETION);
	cr_assert_eq(p.tr.ntopics, 4);
}

/* ---- Encrypted passwords (3.4) ------------------------------------------- */

Test(translate, no_secret_blocks_encrypted_password)
{
	const struct finding *f;
	struct plan_opts o;
	const char *const allow[] = {"cluster-running", "encrypted-password"};

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.secret = NULL;
	o.secretlen = 0;
	build_plan(&p, &m, &o);
	f = the_finding(&p, "encrypted-password", "/config/brokers/2");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(!f->allowed);
	cr_assert_not_null(
	    strstr(f->msg, "listener.name.external.ssl.keystore.password"));
	cr_assert(p.blocked);
	cr_assert_null(config_rec(
	    &p, 4, "2", "listener.name.external.ssl.keystore.password"));
	/* The other configs of broker 2 are still there. */
	cr_assert_not_null(config_rec(&p, 4, "2", "log.cleaner.threads"));
	cr_assert_eq(plan_count(&p, RECORD_CONFIG), 11);
	cr_assert_eq(p.tr.decrypted, 0);

	/* Not an --allow code: the secret is the fix. */
	cr_assert(!policy_allowable("encrypted-password"));
	o.allow = allow;
	o.nallow = 2;
	build_plan(&p2, &m, &o);
	cr_assert(p2.blocked);
	cr_assert(!the_finding(&p2, "encrypted-password", "/config/brokers/2")
		       ->allowed);
}

Test(translate, wrong_secret_blocks_decrypt_failed)
{
	const struct finding *f;
	struct plan_opts o;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.secret = "not-the-secret";
	o.secretlen = strlen(o.secret);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "password-decrypt-failed", "/config/brokers/2");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(p.blocked);
	cr_assert_eq(ncode(&p, "encrypted-password"), 0);
	cr_assert_null(config_rec(
	    &p, 4, "2", "listener.name.external.ssl.keystore.password"));
	cr_assert_eq(p.tr.decrypted, 0);
	cr_assert(!policy_allowable("password-decrypt-failed"));
}

Test(translate, secret_length_is_respected)
{
	struct plan_opts o;
	char buf[64];

	/* secretlen bytes, not up to a NUL. */
	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	snprintf(buf, sizeof buf, "%sXYZ", SECRET);
	o.secret = buf;
	o.secretlen = strlen(SECRET);
	build_plan(&p, &m, &o);
	cr_assert(!p.blocked);
	cr_assert_str_eq(config_rec(&p, 4, "2",
			     "listener.name.external.ssl.keystore.password")
			     ->value,
	    "ext-keystore-pass");
}

/*
 * A password config stored in plain text: with a password.encoder.secret
 * Kafka's decoder (EncryptingPasswordEncoder) throws on it, so that
 * blocks; without one the controller's no-op decoder copies it, and so
 * does zk2kraft, with a warning.
 */
Test(translate, plaintext_password_blocks_with_a_secret)
{
	const char *const allow[] = {"password-not-encrypted"};
	struct plan_opts o;
	const struct finding *f;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/brokers/1 P 0 {\"version\":1,\"config\":"
	    "{\"ssl.truststore.password\":\"plain-secret-123\","
	    "\"log.cleaner.threads\":\"2\"}}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "password-not-encrypted", "/config/brokers/1");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert_str_eq(f->msg,
	    "password config ssl.truststore.password is not in the encrypted "
	    "form a ZooKeeper-mode broker writes; Kafka's migration with a "
	    "password.encoder.secret fails on it");
	cr_assert_null(strstr(f->msg, "plain-secret-123"));
	cr_assert(p.blocked);
	cr_assert_null(config_rec(&p, 4, "1", "ssl.truststore.password"));
	cr_assert_not_null(config_rec(&p, 4, "1", "log.cleaner.threads"));

	/* Allowed, it is left out, as ZooKeeper-mode brokers ignore it. */
	cr_assert(policy_allowable("password-not-encrypted"));
	o.allow = allow;
	o.nallow = 1;
	build_plan(&p2, &m, &o);
	cr_assert(!p2.blocked);
	cr_assert_null(config_rec(&p2, 4, "1", "ssl.truststore.password"));
}

Test(translate, plaintext_password_copied_without_a_secret)
{
	struct plan_opts o;
	const struct finding *f;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/brokers/1 P 0 {\"version\":1,\"config\":"
	    "{\"ssl.truststore.password\":\"plain-secret-123\"}}\n");
	opts_sample(&o);
	o.secret = NULL;
	o.secretlen = 0;
	build_plan(&p, &m, &o);
	f = the_finding(&p, "password-not-encrypted", "/config/brokers/1");
	cr_assert_eq(f->severity, FINDING_WARNING);
	cr_assert_null(strstr(f->msg, "plain-secret-123"));
	cr_assert_not_null(strstr(f->msg,
	    "as Kafka's migration without a password.encoder.secret does"));
	cr_assert_str_eq(
	    config_rec(&p, 4, "1", "ssl.truststore.password")->value,
	    "plain-secret-123");
	cr_assert(!p.blocked);
}

/*
 * ZkConfigMigrationClient.readTopicConfigs() passes topic configs through
 * the same decoder: a topic config named like a password config is
 * decrypted, or blocks, as a broker's is.
 */
Test(translate, topic_password_configs_go_through_the_decoder)
{
	struct plan_opts o;
	const struct finding *f;
	char *text;

	text =
	    xasprintf("/cluster/id P 0 "
		      "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
		      "/brokers/topics/t P 0 {\"version\":3,\"topic_id\":"
		      "\"vhtG_ifbQGLYEpOJvQ9xVw\",\"partitions\":{}}\n"
		      "/config/topics/t P 0 {\"version\":1,\"config\":"
		      "{\"x.ssl.key.password\":\"%s\","
		      "\"y.sasl.jaas.config\":\"plain\","
		      "\"retention.ms\":\"1\"}}\n",
		SAMPLE_ENCRYPTED);
	model_text(&t, &m, "/", text);
	free(text);
	opts_sample(&o);
	build_plan(&p, &m, &o);
	cr_assert_str_eq(config_rec(&p, 2, "t", "x.ssl.key.password")->value,
	    "ext-keystore-pass");
	cr_assert_eq(p.tr.decrypted, 1);
	f = the_finding(&p, "password-not-encrypted", "/config/topics/t");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert_null(config_rec(&p, 2, "t", "y.sasl.jaas.config"));
	cr_assert_not_null(config_rec(&p, 2, "t", "retention.ms"));

	/* Without the secret: the encrypted one blocks, the plain one is
	 * copied. */
	o.secret = NULL;
	o.secretlen = 0;
	build_plan(&p2, &m, &o);
	cr_assert_eq(the_finding(&p2, "encrypted-password", "/config/topics/t")
			 ->severity,
	    FINDING_BLOCKER);
	cr_assert_str_eq(
	    config_rec(&p2, 2, "t", "y.sasl.jaas.config")->value, "plain");
	cr_assert_eq(
	    the_finding(&p2, "password-not-encrypted", "/config/topics/t")
		->severity,
	    FINDING_WARNING);
}

/* ---- metadata.version gates ---------------------------------------------- */

Test(translate, mv_3_4_cannot_hold_scram_or_tokens)
{
	const char *const allow[] = {
	    "cluster-running", "mv-too-low-scram", "mv-too-low-tokens"};
	const struct finding *f;
	struct plan_opts o;
	size_t i;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.mv = mv_parse("3.4-IV0");
	cr_assert_eq(o.mv, 8);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "mv-too-low-scram", NULL);
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	f = the_finding(&p, "mv-too-low-tokens", NULL);
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(p.blocked);
	cr_assert_eq(plan_count(&p, RECORD_USER_SCRAM_CREDENTIAL), 0);
	cr_assert_eq(plan_count(&p, RECORD_DELEGATION_TOKEN), 0);
	cr_assert_eq(((const struct feature_level_record *)p.tr.records[0].body)
			 ->feature_level,
	    8);
	/* Below 3.7-IV2: PartitionRecord version 0, no directories. */
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 8);
	for (i = 0; i < p.tr.nrecords; i++)
		if (p.tr.records[i].key == RECORD_PARTITION) {
			cr_assert_eq(p.tr.records[i].version, 0);
			cr_assert_eq(
			    ((const struct partition_record *)p.tr.records[i]
				    .body)
				->directories.n,
			    0);
		}
	/* The rest is still there. */
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 3);
	cr_assert_eq(plan_count(&p, RECORD_ACCESS_CONTROL_ENTRY), 5);

	/* Both can be allowed: the records stay out. */
	o.allow = allow;
	o.nallow = 3;
	build_plan(&p2, &m, &o);
	cr_assert(!p2.blocked);
	cr_assert(the_finding(&p2, "mv-too-low-scram", NULL)->allowed);
	cr_assert(the_finding(&p2, "mv-too-low-tokens", NULL)->allowed);
	cr_assert_eq(plan_count(&p2, RECORD_USER_SCRAM_CREDENTIAL), 0);
}

Test(translate, mv_3_5_iv2_holds_scram_not_tokens)
{
	struct plan_opts o;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.mv = mv_parse("3.5-IV2");
	cr_assert_eq(o.mv, 11);
	build_plan(&p, &m, &o);
	cr_assert_eq(ncode(&p, "mv-too-low-scram"), 0);
	cr_assert_eq(plan_count(&p, RECORD_USER_SCRAM_CREDENTIAL), 2);
	the_finding(&p, "mv-too-low-tokens", NULL);
	cr_assert_eq(plan_count(&p, RECORD_DELEGATION_TOKEN), 0);
	cr_assert(p.blocked);

	/* One level below: SCRAM too. */
	o.mv = 10;
	build_plan(&p2, &m, &o);
	the_finding(&p2, "mv-too-low-scram", NULL);
}

Test(translate, mv_3_6_iv2_holds_tokens)
{
	struct plan_opts o;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.mv = mv_parse("3.6-IV2");
	cr_assert_eq(o.mv, 14);
	build_plan(&p, &m, &o);
	cr_assert_eq(ncode(&p, "mv-too-low-tokens"), 0);
	cr_assert_eq(ncode(&p, "mv-too-low-scram"), 0);
	cr_assert_eq(plan_count(&p, RECORD_DELEGATION_TOKEN), 1);
	cr_assert(!p.blocked);
	cr_assert_eq(p.tr.nrecords, 37);

	o.mv = 13; /* 3.6-IV1 */
	build_plan(&p2, &m, &o);
	the_finding(&p2, "mv-too-low-tokens", NULL);
}

Test(translate, mv_partition_record_versions)
{
	struct plan_opts o;
	const struct partition_record *pr;

	load_fixture(&t, &m, "sample-stopped");
	opts_sample(&o);
	o.mv = mv_parse("4.0-IV1");
	cr_assert_eq(o.mv, 23);
	build_plan(&p, &m, &o);
	cr_assert(!p.blocked);
	pr = partition_rec(&p, ID_ORDERS, 1);
	cr_assert_eq(pr->directories.n, 3);
	cr_assert_eq(pr->partition_epoch, 1);
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 8);
	for (size_t i = 0; i < p.tr.nrecords; i++)
		if (p.tr.records[i].key == RECORD_PARTITION)
			cr_assert_eq(p.tr.records[i].version, 2);

	/* 3.7-IV1 (16) is the last level of version 0, 3.7-IV2 (17) the
	 * first of version 1 (3.1). */
	o.mv = 16;
	build_plan(&p2, &m, &o);
	cr_assert_eq(((struct record *)p2.tr.records)[1].key, RECORD_TOPIC);
	for (size_t i = 0; i < p2.tr.nrecords; i++)
		if (p2.tr.records[i].key == RECORD_PARTITION)
			cr_assert_eq(p2.tr.records[i].version, 0);
	plan_free(&p2);
	o.mv = 17;
	build_plan(&p2, &m, &o);
	for (size_t i = 0; i < p2.tr.nrecords; i++)
		if (p2.tr.records[i].key == RECORD_PARTITION)
			cr_assert_eq(p2.tr.records[i].version, 1);
}

Test(translate, snapshot_adds_migration_state_from_3_4)
{
	const struct zk_migration_state_record *z;
	struct plan_opts o;

	load_fixture(&t, &m, "sample-stopped");
	opts_sample(&o);
	o.snapshot = true;
	build_plan(&p, &m, &o);
	cr_assert(p.snapshot);
	cr_assert_eq(p.tr.records[0].key, RECORD_FEATURE_LEVEL);
	cr_assert_eq(p.tr.records[1].key, RECORD_ZK_MIGRATION_STATE);
	z = p.tr.records[1].body;
	cr_assert_eq(z->zk_migration_state, 0);
	cr_assert_eq(plan_count(&p, RECORD_ZK_MIGRATION_STATE), 1);
	cr_assert_eq(p.tr.records[2].key, RECORD_TOPIC);
	cr_assert_eq(p.tr.nrecords, 38);

	/* 3.4-IV0 is the first level with the record. */
	plan_free(&p);
	o.mv = 8;
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	cr_assert_eq(p.tr.records[1].key, RECORD_ZK_MIGRATION_STATE);
	o.mv = 7;
	build_plan(&p2, &m, &o);
	cr_assert_eq(plan_count(&p2, RECORD_ZK_MIGRATION_STATE), 0);
	cr_assert_eq(p2.tr.records[1].key, RECORD_TOPIC);
}

/* ---- ACL ids ------------------------------------------------------------- */

static int
uuid_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* Collect the ACE ids of pp into a fresh array (caller frees). */
static struct kuuid *
ace_ids(const struct plan *pp, size_t *n)
{
	struct kuuid *v = calloc(pp->tr.nrecords + 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < pp->tr.nrecords; i++)
		if (pp->tr.records[i].key == RECORD_ACCESS_CONTROL_ENTRY)
			v[(*n)++] =
			    ((const struct access_control_entry_record *)pp->tr
				    .records[i]
				    .body)
				->id;
	return v;
}

Test(translate, acl_ids_stable_distinct_and_valid)
{
	struct buf json = {0};
	struct plan_opts o;
	struct kuuid *a, *b;
	size_t na, nb, i;
	char *text;
	int k;

	/* 512 distinct ACEs on one topic and a duplicate of the first: with
	 * 512 ids, some first hash would almost surely start with '-' (one in
	 * 64), so the redraw is exercised. */
	put_str(&json, "{\"acls\":[");
	for (k = 0; k <= 512; k++) {
		char s[160];
		int n = snprintf(s, sizeof s,
		    "%s{\"principal\":\"User:u%d\",\"permissionType\":"
		    "\"Allow\","
		    "\"host\":\"*\",\"operation\":\"Read\"}",
		    k > 0 ? "," : "", k == 512 ? 0 : k);

		buf_put(&json, s, (size_t)n);
	}
	put_str(&json, "],\"version\":1}");
	buf_put_u8(&json, '\0');
	text = NULL;
	cr_assert_neq(
	    asprintf(&text,
		"/cluster/id P 0 "
		"{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
		"/kafka-acl/Topic/t P 0 %s\n",
		(const char *)json.data),
	    -1);
	buf_free(&json);
	model_text(&t, &m, "/", text);
	model_text(&t2, &m2, "/", text);
	free(text);
	opts_sample(&o);
	build_plan(&p, &m, &o);
	build_plan(&p2, &m2, &o);

	/* Kafka keeps ACEs as a set: the duplicate is one record. */
	cr_assert_eq(plan_count(&p, RECORD_ACCESS_CONTROL_ENTRY), 512);
	a = ace_ids(&p, &na);
	b = ace_ids(&p2, &nb);
	cr_assert_eq(na, 512);
	cr_assert_eq(nb, 512);
	for (i = 0; i < na; i++) {
		assert_good_uuid(&a[i]);
		cr_assert_eq(memcmp(a[i].b, b[i].b, 16), 0,
		    "ACE %zu: id differs between runs", i);
	}
	qsort(a, na, sizeof *a, uuid_cmp);
	for (i = 1; i < na; i++)
		cr_assert_neq(
		    memcmp(a[i - 1].b, a[i].b, 16), 0, "two ACEs with one id");
	free(a);
	free(b);
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);
}

Test(translate, sample_acl_ids_stable_across_loads)
{
	struct plan_opts o;
	struct kuuid *a, *b;
	size_t na, nb, i;

	sample_plan("sample");
	load_fixture(&t2, &m2, "sample-stopped");
	opts_sample(&o);
	build_plan(&p2, &m2, &o);
	a = ace_ids(&p, &na);
	b = ace_ids(&p2, &nb);
	cr_assert_eq(na, 5);
	cr_assert_eq(nb, 5);
	for (i = 0; i < na; i++)
		cr_assert_eq(memcmp(a[i].b, b[i].b, 16), 0);
	qsort(a, na, sizeof *a, uuid_cmp);
	for (i = 1; i < na; i++)
		cr_assert_neq(memcmp(a[i - 1].b, a[i].b, 16), 0);
	free(a);
	free(b);
}

/* ---- Topics without an id (4.2) ------------------------------------------ */

#define NOID_TREE(cluster)                                                     \
	"/cluster/id P 0 {\"version\":\"1\",\"id\":\"" cluster "\"}\n"         \
	"/brokers/topics/t P 0 {\"version\":1,"                                \
	"\"partitions\":{\"0\":[1,2],\"1\":[2,3]}}\n"                          \
	"/brokers/topics/u P 0 {\"version\":1,\"partitions\":{\"0\":[3]}}\n"   \
	"/brokers/topics/withid P 0 {\"version\":3,"                           \
	"\"partitions\":{\"0\":[1]},\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\","  \
	"\"adding_replicas\":{},\"removing_replicas\":{}}\n"

Test(translate, topic_without_id_blocks)
{
	const char *const allow[] = {"cluster-running", "topic-without-id"};
	const struct finding *f;
	struct plan_opts o;

	model_text(&t, &m, "/", NOID_TREE("VEfH8kRPR3mJF3fDqRH5sA"));
	opts_sample(&o);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "topic-without-id", "/brokers/topics/t");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	the_finding(&p, "topic-without-id", "/brokers/topics/u");
	cr_assert(p.blocked);
	cr_assert_eq(topic_of(&p, "t")->status, TRANSLATE_TOPIC_BLOCKED);
	cr_assert_eq(topic_of(&p, "u")->status, TRANSLATE_TOPIC_BLOCKED);
	cr_assert(!topic_of(&p, "t")->id_assigned);
	/* Only the topic with an id is translated. */
	cr_assert_null(topic_rec(&p, "t"));
	cr_assert_null(topic_rec(&p, "u"));
	cr_assert_not_null(topic_rec(&p, "withid"));
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 1);
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 1);

	/* Not an --allow code: --assign-topic-ids is the fix. */
	cr_assert(!policy_allowable("topic-without-id"));
	o.allow = allow;
	o.nallow = 2;
	build_plan(&p2, &m, &o);
	cr_assert(p2.blocked);
}

Test(translate, assign_topic_ids)
{
	const struct translate_topic *pt, *pu;
	const struct topic_record *tr;
	const struct finding *f;
	struct plan_opts o;
	char id[B64_UUID_LEN + 1];
	size_t i;

	model_text(&t, &m, "/", NOID_TREE("VEfH8kRPR3mJF3fDqRH5sA"));
	opts_sample(&o);
	o.assign_topic_ids = true;
	build_plan(&p, &m, &o);
	if (p.blocked)
		dump_findings(&p);
	cr_assert(!p.blocked);
	cr_assert_eq(ncode(&p, "topic-without-id"), 0);
	pt = topic_of(&p, "t");
	pu = topic_of(&p, "u");
	cr_assert(pt->id_assigned);
	cr_assert(pu->id_assigned);
	cr_assert(!topic_of(&p, "withid")->id_assigned);
	cr_assert_eq(pt->status, TRANSLATE_TOPIC_MIGRATED);
	assert_good_uuid(&pt->id);
	assert_good_uuid(&pu->id);
	cr_assert_neq(
	    memcmp(pt->id.b, pu->id.b, 16), 0, "two topics got one id");

	/* The records carry the id. */
	tr = topic_rec(&p, "t");
	cr_assert_not_null(tr);
	cr_assert_eq(memcmp(tr->topic_id.b, pt->id.b, 16), 0);
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 3);
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 4);
	for (i = 0; i < p.tr.nrecords; i++)
		if (p.tr.records[i].key == RECORD_PARTITION) {
			const struct partition_record *pr =
			    p.tr.records[i].body;

			cr_assert(memcmp(pr->topic_id.b, pt->id.b, 16) == 0 ||
			    memcmp(pr->topic_id.b, pu->id.b, 16) == 0 ||
			    uuid_is(&pr->topic_id, ID_ORDERS));
		}

	/* The info finding names the id and every replica directory. */
	f = the_finding(&p, "topic-id-assigned", "/brokers/topics/t");
	cr_assert_eq(f->severity, FINDING_INFO);
	cr_assert_not_null(strstr(f->msg, b64_uuid_str(&pt->id, id)));
	cr_assert_not_null(strstr(f->msg,
			       "broker 1: t-0/partition.metadata; "
			       "broker 2: t-0/partition.metadata; "
			       "broker 2: t-1/partition.metadata; "
			       "broker 3: t-1/partition.metadata"),
	    "%s", f->msg);
	f = the_finding(&p, "topic-id-assigned", "/brokers/topics/u");
	cr_assert_not_null(strstr(f->msg, "broker 3: u-0/partition.metadata"));
	cr_assert_null(strstr(f->msg, "t-0"));
	cr_assert_eq(ncode(&p, "topic-id-assigned"), 2);
}

Test(translate, assigned_ids_stable_and_per_cluster)
{
	struct plan_opts o;
	struct kuuid first;
	struct tree t3 = {0};
	struct model m3 = {0};
	struct plan p3 = {0};

	model_text(&t, &m, "/", NOID_TREE("VEfH8kRPR3mJF3fDqRH5sA"));
	model_text(&t2, &m2, "/", NOID_TREE("VEfH8kRPR3mJF3fDqRH5sA"));
	opts_sample(&o);
	o.assign_topic_ids = true;
	build_plan(&p, &m, &o);
	build_plan(&p2, &m2, &o);
	first = topic_of(&p, "t")->id;
	cr_assert_eq(memcmp(first.b, topic_of(&p2, "t")->id.b, 16), 0,
	    "the derived id changes between runs");
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);

	/* Another cluster id: another id for the same name. */
	model_text(&t3, &m3, "/", NOID_TREE("hEtpxNVMwmS8La22u3D1Ow"));
	build_plan(&p3, &m3, &o);
	cr_assert_neq(memcmp(first.b, topic_of(&p3, "t")->id.b, 16), 0,
	    "the derived id does not depend on the cluster id");
	assert_good_uuid(&topic_of(&p3, "t")->id);
	plan_free(&p3);
	model_free(&m3);
	tree_free(&t3);
}

Test(translate, duplicate_topic_ids_block)
{
	struct plan_opts o;
	const struct finding *f;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/brokers/topics/a P 0 {\"version\":3,\"partitions\":{\"0\":[1]},"
	    "\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\",\"adding_replicas\":{},"
	    "\"removing_replicas\":{}}\n"
	    "/brokers/topics/b P 0 {\"version\":3,\"partitions\":{\"0\":[1]},"
	    "\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\",\"adding_replicas\":{},"
	    "\"removing_replicas\":{}}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "duplicate-topic-id", "/brokers/topics/b");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(p.blocked);
	/* One TopicRecord per id: the file stays readable. */
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 1);
	cr_assert_not_null(topic_rec(&p, "a"));
}

/* ---- Missing partition state (3.3), SCRAM of a default entity ------------ */

Test(translate, missing_state_defaults)
{
	static const struct {
		int32_t id;
		const char *replicas, *isr;
		int32_t leader, le, pe, lrs;
	} want[] = {
	    {0, "1,2,3", "1,2,3", 1, 0, 0, 0}, /* normal */
	    {1, "2,3,1", "2,3,1", 2, 0, 0, 0}, /* partitions/1, no state */
	    {2, "3,1,2", "3,1,2", 3, 0, 0, 0}, /* no partitions/2 */
	    {3, "1,3,2", "1,3,2", 1, 0, 0, 0}, /* state not JSON (v1) */
	    {4, "2,1,3", "2", 2, 5, 5, 1},     /* RECOVERING */
	};
	const char *metrics = "2d35b81228213a45bca8af6eab64515b";
	const char *fresh = "ec31682fde561917952ff78a7a8adeff";
	const struct partition_record *pr;
	struct plan_opts o;
	size_t i;
	uint8_t raw[32];

	/* The ids as bytes from their base64url text (missing-state). */
	cr_assert_eq(b64_decode("LTW4EighOkW8qK9uq2RRWw", raw), 16);
	cr_assert(hex_parse(metrics, raw + 16, 16) == 16 &&
	    memcmp(raw, raw + 16, 16) == 0);
	cr_assert_eq(b64_decode("7DFoL95WGReVL_eKeore_w", raw), 16);
	cr_assert(hex_parse(fresh, raw + 16, 16) == 16 &&
	    memcmp(raw, raw + 16, 16) == 0);

	load_fixture(&t, &m, "missing-state");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		pr = partition_rec(&p, metrics, want[i].id);
		assert_i32s(&pr->replicas, want[i].replicas);
		assert_i32s(&pr->isr, want[i].isr);
		cr_assert_eq(pr->leader, want[i].leader, "p%d", want[i].id);
		cr_assert_eq(pr->leader_epoch, want[i].le, "p%d", want[i].id);
		cr_assert_eq(
		    pr->partition_epoch, want[i].pe, "p%d", want[i].id);
		cr_assert_eq(pr->leader_recovery_state, want[i].lrs);
	}
	/* A topic with no partitions/ child at all. */
	pr = partition_rec(&p, fresh, 0);
	assert_i32s(&pr->isr, "1,2");
	cr_assert_eq(pr->leader, 1);
	cr_assert_eq(pr->partition_epoch, 0);
	pr = partition_rec(&p, fresh, 1);
	assert_i32s(&pr->isr, "2,3");
	cr_assert_eq(pr->leader, 2);
	/* partitions/7 is not in the assignment: no record. */
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 7);
	/* Missing state is not a reason to refuse. */
	cr_assert(!p.blocked);
	cr_assert_eq(ncode(&p, "missing-state"), 4);
	cr_assert_eq(the_finding(&p, "missing-state",
			 "/brokers/topics/metrics/partitions/1/state")
			 ->severity,
	    FINDING_WARNING);
}

/*
 * SCRAM keys on a <default> user, client-id or ip entity: Kafka migrates
 * a SCRAM user named "<default>" (a warning), and the quota entity keeps
 * its null name.
 */
Test(translate, scram_on_default_entity_is_migrated_as_kafka_does)
{
	const struct user_scram_credential_record *r;
	const struct client_quota_record *q;
	const struct finding *f;
	struct plan_opts o;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/users/<default> P 0 {\"version\":1,\"config\":{"
	    "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	    "server_key=AQ==,iterations=4096\",\"producer_byte_rate\":"
	    "\"1024\"}}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	cr_assert(!p.blocked);
	f = the_finding(&p, "scram-default-entity", "/config/users/<default>");
	cr_assert_eq(f->severity, FINDING_WARNING);
	cr_assert(!policy_allowable("scram-default-entity"));
	cr_assert_eq(plan_count(&p, RECORD_USER_SCRAM_CREDENTIAL), 1);
	r = nth(&p, RECORD_USER_SCRAM_CREDENTIAL, 0);
	cr_assert_str_eq(r->name, "<default>");
	cr_assert_eq(r->iterations, 4096);
	q = nth(&p, RECORD_CLIENT_QUOTA, 0);
	cr_assert_null(
	    KARRAY_AT(q->entity, struct client_quota_record_entity_data, 0)
		.entity_name);
}

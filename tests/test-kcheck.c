/*
 * The checkpoint checker: Kafka's own files pass, and each rule of
 * kcheck.h fails a file built with kwrite_checkpoint that breaks it (and
 * only it), naming the file offset and the record.  Then the comparison
 * with expected records, field by field through the schema descriptors.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "helpers.h"
#include "kcheck.h"
#include "kwrite.h"

#define BOOT "bootstrap.checkpoint"
#define SNAP "00000000000000000100-0000000001.checkpoint"
#define NRECS 512

static struct arena a;
static char dir[64];
static char path[256];
static struct record recs[NRECS];
static size_t n;
static struct kwrite_opts opts;
static struct kcheck_result res;
static struct error e;
static uint8_t *in;

static void
setup(void)
{
	a = (struct arena){0};
	n = 0;
	opts = (struct kwrite_opts){.timestamp = 1700000000000};
	res = (struct kcheck_result){0};
	e = (struct error){0};
	in = NULL;
	strcpy(dir, "/tmp/zk2kraft-kcheck-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	arena_free(&a);
	free(in);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	leak_check();
}

TestSuite(kcheck, .init = setup, .fini = teardown);

static char *
str(const char *s)
{
	return arena_strndup(&a, s, strlen(s));
}

static struct kuuid
uuid(int x)
{
	struct kuuid u = {{0}};

	u.b[0] = 0x42;
	u.b[15] = (uint8_t)x;
	return u;
}

static int32_t *
ints(size_t count)
{
	int32_t *v = arena_alloc(&a, count * sizeof *v);
	size_t i;

	for (i = 0; i < count; i++)
		v[i] = (int32_t)i + 1;
	return v;
}

/* Append a record of type key at version, body at its defaults. */
static void *
add(int key, int version)
{
	cr_assert_lt(n, NRECS);
	return record_init(&recs[n++], false, key, version, &a);
}

static void
add_mv(int level)
{
	struct feature_level_record *fl = add(RECORD_FEATURE_LEVEL, 0);

	fl->name = str("metadata.version");
	fl->feature_level = (int16_t)level;
}

static void
add_topic(const char *name, int id)
{
	struct topic_record *t = add(RECORD_TOPIC, 0);

	t->name = str(name);
	t->topic_id = uuid(id);
}

static struct partition_record *
add_partition(int topic, int pid)
{
	struct partition_record *p = add(RECORD_PARTITION, 1);

	p->partition_id = pid;
	p->topic_id = uuid(topic);
	p->replicas = (struct karray){ints(3), 3, false};
	p->isr = (struct karray){ints(2), 2, false};
	p->directories = (struct karray){
	    arena_alloc(&a, 3 * sizeof(struct kuuid)), 3, false};
	p->leader = 1;
	return p;
}

static void
add_config(const char *topic, const char *name, const char *value)
{
	struct config_record *c = add(RECORD_CONFIG, 0);

	c->resource_type = 2;
	c->resource_name = str(topic);
	c->name = str(name);
	c->value = str(value);
}

static void
add_producer_ids(int64_t next)
{
	struct producer_ids_record *p = add(RECORD_PRODUCER_IDS, 0);

	p->broker_id = -1;
	p->broker_epoch = -1;
	p->next_producer_id = next;
}

static struct register_broker_record *
add_broker(int id)
{
	struct register_broker_record *b = add(RECORD_REGISTER_BROKER, 3);
	struct register_broker_record_broker_endpoint *ep;

	b->broker_id = id;
	b->incarnation_id = uuid(100 + id);
	b->broker_epoch = 5;
	ep = arena_alloc(&a, sizeof *ep);
	ep->name = str("PLAINTEXT");
	ep->host = str("b1.example");
	ep->port = 9092;
	b->end_points = (struct karray){ep, 1, false};
	b->rack = NULL;
	return b;
}

/* A small valid cluster: metadata.version first, two topics. */
static void
base_records(void)
{
	add_mv(21);
	add_topic("orders", 1);
	add_partition(1, 0);
	add_partition(1, 1);
	add_partition(1, 2);
	add_config("orders", "retention.ms", "86400000");
	add_topic("payments", 2);
	add_partition(2, 0);
	add_producer_ids(1000);
}

/* Write recs with opts to dir/name; returns the path. */
static const char *
write_file(const char *name)
{
	struct buf out = {0};
	FILE *fp;

	cr_assert_eq(
	    kwrite_checkpoint(&out, recs, n, &opts, NULL, &e), 0, "%s", e.msg);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_not_null(fp = fopen(path, "wb"));
	cr_assert_eq(fwrite(out.data, 1, out.len, fp), out.len);
	cr_assert_eq(fclose(fp), 0);
	buf_free(&out);
	return path;
}

static void
bootstrap_opts(void)
{
	opts.epoch = 0;
	opts.last_contained_timestamp = 0;
}

static void
snapshot_opts(void)
{
	opts.epoch = 1;
	opts.last_contained_timestamp = 1700000000000;
}

static void
pass(const char *name, enum kcheck_kind kind)
{
	write_file(name);
	cr_assert_eq(kcheck_file(path, kind, NULL, 0, &res, &e), 0, "%s: %s",
	    name, e.msg);
}

/* The file fails with EXIT_INVALID and "PATH: offset N: ...want...". */
static void
fail_at(const char *name, enum kcheck_kind kind, long offset, const char *want)
{
	char prefix[400];

	write_file(name);
	cr_assert_eq(kcheck_file(path, kind, NULL, 0, &res, &e), -1,
	    "%s passed, expected \"%s\"", name, want);
	cr_assert_eq(e.status, EXIT_INVALID, "status %d: %s", e.status, e.msg);
	cr_assert(strstr(e.msg, want) != NULL, "got \"%s\", want \"%s\"", e.msg,
	    want);
	if (offset >= 0) {
		snprintf(
		    prefix, sizeof prefix, "%s: offset %ld: ", path, offset);
		cr_assert(strncmp(e.msg, prefix, strlen(prefix)) == 0,
		    "got \"%s\", want prefix \"%s\"", e.msg, prefix);
	}
}

/* File offset of data record i when every record is in one batch after
 * a header batch of 83 bytes (no header_extra). */
static long
data_offset(size_t i)
{
	struct buf v = {0};
	size_t k;
	long pos = 83 + BATCH_HEADER_SIZE;

	for (k = 0; k < i; k++) {
		v.len = 0;
		record_encode_value(&v, &recs[k]);
		pos += (long)kwrite_record_size(v.len, (int32_t)k);
	}
	buf_free(&v);
	return pos;
}

/* Kafka's own files. */

Test(kcheck, kafka_39_bootstrap_passes)
{
	cr_assert_eq(kcheck_file(FIXTURE_DIR
			 "/kraft/kafka-3.9/bootstrap/bootstrap.checkpoint",
			 KCHECK_AUTO, NULL, 0, &res, &e),
	    0, "%s", e.msg);
	cr_assert_eq(res.kind, KCHECK_BOOTSTRAP);
	cr_assert_eq(res.size, 249);
	cr_assert_eq(res.batches, 3);
	cr_assert_eq(res.largest_batch, 91);
	cr_assert_eq(res.records, 1);
	cr_assert_eq(res.count[RECORD_FEATURE_LEVEL], 1);
	cr_assert_eq(res.metadata_version, 21);
	cr_assert_not(res.compared);
}

/* It holds RegisterBrokerRecords, as every Kafka snapshot does. */
Test(kcheck, kafka_39_snapshot_passes)
{
	cr_assert_eq(kcheck_file(FIXTURE_DIR "/kraft/kafka-3.9/snapshot/"
					     "00000000000000000042-0000000001."
					     "checkpoint",
			 KCHECK_AUTO, NULL, 0, &res, &e),
	    0, "%s", e.msg);
	cr_assert_eq(res.kind, KCHECK_SNAPSHOT);
	cr_assert_eq(res.size, 1571);
	cr_assert_eq(res.batches, 3);
	cr_assert_eq(res.largest_batch, 1413);
	cr_assert_eq(res.records, 19);
	cr_assert_eq(res.count[RECORD_REGISTER_BROKER], 2);
	cr_assert_eq(res.count[RECORD_TOPIC], 2);
	cr_assert_eq(res.count[RECORD_PARTITION], 6);
	cr_assert_eq(res.count[RECORD_ZK_MIGRATION_STATE], 1);
	cr_assert_eq(res.metadata_version, 21);
}

/* The KIP-853 bootstrap.checkpoint: metadata.version and a SCRAM user. */
Test(kcheck, kafka_39_kip853_bootstrap_passes)
{
	cr_assert_eq(kcheck_file(FIXTURE_DIR
			 "/kraft/kafka-3.9/kip853/bootstrap.checkpoint",
			 KCHECK_AUTO, NULL, 0, &res, &e),
	    0, "%s", e.msg);
	cr_assert_eq(res.records, 2);
	cr_assert_eq(res.count[RECORD_USER_SCRAM_CREDENTIAL], 1);
}

/*
 * The KIP-853 zero checkpoint is Kafka's, but not a snapshot a controller
 * would load data from: id (0, 0) and no metadata records.
 */
Test(kcheck, kafka_39_zero_checkpoint_fails)
{
	cr_assert_eq(kcheck_file(FIXTURE_DIR
			 "/kraft/kafka-3.9/kip853/__cluster_metadata-0/"
			 "00000000000000000000-0000000000.checkpoint",
			 KCHECK_AUTO, NULL, 0, &res, &e),
	    -1);
	cr_assert_eq(e.status, EXIT_INVALID);
	cr_assert(strstr(e.msg, "snapshot id (0, 0)") != NULL, "%s", e.msg);
}

Test(kcheck, rich_vector_fails_as_snapshot)
{
	const char *rich = FIXTURE_DIR "/kraft/rich-snapshot-epoch3.bin";

	cr_assert_eq(kcheck_file(rich, KCHECK_AUTO, NULL, 0, &res, &e), -1);
	cr_assert(strstr(e.msg, "kind is unknown") != NULL, "%s", e.msg);
	cr_assert_eq(kcheck_file(rich, KCHECK_SNAPSHOT, NULL, 0, &res, &e), -1);
	cr_assert_eq(e.status, EXIT_INVALID);
	cr_assert(strstr(e.msg,
		      "offset 1025: BrokerRegistrationChangeRecord "
		      "in a snapshot") != NULL,
	    "%s", e.msg);
}

/* Files built here. */

Test(kcheck, valid_bootstrap_passes)
{
	base_records();
	bootstrap_opts();
	pass(BOOT, KCHECK_AUTO);
	cr_assert_eq(res.kind, KCHECK_BOOTSTRAP);
	cr_assert_eq(res.batches, 3);
	cr_assert_eq(res.records, 9);
	cr_assert_eq(res.count[RECORD_PARTITION], 4);
	cr_assert_eq(res.metadata_version, 21);
	/* any name, given the kind */
	pass("other.bin", KCHECK_BOOTSTRAP);
}

Test(kcheck, valid_snapshot_with_registrations_passes)
{
	struct zk_migration_state_record *zk;

	add_mv(21);
	zk = add(RECORD_ZK_MIGRATION_STATE, 0);
	zk->zk_migration_state = 3;
	add_broker(1);
	add_topic("orders", 1);
	add_partition(1, 0);
	snapshot_opts();
	opts.max_batch_records = 2;
	pass(SNAP, KCHECK_AUTO);
	cr_assert_eq(res.kind, KCHECK_SNAPSHOT);
	cr_assert_eq(res.batches, 5);
	cr_assert_eq(res.count[RECORD_REGISTER_BROKER], 1);
}

Test(kcheck, auto_kind_needs_a_known_name)
{
	base_records();
	bootstrap_opts();
	write_file("bootstrap.bin");
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, NULL, 0, &res, &e), -1);
	cr_assert_eq(e.status, EXIT_INVALID);
	cr_assert(strstr(e.msg, "kind is unknown") != NULL, "%s", e.msg);
}

Test(kcheck, partition_before_its_topic)
{
	add_mv(21);
	add_partition(1, 0);
	add_topic("orders", 1);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(1),
	    "PartitionRecord for an unknown topic id QgAAAAAAAAAAAAAAAAAAAQ "
	    "(no TopicRecord before it)");
}

Test(kcheck, duplicate_topic_name)
{
	base_records();
	add_topic("orders", 9);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "TopicRecord orders: a topic of that name is already at offset");
}

Test(kcheck, duplicate_topic_id)
{
	base_records();
	add_topic("refunds", 2);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "is already topic payments at offset");
}

Test(kcheck, duplicate_partition_id)
{
	base_records();
	add_partition(1, 2);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "PartitionRecord orders-2: a second record for the partition");
}

Test(kcheck, metadata_version_not_first)
{
	add_topic("orders", 1);
	add_mv(21);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(0),
	    "the first data record is TopicRecord, not the FeatureLevelRecord "
	    "of metadata.version");
}

Test(kcheck, other_feature_first)
{
	struct feature_level_record *fl = add(RECORD_FEATURE_LEVEL, 0);

	fl->name = str("group.version");
	fl->feature_level = 1;
	add_mv(21);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(0),
	    "the first data record is FeatureLevelRecord, not");
}

Test(kcheck, metadata_version_too_low)
{
	add_mv(3);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(0),
	    "metadata.version 3.2-IV0 (3) is below 3.3-IV0 (4)");
}

Test(kcheck, metadata_version_4_is_enough)
{
	add_mv(4);
	bootstrap_opts();
	pass(BOOT, KCHECK_AUTO);
}

Test(kcheck, second_metadata_version)
{
	base_records();
	add_mv(20);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "a second FeatureLevelRecord for metadata.version (the first is "
	    "at offset 144)");
}

Test(kcheck, no_data_records)
{
	bootstrap_opts();
	write_file(BOOT);
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, NULL, 0, &res, &e), -1);
	cr_assert_eq(e.status, EXIT_INVALID);
	cr_assert(strstr(e.msg, "no data records") != NULL, "%s", e.msg);
}

Test(kcheck, transaction_record_in_snapshot)
{
	struct begin_transaction_record *bt;

	base_records();
	bt = add(RECORD_BEGIN_TRANSACTION, 0);
	bt->name = str("Bootstrap records");
	snapshot_opts();
	fail_at(SNAP, KCHECK_AUTO, data_offset(9),
	    "BeginTransactionRecord in a snapshot: transaction records never "
	    "appear in a checkpoint");
}

Test(kcheck, transaction_record_in_bootstrap)
{
	base_records();
	add(RECORD_END_TRANSACTION, 0);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "EndTransactionRecord in a bootstrap file");
}

Test(kcheck, registration_in_bootstrap)
{
	base_records();
	add_broker(1);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "RegisterBrokerRecord in a bootstrap file: nodes register "
	    "themselves at startup");
}

Test(kcheck, controller_registration_in_bootstrap)
{
	base_records();
	add(RECORD_REGISTER_CONTROLLER, 0);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "RegisterControllerRecord in a bootstrap file");
	n--;
	snapshot_opts();
	add(RECORD_REGISTER_CONTROLLER, 0);
	pass(SNAP, KCHECK_AUTO);
}

Test(kcheck, registration_changes_in_snapshot)
{
	static const int keys[] = {RECORD_UNREGISTER_BROKER,
	    RECORD_BROKER_REGISTRATION_CHANGE, RECORD_FENCE_BROKER,
	    RECORD_UNFENCE_BROKER};
	size_t i;

	snapshot_opts();
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		n = 0;
		base_records();
		add(keys[i], 0);
		fail_at(SNAP, KCHECK_AUTO, data_offset(9),
		    "in a snapshot: a checkpoint holds registrations, never "
		    "changes to them");
	}
}

Test(kcheck, removals_changes_and_noop)
{
	static const int keys[] = {RECORD_REMOVE_TOPIC,
	    RECORD_REMOVE_ACCESS_CONTROL_ENTRY,
	    RECORD_REMOVE_USER_SCRAM_CREDENTIAL, RECORD_REMOVE_DELEGATION_TOKEN,
	    RECORD_PARTITION_CHANGE, RECORD_NO_OP, RECORD_ABORT_TRANSACTION};
	size_t i;

	snapshot_opts();
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		n = 0;
		base_records();
		add(keys[i], 0);
		fail_at(SNAP, KCHECK_AUTO, data_offset(9), "in a snapshot: ");
	}
}

Test(kcheck, unknown_api_key)
{
	static uint8_t raw[] = {0x01, 0x3c, 0x00, 0x00}; /* api key 60 */

	base_records();
	recs[n++] = (struct record){.key = 60, .raw = {raw, sizeof raw}};
	bootstrap_opts();
	fail_at(
	    BOOT, KCHECK_AUTO, data_offset(9), "record of unknown api key 60");
}

Test(kcheck, unknown_record_version)
{
	static uint8_t raw[] = {0x01, 0x03, 0x09, 0x00}; /* PartitionRecord 9 */

	base_records();
	recs[n++] =
	    (struct record){.key = 3, .version = 9, .raw = {raw, sizeof raw}};
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "PartitionRecord version 9, which is not known (versions 0 to 2)");
}

static void
header_extra(int type)
{
	struct record *extra = arena_alloc(&a, sizeof *extra);
	struct kraft_version_record *kv;

	if (type == CONTROL_KRAFT_VERSION) {
		kv = record_init(extra, true, CONTROL_KRAFT_VERSION, 0, &a);
		kv->kraft_version = 1;
	} else
		record_init(extra, true, CONTROL_KRAFT_VOTERS, 0, &a);
	opts.header_extra = extra;
	opts.nheader_extra = 1;
}

Test(kcheck, kraft_version_in_bootstrap)
{
	base_records();
	bootstrap_opts();
	header_extra(CONTROL_KRAFT_VERSION);
	/* after the batch header and the 22-byte SnapshotHeaderRecord */
	fail_at(BOOT, KCHECK_AUTO, 61 + 22,
	    "KRaftVersionRecord in a bootstrap file, which BatchFileReader "
	    "rejects");
	/* where a snapshot may hold it */
	snapshot_opts();
	pass(SNAP, KCHECK_AUTO);
}

Test(kcheck, voters_in_bootstrap)
{
	base_records();
	bootstrap_opts();
	header_extra(CONTROL_KRAFT_VOTERS);
	fail_at(BOOT, KCHECK_AUTO, 61 + 22, "VotersRecord in a bootstrap file");
}

Test(kcheck, last_contained_timestamp_in_bootstrap)
{
	base_records();
	bootstrap_opts();
	opts.last_contained_timestamp = 1;
	fail_at(BOOT, KCHECK_AUTO, 61,
	    "SnapshotHeaderRecord LastContainedLogTimestamp 1 in a bootstrap "
	    "file, where it is 0");
}

Test(kcheck, bootstrap_epoch_not_zero)
{
	base_records();
	bootstrap_opts();
	opts.epoch = 1;
	fail_at(BOOT, KCHECK_AUTO, 0, "batch epoch 1 in a bootstrap file");
}

Test(kcheck, snapshot_name_with_epoch_0)
{
	base_records();
	snapshot_opts();
	opts.epoch = 0;
	fail_at("00000000000000000100-0000000000.checkpoint", KCHECK_AUTO, -1,
	    "snapshot id (100, 0) from the name: the offset and the epoch "
	    "must both be at least 1");
}

Test(kcheck, snapshot_name_with_offset_0)
{
	base_records();
	snapshot_opts();
	fail_at("00000000000000000000-0000000001.checkpoint", KCHECK_AUTO, -1,
	    "snapshot id (0, 1)");
}

/* Name rules apply only to a name that parses; the epoch rule always. */
Test(kcheck, snapshot_kind_without_a_snapshot_name)
{
	base_records();
	snapshot_opts();
	pass("snap.bin", KCHECK_SNAPSHOT);
	opts.epoch = 0;
	fail_at("snap.bin", KCHECK_SNAPSHOT, 0,
	    "batch epoch 0: a snapshot's epoch is at least 1");
}

/* klog's framing rules keep klog's status: the file is malformed. */
Test(kcheck, snapshot_epoch_differs_from_name)
{
	base_records();
	snapshot_opts();
	opts.epoch = 2;
	write_file(SNAP);
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, NULL, 0, &res, &e), -1);
	cr_assert_eq(e.status, EXIT_FAIL);
	cr_assert(strstr(e.msg, "offset 0: batch epoch 2, the snapshot's is 1"),
	    "%s", e.msg);
}

Test(kcheck, zk_migration_state)
{
	struct zk_migration_state_record *zk;

	add_mv(21);
	zk = add(RECORD_ZK_MIGRATION_STATE, 0);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(1),
	    "ZkMigrationStateRecord in a bootstrap file: the controller "
	    "appends its own");
	snapshot_opts();
	pass(SNAP, KCHECK_AUTO);
	zk->zk_migration_state = 2;
	fail_at(SNAP, KCHECK_AUTO, data_offset(1),
	    "ZkMigrationStateRecord 2: a snapshot may only hold 0 (NONE) or 3 "
	    "(POST_MIGRATION)");
}

Test(kcheck, directories_length_mismatch)
{
	struct partition_record *p;

	add_mv(21);
	add_topic("orders", 1);
	p = add_partition(1, 0);
	p->directories.n = 2;
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(2),
	    "PartitionRecord orders-0: 2 Directories for 3 Replicas");
	p->directories.n = 0;
	pass(BOOT, KCHECK_AUTO);
}

Test(kcheck, leader_recovery_state_2)
{
	struct partition_record *p;

	add_mv(21);
	add_topic("orders", 1);
	p = add_partition(1, 0);
	p->leader_recovery_state = 1;
	bootstrap_opts();
	pass(BOOT, KCHECK_AUTO);
	p->leader_recovery_state = 2;
	fail_at(BOOT, KCHECK_AUTO, data_offset(2),
	    "PartitionRecord orders-0: LeaderRecoveryState 2, only 0 and 1 "
	    "exist");
}

Test(kcheck, two_producer_ids_records)
{
	base_records();
	add_producer_ids(2000);
	bootstrap_opts();
	fail_at(BOOT, KCHECK_AUTO, data_offset(9),
	    "a second ProducerIdsRecord (the first is at offset");
}

/* 290 ConfigRecords of 30000-byte values: one batch over 8 MiB. */
Test(kcheck, batch_over_8_mib)
{
	char *big = arena_alloc(&a, 30001);
	size_t i;

	memset(big, 'v', 30000);
	add_mv(21);
	add_topic("orders", 1);
	for (i = 0; i < 290; i++)
		add_config("orders", "big", big);
	bootstrap_opts();
	opts.max_batch_bytes = 16 * 1024 * 1024;
	fail_at(BOOT, KCHECK_AUTO, 83, "more than the 8388608 KRaft allows");
	/* the writer's default cuts them to fit */
	opts.max_batch_bytes = 0;
	pass(BOOT, KCHECK_AUTO);
	cr_assert_eq(res.batches, 4);
	cr_assert_leq(res.largest_batch, BATCH_MAX_SIZE);
}

Test(kcheck, flipped_byte_is_corruption)
{
	FILE *fp;

	base_records();
	bootstrap_opts();
	write_file(BOOT);
	cr_assert_not_null(fp = fopen(path, "r+b"));
	fseek(fp, 200, SEEK_SET);
	fputc(0x5a, fp);
	fclose(fp);
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, NULL, 0, &res, &e), -1);
	cr_assert_eq(e.status, EXIT_FAIL);
	cr_assert(
	    strstr(e.msg, "offset 83: CRC mismatch") != NULL, "%s", e.msg);
}

/* Comparison with the expected records. */

static struct record *
copy_recs(void)
{
	struct record *c = arena_alloc(&a, n * sizeof *c);

	memcpy(c, recs, n * sizeof *c);
	return c;
}

Test(kcheck, compare_equal)
{
	base_records();
	bootstrap_opts();
	write_file(BOOT);
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, recs, n, &res, &e), 0);
	cr_assert(res.compared);
	cr_assert_eq(res.mismatches, 0);
	cr_assert_str_eq(res.mismatch, "");
}

Test(kcheck, compare_names_the_changed_field)
{
	struct partition_record *p;
	struct record *want;

	base_records();
	bootstrap_opts();
	write_file(BOOT);
	want = copy_recs();
	p = arena_memdup(&a, want[3].body, sizeof *p);
	p->isr = (struct karray){ints(1), 1, false};
	want[3].body = p;
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, want, n, &res, &e), 0,
	    "a difference is not an error");
	cr_assert_eq(res.mismatches, 1);
	cr_assert(strstr(res.mismatch,
		      "record 3 (PartitionRecord) differs "
		      "from the expected one: Isr") != NULL,
	    "%s", res.mismatch);
	cr_assert(strncmp(res.mismatch, "offset ", 7) == 0, "%s", res.mismatch);
}

Test(kcheck, compare_count_differs)
{
	base_records();
	bootstrap_opts();
	write_file(BOOT);
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, recs, n - 2, &res, &e), 0);
	cr_assert_eq(res.mismatches, 2);
	cr_assert_str_eq(res.mismatch, "9 data records, expected 7");
	add_producer_ids(5); /* expected, not written */
	cr_assert_eq(kcheck_file(path, KCHECK_AUTO, recs, n, &res, &e), 0);
	cr_assert_eq(res.mismatches, 1);
}

/* kafka-3.9's snapshot against its own decoded records, one changed. */
Test(kcheck, compare_kafka_snapshot_with_its_records)
{
	const char *snap = FIXTURE_DIR "/kraft/kafka-3.9/snapshot/"
				       "00000000000000000042-0000000001."
				       "checkpoint";
	struct register_broker_record *rb;
	struct register_broker_record_broker_endpoint *ep;
	struct kbatch b;
	struct bufr r;
	size_t len, i;

	in = fixture_read(snap + strlen(FIXTURE_DIR "/"), &len);
	r = (struct bufr){in, len, 0, 0, NULL};
	while (bufr_left(&r) > 0) {
		cr_assert_eq(batch_decode(&r, &b, &a, &e), 0, "%s", e.msg);
		for (i = 0; i < b.nrecords && !batch_is_control(&b); i++)
			recs[n++] = b.records[i].rec;
	}
	cr_assert_eq(n, 19);
	cr_assert_eq(kcheck_file(snap, KCHECK_AUTO, recs, n, &res, &e), 0);
	cr_assert_eq(res.mismatches, 0, "%s", res.mismatch);

	cr_assert_eq(recs[2].key, RECORD_REGISTER_BROKER);
	rb = arena_memdup(&a, recs[2].body, sizeof *rb);
	ep = arena_memdup(&a, rb->end_points.v, sizeof *ep);
	ep->port = 9093;
	rb->end_points.v = ep;
	recs[2].body = rb;
	cr_assert_eq(kcheck_file(snap, KCHECK_AUTO, recs, n, &res, &e), 0);
	cr_assert_eq(res.mismatches, 1);
	cr_assert(strstr(res.mismatch, "offset ") == res.mismatch &&
		strstr(res.mismatch,
		    "(RegisterBrokerRecord) differs from the "
		    "expected one: EndPoints[0].Port") != NULL,
	    "%s", res.mismatch);
}

/* kcheck_record_equal field kinds. */

static void
differs(const struct record *x, const struct record *y, const char *want)
{
	char buf[256];

	cr_assert_not(kcheck_record_equal(x, y, buf, sizeof buf));
	cr_assert_str_eq(buf, want);
}

Test(kcheck, record_equal_field_kinds)
{
	struct user_scram_credential_record *s1, *s2;
	struct client_quota_record *q1, *q2;
	struct config_record *c;
	struct topic_record *t;
	struct ktag tag = {7, (const uint8_t *)"\x01", 1};
	struct record x, y;
	char buf[64];

	add_topic("orders", 1);
	add_topic("orders", 2);
	differs(&recs[0], &recs[1], "TopicId");
	t = recs[1].body;
	t->topic_id = uuid(1);
	cr_assert(kcheck_record_equal(&recs[0], &recs[1], buf, sizeof buf));
	cr_assert_str_eq(buf, "");
	t->unknown = (struct ktags){&tag, 1};
	differs(&recs[0], &recs[1], "unknown tagged field 7");

	add_config("orders", "a", "");
	add_config("orders", "a", "");
	c = recs[3].body;
	c->value = NULL;
	differs(&recs[2], &recs[3], "Value");
	differs(&recs[0], &recs[2], "TopicRecord, expected ConfigRecord");

	s1 = add(RECORD_USER_SCRAM_CREDENTIAL, 0);
	s2 = add(RECORD_USER_SCRAM_CREDENTIAL, 0);
	s1->salt = (struct kbytes){(uint8_t *)str("ab"), 2, false};
	s2->salt = (struct kbytes){(uint8_t *)str("ac"), 2, false};
	differs(&recs[4], &recs[5], "Salt");

	q1 = add(RECORD_CLIENT_QUOTA, 0);
	q2 = add(RECORD_CLIENT_QUOTA, 0);
	q2->value = -0.0;
	differs(&recs[6], &recs[7], "Value");
	q1->value = q2->value = 1048576.0;
	cr_assert(kcheck_record_equal(&recs[6], &recs[7], buf, sizeof buf));

	record_init(&x, false, RECORD_PARTITION, 0, &a);
	record_init(&y, false, RECORD_PARTITION, 1, &a);
	differs(&x, &y, "version 0, expected 1");
}

Test(kcheck, record_equal_nested_struct)
{
	struct voters_record *v1, *v2;
	struct voters_record_voter *voter;
	struct record x, y;

	v1 = record_init(&x, true, CONTROL_KRAFT_VOTERS, 0, &a);
	v2 = record_init(&y, true, CONTROL_KRAFT_VOTERS, 0, &a);
	voter = arena_alloc(&a, 2 * sizeof *voter);
	voter[1].kraft_version_feature.max_supported_version = 1;
	v1->voters = (struct karray){voter, 2, false};
	voter = arena_memdup(&a, voter, 2 * sizeof *voter);
	v2->voters = (struct karray){voter, 2, false};
	cr_assert(kcheck_record_equal(&x, &y, NULL, 0));
	voter[1].kraft_version_feature.max_supported_version = 2;
	differs(&x, &y, "Voters[1].KRaftVersionFeature.MaxSupportedVersion");
	v2->voters.n = 1;
	differs(&x, &y, "Voters");
}

Test(kcheck, record_equal_unknown_types_by_bytes)
{
	static uint8_t r1[] = {0x01, 0x3c, 0x00, 0x00};
	static uint8_t r2[] = {0x01, 0x3c, 0x00, 0x01};
	struct record x = {.key = 60, .raw = {r1, sizeof r1}};
	struct record y = {.key = 60, .raw = {r1, sizeof r1}};

	cr_assert(kcheck_record_equal(&x, &y, NULL, 0));
	y.raw.p = r2;
	differs(&x, &y, "value");
}

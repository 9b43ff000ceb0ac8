/*
 * mklog: a test helper, not part of zk2kraft.  Writes KRaft metadata log
 * segments (NNN.log) and snapshots (NNN-EEE.checkpoint) from a small
 * line-based spec read on stdin, with the project's own writer code
 * (record_init, batch_encode, kwrite_checkpoint), so that shell tests can
 * build metadata log directories.
 *
 *	mklog [-C DIR] <SPEC
 *
 * Files are created (or truncated) relative to DIR (default "."), which
 * must exist.  Exit status: 0 written, 1 error (on stderr, with the spec's
 * line number), 2 usage.
 *
 * One command per line; blank lines and lines starting with "#" are
 * ignored.  Words are separated by blanks; "" stands for the empty string.
 *
 * Files and batches:
 *   segment FILE       start segment FILE (closing the previous one).  If
 *                      FILE is named <20 digits>.log its first batch's base
 *                      offset is that number, else offsets continue from
 *                      the previous segment's last batch (0 at first).
 *   batch [epoch E]    start a data batch (partitionLeaderEpoch E, default
 *                      the previous batch's, 1 at first).  A record line in
 *                      a segment with no batch open starts one.
 *   leaderchange ID    a control batch of one LeaderChangeMessage (leader ID)
 *   offset N           the next batch's base offset is N
 *   snapshot FILE      collect the record lines up to "end" and write them
 *                      with kwrite_checkpoint: the epoch comes from a
 *                      <20 digits>-<10 digits>.checkpoint name (else 0),
 *                      every timestamp is 1700000000000.  Closes the open
 *                      segment; a "segment" line must follow to write more
 *                      batches.  "batch" lines are not allowed inside.
 *   end                end the snapshot
 *
 * Records (metadata records at the lowest version holding the fields):
 *   feature NAME LEVEL                    FeatureLevelRecord
 *   zkmigration STATE                     ZkMigrationStateRecord
 *   registerbroker ID [epoch E]           RegisterBrokerRecord v3, unfenced
 *   topic NAME ID                         TopicRecord (ID: base64url UUID)
 *   removetopic ID                        RemoveTopicRecord
 *   partition ID P replicas=L [isr=L] [leader=N] [lepoch=N] [pepoch=N]
 *       [adding=L] [removing=L] [recovery=N]
 *                                         PartitionRecord v0; L is a comma
 *                                         list ("" empty); isr defaults to
 *                                         replicas, leader to replicas[0],
 *                                         epochs and recovery to 0
 *   change ID P [isr=L] [leader=N] [replicas=L] [adding=L] [removing=L]
 *       [recovery=N]                      PartitionChangeRecord v0: absent
 *                                         fields keep "no change"
 *   config TYPE RESOURCE KEY VALUE        ConfigRecord; TYPE topic, broker
 *                                         or a number; VALUE "-" is null
 *                                         (the key is deleted)
 *   quota ENTITY KEY VALUE                ClientQuotaRecord; ENTITY is
 *                                         type=name[,type=name], name
 *                                         <default> is null; VALUE "-"
 *                                         removes the key
 *   scram USER MECH SALT STORED SERVER ITERATIONS
 *                                         UserScramCredentialRecord; MECH
 *                                         SCRAM-SHA-256, SCRAM-SHA-512, 1
 *                                         or 2; the bytes in base64
 *   removescram USER MECH                 RemoveUserScramCredentialRecord
 *   acl ID RTYPE NAME PATTERN PRINCIPAL HOST OP PERM
 *                                         AccessControlEntryRecord; RTYPE
 *                                         topic, group, cluster,
 *                                         transactional-id,
 *                                         delegation-token, user; PATTERN
 *                                         literal, prefixed; OP read, write,
 *                                         create, delete, alter, describe,
 *                                         all, ...; PERM allow, deny; or
 *                                         the numeric codes
 *   removeacl ID                          RemoveAccessControlEntryRecord
 *   token ID OWNER REQUESTER RENEWERS ISSUE MAX EXPIRY
 *                                         DelegationTokenRecord; RENEWERS a
 *                                         comma list ("" none)
 *   removetoken ID                        RemoveDelegationTokenRecord
 *   producerids NEXT [broker B] [epoch E] ProducerIdsRecord (B and E -1)
 *   begin NAME...                         BeginTransactionRecord (the rest
 *                                         of the line is the name)
 *   endtx                                 EndTransactionRecord
 *   abort REASON...                       AbortTransactionRecord
 *   noop                                  NoOpRecord
 *
 * Example: a snapshot at offset 3 and a segment after it.
 *	snapshot 00000000000000000003-0000000001.checkpoint
 *	feature metadata.version 21
 *	topic t1 dG9waWMtMS4uLi4uLi4uLg
 *	partition dG9waWMtMS4uLi4uLi4uLg 0 replicas=1,2
 *	end
 *	segment 00000000000000000003.log
 *	batch
 *	change dG9waWMtMS4uLi4uLi4uLg 0 isr=1 leader=1
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "b64.h"
#include "batch.h"
#include "buf.h"
#include "error.h"
#include "kwrite.h"
#include "record.h"
#include "records.h"
#include "xmalloc.h"

#define TIMESTAMP 1700000000000LL
#define MAX_WORDS 32

static struct arena a;
static const char *dir = ".";
static size_t lineno;

/* The file being written: a segment or a snapshot. */
static struct {
	char *name; /* NULL: none open */
	bool snapshot;
	int32_t snapshot_epoch;
	struct buf out;
} file;

/* The batch (segment) or the records (snapshot) being collected. */
static struct {
	bool open;
	int32_t epoch;
	struct record *v;
	size_t n, cap;
} batch = {.epoch = 1};

static int64_t next_offset;

static void __attribute__((format(printf, 1, 2), noreturn))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mklog: line %zu: ", lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static char *
dup(const char *s)
{
	return arena_strndup(&a, s, strlen(s));
}

/* The word as written, "" meaning the empty string. */
static const char *
word(const char *w)
{
	return strcmp(w, "\"\"") == 0 ? "" : w;
}

static int64_t
num(const char *s, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		die("%s: not a number: %s", what, s);
	return v;
}

static int32_t
num32(const char *s, const char *what)
{
	int64_t v = num(s, what);

	if (v < INT32_MIN || v > INT32_MAX)
		die("%s out of range: %s", what, s);
	return (int32_t)v;
}

static struct kuuid
uuid(const char *s)
{
	struct kuuid u;
	uint8_t b[64];

	if (strlen(s) > 40 || b64_decode(s, b) != 16)
		die("not a base64url UUID: %s", s);
	memcpy(u.b, b, 16);
	return u;
}

static struct kbytes
bytes(const char *s)
{
	struct kbytes k = {0};
	long n;

	s = word(s);
	k.p = arena_alloc(&a, strlen(s) + 1);
	if ((n = b64_decode(s, k.p)) < 0)
		die("not base64: %s", s);
	k.len = (size_t)n;
	return k;
}

/* A comma list of int32s ("" empty) into an array. */
static struct karray
ints(const char *s)
{
	struct karray arr = {0};
	char *copy, *tok, *save = NULL;
	int32_t *v;
	size_t n = 1;
	const char *p;

	s = word(s);
	for (p = s; *p != '\0'; p++)
		n += *p == ',';
	v = arena_alloc(&a, n * sizeof *v);
	copy = dup(s);
	n = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save))
		v[n++] = num32(tok, "replica");
	arr.v = v;
	arr.n = n;
	return arr;
}

/* A comma list of strings ("" empty). */
static struct karray
strings(const char *s)
{
	struct karray arr = {0};
	char **v, *copy, *tok, *save = NULL;
	size_t n = 1;
	const char *p;

	s = word(s);
	for (p = s; *p != '\0'; p++)
		n += *p == ',';
	v = arena_alloc(&a, n * sizeof *v);
	copy = dup(s);
	n = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save))
		v[n++] = tok;
	arr.v = v;
	arr.n = n;
	return arr;
}

struct name {
	const char *name;
	int code;
};

static int
code(const char *s, const struct name *names, const char *what)
{
	size_t i;

	for (i = 0; names[i].name != NULL; i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].code;
	return (int)num(s, what);
}

static const struct name config_types[] = {
    {"topic", 2}, {"broker", 4}, {"client-metrics", 16}, {NULL, 0}};
static const struct name resource_types[] = {{"topic", 2}, {"group", 3},
    {"cluster", 4}, {"transactional-id", 5}, {"delegation-token", 6},
    {"user", 7}, {NULL, 0}};
static const struct name pattern_types[] = {
    {"literal", 3}, {"prefixed", 4}, {NULL, 0}};
static const struct name operations[] = {{"all", 2}, {"read", 3}, {"write", 4},
    {"create", 5}, {"delete", 6}, {"alter", 7}, {"describe", 8},
    {"cluster-action", 9}, {"describe-configs", 10}, {"alter-configs", 11},
    {"idempotent-write", 12}, {"create-tokens", 13}, {"describe-tokens", 14},
    {NULL, 0}};
static const struct name permissions[] = {{"deny", 2}, {"allow", 3}, {NULL, 0}};
static const struct name mechanisms[] = {
    {"SCRAM-SHA-256", 1}, {"SCRAM-SHA-512", 2}, {NULL, 0}};

/* key=value options: the value of key, or NULL. */
static const char *
opt(char **w, size_t n, size_t from, const char *key)
{
	size_t i, len = strlen(key);

	for (i = from; i < n; i++)
		if (strncmp(w[i], key, len) == 0 && w[i][len] == '=')
			return w[i] + len + 1;
	return NULL;
}

/* Reject key=value options not in keys (NULL-terminated). */
static void
opts_known(char **w, size_t n, size_t from, const char *const *keys)
{
	size_t i, k, len;

	for (i = from; i < n; i++) {
		for (k = 0; keys[k] != NULL; k++) {
			len = strlen(keys[k]);
			if (strncmp(w[i], keys[k], len) == 0 &&
			    w[i][len] == '=')
				break;
		}
		if (keys[k] == NULL)
			die("%s: unknown option %s", w[0], w[i]);
	}
}

static void
write_file(void)
{
	char *path;
	FILE *fp;

	path = xasprintf("%s/%s", dir, file.name);
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(file.out.data, 1, file.out.len, fp) != file.out.len ||
	    fclose(fp) != 0)
		die("%s: %s", path, strerror(errno));
	free(path);
	free(file.name);
	file.name = NULL;
	buf_free(&file.out);
}

/* Close the open data batch of a segment, appending it. */
static void
close_batch(void)
{
	struct kbatch b = {0};
	size_t i;

	if (!batch.open || file.snapshot)
		return;
	batch.open = false;
	if (batch.n == 0)
		die("empty batch");
	b = (struct kbatch){.base_offset = next_offset,
	    .leader_epoch = batch.epoch,
	    .last_offset_delta = (int32_t)batch.n - 1,
	    .base_timestamp = TIMESTAMP,
	    .max_timestamp = TIMESTAMP,
	    .producer_id = -1,
	    .producer_epoch = -1,
	    .base_sequence = -1,
	    .nrecords = batch.n};
	b.records = xcalloc(batch.n, sizeof *b.records);
	for (i = 0; i < batch.n; i++) {
		b.records[i].offset_delta = (int32_t)i;
		b.records[i].rec = batch.v[i];
	}
	batch_encode(&file.out, &b);
	free(b.records);
	next_offset += (int64_t)batch.n;
	batch.n = 0;
}

static void
close_file(void)
{
	close_batch();
	if (file.name != NULL)
		write_file();
}

static void
start_segment(const char *name)
{
	const char *base = strrchr(name, '/');
	size_t len;

	close_file();
	base = base != NULL ? base + 1 : name;
	len = strspn(base, "0123456789");
	if (len == 20 && strcmp(base + len, ".log") == 0)
		next_offset = strtoll(base, NULL, 10);
	file.name = xstrdup(name);
	file.snapshot = false;
}

static void
start_snapshot(const char *name)
{
	const char *base = strrchr(name, '/');
	size_t len;

	close_file();
	base = base != NULL ? base + 1 : name;
	file.snapshot_epoch = 0;
	len = strspn(base, "0123456789");
	if (len == 20 && base[20] == '-' &&
	    strspn(base + 21, "0123456789") == 10 &&
	    strcmp(base + 31, ".checkpoint") == 0)
		file.snapshot_epoch = (int32_t)strtol(base + 21, NULL, 10);
	file.name = xstrdup(name);
	file.snapshot = true;
	batch.n = 0;
}

static void
end_snapshot(void)
{
	struct kwrite_opts o = {.epoch = file.snapshot_epoch,
	    .timestamp = TIMESTAMP,
	    .last_contained_timestamp = TIMESTAMP};
	struct error e = {0};

	if (file.name == NULL || !file.snapshot)
		die("end without snapshot");
	if (kwrite_checkpoint(&file.out, batch.v, batch.n, &o, NULL, &e) != 0)
		die("%s: %s", file.name, e.msg);
	batch.n = 0;
	write_file();
	file.snapshot = false;
}

/* A new record in the open batch or snapshot. */
static void *
add(bool control, int key, int version)
{
	if (file.name == NULL)
		die("a record outside a segment or snapshot");
	if (!file.snapshot)
		batch.open = true;
	if (batch.n == batch.cap) {
		batch.cap = batch.cap ? 2 * batch.cap : 16;
		batch.v = xreallocarray(batch.v, batch.cap, sizeof *batch.v);
	}
	return record_init(&batch.v[batch.n++], control, key, version, &a);
}

/* A control batch of one LeaderChangeMessage, after the open batch. */
static void
leader_change(int32_t leader)
{
	struct leader_change_message *lc;
	struct krecord r = {0};
	struct kbatch b = {.base_offset = 0,
	    .leader_epoch = batch.epoch,
	    .attributes = BATCH_ATTR_CONTROL,
	    .base_timestamp = TIMESTAMP,
	    .max_timestamp = TIMESTAMP,
	    .producer_id = -1,
	    .producer_epoch = -1,
	    .base_sequence = -1,
	    .nrecords = 1};

	close_batch();
	lc = record_init(&r.rec, true, CONTROL_LEADER_CHANGE, 0, &a);
	lc->leader_id = leader;
	b.base_offset = next_offset;
	b.records = &r;
	batch_encode(&file.out, &b);
	next_offset++;
}

static void
need(size_t n, size_t min, size_t max, const char *usage)
{
	if (n < min || n > max)
		die("usage: %s", usage);
}

/* The text after the first word of line, blanks trimmed. */
static const char *
rest(const char *line)
{
	line += strspn(line, " \t");
	line += strcspn(line, " \t");
	line += strspn(line, " \t");
	return line;
}

/*
 * One line of the spec: its words, and the whole line for the commands that
 * take the rest of it as one string (begin, abort).
 */
struct spec_line {
	char **w;
	size_t n;
	const char *text;
};

static void
spec_segment(const struct spec_line *l)
{
	need(l->n, 2, 2, "segment FILE");
	start_segment(l->w[1]);
}

static void
spec_snapshot(const struct spec_line *l)
{
	need(l->n, 2, 2, "snapshot FILE");
	start_snapshot(l->w[1]);
}

static void
spec_end(const struct spec_line *l)
{
	need(l->n, 1, 1, "end");
	end_snapshot();
}

static void
spec_batch(const struct spec_line *l)
{
	need(l->n, 1, 3, "batch [epoch E]");
	if (file.name == NULL || file.snapshot)
		die("batch outside a segment");
	close_batch();
	if (l->n == 3) {
		if (strcmp(l->w[1], "epoch") != 0)
			die("usage: batch [epoch E]");
		batch.epoch = num32(l->w[2], "epoch");
	} else if (l->n == 2) {
		die("usage: batch [epoch E]");
	}
	batch.open = true;
}

static void
spec_offset(const struct spec_line *l)
{
	need(l->n, 2, 2, "offset N");
	close_batch();
	next_offset = num(l->w[1], "offset");
}

static void
spec_leaderchange(const struct spec_line *l)
{
	need(l->n, 2, 2, "leaderchange ID");
	if (file.name == NULL || file.snapshot)
		die("leaderchange outside a segment");
	leader_change(num32(l->w[1], "leader"));
}

static void
spec_feature(const struct spec_line *l)
{
	struct feature_level_record *r;

	need(l->n, 3, 3, "feature NAME LEVEL");
	r = add(false, RECORD_FEATURE_LEVEL, 0);
	r->name = dup(l->w[1]);
	r->feature_level = (int16_t)num32(l->w[2], "level");
}

static void
spec_zkmigration(const struct spec_line *l)
{
	struct zk_migration_state_record *r;

	need(l->n, 2, 2, "zkmigration STATE");
	r = add(false, RECORD_ZK_MIGRATION_STATE, 0);
	r->zk_migration_state = (int8_t)num32(l->w[1], "state");
}

static void
spec_registerbroker(const struct spec_line *l)
{
	struct register_broker_record *r;

	need(l->n, 2, 4, "registerbroker ID [epoch E]");
	r = add(false, RECORD_REGISTER_BROKER, 3);
	r->broker_id = num32(l->w[1], "broker id");
	r->incarnation_id.b[15] = (uint8_t)(r->broker_id + 1);
	if (l->n == 4 && strcmp(l->w[2], "epoch") == 0)
		r->broker_epoch = num(l->w[3], "epoch");
	else if (l->n != 2)
		die("usage: registerbroker ID [epoch E]");
	r->fenced = false;
	r->rack = NULL;
}

static void
spec_topic(const struct spec_line *l)
{
	struct topic_record *r;

	need(l->n, 3, 3, "topic NAME ID");
	r = add(false, RECORD_TOPIC, 0);
	r->name = dup(l->w[1]);
	r->topic_id = uuid(l->w[2]);
}

static void
spec_removetopic(const struct spec_line *l)
{
	struct remove_topic_record *r;

	need(l->n, 2, 2, "removetopic ID");
	r = add(false, RECORD_REMOVE_TOPIC, 0);
	r->topic_id = uuid(l->w[1]);
}

static void
spec_partition(const struct spec_line *l)
{
	static const char *const keys[] = {"replicas", "isr", "leader",
	    "lepoch", "pepoch", "adding", "removing", "recovery", NULL};
	struct partition_record *r;
	const char *v;

	if (l->n < 4)
		die("usage: partition ID P replicas=L [isr=L] ...");
	opts_known(l->w, l->n, 3, keys);
	r = add(false, RECORD_PARTITION, 0);
	r->topic_id = uuid(l->w[1]);
	r->partition_id = num32(l->w[2], "partition");
	if ((v = opt(l->w, l->n, 3, "replicas")) == NULL)
		die("partition: replicas= is required");
	r->replicas = ints(v);
	r->leader_epoch = 0;
	r->partition_epoch = 0;
	r->leader_recovery_state = 0;
	v = opt(l->w, l->n, 3, "isr");
	r->isr = v != NULL ? ints(v) : r->replicas;
	if ((v = opt(l->w, l->n, 3, "leader")) != NULL)
		r->leader = num32(v, "leader");
	else
		r->leader =
		    r->replicas.n > 0 ? KARRAY_AT(r->replicas, int32_t, 0) : -1;
	if ((v = opt(l->w, l->n, 3, "lepoch")) != NULL)
		r->leader_epoch = num32(v, "lepoch");
	if ((v = opt(l->w, l->n, 3, "pepoch")) != NULL)
		r->partition_epoch = num32(v, "pepoch");
	if ((v = opt(l->w, l->n, 3, "adding")) != NULL)
		r->adding_replicas = ints(v);
	if ((v = opt(l->w, l->n, 3, "removing")) != NULL)
		r->removing_replicas = ints(v);
	if ((v = opt(l->w, l->n, 3, "recovery")) != NULL)
		r->leader_recovery_state = (int8_t)num32(v, "recovery");
}

static void
spec_change(const struct spec_line *l)
{
	static const char *const keys[] = {"isr", "leader", "replicas",
	    "adding", "removing", "recovery", NULL};
	struct partition_change_record *r;
	const char *v;

	if (l->n < 3)
		die("usage: change ID P [isr=L] [leader=N] ...");
	opts_known(l->w, l->n, 3, keys);
	r = add(false, RECORD_PARTITION_CHANGE, 0);
	r->topic_id = uuid(l->w[1]);
	r->partition_id = num32(l->w[2], "partition");
	if ((v = opt(l->w, l->n, 3, "isr")) != NULL)
		r->isr = ints(v);
	if ((v = opt(l->w, l->n, 3, "leader")) != NULL)
		r->leader = num32(v, "leader");
	if ((v = opt(l->w, l->n, 3, "replicas")) != NULL)
		r->replicas = ints(v);
	if ((v = opt(l->w, l->n, 3, "adding")) != NULL)
		r->adding_replicas = ints(v);
	if ((v = opt(l->w, l->n, 3, "removing")) != NULL)
		r->removing_replicas = ints(v);
	if ((v = opt(l->w, l->n, 3, "recovery")) != NULL)
		r->leader_recovery_state = (int8_t)num32(v, "recovery");
}

static void
spec_config(const struct spec_line *l)
{
	struct config_record *r;

	need(l->n, 5, 5, "config TYPE RESOURCE KEY VALUE|-");
	r = add(false, RECORD_CONFIG, 0);
	r->resource_type = (int8_t)code(l->w[1], config_types, "type");
	r->resource_name = dup(word(l->w[2]));
	r->name = dup(l->w[3]);
	r->value = strcmp(l->w[4], "-") == 0 ? NULL : dup(word(l->w[4]));
}

static void
spec_quota(const struct spec_line *l)
{
	struct client_quota_record *r;
	struct client_quota_record_entity_data *ed;
	struct karray parts;
	size_t i;
	char *eq;

	need(l->n, 4, 4, "quota ENTITY KEY VALUE|-");
	r = add(false, RECORD_CLIENT_QUOTA, 0);
	parts = strings(l->w[1]);
	if (parts.n == 0)
		die("quota: empty entity");
	ed = arena_alloc(&a, parts.n * sizeof *ed);
	for (i = 0; i < parts.n; i++) {
		char *p = KARRAY_AT(parts, char *, i);

		if ((eq = strchr(p, '=')) == NULL)
			die("quota: entity part without '=': %s", p);
		*eq = '\0';
		ed[i].entity_type = p;
		ed[i].entity_name =
		    strcmp(eq + 1, "<default>") == 0 ? NULL : eq + 1;
	}
	r->entity = (struct karray){.v = ed, .n = parts.n};
	r->key = dup(l->w[2]);
	if (strcmp(l->w[3], "-") == 0) {
		r->remove = true;
	} else {
		char *end;

		r->value = strtod(l->w[3], &end);
		if (end == l->w[3] || *end != '\0')
			die("quota: not a number: %s", l->w[3]);
	}
}

static void
spec_scram(const struct spec_line *l)
{
	struct user_scram_credential_record *r;

	need(l->n, 7, 7, "scram USER MECH SALT STORED SERVER ITERATIONS");
	r = add(false, RECORD_USER_SCRAM_CREDENTIAL, 0);
	r->name = dup(l->w[1]);
	r->mechanism = (int8_t)code(l->w[2], mechanisms, "mechanism");
	r->salt = bytes(l->w[3]);
	r->stored_key = bytes(l->w[4]);
	r->server_key = bytes(l->w[5]);
	r->iterations = num32(l->w[6], "iterations");
}

static void
spec_removescram(const struct spec_line *l)
{
	struct remove_user_scram_credential_record *r;

	need(l->n, 3, 3, "removescram USER MECH");
	r = add(false, RECORD_REMOVE_USER_SCRAM_CREDENTIAL, 0);
	r->name = dup(l->w[1]);
	r->mechanism = (int8_t)code(l->w[2], mechanisms, "mechanism");
}

static void
spec_acl(const struct spec_line *l)
{
	struct access_control_entry_record *r;

	need(l->n, 9, 9, "acl ID RTYPE NAME PATTERN PRINCIPAL HOST OP PERM");
	r = add(false, RECORD_ACCESS_CONTROL_ENTRY, 0);
	r->id = uuid(l->w[1]);
	r->resource_type =
	    (int8_t)code(l->w[2], resource_types, "resource type");
	r->resource_name = dup(word(l->w[3]));
	r->pattern_type = (int8_t)code(l->w[4], pattern_types, "pattern type");
	r->principal = dup(word(l->w[5]));
	r->host = dup(word(l->w[6]));
	r->operation = (int8_t)code(l->w[7], operations, "operation");
	r->permission_type = (int8_t)code(l->w[8], permissions, "permission");
}

static void
spec_removeacl(const struct spec_line *l)
{
	struct remove_access_control_entry_record *r;

	need(l->n, 2, 2, "removeacl ID");
	r = add(false, RECORD_REMOVE_ACCESS_CONTROL_ENTRY, 0);
	r->id = uuid(l->w[1]);
}

static void
spec_token(const struct spec_line *l)
{
	struct delegation_token_record *r;

	need(l->n, 8, 8, "token ID OWNER REQUESTER RENEWERS ISSUE MAX EXPIRY");
	r = add(false, RECORD_DELEGATION_TOKEN, 0);
	r->token_id = dup(l->w[1]);
	r->owner = dup(l->w[2]);
	r->requester = dup(l->w[3]);
	r->renewers = strings(l->w[4]);
	r->issue_timestamp = num(l->w[5], "issue");
	r->max_timestamp = num(l->w[6], "max");
	r->expiration_timestamp = num(l->w[7], "expiry");
}

static void
spec_removetoken(const struct spec_line *l)
{
	struct remove_delegation_token_record *r;

	need(l->n, 2, 2, "removetoken ID");
	r = add(false, RECORD_REMOVE_DELEGATION_TOKEN, 0);
	r->token_id = dup(l->w[1]);
}

static void
spec_producerids(const struct spec_line *l)
{
	struct producer_ids_record *r;
	size_t i;

	if (l->n < 2 || l->n % 2 != 0)
		die("usage: producerids NEXT [broker B] [epoch E]");
	r = add(false, RECORD_PRODUCER_IDS, 0);
	r->next_producer_id = num(l->w[1], "next producer id");
	r->broker_id = -1;
	r->broker_epoch = -1;
	for (i = 2; i < l->n; i += 2) {
		if (strcmp(l->w[i], "broker") == 0)
			r->broker_id = num32(l->w[i + 1], "broker");
		else if (strcmp(l->w[i], "epoch") == 0)
			r->broker_epoch = num(l->w[i + 1], "epoch");
		else
			die("usage: producerids NEXT [broker B] "
			    "[epoch E]");
	}
}

static void
spec_begin(const struct spec_line *l)
{
	struct begin_transaction_record *r;

	r = add(false, RECORD_BEGIN_TRANSACTION, 0);
	r->name = dup(rest(l->text));
}

static void
spec_endtx(const struct spec_line *l)
{
	need(l->n, 1, 1, "endtx");
	add(false, RECORD_END_TRANSACTION, 0);
}

static void
spec_abort(const struct spec_line *l)
{
	struct abort_transaction_record *r;
	const char *v;

	r = add(false, RECORD_ABORT_TRANSACTION, 0);
	v = rest(l->text);
	r->reason = *v != '\0' ? dup(v) : NULL;
}

static void
spec_noop(const struct spec_line *l)
{
	need(l->n, 1, 1, "noop");
	add(false, RECORD_NO_OP, 0);
}

/* The spec's commands, each run with its line. */
static const struct spec_command {
	const char *name;
	void (*run)(const struct spec_line *);
} spec_commands[] = {
    {"segment", spec_segment},
    {"snapshot", spec_snapshot},
    {"end", spec_end},
    {"batch", spec_batch},
    {"offset", spec_offset},
    {"leaderchange", spec_leaderchange},
    {"feature", spec_feature},
    {"zkmigration", spec_zkmigration},
    {"registerbroker", spec_registerbroker},
    {"topic", spec_topic},
    {"removetopic", spec_removetopic},
    {"partition", spec_partition},
    {"change", spec_change},
    {"config", spec_config},
    {"quota", spec_quota},
    {"scram", spec_scram},
    {"removescram", spec_removescram},
    {"acl", spec_acl},
    {"removeacl", spec_removeacl},
    {"token", spec_token},
    {"removetoken", spec_removetoken},
    {"producerids", spec_producerids},
    {"begin", spec_begin},
    {"endtx", spec_endtx},
    {"abort", spec_abort},
    {"noop", spec_noop},
    {NULL, NULL},
};

static void
command(char *line)
{
	char *w[MAX_WORDS], *save = NULL, *copy, *t;
	struct spec_line l = {.w = w, .n = 0, .text = line};
	const struct spec_command *c;

	line[strcspn(line, "\r\n")] = '\0';
	copy = dup(line);
	for (t = strtok_r(copy, " \t", &save); t != NULL;
	     t = strtok_r(NULL, " \t", &save)) {
		if (l.n == MAX_WORDS)
			die("too many words");
		w[l.n++] = t;
	}
	if (l.n == 0 || w[0][0] == '#')
		return;
	for (c = spec_commands; c->name != NULL; c++) {
		if (strcmp(c->name, w[0]) == 0) {
			c->run(&l);
			return;
		}
	}
	die("unknown command: %s", w[0]);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	char *line = NULL;
	size_t cap = 0;
	int c;

	while ((c = getopt_long(argc, argv, "C:", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			dir = optarg;
			break;
		default:
			fprintf(stderr, "usage: mklog [-C DIR] <SPEC\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: mklog [-C DIR] <SPEC\n");
		return 2;
	}
	while (getline(&line, &cap, stdin) != -1) {
		lineno++;
		command(line);
	}
	free(line);
	lineno++;
	if (file.name != NULL && file.snapshot)
		die("snapshot %s has no end", file.name);
	close_file();
	free(batch.v);
	arena_free(&a);
	return 0;
}

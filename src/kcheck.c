/*
 * Checking KRaft checkpoints (see kcheck.h).  klog reads the file and
 * enforces the checkpoint framing; the callback here applies the rules the
 * bootstrap reader, the snapshot loader and the controllers' replay add
 * (kraft-snapshot-format.md sections 3.4, 6.4, 7.2, 7.3, 8 and 10), one
 * record at a time, keeping only the topic ids, names and partition ids it
 * needs across batches.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "kcheck.h"
#include "klog.h"
#include "msg.h"
#include "mv.h"
#include "xmalloc.h"

#define KCHECK_MV_NAME "metadata.version"
#define KCHECK_INLINE 16 /* key bytes kept in the slot itself */

/* An open-addressing hash set of byte strings, each with a value. */
struct kcheck_slot {
	uint64_t hash;
	size_t len;
	uint8_t key[KCHECK_INLINE];
	uint8_t *ext; /* owned: the key when longer than KCHECK_INLINE */
	size_t val;
	bool used;
};

struct kcheck_set {
	struct kcheck_slot *v; /* owned */
	size_t n;
	size_t cap; /* 0 or a power of two */
};

struct kcheck_topic {
	char *name; /* owned */
	size_t pos; /* file offset of its TopicRecord */
};

/* What the callback keeps across batches. */
struct kcheck_state {
	const char *path;
	enum kcheck_kind kind;
	const struct record *expected; /* borrowed */
	size_t nexpected;
	struct kcheck_result *res;
	size_t end;          /* file offset after the last batch */
	size_t mv_pos;       /* file offset of the metadata.version record */
	bool producer_ids;   /* a ProducerIdsRecord was seen */
	size_t producer_pos; /* its file offset */
	struct kcheck_topic *topics;
	size_t ntopics;
	struct kcheck_set ids;   /* topic id -> index in topics */
	struct kcheck_set names; /* topic name -> index in topics */
	struct kcheck_set parts; /* (topic index, partition id) */
};

/* FNV-1a, 64 bits. */
static uint64_t
kcheck_hash(const void *p, size_t len)
{
	const uint8_t *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static const uint8_t *
kcheck_slot_key(const struct kcheck_slot *sl)
{
	return sl->ext != NULL ? sl->ext : sl->key;
}

/* The slot holding key, or the empty slot where it would go. */
static struct kcheck_slot *
kcheck_set_slot(struct kcheck_set *set, const void *key, size_t len, uint64_t h)
{
	struct kcheck_slot *sl;
	size_t i = (size_t)h & (set->cap - 1);

	for (;; i = (i + 1) & (set->cap - 1)) {
		sl = &set->v[i];
		if (!sl->used)
			return sl;
		if (sl->hash == h && sl->len == len &&
		    memcmp(kcheck_slot_key(sl), key, len) == 0)
			return sl;
	}
}

static void
kcheck_set_grow(struct kcheck_set *set)
{
	struct kcheck_slot *old = set->v, *sl;
	size_t oldcap = set->cap, i;

	set->cap = oldcap == 0 ? 64 : oldcap * 2;
	set->v = xcalloc(set->cap, sizeof *set->v);
	for (i = 0; i < oldcap; i++) {
		if (!old[i].used)
			continue;
		sl = kcheck_set_slot(
		    set, kcheck_slot_key(&old[i]), old[i].len, old[i].hash);
		*sl = old[i];
	}
	free(old);
}

/*
 * Add key with value val.  Returns NULL when it was added, or the slot
 * already holding key (left unchanged).
 */
static const struct kcheck_slot *
kcheck_set_add(struct kcheck_set *set, const void *key, size_t len, size_t val)
{
	struct kcheck_slot *sl;
	uint64_t h = kcheck_hash(key, len);

	if (set->cap == 0 || (set->n + 1) * 2 > set->cap)
		kcheck_set_grow(set);
	sl = kcheck_set_slot(set, key, len, h);
	if (sl->used)
		return sl;
	*sl = (struct kcheck_slot){.hash = h, .len = len, .val = val};
	sl->used = true;
	if (len > KCHECK_INLINE) {
		sl->ext = xmalloc(len);
		memcpy(sl->ext, key, len);
	} else
		memcpy(sl->key, key, len);
	set->n++;
	return NULL;
}

static const struct kcheck_slot *
kcheck_set_find(struct kcheck_set *set, const void *key, size_t len)
{
	const struct kcheck_slot *sl;

	if (set->cap == 0)
		return NULL;
	sl = kcheck_set_slot(set, key, len, kcheck_hash(key, len));
	return sl->used ? sl : NULL;
}

static void
kcheck_set_free(struct kcheck_set *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->v[i].ext);
	free(set->v);
	*set = (struct kcheck_set){0};
}

static const char *
kcheck_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s == NULL ? path : s + 1;
}

static const char *
kcheck_kind_name(enum kcheck_kind kind)
{
	return kind == KCHECK_BOOTSTRAP ? "bootstrap file" : "snapshot";
}

/* The record's type name, also for versions the schema lacks. */
static const char *
kcheck_rec_name(const struct record *rec)
{
	const struct record_type *rt;

	if (rec->type != NULL)
		return rec->type->name;
	if ((rt = record_type_find(rec->control, rec->key)) != NULL)
		return rt->name;
	if (rec->control && rec->key == CONTROL_ABORT)
		return "ABORT marker";
	if (rec->control && rec->key == CONTROL_COMMIT)
		return "COMMIT marker";
	return rec->control ? "control record" : "metadata record";
}

/*
 * Comparison of decoded values through the schema descriptors.  name is
 * the schema path of the value ("Replicas", "EndPoints[1].Host"); on a
 * difference it is written to buf.  With len 0 no name is formatted:
 * export compares every record it wrote, and equal ones need none.
 */
static bool kcheck_struct_eq(const struct mstruct *s, const void *a,
    const void *b, const char *prefix, char *buf, size_t len);

static bool
kcheck_differs(const char *name, char *buf, size_t len)
{
	if (len > 0)
		snprintf(buf, len, "%s", name);
	return false;
}

static bool
kcheck_value_eq(enum mtype t, const struct mstruct *sub, const void *a,
    const void *b, const char *name, char *buf, size_t len)
{
	const struct kbytes *ba = a, *bb = b;
	const char *sa, *sb;
	char prefix[256];

	switch (t) {
	case MT_BOOL:
		if (*(const bool *)a != *(const bool *)b)
			return kcheck_differs(name, buf, len);
		return true;
	case MT_INT8:
		return memcmp(a, b, 1) == 0 || kcheck_differs(name, buf, len);
	case MT_INT16:
	case MT_UINT16:
		return memcmp(a, b, 2) == 0 || kcheck_differs(name, buf, len);
	case MT_INT32:
	case MT_UINT32:
		return memcmp(a, b, 4) == 0 || kcheck_differs(name, buf, len);
	case MT_INT64:
	case MT_FLOAT64: /* bit for bit: the bytes on the wire */
		return memcmp(a, b, 8) == 0 || kcheck_differs(name, buf, len);
	case MT_UUID:
		return memcmp(a, b, sizeof(struct kuuid)) == 0 ||
		    kcheck_differs(name, buf, len);
	case MT_STRING:
		sa = *(char *const *)a;
		sb = *(char *const *)b;
		if ((sa == NULL) != (sb == NULL) ||
		    (sa != NULL && strcmp(sa, sb) != 0))
			return kcheck_differs(name, buf, len);
		return true;
	case MT_BYTES:
		if (ba->null != bb->null || ba->len != bb->len ||
		    (ba->len > 0 && memcmp(ba->p, bb->p, ba->len) != 0))
			return kcheck_differs(name, buf, len);
		return true;
	case MT_STRUCT:
		if (len > 0)
			snprintf(prefix, sizeof prefix, "%s.", name);
		else
			prefix[0] = '\0';
		return kcheck_struct_eq(sub, a, b, prefix, buf, len);
	case MT_ARRAY:
	case MT_NONE:
		break;
	}
	fatalx("kcheck_value_eq: %s: bad type %d", name, t);
}

static bool
kcheck_field_eq(const struct mfield *f, const void *a, const void *b,
    const char *prefix, char *buf, size_t len)
{
	const struct karray *xa, *xb;
	char name[256], elem[288];
	size_t i, size;

	if (len > 0)
		snprintf(name, sizeof name, "%s%s", prefix, f->name);
	else
		name[0] = '\0';
	if (f->type != MT_ARRAY)
		return kcheck_value_eq(f->type, f->sub,
		    (const char *)a + f->off, (const char *)b + f->off, name,
		    buf, len);
	xa = (const struct karray *)((const char *)a + f->off);
	xb = (const struct karray *)((const char *)b + f->off);
	if (xa->null != xb->null || xa->n != xb->n)
		return kcheck_differs(name, buf, len);
	size = msg_elem_size(f);
	elem[0] = '\0';
	for (i = 0; i < xa->n; i++) {
		if (len > 0)
			snprintf(elem, sizeof elem, "%s[%zu]", name, i);
		if (!kcheck_value_eq(f->elem, f->sub,
			(const char *)xa->v + i * size,
			(const char *)xb->v + i * size, elem, buf, len))
			return false;
	}
	return true;
}

static bool
kcheck_tags_eq(const struct mstruct *s, const void *a, const void *b,
    const char *prefix, char *buf, size_t len)
{
	const struct ktags *ta, *tb;
	char name[288];
	size_t i;

	ta = (const struct ktags *)((const char *)a + s->tags_off);
	tb = (const struct ktags *)((const char *)b + s->tags_off);
	for (i = 0; i < ta->n || i < tb->n; i++) {
		if (i >= ta->n || i >= tb->n || ta->v[i].tag != tb->v[i].tag ||
		    ta->v[i].len != tb->v[i].len ||
		    (ta->v[i].len > 0 &&
			memcmp(ta->v[i].data, tb->v[i].data, ta->v[i].len) !=
			    0)) {
			snprintf(name, sizeof name, "%sunknown tagged field %u",
			    prefix, i < ta->n ? ta->v[i].tag : tb->v[i].tag);
			return kcheck_differs(name, buf, len);
		}
	}
	return true;
}

static bool
kcheck_struct_eq(const struct mstruct *s, const void *a, const void *b,
    const char *prefix, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		if (!kcheck_field_eq(&s->fields[i], a, b, prefix, buf, len))
			return false;
	return kcheck_tags_eq(s, a, b, prefix, buf, len);
}

bool
kcheck_record_equal(
    const struct record *a, const struct record *b, char *buf, size_t len)
{
	if (len > 0)
		buf[0] = '\0';
	if (a->control != b->control || a->key != b->key) {
		if (len > 0)
			snprintf(buf, len, "%s, expected %s",
			    kcheck_rec_name(a), kcheck_rec_name(b));
		return false;
	}
	if (a->version != b->version) {
		if (len > 0)
			snprintf(buf, len, "version %d, expected %d",
			    a->version, b->version);
		return false;
	}
	if (a->type == NULL || b->type == NULL || a->body == NULL ||
	    b->body == NULL) {
		if (a->type != b->type ||
		    (a->body == NULL) != (b->body == NULL))
			return kcheck_differs("value", buf, len);
		if (a->body == NULL &&
		    (a->raw.len != b->raw.len ||
			(a->raw.len > 0 &&
			    memcmp(a->raw.p, b->raw.p, a->raw.len) != 0) ||
			a->marker_version != b->marker_version ||
			a->coordinator_epoch != b->coordinator_epoch))
			return kcheck_differs("value", buf, len);
		if (a->body == NULL)
			return true;
	}
	/* A first pass without names; the second only to name what
	 * differs. */
	if (kcheck_struct_eq(a->type->body, a->body, b->body, "", NULL, 0))
		return true;
	return len > 0 &&
	    kcheck_struct_eq(a->type->body, a->body, b->body, "", buf, len);
}

/* An EXIT_INVALID error at file offset pos. */
static int kcheck_fail(struct kcheck_state *ks, size_t pos, struct error *e,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
kcheck_fail(
    struct kcheck_state *ks, size_t pos, struct error *e, const char *fmt, ...)
{
	char msg[sizeof e->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error_set(
	    e, EXIT_INVALID, "%s: offset %zu: %s", ks->path, pos, msg);
}

/* Rules for one record type that may never be in this kind of file. */
static const char *
kcheck_forbidden(enum kcheck_kind kind, int key)
{
	switch (key) {
	case RECORD_REGISTER_BROKER:
	case RECORD_REGISTER_CONTROLLER:
		/* Kafka's own snapshots carry the registrations
		 * (ClusterImage.write); a bootstrap file must not, brokers
		 * and controllers register over RPC (section 8.9). */
		if (kind == KCHECK_SNAPSHOT)
			return NULL;
		return "nodes register themselves at startup";
	case RECORD_UNREGISTER_BROKER:
	case RECORD_BROKER_REGISTRATION_CHANGE:
	case RECORD_FENCE_BROKER:
	case RECORD_UNFENCE_BROKER:
		return "a checkpoint holds registrations, never changes to "
		       "them";
	case RECORD_NO_OP:
		return "NoOpRecords belong to the log only";
	case RECORD_BEGIN_TRANSACTION:
	case RECORD_END_TRANSACTION:
	case RECORD_ABORT_TRANSACTION:
		return "transaction records never appear in a checkpoint";
	case RECORD_REMOVE_TOPIC:
	case RECORD_REMOVE_ACCESS_CONTROL_ENTRY:
	case RECORD_REMOVE_USER_SCRAM_CREDENTIAL:
	case RECORD_REMOVE_DELEGATION_TOKEN:
		return "a checkpoint holds no removals";
	case RECORD_PARTITION_CHANGE:
		return "a checkpoint holds PartitionRecords, not changes";
	case RECORD_ZK_MIGRATION_STATE:
		if (kind == KCHECK_BOOTSTRAP)
			return "the controller appends its own";
		return NULL;
	}
	return NULL;
}

static int
kcheck_topic(struct kcheck_state *ks, size_t pos, const struct topic_record *t,
    struct error *e)
{
	const struct kcheck_slot *sl;
	const char *name = t->name == NULL ? "" : t->name;
	char id[B64_UUID_LEN + 1];

	b64_uuid_str(&t->topic_id, id);
	if ((sl = kcheck_set_find(&ks->ids, t->topic_id.b, 16)) != NULL)
		return kcheck_fail(ks, pos, e,
		    "TopicRecord %s: topic id %s is already topic %s at "
		    "offset %zu",
		    name, id, ks->topics[sl->val].name,
		    ks->topics[sl->val].pos);
	if ((sl = kcheck_set_add(
		 &ks->names, name, strlen(name), ks->ntopics)) != NULL)
		return kcheck_fail(ks, pos, e,
		    "TopicRecord %s: a topic of that name is already at "
		    "offset %zu",
		    name, ks->topics[sl->val].pos);
	kcheck_set_add(&ks->ids, t->topic_id.b, 16, ks->ntopics);
	ks->topics =
	    xreallocarray(ks->topics, ks->ntopics + 1, sizeof *ks->topics);
	ks->topics[ks->ntopics++] = (struct kcheck_topic){xstrdup(name), pos};
	return 0;
}

static int
kcheck_partition(struct kcheck_state *ks, size_t pos,
    const struct partition_record *p, struct error *e)
{
	const struct kcheck_slot *sl;
	char id[B64_UUID_LEN + 1];
	uint8_t key[12];
	const char *name;
	uint64_t topic;

	if ((sl = kcheck_set_find(&ks->ids, p->topic_id.b, 16)) == NULL) {
		b64_uuid_str(&p->topic_id, id);
		return kcheck_fail(ks, pos, e,
		    "PartitionRecord for an unknown topic id %s (no "
		    "TopicRecord before it)",
		    id);
	}
	name = ks->topics[sl->val].name;
	topic = (uint64_t)sl->val;
	memcpy(key, &topic, 8);
	memcpy(key + 8, &p->partition_id, 4);
	if (p->partition_id < 0)
		return kcheck_fail(ks, pos, e,
		    "PartitionRecord %s-%d: negative partition id", name,
		    p->partition_id);
	if (kcheck_set_add(&ks->parts, key, sizeof key, 0) != NULL)
		return kcheck_fail(ks, pos, e,
		    "PartitionRecord %s-%d: a second record for the "
		    "partition",
		    name, p->partition_id);
	if (p->directories.n != 0 && p->directories.n != p->replicas.n)
		return kcheck_fail(ks, pos, e,
		    "PartitionRecord %s-%d: %zu Directories for %zu "
		    "Replicas: empty or one per replica",
		    name, p->partition_id, p->directories.n, p->replicas.n);
	if (p->leader_recovery_state != 0 && p->leader_recovery_state != 1)
		return kcheck_fail(ks, pos, e,
		    "PartitionRecord %s-%d: LeaderRecoveryState %d, only 0 "
		    "and 1 exist",
		    name, p->partition_id, p->leader_recovery_state);
	return 0;
}

static int
kcheck_first(struct kcheck_state *ks, size_t pos, const struct record *rec,
    struct error *e)
{
	const struct feature_level_record *fl = rec->body;
	const char *mv;

	if (rec->key != RECORD_FEATURE_LEVEL || fl == NULL ||
	    fl->name == NULL || strcmp(fl->name, KCHECK_MV_NAME) != 0)
		return kcheck_fail(ks, pos, e,
		    "the first data record is %s, not the "
		    "FeatureLevelRecord of metadata.version",
		    kcheck_rec_name(rec));
	if (fl->feature_level < MV_MIN_BOOTSTRAP) {
		mv = mv_name(fl->feature_level);
		return kcheck_fail(ks, pos, e,
		    "metadata.version %s (%d) is below %s (%d), the lowest "
		    "a controller accepts",
		    mv != NULL ? mv : "unknown", fl->feature_level,
		    mv_name(MV_MIN_BOOTSTRAP), MV_MIN_BOOTSTRAP);
	}
	ks->res->metadata_version = fl->feature_level;
	ks->mv_pos = pos;
	return 0;
}

static int
kcheck_data(struct kcheck_state *ks, size_t pos, const struct record *rec,
    struct error *e)
{
	const struct feature_level_record *fl;
	const struct zk_migration_state_record *zk;
	const struct record_type *rt;
	const char *why;

	if (rec->type == NULL || rec->body == NULL) {
		if ((rt = record_type_find(false, rec->key)) == NULL)
			return kcheck_fail(ks, pos, e,
			    "record of unknown api key %d", rec->key);
		return kcheck_fail(ks, pos, e,
		    "%s version %d, which is not known (versions %d to %d)",
		    rt->name, rec->version, rt->vmin, rt->vmax);
	}
	if ((why = kcheck_forbidden(ks->kind, rec->key)) != NULL)
		return kcheck_fail(ks, pos, e, "%s in a %s: %s",
		    kcheck_rec_name(rec), kcheck_kind_name(ks->kind), why);
	if (ks->res->records == 0)
		return kcheck_first(ks, pos, rec, e);
	switch (rec->key) {
	case RECORD_FEATURE_LEVEL:
		fl = rec->body;
		if (fl->name != NULL && strcmp(fl->name, KCHECK_MV_NAME) == 0)
			return kcheck_fail(ks, pos, e,
			    "a second FeatureLevelRecord for metadata.version "
			    "(the first is at offset %zu)",
			    ks->mv_pos);
		break;
	case RECORD_TOPIC:
		return kcheck_topic(ks, pos, rec->body, e);
	case RECORD_PARTITION:
		return kcheck_partition(ks, pos, rec->body, e);
	case RECORD_PRODUCER_IDS:
		if (ks->producer_ids)
			return kcheck_fail(ks, pos, e,
			    "a second ProducerIdsRecord (the first is at "
			    "offset %zu)",
			    ks->producer_pos);
		ks->producer_ids = true;
		ks->producer_pos = pos;
		break;
	case RECORD_ZK_MIGRATION_STATE:
		zk = rec->body;
		if (zk->zk_migration_state != 0 && zk->zk_migration_state != 3)
			return kcheck_fail(ks, pos, e,
			    "ZkMigrationStateRecord %d: a snapshot may only "
			    "hold 0 (NONE) or 3 (POST_MIGRATION)",
			    zk->zk_migration_state);
		break;
	}
	return 0;
}

static int
kcheck_control(struct kcheck_state *ks, size_t index, size_t pos,
    const struct kbatch *b, const struct record *rec, struct error *e)
{
	const struct snapshot_header_record *h;

	if (rec->type == NULL || rec->body == NULL)
		return kcheck_fail(
		    ks, pos, e, "control record of unknown type %d", rec->key);
	if (ks->kind == KCHECK_BOOTSTRAP &&
	    (rec->key == CONTROL_KRAFT_VERSION ||
		rec->key == CONTROL_KRAFT_VOTERS))
		return kcheck_fail(ks, pos, e,
		    "%s in a bootstrap file, which BatchFileReader rejects",
		    rec->type->name);
	if (rec->key != CONTROL_SNAPSHOT_HEADER)
		return 0;
	h = rec->body;
	if (ks->kind == KCHECK_BOOTSTRAP &&
	    h->last_contained_log_timestamp != 0)
		return kcheck_fail(ks, pos, e,
		    "SnapshotHeaderRecord LastContainedLogTimestamp %lld in a "
		    "bootstrap file, where it is 0",
		    (long long)h->last_contained_log_timestamp);
	if (index == 0 && ks->kind == KCHECK_BOOTSTRAP && b->leader_epoch != 0)
		return kcheck_fail(ks, b->pos, e,
		    "batch epoch %d in a bootstrap file, where it is 0",
		    b->leader_epoch);
	if (index == 0 && ks->kind == KCHECK_SNAPSHOT && b->leader_epoch < 1)
		return kcheck_fail(ks, b->pos, e,
		    "batch epoch %d: a snapshot's epoch is at least 1",
		    b->leader_epoch);
	return 0;
}

static int
kcheck_batch(void *arg, const char *path, size_t index, const struct kbatch *b,
    struct error *e)
{
	struct kcheck_state *ks = arg;
	struct kcheck_result *res = ks->res;
	const struct record *rec;
	char what[256];
	size_t i, pos;

	(void)path;
	res->batches++;
	if (b->size > res->largest_batch)
		res->largest_batch = b->size;
	ks->end = b->pos + b->size;
	if (b->size > BATCH_MAX_SIZE)
		return kcheck_fail(ks, b->pos, e,
		    "batch of %zu bytes, more than the %d KRaft allows",
		    b->size, BATCH_MAX_SIZE);
	for (i = 0; i < b->nrecords; i++) {
		rec = &b->records[i].rec;
		pos = b->records[i].pos;
		if (rec->control) {
			if (kcheck_control(ks, index, pos, b, rec, e) == -1)
				return -1;
			continue;
		}
		if (kcheck_data(ks, pos, rec, e) == -1)
			return -1;
		if (ks->expected != NULL && res->records < ks->nexpected &&
		    !kcheck_record_equal(
			rec, &ks->expected[res->records], what, sizeof what)) {
			if (res->mismatches++ == 0)
				snprintf(res->mismatch, sizeof res->mismatch,
				    "offset %zu: record %zu (%s) differs from "
				    "the expected one: %s",
				    pos, res->records, kcheck_rec_name(rec),
				    what);
		}
		if (rec->key >= 0 && rec->key < KCHECK_NKEYS)
			res->count[rec->key]++;
		res->records++;
	}
	return 0;
}

/* The kind of a file by its name, or -1 with e set. */
static int
kcheck_kind_of(const char *path, enum kcheck_kind *kind, struct error *e)
{
	int64_t offset;
	int32_t epoch;

	if (strcmp(kcheck_basename(path), KLOG_BOOTSTRAP_NAME) == 0)
		*kind = KCHECK_BOOTSTRAP;
	else if (klog_snapshot_name(path, &offset, &epoch))
		*kind = KCHECK_SNAPSHOT;
	else
		return error_set(e, EXIT_INVALID,
		    "%s: named neither %s nor like a snapshot "
		    "(<offset>-<epoch>.checkpoint), so its kind is unknown",
		    path, KLOG_BOOTSTRAP_NAME);
	return 0;
}

int
kcheck_file(const char *path, enum kcheck_kind kind,
    const struct record *expected, size_t nexpected, struct kcheck_result *res,
    struct error *e)
{
	struct kcheck_result r = {0};
	struct kcheck_state ks = {.path = path,
	    .expected = expected,
	    .nexpected = nexpected,
	    .res = &r};
	int64_t offset;
	int32_t epoch;
	size_t i, extra;
	int ret = -1;

	if (kind == KCHECK_AUTO && kcheck_kind_of(path, &kind, e) == -1)
		goto out;
	ks.kind = r.kind = kind;
	r.compared = expected != NULL;
	/* Name rules apply only to names that parse (section 6.2). */
	if (kind == KCHECK_SNAPSHOT &&
	    klog_snapshot_name(path, &offset, &epoch) &&
	    (offset < 1 || epoch < 1)) {
		error_set(e, EXIT_INVALID,
		    "%s: snapshot id (%lld, %d) from the name: the offset and "
		    "the epoch must both be at least 1",
		    path, (long long)offset, epoch);
		goto out;
	}
	if (klog_read_file(path, KLOG_CHECKPOINT, 0, kcheck_batch, &ks, e) ==
	    -1)
		goto out;
	r.size = ks.end;
	if (r.records == 0) {
		error_set(e, EXIT_INVALID,
		    "%s: no data records, so no FeatureLevelRecord for "
		    "metadata.version",
		    path);
		goto out;
	}
	if (expected != NULL && r.records != nexpected) {
		extra = r.records > nexpected ? r.records - nexpected
					      : nexpected - r.records;
		if (r.mismatches == 0)
			snprintf(r.mismatch, sizeof r.mismatch,
			    "%zu data records, expected %zu", r.records,
			    nexpected);
		r.mismatches += extra;
	}
	ret = 0;
out:
	for (i = 0; i < ks.ntopics; i++)
		free(ks.topics[i].name);
	free(ks.topics);
	kcheck_set_free(&ks.ids);
	kcheck_set_free(&ks.names);
	kcheck_set_free(&ks.parts);
	if (res != NULL)
		*res = r;
	return ret;
}

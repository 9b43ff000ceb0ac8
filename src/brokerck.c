/*
 * check-broker's judgement of a broker's log directories (see
 * brokerck.h).  The Kafka code each rule comes from is named where the
 * rule is applied.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "b64.h"
#include "brokerck.h"
#include "buf.h"
#include "fsio.h"
#include "klog.h"
#include "report-json.h"
#include "xmalloc.h"

/* Neither file is ever large; anything bigger is not Kafka's. */
#define BROKERCK_FILE_MAX (64 * 1024)

static const char *brokerck_verdict_names[BROKERCK_NVERDICTS] = {
    [BROKERCK_KEEP] = "keep",
    [BROKERCK_NEEDS_PMETA] = "needs-partition-metadata",
    [BROKERCK_STRAY] = "stray",
    [BROKERCK_CONFLICT] = "conflict",
    [BROKERCK_DUPLICATE] = "duplicate",
    [BROKERCK_DELETE] = "delete",
    [BROKERCK_OLD_STRAY] = "already-stray",
    [BROKERCK_METADATA_LOG] = "metadata-log",
    [BROKERCK_MISPLACED] = "misplaced-metadata-log",
    [BROKERCK_IGNORED] = "ignored",
    [BROKERCK_BAD_NAME] = "bad-name",
    [BROKERCK_ERROR] = "error",
};

const char *
brokerck_verdict_name(enum brokerck_verdict v)
{
	return v < BROKERCK_NVERDICTS ? brokerck_verdict_names[v] : "?";
}

static char *
brokerck_str(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

/* "[1, 2, 3]", Kafka's way of printing a replica list. */
static char *
brokerck_replicas(struct arena *a, const struct image_i32s *r)
{
	struct buf b = {0};
	char num[16];
	size_t i;
	char *s;

	buf_put_u8(&b, '[');
	for (i = 0; i < r->n; i++) {
		snprintf(
		    num, sizeof num, "%s%" PRId32, i > 0 ? ", " : "", r->v[i]);
		buf_put(&b, num, strlen(num));
	}
	buf_put_u8(&b, ']');
	s = arena_strndup(a, (const char *)b.data, b.len);
	buf_free(&b);
	return s;
}

/*
 * Read a small file whole.  Returns 0, or -1 with errno set (ENOENT when
 * it is absent, EFBIG when it is too large to be Kafka's).
 */
static int
brokerck_read(const char *path, struct buf *out)
{
	uint8_t chunk[4096];
	ssize_t n;
	int fd, saved;

	out->len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	for (;;) {
		if ((n = read(fd, chunk, sizeof chunk)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > BROKERCK_FILE_MAX) {
			errno = EFBIG;
			goto fail;
		}
		buf_put(out, chunk, (size_t)n);
	}
	close(fd);
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Topics by id, for the lookups isStrayKraftReplica makes. */
struct brokerck_index {
	const struct image_topic **by_id;
	size_t n;
};

static int
brokerck_id_cmp(const void *a, const void *b)
{
	const struct image_topic *x = *(const struct image_topic *const *)a;
	const struct image_topic *y = *(const struct image_topic *const *)b;

	return memcmp(x->id.b, y->id.b, sizeof x->id.b);
}

static const struct image_topic *
brokerck_by_id(const struct brokerck_index *ix, const struct kuuid *id)
{
	size_t lo = 0, hi = ix->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = memcmp(id->b, ix->by_id[mid]->id.b, sizeof id->b);
		if (c == 0)
			return ix->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct image_topic *
brokerck_by_name(const struct image *im, const char *name)
{
	size_t lo = 0, hi = im->ntopics, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, im->topics[mid].name);
		if (c == 0)
			return &im->topics[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct image_partition *
brokerck_partition(const struct image_topic *t, int32_t id)
{
	size_t lo = 0, hi = t->npartitions, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->partitions[mid].id == id)
			return &t->partitions[mid];
		if (t->partitions[mid].id > id)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool
brokerck_has(const struct image_i32s *v, int32_t x)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->v[i] == x)
			return true;
	return false;
}

static void
brokerck_problem(struct brokerck *bc, struct brokerck_dir *d, bool error,
    const char *code, const char *msg)
{
	d->problems =
	    xreallocarray(d->problems, d->nproblems + 1, sizeof *d->problems);
	d->problems[d->nproblems++] =
	    (struct brokerck_problem){code, msg, error};
	if (error)
		bc->errors++;
	else {
		bc->problems++;
		bc->dir_problems++;
	}
}

/*
 * meta.properties, as KafkaRaftServer.initializeLogDirs loads and checks
 * it (MetaPropertiesEnsemble.Loader, .verify): present, readable, with a
 * node id equal to this node's and a cluster id equal in every log dir
 * (and, here, to the export's); directory ids not reserved, not repeated.
 */
static void
brokerck_meta(struct brokerck *bc, struct brokerck_dir *d,
    const struct brokerck_opts *o, const char **first_cluster,
    const char **first_dir)
{
	struct arena *a = &bc->arena;
	struct props p = {0};
	struct buf b = {0};
	const char *why, *key;
	char *path, whybuf[256];
	size_t i;

	path = arena_printf(a, "%s/%s", d->path, LOGDIR_META);
	if (brokerck_read(path, &b) == -1) {
		if (errno == ENOENT)
			brokerck_problem(bc, d, false, "no-meta-properties",
			    arena_printf(a,
				"%s: missing: Kafka refuses to start "
				"(\"No `meta.properties` found\")",
				path));
		else
			brokerck_problem(bc, d, true, "unreadable",
			    arena_printf(a, "%s: %s", path, strerror(errno)));
		goto out;
	}
	if (props_parse(&p, b.data, b.len, &why) == -1) {
		snprintf(whybuf, sizeof whybuf, "%s", why);
		goto bad;
	}
	if (logdir_meta_parse(&p, &d->meta, whybuf, sizeof whybuf) == -1)
		goto bad;
	d->meta.cluster_id = brokerck_str(a, d->meta.cluster_id);
	d->has_meta = true;
	key = d->meta.version == 0 ? "broker.id" : "node.id";
	if (!d->meta.has_node_id)
		brokerck_problem(bc, d, false, "no-node-id",
		    arena_printf(a,
			"%s: no %s: Kafka refuses to start (\"node ID not "
			"found\")",
			path, key));
	else if (d->meta.node_id != o->node_id)
		brokerck_problem(bc, d, false, "node-id-mismatch",
		    arena_printf(a,
			"%s: %s is %" PRId32 ", not %" PRId32
			": Kafka refuses to start (\"Stored node id ... "
			"doesn't match\")",
			path, key, d->meta.node_id, o->node_id));
	if (d->meta.cluster_id == NULL)
		brokerck_problem(bc, d, false, "no-cluster-id",
		    arena_printf(a,
			"%s: no cluster.id: Kafka refuses to start "
			"(\"cluster ID not found\")",
			path));
	else if (o->cluster_id != NULL) {
		/* Equal to the export's, so equal in every log dir. */
		if (strcmp(o->cluster_id, d->meta.cluster_id) != 0)
			brokerck_problem(bc, d, false, "cluster-id-mismatch",
			    arena_printf(a,
				"%s: cluster.id %s, but the export's is %s: "
				"the controllers refuse the broker "
				"(InconsistentClusterIdException)",
				path, d->meta.cluster_id, o->cluster_id));
	} else if (*first_cluster != NULL &&
	    strcmp(*first_cluster, d->meta.cluster_id) != 0)
		brokerck_problem(bc, d, false, "cluster-id-differs",
		    arena_printf(a,
			"%s: cluster.id %s differs from %s in %s: Kafka "
			"refuses to start (\"Invalid cluster.id\")",
			path, d->meta.cluster_id, *first_cluster, *first_dir));
	if (d->meta.cluster_id != NULL && *first_cluster == NULL) {
		*first_cluster = d->meta.cluster_id;
		*first_dir = d->path;
	}
	if (d->meta.has_directory_id &&
	    logdir_directory_id_reserved(&d->meta.directory_id))
		brokerck_problem(bc, d, false, "reserved-directory-id",
		    arena_printf(a,
			"%s: directory.id is a reserved id: Kafka refuses to "
			"start",
			path));
	for (i = 0; d->meta.has_directory_id && &bc->dirs[i] != d; i++)
		if (bc->dirs[i].has_meta && bc->dirs[i].meta.has_directory_id &&
		    memcmp(&bc->dirs[i].meta.directory_id,
			&d->meta.directory_id,
			sizeof d->meta.directory_id) == 0)
			brokerck_problem(bc, d, false, "duplicate-directory-id",
			    arena_printf(a,
				"%s: the directory.id of %s too: Kafka "
				"refuses to start",
				path, bc->dirs[i].path));
	goto out;
bad:
	brokerck_problem(bc, d, false, "bad-meta-properties",
	    arena_printf(a, "%s: %s: %s", path, whybuf,
		d->metadata ? "Kafka refuses to start (the metadata log "
			      "directory cannot be used)"
			    : "Kafka takes the log directory offline and "
			      "serves none of its partitions"));
out:
	props_free(&p);
	buf_free(&b);
}

/* The partition's segment files (*.log, LogFileUtils.LOG_FILE_SUFFIX):
 * how many and their bytes.  -1 with errno when the directory cannot be
 * read. */
static int
brokerck_segments(const char *dir, struct brokerck_entry *en)
{
	struct dirent *de;
	struct stat sb;
	size_t len;
	char *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".log") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			en->segments++;
			en->bytes += (uint64_t)sb.st_size;
		}
		free(path);
	}
	closedir(d);
	return 0;
}

/*
 * Whether stat's error says the path leads nowhere (a symbolic link to
 * nothing, a loop, a file on the way, a name too long): the same for
 * Kafka's user, unlike EACCES, where that user may see more than ours.
 */
static bool
brokerck_unresolved(int err)
{
	return err == ENOENT || err == ELOOP || err == ENOTDIR ||
	    err == ENAMETOOLONG;
}

/*
 * Read en's partition.metadata into en->pmeta and en->pmeta_id.  Returns
 * -1 when that decides the verdict (a dangling link, a file that cannot
 * be read or parsed), else 0: absent or ok.
 */
static int
brokerck_read_pmeta(struct arena *a, struct brokerck_entry *en)
{
	struct buf b = {0};
	struct stat sb;
	char *path, why[256];
	int saved, ret = -1;

	path = arena_printf(a, "%s/%s", en->path, LOGDIR_PMETA);
	if (brokerck_read(path, &b) == -1) {
		saved = errno;
		if (brokerck_unresolved(saved) && lstat(path, &sb) == 0 &&
		    S_ISLNK(sb.st_mode)) {
			/* File.exists is false: no topic id, so stray.  Not
			 * fixable: --apply would write through the link or
			 * replace it. */
			en->pmeta = BROKERCK_PMETA_DANGLING;
			en->verdict = BROKERCK_STRAY;
			en->reason = "dangling-partition-metadata";
			en->detail = arena_printf(a,
			    "partition.metadata is a symbolic link that does "
			    "not resolve (%s): Kafka reads no topic id and "
			    "moves the directory aside as stray; nothing is "
			    "written through the link: remove it and check "
			    "again",
			    strerror(saved));
			goto out;
		}
		if (saved != ENOENT) {
			en->pmeta = BROKERCK_PMETA_BAD;
			en->verdict = BROKERCK_ERROR;
			en->reason = "unreadable";
			en->detail =
			    arena_printf(a, "%s: %s", path, strerror(saved));
			goto out;
		}
		en->pmeta = BROKERCK_PMETA_ABSENT;
	} else if (logdir_pmeta_parse(
		       b.data, b.len, &en->pmeta_id, why, sizeof why) == -1) {
		/* PartitionMetadataReadBuffer throws: the log directory goes
		 * offline, or the broker stops. */
		en->pmeta = BROKERCK_PMETA_BAD;
		en->verdict = BROKERCK_ERROR;
		en->reason = "bad-partition-metadata";
		en->detail = arena_printf(a,
		    "%s: %s: Kafka cannot read it (the log directory goes "
		    "offline or the broker stops)",
		    path, why);
		goto out;
	} else
		en->pmeta = BROKERCK_PMETA_OK;
	ret = 0;
out:
	buf_free(&b);
	return ret;
}

/*
 * No partition.metadata: stray for want of a topic id; fixable when the
 * partition is this node's in the export (byname, whose id is xid).
 */
static void
brokerck_judge_absent(struct arena *a, struct brokerck_entry *en,
    const struct brokerck_opts *o, const struct image_topic *byname,
    const char *xid)
{
	const struct image_partition *p;

	en->verdict = BROKERCK_STRAY;
	if (byname == NULL) {
		en->reason = "unknown-topic";
		en->detail = arena_printf(a,
		    "no partition.metadata, and the export has no topic %s",
		    en->topic);
	} else if ((p = brokerck_partition(byname, en->partition)) == NULL) {
		en->reason = "unknown-partition";
		en->detail = arena_printf(a,
		    "no partition.metadata, and the export's topic %s has no "
		    "partition %" PRId32 " (it has %zu)",
		    en->topic, en->partition, byname->npartitions);
	} else if (!brokerck_has(&p->replicas, o->node_id)) {
		en->replicas = &p->replicas;
		en->reason = "not-a-replica";
		en->detail = arena_printf(a,
		    "no partition.metadata, and node %" PRId32
		    " is not among its replicas %s in the export",
		    o->node_id, brokerck_replicas(a, &p->replicas));
	} else {
		en->replicas = &p->replicas;
		en->verdict = BROKERCK_NEEDS_PMETA;
		en->reason = "no-partition-metadata";
		en->detail = arena_printf(a,
		    "no partition.metadata: Kafka would move it aside as "
		    "stray; --apply writes topic id %s",
		    xid);
	}
}

/*
 * A topic id in partition.metadata: stray unless the export has that id
 * with the partition and this node among its replicas.
 */
static void
brokerck_judge_id(struct arena *a, struct brokerck_entry *en,
    const struct brokerck_opts *o, const struct brokerck_index *ix,
    const struct image_topic *byname, const char *xid)
{
	const struct image_topic *byid;
	const struct image_partition *p;
	char id[B64_UUID_LEN + 1];

	b64_uuid_str(&en->pmeta_id, id);
	en->verdict = BROKERCK_STRAY;
	if ((byid = brokerck_by_id(ix, &en->pmeta_id)) == NULL) {
		if (byname != NULL) {
			/* Not replaced: the directory may hold an older
			 * incarnation of the topic. */
			en->reason = "topic-id-mismatch";
			en->detail = arena_printf(a,
			    "partition.metadata has topic id %s, the export "
			    "has %s for %s: another incarnation of the topic, "
			    "or its id changed in ZooKeeper; not replaced "
			    "automatically",
			    id, xid, en->topic);
		} else {
			en->reason = "unknown-topic-id";
			en->detail = arena_printf(a,
			    "topic id %s is not in the export, and the export "
			    "has no topic %s",
			    id, en->topic);
		}
		return;
	}
	if ((p = brokerck_partition(byid, en->partition)) == NULL) {
		en->reason = "unknown-partition";
		en->detail = arena_printf(a,
		    "the export's topic %s (id %s) has no partition %" PRId32
		    " (it has %zu)",
		    byid->name, id, en->partition, byid->npartitions);
		return;
	}
	en->replicas = &p->replicas;
	if (!brokerck_has(&p->replicas, o->node_id)) {
		en->reason = "not-a-replica";
		en->detail = arena_printf(a,
		    "node %" PRId32 " is not among its replicas %s in the "
		    "export",
		    o->node_id, brokerck_replicas(a, &p->replicas));
		return;
	}
	if (strcmp(byid->name, en->topic) != 0) {
		/* Not stray (the id and partition check out), so Kafka loads
		 * it under the directory's name, where the id is wrong. */
		en->verdict = BROKERCK_CONFLICT;
		en->reason = "topic-id-of-another-topic";
		en->detail = arena_printf(a,
		    "partition.metadata has topic id %s, which is topic %s's: "
		    "Kafka loads it as %s-%" PRId32 " but cannot serve it",
		    id, byid->name, en->topic, en->partition);
		return;
	}
	en->verdict = BROKERCK_KEEP;
	en->detail = arena_printf(a, "topic id %s, replicas %s", id,
	    brokerck_replicas(a, &p->replicas));
}

/*
 * A current or future partition directory against the image:
 * LogManager.isStrayKraftReplica (no topic id, a topic id the image does
 * not have, a partition it does not have, a replica set without this
 * node: stray), and what a partition.metadata with the export's id would
 * change.
 */
static void
brokerck_judge(struct brokerck *bc, struct brokerck_entry *en,
    const struct brokerck_opts *o, const struct image *im,
    const struct brokerck_index *ix)
{
	const struct image_topic *byname;
	char xid[B64_UUID_LEN + 1] = "";

	byname = brokerck_by_name(im, en->topic);
	if (byname != NULL) {
		en->has_export_id = true;
		en->export_id = byname->id;
		b64_uuid_str(&byname->id, xid);
	}
	if (brokerck_read_pmeta(&bc->arena, en) == -1)
		return;
	if (en->pmeta == BROKERCK_PMETA_ABSENT)
		brokerck_judge_absent(&bc->arena, en, o, byname, xid);
	else
		brokerck_judge_id(&bc->arena, en, o, ix, byname, xid);
}

/* One entry of a log directory: LogManager.loadLogs and loadLog. */
static void
brokerck_entry(struct brokerck *bc, struct brokerck_dir *d,
    struct brokerck_entry *en, const struct brokerck_opts *o,
    const struct image *im, const struct brokerck_index *ix)
{
	struct arena *a = &bc->arena;
	struct logdir_name ln;

	if (strcmp(en->name, LOGDIR_REMOTE_INDEX_CACHE) == 0) {
		en->verdict = BROKERCK_IGNORED;
		en->detail = "tiered storage's index cache, not a partition";
		return;
	}
	if (!logdir_parse_name(en->name, &ln)) {
		en->verdict = BROKERCK_BAD_NAME;
		en->reason = "bad-name";
		en->detail = "not <topic>-<partition> (or with .<id>-delete, "
			     "-future, -stray): Kafka refuses to start";
		return;
	}
	en->topic = arena_strndup(a, en->name, ln.topic_len);
	en->partition = ln.partition;
	en->kind = ln.kind;
	if (strcmp(en->topic, LOGDIR_METADATA_TOPIC) == 0) {
		/* Skipped by loadLogs; initializeLogDirs refuses a
		 * __cluster_metadata-0 outside the metadata log dir. */
		if (strcmp(en->name, KLOG_METADATA_DIR) != 0) {
			en->verdict = BROKERCK_IGNORED;
			en->detail = "of the metadata topic: Kafka skips it";
		} else if (d->metadata) {
			en->verdict = BROKERCK_METADATA_LOG;
			en->detail = "the KRaft metadata log, not a partition";
		} else {
			en->verdict = BROKERCK_MISPLACED;
			en->reason = "misplaced-metadata-log";
			en->detail = arena_printf(a,
			    "a metadata log outside the metadata log "
			    "directory %s: Kafka refuses to start",
			    bc->dirs[0].path);
		}
		return;
	}
	if (brokerck_segments(en->path, en) == -1) {
		en->verdict = BROKERCK_ERROR;
		en->reason = "unreadable";
		en->detail =
		    arena_printf(a, "%s: %s", en->path, strerror(errno));
		return;
	}
	switch (ln.kind) {
	case LOGDIR_DELETE:
		en->verdict = BROKERCK_DELETE;
		en->detail = "marked for deletion: Kafka deletes it";
		return;
	case LOGDIR_STRAY:
		en->verdict = BROKERCK_OLD_STRAY;
		en->detail = "moved aside as stray before: Kafka keeps it and "
			     "does not serve it";
		return;
	case LOGDIR_CURRENT:
	case LOGDIR_FUTURE:
		break;
	}
	brokerck_judge(bc, en, o, im, ix);
}

static int
brokerck_entry_cmp(const void *a, const void *b)
{
	const struct brokerck_entry *x = a, *y = b;
	int c;

	c = strcmp(x->topic != NULL ? x->topic : x->name,
	    y->topic != NULL ? y->topic : y->name);
	if (c != 0)
		return c;
	if (x->topic != NULL && y->topic != NULL &&
	    x->partition != y->partition)
		return x->partition < y->partition ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
brokerck_dir(struct brokerck *bc, struct brokerck_dir *d,
    const struct brokerck_opts *o, const struct image *im,
    const struct brokerck_index *ix)
{
	struct arena *a = &bc->arena;
	struct brokerck_entry *en;
	struct dirent *de;
	struct stat sb;
	size_t cap = 0, i;
	int st, saved;
	bool unresolved, islink;
	char *path;
	DIR *dp;

	if ((dp = opendir(d->path)) == NULL) {
		brokerck_problem(bc, d, true, "unreadable",
		    arena_printf(a, "%s: %s", d->path, strerror(errno)));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		path = arena_printf(a, "%s/%s", d->path, de->d_name);
		/* File.isDirectory follows symbolic links; files are not
		 * Kafka's business here, nor what has gone since readdir. */
		st = stat(path, &sb);
		saved = errno;
		if (st == 0 && !S_ISDIR(sb.st_mode))
			continue;
		unresolved = st == -1 && brokerck_unresolved(saved);
		islink = false;
		if (unresolved) {
			if (lstat(path, &sb) == 0)
				islink = S_ISLNK(sb.st_mode);
			else if (errno == ENOENT)
				continue;
		}
		if (d->nentries == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			d->entries =
			    xreallocarray(d->entries, cap, sizeof *d->entries);
		}
		en = &d->entries[d->nentries++];
		*en = (struct brokerck_entry){0};
		en->name = brokerck_str(a, de->d_name);
		en->path = path;
		if (unresolved) {
			/* isDirectory is false whatever the error. */
			en->verdict = BROKERCK_IGNORED;
			en->detail = islink
			    ? arena_printf(a,
				  "a symbolic link that does not resolve "
				  "(%s): Kafka skips it",
				  strerror(saved))
			    : arena_printf(
				  a, "%s: Kafka skips it", strerror(saved));
			continue;
		}
		if (st == -1) {
			en->verdict = BROKERCK_ERROR;
			en->reason = "unreadable";
			en->detail =
			    arena_printf(a, "%s: %s", path, strerror(saved));
			continue;
		}
		brokerck_entry(bc, d, en, o, im, ix);
	}
	closedir(dp);
	if (d->nentries > 1)
		qsort(d->entries, d->nentries, sizeof *d->entries,
		    brokerck_entry_cmp);
	for (i = 0; i < d->nentries; i++)
		if (d->entries[i].verdict == BROKERCK_ERROR)
			bc->errors++;
}

/*
 * Whether Kafka loads the entry as a log (LogManager.loadLog's currentLogs
 * / futureLogs), so that two of them collide.  A directory without
 * partition.metadata is not loaded: loadLog finds it stray (no topic id)
 * before it looks for duplicates.
 */
static bool
brokerck_loaded(const struct brokerck_entry *en)
{
	return en->verdict == BROKERCK_KEEP ||
	    en->verdict == BROKERCK_CONFLICT ||
	    en->verdict == BROKERCK_DUPLICATE;
}

static int
brokerck_tp_cmp(const void *a, const void *b)
{
	const struct brokerck_entry *x = *(struct brokerck_entry *const *)a;
	const struct brokerck_entry *y = *(struct brokerck_entry *const *)b;
	int c;

	if ((c = strcmp(x->topic, y->topic)) != 0)
		return c;
	if (x->partition != y->partition)
		return x->partition < y->partition ? -1 : 1;
	if ((x->kind == LOGDIR_FUTURE) != (y->kind == LOGDIR_FUTURE))
		return x->kind == LOGDIR_FUTURE ? 1 : -1;
	return strcmp(x->path, y->path);
}

static bool
brokerck_same_tp(const struct brokerck_entry *x, const struct brokerck_entry *y)
{
	return strcmp(x->topic, y->topic) == 0 &&
	    x->partition == y->partition &&
	    (x->kind == LOGDIR_FUTURE) == (y->kind == LOGDIR_FUTURE);
}

/* The copy v[k] is named against in the group v[lo..hi): the next loaded
 * one after it (around the group), else the next one. */
static const struct brokerck_entry *
brokerck_other(struct brokerck_entry **v, size_t lo, size_t hi, size_t k)
{
	size_t i, n = hi - lo;

	for (i = 1; i < n; i++)
		if (brokerck_loaded(v[lo + (k - lo + i) % n]))
			return v[lo + (k - lo + i) % n];
	return v[lo + (k - lo + 1) % n];
}

/*
 * Two loaded directories for one partition (or two future ones) stop
 * Kafka: "Duplicate log directories".  A needs-partition-metadata
 * directory is stray for Kafka, not a duplicate, but writing its file
 * would make it one when another directory for the partition is loaded
 * or lacks the file too: it stays stray, its data at risk, and nothing
 * is written into any of them.
 */
static void
brokerck_duplicates(struct brokerck *bc)
{
	struct brokerck_entry **v = NULL, *x;
	const struct brokerck_entry *y;
	size_t n = 0, i, j, k, loaded;

	for (i = 0; i < bc->ndirs; i++)
		for (j = 0; j < bc->dirs[i].nentries; j++) {
			x = &bc->dirs[i].entries[j];
			if (brokerck_loaded(x) ||
			    x->verdict == BROKERCK_NEEDS_PMETA) {
				v = xreallocarray(v, n + 1, sizeof *v);
				v[n++] = x;
			}
		}
	if (n > 1)
		qsort(v, n, sizeof *v, brokerck_tp_cmp);
	for (i = 0; i < n; i = j) {
		loaded = brokerck_loaded(v[i]) ? 1 : 0;
		for (j = i + 1; j < n && brokerck_same_tp(v[i], v[j]); j++)
			if (brokerck_loaded(v[j]))
				loaded++;
		if (j - i < 2)
			continue;
		for (k = i; k < j; k++) {
			x = v[k];
			y = brokerck_other(v, i, j, k);
			if (brokerck_loaded(x)) {
				if (loaded < 2)
					continue;
				x->verdict = BROKERCK_DUPLICATE;
				x->reason = "duplicate";
				x->detail = arena_printf(&bc->arena,
				    "%s too: Kafka refuses to start with two "
				    "directories for one partition",
				    y->path);
			} else {
				x->verdict = BROKERCK_STRAY;
				x->reason = "would-duplicate";
				x->detail = brokerck_loaded(y)
				    ? arena_printf(&bc->arena,
					  "no partition.metadata: Kafka moves "
					  "it aside as stray; %s is loaded "
					  "for this partition, so with the "
					  "file Kafka would refuse to start "
					  "(two directories for one "
					  "partition): not written",
					  y->path)
				    : arena_printf(&bc->arena,
					  "no partition.metadata, nor in %s: "
					  "Kafka moves each aside as stray; "
					  "with the file in more than one it "
					  "would refuse to start (two "
					  "directories for one partition): "
					  "not written",
					  y->path);
			}
		}
	}
	free(v);
}

bool
brokerck_is_problem(const struct brokerck_entry *en)
{
	switch (en->verdict) {
	case BROKERCK_NEEDS_PMETA:
	case BROKERCK_CONFLICT:
	case BROKERCK_DUPLICATE:
	case BROKERCK_MISPLACED:
	case BROKERCK_BAD_NAME:
		return true;
	case BROKERCK_STRAY:
		/* Only data is lost: an empty stray directory is not. */
		return en->bytes > 0;
	default:
		return false;
	}
}

void
brokerck_run(
    struct brokerck *bc, const struct brokerck_opts *o, const struct image *im)
{
	struct brokerck_index ix = {0};
	const char *first_cluster = NULL, *first_dir = NULL;
	struct brokerck_entry *en;
	struct brokerck_dir *d;
	struct stat sb;
	size_t i, j;

	ix.by_id = xreallocarray(NULL, im->ntopics + 1, sizeof *ix.by_id);
	for (i = 0; i < im->ntopics; i++)
		ix.by_id[ix.n++] = &im->topics[i];
	if (ix.n > 1)
		qsort(ix.by_id, ix.n, sizeof *ix.by_id, brokerck_id_cmp);

	bc->dirs = xcalloc(o->nlog_dirs, sizeof *bc->dirs);
	bc->ndirs = o->nlog_dirs;
	for (i = 0; i < o->nlog_dirs; i++) {
		bc->dirs[i].path = brokerck_str(&bc->arena, o->log_dirs[i]);
		bc->dirs[i].metadata = i == 0;
	}
	for (i = 0; i < bc->ndirs; i++) {
		d = &bc->dirs[i];
		errno = 0;
		if (stat(d->path, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
			brokerck_problem(bc, d, true, "unreadable",
			    arena_printf(&bc->arena, "%s: %s", d->path,
				errno != 0 ? strerror(errno)
					   : "not a directory"));
			continue;
		}
		brokerck_meta(bc, d, o, &first_cluster, &first_dir);
		brokerck_dir(bc, d, o, im, &ix);
	}
	brokerck_duplicates(bc);
	for (i = 0; i < bc->ndirs; i++) {
		d = &bc->dirs[i];
		for (j = 0; j < d->nentries; j++) {
			en = &d->entries[j];
			bc->count[en->verdict]++;
			bc->bytes[en->verdict] += en->bytes;
			if (brokerck_is_problem(en))
				bc->problems++;
			if (en->verdict == BROKERCK_NEEDS_PMETA ||
			    en->verdict == BROKERCK_CONFLICT ||
			    (en->verdict == BROKERCK_STRAY && en->bytes > 0)) {
				bc->at_risk++;
				bc->at_risk_bytes += en->bytes;
			}
		}
	}
	free(ix.by_id);
}

void
brokerck_free(struct brokerck *bc)
{
	size_t i;

	for (i = 0; i < bc->ndirs; i++) {
		free(bc->dirs[i].problems);
		free(bc->dirs[i].entries);
	}
	free(bc->dirs);
	arena_free(&bc->arena);
	*bc = (struct brokerck){0};
}

/* cluster.id from dir's meta.properties, else its report.json. */
static int
brokerck_cluster_id_in(const char *dir, char **id, char **from, struct error *e)
{
	struct props p = {0};
	struct buf b = {0};
	const char *why, *v;
	char *path;
	int r, ret = -1;

	path = xasprintf("%s/%s", dir, LOGDIR_META);
	if (brokerck_read(path, &b) == -1) {
		if (errno != ENOENT) {
			error_set(
			    e, EXIT_FAIL, "%s: %s", path, strerror(errno));
			goto out;
		}
	} else if (props_parse(&p, b.data, b.len, &why) == -1) {
		error_set(e, EXIT_FAIL, "%s: %s", path, why);
		goto out;
	} else if ((v = props_get(&p, "cluster.id")) != NULL) {
		*id = xstrdup(v);
		*from = path;
		path = NULL;
		ret = 1;
		goto out;
	}
	free(path);
	path = xasprintf("%s/report.json", dir);
	if ((r = report_cluster_id(path, id, e)) == 1) {
		*from = path;
		path = NULL;
	}
	ret = r;
out:
	free(path);
	props_free(&p);
	buf_free(&b);
	return ret;
}

int
brokerck_cluster_id(const char *export, char **id, char **from, struct error *e)
{
	struct stat sb;
	char *dir, *base, *parent = NULL;
	int r;

	*id = *from = NULL;
	if (stat(export, &sb) == -1)
		return error_set(
		    e, EXIT_FAIL, "%s: %s", export, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		dir = xstrdup(export);
	else {
		base = xstrdup(export);
		dir = xstrdup(dirname(base));
		free(base);
	}
	/* A snapshot export is DIR/__cluster_metadata-0/...; a controller's
	 * meta.properties sits beside its __cluster_metadata-0 too. */
	base = xstrdup(dir);
	if (strcmp(basename(base), KLOG_METADATA_DIR) == 0) {
		free(base);
		base = xstrdup(dir);
		parent = xstrdup(dirname(base));
	}
	free(base);
	r = brokerck_cluster_id_in(dir, id, from, e);
	if (r == 0 && parent != NULL)
		r = brokerck_cluster_id_in(parent, id, from, e);
	free(dir);
	free(parent);
	return r;
}

static void
brokerck_change(struct brokerck_changes *ch, const char *path,
    const struct kuuid *id, const char *error)
{
	if (ch->n == ch->cap) {
		ch->cap = ch->cap == 0 ? 16 : ch->cap * 2;
		ch->v = xreallocarray(ch->v, ch->cap, sizeof *ch->v);
	}
	ch->v[ch->n++] =
	    (struct brokerck_change){brokerck_str(&ch->arena, path), *id,
		brokerck_str(&ch->arena, error)};
	if (error != NULL)
		ch->failed++;
}

/* One partition.metadata: staged beside its final name, given the
 * directory's owner when we are root, linked into place unless something
 * has the name by then (which is never replaced), the directory synced
 * (fsio). */
static int
brokerck_write(
    const struct brokerck_entry *en, const char *path, struct error *e)
{
	struct fsio fs = {0};
	char text[LOGDIR_PMETA_MAX];
	const char *tmp;
	struct stat sb;
	size_t len;

	len = logdir_pmeta_encode(&en->export_id, text);
	if ((tmp = fsio_stage(&fs, path, text, len, 0644, e)) == NULL)
		goto fail;
	if (geteuid() == 0 && stat(en->path, &sb) == 0 &&
	    lchown(tmp, sb.st_uid, sb.st_gid) == -1) {
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	return fsio_commit_noreplace(&fs, e);
fail:
	fsio_abort(&fs);
	return -1;
}

void
brokerck_apply(const struct brokerck *bc, struct brokerck_changes *ch)
{
	const struct brokerck_entry *en;
	struct error e;
	char *path;
	size_t i, j;

	for (i = 0; i < bc->ndirs; i++)
		for (j = 0; j < bc->dirs[i].nentries; j++) {
			en = &bc->dirs[i].entries[j];
			if (en->verdict != BROKERCK_NEEDS_PMETA)
				continue;
			e = (struct error){0};
			path = xasprintf("%s/%s", en->path, LOGDIR_PMETA);
			if (brokerck_write(en, path, &e) == -1)
				brokerck_change(
				    ch, path, &en->export_id, e.msg);
			else
				brokerck_change(ch, path, &en->export_id, NULL);
			free(path);
		}
}

void
brokerck_changes_free(struct brokerck_changes *ch)
{
	free(ch->v);
	arena_free(&ch->arena);
	*ch = (struct brokerck_changes){0};
}

/*
 * Reading KRaft checkpoints, segments and log directories (see klog.h).
 * Files are mapped read-only; one arena holds a batch's decoded records and
 * is emptied before the next batch, so memory stays flat on large segments.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klog.h"
#include "xmalloc.h"

static const char *
klog_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s == NULL ? path : s + 1;
}

static bool
klog_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

char *
klog_snapshot_format(char *name, int64_t offset, int32_t epoch)
{
	snprintf(name, KLOG_SNAPSHOT_NAME_SIZE,
	    "%020" PRId64 "-%010" PRId32 KLOG_CHECKPOINT_SUFFIX, offset, epoch);
	return name;
}

bool
klog_snapshot_name(const char *path, int64_t *offset, int32_t *epoch)
{
	const char *name = klog_basename(path);
	unsigned long long o, ep;

	if (strlen(name) != KLOG_SNAPSHOT_NAME_SIZE - 1 ||
	    !klog_digits(name, 20) || name[20] != '-' ||
	    !klog_digits(name + 21, 10) ||
	    strcmp(name + 31, KLOG_CHECKPOINT_SUFFIX) != 0)
		return false;
	o = strtoull(name, NULL, 10);
	ep = strtoull(name + 21, NULL, 10);
	if (o > INT64_MAX || ep > INT32_MAX)
		return false;
	*offset = (int64_t)o;
	*epoch = (int32_t)ep;
	return true;
}

static bool
klog_segment_name(const char *path, int64_t *offset)
{
	const char *name = klog_basename(path);
	unsigned long long o;

	if (strlen(name) != 20 + strlen(".log") || !klog_digits(name, 20) ||
	    strcmp(name + 20, ".log") != 0)
		return false;
	o = strtoull(name, NULL, 10);
	if (o > INT64_MAX)
		return false;
	*offset = (int64_t)o;
	return true;
}

static bool
klog_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* What a checkpoint must look like, checked batch by batch. */
struct klog_state {
	enum klog_kind kind;
	bool named;    /* a snapshot name gave offset and epoch */
	int32_t epoch; /* from the name, or the first batch */
	int64_t next;  /* the base offset the next batch must have */
	bool footer;   /* a SnapshotFooterRecord was seen */
	size_t footer_pos;
};

static bool
klog_has(const struct kbatch *b, int control_type)
{
	size_t i;

	for (i = 0; i < b->nrecords; i++)
		if (b->records[i].rec.control &&
		    b->records[i].rec.key == control_type)
			return true;
	return false;
}

static int
klog_check(struct klog_state *st, size_t index, const struct kbatch *b,
    struct error *e)
{
	size_t i;

	if (st->kind == KLOG_SEGMENT) {
		if (index > 0 && b->base_offset < st->next)
			return error_set(e, EXIT_FAIL,
			    "offset %zu: batch base offset %lld, expected at "
			    "least %lld",
			    b->pos, (long long)b->base_offset,
			    (long long)st->next);
		st->next = b->base_offset + (int64_t)b->nrecords;
		return 0;
	}
	if (st->footer)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch after the SnapshotFooterRecord at "
		    "offset %zu",
		    b->pos, st->footer_pos);
	if (index == 0) {
		if (!batch_is_control(b) || b->nrecords == 0 ||
		    b->records[0].rec.key != CONTROL_SNAPSHOT_HEADER)
			return error_set(e, EXIT_FAIL,
			    "offset %zu: the first batch is not a control "
			    "batch "
			    "starting with a SnapshotHeaderRecord",
			    b->pos);
		if (!st->named)
			st->epoch = b->leader_epoch;
	}
	if (b->base_offset != st->next)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch base offset %lld, expected %lld", b->pos,
		    (long long)b->base_offset, (long long)st->next);
	if (b->leader_epoch != st->epoch)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: batch epoch %d, the snapshot's is %d", b->pos,
		    b->leader_epoch, st->epoch);
	if ((b->attributes & BATCH_ATTR_TRANSACTIONAL) != 0 ||
	    b->producer_id != -1)
		return error_set(e, EXIT_FAIL,
		    "offset %zu: transactional batch in a checkpoint", b->pos);
	for (i = 0; i < b->nrecords; i++) {
		const struct record *rec = &b->records[i].rec;

		if (!rec->control)
			continue;
		if (rec->key == CONTROL_SNAPSHOT_HEADER && (index > 0 || i > 0))
			return error_set(e, EXIT_FAIL,
			    "offset %zu: SnapshotHeaderRecord after the start",
			    b->records[i].pos);
		if (rec->key == CONTROL_ABORT || rec->key == CONTROL_COMMIT)
			return error_set(e, EXIT_FAIL,
			    "offset %zu: transaction marker in a checkpoint",
			    b->records[i].pos);
		if (rec->key == CONTROL_SNAPSHOT_FOOTER && i != b->nrecords - 1)
			return error_set(e, EXIT_FAIL,
			    "offset %zu: records after the "
			    "SnapshotFooterRecord",
			    b->records[i].pos);
	}
	if (klog_has(b, CONTROL_SNAPSHOT_FOOTER)) {
		st->footer = true;
		st->footer_pos = b->pos;
	}
	st->next = b->base_offset + (int64_t)b->nrecords;
	return 0;
}

/* Map path read-only; *len 0 leaves *p NULL. */
static int
klog_map(const char *path, const uint8_t **p, size_t *len, struct error *e)
{
	struct stat sb;
	void *m;
	int fd;

	*p = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return error_set(e, EXIT_FAIL, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) == -1) {
		error_set(e, EXIT_FAIL, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return error_set(e, EXIT_FAIL, "%s: not a regular file", path);
	}
	if (sb.st_size > 0) {
		m = mmap(
		    NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			error_set(
			    e, EXIT_FAIL, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		*p = m;
		*len = (size_t)sb.st_size;
	}
	close(fd);
	return 0;
}

int
klog_read_file(const char *path, enum klog_kind kind, int64_t min_offset,
    klog_cb cb, void *arg, struct error *e)
{
	struct klog_state st = {0};
	struct arena a = {0};
	struct kbatch b;
	struct bufr r;
	const uint8_t *p;
	size_t len, index;
	int64_t offset;
	int ret = -1;

	if (klog_map(path, &p, &len, e) == -1)
		return -1;
	if (kind == KLOG_AUTO) {
		if (klog_ends(path, KLOG_CHECKPOINT_SUFFIX))
			kind = KLOG_CHECKPOINT;
		else if (klog_ends(path, ".log"))
			kind = KLOG_SEGMENT;
		else if (len > BATCH_HEADER_SIZE &&
		    (p[22] & BATCH_ATTR_CONTROL) != 0)
			kind =
			    KLOG_CHECKPOINT; /* starts with a control batch */
		else
			kind = KLOG_SEGMENT;
	}
	st.kind = kind;
	st.named = klog_snapshot_name(path, &offset, &st.epoch);
	if (kind == KLOG_SEGMENT && klog_segment_name(path, &offset))
		st.next = offset;
	r = (struct bufr){p, len, 0, 0, NULL};
	/* A segment may be empty: Kafka rolls a new one before writing to
	 * it, and a freshly started controller's first one is empty. */
	if (len == 0 && kind != KLOG_SEGMENT) {
		error_set(e, EXIT_FAIL, "offset 0: empty file");
		goto out;
	}
	for (index = 0; bufr_left(&r) > 0; index++) {
		if (kind == KLOG_CHECKPOINT && st.footer) {
			error_set(e, EXIT_FAIL,
			    "offset %zu: %zu bytes after the "
			    "SnapshotFooterRecord batch",
			    bufr_pos(&r), bufr_left(&r));
			goto out;
		}
		arena_free(&a);
		if (batch_decode(&r, &b, &a, e) == -1 ||
		    klog_check(&st, index, &b, e) == -1)
			goto out;
		if (b.base_offset + (int64_t)b.nrecords <= min_offset)
			continue;
		if (cb(arg, path, index, &b, e) == -1) {
			arena_free(&a);
			if (p != NULL)
				munmap((void *)p, len);
			return -1; /* the callback's own error, no prefix */
		}
	}
	if (kind == KLOG_CHECKPOINT && !st.footer) {
		error_set(e, EXIT_FAIL,
		    "offset %zu: no SnapshotFooterRecord at the end: truncated "
		    "file",
		    len);
		goto out;
	}
	ret = 0;
out:
	arena_free(&a);
	if (p != NULL)
		munmap((void *)p, len);
	if (ret == -1)
		error_prefix(e, path);
	return ret;
}

struct klog_entry {
	char *name;
	int64_t offset;
	int32_t epoch;
};

static int
klog_entry_cmp(const void *a, const void *b)
{
	const struct klog_entry *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->epoch < y->epoch ? -1 : x->epoch > y->epoch;
}

static bool
klog_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
klog_read_dir(const char *dir, klog_cb cb, void *arg, struct error *e)
{
	struct klog_entry *snaps = NULL, *segs = NULL, *latest = NULL;
	size_t nsnaps = 0, nsegs = 0, i;
	struct dirent *de;
	char *logdir = NULL, *path;
	int64_t offset, min_offset = 0;
	bool bootstrap = false;
	int32_t epoch;
	DIR *d = NULL;
	int ret = -1;

	path = xasprintf("%s/%s", dir, KLOG_BOOTSTRAP_NAME);
	if (access(path, F_OK) == 0) {
		if (klog_read_file(path, KLOG_CHECKPOINT, 0, cb, arg, e) == -1)
			goto out;
		bootstrap = true;
	}
	logdir = xasprintf("%s/%s", dir, KLOG_METADATA_DIR);
	if (!klog_is_dir(logdir)) {
		free(logdir);
		logdir = xstrdup(dir);
	}
	if ((d = opendir(logdir)) == NULL) {
		error_set(e, EXIT_FAIL, "%s: %s", logdir, strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (klog_snapshot_name(de->d_name, &offset, &epoch)) {
			snaps = xreallocarray(snaps, nsnaps + 1, sizeof *snaps);
			snaps[nsnaps++] = (struct klog_entry){
			    xstrdup(de->d_name), offset, epoch};
		} else if (klog_segment_name(de->d_name, &offset)) {
			segs = xreallocarray(segs, nsegs + 1, sizeof *segs);
			segs[nsegs++] =
			    (struct klog_entry){xstrdup(de->d_name), offset, 0};
		}
	}
	if (nsnaps > 0)
		qsort(snaps, nsnaps, sizeof *snaps, klog_entry_cmp);
	if (nsegs > 0)
		qsort(segs, nsegs, sizeof *segs, klog_entry_cmp);
	if (nsnaps == 0 && nsegs == 0 && !bootstrap) {
		error_set(e, EXIT_FAIL, "%s: no %s, snapshot or log segment",
		    dir, KLOG_BOOTSTRAP_NAME);
		goto out;
	}
	if (nsnaps > 0) {
		latest = &snaps[nsnaps - 1];
		min_offset = latest->offset;
		free(path);
		path = xasprintf("%s/%s", logdir, latest->name);
		if (klog_read_file(path, KLOG_CHECKPOINT, 0, cb, arg, e) == -1)
			goto out;
	}
	for (i = 0; i < nsegs; i++) {
		free(path);
		path = xasprintf("%s/%s", logdir, segs[i].name);
		if (i + 1 < nsegs && segs[i + 1].offset <= min_offset)
			continue; /* wholly before the snapshot */
		if (klog_read_file(
			path, KLOG_SEGMENT, min_offset, cb, arg, e) == -1)
			goto out;
	}
	ret = 0;
out:
	if (d != NULL)
		closedir(d);
	for (i = 0; i < nsnaps; i++)
		free(snaps[i].name);
	for (i = 0; i < nsegs; i++)
		free(segs[i].name);
	free(snaps);
	free(segs);
	free(path);
	free(logdir);
	return ret;
}

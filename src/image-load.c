/*
 * Loading a KRaft metadata image from disk (see image.h): the one part of
 * the image that reads files.  klog.c reads the batches of a checkpoint,
 * a segment or a log directory; this file picks the records a broker
 * would replay (metadata transactions honoured) and hands them to the
 * pure replay, image_apply() in image.c.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "klog.h"
#include "records.h"
#include "xmalloc.h"

/* Loading: two passes over the batches.  The first finds the metadata
 * transactions of the log segments (aborted ones, one left open) and
 * whether the log holds records at all; the second applies every record
 * outside them. */

struct image_range {
	int64_t from, to; /* offsets [from, to] */
};

struct image_load {
	struct image *im;
	bool pass2;
	bool dir;
	bool log_records; /* records outside bootstrap.checkpoint */
	int64_t open;     /* offset of the open BeginTransactionRecord, -1 */
	struct image_range *dropped;
	size_t ndropped;
	size_t ndropped_records;
	size_t open_records;
};

static bool
image_is_bootstrap(const char *path)
{
	const char *s = strrchr(path, '/');

	return strcmp(s != NULL ? s + 1 : path, KLOG_BOOTSTRAP_NAME) == 0;
}

static bool
image_is_segment(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".log") == 0;
}

static int
image_load_batch(void *arg, const char *path, size_t index,
    const struct kbatch *b, struct error *e)
{
	struct image_load *l = arg;
	bool bootstrap = l->dir && image_is_bootstrap(path);
	bool segment = image_is_segment(path);
	size_t i, k;

	(void)index;
	if (batch_is_control(b))
		return 0;
	for (i = 0; i < b->nrecords; i++) {
		const struct record *rec = &b->records[i].rec;
		int64_t off = b->base_offset + (int64_t)i;

		if (!l->pass2) {
			if (!bootstrap)
				l->log_records = true;
			if (!segment || rec->control)
				continue;
			if (rec->key == RECORD_BEGIN_TRANSACTION)
				l->open = off;
			else if (rec->key == RECORD_END_TRANSACTION)
				l->open = -1;
			else if (rec->key == RECORD_ABORT_TRANSACTION &&
			    l->open >= 0) {
				l->dropped = xreallocarray(l->dropped,
				    l->ndropped + 1, sizeof *l->dropped);
				l->dropped[l->ndropped++] =
				    (struct image_range){l->open, off};
				l->open = -1;
			}
			continue;
		}
		if (bootstrap && l->log_records)
			continue; /* the log already holds these records */
		if (segment) {
			for (k = 0; k < l->ndropped; k++)
				if (off >= l->dropped[k].from &&
				    off <= l->dropped[k].to)
					break;
			if (k < l->ndropped) {
				l->ndropped_records++;
				continue;
			}
			if (l->open >= 0 && off >= l->open) {
				l->open_records++;
				continue;
			}
		}
		if (image_apply(l->im, rec, e) == -1) {
			char msg[sizeof e->msg];

			memcpy(msg, e->msg, sizeof msg);
			return error_set(e, EXIT_FAIL, "%s: offset %zu: %s",
			    path, b->records[i].pos, msg);
		}
	}
	return 0;
}

static bool
image_path_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
image_load(struct image *im, const char *path, struct error *e)
{
	struct image_load l = {.im = im, .open = -1};
	int pass, ret = -1;

	l.dir = image_path_is_dir(path);
	for (pass = 0; pass < 2; pass++) {
		l.pass2 = pass == 1;
		if ((l.dir ? klog_read_dir(path, image_load_batch, &l, e)
			   : klog_read_file(path, KLOG_AUTO, 0,
				 image_load_batch, &l, e)) == -1)
			goto out;
	}
	im->aborted = l.ndropped_records;
	im->open_transaction = l.open >= 0;
	im->open_records = l.open_records;
	im->open_offset = l.open;
	ret = 0;
out:
	free(l.dropped);
	image_finish(im);
	return ret;
}

/*
 * Writing an export directory all or nothing (see kexport.h): fsio stages
 * every file, kcheck reads the checkpoint back, and only then is anything
 * renamed into place.
 */
#include "config.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "batch.h"
#include "crypto.h"
#include "kexport.h"
#include "xmalloc.h"

void
kexport_init(struct kexport *kx, const char *dir, const struct kexport_opts *o)
{
	char zero[KLOG_SNAPSHOT_NAME_SIZE];

	memset(kx, 0, sizeof *kx);
	kx->force = o->force;
	klog_snapshot_format(
	    kx->snapshot_name, o->snapshot_offset, o->snapshot_epoch);
	if (o->snapshot) {
		kx->log_dir = xasprintf("%s/%s", dir, KLOG_METADATA_DIR);
		kx->checkpoint =
		    xasprintf("%s/%s", kx->log_dir, kx->snapshot_name);
	} else {
		kx->checkpoint = xasprintf("%s/%s", dir, KLOG_BOOTSTRAP_NAME);
		kx->zero = xasprintf("%s/%s/%s", dir, KLOG_METADATA_DIR,
		    klog_snapshot_format(zero, 0, 0));
	}
	kx->report_json = xasprintf("%s/report.json", dir);
	kx->report_txt = xasprintf("%s/report.txt", dir);
	if (o->meta_properties)
		kx->meta = xasprintf("%s/meta.properties", dir);
}

void
kexport_free(struct kexport *kx)
{
	fsio_abort(&kx->fs);
	free(kx->checkpoint);
	free(kx->report_json);
	free(kx->report_txt);
	free(kx->meta);
	free(kx->log_dir);
	free(kx->zero);
}

static int
kexport_count_data(void *arg, const char *path, size_t index,
    const struct kbatch *b, struct error *e)
{
	(void)path;
	(void)index;
	(void)e;
	if (!batch_is_control(b))
		*(size_t *)arg += b->nrecords;
	return 0;
}

/*
 * Kafka from KIP-1170 on (4.x): kafka-storage format puts the bootstrap
 * records into the zero checkpoint, and a controller then ignores
 * bootstrap.checkpoint.  Exporting beside such a file would start a
 * quorum without the cluster's metadata, and its brokers would move every
 * partition directory aside as stray.
 */
static int
kexport_check_zero(const struct kexport *kx, struct error *e)
{
	struct error ignored;
	size_t n = 0;

	if (kx->zero == NULL || !fsio_exists(kx->zero))
		return 0;
	if (klog_read_file(kx->zero, KLOG_CHECKPOINT, 0, kexport_count_data, &n,
		&ignored) == -1 ||
	    n == 0)
		return 0;
	return error_set(e, EXIT_FAIL,
	    "%s: holds %zu metadata record%s (written by kafka-storage format "
	    "of Kafka 4.x, KIP-1170): a controller would ignore "
	    "%s and start without the cluster's metadata; "
	    "export into a directory that kafka-storage has not formatted "
	    "(with --meta-properties), or use --snapshot",
	    kx->zero, n, n == 1 ? "" : "s", KLOG_BOOTSTRAP_NAME);
}

/* A snapshot goes into an empty metadata log: only the zero checkpoint,
 * or a file of the same name, may be there. */
static int
kexport_check_log_dir(const struct kexport *kx, struct error *e)
{
	char zero[KLOG_SNAPSHOT_NAME_SIZE];
	struct dirent *de;
	DIR *d;

	if (kx->log_dir == NULL || (d = opendir(kx->log_dir)) == NULL)
		return 0;
	klog_snapshot_format(zero, 0, 0);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, zero) == 0 ||
		    strcmp(de->d_name, kx->snapshot_name) == 0)
			continue;
		error_set(e, EXIT_FAIL,
		    "%s: holds %s: a snapshot must go into an empty metadata "
		    "log (format the node again)",
		    kx->log_dir, de->d_name);
		closedir(d);
		return -1;
	}
	closedir(d);
	return 0;
}

int
kexport_open(struct kexport *kx, const char *dir, struct error *e)
{
	const char *paths[] = {
	    kx->checkpoint, kx->report_json, kx->report_txt, kx->meta};
	size_t i;

	if (fsio_mkdir(dir, e) == -1 ||
	    (kx->log_dir != NULL && fsio_mkdir(kx->log_dir, e) == -1))
		return -1;
	if (!kx->force)
		for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
			if (paths[i] != NULL && fsio_exists(paths[i]))
				return error_set(e, EXIT_FAIL,
				    "%s: exists; give --force to replace it",
				    paths[i]);
	if (kexport_check_zero(kx, e) == -1)
		return -1;
	return kexport_check_log_dir(kx, e);
}

int
kexport_checkpoint(struct kexport *kx, const void *file, size_t len,
    const struct record *records, size_t nrecords, struct error *e)
{
	const char *tmp;

	if ((tmp = fsio_stage(&kx->fs, kx->checkpoint, file, len, 0600, e)) ==
	    NULL)
		return -1;
	if (kcheck_file(tmp,
		kx->log_dir != NULL ? KCHECK_SNAPSHOT : KCHECK_BOOTSTRAP,
		records, nrecords, &kx->check, &kx->check_error) == -1)
		kx->verification_error = kx->check_error.msg;
	else
		kx->verification = &kx->check;
	if (kx->verification_error == NULL && kx->check.mismatches == 0)
		return 0;
	return error_set(e, EXIT_INVALID,
	    "the file read back is not what was translated: %s",
	    kx->verification_error != NULL ? kx->verification_error
					   : kx->check.mismatch);
}

int
kexport_meta_properties(struct kexport *kx, const char *cluster_id,
    int32_t node_id, struct error *e)
{
	struct kuuid u;
	char id[B64_UUID_LEN + 1], *meta;
	const char *staged;

	if (kx->meta == NULL)
		return 0;
	/* A fresh directory id, as kafka-storage format makes one: random
	 * (version 4), never a reserved id, not printed with a leading '-'. */
	do {
		if (crypto_random(u.b, sizeof u.b, e) == -1)
			return -1;
		u.b[6] = (uint8_t)((u.b[6] & 0x0f) | 0x40);
		u.b[8] = (uint8_t)((u.b[8] & 0x3f) | 0x80);
	} while (b64_uuid_str(&u, id)[0] == '-');
	meta = xasprintf("#\n#Written by %s %s\n"
			 "cluster.id=%s\ndirectory.id=%s\nnode.id=%" PRId32
			 "\nversion=1\n",
	    PACKAGE, PACKAGE_VERSION, cluster_id, id, node_id);
	staged = fsio_stage(&kx->fs, kx->meta, meta, strlen(meta), 0644, e);
	free(meta);
	return staged == NULL ? -1 : 0;
}

int
kexport_commit(struct kexport *kx, const struct buf *json,
    const struct buf *text, struct error *e)
{
	if (fsio_stage(&kx->fs, kx->report_json, json->data, json->len, 0600,
		e) == NULL ||
	    fsio_stage(&kx->fs, kx->report_txt, text->data, text->len, 0600,
		e) == NULL)
		return -1;
	return fsio_commit(&kx->fs, e);
}

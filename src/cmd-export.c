/*
 * zk2kraft export: translate the cluster and write the KRaft checkpoint,
 * the reports and optionally meta.properties, all or nothing
 * (source -> model -> plan -> fsio stage -> kcheck read-back -> commit),
 * then, with --post, send the JSON report.
 */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "batch.h"
#include "cmd.h"
#include "crypto.h"
#include "fsio.h"
#include "kcheck.h"
#include "klog.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "report.h"
#include "xmalloc.h"

#define EXPORT_LOG_DIR "__cluster_metadata-0"
#define EXPORT_ZERO_CHECKPOINT "00000000000000000000-0000000000.checkpoint"

static int cmd_export_exec(int, char **);

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = MIGRATE_USAGE "\n\t-o DIR [--force] " POST_USAGE,
    .summary = "write a bootstrap.checkpoint (or snapshot) and the report",
    .exec = cmd_export_exec,
};

struct export_paths {
	char *checkpoint;
	char *report_json;
	char *report_txt;
	char *meta;
	char *log_dir; /* snapshot route */
	char *zero;    /* bootstrap route: the zero checkpoint beside it */
};

static void
export_paths_free(struct export_paths *ep)
{
	free(ep->checkpoint);
	free(ep->report_json);
	free(ep->report_txt);
	free(ep->meta);
	free(ep->log_dir);
	free(ep->zero);
}

static int
export_count_data(void *arg, const char *path, size_t index,
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
export_check_zero(const struct export_paths *ep, struct error *e)
{
	struct error ignored;
	size_t n = 0;

	if (ep->zero == NULL || !fsio_exists(ep->zero))
		return 0;
	if (klog_read_file(ep->zero, KLOG_CHECKPOINT, 0, export_count_data, &n,
		&ignored) == -1 ||
	    n == 0)
		return 0;
	return error_set(e, EXIT_FAIL,
	    "%s: holds %zu metadata record%s (written by kafka-storage format "
	    "of Kafka 4.x, KIP-1170): a controller would ignore "
	    "bootstrap.checkpoint and start without the cluster's metadata; "
	    "export into a directory that kafka-storage has not formatted "
	    "(with --meta-properties), or use --snapshot",
	    ep->zero, n, n == 1 ? "" : "s");
}

/* Refuse to replace outputs without --force, and to put a snapshot into
 * a metadata log that is not empty. */
static int
export_check_outputs(const struct export_paths *ep, const char *snapshot_name,
    bool force, struct error *e)
{
	const char *paths[] = {
	    ep->checkpoint, ep->report_json, ep->report_txt, ep->meta};
	struct dirent *de;
	DIR *d;
	size_t i;

	if (!force)
		for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
			if (paths[i] != NULL && fsio_exists(paths[i]))
				return error_set(e, EXIT_FAIL,
				    "%s: exists; give --force to replace it",
				    paths[i]);
	if (export_check_zero(ep, e) == -1)
		return -1;
	if (ep->log_dir == NULL || (d = opendir(ep->log_dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, EXPORT_ZERO_CHECKPOINT) == 0 ||
		    strcmp(de->d_name, snapshot_name) == 0)
			continue;
		error_set(e, EXIT_FAIL,
		    "%s: holds %s: a snapshot must go into an empty metadata "
		    "log (format the node again)",
		    ep->log_dir, de->d_name);
		closedir(d);
		return -1;
	}
	closedir(d);
	return 0;
}

static char *
export_meta_properties(const struct migrate *mg, struct error *e)
{
	struct kuuid u;
	char id[B64_UUID_LEN + 1];

	/* A fresh directory id, as kafka-storage format makes one: random
	 * (version 4), never a reserved id, not printed with a leading '-'. */
	do {
		if (crypto_random(u.b, sizeof u.b, e) == -1)
			return NULL;
		u.b[6] = (uint8_t)((u.b[6] & 0x0f) | 0x40);
		u.b[8] = (uint8_t)((u.b[8] & 0x3f) | 0x80);
	} while (b64_uuid_str(&u, id)[0] == '-');
	return xasprintf("#\n#Written by %s %s\n"
			 "cluster.id=%s\ndirectory.id=%s\nnode.id=%" PRId32
			 "\nversion=1\n",
	    PACKAGE, PACKAGE_VERSION, mg->model.cluster_id, id, mg->node_id);
}

static int
export_print(const struct buf *b)
{
	return log_verbosity < 0 ? 0 : cmd_print(b);
}

static int
cmd_export_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    MIGRATE_LONGOPTS,
	    {"output", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct migrate mg;
	struct export_paths ep = {0};
	struct report_info ri = {.command = "export"};
	struct kcheck_result res = {0};
	struct fsio fs = {0};
	struct buf json = {0}, text = {0};
	struct error e = {0}, ve = {0};
	const char *dir = NULL, *tmp, *name;
	char *meta = NULL, snapname[64];
	bool force = false;
	int ch, r, ret = EXIT_FAIL;

	migrate_init(&mg);
	while ((ch = getopt_long(argc, argv, MIGRATE_SHORTOPTS "o:h", longopts,
		    NULL)) != -1) {
		if ((r = migrate_option(&mg, ch, optarg, &e)) == -1) {
			log_error("export: %s", e.msg);
			ret = e.status;
			goto out;
		}
		if (r == 1)
			continue;
		switch (ch) {
		case 'o':
			dir = optarg;
			break;
		case 'F':
			force = true;
			break;
		case 'h':
			printf("usage: %s export %s\n", PACKAGE,
			    cmd_export_entry.usage);
			ret = EXIT_OK;
			goto out;
		default:
			ret = cmd_usage(&cmd_export_entry);
			goto out;
		}
	}
	if (optind != argc || dir == NULL) {
		ret = cmd_usage(&cmd_export_entry);
		goto out;
	}
	if (migrate_check(&mg, &e) == -1) {
		log_error("export: %s", e.msg);
		ret = EXIT_USAGE;
		goto out;
	}
	if (migrate_run(&mg, &e) == -1) {
		log_error("%s", e.msg);
		ret = e.status;
		goto out;
	}
	ri.source_kind = source_kind(&mg.src);
	ri.source = source_label(&mg.src);
	ri.znodes = mg.tree.n;

	snprintf(snapname, sizeof snapname,
	    "%020" PRId64 "-%010" PRId32 ".checkpoint", mg.plan.snapshot_offset,
	    mg.plan.snapshot_epoch);
	if (mg.po.snapshot) {
		ep.log_dir = xasprintf("%s/%s", dir, EXPORT_LOG_DIR);
		ep.checkpoint = xasprintf("%s/%s", ep.log_dir, snapname);
	} else {
		ep.checkpoint = xasprintf("%s/bootstrap.checkpoint", dir);
		ep.zero = xasprintf(
		    "%s/%s/%s", dir, EXPORT_LOG_DIR, EXPORT_ZERO_CHECKPOINT);
	}
	ep.report_json = xasprintf("%s/report.json", dir);
	ep.report_txt = xasprintf("%s/report.txt", dir);
	if (mg.po.meta_properties)
		ep.meta = xasprintf("%s/meta.properties", dir);
	ri.output = ep.checkpoint;
	ri.meta_properties = ep.meta;

	if (mg.plan.blocked) {
		report_text(&text, &mg.plan, &mg.model, &ri);
		(void)export_print(&text);
		log_error("export: refused: %zu blocking finding%s (see the "
			  "report); nothing was written",
		    findings_count(&mg.plan.findings, FINDING_BLOCKER),
		    findings_count(&mg.plan.findings, FINDING_BLOCKER) == 1
			? ""
			: "s");
		/* The report says "blocked"; exit 3 whatever the post does. */
		report_json(&json, &mg.plan, &mg.model, &ri);
		(void)post_report(&mg.post, (const char *)json.data, json.len);
		ret = EXIT_INVALID;
		goto out;
	}
	if (fsio_mkdir(dir, &e) == -1 ||
	    (ep.log_dir != NULL && fsio_mkdir(ep.log_dir, &e) == -1) ||
	    export_check_outputs(&ep, snapname, force, &e) == -1) {
		log_error("%s", e.msg);
		ret = e.status;
		goto out;
	}

	/* The checkpoint, then its read-back check against the records. */
	if ((tmp = fsio_stage(&fs, ep.checkpoint, mg.plan.file.data,
		 mg.plan.file.len, 0600, &e)) == NULL) {
		log_error("%s", e.msg);
		ret = e.status;
		goto out;
	}
	if (kcheck_file(tmp,
		mg.po.snapshot ? KCHECK_SNAPSHOT : KCHECK_BOOTSTRAP,
		mg.plan.records, mg.plan.nrecords, &res, &ve) == -1)
		ri.verification_error = ve.msg;
	else
		ri.verification = &res;
	if (ri.verification_error != NULL || res.mismatches > 0) {
		report_text(&text, &mg.plan, &mg.model, &ri);
		(void)export_print(&text);
		log_error("export: the file read back is not what was "
			  "translated: %s; nothing was written",
		    ri.verification_error != NULL ? ri.verification_error
						  : res.mismatch);
		report_json(&json, &mg.plan, &mg.model, &ri);
		(void)post_report(&mg.post, (const char *)json.data, json.len);
		ret = EXIT_INVALID;
		goto out;
	}

	if (ep.meta != NULL) {
		if ((meta = export_meta_properties(&mg, &e)) == NULL ||
		    fsio_stage(&fs, ep.meta, meta, strlen(meta), 0644, &e) ==
			NULL) {
			log_error("%s", e.msg);
			ret = e.status;
			goto out;
		}
	}
	report_json(&json, &mg.plan, &mg.model, &ri);
	report_text(&text, &mg.plan, &mg.model, &ri);
	if (fsio_stage(&fs, ep.report_json, json.data, json.len, 0600, &e) ==
		NULL ||
	    fsio_stage(&fs, ep.report_txt, text.data, text.len, 0600, &e) ==
		NULL ||
	    fsio_commit(&fs, &e) == -1) {
		log_error("%s", e.msg);
		ret = e.status;
		goto out;
	}
	name = ep.checkpoint;
	log_info(1, "wrote %s (%zu bytes, %zu records)", name, mg.plan.file.len,
	    mg.plan.nrecords);
	ret = export_print(&text) == -1 ? EXIT_FAIL : EXIT_OK;
	/* Posted after the commit: a failed post loses no file. */
	if (post_report(&mg.post, (const char *)json.data, json.len) != 0) {
		log_error("export: %s is written; only the post failed", dir);
		ret = EXIT_FAIL;
	}
out:
	fsio_abort(&fs);
	free(meta);
	buf_free(&json);
	buf_free(&text);
	export_paths_free(&ep);
	migrate_free(&mg);
	return ret;
}

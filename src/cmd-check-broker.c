/*
 * zk2kraft check-broker: what a ZooKeeper-era broker's log directories
 * become when the broker restarts in KRaft mode against the exported
 * metadata (image_load -> brokerck_run -> report -> stdout), and with
 * --apply the partition.metadata files that keep its partitions
 * (brokerck_apply, then brokerck_run again).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argnum.h"
#include "brokerck.h"
#include "cmd.h"
#include "image.h"
#include "log.h"
#include "report-broker.h"
#include "utf8.h"

static int cmd_check_broker_exec(const struct cmd_entry *, struct cmd_args *);

enum {
	CHECK_BROKER_EXPORT,
	CHECK_BROKER_NODE_ID,
	CHECK_BROKER_LOG_DIR,
	CHECK_BROKER_APPLY,
};

static const struct cmd_option cmd_check_broker_options[] = {
    [CHECK_BROKER_EXPORT] = {"export", 0, true, true, 0},
    [CHECK_BROKER_NODE_ID] = {"node-id", 0, true, true, 0},
    [CHECK_BROKER_LOG_DIR] = {"log-dir", 0, true, true, 0},
    [CHECK_BROKER_APPLY] = {"apply", 0, false, false, 0},
    {0},
};

const struct cmd_entry cmd_check_broker_entry = {
    .name = "check-broker",
    .usage = "--export DIR|FILE --node-id N --log-dir DIR "
	     "[--log-dir DIR]...\n\t[--apply] [-f text|json]",
    .summary = "what a broker's log directories become under KRaft",
    .groups = CMD_FORMAT,
    .options = cmd_check_broker_options,
    .lower = 0,
    .upper = 0,
    .exec = cmd_check_broker_exec,
};

/* Two --log-dir naming one directory: Kafka would lock it twice. */
static int
check_broker_distinct(const char *const *dirs, size_t n, struct error *e)
{
	char a[PATH_MAX], b[PATH_MAX];
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (realpath(dirs[i], a) == NULL ||
			    realpath(dirs[j], b) == NULL) {
				if (strcmp(dirs[i], dirs[j]) != 0)
					continue;
			} else if (strcmp(a, b) != 0)
				continue;
			return error_set(e, EXIT_USAGE,
			    "--log-dir %s and %s are one directory", dirs[i],
			    dirs[j]);
		}
	return 0;
}

static void
check_broker_report(struct buf *out, bool as_json, struct report_broker *rb)
{
	out->len = 0;
	if (as_json)
		report_broker_json(out, rb);
	else
		report_broker_text(out, rb);
}

/*
 * A message to stderr, made printable as the report is: names and bytes
 * read from disk may hold terminal escape sequences or line ends.
 */
static void
check_broker_error(const char *prefix, const char *msg)
{
	char *safe = utf8_printable(msg);

	log_error("%s%s", prefix, safe);
	free(safe);
}

/* What could not be read goes to stderr too, one line each. */
static void
check_broker_errors(const struct brokerck *bc)
{
	const struct brokerck_dir *d;
	size_t i, j;

	for (i = 0; i < bc->ndirs; i++) {
		d = &bc->dirs[i];
		for (j = 0; j < d->nproblems; j++)
			if (d->problems[j].error)
				check_broker_error(
				    "check-broker: ", d->problems[j].msg);
		for (j = 0; j < d->nentries; j++)
			if (d->entries[j].verdict == BROKERCK_ERROR)
				check_broker_error(
				    "check-broker: ", d->entries[j].detail);
	}
}

/* The options into bo: --node-id parsed, the log directories distinct.
 * Returns 0, or an exit status with the error printed. */
static int
check_broker_opts(const struct cmd_args *args, struct brokerck_opts *bo)
{
	const struct cmd_value *dirs = &args->own[CHECK_BROKER_LOG_DIR];
	struct error e = {0};
	int64_t n;

	if (argnum_parse("node-id", cmd_get(args, CHECK_BROKER_NODE_ID), 0,
		INT32_MAX, &n, &e) == -1) {
		log_error("check-broker: %s", e.msg);
		return EXIT_USAGE;
	}
	bo->node_id = (int32_t)n;
	if (check_broker_distinct(dirs->values, dirs->n, &e) == -1) {
		check_broker_error("check-broker: ", e.msg);
		return e.status;
	}
	bo->log_dirs = dirs->values;
	bo->nlog_dirs = dirs->n;
	return 0;
}

/*
 * Check, and with --apply write the partition.metadata files and check
 * again.  A wrong node id or cluster id, or a directory that could not be
 * read, suggests the wrong export or the wrong directories: then topic ids
 * are not written, they would be hard to take back.
 */
static void
check_broker_run(struct brokerck *bc, const struct brokerck_opts *bo,
    const struct image *im, bool apply, struct brokerck_changes *ch,
    struct report_broker *rb)
{
	brokerck_run(bc, bo, im);
	if (apply && (bc->errors > 0 || bc->dir_problems > 0))
		rb->apply_refused = bc->errors > 0
		    ? "something could not be read"
		    : "a log directory itself has problems "
		      "(meta.properties)";
	else if (apply) {
		brokerck_apply(bc, ch);
		brokerck_free(bc);
		brokerck_run(bc, bo, im);
		rb->changes = ch;
	}
}

static int
cmd_check_broker_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct brokerck_opts bo = {.node_id = -1};
	struct brokerck bc = {0};
	struct brokerck_changes ch = {0};
	struct report_broker rb = {0};
	struct image im = {0};
	struct buf out = {0};
	struct error e = {0};
	const char *export = cmd_get(args, CHECK_BROKER_EXPORT);
	char *cluster_id = NULL, *cluster_from = NULL;
	size_t i;
	int ret;

	(void)ce;
	if ((ret = check_broker_opts(args, &bo)) != 0)
		goto out;
	if (image_load(&im, export, &e) == -1 ||
	    brokerck_cluster_id(export, &cluster_id, &cluster_from, &e) == -1) {
		check_broker_error("", e.msg);
		ret = EXIT_FAIL;
		goto out;
	}
	bo.cluster_id = cluster_id;
	check_broker_run(
	    &bc, &bo, &im, cmd_has(args, CHECK_BROKER_APPLY) > 0, &ch, &rb);

	rb.export = export;
	rb.node_id = bo.node_id;
	rb.topics = im.ntopics;
	rb.cluster_id = cluster_id;
	rb.cluster_id_from = cluster_from;
	rb.check = &bc;
	check_broker_report(&out, args->json, &rb);
	if (cmd_print(&out) == -1) {
		ret = EXIT_FAIL;
		goto out;
	}
	check_broker_errors(&bc);
	for (i = 0; i < ch.n; i++)
		if (ch.v[i].error != NULL)
			check_broker_error(
			    "check-broker: --apply: ", ch.v[i].error);
	if (rb.apply_refused != NULL)
		log_error("check-broker: --apply: nothing written: %s",
		    rb.apply_refused);
	if (bc.errors > 0 || ch.failed > 0)
		ret = EXIT_FAIL;
	else
		ret = bc.problems > 0 ? EXIT_INVALID : EXIT_OK;
out:
	buf_free(&out);
	brokerck_changes_free(&ch);
	brokerck_free(&bc);
	image_free(&im);
	free(cluster_id);
	free(cluster_from);
	return ret;
}

/*
 * zk2kraft check-broker: what a ZooKeeper-era broker's log directories
 * become when the broker restarts in KRaft mode against the exported
 * metadata (image_load -> brokerck_run -> report -> stdout), and with
 * --apply the partition.metadata files that keep its partitions
 * (brokerck_apply, then brokerck_run again).
 */
#include "config.h"

#include <getopt.h>
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
#include "xmalloc.h"

enum {
	CHECK_BROKER_OPT_EXPORT = 256,
	CHECK_BROKER_OPT_NODE_ID,
	CHECK_BROKER_OPT_LOG_DIR,
	CHECK_BROKER_OPT_APPLY,
};

static int cmd_check_broker_exec(int, char **);

const struct cmd_entry cmd_check_broker_entry = {
    .name = "check-broker",
    .usage = "--export DIR|FILE --node-id N --log-dir DIR "
	     "[--log-dir DIR]...\n\t[--apply] [-f text|json]",
    .summary = "what a broker's log directories become under KRaft",
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

static int
cmd_check_broker_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"apply", no_argument, NULL, CHECK_BROKER_OPT_APPLY},
	    {"export", required_argument, NULL, CHECK_BROKER_OPT_EXPORT},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {"log-dir", required_argument, NULL, CHECK_BROKER_OPT_LOG_DIR},
	    {"node-id", required_argument, NULL, CHECK_BROKER_OPT_NODE_ID},
	    {NULL, 0, NULL, 0},
	};
	struct brokerck_opts bo = {.node_id = -1};
	struct brokerck bc = {0};
	struct brokerck_changes ch = {0};
	struct report_broker rb = {0};
	struct image im = {0};
	struct buf out = {0};
	struct error e = {0};
	const char *export = NULL, **dirs = NULL;
	char *cluster_id = NULL, *cluster_from = NULL;
	bool as_json = false, apply = false;
	size_t ndirs = 0, i;
	int64_t n;
	int ch_, ret = EXIT_FAIL;

	while ((ch_ = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch_) {
		case CHECK_BROKER_OPT_EXPORT:
			export = optarg;
			break;
		case CHECK_BROKER_OPT_NODE_ID:
			if (argnum_parse("node-id", optarg, 0, INT32_MAX, &n,
				&e) == -1) {
				log_error("check-broker: %s", e.msg);
				ret = EXIT_USAGE;
				goto out;
			}
			bo.node_id = (int32_t)n;
			break;
		case CHECK_BROKER_OPT_LOG_DIR:
			dirs = xreallocarray(dirs, ndirs + 1, sizeof *dirs);
			dirs[ndirs++] = optarg;
			break;
		case CHECK_BROKER_OPT_APPLY:
			apply = true;
			break;
		case 'f':
			if ((ret = cmd_format(&cmd_check_broker_entry, optarg,
				 &as_json)) != 0)
				goto out;
			break;
		case 'h':
			printf("usage: %s check-broker %s\n", PACKAGE,
			    cmd_check_broker_entry.usage);
			ret = EXIT_OK;
			goto out;
		default:
			ret = cmd_usage(&cmd_check_broker_entry);
			goto out;
		}
	}
	if (optind != argc || export == NULL || bo.node_id < 0 || ndirs == 0) {
		if (optind == argc)
			log_error("check-broker: --export, --node-id and "
				  "--log-dir are required");
		ret = cmd_usage(&cmd_check_broker_entry);
		goto out;
	}
	if (check_broker_distinct(dirs, ndirs, &e) == -1) {
		check_broker_error("check-broker: ", e.msg);
		ret = e.status;
		goto out;
	}
	bo.log_dirs = dirs;
	bo.nlog_dirs = ndirs;

	if (image_load(&im, export, &e) == -1 ||
	    brokerck_cluster_id(export, &cluster_id, &cluster_from, &e) == -1) {
		check_broker_error("", e.msg);
		ret = EXIT_FAIL;
		goto out;
	}
	bo.cluster_id = cluster_id;
	brokerck_run(&bc, &bo, &im);
	/*
	 * A wrong node id or cluster id, or a directory that could not be
	 * read, suggests the wrong export or the wrong directories: then
	 * topic ids are not written, they would be hard to take back.
	 */
	if (apply && (bc.errors > 0 || bc.dir_problems > 0))
		rb.apply_refused = bc.errors > 0
		    ? "something could not be read"
		    : "a log directory itself has problems "
		      "(meta.properties)";
	else if (apply) {
		brokerck_apply(&bc, &ch);
		brokerck_free(&bc);
		brokerck_run(&bc, &bo, &im);
		rb.changes = &ch;
	}

	rb.export = export;
	rb.node_id = bo.node_id;
	rb.topics = im.ntopics;
	rb.cluster_id = cluster_id;
	rb.cluster_id_from = cluster_from;
	rb.check = &bc;
	check_broker_report(&out, as_json, &rb);
	if (cmd_print(&out) == -1)
		goto out;
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
	free(dirs);
	return ret;
}

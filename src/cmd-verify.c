/*
 * zk2kraft verify: compare the ZooKeeper state with a KRaft state, field
 * by field (source -> model -> plan -> image, and KRaft file -> image;
 * verify_compare -> report -> stdout).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "image.h"
#include "log.h"
#include "migrate.h"
#include "mv.h"
#include "post.h"
#include "report-verify.h"
#include "verify.h"

enum {
	VERIFY_OPT_KRAFT = POST_OPT_LAST + 1,
	VERIFY_OPT_STRICT,
};

static int cmd_verify_exec(int, char **);

const struct cmd_entry cmd_verify_entry = {
    .name = "verify",
    .usage = MIGRATE_USAGE_TRANSLATE
    "\n\t--kraft PATH [--strict] [-f text|json] " POST_USAGE,
    .summary = "compare ZooKeeper with a KRaft state, field by field",
    .exec = cmd_verify_exec,
};

static int
cmd_verify_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    MIGRATE_LONGOPTS,
	    {"kraft", required_argument, NULL, VERIFY_OPT_KRAFT},
	    {"strict", no_argument, NULL, VERIFY_OPT_STRICT},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct migrate mg;
	struct image kraft = {0}, zk = {0};
	struct verify_result vr = {0};
	struct report_verify rv = {0};
	struct buf out = {0}, json = {0};
	const struct buf *body;
	struct error e = {0};
	const char *path = NULL;
	bool as_json = false, strict = false;
	size_t i;
	int ch, r, ret = EXIT_FAIL;

	migrate_init(&mg);
	while ((ch = getopt_long(argc, argv, MIGRATE_SHORTOPTS "f:h", longopts,
		    NULL)) != -1) {
		if ((r = migrate_option(&mg, ch, optarg, &e)) == -1) {
			log_error("verify: %s", e.msg);
			ret = e.status;
			goto out;
		}
		if (r == 1)
			continue;
		switch (ch) {
		case VERIFY_OPT_KRAFT:
			path = optarg;
			break;
		case VERIFY_OPT_STRICT:
			strict = true;
			break;
		case 'f':
			if ((ret = cmd_format(
				 &cmd_verify_entry, optarg, &as_json)) != 0)
				goto out;
			break;
		case 'h':
			printf("usage: %s verify %s\n", PACKAGE,
			    cmd_verify_entry.usage);
			ret = EXIT_OK;
			goto out;
		default:
			ret = cmd_usage(&cmd_verify_entry);
			goto out;
		}
	}
	if (optind != argc || path == NULL) {
		ret = cmd_usage(&cmd_verify_entry);
		goto out;
	}
	if (migrate_check(&mg, &e) == -1) {
		log_error("verify: %s", e.msg);
		ret = e.status;
		goto out;
	}
	if (mg.po.snapshot || mg.po.meta_properties || mg.po.timestamp != 0) {
		log_error("verify: --snapshot, --snapshot-id, --voters-from, "
			  "--timestamp and --meta-properties are export's");
		ret = EXIT_USAGE;
		goto out;
	}
	/* The KRaft side first: its metadata.version is the default. */
	if (image_load(&kraft, path, &e) == -1) {
		log_error("%s", e.msg);
		ret = EXIT_FAIL;
		goto out;
	}
	if (!mg.mv_given && kraft.metadata_version >= MV_MIN_BOOTSTRAP &&
	    mv_name(kraft.metadata_version) != NULL)
		mg.po.mv = kraft.metadata_version;
	if (migrate_run(&mg, &e) == -1) {
		log_error("%s", e.msg);
		ret = e.status == EXIT_INVALID ? EXIT_FAIL : e.status;
		goto out;
	}
	for (i = 0; i < mg.plan.tr.nrecords; i++)
		if (image_apply(&zk, &mg.plan.tr.records[i], &e) == -1)
			fatalx("verify: the translation does not replay: %s",
			    e.msg);
	image_finish(&zk);
	verify_compare(&vr, &zk, &kraft);

	rv.source_kind = source_kind(&mg.src);
	rv.source = source_label(&mg.src);
	rv.znodes = mg.tree.n;
	rv.kraft = path;
	rv.image = &kraft;
	rv.result = &vr;
	rv.strict = strict;
	rv.blockers = findings_count(&mg.plan.findings, FINDING_BLOCKER);
	if (as_json)
		report_verify_json(&out, &mg.model, &rv);
	else
		report_verify_text(&out, &mg.model, &rv);
	if (cmd_print(&out) == -1)
		goto out;
	ret = verify_differences(&vr, strict) > 0 ? EXIT_INVALID : EXIT_OK;
	/* The JSON report is posted, whatever stdout got. */
	body = &out;
	if (mg.post.http.url != NULL && !as_json) {
		report_verify_json(&json, &mg.model, &rv);
		body = &json;
	}
	if (post_report(&mg.post, (const char *)body->data, body->len) != 0 &&
	    ret == EXIT_OK)
		ret = EXIT_FAIL;
out:
	buf_free(&out);
	buf_free(&json);
	verify_free(&vr);
	image_free(&zk);
	image_free(&kraft);
	migrate_free(&mg);
	return ret;
}

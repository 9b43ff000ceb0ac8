/*
 * zk2kraft dry-run: read and translate everything, write nothing, print
 * the migration report (source -> model -> plan -> report -> stdout),
 * then, with --post, send its JSON form.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "report.h"

static int cmd_dry_run_exec(int, char **);

const struct cmd_entry cmd_dry_run_entry = {
    .name = "dry-run",
    .usage = MIGRATE_USAGE "\n\t[-f text|json] " POST_USAGE,
    .summary = "report what a migration would carry over, skip and refuse",
    .exec = cmd_dry_run_exec,
};

static int
cmd_dry_run_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    MIGRATE_LONGOPTS,
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct migrate mg;
	struct report_info ri = {.command = "dry-run"};
	struct buf out = {0}, posted = {0};
	const struct buf *body;
	struct error e = {0};
	bool json = false;
	int ch, r, ret = EXIT_FAIL, pr;

	migrate_init(&mg);
	while ((ch = getopt_long(argc, argv, MIGRATE_SHORTOPTS "f:h", longopts,
		    NULL)) != -1) {
		if ((r = migrate_option(&mg, ch, optarg, &e)) == -1) {
			log_error("dry-run: %s", e.msg);
			ret = e.status;
			goto out;
		}
		if (r == 1)
			continue;
		switch (ch) {
		case 'f':
			if ((ret = cmd_format(
				 &cmd_dry_run_entry, optarg, &json)) != 0)
				goto out;
			break;
		case 'h':
			printf("usage: %s dry-run %s\n", PACKAGE,
			    cmd_dry_run_entry.usage);
			ret = EXIT_OK;
			goto out;
		default:
			ret = cmd_usage(&cmd_dry_run_entry);
			goto out;
		}
	}
	if (optind != argc) {
		ret = cmd_usage(&cmd_dry_run_entry);
		goto out;
	}
	if (migrate_check(&mg, &e) == -1) {
		log_error("dry-run: %s", e.msg);
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
	if (json)
		report_json(&out, &mg.plan, &mg.model, &ri);
	else
		report_text(&out, &mg.plan, &mg.model, &ri);
	if (cmd_print(&out) == -1)
		goto out;
	/* The JSON report is posted, whatever stdout got; a blocked plan is
	 * posted too, and its exit status wins over a failed post. */
	body = &out;
	if (mg.post.http.url != NULL && !json) {
		report_json(&posted, &mg.plan, &mg.model, &ri);
		body = &posted;
	}
	pr = post_report(&mg.post, (const char *)body->data, body->len);
	ret = mg.plan.blocked ? EXIT_INVALID : pr;
out:
	buf_free(&posted);
	buf_free(&out);
	migrate_free(&mg);
	return ret;
}

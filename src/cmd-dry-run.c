/*
 * zk2kraft dry-run: read and translate everything, write nothing, print
 * the migration report (source -> model -> plan -> report -> stdout),
 * then, with --post, send its JSON form.
 */
#include "config.h"

#include "cmd.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "report.h"

static int cmd_dry_run_exec(const struct cmd_entry *, struct cmd_args *);

const struct cmd_entry cmd_dry_run_entry = {
    .name = "dry-run",
    .usage = CMD_USAGE_MIGRATE "\n" CMD_USAGE_FILE
			       "\n\t[-f text|json] " CMD_USAGE_POST,
    .summary = "report what a migration would carry over, skip and refuse",
    .groups = CMD_SOURCE | CMD_MIGRATE | CMD_FILE | CMD_POST | CMD_FORMAT,
    .lower = 0,
    .upper = 0,
    .exec = cmd_dry_run_exec,
};

static int
cmd_dry_run_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct migrate mg = {0};
	struct report_info ri = {.command = ce->name};
	struct buf out = {0}, posted = {0};
	const struct buf *body;
	struct error e = {0};
	int ret = EXIT_FAIL, pr;

	if (migrate_run(&mg, &args->mig, &args->src, &e) == -1) {
		ret = cmd_fail(&e);
		goto out;
	}
	ri.source_kind = source_kind(&args->src);
	ri.source = source_label(&args->src);
	ri.znodes = mg.nznodes;
	if (args->json)
		report_json(&out, &mg.plan, &mg.model, &ri);
	else
		report_text(&out, &mg.plan, &mg.model, &ri);
	if (cmd_print(&out) == -1)
		goto out;
	/* The JSON report is posted, whatever stdout got; a blocked plan is
	 * posted too, and its exit status wins over a failed post. */
	body = &out;
	if (args->post.http.url != NULL && !args->json) {
		report_json(&posted, &mg.plan, &mg.model, &ri);
		body = &posted;
	}
	pr = post_report(&args->post, (const char *)body->data, body->len);
	ret = mg.plan.blocked ? EXIT_INVALID : pr;
out:
	buf_free(&posted);
	buf_free(&out);
	migrate_free(&mg);
	return ret;
}

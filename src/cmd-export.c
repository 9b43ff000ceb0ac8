/*
 * zk2kraft export: translate the cluster and write the KRaft checkpoint,
 * the reports and optionally meta.properties, all or nothing
 * (source -> model -> plan -> kexport: stage, read back, commit), then,
 * with --post, send the JSON report.
 */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "kexport.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "report.h"

static int cmd_export_exec(const struct cmd_entry *, struct cmd_args *);

enum { EXPORT_OUTPUT, EXPORT_FORCE };

static const struct cmd_option cmd_export_options[] = {
    [EXPORT_OUTPUT] = {"output", 'o', true, true, 0},
    [EXPORT_FORCE] = {"force", 0, false, false, 0},
    {0},
};

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = CMD_USAGE_MIGRATE "\n" CMD_USAGE_FILE
			       "\n\t-o DIR [--force] " CMD_USAGE_POST,
    .summary = "write a bootstrap.checkpoint (or snapshot) and the report",
    .groups = CMD_SOURCE | CMD_MIGRATE | CMD_FILE | CMD_POST,
    .options = cmd_export_options,
    .lower = 0,
    .upper = 0,
    .exec = cmd_export_exec,
};

static int
export_print(const struct buf *b)
{
	return log_verbosity < 0 ? 0 : cmd_print(b);
}

/* Nothing is written: print the text report and why, post the JSON one;
 * the report says so, and the exit status is 3 whatever the post does. */
static int
export_refuse(const struct migrate *mg, const struct post_opts *post,
    const struct report_info *ri, const char *why)
{
	struct buf json = {0}, text = {0};

	report_text(&text, &mg->plan, &mg->model, ri);
	(void)export_print(&text);
	log_error("export: %s; nothing was written", why);
	report_json(&json, &mg->plan, &mg->model, ri);
	(void)post_report(post, (const char *)json.data, json.len);
	buf_free(&json);
	buf_free(&text);
	return EXIT_INVALID;
}

/* Where the checkpoint goes and what else is written, from the options
 * and the plan (which settled the snapshot id). */
static void
export_open(
    struct kexport *kx, const struct cmd_args *args, const struct migrate *mg)
{
	struct kexport_opts ko = {
	    .snapshot = mg->po.snapshot,
	    .snapshot_offset = mg->plan.snapshot_offset,
	    .snapshot_epoch = mg->plan.snapshot_epoch,
	    .meta_properties = mg->po.meta_properties,
	    .force = cmd_has(args, EXPORT_FORCE) > 0,
	};

	kexport_init(kx, cmd_get(args, EXPORT_OUTPUT), &ko);
}

static int
cmd_export_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct migrate mg = {0};
	struct kexport kx = {0};
	struct report_info ri = {.command = ce->name};
	struct buf json = {0}, text = {0};
	struct error e = {0};
	const char *dir = cmd_get(args, EXPORT_OUTPUT);
	char why[128];
	size_t n;
	int r, ret = EXIT_FAIL;

	if (migrate_run(&mg, &args->mig, &args->src, &e) == -1)
		goto fail;
	ri.source_kind = source_kind(&args->src);
	ri.source = source_label(&args->src);
	ri.znodes = mg.nznodes;
	export_open(&kx, args, &mg);
	ri.output = kx.checkpoint;
	ri.meta_properties = kx.meta;
	if (mg.plan.blocked) {
		n = findings_count(&mg.plan.findings, FINDING_BLOCKER);
		snprintf(why, sizeof why,
		    "refused: %zu blocking finding%s (see the report)", n,
		    n == 1 ? "" : "s");
		ret = export_refuse(&mg, &args->post, &ri, why);
		goto out;
	}
	if (kexport_open(&kx, dir, &e) == -1)
		goto fail;
	r = kexport_checkpoint(&kx, mg.plan.file.data, mg.plan.file.len,
	    mg.plan.tr.records, mg.plan.tr.nrecords, &e);
	ri.verification = kx.verification;
	ri.verification_error = kx.verification_error;
	if (r == -1 && e.status == EXIT_INVALID) {
		ret = export_refuse(&mg, &args->post, &ri, e.msg);
		goto out;
	}
	if (r == -1 ||
	    kexport_meta_properties(
		&kx, mg.model.cluster_id, args->mig.node_id, &e) == -1)
		goto fail;
	report_json(&json, &mg.plan, &mg.model, &ri);
	report_text(&text, &mg.plan, &mg.model, &ri);
	if (kexport_commit(&kx, &json, &text, &e) == -1)
		goto fail;
	log_info(1, "wrote %s (%zu bytes, %zu records)", kx.checkpoint,
	    mg.plan.file.len, mg.plan.tr.nrecords);
	ret = export_print(&text) == -1 ? EXIT_FAIL : EXIT_OK;
	/* Posted after the commit: a failed post loses no file. */
	if (post_report(&args->post, (const char *)json.data, json.len) != 0) {
		log_error("export: %s is written; only the post failed", dir);
		ret = EXIT_FAIL;
	}
	goto out;
fail:
	ret = cmd_fail(&e);
out:
	buf_free(&json);
	buf_free(&text);
	kexport_free(&kx);
	migrate_free(&mg);
	return ret;
}

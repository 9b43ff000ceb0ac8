/*
 * zk2kraft export: translate the cluster and write the KRaft checkpoint,
 * the reports and optionally meta.properties, all or nothing
 * (source -> model -> plan -> kexport: stage, read back, commit), then,
 * with --post, send the JSON report.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "kexport.h"
#include "log.h"
#include "migrate.h"
#include "post.h"
#include "report.h"

static int cmd_export_exec(int, char **);

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = MIGRATE_USAGE "\n\t-o DIR [--force] " POST_USAGE,
    .summary = "write a bootstrap.checkpoint (or snapshot) and the report",
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
export_refuse(
    const struct migrate *mg, const struct report_info *ri, const char *why)
{
	struct buf json = {0}, text = {0};

	report_text(&text, &mg->plan, &mg->model, ri);
	(void)export_print(&text);
	log_error("export: %s; nothing was written", why);
	report_json(&json, &mg->plan, &mg->model, ri);
	(void)post_report(&mg->post, (const char *)json.data, json.len);
	buf_free(&json);
	buf_free(&text);
	return EXIT_INVALID;
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
	struct kexport kx = {0};
	struct kexport_opts ko = {0};
	struct report_info ri = {.command = "export"};
	struct buf json = {0}, text = {0};
	struct error e = {0};
	const char *dir = NULL;
	char why[128];
	size_t n;
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
			ko.force = true;
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
	if (migrate_run(&mg, &e) == -1)
		goto fail;
	ri.source_kind = source_kind(&mg.src);
	ri.source = source_label(&mg.src);
	ri.znodes = mg.tree.n;

	ko.snapshot = mg.po.snapshot;
	ko.snapshot_offset = mg.plan.snapshot_offset;
	ko.snapshot_epoch = mg.plan.snapshot_epoch;
	ko.meta_properties = mg.po.meta_properties;
	kexport_init(&kx, dir, &ko);
	ri.output = kx.checkpoint;
	ri.meta_properties = kx.meta;
	if (mg.plan.blocked) {
		n = findings_count(&mg.plan.findings, FINDING_BLOCKER);
		snprintf(why, sizeof why,
		    "refused: %zu blocking finding%s (see the report)", n,
		    n == 1 ? "" : "s");
		ret = export_refuse(&mg, &ri, why);
		goto out;
	}
	if (kexport_open(&kx, dir, &e) == -1)
		goto fail;
	r = kexport_checkpoint(&kx, mg.plan.file.data, mg.plan.file.len,
	    mg.plan.records, mg.plan.nrecords, &e);
	ri.verification = kx.verification;
	ri.verification_error = kx.verification_error;
	if (r == -1 && e.status == EXIT_INVALID) {
		ret = export_refuse(&mg, &ri, e.msg);
		goto out;
	}
	if (r == -1 ||
	    kexport_meta_properties(&kx, mg.model.cluster_id, mg.node_id, &e) ==
		-1)
		goto fail;
	report_json(&json, &mg.plan, &mg.model, &ri);
	report_text(&text, &mg.plan, &mg.model, &ri);
	if (kexport_commit(&kx, &json, &text, &e) == -1)
		goto fail;
	log_info(1, "wrote %s (%zu bytes, %zu records)", kx.checkpoint,
	    mg.plan.file.len, mg.plan.nrecords);
	ret = export_print(&text) == -1 ? EXIT_FAIL : EXIT_OK;
	/* Posted after the commit: a failed post loses no file. */
	if (post_report(&mg.post, (const char *)json.data, json.len) != 0) {
		log_error("export: %s is written; only the post failed", dir);
		ret = EXIT_FAIL;
	}
	goto out;
fail:
	log_error("%s", e.msg);
	ret = e.status;
out:
	buf_free(&json);
	buf_free(&text);
	kexport_free(&kx);
	migrate_free(&mg);
	return ret;
}

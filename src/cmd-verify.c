/*
 * zk2kraft verify: compare the ZooKeeper state with a KRaft state, field
 * by field (source -> model -> plan -> image, and KRaft file -> image;
 * verify_compare -> report -> stdout).
 */
#include "config.h"

#include "cmd.h"
#include "image.h"
#include "log.h"
#include "migrate.h"
#include "mv.h"
#include "post.h"
#include "report-verify.h"
#include "verify.h"

static int cmd_verify_exec(const struct cmd_entry *, struct cmd_args *);

enum { VERIFY_KRAFT, VERIFY_STRICT };

static const struct cmd_option cmd_verify_options[] = {
    [VERIFY_KRAFT] = {"kraft", 0, true, true, 0},
    [VERIFY_STRICT] = {"strict", 0, false, false, 0},
    {0},
};

const struct cmd_entry cmd_verify_entry = {
    .name = "verify",
    .usage = CMD_USAGE_MIGRATE
    "\n\t--kraft PATH [--strict] [-f text|json] " CMD_USAGE_POST,
    .summary = "compare ZooKeeper with a KRaft state, field by field",
    .groups = CMD_SOURCE | CMD_MIGRATE | CMD_POST | CMD_FORMAT,
    .options = cmd_verify_options,
    .lower = 0,
    .upper = 0,
    .exec = cmd_verify_exec,
};

/*
 * Both sides as images: the KRaft one read from path (its
 * metadata.version is the default), the ZooKeeper one replayed from the
 * translation.  Returns 0, or an exit status with the error printed.
 */
static int
verify_images(struct cmd_args *args, const char *path, struct migrate *mg,
    struct image *kraft, struct image *zk)
{
	struct error e = {0};
	size_t i;

	if (image_load(kraft, path, &e) == -1) {
		log_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (!args->mig.mv_given &&
	    kraft->metadata_version >= MV_MIN_BOOTSTRAP &&
	    mv_name(kraft->metadata_version) != NULL)
		args->mig.po.mv = kraft->metadata_version;
	if (migrate_run(mg, &args->mig, &args->src, &e) == -1) {
		log_error("%s", e.msg);
		return e.status == EXIT_INVALID ? EXIT_FAIL : e.status;
	}
	for (i = 0; i < mg->plan.tr.nrecords; i++)
		if (image_apply(zk, &mg->plan.tr.records[i], &e) == -1)
			fatalx("verify: the translation does not replay: %s",
			    e.msg);
	image_finish(zk);
	return 0;
}

static int
cmd_verify_exec(const struct cmd_entry *ce, struct cmd_args *args)
{
	struct migrate mg = {0};
	struct image kraft = {0}, zk = {0};
	struct verify_result vr = {0};
	struct report_verify rv = {0};
	struct buf out = {0}, json = {0};
	const struct buf *body;
	const char *path = cmd_get(args, VERIFY_KRAFT);
	bool strict = cmd_has(args, VERIFY_STRICT) > 0;
	int ret;

	(void)ce;
	if ((ret = verify_images(args, path, &mg, &kraft, &zk)) != 0)
		goto out;
	verify_compare(&vr, &zk, &kraft);

	rv.source_kind = source_kind(&args->src);
	rv.source = source_label(&args->src);
	rv.znodes = mg.nznodes;
	rv.kraft = path;
	rv.image = &kraft;
	rv.result = &vr;
	rv.strict = strict;
	rv.blockers = findings_count(&mg.plan.findings, FINDING_BLOCKER);
	if (args->json)
		report_verify_json(&out, &mg.model, &rv);
	else
		report_verify_text(&out, &mg.model, &rv);
	if (cmd_print(&out) == -1) {
		ret = EXIT_FAIL;
		goto out;
	}
	ret = verify_differences(&vr, strict) > 0 ? EXIT_INVALID : EXIT_OK;
	/* The JSON report is posted, whatever stdout got. */
	body = &out;
	if (args->post.http.url != NULL && !args->json) {
		report_verify_json(&json, &mg.model, &rv);
		body = &json;
	}
	if (post_report(&args->post, (const char *)body->data, body->len) !=
		0 &&
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

/*
 * The migration pipeline shared by dry-run and export (see migrate.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argnum.h"
#include "fsio.h"
#include "klog.h"
#include "migrate.h"
#include "mv.h"
#include "records.h"
#include "xmalloc.h"

void
migrate_init(struct migrate *mg)
{
	memset(mg, 0, sizeof *mg);
	source_init(&mg->src);
	post_init(&mg->post);
	mg->po.mv = MV_DEFAULT;
	mg->node_id = -1;
}

static int
migrate_allow(struct migrate *mg, const char *arg, struct error *e)
{
	char *copy = xstrdup(arg), *s, *tok, *save = NULL;

	for (s = copy; (tok = strtok_r(s, ",", &save)) != NULL; s = NULL) {
		if (!plan_allowable(tok)) {
			error_set(e, EXIT_USAGE,
			    "--allow: %s: not a finding that can be allowed "
			    "(%s)",
			    tok, plan_allowable_list());
			free(copy);
			return -1;
		}
		mg->allow = xreallocarray(
		    mg->allow, mg->po.nallow + 1, sizeof *mg->allow);
		mg->allow[mg->po.nallow++] =
		    arena_strndup(&mg->arena, tok, strlen(tok));
	}
	free(copy);
	mg->po.allow = mg->allow;
	return 0;
}

int
migrate_option(struct migrate *mg, int ch, const char *arg, struct error *e)
{
	int64_t v, w;
	char *dash;
	int r;

	if ((r = source_option(&mg->src, ch, arg, e)) != 0 ||
	    (r = post_option(&mg->post, ch, arg, e)) != 0)
		return r;
	switch (ch) {
	case 'm':
		if ((mg->po.mv = mv_parse(arg)) < MV_MIN_BOOTSTRAP)
			return error_set(e, EXIT_USAGE,
			    "-m: %s: not a metadata.version a bootstrap "
			    "accepts (3.3-IV0 to %s, or a release such as 3.9)",
			    arg, mv_name(mv_latest()));
		mg->mv_given = true;
		break;
	case MIGRATE_OPT_ASSIGN_IDS:
		mg->po.assign_topic_ids = true;
		break;
	case MIGRATE_OPT_ELECT_LEADERS:
		mg->po.elect_leaders = true;
		break;
	case MIGRATE_OPT_SECRET_FILE:
		mg->secret_file = arg;
		break;
	case MIGRATE_OPT_ALLOW:
		return migrate_allow(mg, arg, e) == -1 ? -1 : 1;
	case MIGRATE_OPT_SNAPSHOT:
		mg->po.snapshot = true;
		break;
	case MIGRATE_OPT_SNAPSHOT_ID:
		if ((dash = strchr(arg, '-')) == NULL)
			return error_set(e, EXIT_USAGE,
			    "--snapshot-id: %s: expected OFFSET-EPOCH", arg);
		*dash = '\0';
		r = argnum_parse("snapshot-id", arg, 1, INT64_MAX, &v, e);
		*dash = '-';
		if (r == -1 ||
		    argnum_parse(
			"snapshot-id", dash + 1, 1, INT32_MAX, &w, e) == -1)
			return -1;
		mg->po.snapshot_offset = v;
		mg->po.snapshot_epoch = (int32_t)w;
		break;
	case MIGRATE_OPT_VOTERS_FROM:
		mg->voters_from = arg;
		break;
	case MIGRATE_OPT_TIMESTAMP:
		if (argnum_parse("timestamp", arg, 0, INT64_MAX, &v, e) == -1)
			return -1;
		mg->po.timestamp = v;
		break;
	case MIGRATE_OPT_META_PROPERTIES:
		mg->po.meta_properties = true;
		break;
	case MIGRATE_OPT_NODE_ID:
		if (argnum_parse("node-id", arg, 0, INT32_MAX, &v, e) == -1)
			return -1;
		mg->node_id = (int32_t)v;
		break;
	default:
		return 0;
	}
	return 1;
}

int
migrate_check(struct migrate *mg, struct error *e)
{
	if ((mg->po.snapshot_offset > 0 || mg->voters_from != NULL) &&
	    !mg->po.snapshot)
		return error_set(e, EXIT_USAGE,
		    "--snapshot-id and --voters-from need --snapshot");
	if (mg->po.meta_properties != (mg->node_id >= 0))
		return error_set(e, EXIT_USAGE,
		    "--meta-properties and --node-id go together");
	return post_check(&mg->post, e);
}

/* The secret file's content, one trailing newline removed. */
static int
migrate_read_secret(struct migrate *mg, struct error *e)
{
	struct fsio_secret sec;
	int ret;

	ret = fsio_read_secret(
	    mg->secret_file, "password.encoder.secret", false, &sec, e);
	if (sec.warning[0] != '\0')
		log_warnx("%s", sec.warning);
	if (ret == -1)
		return -1;
	if (sec.len == 0) {
		free(sec.s);
		return error_set(e, EXIT_FAIL, "%s: empty", mg->secret_file);
	}
	mg->secret = sec.s;
	mg->po.secret = sec.s;
	mg->po.secretlen = sec.len;
	return 0;
}

struct migrate_voters {
	struct migrate *mg;
	size_t n;
};

static int
migrate_voters_batch(void *arg, const char *path, size_t index,
    const struct kbatch *b, struct error *e)
{
	struct migrate_voters *mv = arg;
	struct migrate *mg = mv->mg;
	size_t i;

	(void)path;
	if (index != 0)
		return 0;
	for (i = 0; i < b->nrecords; i++) {
		const struct krecord *kr = &b->records[i];

		if (!kr->rec.control ||
		    (kr->rec.key != CONTROL_KRAFT_VERSION &&
			kr->rec.key != CONTROL_KRAFT_VOTERS))
			continue;
		mg->voters =
		    xreallocarray(mg->voters, mv->n + 1, sizeof *mg->voters);
		if (record_decode(&mg->voters[mv->n], true, &kr->key,
			&kr->value, kr->pos, &mg->arena, e) == -1)
			return -1;
		mv->n++;
	}
	return 0;
}

static int
migrate_read_voters(struct migrate *mg, struct error *e)
{
	struct migrate_voters mv = {.mg = mg};

	if (klog_read_file(mg->voters_from, KLOG_CHECKPOINT, 0,
		migrate_voters_batch, &mv, e) == -1)
		return -1;
	if (mv.n == 0)
		return error_set(e, EXIT_FAIL,
		    "%s: no KRaftVersionRecord or VotersRecord in its header "
		    "batch (a static quorum needs no --voters-from)",
		    mg->voters_from);
	mg->po.header_extra = mg->voters;
	mg->po.nheader_extra = mv.n;
	return 0;
}

int
migrate_run(struct migrate *mg, struct error *e)
{
	if (mg->secret_file != NULL && migrate_read_secret(mg, e) == -1)
		return -1;
	if (mg->voters_from != NULL && migrate_read_voters(mg, e) == -1)
		return -1;
	if (source_read(&mg->src, &mg->tree, e) == -1)
		return -1;
	if (model_from_tree(&mg->model, &mg->tree, mg->tree.root, e) == -1)
		return -1;
	return plan_build(&mg->plan, &mg->model, &mg->po, e);
}

void
migrate_free(struct migrate *mg)
{
	plan_free(&mg->plan);
	model_free(&mg->model);
	tree_free(&mg->tree);
	source_free(&mg->src);
	post_free(&mg->post);
	if (mg->secret != NULL) {
		explicit_bzero(mg->secret, mg->po.secretlen);
		free(mg->secret);
	}
	free(mg->allow);
	free(mg->voters);
	arena_free(&mg->arena);
}

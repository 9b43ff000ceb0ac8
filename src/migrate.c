/*
 * The migration pipeline shared by dry-run and export (see migrate.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argnum.h"
#include "fsio.h"
#include "log.h"
#include "klog.h"
#include "migrate.h"
#include "mv.h"
#include "policy.h"
#include "records.h"
#include "xmalloc.h"

void
migrate_opts_init(struct migrate_opts *mo)
{
	memset(mo, 0, sizeof *mo);
	mo->po.mv = MV_DEFAULT;
	mo->node_id = -1;
}

void
migrate_opts_free(struct migrate_opts *mo)
{
	free(mo->allow);
	arena_free(&mo->arena);
}

static int
migrate_allow(struct migrate_opts *mo, const char *arg, struct error *e)
{
	char *copy = xstrdup(arg), *s, *tok, *save = NULL;

	for (s = copy; (tok = strtok_r(s, ",", &save)) != NULL; s = NULL) {
		if (!policy_allowable(tok)) {
			error_set(e, EXIT_USAGE,
			    "--allow: %s: not a finding that can be allowed "
			    "(%s)",
			    tok, policy_allowable_list());
			free(copy);
			return -1;
		}
		mo->allow = xreallocarray(
		    mo->allow, mo->po.nallow + 1, sizeof *mo->allow);
		mo->allow[mo->po.nallow++] =
		    arena_strndup(&mo->arena, tok, strlen(tok));
	}
	free(copy);
	mo->po.allow = mo->allow;
	return 0;
}

/* --snapshot-id OFFSET-EPOCH */
static int
migrate_snapshot_id(struct migrate_opts *mo, const char *arg, struct error *e)
{
	const char *dash;
	char *offset;
	int64_t v, w;
	int r;

	if ((dash = strchr(arg, '-')) == NULL)
		return error_set(e, EXIT_USAGE,
		    "--snapshot-id: %s: expected OFFSET-EPOCH", arg);
	offset = xasprintf("%.*s", (int)(dash - arg), arg);
	r = argnum_parse("snapshot-id", offset, 1, INT64_MAX, &v, e);
	free(offset);
	if (r == -1 ||
	    argnum_parse("snapshot-id", dash + 1, 1, INT32_MAX, &w, e) == -1)
		return -1;
	mo->po.snapshot_offset = v;
	mo->po.snapshot_epoch = (int32_t)w;
	return 0;
}

int
migrate_option(struct migrate_opts *mo, enum migrate_opt opt, const char *arg,
    struct error *e)
{
	int64_t v;

	switch (opt) {
	case MIGRATE_OPT_METADATA_VERSION:
		if ((mo->po.mv = mv_parse(arg)) < MV_MIN_BOOTSTRAP)
			return error_set(e, EXIT_USAGE,
			    "-m: %s: not a metadata.version a bootstrap "
			    "accepts (3.3-IV0 to %s, or a release such as 3.9)",
			    arg, mv_name(mv_latest()));
		mo->mv_given = true;
		break;
	case MIGRATE_OPT_ASSIGN_IDS:
		mo->po.assign_topic_ids = true;
		break;
	case MIGRATE_OPT_ELECT_LEADERS:
		mo->po.elect_leaders = true;
		break;
	case MIGRATE_OPT_SECRET_FILE:
		mo->secret_file = arg;
		break;
	case MIGRATE_OPT_ALLOW:
		return migrate_allow(mo, arg, e);
	case MIGRATE_OPT_SNAPSHOT:
		mo->po.snapshot = true;
		break;
	case MIGRATE_OPT_SNAPSHOT_ID:
		return migrate_snapshot_id(mo, arg, e);
	case MIGRATE_OPT_VOTERS_FROM:
		mo->voters_from = arg;
		break;
	case MIGRATE_OPT_TIMESTAMP:
		if (argnum_parse("timestamp", arg, 0, INT64_MAX, &v, e) == -1)
			return -1;
		mo->po.timestamp = v;
		break;
	case MIGRATE_OPT_META_PROPERTIES:
		mo->po.meta_properties = true;
		break;
	case MIGRATE_OPT_NODE_ID:
		if (argnum_parse("node-id", arg, 0, INT32_MAX, &v, e) == -1)
			return -1;
		mo->node_id = (int32_t)v;
		break;
	}
	return 0;
}

int
migrate_check(const struct migrate_opts *mo, struct error *e)
{
	if ((mo->po.snapshot_offset > 0 || mo->voters_from != NULL) &&
	    !mo->po.snapshot)
		return error_set(e, EXIT_USAGE,
		    "--snapshot-id and --voters-from need --snapshot");
	if (mo->po.meta_properties != (mo->node_id >= 0))
		return error_set(e, EXIT_USAGE,
		    "--meta-properties and --node-id go together");
	return 0;
}

/* The secret file's content, one trailing newline removed. */
static int
migrate_read_secret(struct migrate *mg, const char *path, struct error *e)
{
	struct fsio_secret sec;
	int ret;

	ret = fsio_read_secret(path, "password.encoder.secret", false, &sec, e);
	if (sec.warning[0] != '\0')
		log_warnx("%s", sec.warning);
	if (ret == -1)
		return -1;
	if (sec.len == 0) {
		free(sec.s);
		return error_set(e, EXIT_FAIL, "%s: empty", path);
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
migrate_read_voters(struct migrate *mg, const char *path, struct error *e)
{
	struct migrate_voters mv = {.mg = mg};

	if (klog_read_file(
		path, KLOG_CHECKPOINT, 0, migrate_voters_batch, &mv, e) == -1)
		return -1;
	if (mv.n == 0)
		return error_set(e, EXIT_FAIL,
		    "%s: no KRaftVersionRecord or VotersRecord in its header "
		    "batch (a static quorum needs no --voters-from)",
		    path);
	mg->po.header_extra = mg->voters;
	mg->po.nheader_extra = mv.n;
	return 0;
}

int
migrate_run(struct migrate *mg, const struct migrate_opts *mo,
    struct source_opts *so, struct error *e)
{
	mg->po = mo->po;
	if (mo->secret_file != NULL &&
	    migrate_read_secret(mg, mo->secret_file, e) == -1)
		return -1;
	if (mo->voters_from != NULL &&
	    migrate_read_voters(mg, mo->voters_from, e) == -1)
		return -1;
	if (source_read(so, &mg->tree, e) == -1)
		return -1;
	if (model_from_tree(&mg->model, &mg->tree, mg->tree.root, e) == -1)
		return -1;
	mg->nznodes = mg->tree.n;
	tree_free(&mg->tree);
	return plan_build(&mg->plan, &mg->model, &mg->po, e);
}

void
migrate_free(struct migrate *mg)
{
	plan_free(&mg->plan);
	model_free(&mg->model);
	tree_free(&mg->tree);
	if (mg->secret != NULL) {
		explicit_bzero(mg->secret, mg->po.secretlen);
		free(mg->secret);
	}
	free(mg->voters);
	arena_free(&mg->arena);
}

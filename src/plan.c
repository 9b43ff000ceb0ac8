/*
 * The migration plan (see plan.h): checks -> translation -> limits ->
 * the encoded file -> bootstrap limits -> --allow.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan-check.h"
#include "plan-limits.h"
#include "plan.h"
#include "policy.h"
#include "xmalloc.h"

#define PLAN_BOOTSTRAP_WARN (64u << 20) /* bytes: see plan_encode() */

size_t
plan_count(const struct plan *p, int key)
{
	return translate_count(&p->tr, key);
}

/* Mark the blockers the operator allowed, sort, and say if any is left. */
static void
plan_allow(struct plan *p, const struct plan_opts *o)
{
	size_t i;

	for (i = 0; i < p->findings.n; i++) {
		struct finding *f = &p->findings.v[i];

		if (f->severity == FINDING_BLOCKER &&
		    policy_allowed(o->allow, o->nallow, f->code))
			f->allowed = true;
	}
	findings_sort(&p->findings);
	p->blocked = findings_count(&p->findings, FINDING_BLOCKER) > 0;
}

/* The checkpoint's bytes; a bootstrap file that size cannot be appended
 * safely gets a warning. */
static int
plan_encode(
    struct plan *p, const struct plan_opts *o, size_t *vlen, struct error *e)
{
	struct kwrite_opts ko = {.value_len = vlen};

	if (o->snapshot) {
		p->snapshot_offset = o->snapshot_offset > 0
		    ? o->snapshot_offset
		    : (int64_t)p->tr.nrecords;
		p->snapshot_epoch =
		    o->snapshot_epoch > 0 ? o->snapshot_epoch : 1;
		ko.epoch = p->snapshot_epoch;
		ko.last_contained_timestamp = o->timestamp;
		ko.header_extra = o->header_extra;
		ko.nheader_extra = o->nheader_extra;
	}
	ko.timestamp = o->timestamp;
	if (kwrite_checkpoint(&p->file, p->tr.records, p->tr.nrecords, &ko,
		&p->stats, e) == -1)
		return -1;
	/* Kafka 3.9's Raft leader keeps at most 10 undrained batches of
	 * 8 MiB; the activation appends the whole bootstrap at once
	 * (kraft-snapshot-format.md 7.2). */
	if (!o->snapshot && p->file.len > PLAN_BOOTSTRAP_WARN) {
		finding_add(&p->findings, FINDING_WARNING,
		    "bootstrap-very-large", NULL,
		    "export with --snapshot: snapshot loading has no such "
		    "limit",
		    "the bootstrap file is %zu MiB: the first controller "
		    "appends it all at once, and near 80 MiB that can exceed "
		    "the 10 batches of 8 MiB a Kafka 3.9 leader holds",
		    p->file.len >> 20);
		findings_sort(&p->findings);
	}
	return 0;
}

int
plan_build(struct plan *p, const struct model *m, const struct plan_opts *o,
    struct error *e)
{
	struct translate_opts to = {
	    .mv = o->mv,
	    .snapshot = o->snapshot,
	    .assign_topic_ids = o->assign_topic_ids,
	    .elect_leaders = o->elect_leaders,
	    .secret = o->secret,
	    .secretlen = o->secretlen,
	};

	size_t *vlen;
	int ret = -1;

	p->mv = o->mv;
	p->snapshot = o->snapshot;
	plan_check(&p->findings, m, o->meta_properties);
	translate(&p->tr, m, &to, &p->findings);
	plan_limits(&p->tr, &p->findings);
	/* The bootstrap limits need every record's size: the encoding
	 * gives them, so that each record is encoded once. */
	vlen = xreallocarray(NULL, p->tr.nrecords + 1, sizeof *vlen);
	if (plan_encode(p, o, vlen, e) == -1)
		goto out;
	if (!p->snapshot)
		plan_limits_bootstrap(&p->tr, &p->findings, p->mv, vlen);
	plan_allow(p, o);
	ret = 0;
out:
	free(vlen);
	return ret;
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	translate_free(&p->tr);
	findings_free(&p->findings);
	/* The file holds decrypted passwords too. */
	if (p->file.data != NULL)
		memset(p->file.data, 0, p->file.len);
	buf_free(&p->file);
	memset(p, 0, sizeof *p);
}

/*
 * What Kafka cannot write (plan-limits.c), run through plan_build(): the
 * bootstrap batch limits of kraft-snapshot-format.md 7.2 and strings
 * longer than a record can hold.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "model.h"
#include "mv.h"
#include "plan-helpers.h"
#include "plan.h"
#include "policy.h"
#include "records.h"
#include "tree.h"

TestSuite(plan_limits, .init = plan_test_setup, .fini = plan_test_teardown);

/*
 * A tree with one topic of npart partitions (replica [1], no state
 * znodes) and ncfg topics each with nkeys config values of cfglen bytes.
 */
static void
big_model(struct tree *tr, struct model *mm, int npart, int ncfg, int nkeys,
    size_t cfglen)
{
	struct buf b = {0};
	struct error e;
	char s[64], path[64], *v;
	int i, k;

	tree_init(tr, "/");
	add_node(tr, "/", NULL, 0, false);
	add_node(tr, "/cluster", NULL, 0, false);
	add_node(tr, "/cluster/id",
	    "{\"version\":\"1\",\"id\":"
	    "\"VEfH8kRPR3mJF3fDqRH5sA\"}",
	    0, false);
	add_node(tr, "/brokers", NULL, 0, false);
	add_node(tr, "/brokers/topics", NULL, 0, false);
	add_node(tr, "/config", NULL, 0, false);
	add_node(tr, "/config/topics", NULL, 0, false);
	if (npart > 0) {
		put_str(&b, "{\"version\":3,\"partitions\":{");
		for (i = 0; i < npart; i++) {
			int n = snprintf(
			    s, sizeof s, "%s\"%d\":[1]", i > 0 ? "," : "", i);

			buf_put(&b, s, (size_t)n);
		}
		put_str(&b,
		    "},\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\","
		    "\"adding_replicas\":{},\"removing_replicas\":{}}");
		buf_put_u8(&b, '\0');
		cr_assert_eq(strlen((char *)b.data), b.len - 1);
		add_node(tr, "/brokers/topics/big", (char *)b.data, 0, false);
		buf_free(&b);
	}
	v = malloc(cfglen + 1);
	memset(v, 'x', cfglen);
	v[cfglen] = '\0';
	for (i = 0; i < ncfg; i++) {
		char *data;

		snprintf(path, sizeof path, "/brokers/topics/c%02d", i);
		snprintf(s, sizeof s, "%016x", i);
		cr_assert_neq(asprintf(&data,
				  "{\"version\":3,\"partitions\":{\"0\":[1]},"
				  "\"topic_id\":\"%.6sAAAAAAAAAAAAAAAA\","
				  "\"adding_replicas\":{},"
				  "\"removing_replicas\":{}}",
				  s + 10),
		    -1);
		add_node(tr, path, data, 0, false);
		free(data);
		snprintf(path, sizeof path, "/config/topics/c%02d", i);
		put_str(&b, "{\"version\":1,\"config\":{");
		for (k = 0; k < nkeys; k++) {
			snprintf(s, sizeof s, "%s\"x.large.%03d\":\"",
			    k > 0 ? "," : "", k);
			put_str(&b, s);
			put_str(&b, v);
			put_str(&b, "\"");
		}
		put_str(&b, "}}");
		buf_put_u8(&b, '\0');
		add_node(tr, path, (char *)b.data, 0, false);
		buf_free(&b);
	}
	free(v);
	cr_assert_eq(tree_finish(tr, &e), 0, "%s", e.msg);
	cr_assert_eq(model_from_tree(mm, tr, "/", &e), 0, "%s", e.msg);
}

static void
big_plan(struct plan *pp, const struct model *mm, int mv, bool snapshot)
{
	struct plan_opts o;

	opts_sample(&o);
	o.mv = mv;
	o.snapshot = snapshot;
	build_plan(pp, mm, &o);
}

static size_t
nbootstrap_findings(const struct plan *pp)
{
	return ncode(pp, "bootstrap-too-many-records") +
	    ncode(pp, "bootstrap-too-large") +
	    ncode(pp, "bootstrap-chunk-too-large");
}

Test(plan_limits, bootstrap_too_many_records)
{
	const struct finding *f;

	big_model(&t, &m, 10001, 0, 0, 0);
	big_plan(&p, &m, mv_parse("3.5-IV2"), false);
	cr_assert_eq(plan_count(&p, RECORD_PARTITION), 10001);
	f = the_finding(&p, "bootstrap-too-many-records", NULL);
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(p.blocked);
	cr_assert(!policy_allowable("bootstrap-too-many-records"));
	plan_free(&p);

	/* 3.6-IV1 and later: the controller writes it in chunks. */
	big_plan(&p, &m, mv_parse("3.9-IV0"), false);
	cr_assert_eq(nbootstrap_findings(&p), 0);
	cr_assert(!p.blocked);
	plan_free(&p);
	big_plan(&p, &m, 13, false);
	cr_assert_eq(nbootstrap_findings(&p), 0);
	plan_free(&p);
	big_plan(&p, &m, 12, false);
	the_finding(&p, "bootstrap-too-many-records", NULL);

	/* A snapshot has no such limit. */
	big_plan(&p2, &m, mv_parse("3.5-IV2"), true);
	cr_assert_eq(nbootstrap_findings(&p2), 0);
	cr_assert(!p2.blocked);
}

Test(plan_limits, bootstrap_record_limit_boundary)
{
	/* Below 3.6-IV1 one atomic batch of at most 10,000 records: the
	 * FeatureLevelRecord, the TopicRecord, N PartitionRecords and the
	 * controller's ZkMigrationStateRecord (MV >= 3.4-IV0): N + 3. */
	big_model(&t, &m, 9997, 0, 0, 0);
	big_plan(&p, &m, 11, false);
	cr_assert_eq(p.tr.nrecords, 9999);
	cr_assert_eq(nbootstrap_findings(&p), 0);
	cr_assert(!p.blocked);

	big_model(&t2, &m2, 9998, 0, 0, 0);
	big_plan(&p2, &m2, 11, false);
	the_finding(&p2, "bootstrap-too-many-records", NULL);
}

Test(plan_limits, bootstrap_too_large)
{
	/* 10 topics of 30 config values of 30,000 bytes: 9,000,000 bytes >
	 * 8 MiB in one batch (below 3.6-IV1) or in one chunk (from 3.6-IV1,
	 * where the whole list is one chunk of fewer than 10,000). */
	big_model(&t, &m, 0, 10, 30, 30000);
	big_plan(&p, &m, 21, false);
	cr_assert_eq(plan_count(&p, RECORD_CONFIG), 300);
	cr_assert_eq(
	    the_finding(&p, "bootstrap-chunk-too-large", NULL)->severity,
	    FINDING_BLOCKER);
	cr_assert(p.blocked);
	plan_free(&p);
	big_plan(&p, &m, 11, false);
	the_finding(&p, "bootstrap-too-large", NULL);
	cr_assert_eq(ncode(&p, "bootstrap-chunk-too-large"), 0);
	cr_assert(p.blocked);
	plan_free(&p);
	big_plan(&p, &m, 21, true);
	cr_assert_eq(nbootstrap_findings(&p), 0);
	cr_assert(!p.blocked);

	/* 26 values a topic: 7,800,000 bytes and the framing fit. */
	big_model(&t2, &m2, 0, 10, 26, 30000);
	big_plan(&p2, &m2, 21, false);
	cr_assert_eq(nbootstrap_findings(&p2), 0);
	cr_assert(!p2.blocked);
	plan_free(&p2);
	big_plan(&p2, &m2, 11, false);
	cr_assert_eq(nbootstrap_findings(&p2), 0);
}

/*
 * A config value longer than a Kafka string can be (32,767 bytes) cannot
 * be encoded: plan.h says plan_build() then returns -1 with e set (or it
 * is a finding), never that the process exits.
 */
Test(plan_limits, config_value_too_long_for_a_record)
{
	struct plan_opts o;
	struct error e;
	int rc;

	big_model(&t, &m, 0, 1, 1, 40000);
	opts_sample(&o);
	memset(&e, 0, sizeof e);
	rc = plan_build(&p, &m, &o, &e);
	cr_assert(rc == -1 || p.blocked,
	    "a 40,000-byte config value neither fails nor blocks");
	if (rc == -1)
		cr_assert_neq(e.msg[0], '\0');
}

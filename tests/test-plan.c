/*
 * The migration plan (plan.c): checks -> translation -> limits ->
 * --allow, then the encoded file.  The file reads back as the plan's
 * records, the same model gives the same bytes, --allow clears only its
 * own blockers, and findings come out sorted.  The stages have their own
 * tests: test-plan-check.c, test-translate.c, test-plan-limits.c.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "finding.h"
#include "helpers.h"
#include "kcheck.h"
#include "plan-helpers.h"
#include "plan.h"

TestSuite(plan, .init = plan_test_setup, .fini = plan_test_teardown);

/* ---- The encoded file ---------------------------------------------------- */

/* The encoded file holds exactly the plan's records (kcheck reads it). */
Test(plan, sample_file_reads_back)
{
	char dir[] = "/tmp/test-plan-XXXXXX", path[256];
	struct kcheck_result res;
	struct error e;
	FILE *fp;
	int k, rc;

	sample_plan("sample");
	cr_assert_gt(p.file.len, 0);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/bootstrap.checkpoint", dir);
	fp = fopen(path, "wb");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(p.file.data, 1, p.file.len, fp), p.file.len);
	fclose(fp);
	memset(&res, 0, sizeof res);
	rc = kcheck_file(
	    path, KCHECK_BOOTSTRAP, p.tr.records, p.tr.nrecords, &res, &e);
	unlink(path);
	rmdir(dir);
	cr_assert_eq(rc, 0, "kcheck: %s", e.msg);
	cr_assert_eq(res.mismatches, 0, "%s", res.mismatch);
	cr_assert_eq(res.records, p.tr.nrecords);
	cr_assert_eq(res.metadata_version, 21);
	for (k = 0; k < KCHECK_NKEYS; k++)
		cr_assert_eq(res.count[k], plan_count(&p, k), "count[%d]", k);
	cr_assert_eq(res.size, p.file.len);
}

Test(plan, sample_snapshot_file_reads_back)
{
	char dir[] = "/tmp/test-plan-XXXXXX", path[256];
	struct kcheck_result res;
	struct plan_opts o;
	struct error e;
	FILE *fp;
	int rc;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.snapshot = true;
	build_plan(&p, &m, &o);
	/* Defaults: the snapshot id is the number of records, epoch 1. */
	cr_assert_eq(p.snapshot_offset, (int64_t)p.tr.nrecords);
	cr_assert_eq(p.snapshot_epoch, 1);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/%020lld-%010d.checkpoint", dir,
	    (long long)p.snapshot_offset, (int)p.snapshot_epoch);
	fp = fopen(path, "wb");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(p.file.data, 1, p.file.len, fp), p.file.len);
	fclose(fp);
	memset(&res, 0, sizeof res);
	rc = kcheck_file(
	    path, KCHECK_SNAPSHOT, p.tr.records, p.tr.nrecords, &res, &e);
	unlink(path);
	rmdir(dir);
	cr_assert_eq(rc, 0, "kcheck: %s", e.msg);
	cr_assert_eq(res.mismatches, 0, "%s", res.mismatch);
	cr_assert_eq(res.records, 38);
}

Test(plan, snapshot_offset_and_epoch_options)
{
	struct plan_opts o;

	load_fixture(&t, &m, "sample-stopped");
	opts_sample(&o);
	o.snapshot = true;
	o.snapshot_offset = 1234;
	o.snapshot_epoch = 7;
	build_plan(&p, &m, &o);
	cr_assert_eq(p.snapshot_offset, 1234);
	cr_assert_eq(p.snapshot_epoch, 7);
}

/* ---- Determinism --------------------------------------------------------- */

Test(plan, same_model_same_bytes)
{
	struct plan_opts o;

	sample_plan("sample");
	opts_sample(&o);
	build_plan(&p2, &m, &o);
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);

	/* And from a second copy of the tree and model. */
	plan_free(&p2);
	load_fixture(&t2, &m2, "sample");
	build_plan(&p2, &m2, &o);
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);
}

Test(plan, timestamp_reaches_the_file)
{
	struct plan_opts o;

	sample_plan("sample");
	opts_sample(&o);
	o.timestamp = TIMESTAMP + 1;
	build_plan(&p2, &m, &o);
	cr_assert_eq(p.file.len, p2.file.len);
	cr_assert_neq(memcmp(p.file.data, p2.file.data, p.file.len), 0);
}

/* ---- --allow and the findings' order ------------------------------------- */

Test(plan, allow_only_affects_blockers_of_its_code)
{
	const char *const allow[] = {"malformed-json", "cluster-running"};
	struct plan_opts o;

	load_fixture(&t, &m, "malformed");
	opts_sample(&o);
	o.allow = allow;
	o.nallow = 2;
	build_plan(&p, &m, &o);
	cr_assert(the_finding(&p, "malformed-json", "/brokers/topics/bad-json")
		      ->allowed);
	cr_assert(
	    !the_finding(&p, "bad-scram", "/config/users/bad-salt")->allowed);
	/* Warnings are never "allowed". */
	cr_assert(!the_finding(&p, "malformed-json", "/cluster/id")->allowed);
	cr_assert(p.blocked);
}

Test(plan, plan_findings_are_sorted)
{
	size_t i;

	load_fixture(&t, &m, "malformed");
	{
		struct plan_opts o;

		opts_sample(&o);
		build_plan(&p, &m, &o);
	}
	for (i = 1; i < p.findings.n; i++) {
		const struct finding *a = &p.findings.v[i - 1];
		const struct finding *b = &p.findings.v[i];

		cr_assert_leq(a->severity, b->severity);
		if (a->severity == b->severity)
			cr_assert_leq(strcmp(a->code, b->code), 0);
	}
}

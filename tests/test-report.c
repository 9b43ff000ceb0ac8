/*
 * The migration report, JSON and text (report.c), of plans built from the
 * sample cluster and from trees built here: its figures, and no secret in
 * it.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "finding.h"
#include "helpers.h"
#include "plan-helpers.h"
#include "plan.h"
#include "policy.h"
#include "records.h"
#include "report.h"

static struct buf out, out2;

static void
setup(void)
{
	plan_test_setup();
	memset(&out, 0, sizeof out);
	memset(&out2, 0, sizeof out2);
}

static void
teardown(void)
{
	plan_test_teardown();
	buf_free(&out);
	buf_free(&out2);
}

TestSuite(report, .init = setup, .fini = teardown);

static bool
contains(const struct buf *b, const char *s)
{
	return memmem(b->data, b->len, s, strlen(s)) != NULL;
}

static const char *const secrets[] = {
    "ext-keystore-pass",
    /* the encrypted blob's ciphertext */
    "dokQo8OXX81O9shAwk7vNUbXlPVpoRZ8KMZTmPtgrmk",
    /* SCRAM salts: base64 as stored, and as text */
    "ejdwc3k0azNwMGFvMzl5bzFsZjlwNWdwbw",
    "c2Rta2p3bWoxZTg0czNobGl3a3JlcjUyYw",
    "z7psy4k3p0ao39yo1lf9p5gpo",
    "sdmkjwmj1e84s3hliwkrer52c",
    /* stored and server keys: base64 and hex */
    "0vg0AoEsYb7rOpezTmqZp9rB",
    "gBZFAmBOD+tOdq2mzk39HSU2yNifkLuagL6ef2u61xY",
    "q4EuabeJ9dBC6YI1HPk4a5Fr0hoRK26c9nG03Bjsl",
    "bkUm4FDFfthmzgaonrgYHYkCHDpXjuOIMk77k9Od",
    "d2f83402812c61beeb3a97b34e6a99a7",
    "80164502604e0feb4e76ada6ce4dfd1d",
    "ab812e69b789f5d042e982351cf9386b",
    "6e4526e050c57ed866ce06a89eb8181d",
};

static void
report_info_sample(struct report_info *ri)
{
	memset(ri, 0, sizeof *ri);
	ri->command = "dry-run";
	ri->source_kind = "dump";
	ri->source = "sample/dump.json";
	ri->znodes = t.n;
}

static json_t *
parse_json(const struct buf *b)
{
	json_error_t je;
	json_t *root;

	root = json_loadb((const char *)b->data, b->len, 0, &je);
	cr_assert_not_null(
	    root, "report is not JSON: line %d: %s", je.line, je.text);
	cr_assert(json_is_object(root));
	return root;
}

static json_int_t
json_int_at(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	cr_assert(json_is_integer(v), "%s is not an integer", key);
	return json_integer_value(v);
}

Test(report, report_json_sample)
{
	struct report_info ri;
	json_t *root, *o, *a, *x;
	size_t i, nredacted = 0;

	sample_plan("sample");
	report_info_sample(&ri);
	report_json(&out, &p, &m, &ri);
	cr_assert_gt(out.len, 0);
	cr_assert_eq(out.data[out.len - 1], '\n');
	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		cr_assert(!contains(&out, secrets[i]), "JSON report shows %s",
		    secrets[i]);
	cr_assert(contains(&out, POLICY_REDACTED));

	root = parse_json(&out);
	cr_assert_str_eq(
	    json_string_value(json_object_get(root, "command")), "dry-run");
	cr_assert(!p.blocked);
	cr_assert_str_eq(
	    json_string_value(json_object_get(root, "result")), "ok");
	o = json_object_get(root, "summary");
	cr_assert_eq(json_int_at(o, "blockers"),
	    (json_int_t)findings_count(&p.findings, FINDING_BLOCKER));
	cr_assert_eq(json_int_at(o, "warnings"),
	    (json_int_t)findings_count(&p.findings, FINDING_WARNING));
	cr_assert_eq(json_int_at(o, "infos"),
	    (json_int_t)findings_count(&p.findings, FINDING_INFO));
	cr_assert_eq(json_int_at(o, "blockers"), 0);
	cr_assert_geq(json_int_at(o, "warnings"), 1);
	a = json_object_get(root, "findings");
	cr_assert_eq(json_array_size(a), p.findings.n);

	/* Record counts: the 7.2 manifest. */
	o = json_object_get(root, "records");
	cr_assert_eq(json_int_at(o, "total"), 37);
	cr_assert_eq(json_int_at(o, "FeatureLevelRecord"), 1);
	cr_assert_eq(json_int_at(o, "TopicRecord"), 3);
	cr_assert_eq(json_int_at(o, "PartitionRecord"), 8);
	cr_assert_eq(json_int_at(o, "ConfigRecord"), 12);
	cr_assert_eq(json_int_at(o, "UserScramCredentialRecord"), 2);
	cr_assert_eq(json_int_at(o, "ClientQuotaRecord"), 4);
	cr_assert_eq(json_int_at(o, "ProducerIdsRecord"), 1);
	cr_assert_eq(json_int_at(o, "AccessControlEntryRecord"), 5);
	cr_assert_eq(json_int_at(o, "DelegationTokenRecord"), 1);

	o = json_object_get(root, "metadata_version");
	cr_assert_eq(json_int_at(o, "level"), 21);
	cr_assert_str_eq(
	    json_string_value(json_object_get(o, "name")), "3.9-IV0");
	o = json_object_get(root, "output");
	cr_assert_eq(json_int_at(o, "bytes"), (json_int_t)p.file.len);
	cr_assert_str_eq(json_string_value(json_object_get(o, "file")),
	    "bootstrap.checkpoint");
	cr_assert_str_eq(json_string_value(json_object_get(root, "cluster_id")),
	    "VEfH8kRPR3mJF3fDqRH5sA");

	/* Broker 2's password config is redacted. */
	o = json_object_get(root, "other");
	cr_assert_eq(json_int_at(o, "passwords_decrypted"), 1);
	cr_assert_eq(json_int_at(o, "next_producer_id"), 3000);
	a = json_object_get(o, "broker_configs");
	cr_assert(json_is_array(a));
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		if (strcmp(json_string_value(json_object_get(x, "broker")),
			"2") != 0)
			continue;
		x = json_object_get(json_object_get(x, "configs"),
		    "listener.name.external.ssl.keystore.password");
		cr_assert_str_eq(json_string_value(x), POLICY_REDACTED);
		nredacted++;
	}
	cr_assert_eq(nredacted, 1);
	cr_assert_eq(json_array_size(json_object_get(root, "topics")), 4);
	json_decref(root);
}

Test(report, report_json_blocked)
{
	struct report_info ri;
	struct plan_opts o;
	json_t *root, *a, *x;
	size_t i, n = 0;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.secret = NULL;
	o.secretlen = 0;
	build_plan(&p, &m, &o);
	cr_assert(p.blocked);
	report_info_sample(&ri);
	report_json(&out, &p, &m, &ri);
	root = parse_json(&out);
	cr_assert_str_eq(
	    json_string_value(json_object_get(root, "result")), "blocked");
	cr_assert_eq(json_int_at(json_object_get(root, "summary"), "blockers"),
	    (json_int_t)findings_count(&p.findings, FINDING_BLOCKER));
	cr_assert_eq(
	    json_int_at(json_object_get(root, "summary"), "blockers"), 1);
	a = json_object_get(root, "findings");
	for (i = 0; i < json_array_size(a); i++) {
		x = json_array_get(a, i);
		if (strcmp(json_string_value(json_object_get(x, "code")),
			"encrypted-password") != 0)
			continue;
		cr_assert_str_eq(
		    json_string_value(json_object_get(x, "severity")),
		    "blocker");
		cr_assert_str_eq(json_string_value(json_object_get(x, "path")),
		    "/config/brokers/2");
		cr_assert(json_is_false(json_object_get(x, "allowed")));
		n++;
	}
	cr_assert_eq(n, 1);
	cr_assert(!contains(&out, "ext-keystore-pass"));
	json_decref(root);
}

Test(report, report_text_sample)
{
	struct report_info ri;
	size_t i;

	sample_plan("sample");
	report_info_sample(&ri);
	report_text(&out, &p, &m, &ri);
	cr_assert_gt(out.len, 0);
	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		cr_assert(!contains(&out, secrets[i]), "text report shows %s",
		    secrets[i]);
	cr_assert(contains(&out, POLICY_REDACTED));
	cr_assert(contains(&out, "topic-pending-deletion"));
	cr_assert(contains(&out, "3.9-IV0"));

	/* The same plan gives the same bytes. */
	report_text(&out2, &p, &m, &ri);
	assert_bytes_eq(out.data, out.len, out2.data, out2.len);
}

Test(report, report_text_blocked)
{
	struct report_info ri;
	struct plan_opts o;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	report_info_sample(&ri);
	report_text(&out, &p, &m, &ri);
	cr_assert(contains(&out, "BLOCKED"));
	cr_assert(contains(&out, "cluster-running"));
	cr_assert(!contains(&out, "ext-keystore-pass"));
}

Test(report, report_redacts_plaintext_passwords)
{
	struct report_info ri;
	struct plan_opts o;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/brokers/1 P 0 {\"version\":1,\"config\":{"
	    "\"listener.name.x.sasl.jaas.config\":\"jaas-plain-value\","
	    "\"ssl.truststore.password\":\"plain-secret-123\"}}\n"
	    "/brokers/topics/t P 0 {\"version\":3,\"partitions\":{\"0\":[1]},"
	    "\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\",\"adding_replicas\":{},"
	    "\"removing_replicas\":{}}\n"
	    "/config/topics/t P 0 {\"version\":1,\"config\":"
	    "{\"some.secret.thing\":\"topic-secret-value\"}}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	report_info_sample(&ri);
	report_json(&out, &p, &m, &ri);
	report_text(&out2, &p, &m, &ri);
	json_decref(parse_json(&out));
	cr_assert(!contains(&out, "plain-secret-123"));
	cr_assert(!contains(&out, "jaas-plain-value"));
	cr_assert(!contains(&out, "topic-secret-value"));
	cr_assert(!contains(&out2, "plain-secret-123"));
	cr_assert(!contains(&out2, "jaas-plain-value"));
	cr_assert(!contains(&out2, "topic-secret-value"));
	cr_assert(contains(&out, POLICY_REDACTED));
	cr_assert(contains(&out2, POLICY_REDACTED));
}

/* Double.parseDouble accepts NaN and Infinity (3.5), so the model keeps
 * such quota values; the JSON report must still be written and parse. */
Test(report, report_json_nonfinite_quota)
{
	struct report_info ri;
	struct plan_opts o;
	json_t *root;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/clients/odd P 0 {\"version\":1,\"config\":"
	    "{\"producer_byte_rate\":\"NaN\",\"consumer_byte_rate\":"
	    "\"Infinity\"}}\n");
	cr_assert_eq(m.nquotas, 1);
	opts_sample(&o);
	build_plan(&p, &m, &o);
	cr_assert_eq(plan_count(&p, RECORD_CLIENT_QUOTA), 2);
	report_info_sample(&ri);
	report_json(&out, &p, &m, &ri);
	root = parse_json(&out);
	cr_assert_eq(json_array_size(json_object_get(
			 json_object_get(root, "other"), "client_quotas")),
	    1);
	json_decref(root);
}

/*
 * The plan's checks of the model (plan-check.c), run through
 * plan_build(): a running cluster (zookeeper-layout.md 4.2), paths under
 * a chroot, and model errors as findings, blocking only on what the
 * migration carries.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stddef.h>
#include <string.h>

#include "finding.h"
#include "helpers.h"
#include "plan-helpers.h"
#include "plan.h"
#include "policy.h"
#include "records.h"

TestSuite(plan_check, .init = plan_test_setup, .fini = plan_test_teardown);

/* ---- A running cluster (4.2) --------------------------------------------- */

Test(plan_check, running_cluster_blocks)
{
	static const char *const paths[] = {"/brokers/ids/1", "/brokers/ids/2",
	    "/brokers/ids/3", "/controller"};
	struct plan_opts o;
	size_t i;

	load_fixture(&t, &m, "sample");
	opts_sample(&o);
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	cr_assert_eq(ncode(&p, "cluster-running"), 4);
	for (i = 0; i < 4; i++) {
		const struct finding *f =
		    the_finding(&p, "cluster-running", paths[i]);

		cr_assert_eq(f->severity, FINDING_BLOCKER);
		cr_assert(!f->allowed);
	}
	cr_assert(p.blocked);
	cr_assert_eq(findings_count(&p.findings, FINDING_BLOCKER), 4);

	/* --allow cluster-running: the same findings, allowed. */
	opts_sample(&o);
	build_plan(&p2, &m, &o);
	cr_assert_eq(ncode(&p2, "cluster-running"), 4);
	for (i = 0; i < 4; i++)
		cr_assert(
		    the_finding(&p2, "cluster-running", paths[i])->allowed);
	cr_assert(!p2.blocked);
	cr_assert_eq(findings_count(&p2.findings, FINDING_BLOCKER), 0);
	/* The records do not depend on the allow list. */
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);
}

Test(plan_check, stopped_cluster_does_not_block)
{
	struct plan_opts o;

	load_fixture(&t, &m, "sample-stopped");
	opts_sample(&o);
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	cr_assert_eq(ncode(&p, "cluster-running"), 0);
	cr_assert_eq(ncode(&p, "migration-attempted"), 0);
	if (p.blocked)
		dump_findings(&p);
	cr_assert(!p.blocked);
	cr_assert_eq(p.tr.nrecords, 37);
}

Test(plan_check, chroot_paths_in_findings)
{
	struct plan_opts o;

	model_text(&t, &m, "/kafka",
	    "/kafka/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/kafka/brokers/ids/7 E 0 {\"features\":{},"
	    "\"listener_security_protocol_map\":{\"PLAINTEXT\":\"PLAINTEXT\"},"
	    "\"endpoints\":[\"PLAINTEXT://k7:9092\"],\"jmx_port\":-1,"
	    "\"port\":9092,\"host\":\"k7\",\"version\":5,"
	    "\"timestamp\":\"1729501200123\"}\n"
	    "/kafka/brokers/topics/t P 0 {\"version\":1,"
	    "\"partitions\":{\"0\":[7]}}\n"
	    "/kafka/admin/delete_topics/gone P 0 -\n");
	opts_sample(&o);
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	the_finding(&p, "cluster-running", "/kafka/brokers/ids/7");
	the_finding(&p, "topic-without-id", "/kafka/brokers/topics/t");
	the_finding(
	    &p, "stale-deletion-marker", "/kafka/admin/delete_topics/gone");
	cr_assert(p.blocked);
}

/* ---- Model errors -------------------------------------------------------- */

#define MODEL_ERRORS_TREE                                                      \
	"/cluster/id P 0 "                                                     \
	"{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"              \
	"/brokers/ids/1 P 0 {\"version\":9,\"host\":\"k1\",\"port\":9092}\n"   \
	"/brokers/topics/bad P 0 {\"partitions\":{\"0\":[1]},\n"               \
	"/brokers/topics/good P 0 {\"version\":3,\"partitions\":{\"0\":[1]},"  \
	"\"topic_id\":\"_We0fIl8RTmN7v4rgZ1Clw\",\"adding_replicas\":{},"      \
	"\"removing_replicas\":{}}\n"

Test(plan_check, model_error_on_migrated_znode_blocks)
{
	const char *const allow[] = {"malformed-json"};
	const struct finding *f;
	struct plan_opts o;

	model_text(&t, &m, "/", MODEL_ERRORS_TREE);
	opts_sample(&o);
	o.allow = NULL;
	o.nallow = 0;
	build_plan(&p, &m, &o);
	f = the_finding(&p, "malformed-json", "/brokers/topics/bad");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert(!f->allowed);
	cr_assert_not_null(f->action);
	cr_assert(p.blocked);
	/* The broker registration is not migrated: a warning only. */
	f = the_finding(&p, "unknown-version", "/brokers/ids/1");
	cr_assert_eq(f->severity, FINDING_WARNING);
	cr_assert_not_null(topic_rec(&p, "good"));
	cr_assert_null(topic_rec(&p, "bad"));

	cr_assert(policy_allowable("malformed-json"));
	o.allow = allow;
	o.nallow = 1;
	build_plan(&p2, &m, &o);
	cr_assert(
	    the_finding(&p2, "malformed-json", "/brokers/topics/bad")->allowed);
	if (p2.blocked)
		dump_findings(&p2);
	cr_assert(!p2.blocked);
	cr_assert_eq(findings_count(&p2.findings, FINDING_BLOCKER), 0);
	assert_bytes_eq(p.file.data, p.file.len, p2.file.data, p2.file.len);
}

Test(plan_check, malformed_fixture_blockers_by_path)
{
	struct plan_opts o;

	load_fixture(&t, &m, "malformed");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	cr_assert(p.blocked);
	cr_assert_eq(
	    the_finding(&p, "bad-quota-value", "/config/clients/greedy")
		->severity,
	    FINDING_BLOCKER);
	cr_assert_eq(
	    the_finding(&p, "bad-scram", "/config/users/bad-salt")->severity,
	    FINDING_BLOCKER);
	cr_assert_eq(
	    the_finding(&p, "bad-value", "/latest_producer_id_block")->severity,
	    FINDING_BLOCKER);
	cr_assert_eq(the_finding(&p, "wrong-type",
			 "/brokers/topics/bad-isr/partitions/0/state")
			 ->severity,
	    FINDING_BLOCKER);
	/* Not migrated: warnings. */
	cr_assert_eq(the_finding(&p, "malformed-json", "/cluster/id")->severity,
	    FINDING_WARNING);
	cr_assert_eq(
	    the_finding(&p, "unknown-version", "/brokers/ids/1")->severity,
	    FINDING_WARNING);
	cr_assert_eq(
	    the_finding(&p, "migration-attempted", "/migration")->severity,
	    FINDING_BLOCKER);
	/* Unknown ACL operation and permission block (Kafka would migrate
	 * code 0) and the ACE is not translated. */
	cr_assert_eq(
	    the_finding(&p, "acl-unknown-operation", "/kafka-acl/Group/frob")
		->severity,
	    FINDING_BLOCKER);
	the_finding(&p, "acl-unknown-permission", "/kafka-acl/Group/frob");
	cr_assert_eq(plan_count(&p, RECORD_ACCESS_CONTROL_ENTRY), 0);
}

/* ACLs of resource type Unknown block as unknown operations do; allowed,
 * they are left out. */
Test(plan_check, acl_of_unknown_resource_type_blocks)
{
	const char *const allow[] = {"acl-unknown-resource-type"};
	struct plan_opts o;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/kafka-acl/Unknown/u P 0 {\"version\":1,\"acls\":["
	    "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	    "\"host\":\"*\",\"operation\":\"Read\"}]}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	cr_assert_eq(
	    the_finding(&p, "acl-unknown-resource-type", "/kafka-acl/Unknown/u")
		->severity,
	    FINDING_BLOCKER);
	cr_assert(p.blocked);
	o.allow = allow;
	o.nallow = 1;
	build_plan(&p2, &m, &o);
	cr_assert(!p2.blocked);
	cr_assert_eq(plan_count(&p2, RECORD_ACCESS_CONTROL_ENTRY), 0);
}

/* A model error on a migrated znode says what Kafka would do with it,
 * and its action names the --allow code. */
Test(plan_check, model_blockers_say_what_kafka_does)
{
	const struct finding *f;
	struct plan_opts o;

	load_fixture(&t, &m, "malformed");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "malformed-json", "/config/topics/gzipped");
	cr_assert_str_eq(f->msg,
	    "malformed json: line 1 column 1: invalid token near '?'; Kafka "
	    "reads no configs from it");
	cr_assert_str_eq(f->action,
	    "fix the znode, or --allow malformed-json to leave out what "
	    "zk2kraft cannot read");
	f = the_finding(&p, "bad-scram", "/config/users/bad-salt");
	cr_assert_str_eq(f->msg,
	    "SCRAM-SHA-256: salt is not base64; Kafka's migration fails on "
	    "it");
	f = the_finding(&p, "unknown-version", "/brokers/topics/v4");
	cr_assert_not_null(strstr(f->msg, "Kafka ignores the version"));
	/* A malformed block says so; no "never allocated" beside it. */
	cr_assert_eq(ncode(&p, "no-producer-id-block"), 0);
}

/*
 * Kafka's migration never reads a topic marked for deletion: what is
 * wrong with its znodes does not block.
 */
Test(plan_check, errors_of_topics_pending_deletion_do_not_block)
{
	const struct finding *f;
	struct plan_opts o;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/brokers/topics/gone P 0 {\"partitions\":{\"0\":[1]},\n"
	    "/brokers/topics/old P 0 {\"version\":3,\"topic_id\":"
	    "\"vhtG_ifbQGLYEpOJvQ9xVw\",\"partitions\":{\"0\":[1]}}\n"
	    "/brokers/topics/old/partitions/0/state P 0 -\n"
	    "/config/topics/old P 0 {\"version\":1,\"config\":{\"a\":1}}\n"
	    "/admin/delete_topics/gone P 0 -\n"
	    "/admin/delete_topics/old P 0 -\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	if (p.blocked)
		dump_findings(&p);
	cr_assert(!p.blocked);
	f = the_finding(&p, "malformed-json", "/brokers/topics/gone");
	cr_assert_eq(f->severity, FINDING_WARNING);
	cr_assert_str_eq(f->action,
	    "not migrated: the topic is marked for deletion, and Kafka's "
	    "migration skips it");
	cr_assert_eq(the_finding(&p, "null-data",
			 "/brokers/topics/old/partitions/0/state")
			 ->severity,
	    FINDING_WARNING);
	cr_assert_eq(
	    the_finding(&p, "wrong-type", "/config/topics/old")->severity,
	    FINDING_WARNING);
	cr_assert_eq(plan_count(&p, RECORD_TOPIC), 0);
}

/* Every model error on a migrated znode names --allow in its action; the
 * code must then be one --allow accepts. */
Test(plan_check, model_error_codes_on_migrated_znodes_are_allowable)
{
	const char *const allow[] = {"bad-name"};
	const struct finding *f;
	struct plan_opts o;

	model_text(&t, &m, "/",
	    "/cluster/id P 0 "
	    "{\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
	    "/config/users/bad%ZZname P 0 {\"version\":1,\"config\":"
	    "{\"producer_byte_rate\":\"1024\"}}\n");
	opts_sample(&o);
	build_plan(&p, &m, &o);
	f = the_finding(&p, "bad-name", "/config/users/bad%ZZname");
	cr_assert_eq(f->severity, FINDING_BLOCKER);
	cr_assert_not_null(strstr(f->action, "--allow"));
	cr_assert(p.blocked);

	cr_assert(policy_allowable("bad-name"),
	    "bad-name blocks but --allow bad-name is refused");
	o.allow = allow;
	o.nallow = 1;
	build_plan(&p2, &m, &o);
	cr_assert(!p2.blocked, "--allow bad-name does not clear the blocker");
}

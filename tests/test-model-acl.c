/*
 * ACLs (src/model-acl.c).
 */
#include "config.h"

#include <criterion/criterion.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_acl, .init = model_setup, .fini = model_teardown);

Test(model_acl, acl_errors_and_unknown_names)
{
	build("/kafka-acl/Topic/v2 P 0 {\"version\":2,\"acls\":[]}\n"
	      "/kafka-acl/Topic/nocolon P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"alice\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"},"
	      "{\"principal\":\"User:bob\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"}]}\n"
	      "/kafka-acl/Group/frob P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"Maybe\","
	      "\"host\":\"*\",\"operation\":\"Frobnicate\"}]}\n"
	      "/kafka-acl/Group/snake P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"allow\","
	      "\"host\":\"*\",\"operation\":\"DESCRIBE_CONFIGS\"}]}\n"
	      "/kafka-acl/Widget/x P 0 {\"version\":1,\"acls\":[]}\n"
	      "/kafka-acl/Topic/empty P 0 -\n"
	      "/kafka-acl/Topic/nohost P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"operation\":\"Read\"}]}\n");
	cr_assert_eq(m.ndiags, 7);
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "unknown-version", "/kafka-acl/Topic/v2")->msg,
	    "acl version 2, expected 1; Kafka's migration fails on it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-principal", "/kafka-acl/Topic/nocolon")
		->msg,
	    "acls[0]: principal \"alice\" is not <type>:<name>; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(diag_at(MODEL_WARNING, "acl-unknown-operation",
			     "/kafka-acl/Group/frob")
			     ->msg,
	    "acls[0]: operation \"Frobnicate\" is not an acl operation (Kafka "
	    "migrates it as code 0)");
	diag_at(
	    MODEL_WARNING, "acl-unknown-permission", "/kafka-acl/Group/frob");
	diag_at(
	    MODEL_WARNING, "acl-unknown-operation", "/kafka-acl/Group/snake");
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "acl-ignored-directory", "/kafka-acl/Widget")
		->msg,
	    "Kafka reads resource type Unknown from /kafka-acl/Unknown, so "
	    "the acls below this directory are ignored");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "missing-field", "/kafka-acl/Topic/nohost")
		->msg,
	    "acls[0]: field \"host\" is missing; Kafka's migration fails on "
	    "it");

	/* bob's ACE survives its neighbour; unknown names become 0. */
	cr_assert_eq(m.nacls, 3);
	cr_assert_str_eq(m.acls[0].resource_name, "nocolon");
	cr_assert_str_eq(m.acls[0].principal, "User:bob");
	cr_assert_str_eq(m.acls[1].resource_name, "frob");
	cr_assert_eq(m.acls[1].operation, 0);
	cr_assert_eq(m.acls[1].permission, 0);
	cr_assert_str_eq(m.acls[1].operation_name, "Frobnicate");
	cr_assert_str_eq(m.acls[1].permission_name, "Maybe");
	cr_assert_eq(m.acls[2].operation, 0);
	cr_assert_eq(m.acls[2].permission, 3);
}

Test(model_acl, acl_names_match_case_insensitively_and_dedupe)
{
	build("/kafka-acl/Topic/t P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"ALLOW\","
	      "\"host\":\"*\",\"operation\":\"READ\"},"
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"},"
	      "{\"principal\":\"User:a\",\"permissionType\":\"allow\","
	      "\"host\":\"*\",\"operation\":\"describeconfigs\"},"
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"clusterAction\"},"
	      "{\"principal\":\"User:a\",\"permissionType\":\"Deny\","
	      "\"host\":\"*\",\"operation\":\"Wr\\u0131te\"}]}\n"
	      "/kafka-acl-extended/prefixed/TransactionalId/tx- P 0 "
	      "{\"version\":1,\"acls\":[{\"principal\":\"User:*\","
	      "\"permissionType\":\"Allow\",\"host\":\"*\","
	      "\"operation\":\"All\"}]}\n"
	      "/kafka-acl/Cluster/kafka-cluster P 0 {\"acls\":[{\"principal\":"
	      "\"User:CN=a,O=b\",\"permissionType\":\"Allow\",\"host\":\"*\","
	      "\"operation\":\"IdempotentWrite\"}],\"version\":1}\n");
	no_diags();
	cr_assert_eq(m.nacls, 6);
	/* Read twice (READ/ALLOW and Read/Allow) is one ACE. */
	cr_assert_eq(m.acls[0].resource_type, 2);
	cr_assert_eq(m.acls[0].operation, 3);
	cr_assert_str_eq(m.acls[0].operation_name, "READ");
	cr_assert_eq(m.acls[1].operation, 4);
	cr_assert_eq(m.acls[1].permission, 2);
	cr_assert_eq(m.acls[2].operation, 9);
	cr_assert_eq(m.acls[3].operation, 10);
	cr_assert_eq(m.acls[4].resource_type, 4);
	cr_assert_str_eq(m.acls[4].principal, "User:CN=a,O=b");
	cr_assert_eq(m.acls[4].operation, 12);
	cr_assert_eq(m.acls[5].resource_type, 5);
	cr_assert_eq(m.acls[5].pattern_type, 4);
	cr_assert_str_eq(m.acls[5].resource_name, "tx-");
	cr_assert_eq(m.acls[5].operation, 2);
}

/*
 * Kafka maps "TOPIC" to Topic but then lists /kafka-acl/Topic: what sits
 * below a differently spelled directory is never read.
 */
Test(model_acl, acl_directories_are_read_by_their_pascal_case_name)
{
	build("/kafka-acl/TOPIC/a P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"}]}\n"
	      "/kafka-acl/group P 0 -\n"
	      "/kafka-acl/Topic/b P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:b\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"}]}\n");
	only_diag(MODEL_WARNING, "acl-ignored-directory", "/kafka-acl/TOPIC",
	    "Kafka reads resource type Topic from /kafka-acl/Topic, so the "
	    "acls below this directory are ignored");
	cr_assert_eq(m.nacls, 1);
	cr_assert_str_eq(m.acls[0].resource_name, "b");
}

/*
 * SecurityUtils.resourceType() makes every name it does not know
 * Unknown: Kafka migrates what is below /kafka-acl/Unknown with resource
 * type 0, and throws on what is below /kafka-acl/Any.
 */
Test(model_acl, acl_unknown_and_any_resource_types)
{
	build("/kafka-acl/Unknown/u P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"}]}\n"
	      "/kafka-acl/Unknown/none P 0 -\n"
	      "/kafka-acl/Any/x P 0 {\"version\":1,\"acls\":[]}\n"
	      "/kafka-acl-extended/prefixed/Any P 0 -\n");
	cr_assert_eq(m.ndiags, 2);
	cr_assert_str_eq(diag_at(MODEL_WARNING, "acl-unknown-resource-type",
			     "/kafka-acl/Unknown/u")
			     ->msg,
	    "resource type Unknown: Kafka migrates these acls with code 0");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "acl-any-resource-type", "/kafka-acl/Any")
		->msg,
	    "1 resources below resource type Any, which no resource pattern "
	    "can have; Kafka's migration fails on it");
	cr_assert_eq(m.nacls, 1);
	cr_assert_eq(m.acls[0].resource_type, 0);
	cr_assert_str_eq(m.acls[0].resource_name, "u");
}

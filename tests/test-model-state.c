/*
 * The cluster id, controller, tokens, producer ids, /feature,
 * /migration and /admin (src/model-state.c).
 */
#include "config.h"

#include <criterion/criterion.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_state, .init = model_setup, .fini = model_teardown);

Test(model_state, delegation_tokens_v1_and_v3)
{
	build("/delegation_token/tokens/t1 P 0 {\"version\":1,"
	      "\"owner\":\"User%3Aalice\",\"renewers\":[\"User%3Abob\","
	      "\"User%3Acarol%40X\"],\"issueTimestamp\":1,\"maxTimestamp\":3,"
	      "\"expiryTimestamp\":2,\"tokenId\":\"t1\"}\n"
	      "/delegation_token/tokens/t3 P 0 {\"version\":3,"
	      "\"owner\":\"User%3Aalice\",\"tokenRequester\":\"User%3Aroot\","
	      "\"renewers\":[],\"issueTimestamp\":1,\"maxTimestamp\":3,"
	      "\"expiryTimestamp\":2,\"tokenId\":\"t3\"}\n"
	      "/delegation_token/tokens/empty P 0 \n"
	      "/delegation_token/tokens/null P 0 -\n"
	      "/delegation_token/tokens/t7 P 0 {\"version\":7}\n"
	      "/delegation_token/tokens/nocolon P 0 {\"version\":1,"
	      "\"owner\":\"alice\",\"renewers\":[],\"issueTimestamp\":1,"
	      "\"maxTimestamp\":3,\"expiryTimestamp\":2,\"tokenId\":"
	      "\"nocolon\"}\n");
	cr_assert_eq(m.ndiags, 2);
	cr_assert_str_eq(diag_at(MODEL_ERROR, "unknown-version",
			     "/delegation_token/tokens/t7")
			     ->msg,
	    "token version 7, expected 1 or 3; Kafka's migration fails on "
	    "it");
	diag_at(
	    MODEL_ERROR, "bad-principal", "/delegation_token/tokens/nocolon");
	cr_assert_eq(m.ntokens, 2);
	cr_assert_str_eq(m.tokens[0].token_id, "t1");
	cr_assert_str_eq(m.tokens[0].owner, "User:alice");
	cr_assert_str_eq(m.tokens[0].requester, "User:alice");
	cr_assert_eq(m.tokens[0].nrenewers, 2);
	cr_assert_str_eq(m.tokens[0].renewers[1], "User:carol@X");
	cr_assert_eq(m.tokens[0].expiry_timestamp, 2);
	cr_assert_str_eq(m.tokens[1].requester, "User:root");
	cr_assert_eq(m.tokens[1].nrenewers, 0);
}

/*
 * What Kafka's readers do with what zk2kraft refuses: Json.parseBytes()
 * gives None for data that does not parse, so a token is skipped and an
 * ACL znode holds no ACLs; whitespace alone is a MissingNode, on which
 * they throw; a string with U+0000 they keep; two znodes with one token
 * id both become records.
 */
Test(model_state, lost_tokens_and_acls_say_what_kafka_does)
{
	build("/delegation_token/tokens/bad P 0 {\"version\":\n"
	      "/delegation_token/tokens/blank P 0  \n"
	      "/delegation_token/tokens/a P 0 {\"version\":1,"
	      "\"owner\":\"User%3Aalice\",\"renewers\":[],"
	      "\"issueTimestamp\":1,\"maxTimestamp\":3,"
	      "\"expiryTimestamp\":2,\"tokenId\":\"b\"}\n"
	      "/delegation_token/tokens/b P 0 {\"version\":1,"
	      "\"owner\":\"User%3Abob\",\"renewers\":[],"
	      "\"issueTimestamp\":1,\"maxTimestamp\":3,"
	      "\"expiryTimestamp\":2,\"tokenId\":\"b\"}\n"
	      "/delegation_token/tokens/nul P 0 {\"version\":1,"
	      "\"owner\":\"User:a\\u0000\",\"renewers\":[],"
	      "\"issueTimestamp\":1,\"maxTimestamp\":3,"
	      "\"expiryTimestamp\":2,\"tokenId\":\"nul\"}\n"
	      "/kafka-acl/Topic/bad P 0 {\"version\":1,\"acls\":[\n"
	      "/kafka-acl/Topic/nul P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"User:a\",\"permissionType\":\"Allow\","
	      "\"host\":\"h\\u0000\",\"operation\":\"Read\"}]}\n");
	cr_assert_eq(m.ndiags, 7);
	diag_at(
	    MODEL_WARNING, "token-id-mismatch", "/delegation_token/tokens/a");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "malformed-json",
			     "/delegation_token/tokens/bad")
			     ->msg,
	    "malformed json: line 1 column 11: unexpected token near end of "
	    "file; Kafka skips this token: it is not migrated");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "malformed-json",
			     "/delegation_token/tokens/blank")
			     ->msg,
	    "only whitespace where a json object was expected; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "duplicate-token",
			     "/delegation_token/tokens/b")
			     ->msg,
	    "token id \"b\" is also the id of another token znode; Kafka "
	    "migrates both, and the one it reads last (in ZooKeeper's "
	    "listing order) replaces the other");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-value", "/delegation_token/tokens/nul")
		->msg,
	    "field \"owner\": the string contains a nul character; Kafka "
	    "reads the string with its NUL character (U+0000), which "
	    "zk2kraft cannot hold");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "malformed-json", "/kafka-acl/Topic/bad")->msg,
	    "malformed json: line 1 column 21: ']' expected near end of file; "
	    "Kafka reads no ACLs from it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-value", "/kafka-acl/Topic/nul")->msg,
	    "acls[0]: field \"host\": the string contains a nul character; "
	    "Kafka reads the string with its NUL character (U+0000), which "
	    "zk2kraft cannot hold");
	cr_assert_eq(m.ntokens, 1);
	cr_assert_eq(m.nacls, 0);
}

/* Java's Integer.parseInt() reads non-ASCII digits too: where a name may
 * hold some, what Kafka does is only "probably fails". */
Test(model_state, non_ascii_numbers_say_java_may_read_them)
{
	build("/config/brokers/\xd9\xa3 P 0 {\"version\":1,\"config\":{}}\n"
	      "/config/brokers/x P 0 {\"version\":1,\"config\":{}}\n");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "bad-broker-config-name",
			     "/config/brokers/\xd9\xa3")
			     ->msg,
	    "neither <default> nor a broker id; Kafka's migration fails on it "
	    "unless all its characters are digits (Java's Integer.parseInt "
	    "also reads non-ASCII digits)");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-broker-config-name", "/config/brokers/x")
		->msg,
	    "neither <default> nor a broker id; Kafka's migration fails on "
	    "it");
}

Test(model_state, producer_id_block)
{
	build("/latest_producer_id_block P 5 {\"version\":1,\"broker\":-1,"
	      "\"block_start\":\"+1000\",\"block_end\":\"1999\"}\n");
	no_diags();
	cr_assert(m.producer_ids.present);
	cr_assert_eq(m.producer_ids.broker, -1);
	cr_assert_eq(m.producer_ids.block_start, 1000);
	cr_assert_eq(m.producer_ids.block_end, 1999);
	cr_assert_eq(m.producer_ids.data_version, 5);
}

Test(model_state, producer_id_block_errors)
{
	build("/latest_producer_id_block P 5 {\"version\":1,\"broker\":1,"
	      "\"block_start\":1000,\"block_end\":\"1999\"}\n");
	only_diag(MODEL_ERROR, "wrong-type", "/latest_producer_id_block",
	    "field \"block_start\": expected a string, found an integer; "
	    "Kafka's migration fails on it");
	cr_assert_not(m.producer_ids.present);
}

Test(model_state, producer_id_block_too_big)
{
	build("/latest_producer_id_block P 5 {\"version\":1,\"broker\":1,"
	      "\"block_start\":\"0\",\"block_end\":\"4294967296\"}\n");
	only_diag(MODEL_ERROR, "bad-value", "/latest_producer_id_block", NULL);
	cr_assert_not(m.producer_ids.present);
}

Test(model_state, feature_versions)
{
	build("/feature P 0 {\"version\":1,\"status\":0,\"features\":"
	      "{\"z\":{\"min_version_level\":1,\"max_version_level\":2},"
	      "\"a\":{\"min_version_level\":3,\"max_version_level\":4}}}\n");
	no_diags();
	cr_assert_eq(m.feature.version, 1);
	cr_assert_eq(m.feature.status, 0);
	cr_assert_eq(m.feature.nlevels, 2);
	cr_assert_str_eq(m.feature.levels[0].name, "a");
	cr_assert_eq(m.feature.levels[0].min_level, 3);
	cr_assert_eq(m.feature.levels[1].max_level, 2);
}

Test(model_state, feature_v2_has_no_min_level)
{
	build("/feature P 0 {\"version\":2,\"status\":1,\"features\":"
	      "{\"metadata.version\":{\"max_version_level\":7}}}\n");
	no_diags();
	cr_assert_eq(m.feature.levels[0].min_level, -1);
	cr_assert_eq(m.feature.levels[0].max_level, 7);
}

Test(model_state, feature_v3_is_an_error)
{
	build("/feature P 0 {\"version\":3,\"status\":1,\"features\":{}}\n");
	only_diag(MODEL_ERROR, "unknown-version", "/feature",
	    "feature version 3, expected 1 or 2");
}

Test(model_state, migration_state)
{
	build("/migration P 9 {\"version\":0,\"kraft_metadata_offset\":1234,"
	      "\"kraft_controller_id\":3000,\"kraft_metadata_epoch\":7,"
	      "\"kraft_controller_epoch\":8}\n"
	      "/controller P 0 {\"version\":2,\"brokerid\":3000,"
	      "\"timestamp\":\"1729600000000\",\"kraftControllerEpoch\":7}\n"
	      "/controller_epoch P 4 4\n");
	no_diags();
	cr_assert(m.migration.present);
	cr_assert_eq(m.migration.metadata_offset, 1234);
	cr_assert_eq(m.migration.controller_id, 3000);
	cr_assert_eq(m.migration.metadata_epoch, 7);
	cr_assert_eq(m.migration.controller_epoch, 8);
	cr_assert_eq(m.migration.data_version, 9);
	cr_assert(m.controller.present);
	cr_assert_not(m.controller.ephemeral);
	cr_assert_eq(m.controller.kraft_controller_epoch, 7);
	cr_assert_eq(m.controller_epoch, 4);
}

Test(model_state, migration_version_1_is_an_error)
{
	build("/migration P 0 {\"version\":1,\"kraft_metadata_offset\":-1,"
	      "\"kraft_controller_id\":-1,\"kraft_metadata_epoch\":-1,"
	      "\"kraft_controller_epoch\":-1}\n");
	only_diag(MODEL_ERROR, "unknown-version", "/migration",
	    "migration state version 1, expected 0");
	cr_assert(m.migration.present);
}

Test(model_state, controller_and_cluster_id_errors)
{
	build("/controller E 0 {\"version\":1}\n"
	      "/controller_epoch P 0 3 \n"
	      "/cluster/id P 0 {\"version\":\"1\",\"id\":\"not-a-uuid\"}\n");
	cr_assert_eq(m.ndiags, 3);
	diag_at(MODEL_ERROR, "missing-field", "/controller");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-value", "/controller_epoch")->msg,
	    "\"3 \" is not a decimal 32-bit integer");
	diag_at(MODEL_ERROR, "bad-cluster-id", "/cluster/id");
	cr_assert_str_eq(m.cluster_id, "not-a-uuid");
	cr_assert_not(m.has_cluster_uuid);
	cr_assert(m.controller.present);
	cr_assert_eq(m.controller.broker_id, -1);
	cr_assert_not(m.has_controller_epoch);
}

Test(model_state, admin_requests_and_consumers)
{
	load_fixture("reassignment", "/");
	cr_assert(m.has_reassignments);
	cr_assert_eq(m.nreassignments, 1);
	cr_assert_str_eq(m.reassignments[0].topic, "inventory");
	assert_ints(
	    m.reassignments[0].replicas, m.reassignments[0].nreplicas, "4,2,3");
	cr_assert(m.has_elections);
	cr_assert_eq(m.nelections, 2);
	cr_assert_str_eq(m.elections[0].topic, "events");
	cr_assert_str_eq(m.elections[1].topic, "inventory");
	cr_assert_eq(m.elections[1].partition, 1);
}

Test(model_state, admin_entries_with_errors)
{
	build("/admin/reassign_partitions P 0 {\"version\":1,\"partitions\":"
	      "[{\"topic\":\"b\",\"partition\":1,\"replicas\":[1]},"
	      "{\"topic\":\"a\",\"partition\":\"x\",\"replicas\":[1]},"
	      "{\"topic\":\"a\",\"partition\":0}]}\n"
	      "/admin/preferred_replica_election P 0 -\n"
	      "/consumers/g1/offsets/t/0 P 0 5\n"
	      "/consumers/g2 P 0 -\n");
	cr_assert_eq(m.nreassignments, 1);
	cr_assert_eq(m.ndiags, 3);
	cr_assert_eq(m.nconsumers, 2);
	diag_at(MODEL_ERROR, "null-data", "/admin/preferred_replica_election");
	cr_assert(m.has_elections);
	cr_assert_eq(m.nelections, 0);
}

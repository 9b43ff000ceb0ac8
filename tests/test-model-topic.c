/*
 * Topics, partitions and their states (src/model-topic.c).
 */
#include "config.h"

#include <criterion/criterion.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_topic, .init = model_setup, .fini = model_teardown);

Test(model_topic, topic_versions_with_and_without_id)
{
	const struct model_partition *p;
	const struct model_topic *tp;

	build("/brokers/topics/t1 P 0 "
	      "{\"version\":1,\"partitions\":{\"0\":[1,2],\"1\":[2,3]}}\n"
	      "/brokers/topics/t1/partitions/0/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1,2]}\n"
	      "/brokers/topics/t1/partitions/1/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":2,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[2,3]}\n"
	      "/brokers/topics/t2 P 0 "
	      "{\"version\":2,\"partitions\":{\"0\":[4,2,3,1]},"
	      "\"adding_replicas\":{\"0\":[4]},"
	      "\"removing_replicas\":{\"0\":[1]}}\n"
	      "/brokers/topics/t2/partitions/0/state P 7 "
	      "{\"controller_epoch\":3,\"leader\":2,\"version\":1,"
	      "\"leader_recovery_state\":1,\"leader_epoch\":5,\"isr\":[2]}\n"
	      "/brokers/topics/t3 P 0 "
	      "{\"partitions\":{\"10\":[1],\"2\":[1]},\"topic_id\":"
	      "\"cMr3GpVESX2L3byPGf93lQ\",\"adding_replicas\":{},"
	      "\"removing_replicas\":{},\"version\":3}\n"
	      "/brokers/topics/t3/partitions/10/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n"
	      "/brokers/topics/t3/partitions/2/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n"
	      "/brokers/topics/t4 P 0 {\"version\":3,\"partitions\":{}}\n");
	no_diags();
	cr_assert_eq(m.ntopics, 4);

	tp = model_topic(&m, "t1");
	cr_assert_eq(tp->version, 1);
	cr_assert_not(tp->has_id);
	cr_assert_not(tp->has_config);
	cr_assert_eq(tp->npartitions, 2);

	p = partition("t2", 0);
	assert_ints(p->replicas, p->nreplicas, "4,2,3,1");
	assert_ints(p->adding, p->nadding, "4");
	assert_ints(p->removing, p->nremoving, "1");
	cr_assert_eq(p->leader_recovery_state, 1);
	cr_assert_eq(p->leader_epoch, 5);
	cr_assert_eq(p->partition_epoch, 7);
	cr_assert_eq(p->controller_epoch, 3);

	/* Partitions sorted by id, not by key text. */
	tp = model_topic(&m, "t3");
	cr_assert(tp->has_id);
	cr_assert_eq(tp->partitions[0].id, 2);
	cr_assert_eq(tp->partitions[1].id, 10);
	cr_assert_eq(model_topic(&m, "t4")->npartitions, 0);
}

Test(model_topic, missing_state_takes_kafka_defaults)
{
	const struct model_partition *p;

	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[3,1,2]}}\n");
	only_diag(MODEL_WARNING, "missing-state",
	    "/brokers/topics/t/partitions/0/state",
	    "no state znode: Kafka uses the default leader, isr and epochs");
	p = partition("t", 0);
	cr_assert_not(p->has_state);
	cr_assert_eq(p->leader, 3);
	assert_ints(p->isr, p->nisr, "3,1,2");
	cr_assert_eq(p->leader_epoch, 0);
	cr_assert_eq(p->partition_epoch, 0);
	cr_assert_eq(p->controller_epoch, -1);
	cr_assert_eq(p->leader_recovery_state, 0);
}

Test(model_topic, unparseable_state_is_a_warning_with_defaults)
{
	const struct model_diag *d;
	const struct model_partition *p;

	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[2,1]}}\n"
	      "/brokers/topics/t/partitions/0/state P 4 {\"leader\":1,\n");
	d = diag_at(MODEL_WARNING, "malformed-json",
	    "/brokers/topics/t/partitions/0/state");
	cr_assert_eq(m.ndiags, 1);
	cr_assert_str_eq(d->msg,
	    "malformed json: line 1 column 12: string or '}' expected near "
	    "end of file (Kafka uses the default leader, isr and epochs)");
	p = partition("t", 0);
	cr_assert_not(p->has_state);
	cr_assert_eq(p->leader, 2);
	cr_assert_eq(p->partition_epoch, 0);
}

Test(model_topic, mistyped_state_is_an_error_with_defaults)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[1],\"1\":[1],\"2\":[1]}}\n"
	      "/brokers/topics/t/partitions/0/state P 1 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":\"1,2\"}\n"
	      "/brokers/topics/t/partitions/1/state P 1 "
	      "{\"controller_epoch\":1,\"leader\":1.0,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n"
	      "/brokers/topics/t/partitions/2/state P 1 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1],\"leader_recovery_state\":2}\n");
	cr_assert_eq(m.ndiags, 3);
	cr_assert_str_eq(diag_at(MODEL_ERROR, "wrong-type",
			     "/brokers/topics/t/partitions/0/state")
			     ->msg,
	    "field \"isr\": expected an array of 32-bit integers; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "wrong-type",
			     "/brokers/topics/t/partitions/1/state")
			     ->msg,
	    "field \"leader\": expected a 32-bit integer, found a real "
	    "number; Kafka's migration fails on it");
	diag_at(
	    MODEL_ERROR, "bad-value", "/brokers/topics/t/partitions/2/state");
	cr_assert_not(partition("t", 0)->has_state);
	cr_assert_eq(partition("t", 0)->partition_epoch, 0);
}

/*
 * Null data, empty data and whitespace: Jackson throws on null and gives
 * a MissingNode for the others, which TopicPartitionStateZNode.decode()
 * refuses; nothing catches either, so Kafka's migration fails.
 */
Test(model_topic, state_without_a_json_value_is_an_error)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[1],\"1\":[1],\"2\":[1]}}\n"
	      "/brokers/topics/t/partitions/0/state P 1 -\n"
	      "/brokers/topics/t/partitions/1/state P 1 b64:\n"
	      "/brokers/topics/t/partitions/2/state P 1  \r\n");
	cr_assert_eq(m.ndiags, 3);
	cr_assert_str_eq(diag_at(MODEL_ERROR, "null-data",
			     "/brokers/topics/t/partitions/0/state")
			     ->msg,
	    "no data where the partition state was expected; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "malformed-json",
			     "/brokers/topics/t/partitions/1/state")
			     ->msg,
	    "empty data where the partition state was expected; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "malformed-json",
			     "/brokers/topics/t/partitions/2/state")
			     ->msg,
	    "only whitespace where the partition state was expected; "
	    "Kafka's migration fails on it");
	cr_assert_not(partition("t", 0)->has_state);
	cr_assert_eq(partition("t", 1)->leader, 1);
}

/* Jackson reads the first value and never looks at what follows it; it
 * skips a UTF-8 byte order mark. */
Test(model_topic, data_after_the_json_value_is_ignored_as_jackson_does)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[1]},\"topic_id\":\"vhtG_ifbQGLYEpOJvQ9xVw\"}}\n"
	      "/brokers/topics/t/partitions/0/state P 1 "
	      "b64:77u/eyJjb250cm9sbGVyX2Vwb2NoIjoxLCJsZWFkZXIiOjEsImxlYWRlcl9l"
	      "cG9jaCI6MiwiaXNyIjpbMV19\n"
	      "/config/topics/t P 0 {\"version\":1,\"config\":{\"a\":\"b\"}}"
	      "{\"config\":{\"c\":\"d\"}}\n");
	cr_assert_eq(m.ndiags, 2);
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "trailing-data", "/brokers/topics/t")->msg,
	    "1 bytes after the json value (Kafka ignores them)");
	diag_at(MODEL_WARNING, "trailing-data", "/config/topics/t");
	cr_assert(model_topic(&m, "t")->has_id);
	cr_assert(partition("t", 0)->has_state);
	cr_assert_eq(partition("t", 0)->leader_epoch, 2);
	cr_assert_eq(model_topic(&m, "t")->config.n, 1);
	cr_assert_str_eq(model_topic(&m, "t")->config.kv[0].key, "a");
}

Test(model_topic, huge_number_in_state_is_an_error)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[1]}}\n"
	      "/brokers/topics/t/partitions/0/state P 1 "
	      "{\"controller_epoch\":1,\"leader\":99999999999999999999999,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n");
	only_diag(MODEL_ERROR, "malformed-json",
	    "/brokers/topics/t/partitions/0/state", NULL);
}

Test(model_topic, empty_replicas_without_state_is_an_error)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[]}}\n");
	cr_assert_eq(m.ndiags, 2);
	diag_at(MODEL_WARNING, "missing-state",
	    "/brokers/topics/t/partitions/0/state");
	diag_at(MODEL_ERROR, "empty-replicas", "/brokers/topics/t");
	cr_assert_eq(partition("t", 0)->leader, -1);
}

Test(model_topic, partitions_come_from_the_topic_json)
{
	build("/brokers/topics/t P 0 {\"version\":2,\"partitions\":"
	      "{\"0\":[1]},\"adding_replicas\":{\"5\":[2]},"
	      "\"removing_replicas\":{}}\n"
	      "/brokers/topics/t/partitions/0/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n"
	      "/brokers/topics/t/partitions/1/state P 0 "
	      "{\"controller_epoch\":1,\"leader\":1,\"version\":1,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n");
	cr_assert_eq(m.ndiags, 2);
	diag_at(MODEL_WARNING, "unknown-partition",
	    "/brokers/topics/t/partitions/1");
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "unknown-partition", "/brokers/topics/t")
		->msg,
	    "adding_replicas names partition \"5\", which \"partitions\" "
	    "lacks (Kafka ignores it)");
	cr_assert_eq(model_topic(&m, "t")->npartitions, 1);
	cr_assert_eq(partition("t", 0)->nadding, 0);
}

Test(model_topic, malformed_topics_are_skipped_with_one_error_each)
{
	build("/brokers/topics/badjson P 0 {\"version\":3,\"partitions\":{\n"
	      "/brokers/topics/v4 P 0 {\"version\":4,\"partitions\":{}}\n"
	      "/brokers/topics/key P 0 {\"version\":3,\"partitions\":"
	      "{\"zero\":[1]}}\n"
	      "/brokers/topics/neg P 0 {\"version\":3,\"partitions\":"
	      "{\"-1\":[1]}}\n"
	      "/brokers/topics/strs P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[\"1\"]}}\n"
	      "/brokers/topics/big P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[4294967296]}}\n"
	      "/brokers/topics/shortid P 0 {\"version\":3,\"topic_id\":"
	      "\"c2hvcnQ\",\"partitions\":{}}\n"
	      "/brokers/topics/longid P 0 {\"version\":3,\"topic_id\":"
	      "\"cMr3GpVESX2L3byPGf93lQAA\",\"partitions\":{}}\n"
	      "/brokers/topics/stdid P 0 {\"version\":3,\"topic_id\":"
	      "\"cMr3GpVESX2L3byPGf93/Q\",\"partitions\":{}}\n"
	      "/brokers/topics/nullid P 0 {\"version\":3,\"topic_id\":null,"
	      "\"partitions\":{}}\n"
	      "/brokers/topics/dup P 0 {\"version\":3,\"partitions\":"
	      "{\"1\":[1],\"01\":[1]}}\n"
	      "/brokers/topics/arr P 0 [1,2]\n"
	      "/brokers/topics/nodata P 0 -\n"
	      "/brokers/topics/noversion P 0 {\"partitions\":{}}\n"
	      "/brokers/topics/good P 0 {\"version\":3,\"partitions\":{}}\n");
	cr_assert_eq(m.ntopics, 1);
	cr_assert_str_eq(m.topics[0].name, "good");
	cr_assert_eq(m.ndiags, 14);
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "malformed-json", "/brokers/topics/badjson")
		->msg,
	    "malformed json: line 1 column 27: string or '}' expected near "
	    "end of file; Kafka's migration fails on it");
	/* TopicZNode.decode() never reads the version. */
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "unknown-version", "/brokers/topics/v4")->msg,
	    "topic version 4, expected 1 to 3; Kafka ignores the version and "
	    "migrates the topic as it reads it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-partition-id", "/brokers/topics/key")
		->msg,
	    "partition \"zero\" is not a 32-bit integer; Kafka's migration "
	    "fails on it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-partition-id", "/brokers/topics/neg")
		->msg,
	    "partition \"-1\" is negative; Kafka's migration carries it over "
	    "as is");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/brokers/topics/strs")->msg,
	    "field \"partitions\".\"0\": expected an array of 32-bit "
	    "integers; Kafka's migration fails on it");
	diag_at(MODEL_ERROR, "wrong-type", "/brokers/topics/big");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-topic-id", "/brokers/topics/shortid")
		->msg,
	    "topic_id \"c2hvcnQ\" is not a base64url uuid (22 characters for "
	    "16 bytes); Kafka's migration fails on it");
	diag_at(MODEL_ERROR, "bad-topic-id", "/brokers/topics/longid");
	diag_at(MODEL_ERROR, "bad-topic-id", "/brokers/topics/stdid");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/brokers/topics/nullid")->msg,
	    "field \"topic_id\": expected a string, found null; Kafka's "
	    "migration fails on it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "duplicate-partition", "/brokers/topics/dup")
		->msg,
	    "two keys of \"partitions\" name partition 1; Kafka keeps the "
	    "one that comes last in the json");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/brokers/topics/arr")->msg,
	    "expected a json object, found an array; Kafka's migration fails "
	    "on it");
	diag_at(MODEL_ERROR, "null-data", "/brokers/topics/nodata");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "missing-field", "/brokers/topics/noversion")
		->msg,
	    "field \"version\" is missing; Kafka ignores the version and "
	    "migrates the topic as it reads it");
}

Test(model_topic, padded_topic_id_is_accepted_as_java_does)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"topic_id\":"
	      "\"_We0fIl8RTmN7v4rgZ1Clw==\",\"partitions\":{}}\n");
	no_diags();
	assert_uuid(
	    &model_topic(&m, "t")->id, "fd67b47c897c45398deefe2b819d4297");
}

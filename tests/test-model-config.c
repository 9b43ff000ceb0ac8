/*
 * Topic and broker configs, client quotas and SCRAM credentials
 * (src/model-config.c).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_config, .init = model_setup, .fini = model_teardown);

Test(model_config, topic_configs_and_orphans)
{
	const struct model_topic *tp;

	build("/brokers/topics/a P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/b P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/c P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/bad P 0 {\n"
	      "/config/topics/a P 0 {\"version\":1,\"config\":{\"z\":\"1\","
	      "\"a\":\"2\",\"a\":\"3\",\"m\":\"\"}}\n"
	      "/config/topics/b P 0 -\n"
	      "/config/topics/c P 0 {\"version\":1,\"config\":{\"x\":1,"
	      "\"y\":\"ok\",\"n\":null}}\n"
	      "/config/topics/bad P 0 {\"version\":1,\"config\":{}}\n"
	      "/config/topics/gone P 0 {\"version\":1,\"config\":{}}\n");
	cr_assert_eq(m.ndiags, 4);
	diag_at(MODEL_ERROR, "malformed-json", "/brokers/topics/bad");
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "orphan-config", "/config/topics/gone")->msg,
	    "config of a topic that does not exist (Kafka ignores it)");
	cr_assert_eq(m.norphan_configs, 1);
	cr_assert_str_eq(m.orphan_configs[0], "gone");

	/* Keys sorted; a duplicate key keeps the last value, as Jackson. */
	tp = model_topic(&m, "a");
	cr_assert(tp->has_config);
	cr_assert_eq(tp->config.n, 3);
	cr_assert_str_eq(tp->config.kv[0].key, "a");
	cr_assert_str_eq(tp->config.kv[0].value, "3");
	cr_assert_str_eq(tp->config.kv[1].key, "m");
	cr_assert_str_eq(tp->config.kv[1].value, "");
	cr_assert_str_eq(tp->config.kv[2].key, "z");

	tp = model_topic(&m, "b");
	cr_assert(tp->has_config);
	cr_assert_eq(tp->config.n, 0);
	cr_assert(model_topic(&m, "c")->has_config);
	cr_assert_eq(model_topic(&m, "c")->config.n, 1);
	cr_assert_str_eq(m.diags[1].path, "/config/topics/c");
	cr_assert_str_eq(m.diags[2].path, "/config/topics/c");
	cr_assert_str_eq(m.diags[1].msg,
	    "config \"n\": expected a string, found null; Kafka's migration "
	    "fails on it");
	cr_assert_str_eq(m.diags[2].msg,
	    "config \"x\": expected a string, found an integer; Kafka's "
	    "migration fails on it");
}

/*
 * ConfigEntityZNode.decode(): empty data, data that does not parse and a
 * "config" that is not an object are no configs for Kafka; zk2kraft
 * refuses to lose what it cannot read, and says so.  A string with a NUL
 * character Kafka keeps.
 */
Test(model_config, unreadable_configs_say_what_kafka_reads)
{
	build("/brokers/topics/a P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/b P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/c P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/brokers/topics/d P 0 {\"version\":3,\"partitions\":{}}\n"
	      "/config/topics/a P 0 b64:\n"
	      "/config/topics/b P 0 {\"version\":1,\"config\":\n"
	      "/config/topics/c P 0 [1]\n"
	      "/config/topics/d P 0 {\"version\":1,\"config\":"
	      "{\"k\":\"a\\u0000b\",\"ok\":\"1\"}}\n");
	cr_assert_eq(m.ndiags, 4);
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "malformed-json", "/config/topics/a")->msg,
	    "empty data where a config was expected (Kafka reads no "
	    "configs)");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "malformed-json", "/config/topics/b")->msg,
	    "malformed json: line 1 column 22: unexpected token near end of "
	    "file; Kafka reads no configs from it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/config/topics/c")->msg,
	    "expected a json object, found an array; Kafka reads no configs "
	    "from it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-value", "/config/topics/d")->msg,
	    "config \"k\": the string contains a nul character; Kafka reads "
	    "the string with its NUL character (U+0000), which zk2kraft "
	    "cannot hold");
	cr_assert_eq(model_topic(&m, "d")->config.n, 1);
}

Test(model_config, broker_configs_default_first_then_numeric)
{
	build("/config/brokers/10 P 0 {\"version\":1,\"config\":{}}\n"
	      "/config/brokers/2 P 0 {\"version\":1,\"config\":"
	      "{\"log.cleaner.threads\":\"4\"}}\n"
	      "/config/brokers/abc P 0 {\"version\":1,\"config\":{}}\n"
	      "/config/brokers/<default> P 0 {\"version\":1,\"config\":"
	      "{\"log.retention.ms\":\"1\"}}\n"
	      "/config/brokers/9 P 0 {\"version\":2,\"config\":{}}\n");
	cr_assert_eq(m.nbroker_configs, 5);
	cr_assert_str_eq(m.broker_configs[0].name, "<default>");
	cr_assert(m.broker_configs[0].is_default);
	cr_assert_str_eq(m.broker_configs[1].name, "2");
	cr_assert_str_eq(m.broker_configs[2].name, "9");
	cr_assert_str_eq(m.broker_configs[3].name, "10");
	cr_assert_str_eq(m.broker_configs[4].name, "abc");
	cr_assert_eq(m.ndiags, 2);
	diag_at(MODEL_ERROR, "bad-broker-config-name", "/config/brokers/abc");
	diag_at(MODEL_WARNING, "unknown-version", "/config/brokers/9");
}

Test(model_config, config_without_config_object)
{
	build("/config/brokers/1 P 0 {\"version\":1}\n"
	      "/config/brokers/2 P 0 {\"version\":1,\"config\":[]}\n");
	cr_assert_eq(m.ndiags, 2);
	diag_at(MODEL_WARNING, "missing-field", "/config/brokers/1");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/config/brokers/2")->msg,
	    "field \"config\": expected an object, found an array; Kafka "
	    "reads no configs from it");
}

static const struct model_quota *
quota_at(const char *path)
{
	size_t i;

	for (i = 0; i < m.nquotas; i++)
		if (strcmp(m.quotas[i].path, path) == 0)
			return &m.quotas[i];
	cr_assert_fail("no quota at %s", path);
	return NULL;
}

Test(model_config, quota_entities_are_desanitized)
{
	const struct model_quota *q;

	load_fixture("quotas", "/");
	cr_assert_eq(m.ndiags, 3);
	/* The SCRAM credential under /config/clients: Kafka's quirk. */
	cr_assert_str_eq(diag_at(MODEL_WARNING, "scram-not-user",
			     "/config/clients/stream-worker")
			     ->msg,
	    "SCRAM-SHA-512 credential outside /config/users: Kafka migrates "
	    "it as a SCRAM user named \"stream-worker\", after this "
	    "client-id");
	/* The one on the default user: a user named "<default>". */
	diag_at(
	    MODEL_WARNING, "scram-default-entity", "/config/users/<default>");
	diag_at(MODEL_WARNING, "name-not-utf8", "/config/clients/legacy%FFapp");
	cr_assert_eq(m.nscram, 2);
	cr_assert_str_eq(m.scram[0].user, "<default>");
	cr_assert_eq(m.scram[0].source, MODEL_ENTITY_USER);
	cr_assert_eq(m.scram[0].mechanism, 1);
	cr_assert_eq(m.scram[0].stored_key.len, 32);
	cr_assert_str_eq(m.scram[1].user, "stream-worker");
	cr_assert_eq(m.scram[1].source, MODEL_ENTITY_CLIENT_ID);
	cr_assert_eq(m.scram[1].mechanism, 2);
	cr_assert_eq(m.scram[1].stored_key.len, 64);

	q = quota_at("/config/users/svc-payments%40EXAMPLE.COM");
	cr_assert_str_eq(q->entity[0].name, "svc-payments@EXAMPLE.COM");
	q = quota_at("/config/users/User%3Abob");
	cr_assert_str_eq(q->entity[0].name, "User:bob");
	cr_assert_eq(q->values[0].value, 12.0);
	q = quota_at("/config/users/alice/clients/app%2A1");
	cr_assert_eq(q->nentity, 2);
	cr_assert_str_eq(q->entity[0].name, "alice");
	cr_assert_eq(q->entity[1].type, MODEL_ENTITY_CLIENT_ID);
	cr_assert_str_eq(q->entity[1].name, "app*1");
	cr_assert_eq(q->values[0].value, 10.5);
	q = quota_at("/config/users/<default>/clients/<default>");
	cr_assert_null(q->entity[0].name);
	cr_assert_null(q->entity[1].name);
	cr_assert_eq(q->values[0].value, 1e6);
	q = quota_at("/config/users/alice/clients/<default>");
	cr_assert_str_eq(q->entity[0].name, "alice");
	cr_assert_null(q->entity[1].name);
	q = quota_at("/config/clients/reporting+app");
	cr_assert_str_eq(q->entity[0].name, "reporting app");
	q = quota_at("/config/users/j%C3%BCrgen");
	cr_assert_str_eq(q->entity[0].name, "j\xc3\xbcrgen");
	q = quota_at("/config/ips/%3A%3A1");
	cr_assert_eq(q->entity[0].type, MODEL_ENTITY_IP);
	cr_assert_str_eq(q->entity[0].name, "::1");
	q = quota_at("/config/clients/stream-worker");
	cr_assert_eq(q->nvalues, 1);
	cr_assert_str_eq(q->values[0].key, "producer_byte_rate");
	q = quota_at("/config/users/<default>");
	cr_assert_null(q->entity[0].name);
	cr_assert_eq(q->nvalues, 2);
	q = quota_at("/config/clients/legacy%FFapp");
	cr_assert_str_eq(q->entity[0].name,
	    "legacy\xef\xbf\xbd"
	    "app");

	/* Sorted: user entities (default first), user+client pairs after
	 * their user, then clients, then ips. */
	cr_assert_null(m.quotas[0].entity[0].name);
	cr_assert_eq(m.quotas[0].nentity, 1);
	cr_assert_eq(m.quotas[m.nquotas - 1].entity[0].type, MODEL_ENTITY_IP);
}

Test(model_config, scram_strings_parse_as_kafka_does)
{
	build("/config/users/a P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"iterations=+8192,server_key=AAE=,"
	      "stored_key=AQ,salt=c2FsdA==,\"}}\n"
	      "/config/users/b P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "iterations=4096\"}}\n"
	      "/config/users/c P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-512\":\"salt=c2F*dA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=4096\"}}\n"
	      "/config/users/d P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=4096.0\"}}\n"
	      "/config/users/e P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1,extra=2\"}}\n"
	      "/config/users/f P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1\"}}\n"
	      "/config/users/g P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA=,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1\"}}\n"
	      "/config/users/h P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=-_8=,"
	      "server_key=AQ==,iterations=1\"}}\n"
	      "/config/users/<default> P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1\"}}\n");
	/* Users sort bytewise: "<default>" before "a". */
	cr_assert_eq(m.nscram, 2);
	cr_assert_str_eq(m.scram[0].user, "<default>");
	cr_assert_str_eq(m.scram[1].user, "a");
	cr_assert_eq(m.scram[1].iterations, 8192);
	assert_hex(&m.scram[1].salt, "73616c74");
	assert_hex(&m.scram[1].stored_key, "01");
	assert_hex(&m.scram[1].server_key, "0001");
	cr_assert_eq(m.nquotas, 0);
	cr_assert_eq(m.ndiags, 8);
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-scram", "/config/users/b")->msg,
	    "SCRAM-SHA-256: expected exactly the keys salt, stored_key, "
	    "server_key and iterations; Kafka's migration fails on it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-scram", "/config/users/c")->msg,
	    "SCRAM-SHA-512: salt is not base64; Kafka's migration fails on "
	    "it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-scram", "/config/users/d")->msg,
	    "SCRAM-SHA-256: iterations \"4096.0\" is not a 32-bit integer; "
	    "Kafka's migration fails on it");
	diag_at(MODEL_ERROR, "bad-scram", "/config/users/e");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-scram", "/config/users/f")->msg,
	    "SCRAM-SHA-256: a token is not <key>=<value>; Kafka's migration "
	    "fails on it");
	diag_at(MODEL_ERROR, "bad-scram", "/config/users/g");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-scram", "/config/users/h")->msg,
	    "SCRAM-SHA-256: stored_key is not base64; Kafka's migration fails "
	    "on it");
	diag_at(
	    MODEL_WARNING, "scram-default-entity", "/config/users/<default>");
}

/*
 * ZkConfigMigrationClient takes SCRAM keys from every user, client-id and
 * ip entity, <default> included, and names the credential after the
 * desanitized znode name: "<default>" stays "<default>" (only the quota
 * entity's name becomes null).
 */
Test(model_config, scram_on_default_entities_is_a_user_named_default)
{
	const struct model_quota *q;

	build("/config/users/<default> P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=4096\",\"producer_byte_rate\":"
	      "\"1024\"}}\n"
	      "/config/clients/<default> P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-512\":\"salt=c2FsdA==,stored_key=Ag==,"
	      "server_key=Ag==,iterations=4096\"}}\n"
	      "/config/ips/<default> P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=Aw==,"
	      "server_key=Aw==,iterations=8192\",\"connection_creation_rate\":"
	      "\"5\"}}\n");
	cr_assert_eq(m.ndiags, 3);
	cr_assert_str_eq(diag_at(MODEL_WARNING, "scram-default-entity",
			     "/config/users/<default>")
			     ->msg,
	    "SCRAM-SHA-256 credential on the <default> user entity: Kafka "
	    "migrates it as a SCRAM user named \"<default>\"");
	cr_assert_str_eq(diag_at(MODEL_WARNING, "scram-default-entity",
			     "/config/clients/<default>")
			     ->msg,
	    "SCRAM-SHA-512 credential on the <default> client-id entity: "
	    "Kafka migrates it as a SCRAM user named \"<default>\"");
	diag_at(MODEL_WARNING, "scram-default-entity", "/config/ips/<default>");
	/* By user, then mechanism, then path: ips before users. */
	cr_assert_eq(m.nscram, 3);
	cr_assert_str_eq(m.scram[0].user, "<default>");
	cr_assert_eq(m.scram[0].mechanism, 1);
	cr_assert_str_eq(m.scram[0].path, "/config/ips/<default>");
	cr_assert_eq(m.scram[0].iterations, 8192);
	cr_assert_str_eq(m.scram[1].user, "<default>");
	cr_assert_eq(m.scram[1].mechanism, 1);
	cr_assert_str_eq(m.scram[1].path, "/config/users/<default>");
	cr_assert_eq(m.scram[2].mechanism, 2);
	cr_assert_eq(m.scram[2].source, MODEL_ENTITY_CLIENT_ID);
	/* The quota entities keep their null names. */
	cr_assert_eq(m.nquotas, 2);
	q = quota_at("/config/users/<default>");
	cr_assert_null(q->entity[0].name);
	cr_assert_eq(q->nvalues, 1);
	q = quota_at("/config/ips/<default>");
	cr_assert_null(q->entity[0].name);
	cr_assert_str_eq(q->values[0].key, "connection_creation_rate");
}

Test(model_config, scram_is_not_stripped_from_user_client_pairs)
{
	build("/config/users/u P 0 -\n"
	      "/config/users/u/clients/c P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1\",\"producer_byte_rate\":\"5\"}}\n"
	      "/config/ips/1.2.3.4 P 0 {\"version\":1,\"config\":{"
	      "\"SCRAM-SHA-256\":\"salt=c2FsdA==,stored_key=AQ==,"
	      "server_key=AQ==,iterations=1\"}}\n");
	cr_assert_eq(m.ndiags, 2);
	/* The credential is never quoted. */
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-quota-value", "/config/users/u/clients/c")
		->msg,
	    "SCRAM-SHA-256 credential on a user and client-id entity, where "
	    "Kafka takes no credentials: it reads it as a quota, which is not "
	    "a number; Kafka's migration fails on it");
	diag_at(MODEL_WARNING, "scram-not-user", "/config/ips/1.2.3.4");
	cr_assert_eq(m.nscram, 1);
	cr_assert_str_eq(m.scram[0].user, "1.2.3.4");
	cr_assert_eq(m.scram[0].source, MODEL_ENTITY_IP);
	cr_assert_eq(m.nquotas, 1);
	cr_assert_eq(m.quotas[0].nvalues, 1);
	cr_assert_eq(m.quotas[0].values[0].value, 5.0);
}

Test(model_config, bad_quota_values_and_names)
{
	const struct model_quota *q;

	build("/config/clients/greedy P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"lots\",\"consumer_byte_rate\":"
	      "\"1e3\"}}\n"
	      "/config/clients/bad%zz P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/users/bad% P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/users/bad%/clients/x P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/users/ok/clients/bad%4 P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/clients/empty P 0 {\"version\":1,\"config\":{}}\n");
	cr_assert_eq(m.ndiags, 4);
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-quota-value", "/config/clients/greedy")
		->msg,
	    "quota \"producer_byte_rate\": \"lots\" is not a number "
	    "(Double.parseDouble); Kafka's migration fails on it");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-name", "/config/clients/bad%zz")->msg,
	    "entity name \"bad%zz\" has a malformed %-escape; Kafka's "
	    "URLDecoder throws IllegalArgumentException on it and the "
	    "migration fails");
	diag_at(MODEL_ERROR, "bad-name", "/config/users/bad%");
	diag_at(MODEL_ERROR, "bad-name", "/config/users/ok/clients/bad%4");
	cr_assert_eq(m.nquotas, 1);
	q = quota_at("/config/clients/greedy");
	cr_assert_eq(q->nvalues, 1);
	cr_assert_eq(q->values[0].value, 1000.0);
}

/*
 * Escapes that decode to bytes that are not UTF-8 are migrated as Java's
 * URLDecoder reads them, with U+FFFD; one Kafka keeps with a NUL, and one
 * it may read on old Java, zk2kraft refuses, saying so.
 */
Test(model_config, entity_names_decode_as_urldecoder_does)
{
	const struct model_quota *q;

	build("/config/users/bad%C3 P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/users/bad%C3/clients/x%FFy P 0 {\"version\":1,"
	      "\"config\":{\"producer_byte_rate\":\"2\"}}\n"
	      "/config/users/nul%00 P 0 {\"version\":1,\"config\":"
	      "{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/clients/wide%\xd9\xa4\xd9\xa1 P 0 {\"version\":1,"
	      "\"config\":{\"producer_byte_rate\":\"1\"}}\n"
	      "/config/ips/%+A P 0 {\"version\":1,\"config\":"
	      "{\"connection_creation_rate\":\"1\"}}\n");
	cr_assert_eq(m.ndiags, 5);
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "name-not-utf8", "/config/users/bad%C3")
		->msg,
	    "entity name \"bad%C3\": bytes that are not UTF-8, which Kafka's "
	    "URLDecoder replaces with U+FFFD, giving \"bad\xef\xbf\xbd\" (as "
	    "migrated)");
	diag_at(MODEL_WARNING, "name-not-utf8",
	    "/config/users/bad%C3/clients/x%FFy");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-name", "/config/users/nul%00")->msg,
	    "entity name \"nul%00\" decodes to a NUL character; Kafka "
	    "migrates the name with its NUL character (U+0000), which "
	    "zk2kraft cannot hold");
	cr_assert_str_eq(diag_at(MODEL_ERROR, "bad-name",
			     "/config/clients/wide%\xd9\xa4\xd9\xa1")
			     ->msg,
	    "entity name \"wide%\xd9\xa4\xd9\xa1\" has a non-ASCII character "
	    "in "
	    "a %-escape; Kafka's migration fails on it unless the character "
	    "is a Unicode digit, which URLDecoder takes for a hex digit on "
	    "Java 8 to 24");
	cr_assert_str_eq(
	    diag_at(MODEL_WARNING, "signed-escape", "/config/ips/%+A")->msg,
	    "entity name \"%+A\" has a %-escape with a sign: Kafka on Java 8 "
	    "to 24 reads it as Integer.parseInt does, giving \"\\x0a\" (as "
	    "migrated); on Java 25 and later its migration fails on it");
	cr_assert_eq(m.nquotas, 3);
	q = quota_at("/config/users/bad%C3");
	cr_assert_str_eq(q->entity[0].name, "bad\xef\xbf\xbd");
	q = quota_at("/config/users/bad%C3/clients/x%FFy");
	cr_assert_str_eq(q->entity[0].name, "bad\xef\xbf\xbd");
	cr_assert_str_eq(q->entity[1].name, "x\xef\xbf\xbdy");
	q = quota_at("/config/ips/%+A");
	cr_assert_str_eq(q->entity[0].name, "\n");
}

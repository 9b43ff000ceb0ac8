/*
 * Brokers: /brokers/ids/<id> (src/model-broker.c).
 */
#include "config.h"

#include <criterion/criterion.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_broker, .init = model_setup, .fini = model_teardown);

Test(model_broker, broker_versions_1_to_5)
{
	const struct model_broker *b;

	build(
	    "/brokers/ids/1 E@0x77 0 "
	    "{\"version\":1,\"host\":\"localhost\",\"port\":9092,"
	    "\"jmx_port\":9999,\"timestamp\":\"2233345666\"}\n"
	    "/brokers/ids/2 E 0 "
	    "{\"version\":2,\"host\":\"localhost\",\"port\":9092,"
	    "\"jmx_port\":9999,\"timestamp\":\"2233345666\","
	    "\"endpoints\":[\"PLAINTEXT://host1:9092\",\"SSL://host1:9093\"]}\n"
	    "/brokers/ids/3 E 0 "
	    "{\"version\":3,\"host\":null,\"port\":-1,\"jmx_port\":-1,"
	    "\"timestamp\":\"1\",\"endpoints\":[\"SSL://h:9093\"],"
	    "\"rack\":\"dc1\"}\n"
	    "/brokers/ids/4 E 0 "
	    "{\"listener_security_protocol_map\":{\"PLAINTEXT\":"
	    "\"PLAINTEXT\"},\"endpoints\":[\"PLAINTEXT://172.16.0.6:9092\"],"
	    "\"jmx_port\":-1,\"port\":9092,\"host\":\"172.16.0.6\","
	    "\"version\":4,\"timestamp\":\"1550858517088\"}\n"
	    "/brokers/ids/5 P 0 "
	    "{\"features\":{},\"listener_security_protocol_map\":"
	    "{\"CLIENT\":\"sasl_ssl\",\"REPL\":\"PLAINTEXT\"},"
	    "\"endpoints\":[\"client://[::1]:9094\",\"REPL://:9092\","
	    "\"CLIENT://[fe80::1%eth0]:1\"],"
	    "\"jmx_port\":-1,\"port\":-1,\"host\":null,\"version\":5}\n");
	no_diags();
	cr_assert_eq(m.nbrokers, 5);

	b = broker(1);
	cr_assert_eq(b->version, 1);
	cr_assert_eq(b->epoch, 0x77);
	cr_assert(b->ephemeral);
	cr_assert_str_eq(b->host, "localhost");
	cr_assert_eq(b->port, 9092);
	cr_assert_eq(b->jmx_port, 9999);
	cr_assert_eq(b->timestamp, 2233345666);
	cr_assert_eq(b->nendpoints, 1);
	cr_assert_str_eq(b->endpoints[0].listener, "PLAINTEXT");
	cr_assert_str_eq(b->endpoints[0].protocol, "PLAINTEXT");
	cr_assert_str_eq(b->endpoints[0].host, "localhost");

	b = broker(2);
	cr_assert_eq(b->nendpoints, 2);
	cr_assert_str_eq(b->endpoints[1].listener, "SSL");
	cr_assert_str_eq(b->endpoints[1].protocol, "SSL");
	cr_assert_eq(b->endpoints[1].port, 9093);
	cr_assert_null(b->rack);

	b = broker(3);
	cr_assert_null(b->host);
	cr_assert_str_eq(b->rack, "dc1");

	b = broker(4);
	cr_assert_str_eq(b->endpoints[0].host, "172.16.0.6");

	b = broker(5);
	cr_assert_not(b->ephemeral);
	cr_assert_eq(b->timestamp, -1);
	cr_assert_eq(b->nendpoints, 3);
	cr_assert_str_eq(b->endpoints[0].listener, "CLIENT");
	cr_assert_str_eq(b->endpoints[0].host, "::1");
	cr_assert_str_eq(b->endpoints[0].protocol, "SASL_SSL");
	cr_assert_str_eq(b->endpoints[1].host, "");
	cr_assert_str_eq(b->endpoints[1].protocol, "PLAINTEXT");
	cr_assert_str_eq(b->endpoints[2].host, "fe80::1%eth0");
	cr_assert_eq(b->endpoints[2].port, 1);
}

Test(model_broker, broker_unknown_version_is_skipped)
{
	build("/brokers/ids/1 E 0 "
	      "{\"version\":6,\"jmx_port\":-1,\"endpoints\":[]}\n"
	      "/brokers/ids/2 E 0 {\"version\":0,\"jmx_port\":-1}\n");
	cr_assert_eq(m.nbrokers, 0);
	cr_assert_eq(m.ndiags, 2);
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "unknown-version", "/brokers/ids/1")->msg,
	    "broker registration version 6, expected 1 to 5");
	diag_at(MODEL_ERROR, "unknown-version", "/brokers/ids/2");
}

Test(model_broker, broker_bad_names_and_endpoints)
{
	build("/brokers/ids/x E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[]}\n"
	      "/brokers/ids/-1 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[]}\n"
	      "/brokers/ids/3 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[\"INTERNAL://h:9092\"]}\n"
	      "/brokers/ids/4 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"listener_security_protocol_map\":{\"A\":\"PLAINTEXT\"},"
	      "\"endpoints\":[\"B://h:9092\"]}\n"
	      "/brokers/ids/5 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[\"PLAINTEXT://h:99999999999\"]}\n"
	      "/brokers/ids/6 E 0 {\"version\":5,\"endpoints\":[]}\n"
	      "/brokers/ids/7 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[\"PLAINTEXT://h o:1\"]}\n"
	      "/brokers/ids/8 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[],\"rack\":7}\n"
	      "/brokers/ids/9 E 0 {\"version\":5,\"jmx_port\":-1,"
	      "\"endpoints\":[]}\n");
	cr_assert_eq(m.nbrokers, 1);
	cr_assert_eq(m.brokers[0].id, 9);
	cr_assert_eq(m.ndiags, 8);
	diag_at(MODEL_ERROR, "bad-name", "/brokers/ids/x");
	diag_at(MODEL_ERROR, "bad-name", "/brokers/ids/-1");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "bad-endpoint", "/brokers/ids/3")->msg,
	    "endpoint \"INTERNAL://h:9092\": no listener_security_protocol_map "
	    "and the listener is not a protocol name");
	diag_at(MODEL_ERROR, "bad-endpoint", "/brokers/ids/4");
	diag_at(MODEL_ERROR, "bad-endpoint", "/brokers/ids/5");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "missing-field", "/brokers/ids/6")->msg,
	    "field \"jmx_port\" is missing");
	diag_at(MODEL_ERROR, "bad-endpoint", "/brokers/ids/7");
	cr_assert_str_eq(
	    diag_at(MODEL_ERROR, "wrong-type", "/brokers/ids/8")->msg,
	    "field \"rack\": expected a string, found an integer");
}

Test(model_broker, duplicate_broker_ids_keep_the_first_name)
{
	build("/brokers/ids/01 E 0 {\"version\":5,\"jmx_port\":1,"
	      "\"endpoints\":[]}\n"
	      "/brokers/ids/1 E 0 {\"version\":5,\"jmx_port\":2,"
	      "\"endpoints\":[]}\n");
	only_diag(MODEL_ERROR, "duplicate-broker", "/brokers/ids/1",
	    "another znode already registers broker 1");
	cr_assert_eq(m.nbrokers, 1);
	cr_assert_eq(m.brokers[0].jmx_port, 1);
}

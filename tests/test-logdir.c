/*
 * Kafka's log directory rules (logdir.c): the cases Kafka's own code
 * decides, one by one.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "helpers.h"
#include "logdir.h"
#include "props.h"

static struct props p;

static void
setup(void)
{
	p = (struct props){0};
}

static void
teardown(void)
{
	props_free(&p);
	leak_check();
}

TestSuite(logdir, .init = setup, .fini = teardown);

static bool
name(const char *s, const char *topic, int32_t partition, enum logdir_kind kind)
{
	struct logdir_name ln;

	if (!logdir_parse_name(s, &ln))
		return false;
	return ln.topic_len == strlen(topic) &&
	    strncmp(s, topic, ln.topic_len) == 0 && ln.partition == partition &&
	    ln.kind == kind;
}

Test(logdir, partition_names_parse_like_local_log)
{
	cr_assert(name("orders-0", "orders", 0, LOGDIR_CURRENT));
	cr_assert(name("my-topic-12", "my-topic", 12, LOGDIR_CURRENT));
	cr_assert(name(
	    "__consumer_offsets-49", "__consumer_offsets", 49, LOGDIR_CURRENT));
	cr_assert(name("orders-3.0a1b2c3d4e5f60718293a4b5c6d7e8f9-delete",
	    "orders", 3, LOGDIR_DELETE));
	cr_assert(name("orders-3.0a1b2c3d4e5f60718293a4b5c6d7e8f9-future",
	    "orders", 3, LOGDIR_FUTURE));
	cr_assert(name("a.b-1.x-stray", "a.b", 1, LOGDIR_STRAY));
	/* Integer.parseInt takes a sign. */
	cr_assert(name("t-+1", "t", 1, LOGDIR_CURRENT));
	cr_assert(name("t--1", "t-", 1, LOGDIR_CURRENT));
}

Test(logdir, names_kafka_refuses)
{
	struct logdir_name ln;

	cr_assert_not(logdir_parse_name("", &ln));
	cr_assert_not(logdir_parse_name("lost+found", &ln));
	cr_assert_not(logdir_parse_name("orders-", &ln));
	cr_assert_not(logdir_parse_name("-0", &ln));
	cr_assert_not(logdir_parse_name("orders-x", &ln));
	cr_assert_not(logdir_parse_name("orders-2147483648", &ln));
	/* A suffix without the .<id> part, or with blanks. */
	cr_assert_not(logdir_parse_name("orders-0-delete", &ln));
	cr_assert_not(logdir_parse_name("orders-0.-stray", &ln));
	cr_assert_not(logdir_parse_name("or ders-0.x-future", &ln));
}

static int
pmeta(const char *text, struct kuuid *id, char *why)
{
	return logdir_pmeta_parse(
	    (const uint8_t *)text, strlen(text), id, why, 128);
}

Test(logdir, partition_metadata_round_trips_kafkas_bytes)
{
	struct kuuid id, back;
	char text[LOGDIR_PMETA_MAX], why[128];
	size_t len;

	cr_assert_eq(b64_uuid_parse("_We0fIl8RTmN7v4rgZ1Clw", 22, &id), 0);
	len = logdir_pmeta_encode(&id, text);
	cr_assert_eq(len, 43);
	cr_assert_str_eq(text, "version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw");
	cr_assert_eq(pmeta(text, &back, why), 0, "%s", why);
	cr_assert_eq(memcmp(&id, &back, sizeof id), 0);
}

Test(logdir, partition_metadata_reads_as_kafka_does)
{
	struct kuuid id;
	char why[128];

	/* Line ends, blanks after the colon, later lines, padding: fine. */
	cr_assert_eq(pmeta("version: 0\r\ntopic_id:\t_We0fIl8RTmN7v4rgZ1Clw\n",
			 &id, why),
	    0, "%s", why);
	cr_assert_eq(pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw==\nx",
			 &id, why),
	    0, "%s", why);
	/* Names are not checked; later versions are read. */
	cr_assert_eq(pmeta("v: 3\nid: _We0fIl8RTmN7v4rgZ1Clw", &id, why), 0);
	/* Java's decoder ignores the bits past the 128th. */
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clx", &id, why), 0,
	    "%s", why);

	cr_assert_eq(pmeta("", &id, why), -1);
	cr_assert_str_eq(why, "empty");
	cr_assert_eq(pmeta("version: 0", &id, why), -1);
	cr_assert_eq(
	    pmeta("version:0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why), -1);
	cr_assert_eq(
	    pmeta("version: 0 \ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: -1\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_str_eq(why, "unrecognized version -1");
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAA", &id, why),
	    -1);
	cr_assert_str_eq(why, "the zero topic id");
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Cl", &id, why), -1);
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: /We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: 0\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw=", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: 0: 1\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_eq(
	    pmeta("version: \xff\ntopic_id: _We0fIl8RTmN7v4rgZ1Clw", &id, why),
	    -1);
	cr_assert_str_eq(why, "not UTF-8");
}

static int
parse(const char *text)
{
	return props_text(&p, text);
}

static int
meta(const char *text, struct logdir_meta *m, char *why)
{
	cr_assert_eq(parse(text), 0);
	return logdir_meta_parse(&p, m, why, 128);
}

Test(logdir, meta_properties_as_kafka_reads_them)
{
	struct logdir_meta m;
	char why[128];

	cr_assert_eq(meta("version=0\nbroker.id=1\ncluster.id=abc\n", &m, why),
	    0, "%s", why);
	cr_assert_eq(m.version, 0);
	cr_assert(m.has_node_id);
	cr_assert_eq(m.node_id, 1);
	cr_assert_str_eq(m.cluster_id, "abc");
	/* v0 is the default and takes broker.id, not node.id. */
	cr_assert_eq(meta("node.id=4\ncluster.id=abc\n", &m, why), 0);
	cr_assert_not(m.has_node_id);
	cr_assert_eq(meta("version= 1 \nnode.id=4\ncluster.id=c\n"
			  "directory.id=_We0fIl8RTmN7v4rgZ1Clw\n",
			 &m, why),
	    0, "%s", why);
	cr_assert_eq(m.node_id, 4);
	cr_assert(m.has_directory_id);

	cr_assert_eq(meta("version=2\n", &m, why), -1);
	cr_assert_eq(meta("version=1\ncluster.id=c\n", &m, why), -1);
	cr_assert_eq(meta("version=1\nnode.id=1\n", &m, why), -1);
	cr_assert_eq(meta("broker.id=1 \n", &m, why), -1);
	cr_assert_eq(meta("directory.id=nope\n", &m, why), -1);
}

Test(logdir, reserved_directory_ids)
{
	struct kuuid u = {{0}};

	cr_assert(logdir_directory_id_reserved(&u));
	u.b[15] = 99;
	cr_assert(logdir_directory_id_reserved(&u));
	u.b[15] = 100;
	cr_assert_not(logdir_directory_id_reserved(&u));
	u.b[8] = 0x80; /* a negative low half */
	cr_assert(logdir_directory_id_reserved(&u));
	u.b[0] = 1;
	cr_assert_not(logdir_directory_id_reserved(&u));
}

/*
 * The cluster model: trees built in memory from znode lines (the
 * fixtures' znodes.txt format) or loaded from fixtures/zk, checked field
 * by field against zookeeper-layout.md, and every malformed case checked
 * for exactly the diagnostic it should give.  This file holds what the
 * model's test files share (test-model.h) and the tests of the whole
 * model; test-model-<area>.c test each area's reader, as src/model-*.c
 * split the model.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "b64.h"
#include "error.h"
#include "helpers.h"
#include "model.h"
#include "test-model.h"
#include "tree.h"

struct tree t;
struct model m;
struct arena a;
char *out1, *out2;

void
model_setup(void)
{
	memset(&t, 0, sizeof t);
	memset(&m, 0, sizeof m);
	memset(&a, 0, sizeof a);
	out1 = out2 = NULL;
}

void
model_teardown(void)
{
	model_free(&m);
	tree_free(&t);
	arena_free(&a);
	free(out1);
	free(out2);
}

TestSuite(model, .init = model_setup, .fini = model_teardown);

/* Whether path is among the first n lines' paths (or is "/"). */
static bool
have_path(char **paths, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(paths[i], path) == 0)
			return true;
	return false;
}

/*
 * Fill tr from lines "<path> <mode>[@<czxid>] <dataVersion> <data>" (the
 * fixtures' znodes.txt format: mode P, E or PS; data "-" for null,
 * "b64:..." for binary, else the bytes to the end of the line).  Lines
 * are added in the order given, reversed when reverse; parents that are
 * not listed (up to root) are added with null data.  '#' starts a
 * comment line.
 */
static void
build_tree(struct tree *tr, const char *root, const char *text, bool reverse)
{
	char **lines = NULL, **paths = NULL, *copy, *line, *save, *p, *sp;
	size_t n = 0, np = 0, i, k, len;
	struct error e;
	struct zstat st;
	uint8_t *bin;
	long blen;

	copy = strdup(text);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		lines = realloc(lines, (n + 1) * sizeof *lines);
		lines[n++] = line;
	}
	tree_init(tr, root);
	for (k = 0; k < n; k++) {
		i = reverse ? n - 1 - k : k;
		line = lines[i];
		memset(&st, 0, sizeof st);
		sp = strchr(line, ' ');
		cr_assert_not_null(sp, "bad line %s", line);
		*sp = '\0';
		p = sp + 1;
		if (p[0] == 'E')
			st.ephemeral_owner = 0x1000 + (int64_t)i;
		st.czxid = 0x100000000LL + (int64_t)i;
		st.mzxid = st.czxid;
		st.pzxid = st.czxid;
		sp = strchr(p, ' ');
		cr_assert_not_null(sp);
		*sp = '\0';
		if ((p = strchr(p, '@')) != NULL)
			st.czxid = strtoll(p + 1, NULL, 0);
		p = sp + 1;
		st.version = (int32_t)strtol(p, &sp, 10);
		cr_assert_eq(*sp, ' ', "bad version in %s", line);
		p = sp + 1;
		if (strcmp(p, "-") == 0)
			tree_add(tr, line, NULL, 0, &st);
		else if (strncmp(p, "b64:", 4) == 0) {
			bin = malloc(strlen(p));
			blen = b64_decode(p + 4, bin);
			cr_assert_geq(blen, 0);
			tree_add(tr, line, bin, (size_t)blen, &st);
			free(bin);
		} else
			tree_add(tr, line, (const uint8_t *)p, strlen(p), &st);
		paths = realloc(paths, (np + 1) * sizeof *paths);
		paths[np++] = strdup(line);
	}
	/* Missing parents, up to and including the root. */
	for (k = 0, i = np; k < i; k++) {
		char *q = strdup(paths[k]);

		while ((len = strlen(q)) > strlen(root) ||
		    (len == strlen(root) && strcmp(q, root) == 0)) {
			if (!have_path(paths, np, q)) {
				memset(&st, 0, sizeof st);
				tree_add(tr, q, NULL, 0, &st);
				paths =
				    realloc(paths, (np + 1) * sizeof *paths);
				paths[np++] = strdup(q);
			}
			if (strcmp(q, root) == 0 || strcmp(q, "/") == 0)
				break;
			p = strrchr(q, '/');
			if (p == q)
				p[1] = '\0';
			else
				*p = '\0';
		}
		free(q);
	}
	if (!have_path(paths, np, root)) {
		memset(&st, 0, sizeof st);
		tree_add(tr, root, NULL, 0, &st);
	}
	cr_assert_eq(tree_finish(tr, &e), 0, "tree_finish: %s", e.msg);
	for (k = 0; k < np; k++)
		free(paths[k]);
	free(paths);
	free(lines);
	free(copy);
}

/* Build t from text and m from t at the root "/". */
void
build(const char *text)
{
	struct error e;

	build_tree(&t, "/", text, false);
	cr_assert_eq(model_from_tree(&m, &t, "/", &e), 0, "%s", e.msg);
}

void
load_fixture(const char *name, const char *root)
{
	char path[512];
	struct error e;

	snprintf(path, sizeof path, "%s/zk/%s/dump.json", FIXTURE_DIR, name);
	cr_assert_eq(tree_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_eq(model_from_tree(&m, &t, root, &e), 0, "%s", e.msg);
}

char *
print_model(const struct model *mm, bool stable)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	cr_assert_not_null(fp);
	model_print(mm, fp, stable);
	fclose(fp);
	return buf;
}

static void
dump_diags(void)
{
	size_t i;

	for (i = 0; i < m.ndiags; i++)
		cr_log_info("diag %s %s %s: %s",
		    m.diags[i].severity == MODEL_ERROR ? "error" : "warning",
		    m.diags[i].code, m.diags[i].path, m.diags[i].msg);
}

/* The one diagnostic at path with code; fails unless there is one. */
const struct model_diag *
diag_at(enum model_severity sev, const char *code, const char *path)
{
	const struct model_diag *d = NULL;
	size_t i, n = 0;

	for (i = 0; i < m.ndiags; i++)
		if (strcmp(m.diags[i].code, code) == 0 &&
		    strcmp(m.diags[i].path, path) == 0) {
			d = &m.diags[i];
			n++;
		}
	if (n != 1)
		dump_diags();
	cr_assert_eq(n, 1, "%zu diagnostics %s at %s", n, code, path);
	cr_assert_eq(d->severity, sev, "%s at %s: wrong severity", code, path);
	return d;
}

/* Exactly one diagnostic in the model, with this content. */
void
only_diag(enum model_severity sev, const char *code, const char *path,
    const char *msg)
{
	const struct model_diag *d;

	if (m.ndiags != 1)
		dump_diags();
	cr_assert_eq(m.ndiags, 1, "%zu diagnostics", m.ndiags);
	d = diag_at(sev, code, path);
	if (msg != NULL)
		cr_assert_str_eq(d->msg, msg);
}

void
no_diags(void)
{
	if (m.ndiags != 0)
		dump_diags();
	cr_assert_eq(m.ndiags, 0, "%zu diagnostics", m.ndiags);
}

void
assert_ints(const int32_t *got, size_t n, const char *want)
{
	char buf[256] = "";
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%d",
		    i == 0 ? "" : ",", (int)got[i]);
	cr_assert_str_eq(buf, want);
}

void
assert_hex(const struct kbytes *b, const char *want)
{
	uint8_t w[128];
	size_t n = hex_parse(want, w, sizeof w);

	assert_bytes_eq(b->p, b->len, w, n);
}

void
assert_uuid(const struct kuuid *u, const char *want)
{
	uint8_t w[16];

	cr_assert_eq(hex_parse(want, w, sizeof w), 16);
	assert_bytes_eq(u->b, 16, w, 16);
}

const struct model_partition *
partition(const char *topic, int32_t id)
{
	const struct model_topic *tp = model_topic(&m, topic);
	size_t i;

	cr_assert_not_null(tp, "no topic %s", topic);
	for (i = 0; i < tp->npartitions; i++)
		if (tp->partitions[i].id == id)
			return &tp->partitions[i];
	cr_assert_fail("no partition %s %d", topic, (int)id);
	return NULL;
}

const struct model_broker *
broker(int32_t id)
{
	size_t i;

	for (i = 0; i < m.nbrokers; i++)
		if (m.brokers[i].id == id)
			return &m.brokers[i];
	cr_assert_fail("no broker %d", (int)id);
	return NULL;
}

/* The sample cluster (zookeeper-layout.md 7.2): cluster and brokers. */
Test(model, sample_cluster_cluster_and_brokers)
{
	const struct model_broker *b;

	load_fixture("sample", "/");
	no_diags();

	cr_assert_str_eq(m.cluster_id, "VEfH8kRPR3mJF3fDqRH5sA");
	cr_assert(m.has_cluster_uuid);
	assert_uuid(&m.cluster_uuid, "5447c7f2444f4779891777c3a911f9b0");
	cr_assert(m.controller.present);
	cr_assert(m.controller.ephemeral);
	cr_assert_eq(m.controller.version, 2);
	cr_assert_eq(m.controller.broker_id, 1);
	cr_assert_eq(m.controller.kraft_controller_epoch, -1);
	cr_assert(m.has_controller_epoch);
	cr_assert_eq(m.controller_epoch, 3);
	cr_assert_eq(m.controller_epoch_version, 3);

	cr_assert_eq(m.nbrokers, 3);
	b = broker(1);
	cr_assert_eq(b->epoch, 12884901953);
	cr_assert(b->ephemeral);
	cr_assert_eq(b->version, 5);
	cr_assert_eq(b->timestamp, 1729501200123);
	cr_assert_null(b->rack);
	cr_assert_eq(b->nendpoints, 2);
	cr_assert_str_eq(b->endpoints[1].listener, "EXTERNAL");
	cr_assert_str_eq(b->endpoints[1].host, "kafka-1.example.com");
	cr_assert_eq(b->endpoints[1].port, 9094);
	cr_assert_str_eq(b->endpoints[1].protocol, "SASL_SSL");
	b = broker(2);
	cr_assert_eq(b->epoch, 12884901959);
	cr_assert_str_eq(b->rack, "use1-az2");
	cr_assert_eq(b->jmx_port, 9999);
	cr_assert_eq(broker(3)->epoch, 12884901965);
}

/* The sample cluster (zookeeper-layout.md 7.2): topics and partitions. */
Test(model, sample_cluster_topics_and_partitions)
{
	const struct model_partition *p;
	const struct model_topic *tp;

	load_fixture("sample", "/");
	no_diags();

	/* Sorted by name: "__" sorts before lower-case letters. */
	cr_assert_eq(m.ntopics, 4);
	cr_assert_str_eq(m.topics[0].name, "__consumer_offsets");
	cr_assert_str_eq(m.topics[1].name, "customer-profiles");
	cr_assert_str_eq(m.topics[2].name, "legacy-events");
	cr_assert_str_eq(m.topics[3].name, "orders");
	assert_uuid(
	    &model_topic(&m, "orders")->id, "fd67b47c897c45398deefe2b819d4297");
	assert_uuid(&model_topic(&m, "customer-profiles")->id,
	    "cf6179b07c6b4c149e8933278e3049d2");
	assert_uuid(&model_topic(&m, "__consumer_offsets")->id,
	    "0f1df3f30133460ca63eb09dfbc46ea4");
	tp = model_topic(&m, "legacy-events");
	assert_uuid(&tp->id, "92d159fb621641718f2bf53b45c098e5");
	cr_assert(tp->pending_deletion);
	cr_assert_eq(m.npending_deletions, 1);
	cr_assert_str_eq(m.pending_deletions[0], "legacy-events");
	cr_assert_not(model_topic(&m, "orders")->pending_deletion);
	cr_assert_null(model_topic(&m, "nonexistent"));

	tp = model_topic(&m, "orders");
	cr_assert_eq(tp->version, 3);
	cr_assert_eq(tp->npartitions, 3);
	p = partition("orders", 0);
	assert_ints(p->replicas, p->nreplicas, "1,2,3");
	assert_ints(p->isr, p->nisr, "1,2,3");
	cr_assert_eq(p->leader, 1);
	cr_assert_eq(p->partition_epoch, 0);
	p = partition("orders", 1);
	assert_ints(p->replicas, p->nreplicas, "2,3,1");
	assert_ints(p->isr, p->nisr, "2,3");
	cr_assert_eq(p->leader, 2);
	cr_assert_eq(p->leader_epoch, 0);
	cr_assert_eq(p->partition_epoch, 1);
	cr_assert_eq(p->controller_epoch, 3);
	p = partition("orders", 2);
	assert_ints(p->isr, p->nisr, "1,2,3");
	cr_assert_eq(p->leader, 3);
	cr_assert_eq(p->leader_epoch, 2);
	cr_assert_eq(p->partition_epoch, 3);
	cr_assert(p->has_state);
	cr_assert_eq(p->nadding + p->nremoving, 0);

	cr_assert(tp->has_config);
	cr_assert_eq(tp->config.n, 2);
	cr_assert_str_eq(tp->config.kv[0].key, "min.insync.replicas");
	cr_assert_str_eq(tp->config.kv[0].value, "2");
	cr_assert_str_eq(tp->config.kv[1].key, "retention.ms");
	cr_assert_str_eq(tp->config.kv[1].value, "604800000");
	cr_assert_eq(model_topic(&m, "__consumer_offsets")->config.n, 3);

	cr_assert_eq(m.nbroker_configs, 2);
	cr_assert_str_eq(m.broker_configs[0].name, "<default>");
	cr_assert(m.broker_configs[0].is_default);
	cr_assert_str_eq(
	    m.broker_configs[0].config.kv[0].key, "log.cleaner.threads");
	cr_assert_str_eq(m.broker_configs[1].name, "2");
	cr_assert_str_eq(m.broker_configs[1].config.kv[0].key,
	    "listener.name.external.ssl.keystore.password");
	cr_assert(strncmp(m.broker_configs[1].config.kv[0].value,
		      "initializationVector:", 21) == 0);
}

/* The sample cluster (zookeeper-layout.md 7.2): broker configs and scram. */
Test(model, sample_cluster_broker_configs_and_scram)
{

	load_fixture("sample", "/");
	no_diags();

	cr_assert_eq(m.nscram, 2);
	cr_assert_str_eq(m.scram[0].user, "alice");
	cr_assert_eq(m.scram[0].mechanism, 1);
	cr_assert_eq(m.scram[0].iterations, 4096);
	cr_assert_eq(m.scram[0].source, MODEL_ENTITY_USER);
	cr_assert_str_eq(m.scram[0].path, "/config/users/alice");
	assert_hex(&m.scram[0].salt,
	    "7a37707379346b337030616f3339796f316c6639703567706f");
	assert_hex(&m.scram[0].stored_key,
	    "d2f83402812c61beeb3a97b34e6a99a7dac1fdb3aef02f395fdc99b13585c7d1");
	assert_hex(&m.scram[0].server_key,
	    "80164502604e0feb4e76ada6ce4dfd1d2536c8d89f90bb9a80be9e7f6bbad716");
	cr_assert_eq(m.scram[1].mechanism, 2);
	assert_hex(&m.scram[1].salt,
	    "73646d6b6a776d6a316538347333686c69776b"
	    "726572353263");
	assert_hex(&m.scram[1].stored_key,
	    "ab812e69b789f5d042e982351cf9386b916bd21a112b6e9cf671b4dc18ec953a"
	    "d68b5df249f8df69e824cf7d6e1db49690cf40b72d84ee53e447b07b9f5c02c4");
	assert_hex(&m.scram[1].server_key,
	    "6e4526e050c57ed866ce06a89eb8181d89021c3a578ee388324efb93d39d7279"
	    "a542212e1a32a4d2a11d568b48adc938ae94b2e34513ac4a91a9bd417e9a6400");
}

/* The sample cluster (zookeeper-layout.md 7.2): quotas and acls. */
Test(model, sample_cluster_quotas_and_acls)
{
	const struct model_acl *acl;

	load_fixture("sample", "/");
	no_diags();

	/* alice has SCRAM keys only: no quota entity. */
	cr_assert_eq(m.nquotas, 2);
	cr_assert_eq(m.quotas[0].entity[0].type, MODEL_ENTITY_USER);
	cr_assert_str_eq(
	    m.quotas[0].entity[0].name, "svc-payments@EXAMPLE.COM");
	cr_assert_str_eq(
	    m.quotas[0].path, "/config/users/svc-payments%40EXAMPLE.COM");
	cr_assert_eq(m.quotas[0].nvalues, 2);
	cr_assert_str_eq(m.quotas[0].values[0].key, "consumer_byte_rate");
	cr_assert_eq(m.quotas[0].values[0].value, 2097152.0);
	cr_assert_str_eq(m.quotas[0].values[1].key, "producer_byte_rate");
	cr_assert_eq(m.quotas[0].values[1].value, 1048576.0);
	cr_assert_eq(m.quotas[1].entity[0].type, MODEL_ENTITY_CLIENT_ID);
	cr_assert_str_eq(m.quotas[1].entity[0].name, "reporting-app");
	cr_assert_str_eq(m.quotas[1].values[1].key, "request_percentage");
	cr_assert_eq(m.quotas[1].values[1].value, 50.0);

	cr_assert_eq(m.nacls, 5);
	acl = &m.acls[0];
	cr_assert_eq(acl->resource_type, 2);
	cr_assert_str_eq(acl->resource_name, "orders");
	cr_assert_eq(acl->pattern_type, 3);
	cr_assert_str_eq(acl->principal, "User:alice");
	cr_assert_str_eq(acl->host, "*");
	cr_assert_eq(acl->operation, 3);
	cr_assert_eq(acl->permission, 3);
	cr_assert_str_eq(acl->operation_name, "Read");
	cr_assert_str_eq(acl->path, "/kafka-acl/Topic/orders");
	cr_assert_eq(m.acls[1].operation, 8);
	cr_assert_str_eq(m.acls[2].principal, "User:mallory");
	cr_assert_eq(m.acls[2].operation, 4);
	cr_assert_eq(m.acls[2].permission, 2);
	acl = &m.acls[3];
	cr_assert_eq(acl->pattern_type, 4);
	cr_assert_str_eq(acl->resource_name, "payments.");
	cr_assert_str_eq(acl->principal, "User:svc-payments@EXAMPLE.COM");
	cr_assert_str_eq(acl->host, "10.20.0.15");
	acl = &m.acls[4];
	cr_assert_eq(acl->resource_type, 3);
	cr_assert_str_eq(acl->resource_name, "order-processors");
}

/* The sample cluster (zookeeper-layout.md 7.2): tokens and cluster state. */
Test(model, sample_cluster_tokens_and_cluster_state)
{
	const struct model_token *tk;

	load_fixture("sample", "/");
	no_diags();

	cr_assert_eq(m.ntokens, 1);
	tk = &m.tokens[0];
	cr_assert_str_eq(tk->token_id, "ltg6bm1bR7WN5hxbvKr6AA");
	cr_assert_eq(tk->version, 3);
	cr_assert_str_eq(tk->owner, "User:alice");
	cr_assert_str_eq(tk->requester, "User:alice");
	cr_assert_eq(tk->nrenewers, 1);
	cr_assert_str_eq(tk->renewers[0], "User:bob");
	cr_assert_eq(tk->issue_timestamp, 1729400000000);
	cr_assert_eq(tk->max_timestamp, 1730004800000);
	cr_assert_eq(tk->expiry_timestamp, 1729486400000);

	cr_assert(m.producer_ids.present);
	cr_assert_eq(m.producer_ids.broker, 2);
	cr_assert_eq(m.producer_ids.block_start, 2000);
	cr_assert_eq(m.producer_ids.block_end, 2999);
	cr_assert_eq(m.producer_ids.data_version, 3);

	cr_assert(m.feature.present);
	cr_assert_eq(m.feature.version, 2);
	cr_assert_eq(m.feature.status, 1);
	cr_assert_eq(m.feature.nlevels, 0);
	cr_assert_not(m.migration.present);
	cr_assert_not(m.has_reassignments);
	cr_assert_not(m.has_elections);
	cr_assert_eq(m.nconsumers, 0);
	cr_assert_eq(m.norphan_configs, 0);
}

Test(model, chroot_reads_only_below_the_root)
{
	struct model m2 = {0};
	struct error e;

	load_fixture("chroot", "/kafka/prod");
	no_diags();
	cr_assert_str_eq(m.root, "/kafka/prod");
	cr_assert_eq(m.ntopics, 4);
	cr_assert_not_null(model_topic(&m, "orders"));
	cr_assert_not(m.controller.present);
	/* Diagnostics name absolute paths. */
	cr_assert_eq(model_from_tree(&m2, &t, "/kafka/missing", &e), -1);
	cr_assert_not_null(strstr(e.msg, "/kafka/missing"));
	model_free(&m2);
}

Test(model, empty_cluster_is_valid)
{
	build("/brokers/ids P 0 -\n"
	      "/brokers/topics P 0 -\n"
	      "/latest_producer_id_block P 0 -\n"
	      "/config/users P 0 -\n");
	no_diags();
	cr_assert_null(m.cluster_id);
	cr_assert_not(m.controller.present);
	cr_assert_not(m.producer_ids.present);
	cr_assert_eq(m.ntopics + m.nbrokers + m.nquotas + m.nacls, 0);
}

static const char *const det_tree =
    "/cluster/id P 0 {\"version\":\"1\",\"id\":\"VEfH8kRPR3mJF3fDqRH5sA\"}\n"
    "/brokers/ids/2 E 0 {\"version\":5,\"jmx_port\":-1,\"endpoints\":"
    "[\"PLAINTEXT://b:9092\"]}\n"
    "/brokers/ids/10 E 0 {\"version\":5,\"jmx_port\":-1,\"endpoints\":"
    "[\"PLAINTEXT://a:9092\"]}\n"
    "/brokers/topics/zeta P 0 {\"version\":3,\"partitions\":"
    "{\"1\":[1],\"0\":[2]}}\n"
    "/brokers/topics/alpha P 0 {\"version\":1,\"partitions\":{\"0\":[1]}}\n"
    "/config/topics/zeta P 0 {\"version\":1,\"config\":{\"b\":\"1\","
    "\"a\":\"2\"}}\n"
    "/config/users/b P 0 {\"version\":1,\"config\":{\"x\":\"1\"}}\n"
    "/config/users/a P 0 {\"version\":1,\"config\":{\"x\":\"1\"}}\n"
    "/kafka-acl/Topic/z P 0 {\"version\":1,\"acls\":["
    "{\"principal\":\"User:b\",\"permissionType\":\"Allow\",\"host\":\"*\","
    "\"operation\":\"Read\"},{\"principal\":\"User:a\",\"permissionType\":"
    "\"Allow\",\"host\":\"*\",\"operation\":\"Read\"}]}\n"
    "/kafka-acl/Group/a P 0 {\"version\":1,\"acls\":["
    "{\"principal\":\"User:b\",\"permissionType\":\"Allow\",\"host\":\"*\","
    "\"operation\":\"Read\"}]}\n"
    "/config/brokers/x P 0 {\n"
    "/config/brokers/<default> P 0 {\n";

Test(model, same_tree_in_any_order_prints_the_same)
{
	struct tree t2 = {0};
	struct model m2 = {0};
	struct error e;

	build_tree(&t, "/", det_tree, false);
	cr_assert_eq(model_from_tree(&m, &t, "/", &e), 0);
	build_tree(&t2, "/", det_tree, true);
	cr_assert_eq(model_from_tree(&m2, &t2, "/", &e), 0);
	out1 = print_model(&m, false);
	out2 = print_model(&m2, false);
	model_free(&m2);
	tree_free(&t2);
	cr_assert_str_eq(out1, out2);
	/* Spot-check the order. */
	cr_assert_eq(m.brokers[0].id, 2);
	cr_assert_str_eq(m.topics[0].name, "alpha");
	cr_assert_str_eq(m.acls[0].principal, "User:a");
	cr_assert_eq(m.acls[2].resource_type, 3);
	cr_assert_str_eq(m.quotas[0].entity[0].name, "a");
	diag_at(MODEL_ERROR, "malformed-json", "/config/brokers/<default>");
	diag_at(MODEL_ERROR, "malformed-json", "/config/brokers/x");
}

Test(model, json_key_order_does_not_matter)
{
	struct tree t2 = {0};
	struct model m2 = {0};
	struct error e;

	build_tree(&t, "/",
	    "/brokers/topics/t P 0 {\"version\":2,\"partitions\":{\"0\":[1,2],"
	    "\"1\":[2]},\"adding_replicas\":{\"0\":[2]}}\n"
	    "/config/topics/t P 0 {\"version\":1,\"config\":{\"a\":\"1\","
	    "\"b\":\"2\"}}\n",
	    false);
	build_tree(&t2, "/",
	    "/brokers/topics/t P 0 {\"adding_replicas\":{\"0\":[2]},"
	    "\"partitions\":{\"1\":[2],\"0\":[1,2]},\"version\":2}\n"
	    "/config/topics/t P 0 {\"config\":{\"b\":\"2\",\"a\":\"1\"},"
	    "\"version\":1}\n",
	    false);
	cr_assert_eq(model_from_tree(&m, &t, "/", &e), 0);
	cr_assert_eq(model_from_tree(&m2, &t2, "/", &e), 0);
	out1 = print_model(&m, true);
	out2 = print_model(&m2, true);
	model_free(&m2);
	tree_free(&t2);
	cr_assert_str_eq(out1, out2);
}

Test(model, diagnostics_stay_on_one_line)
{
	const struct model_diag *d;
	size_t i;

	build("/kafka-acl/Topic/t P 0 {\"version\":1,\"acls\":["
	      "{\"principal\":\"bad\\nname\",\"permissionType\":\"Allow\","
	      "\"host\":\"*\",\"operation\":\"Read\"}]}\n"
	      "/config/topics/x P 0 b64:/wr/\n");
	d = diag_at(MODEL_ERROR, "bad-principal", "/kafka-acl/Topic/t");
	cr_assert_str_eq(d->msg,
	    "acls[0]: principal \"bad\\x0aname\" is not <type>:<name>; "
	    "Kafka's migration fails on it");
	for (i = 0; i < m.ndiags; i++) {
		cr_assert_null(strchr(m.diags[i].msg, '\n'));
		cr_assert(strlen(m.diags[i].msg) < 400);
	}
}

/*
 * Every znode Kafka writes, filled with hostile payloads: nothing may
 * crash (the sanitizers watch), and every bad payload gives an error or
 * a warning.
 */
Test(model, hostile_payloads_never_crash)
{
	static const char *const paths[] = {
	    "/cluster/id",
	    "/controller",
	    "/controller_epoch",
	    "/brokers/ids/1",
	    "/brokers/topics/t",
	    "/brokers/topics/t/partitions/0/state",
	    "/config/topics/t",
	    "/config/brokers/1",
	    "/config/users/u",
	    "/config/users/u/clients/c",
	    "/config/clients/c",
	    "/config/ips/i",
	    "/kafka-acl/Topic/t",
	    "/kafka-acl-extended/prefixed/Group/g",
	    "/delegation_token/tokens/x",
	    "/latest_producer_id_block",
	    "/feature",
	    "/migration",
	    "/admin/reassign_partitions",
	    "/admin/preferred_replica_election",
	};
	static const char *const payloads[] = {
	    "", "null", "true", "1e999", "-99999999999999999999", "\"str\"",
	    "[]", "{}", "{\"version\":1}",
	    "{\"version\":\"1\",\"partitions\":[],\"config\":[],\"acls\":{}}",
	    "{\"version\":3,\"partitions\":{\"0\":[1]},\"adding_replicas\":"
	    "{\"0\":\"x\"}}",
	    "{\"version\":1,\"config\":{\"SCRAM-SHA-256\":\"=,=,=,=\"}}",
	    "{\"version\":1,\"config\":{\"SCRAM-SHA-256\":\"salt=\\u0000\"}}",
	    "{\"version\":1,\"acls\":[1,null,{\"principal\":null}]}",
	    "{\"version\":5,\"jmx_port\":1,\"endpoints\":[\"://:\","
	    "\"a://[\",\"a://]:1\",\"x://y://z:1\",\":\"]}",
	    "{\"version\":1,\"owner\":\"%\",\"renewers\":[1]}",
	    "{\"version\":2,\"status\":1,\"features\":{\"a\":1,\"b\":{}}}",
	    "{\"version\":1,\"partitions\":[{},[],{\"topic\":1}]}",
	    "\xff\xfe\x00\x01garbage", /* 11 bytes, with a NUL */
	};
	char deep[4200];
	size_t i, k, n = 0;
	struct error e;
	struct zstat st;

	for (k = 0; k < 2050; k++)
		deep[n++] = '[';
	for (k = 0; k < 2050; k++)
		deep[n++] = ']';
	deep[n] = '\0';
	for (k = 0; k < sizeof payloads / sizeof *payloads + 1; k++) {
		const char *p =
		    k < sizeof payloads / sizeof *payloads ? payloads[k] : deep;
		size_t len = p == payloads[18] ? 11 : strlen(p);

		memset(&st, 0, sizeof st);
		tree_init(&t, "/");
		tree_add(&t, "/", NULL, 0, &st);
		tree_add(&t, "/brokers", NULL, 0, &st);
		tree_add(&t, "/brokers/ids", NULL, 0, &st);
		tree_add(&t, "/brokers/topics", NULL, 0, &st);
		tree_add(&t, "/brokers/topics/t/partitions", NULL, 0, &st);
		tree_add(&t, "/brokers/topics/t/partitions/0", NULL, 0, &st);
		tree_add(&t, "/cluster", NULL, 0, &st);
		tree_add(&t, "/config", NULL, 0, &st);
		tree_add(&t, "/config/topics", NULL, 0, &st);
		tree_add(&t, "/config/brokers", NULL, 0, &st);
		tree_add(&t, "/config/users", NULL, 0, &st);
		tree_add(&t, "/config/users/u/clients", NULL, 0, &st);
		tree_add(&t, "/config/clients", NULL, 0, &st);
		tree_add(&t, "/config/ips", NULL, 0, &st);
		tree_add(&t, "/kafka-acl", NULL, 0, &st);
		tree_add(&t, "/kafka-acl/Topic", NULL, 0, &st);
		tree_add(&t, "/kafka-acl-extended", NULL, 0, &st);
		tree_add(&t, "/kafka-acl-extended/prefixed", NULL, 0, &st);
		tree_add(
		    &t, "/kafka-acl-extended/prefixed/Group", NULL, 0, &st);
		tree_add(&t, "/delegation_token", NULL, 0, &st);
		tree_add(&t, "/delegation_token/tokens", NULL, 0, &st);
		tree_add(&t, "/admin", NULL, 0, &st);
		for (i = 0; i < sizeof paths / sizeof *paths; i++)
			tree_add(&t, paths[i], (const uint8_t *)p, len, &st);
		cr_assert_eq(tree_finish(&t, &e), 0, "%s", e.msg);
		cr_assert_eq(model_from_tree(&m, &t, "/", &e), 0);
		cr_assert_gt(m.ndiags, 0, "payload %zu gave no diagnostic", k);
		free(out1);
		out1 = print_model(&m, false);
		model_free(&m);
		tree_free(&t);
	}
}

/* fixtures/zk/malformed: one diagnostic per planted fault, nothing else. */
Test(model, malformed_fixture_gives_one_diagnostic_per_fault)
{
	static const struct {
		enum model_severity sev;
		const char *code, *path;
	} want[] = {
	    {MODEL_ERROR, "unknown-version", "/brokers/ids/1"},
	    {MODEL_ERROR, "bad-topic-id", "/brokers/topics/bad-id"},
	    {MODEL_ERROR, "wrong-type",
		"/brokers/topics/bad-isr/partitions/0/state"},
	    {MODEL_ERROR, "malformed-json", "/brokers/topics/bad-json"},
	    {MODEL_ERROR, "bad-partition-id", "/brokers/topics/bad-key"},
	    {MODEL_ERROR, "null-data",
		"/brokers/topics/null-state/partitions/0/state"},
	    {MODEL_ERROR, "wrong-type", "/brokers/topics/str-replicas"},
	    {MODEL_ERROR, "unknown-version", "/brokers/topics/v4"},
	    {MODEL_ERROR, "malformed-json", "/cluster/id"},
	    {MODEL_ERROR, "wrong-type", "/config/brokers/1"},
	    {MODEL_ERROR, "bad-broker-config-name",
		"/config/brokers/notanumber"},
	    {MODEL_ERROR, "bad-quota-value", "/config/clients/greedy"},
	    {MODEL_ERROR, "malformed-json", "/config/topics/gzipped"},
	    {MODEL_ERROR, "bad-name", "/config/users/bad%zz"},
	    {MODEL_ERROR, "bad-scram", "/config/users/bad-iterations"},
	    {MODEL_ERROR, "bad-scram", "/config/users/bad-salt"},
	    {MODEL_ERROR, "bad-scram", "/config/users/three-keys"},
	    {MODEL_ERROR, "unknown-version",
		"/delegation_token/tokens/sPIjEol6lVDk_DhpY_lhAA"},
	    {MODEL_WARNING, "acl-unknown-operation", "/kafka-acl/Group/frob"},
	    {MODEL_WARNING, "acl-unknown-permission", "/kafka-acl/Group/frob"},
	    {MODEL_ERROR, "unknown-version", "/kafka-acl/Topic/acl-v2"},
	    {MODEL_ERROR, "bad-principal", "/kafka-acl/Topic/no-colon"},
	    {MODEL_WARNING, "acl-ignored-directory", "/kafka-acl/Widget"},
	    {MODEL_ERROR, "bad-value", "/latest_producer_id_block"},
	    {MODEL_ERROR, "unknown-version", "/migration"},
	};
	size_t i;

	load_fixture("malformed", "/");
	cr_assert_eq(m.ndiags, sizeof want / sizeof *want);
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		cr_assert_eq(m.diags[i].severity, want[i].sev, "diag %zu", i);
		cr_assert_str_eq(m.diags[i].code, want[i].code);
		cr_assert_str_eq(m.diags[i].path, want[i].path);
	}
	cr_assert_eq(model_count(&m, MODEL_WARNING), 3);
	cr_assert_eq(model_count(&m, MODEL_ERROR), 22);
	/* What survives: the good topic, the three valid-but-odd ones. */
	cr_assert_eq(m.ntopics, 4);
	cr_assert_not(partition("null-state", 0)->has_state);
	cr_assert_not_null(model_topic(&m, "good"));
	cr_assert_not(partition("bad-isr", 0)->has_state);
	cr_assert_not(model_topic(&m, "gzipped")->config.n);
	cr_assert_null(m.cluster_id);
	cr_assert_not(m.producer_ids.present);
	cr_assert(m.migration.present);
	cr_assert_eq(m.nbrokers, 0);
	cr_assert_eq(m.nscram, 0);
	cr_assert_eq(m.ntokens, 0);
	cr_assert_eq(m.nacls, 1);
}

Test(model, free_is_idempotent)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":{}}\n");
	model_free(&m);
	cr_assert_eq(m.ntopics, 0);
	cr_assert_null(m.topics);
	model_free(&m);
	model_free(NULL);
}

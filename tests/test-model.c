/*
 * The cluster model: trees built in memory from znode lines (the
 * fixtures' znodes.txt format) or loaded from fixtures/zk, checked field
 * by field against zookeeper-layout.md, and every malformed case checked
 * for exactly the diagnostic it should give.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "b64.h"
#include "helpers.h"
#include "log.h"
#include "model.h"
#include "tree.h"

static struct tree t;
static struct model m;
static struct arena a;
static char *out1, *out2;

static void
setup(void)
{
	memset(&t, 0, sizeof t);
	memset(&m, 0, sizeof m);
	memset(&a, 0, sizeof a);
	out1 = out2 = NULL;
}

static void
teardown(void)
{
	model_free(&m);
	tree_free(&t);
	arena_free(&a);
	free(out1);
	free(out2);
}

TestSuite(model, .init = setup, .fini = teardown);

/* ---- Building trees ----------------------------------------------------- */

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
static void
build(const char *text)
{
	struct error e;

	build_tree(&t, "/", text, false);
	cr_assert_eq(model_from_tree(&m, &t, "/", &e), 0, "%s", e.msg);
}

static void
load_fixture(const char *name, const char *root)
{
	char path[512];
	struct error e;

	snprintf(path, sizeof path, "%s/zk/%s/dump.json", FIXTURE_DIR, name);
	cr_assert_eq(tree_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_eq(model_from_tree(&m, &t, root, &e), 0, "%s", e.msg);
}

static char *
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

/* ---- Checking diagnostics ------------------------------------------------ */

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
static const struct model_diag *
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
static void
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

static void
no_diags(void)
{
	if (m.ndiags != 0)
		dump_diags();
	cr_assert_eq(m.ndiags, 0, "%zu diagnostics", m.ndiags);
}

static void
assert_ints(const int32_t *got, size_t n, const char *want)
{
	char buf[256] = "";
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%d",
		    i == 0 ? "" : ",", (int)got[i]);
	cr_assert_str_eq(buf, want);
}

static void
assert_hex(const struct kbytes *b, const char *want)
{
	uint8_t w[128];
	size_t n = hex_parse(want, w, sizeof w);

	assert_bytes_eq(b->p, b->len, w, n);
}

static void
assert_uuid(const struct kuuid *u, const char *want)
{
	uint8_t w[16];

	cr_assert_eq(hex_parse(want, w, sizeof w), 16);
	assert_bytes_eq(u->b, 16, w, 16);
}

static const struct model_partition *
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

static const struct model_broker *
broker(int32_t id)
{
	size_t i;

	for (i = 0; i < m.nbrokers; i++)
		if (m.brokers[i].id == id)
			return &m.brokers[i];
	cr_assert_fail("no broker %d", (int)id);
	return NULL;
}

/* ---- The section 7 sample cluster -------------------------------------- */

Test(model, sample_cluster_gives_section_7_2_facts)
{
	const struct model_partition *p;
	const struct model_topic *tp;
	const struct model_broker *b;
	const struct model_acl *acl;
	const struct model_token *tk;

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

Test(model, sample_prints_the_documented_lines)
{
	load_fixture("sample", "/");
	out1 = print_model(&m, false);
	cr_assert_not_null(strstr(out1,
	    "\ntopic orders id=_We0fIl8RTmN7v4rgZ1Clw version=3 "
	    "pending-deletion=no config=yes\n"));
	cr_assert_not_null(strstr(out1,
	    "\npartition orders 2 replicas=3,1,2 isr=1,2,3 leader=3 "
	    "leader-epoch=2 partition-epoch=3 controller-epoch=3 recovery=0 "
	    "adding= removing= state=yes\n"));
	cr_assert_not_null(
	    strstr(out1, "\nconfig topic orders retention.ms=604800000\n"));
	cr_assert_not_null(strstr(out1,
	    "\nquota user=svc-payments@EXAMPLE.COM "
	    "producer_byte_rate=1048576\n"));
	cr_assert_not_null(strstr(out1,
	    "\nscram alice SCRAM-SHA-256 iterations=4096 "
	    "salt=7a37707379346b337030616f3339796f316c663970356"
	    "7706f stored_key=d2f8"));
	cr_assert_not_null(strstr(out1, " epoch=12884901953\n"));
	cr_assert_not_null(strstr(out1, "\nzxid min="));
	out2 = print_model(&m, true);
	cr_assert_null(strstr(out2, "epoch=12884901953"));
	cr_assert_null(strstr(out2, "zxid"));
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

/* ---- Brokers ------------------------------------------------------------ */

Test(model, broker_versions_1_to_5)
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

Test(model, broker_unknown_version_is_skipped)
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

Test(model, broker_bad_names_and_endpoints)
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

/* ---- Topics and partitions ---------------------------------------------- */

Test(model, topic_versions_with_and_without_id)
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

Test(model, missing_state_takes_kafka_defaults)
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

Test(model, unparseable_state_is_a_warning_with_defaults)
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

Test(model, mistyped_state_is_an_error_with_defaults)
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
Test(model, state_without_a_json_value_is_an_error)
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
Test(model, data_after_the_json_value_is_ignored_as_jackson_does)
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

Test(model, huge_number_in_state_is_an_error)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[1]}}\n"
	      "/brokers/topics/t/partitions/0/state P 1 "
	      "{\"controller_epoch\":1,\"leader\":99999999999999999999999,"
	      "\"leader_epoch\":0,\"isr\":[1]}\n");
	only_diag(MODEL_ERROR, "malformed-json",
	    "/brokers/topics/t/partitions/0/state", NULL);
}

Test(model, empty_replicas_without_state_is_an_error)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"partitions\":"
	      "{\"0\":[]}}\n");
	cr_assert_eq(m.ndiags, 2);
	diag_at(MODEL_WARNING, "missing-state",
	    "/brokers/topics/t/partitions/0/state");
	diag_at(MODEL_ERROR, "empty-replicas", "/brokers/topics/t");
	cr_assert_eq(partition("t", 0)->leader, -1);
}

Test(model, partitions_come_from_the_topic_json)
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

Test(model, malformed_topics_are_skipped_with_one_error_each)
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

Test(model, padded_topic_id_is_accepted_as_java_does)
{
	build("/brokers/topics/t P 0 {\"version\":3,\"topic_id\":"
	      "\"_We0fIl8RTmN7v4rgZ1Clw==\",\"partitions\":{}}\n");
	no_diags();
	assert_uuid(
	    &model_topic(&m, "t")->id, "fd67b47c897c45398deefe2b819d4297");
}

/* ---- Configs ------------------------------------------------------------ */

Test(model, topic_configs_and_orphans)
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
Test(model, unreadable_configs_say_what_kafka_reads)
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

Test(model, broker_configs_default_first_then_numeric)
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

Test(model, config_without_config_object)
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

/* ---- Quotas and SCRAM --------------------------------------------------- */

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

Test(model, quota_entities_are_desanitized)
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

Test(model, scram_strings_parse_as_kafka_does)
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
Test(model, scram_on_default_entities_is_a_user_named_default)
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

Test(model, scram_is_not_stripped_from_user_client_pairs)
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

Test(model, bad_quota_values_and_names)
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
Test(model, entity_names_decode_as_urldecoder_does)
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

/* ---- ACLs --------------------------------------------------------------- */

Test(model, acl_errors_and_unknown_names)
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

Test(model, acl_names_match_case_insensitively_and_dedupe)
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
Test(model, acl_directories_are_read_by_their_pascal_case_name)
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
Test(model, acl_unknown_and_any_resource_types)
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

/* ---- Tokens, producer ids, features, migration, admin ------------------ */

Test(model, delegation_tokens_v1_and_v3)
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
Test(model, lost_tokens_and_acls_say_what_kafka_does)
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
Test(model, non_ascii_numbers_say_java_may_read_them)
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

Test(model, producer_id_block)
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

Test(model, producer_id_block_errors)
{
	build("/latest_producer_id_block P 5 {\"version\":1,\"broker\":1,"
	      "\"block_start\":1000,\"block_end\":\"1999\"}\n");
	only_diag(MODEL_ERROR, "wrong-type", "/latest_producer_id_block",
	    "field \"block_start\": expected a string, found an integer; "
	    "Kafka's migration fails on it");
	cr_assert_not(m.producer_ids.present);
}

Test(model, producer_id_block_too_big)
{
	build("/latest_producer_id_block P 5 {\"version\":1,\"broker\":1,"
	      "\"block_start\":\"0\",\"block_end\":\"4294967296\"}\n");
	only_diag(MODEL_ERROR, "bad-value", "/latest_producer_id_block", NULL);
	cr_assert_not(m.producer_ids.present);
}

Test(model, feature_versions)
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

Test(model, feature_v2_has_no_min_level)
{
	build("/feature P 0 {\"version\":2,\"status\":1,\"features\":"
	      "{\"metadata.version\":{\"max_version_level\":7}}}\n");
	no_diags();
	cr_assert_eq(m.feature.levels[0].min_level, -1);
	cr_assert_eq(m.feature.levels[0].max_level, 7);
}

Test(model, feature_v3_is_an_error)
{
	build("/feature P 0 {\"version\":3,\"status\":1,\"features\":{}}\n");
	only_diag(MODEL_ERROR, "unknown-version", "/feature",
	    "feature version 3, expected 1 or 2");
}

Test(model, migration_state)
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

Test(model, migration_version_1_is_an_error)
{
	build("/migration P 0 {\"version\":1,\"kraft_metadata_offset\":-1,"
	      "\"kraft_controller_id\":-1,\"kraft_metadata_epoch\":-1,"
	      "\"kraft_controller_epoch\":-1}\n");
	only_diag(MODEL_ERROR, "unknown-version", "/migration",
	    "migration state version 1, expected 0");
	cr_assert(m.migration.present);
}

Test(model, controller_and_cluster_id_errors)
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

Test(model, admin_requests_and_consumers)
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

Test(model, admin_entries_with_errors)
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

/* ---- Sanitizer and number syntax ---------------------------------------- */

/* model_desanitize(), which must give NULL with the flag. */
static void
assert_refused(const char *name, unsigned flag)
{
	unsigned f;

	cr_assert_null(model_desanitize(&a, name, &f), "%s decodes", name);
	cr_assert(f & flag, "%s: flags %#x, want %#x", name, f, flag);
}

/* model_desanitize() of name, which must give want with these flags. */
static void
assert_desanitized(const char *name, const char *want, unsigned flags)
{
	const char *got;
	unsigned f;

	got = model_desanitize(&a, name, &f);
	cr_assert_not_null(got, "%s: refused (flags %#x)", name, f);
	cr_assert_str_eq(got, want, "%s", name);
	cr_assert_eq(f, flags, "%s: flags %#x, want %#x", name, f, flags);
}

Test(model, desanitize_like_urldecoder)
{
	assert_desanitized(
	    "svc-payments%40EXAMPLE.COM", "svc-payments@EXAMPLE.COM", 0);
	assert_desanitized("User%3aalice", "User:alice", 0);
	assert_desanitized("app%2A1", "app*1", 0);
	assert_desanitized("a+b", "a b", 0);
	assert_desanitized("%3Cdefault%3E", "<default>", 0);
	assert_desanitized("j%C3%BCrgen", "j\xc3\xbcrgen", 0);
	assert_desanitized("<default>", "<default>", 0);
	assert_desanitized("", "", 0);
	assert_desanitized("\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9", 0);
	/* Integer.parseInt("+A", 16) is 10 on Java 8 to 24. */
	assert_desanitized("%+A", "\n", MODEL_NAME_SIGNED);
	/* URLDecoder throws: IllegalArgumentException. */
	assert_refused("%", MODEL_NAME_BAD);
	assert_refused("a%4", MODEL_NAME_BAD);
	assert_refused("%zz", MODEL_NAME_BAD);
	assert_refused("%4z", MODEL_NAME_BAD);
	assert_refused("%-1", MODEL_NAME_BAD);
	assert_refused("%+-", MODEL_NAME_BAD);
	assert_refused("%41%", MODEL_NAME_BAD);
	assert_refused("%\xc3\xa9", MODEL_NAME_BAD); /* one unit after '%' */
	assert_refused("%\xf0\x9f\x98\x80", MODEL_NAME_BAD); /* surrogates */
	/* A NUL after a bad escape: Java throws before it looks. */
	assert_refused("%00%zz", MODEL_NAME_BAD);
	/* Unicode digits, which only Java 8 to 24 take for hex digits. */
	assert_refused(
	    "%\xd9\xa4\xd9\xa1", MODEL_NAME_WIDE);         /* U+0664 U+0661 */
	assert_refused("%4\xef\xbc\x91", MODEL_NAME_WIDE); /* 4, U+FF11 */
	/* U+0000, which Kafka keeps. */
	assert_refused("%00", MODEL_NAME_NUL);
	assert_refused("a%-0b", MODEL_NAME_NUL);
}

/*
 * Escapes that are not UTF-8: one U+FFFD per malformed sequence, cut as
 * Java's decoder cuts it (each expectation checked with JDK 17's and
 * JDK 25's URLDecoder), and each run of escapes decoded on its own.
 */
Test(model, desanitize_replaces_like_java)
{
	static const struct {
		const char *in, *out;
	} v[] = {
	    {"%C3", "\xef\xbf\xbd"},
	    {"%C3x%A9", "\xef\xbf\xbdx\xef\xbf\xbd"},
	    {"%C3+%A9", "\xef\xbf\xbd \xef\xbf\xbd"},
	    {"%FF", "\xef\xbf\xbd"},
	    {"%C0%AF", "\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E0%80", "\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E0%80%80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E1%80", "\xef\xbf\xbd"},
	    {"%E1%80%41",
		"\xef\xbf\xbd"
		"A"},
	    /* Encoded surrogates: one U+FFFD, not one per byte. */
	    {"%ED%A0%80", "\xef\xbf\xbd"},
	    {"%ED%A0", "\xef\xbf\xbd"},
	    {"%ED%A0A",
		"\xef\xbf\xbd"
		"A"},
	    {"%ED%9F%BF", "\xed\x9f\xbf"},
	    {"%F0%90%80", "\xef\xbf\xbd"},
	    {"%F0%90%80A",
		"\xef\xbf\xbd"
		"A"},
	    {"%F0%90%41",
		"\xef\xbf\xbd"
		"A"},
	    {"%F0%80%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F4%90%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F5%80%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F0%9F%98%80", "\xf0\x9f\x98\x80"},
	    {"%EF%BF%BF", "\xef\xbf\xbf"},
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		assert_desanitized(v[i].in, v[i].out,
		    strcmp(v[i].in, "%ED%9F%BF") == 0 ||
			    strcmp(v[i].in, "%F0%9F%98%80") == 0 ||
			    strcmp(v[i].in, "%EF%BF%BF") == 0
			? 0
			: MODEL_NAME_REPLACED);
}

/* ---- Determinism and robustness ----------------------------------------- */

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

Test(model, print_escapes_unusual_bytes)
{
	build("/brokers/topics/a\\b P 0 {\"version\":1,\"partitions\":{}}\n"
	      "/brokers/topics/- P 0 {\"version\":1,\"partitions\":{}}\n"
	      "/config/topics/a\\b P 0 {\"version\":1,\"config\":"
	      "{\"k=1\":\"line\\nbreak\",\"e\":\"\"}}\n"
	      "/config/users/sp%20ace P 0 {\"version\":1,\"config\":"
	      "{\"x\":\"1\"}}\n");
	no_diags();
	out1 = print_model(&m, true);
	cr_assert_not_null(strstr(out1, "\ntopic a\\x5cb id=- version=1 "));
	cr_assert_not_null(strstr(out1, "\ntopic \\x2d id=- "));
	cr_assert_not_null(
	    strstr(out1, "\nconfig topic a\\x5cb k\\x3d1=line\\x0abreak\n"));
	cr_assert_not_null(strstr(out1, "\nconfig topic a\\x5cb e=\"\"\n"));
	cr_assert_not_null(strstr(out1, "\nquota user=sp\\x20ace x=1\n"));
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

Test(model, duplicate_broker_ids_keep_the_first_name)
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

/*
 * bench/gendump: write the dump of a generated stopped cluster without a
 * ZooKeeper server, for the "from a dump" benchmarks of make bench.
 *
 *	gendump --generate TOPICS:PARTITIONS --dump FILE
 *
 * The cluster is the one tests/zk/zkload --generate loads into a server
 * (the same znodes and payloads: six brokers' worth of replicas, factor
 * 3, a config per topic), written in the canonical dump order (sorted by
 * path) as zk2kraft dump writes it, one znode per line.  The stats are
 * made up but consistent: zxids in creation order, each parent's pzxid
 * and cversion from its children.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GENDUMP_EPOCH (INT64_C(1) << 32)

struct gendump {
	FILE *fp;
	int64_t zxid; /* the last one handed out */
	unsigned long topics, partitions;
	unsigned long *order; /* partition ids in the dump's (text) order */
	char (*ids)[23];      /* topic ids, by topic */
};

static void
gendump_die(const char *fmt, ...)
{
	va_list ap;

	fputs("gendump: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* splitmix64, seeded as zkload's: the same topic ids in the same order. */
static uint64_t
gendump_mix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A Kafka Uuid as text: 22 characters of unpadded base64url. */
static void
gendump_uuid(uint64_t *seed, char out[23])
{
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint8_t b[18] = {0};
	uint64_t hi, lo;
	uint32_t v;
	int i, j;

	do {
		hi = gendump_mix(seed);
		lo = gendump_mix(seed);
	} while ((hi >> 58) == 62); /* Kafka never issues a leading '-' */
	for (i = 0; i < 8; i++) {
		b[i] = (uint8_t)(hi >> (56 - 8 * i));
		b[8 + i] = (uint8_t)(lo >> (56 - 8 * i));
	}
	for (i = 0, j = 0; i < 18 && j < 22; i += 3) {
		v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];
		out[j++] = b64url[v >> 18 & 63];
		out[j++] = b64url[v >> 12 & 63];
		if (j < 22)
			out[j++] = b64url[v >> 6 & 63];
		if (j < 22)
			out[j++] = b64url[v & 63];
	}
	out[22] = '\0';
}

/*
 * One znode line.  data is JSON text (quotes escaped here) or NULL;
 * children and the zxid of the last child made give cversion and pzxid.
 */
static void
gendump_node(struct gendump *g, const char *path, const char *data,
    int64_t czxid, int children, int64_t pzxid, int last)
{
	const char *s;

	/* A server's first epoch: zxids are 1 << 32 and up. */
	if (czxid != 0)
		czxid += GENDUMP_EPOCH;
	if (pzxid != 0)
		pzxid += GENDUMP_EPOCH;
	fprintf(g->fp, "{\"path\":\"%s\",\"data\":", path);
	if (data == NULL)
		fputs("null", g->fp);
	else {
		fputc('"', g->fp);
		for (s = data; *s != '\0'; s++) {
			if (*s == '"')
				fputc('\\', g->fp);
			fputc(*s, g->fp);
		}
		fputc('"', g->fp);
	}
	fprintf(g->fp,
	    ",\"version\":0,\"cversion\":%d,\"czxid\":%" PRId64
	    ",\"mzxid\":%" PRId64 ",\"pzxid\":%" PRId64
	    ",\"ephemeral_owner\":0}%s\n",
	    children, czxid, czxid, children > 0 ? pzxid : czxid,
	    last ? "" : ",");
}

static int
gendump_text_cmp(const void *a, const void *b)
{
	char x[32], y[32];

	snprintf(x, sizeof x, "%lu", *(const unsigned long *)a);
	snprintf(y, sizeof y, "%lu", *(const unsigned long *)b);
	return strcmp(x, y);
}

/*
 * zxids as zkload creates the cluster: the skeleton, the fixed znodes,
 * then per topic its znode, partitions, each partition and its state, and
 * its config.  Topic t's first zxid, and that of partition p in it:
 */
#define GENDUMP_FIXED 25 /* 17 skeleton + 8 fixed znodes, zxid 1..25 */

static int64_t
gendump_topic_zxid(const struct gendump *g, unsigned long t)
{
	return GENDUMP_FIXED + 1 +
	    (int64_t)t * (3 + 2 * (int64_t)g->partitions);
}

static void
gendump_topic(struct gendump *g, unsigned long t)
{
	char path[96], data[160], *payload;
	int64_t z = gendump_topic_zxid(g, t), pz;
	size_t cap, len;
	unsigned long i, p;
	unsigned b[3];
	int k;

	cap = 128 + g->partitions * 24;
	payload = malloc(cap);
	if (payload == NULL)
		gendump_die("out of memory");
	len = (size_t)snprintf(payload, cap, "{\"partitions\":{");
	for (p = 0; p < g->partitions; p++) {
		for (k = 0; k < 3; k++)
			b[k] = (unsigned)((t + p + (unsigned long)k) % 6 + 1);
		len += (size_t)snprintf(payload + len, cap - len,
		    "%s\"%lu\":[%u,%u,%u]", p == 0 ? "" : ",", p, b[0], b[1],
		    b[2]);
	}
	snprintf(payload + len, cap - len,
	    "},\"topic_id\":\"%s\",\"adding_replicas\":{},"
	    "\"removing_replicas\":{},\"version\":3}",
	    g->ids[t]);
	snprintf(path, sizeof path, "/brokers/topics/t%05lu", t);
	gendump_node(g, path, payload, z, 1, z + 1, 0);
	free(payload);
	pz = z + 2 + 2 * ((int64_t)g->partitions - 1);
	snprintf(path, sizeof path, "/brokers/topics/t%05lu/partitions", t);
	gendump_node(g, path, NULL, z + 1, (int)g->partitions, pz, 0);
	for (i = 0; i < g->partitions; i++) {
		p = g->order[i];
		pz = z + 2 + 2 * (int64_t)p;
		for (k = 0; k < 3; k++)
			b[k] = (unsigned)((t + p + (unsigned long)k) % 6 + 1);
		snprintf(path, sizeof path,
		    "/brokers/topics/t%05lu/partitions/%lu", t, p);
		gendump_node(g, path, NULL, pz, 1, pz + 1, 0);
		snprintf(path, sizeof path,
		    "/brokers/topics/t%05lu/partitions/%lu/state", t, p);
		snprintf(data, sizeof data,
		    "{\"controller_epoch\":1,\"leader\":%u,\"version\":1,"
		    "\"leader_epoch\":0,\"isr\":[%u,%u,%u]}",
		    b[0], b[0], b[1], b[2]);
		gendump_node(g, path, data, pz + 1, 0, 0, 0);
	}
}

static void
gendump_write(struct gendump *g)
{
	static const char broker_config[] =
	    "{\"version\":1,\"config\":{\"log.cleaner.threads\":\"2\"}}";
	char path[96], data[96], cluster[23];
	int64_t last = gendump_topic_zxid(g, g->topics) - 1;
	unsigned long t;
	uint64_t seed = 42;
	int ntopics = (int)g->topics;

	gendump_uuid(&seed, cluster); /* the cluster id comes first */
	g->ids = calloc(g->topics + 1, sizeof *g->ids);
	if (g->ids == NULL)
		gendump_die("out of memory");
	for (t = 0; t < g->topics; t++)
		gendump_uuid(&seed, g->ids[t]);
	fputs("{\"format\":\"zk2kraft-dump\",\"version\":1,\"root\":\"/\","
	      "\"znodes\":[\n",
	    g->fp);
	gendump_node(g, "/", NULL, 0, 10, 21, 0);
	gendump_node(g, "/admin", NULL, 1, 1, 2, 0);
	gendump_node(g, "/admin/delete_topics", NULL, 2, 0, 0, 0);
	gendump_node(g, "/brokers", NULL, 3, 3, 6, 0);
	gendump_node(g, "/brokers/ids", NULL, 4, 0, 0, 0);
	gendump_node(g, "/brokers/seqid", NULL, 5, 0, 0, 0);
	gendump_node(g, "/brokers/topics", NULL, 6, ntopics,
	    gendump_topic_zxid(g, g->topics - 1), 0);
	for (t = 0; t < g->topics; t++)
		gendump_topic(g, t);
	gendump_node(g, "/cluster", NULL, 7, 1, 18, 0);
	snprintf(
	    data, sizeof data, "{\"version\":\"1\",\"id\":\"%s\"}", cluster);
	gendump_node(g, "/cluster/id", data, 18, 0, 0, 0);
	gendump_node(g, "/config", NULL, 8, 6, 14, 0);
	gendump_node(g, "/config/brokers", NULL, 9, 4, 25, 0);
	gendump_node(g, "/config/brokers/1", broker_config, 23, 0, 0, 0);
	gendump_node(g, "/config/brokers/2", broker_config, 24, 0, 0, 0);
	gendump_node(g, "/config/brokers/3", broker_config, 25, 0, 0, 0);
	gendump_node(g, "/config/brokers/<default>",
	    "{\"version\":1,\"config\":{\"log.retention.ms\":\"259200000\"}}",
	    22, 0, 0, 0);
	gendump_node(g, "/config/changes", NULL, 10, 0, 0, 0);
	gendump_node(g, "/config/clients", NULL, 11, 0, 0, 0);
	gendump_node(g, "/config/ips", NULL, 12, 0, 0, 0);
	gendump_node(g, "/config/topics", NULL, 13, ntopics, last, 0);
	for (t = 0; t < g->topics; t++) {
		snprintf(path, sizeof path, "/config/topics/t%05lu", t);
		gendump_node(g, path,
		    "{\"version\":1,\"config\":{\"retention.ms\":\"604800000\"}"
		    "}",
		    gendump_topic_zxid(g, t + 1) - 1, 0, 0, 0);
	}
	gendump_node(g, "/config/users", NULL, 14, 0, 0, 0);
	gendump_node(g, "/consumers", NULL, 15, 0, 0, 0);
	gendump_node(g, "/controller_epoch", "1", 19, 0, 0, 0);
	gendump_node(g, "/feature",
	    "{\"features\":{},\"version\":2,\"status\":1}", 20, 0, 0, 0);
	gendump_node(g, "/isr_change_notification", NULL, 16, 0, 0, 0);
	gendump_node(g, "/latest_producer_id_block",
	    "{\"version\":1,\"broker\":1,\"block_start\":\"0\","
	    "\"block_end\":\"999\"}",
	    21, 0, 0, 0);
	gendump_node(g, "/log_dir_event_notification", NULL, 17, 0, 0, 1);
	fputs("]}\n", g->fp);
	free(g->ids);
}

static void
gendump_usage(void)
{
	fputs("usage: gendump --generate TOPICS:PARTITIONS --dump FILE\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"generate", required_argument, NULL, 'g'},
	    {"dump", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0},
	};
	struct gendump g = {0};
	const char *file = NULL;
	char *end;
	unsigned long p;
	int ch;

	while ((ch = getopt_long(argc, argv, "g:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g':
			errno = 0;
			g.topics = strtoul(optarg, &end, 10);
			if (end == optarg || *end != ':' || errno != 0 ||
			    g.topics == 0 || g.topics > 100000)
				gendump_usage();
			g.partitions = strtoul(end + 1, &end, 10);
			if (*end != '\0' || errno != 0 || g.partitions == 0 ||
			    g.partitions > 100000)
				gendump_usage();
			break;
		case 'o':
			file = optarg;
			break;
		default:
			gendump_usage();
		}
	}
	if (optind != argc || file == NULL || g.topics == 0)
		gendump_usage();
	g.order = calloc(g.partitions, sizeof *g.order);
	if (g.order == NULL)
		gendump_die("out of memory");
	for (p = 0; p < g.partitions; p++)
		g.order[p] = p;
	qsort(g.order, g.partitions, sizeof *g.order, gendump_text_cmp);
	if ((g.fp = fopen(file, "w")) == NULL)
		gendump_die("%s: %s", file, strerror(errno));
	gendump_write(&g);
	if (fclose(g.fp) == EOF)
		gendump_die("%s: %s", file, strerror(errno));
	free(g.order);
	return 0;
}

/*
 * bench/walk: what does zk2kraft's walk cost over the fewest ZooKeeper
 * reads that give the same result?
 *
 *   walk -z HOST:PORT[/chroot] [-n ROUNDS] [-s SERVER-PID] [-w WINDOW]
 *
 * Two baselines, each a minimal pipelined reader written for its job (not
 * a copy of zk2kraft's request pattern), WINDOW requests in flight,
 * results counted and dropped:
 *  - full: the whole tree, as dump -z records it: a get (data and stat)
 *    per znode and a child listing per znode whose stat says it has
 *    children;
 *  - kafka: what the translation reads, as Kafka's migration reads it:
 *    list brokers/topics, get each topic znode, parse its "partitions"
 *    and get each partitions/N/state directly (a missing state is a
 *    NoNode reply); every other znode outside brokers/topics as in full.
 * Each round runs, in turn, the full baseline, zk_read_tree() for dump
 * (session setup, sync, the reads, the tree, the consistency re-check),
 * the kafka baseline and zk_read_tree() for the translation, then
 * model_from_tree() on the latter.  Prints the medians and the ratios
 * walk / baseline, of wall time and of CPU time (this process's and,
 * with -s, the server's: the server does most of the work, and CPU
 * time holds still on a busy machine where wall time does not).
 */
#include "config.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zookeeper/zookeeper.h>

#include "error.h"
#include "model.h"
#include "tree.h"
#include "xmalloc.h"
#include "zk.h"

enum bare_kind { BARE_GET, BARE_LIST, BARE_TOPIC, BARE_STATE };

struct bare {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	zhandle_t *zh;
	struct bare_req **queue;
	size_t qcap, qhead, qtail;
	size_t inflight, window, znodes, requests;
	int failed;
	char *topics; /* <root>/brokers/topics in kafka mode, else NULL */
};

struct bare_req {
	struct bare *b;
	enum bare_kind kind;
	char path[]; /* absolute */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Queue a request for parent/name (name NULL: parent itself). */
static void
bare_push(
    struct bare *b, enum bare_kind kind, const char *parent, const char *name)
{
	size_t pl = strlen(parent), nl = name == NULL ? 0 : strlen(name);
	struct bare_req *r = xmalloc(sizeof *r + pl + nl + 2);

	r->b = b;
	r->kind = kind;
	if (name == NULL)
		memcpy(r->path, parent, pl + 1);
	else if (strcmp(parent, "/") == 0)
		sprintf(r->path, "/%s", name);
	else
		sprintf(r->path, "%s/%s", parent, name);
	if (b->qtail == b->qcap) {
		/* Compact first: the ring only grows when it is full. */
		memmove(b->queue, b->queue + b->qhead,
		    (b->qtail - b->qhead) * sizeof *b->queue);
		b->qtail -= b->qhead;
		b->qhead = 0;
		if (b->qtail == b->qcap) {
			b->qcap = b->qcap == 0 ? 65536 : b->qcap * 2;
			b->queue =
			    xreallocarray(b->queue, b->qcap, sizeof *b->queue);
		}
	}
	b->queue[b->qtail++] = r;
}

static void bare_pump(struct bare *b);

/* A completion's tail: count, send more, wake the waiter; lock held. */
static void
bare_done(struct bare *b, struct bare_req *r)
{
	free(r);
	b->inflight--;
	bare_pump(b);
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

/* Kafka's TopicZNode.decode(): the partition ids are the keys of
 * "partitions"; get each one's state. */
static void
bare_topic(struct bare *b, const char *path, const char *v, int len)
{
	json_t *j, *parts, *val;
	const char *key;
	char *dir;

	if (v == NULL || len <= 0 ||
	    (j = json_loadb(v, (size_t)len, 0, NULL)) == NULL)
		return;
	parts = json_object_get(j, "partitions");
	dir = xasprintf("%s/partitions", path);
	json_object_foreach(parts, key, val)
	{
		char *p = xasprintf("%s/state", key);

		bare_push(b, BARE_STATE, dir, p);
		free(p);
	}
	free(dir);
	json_decref(j);
}

static void
bare_get_done(
    int rc, const char *v, int len, const struct Stat *s, const void *data)
{
	struct bare_req *r = (struct bare_req *)data;
	struct bare *b = r->b;

	pthread_mutex_lock(&b->lock);
	if (rc == ZOK) {
		b->znodes++;
		if (r->kind == BARE_TOPIC)
			bare_topic(b, r->path, v, len);
		else if (r->kind == BARE_GET && s->numChildren > 0)
			bare_push(b, BARE_LIST, r->path, NULL);
	} else if (!(rc == ZNONODE && r->kind == BARE_STATE))
		b->failed = rc;
	bare_done(b, r);
}

static void
bare_list_done(int rc, const struct String_vector *sv, const void *data)
{
	struct bare_req *r = (struct bare_req *)data;
	struct bare *b = r->b;
	enum bare_kind kind = BARE_GET;
	int32_t i;

	pthread_mutex_lock(&b->lock);
	if (b->topics != NULL && strcmp(r->path, b->topics) == 0)
		kind = BARE_TOPIC;
	if (rc != ZOK)
		b->failed = rc;
	else
		for (i = 0; i < sv->count; i++) {
			if (strcmp(r->path, "/") == 0 &&
			    strcmp(sv->data[i], "zookeeper") == 0)
				continue;
			bare_push(b, kind, r->path, sv->data[i]);
		}
	bare_done(b, r);
}

static void
bare_pump(struct bare *b)
{
	struct bare_req *r;

	while (b->inflight < b->window && b->qhead < b->qtail) {
		r = b->queue[b->qhead++];
		if (r->kind == BARE_LIST)
			zoo_aget_children(b->zh, r->path, 0, bare_list_done, r);
		else
			zoo_aget(b->zh, r->path, 0, bare_get_done, r);
		b->inflight++;
		b->requests++;
	}
}

/* One baseline read; the session is already open. */
static int
bare_read(zhandle_t *zh, const char *root, size_t window, bool kafka,
    size_t *znodes, size_t *requests)
{
	struct bare b;

	memset(&b, 0, sizeof b);
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.cond, NULL);
	b.zh = zh;
	b.window = window;
	if (kafka)
		b.topics = xasprintf(
		    "%s/brokers/topics", strcmp(root, "/") == 0 ? "" : root);
	pthread_mutex_lock(&b.lock);
	bare_push(&b, BARE_GET, root, NULL);
	bare_pump(&b);
	while (b.inflight > 0 || b.qhead < b.qtail)
		pthread_cond_wait(&b.cond, &b.lock);
	pthread_mutex_unlock(&b.lock);
	if (b.failed != 0)
		fprintf(stderr, "bench: baseline read: %s\n", zerror(b.failed));
	*znodes = b.znodes;
	*requests = b.requests;
	free(b.queue);
	free(b.topics);
	pthread_cond_destroy(&b.cond);
	pthread_mutex_destroy(&b.lock);
	return b.failed == 0 ? 0 : -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(const double *in, int n)
{
	double v[64];

	memcpy(v, in, (size_t)n * sizeof *v);
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Wall time, this process's CPU time (all its threads: the ZooKeeper
 * client's I/O and completion threads too) and, with -s PID, the server's
 * CPU time from /proc.  The CPU times hold still on a busy machine; the
 * server's is most of the cost of a read.
 */
struct clocks {
	double wall, client, server;
};

static void
clocks_read(long server, struct clocks *c)
{
	struct timespec ts;
	unsigned long ut, st;
	char buf[1024], *p;
	FILE *fp;

	c->wall = now();
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	c->client = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	c->server = 0;
	snprintf(buf, sizeof buf, "/proc/%ld/stat", server);
	if (server <= 0 || (fp = fopen(buf, "r")) == NULL)
		return;
	/* Fields 14 and 15, utime and stime, after the ")" of the name. */
	if (fgets(buf, sizeof buf, fp) != NULL &&
	    (p = strrchr(buf, ')')) != NULL &&
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
		&ut, &st) == 2)
		c->server = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
	fclose(fp);
}

struct figures {
	double wall[64], client[64], server[64];
	size_t znodes, requests;
};

static void
figures_stop(struct figures *f, int round, long server, const struct clocks *a)
{
	struct clocks b;

	clocks_read(server, &b);
	f->wall[round] = b.wall - a->wall;
	f->client[round] = b.client - a->client;
	f->server[round] = b.server - a->server;
}

/* zk_read_tree() once, then (model != NULL) model_from_tree(). */
static int
walk_timed(const struct zk_opts *o, long server, struct figures *f, int round,
    struct figures *model, size_t *ntopics)
{
	struct tree t = {0};
	struct model m = {0};
	struct zk_stats st;
	struct error e = {0};
	struct clocks c;
	int ret = -1;

	clocks_read(server, &c);
	if (zk_read_tree(o, &t, &st, &e) == -1)
		goto out;
	figures_stop(f, round, server, &c);
	f->znodes = t.n;
	f->requests = st.requests;
	if (model != NULL) {
		clocks_read(server, &c);
		if (model_from_tree(&m, &t, t.root, &e) == -1)
			goto out;
		figures_stop(model, round, server, &c);
		*ntopics = m.ntopics;
	}
	ret = 0;
out:
	if (ret == -1)
		fprintf(stderr, "bench: %s\n", e.msg);
	model_free(&m);
	tree_free(&t);
	return ret;
}

static int
bare_timed(zhandle_t *zh, const struct zk_opts *o, bool kafka, long server,
    struct figures *f, int round)
{
	struct clocks c;

	clocks_read(server, &c);
	if (bare_read(zh, o->root, (size_t)o->window, kafka, &f->znodes,
		&f->requests) == -1)
		return -1;
	figures_stop(f, round, server, &c);
	return 0;
}

static void
print_one(const char *what, const char *which, const struct figures *f,
    int rounds, double *wall, double *cpu)
{
	double cl = median(f->client, rounds), sv = median(f->server, rounds);

	*wall = median(f->wall, rounds);
	*cpu = cl + sv;
	printf("%s %-8s %7.3f s wall %7.3f s CPU (client %.3f, server %.3f) "
	       "%7zu requests %7zu znodes\n",
	    what, which, *wall, *cpu, cl, sv, f->requests, f->znodes);
}

static void
print_pair(const char *what, const struct figures *bare,
    const struct figures *walk, int rounds)
{
	double bw, bc, ww, wc;

	print_one(what, "baseline", bare, rounds, &bw, &bc);
	print_one(what, "walk", walk, rounds, &ww, &wc);
	printf("%s walk / baseline: %.3f wall, %.3f CPU\n", what, ww / bw,
	    bc > 0 ? wc / bc : 0.0);
}

/* One round: each baseline, then the walk that gives its result. */
static int
round_run(
    zhandle_t *zh, struct zk_opts *o, long server, int i, struct figures f[5])
{
	size_t ntopics = 0;

	if (bare_timed(zh, o, false, server, &f[0], i) == -1)
		return -1;
	o->full = true;
	if (walk_timed(o, server, &f[1], i, NULL, NULL) == -1)
		return -1;
	if (bare_timed(zh, o, true, server, &f[2], i) == -1)
		return -1;
	o->full = false;
	if (walk_timed(o, server, &f[3], i, &f[4], &ntopics) == -1)
		return -1;
	fprintf(stderr,
	    "round %d: full %.3f / %.3f s, kafka %.3f / %.3f s wall; "
	    "model %.3f s (%zu topics)\n",
	    i + 1, f[0].wall[i], f[1].wall[i], f[2].wall[i], f[3].wall[i],
	    f[4].wall[i], ntopics);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct figures f[5]; /* full, walk, kafka, walk, model */
	struct zk_opts o;
	struct error e = {0};
	char *servers, *root;
	const char *connect = NULL;
	long server = 0;
	int ch, rounds = 5, i;
	zhandle_t *zh;

	zk_opts_init(&o);
	while ((ch = getopt(argc, argv, "z:n:s:w:")) != -1) {
		switch (ch) {
		case 'z':
			connect = optarg;
			break;
		case 'n':
			rounds = atoi(optarg);
			break;
		case 's':
			server = atol(optarg);
			break;
		case 'w':
			o.window = atoi(optarg);
			break;
		default:
			rounds = 0;
			break;
		}
	}
	if (rounds < 1 || rounds > 64 || connect == NULL ||
	    zk_parse_connect(connect, &servers, &root, &e) == -1) {
		fprintf(stderr,
		    "usage: walk -z CONNECT [-n 1..64] [-s PID] "
		    "[-w WINDOW]\n");
		return 2;
	}
	zoo_set_debug_level((ZooLogLevel)0);
	if ((zh = zookeeper_init(servers, NULL, 30000, NULL, NULL, 0)) == NULL)
		return 1;
	while (zoo_state(zh) != ZOO_CONNECTED_STATE)
		usleep(10000);
	o.servers = servers;
	o.root = root;
	/* Untimed: the server's first pass over the tree is its slowest. */
	if (bare_timed(zh, &o, false, server, &f[0], 0) == -1)
		return 1;
	for (i = 0; i < rounds; i++)
		if (round_run(zh, &o, server, i, f) == -1)
			return 1;
	printf("window %d, %d rounds, medians; CPU = client + server%s\n",
	    o.window, rounds, server > 0 ? "" : " (no -s: client only)");
	print_pair("dump -z (full)     ", &f[0], &f[1], rounds);
	print_pair("translation (kafka)", &f[2], &f[3], rounds);
	printf("model_from_tree      %.3f s wall, %.3f s CPU\n",
	    median(f[4].wall, rounds), median(f[4].client, rounds));
	zookeeper_close(zh);
	free(servers);
	free(root);
	return 0;
}

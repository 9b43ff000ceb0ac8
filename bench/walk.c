/*
 * bench/walk: what does zk2kraft's walk cost over the fewest ZooKeeper
 * reads that give the same result?
 *
 *   walk -z HOST:PORT[/chroot] [-n ROUNDS] [-w WINDOW]
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
 * walk / baseline.
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

/* One baseline read, session setup excluded; returns seconds. */
static double
bare_read(zhandle_t *zh, const char *root, size_t window, bool kafka,
    size_t *znodes, size_t *requests)
{
	struct bare b;
	double t0;

	memset(&b, 0, sizeof b);
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.cond, NULL);
	b.zh = zh;
	b.window = window;
	if (kafka)
		b.topics = xasprintf(
		    "%s/brokers/topics", strcmp(root, "/") == 0 ? "" : root);
	t0 = now();
	pthread_mutex_lock(&b.lock);
	bare_push(&b, BARE_GET, root, NULL);
	bare_pump(&b);
	while (b.inflight > 0 || b.qhead < b.qtail)
		pthread_cond_wait(&b.cond, &b.lock);
	pthread_mutex_unlock(&b.lock);
	t0 = now() - t0;
	if (b.failed != 0)
		fprintf(stderr, "bench: baseline read: %s\n", zerror(b.failed));
	*znodes = b.znodes;
	*requests = b.requests;
	free(b.queue);
	free(b.topics);
	pthread_cond_destroy(&b.cond);
	pthread_mutex_destroy(&b.lock);
	return t0;
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

struct figures {
	double secs[64];
	size_t znodes, requests;
};

/* zk_read_tree() once, then (model != NULL) model_from_tree(). */
static int
walk_timed(const struct zk_opts *o, struct figures *f, int round,
    struct figures *model, size_t *ntopics)
{
	struct tree t = {0};
	struct model m = {0};
	struct zk_stats st;
	struct error e = {0};
	double t0 = now();
	int ret = -1;

	if (zk_read_tree(o, &t, &st, &e) == -1)
		goto out;
	f->secs[round] = now() - t0;
	f->znodes = t.n;
	f->requests = st.requests;
	if (model != NULL) {
		t0 = now();
		if (model_from_tree(&m, &t, t.root, &e) == -1)
			goto out;
		model->secs[round] = now() - t0;
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

static void
print_pair(const char *what, const struct figures *bare,
    const struct figures *walk, int rounds)
{
	double b = median(bare->secs, rounds), w = median(walk->secs, rounds);

	printf("%s baseline  %8.3f s  %8zu requests  %8zu znodes\n", what, b,
	    bare->requests, bare->znodes);
	printf("%s walk      %8.3f s  %8zu requests  %8zu znodes\n", what, w,
	    walk->requests, walk->znodes);
	printf("%s walk / baseline  %.3f\n", what, w / b);
}

int
main(int argc, char **argv)
{
	struct zk_opts o;
	struct figures bfull = {0}, wfull = {0}, bkafka = {0}, wkafka = {0};
	struct figures mod = {0};
	struct error e = {0};
	char *servers, *root;
	const char *connect = NULL;
	size_t ntopics = 0;
	int ch, rounds = 5, i;
	zhandle_t *zh;

	zk_opts_init(&o);
	while ((ch = getopt(argc, argv, "z:n:w:")) != -1) {
		switch (ch) {
		case 'z':
			connect = optarg;
			break;
		case 'n':
			rounds = atoi(optarg);
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
		fprintf(
		    stderr, "usage: walk -z CONNECT [-n 1..64] [-w WINDOW]\n");
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
	bare_read(
	    zh, root, (size_t)o.window, false, &bfull.znodes, &bfull.requests);
	for (i = 0; i < rounds; i++) {
		bfull.secs[i] = bare_read(zh, root, (size_t)o.window, false,
		    &bfull.znodes, &bfull.requests);
		if (walk_timed(&o, &wfull, i, NULL, NULL) == -1)
			return 1;
		bkafka.secs[i] = bare_read(zh, root, (size_t)o.window, true,
		    &bkafka.znodes, &bkafka.requests);
		if (walk_timed(&o, &wkafka, i, &mod, &ntopics) == -1)
			return 1;
		fprintf(stderr,
		    "round %d: full %.3f / %.3f s, kafka %.3f / %.3f s, "
		    "model %.3f s (%zu topics)\n",
		    i + 1, bfull.secs[i], wfull.secs[i], bkafka.secs[i],
		    wkafka.secs[i], mod.secs[i], ntopics);
	}
	printf(
	    "window %d, %d rounds, medians of wall time\n", o.window, rounds);
	print_pair("dump -z (full)     ", &bfull, &wfull, rounds);
	print_pair("translation (kafka)", &bkafka, &wkafka, rounds);
	printf("model_from_tree      %.3f s\n", median(mod.secs, rounds));
	zookeeper_close(zh);
	free(servers);
	free(root);
	return 0;
}

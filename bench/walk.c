/*
 * bench/walk: how much does zk2kraft's walk cost over the bare ZooKeeper
 * reads it is made of?
 *
 *   walk -z HOST:PORT[/chroot] [-n ROUNDS] [-w WINDOW]
 *
 * Each round runs, in turn, a minimal pipelined read of the same znodes
 * (the same requests: a get per znode, a getChildren per znode with
 * children, WINDOW in flight, results counted and dropped) and
 * zk_read_tree() (the same reads, plus copying everything into a tree,
 * sorting and indexing it, the consistency re-check and the session
 * setup), then model_from_tree() on the result.  Prints the median of
 * each and the ratio walk / bare.
 */
#include "config.h"

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

struct bare {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	zhandle_t *zh;
	char **queue; /* paths to get, then to list (tagged by kind) */
	int *kind;
	size_t qcap, qhead, qtail;
	size_t inflight, window, znodes;
	int failed;
	bool top_is_root;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bare_push(struct bare *b, char *path, int kind)
{
	if (b->qtail == b->qcap) {
		b->qcap = b->qcap == 0 ? 65536 : b->qcap * 2;
		b->queue = xreallocarray(b->queue, b->qcap, sizeof *b->queue);
		b->kind = xreallocarray(b->kind, b->qcap, sizeof *b->kind);
	}
	b->queue[b->qtail] = path;
	b->kind[b->qtail++] = kind;
}

static void bare_pump(struct bare *b);

static void
bare_get_done(
    int rc, const char *v, int len, const struct Stat *s, const void *data)
{
	char *path = (char *)data;
	struct bare *b;

	(void)v;
	(void)len;
	b = *(struct bare **)(path - sizeof(struct bare *));
	pthread_mutex_lock(&b->lock);
	b->inflight--;
	if (rc != ZOK)
		b->failed = rc;
	else {
		b->znodes++;
		if (s->numChildren > 0)
			bare_push(b, path, 1);
	}
	bare_pump(b);
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

static char *
bare_path(struct bare *b, const char *parent, const char *name)
{
	size_t pl = strlen(parent), nl = strlen(name);
	char *mem = xmalloc(sizeof b + pl + nl + 2), *p;

	memcpy(mem, &b, sizeof b);
	p = mem + sizeof b;
	if (strcmp(parent, "/") == 0)
		sprintf(p, "/%s", name);
	else
		sprintf(p, "%s/%s", parent, name);
	return p;
}

static void
bare_children_done(int rc, const struct String_vector *sv, const void *data)
{
	char *path = (char *)data;
	struct bare *b = *(struct bare **)(path - sizeof(struct bare *));
	int32_t i;

	pthread_mutex_lock(&b->lock);
	b->inflight--;
	if (rc != ZOK)
		b->failed = rc;
	else
		for (i = 0; i < sv->count; i++) {
			if (strcmp(path, "/") == 0 &&
			    strcmp(sv->data[i], "zookeeper") == 0)
				continue;
			bare_push(b, bare_path(b, path, sv->data[i]), 0);
		}
	bare_pump(b);
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

static void
bare_pump(struct bare *b)
{
	char *path;

	while (b->inflight < b->window && b->qhead < b->qtail) {
		path = b->queue[b->qhead];
		if (b->kind[b->qhead++] == 0)
			zoo_aget(b->zh, path, 0, bare_get_done, path);
		else
			zoo_aget_children(
			    b->zh, path, 0, bare_children_done, path);
		b->inflight++;
	}
}

/* The bare read, session setup excluded; returns seconds. */
static double
bare_read(zhandle_t *zh, const char *root, size_t window, size_t *znodes)
{
	struct bare b;
	double t0;
	size_t i;

	memset(&b, 0, sizeof b);
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.cond, NULL);
	b.zh = zh;
	b.window = window;
	t0 = now();
	pthread_mutex_lock(&b.lock);
	bare_push(&b, bare_path(&b, "/", root + 1), 0);
	bare_pump(&b);
	while (b.inflight > 0 || b.qhead < b.qtail)
		pthread_cond_wait(&b.cond, &b.lock);
	pthread_mutex_unlock(&b.lock);
	t0 = now() - t0;
	if (b.failed != 0)
		fprintf(stderr, "bench: bare read: %s\n", zerror(b.failed));
	*znodes = b.znodes;
	/* Each path is queued once as a get, maybe again as a list. */
	for (i = 0; i < b.qtail; i++)
		if (b.kind[i] == 0)
			free(b.queue[i] - sizeof(struct bare *));
	free(b.queue);
	free(b.kind);
	return t0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	struct zk_opts o;
	struct zk_stats st;
	struct error e = {0};
	char *servers, *root;
	const char *connect = NULL;
	double tb[64], tw[64], tm[64], t0;
	size_t nbare = 0;
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
			fprintf(stderr,
			    "usage: walk -z CONNECT [-n ROUNDS] "
			    "[-w WINDOW]\n");
			return 2;
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
	for (i = 0; i < rounds; i++) {
		struct tree t = {0};
		struct model m = {0};

		tb[i] = bare_read(zh, root, (size_t)o.window, &nbare);
		t0 = now();
		if (zk_read_tree(&o, &t, &st, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		tw[i] = now() - t0;
		t0 = now();
		if (model_from_tree(&m, &t, t.root, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		tm[i] = now() - t0;
		fprintf(stderr,
		    "round %d: bare %.3f s (%zu znodes), walk %.3f s (%zu "
		    "znodes, %zu requests), model %.3f s (%zu topics)\n",
		    i + 1, tb[i], nbare, tw[i], st.znodes, st.requests, tm[i],
		    m.ntopics);
		model_free(&m);
		tree_free(&t);
	}
	printf("znodes %zu, window %d, %d rounds (medians)\n", nbare, o.window,
	    rounds);
	printf("bare pipelined read  %.3f s  (%.0f znodes/s)\n",
	    median(tb, rounds), (double)nbare / median(tb, rounds));
	printf("zk2kraft walk        %.3f s  (%.0f znodes/s)\n",
	    median(tw, rounds), (double)nbare / median(tw, rounds));
	printf("walk / bare          %.3f\n",
	    median(tw, rounds) / median(tb, rounds));
	printf("model_from_tree      %.3f s\n", median(tm, rounds));
	zookeeper_close(zh);
	free(servers);
	free(root);
	return 0;
}

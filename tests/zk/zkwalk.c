/*
 * zkwalk: run the live walk with a test hook that changes the tree
 * between the walk and its consistency check, the only way to make "the
 * tree changed during the walk" happen on cue.
 *
 *   zkwalk -z HOST:PORT[/chroot] [-m N] [-w WINDOW]
 *
 * -m N: after each of the first N walks, create a persistent znode under
 * <root>/brokers/topics (as a topic being created would).  Prints
 * "attempts=A znodes=Z" on success, the error on failure (exit 1).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* libzookeeper_mt: THREADED declares the synchronous calls too. */
#define THREADED
#include <zookeeper/zookeeper.h>

#include "error.h"
#include "tree.h"
#include "xmalloc.h"
#include "zk.h"

struct hook {
	zhandle_t *zh;
	const char *root;
	int mutations;
};

static void
hook_between(void *arg, int attempt)
{
	struct hook *h = arg;
	char *path;
	int rc;

	if (attempt > h->mutations)
		return;
	path = xasprintf("%s/brokers/topics/zkwalk-%ld-%d",
	    strcmp(h->root, "/") == 0 ? "" : h->root, (long)getpid(), attempt);
	rc =
	    zoo_create(h->zh, path, NULL, -1, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0);
	if (rc != ZOK) {
		fprintf(stderr, "zkwalk: create %s: %s\n", path, zerror(rc));
		exit(1);
	}
	free(path);
}

static void
hook_notify(
    void *arg, enum zk_event ev, const struct zk_stats *st, const char *msg)
{
	(void)arg;
	(void)st;
	if (ev == ZK_EVENT_REWALK || ev == ZK_EVENT_RECONNECT)
		fprintf(stderr, "zkwalk: %s\n", msg);
}

int
main(int argc, char **argv)
{
	struct zk_opts o;
	struct zk_stats st;
	struct hook h = {0};
	struct tree t = {0};
	struct error e = {0};
	char *servers, *root;
	const char *connect = NULL;
	int ch, ret = 1;

	zk_opts_init(&o);
	while ((ch = getopt(argc, argv, "z:m:w:")) != -1) {
		switch (ch) {
		case 'z':
			connect = optarg;
			break;
		case 'm':
			h.mutations = atoi(optarg);
			break;
		case 'w':
			o.window = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (connect == NULL ||
	    zk_parse_connect(connect, &servers, &root, &e) == -1)
		return 2;
	zoo_set_debug_level((ZooLogLevel)0);
	h.zh = zookeeper_init(servers, NULL, 10000, NULL, NULL, 0);
	if (h.zh == NULL)
		return 1;
	h.root = root;
	o.servers = servers;
	o.root = root;
	o.between = hook_between;
	o.between_arg = &h;
	o.notify = hook_notify;
	if (zk_read_tree(&o, &t, &st, &e) == -1)
		fprintf(stderr, "zkwalk: %s\n", e.msg);
	else {
		printf("attempts=%d znodes=%zu\n", st.attempts, t.n);
		ret = 0;
	}
	tree_free(&t);
	zookeeper_close(h.zh);
	free(servers);
	free(root);
	return ret;
}

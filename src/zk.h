/*
 * The live ZooKeeper reader: one session, a sync, then a pipelined walk of
 * the Kafka subtree into a struct tree.  This is the only file that
 * includes the ZooKeeper client, and it calls no API that writes: no
 * create, set, delete, multi or ACL change (tests/zk-readonly.sh checks
 * the object file's symbols).
 */
#ifndef ZK_H
#define ZK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct error;
struct tree;

#define ZK_SESSION_TIMEOUT_MS 30000
#define ZK_CONNECT_TIMEOUT_MS 15000
#define ZK_WINDOW 512 /* requests in flight */
#define ZK_RETRIES 5  /* reconnections before giving up */
#define ZK_ATTEMPTS 3 /* whole walks when the tree changes under us */

struct zk_stats {
	size_t znodes;    /* znodes read by the last walk */
	size_t requests;  /* read requests sent, all walks */
	int attempts;     /* walks made */
	int reconnects;   /* connection losses survived */
	double seconds;   /* wall time, all walks */
	const char *last; /* last path read; borrowed, valid during callbacks */
};

enum zk_event {
	ZK_EVENT_PROGRESS,  /* about every 250 ms while walking */
	ZK_EVENT_RECONNECT, /* msg says what was lost and what happens next */
	ZK_EVENT_REWALK,    /* msg names the znode that changed */
	ZK_EVENT_DONE,      /* the walk is over (progress lines can end) */
};

struct zk_opts {
	const char *servers; /* "host:port[,host:port...]", no chroot */
	const char *root;    /* the chroot: "/" or "/kafka/prod" */
	int session_timeout_ms;
	int connect_timeout_ms;
	const char *digest; /* "user:password" or NULL; not a file name */
	const char *tls_ca; /* PEM files; only with a TLS-capable client */
	const char *tls_cert;
	const char *tls_key;
	int window;
	int retries;
	int attempts;
	int client_log; /* the ZooKeeper client's own log on stderr: 0 off,
			   1 info, 2 debug */
	bool full;      /* every znode (dump -z); false: what the
			   translation reads (zk_read_tree()) */
	/* Called from the walking thread; may print.  NULL: silent. */
	void (*notify)(void *arg, enum zk_event ev, const struct zk_stats *st,
	    const char *msg);
	void *notify_arg;
	/* Test hook: runs after each walk, before the consistency check. */
	void (*between)(void *arg, int attempt);
	void *between_arg;
};

/* Fill o with the defaults above and root "/". */
void zk_opts_init(struct zk_opts *o);

/*
 * Split a Kafka zookeeper.connect string "h1:p1,h2:p2/chroot" into its
 * server list and chroot ("/" when absent).  Both are caller-freed.
 */
int zk_parse_connect(
    const char *connect, char **servers, char **root, struct error *e);

/* Whether this build's ZooKeeper client can do TLS; SASL likewise. */
bool zk_has_tls(void);
bool zk_has_sasl(void);

/*
 * Read the subtree at o->root into t (zeroed by the caller; on failure
 * it may hold a partial tree, which the caller frees).  The walk is
 * repeated, up to o->attempts times, when the parents Kafka adds to and
 * removes from changed while it ran.  st (may be NULL) gets the figures.
 * When o->root is "/", the server's own /zookeeper subtree is skipped.
 *
 * With o->full, every znode is read.  Without it, the walk reads what the
 * translation needs, as Kafka's migration does: the partition znodes
 * brokers/topics/<t>/partitions/<n> are listed, not read, and only their
 * "state" child is read (a missing state is a NoNode reply).  They are
 * in t with null data and the stat of their parent "partitions", which
 * leaves the tree's zxid range that of the znodes read; their children
 * other than "state" are not in t.
 */
int zk_read_tree(const struct zk_opts *o, struct tree *t, struct zk_stats *st,
    struct error *e);

#endif /* ZK_H */

/*
 * The live ZooKeeper reader.
 *
 * The walk keeps up to o->window asynchronous reads in flight.  Each znode
 * costs one zoo_aget(); only znodes whose stat says they have children get
 * a zoo_aget_children() as well, so the leaves (most of a Kafka tree: the
 * partition states and configs) cost one round trip each.  Completions run
 * on the client's completion thread; they record the result and send the
 * next requests, all under w->lock.  The calling thread waits, prints
 * progress through o->notify, and handles connection loss.
 *
 * Without o->full, a topic's partitions directory is listed and each
 * listed partition gets one request, the zoo_aget() of its state: the
 * partition znode itself, which holds nothing the translation reads, is
 * not read.  That is one request per partition instead of three.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zookeeper/zookeeper.h>

#include "arena.h"
#include "error.h"
#include "tree.h"
#include "xmalloc.h"
#include "zk.h"

enum zk_kind {
	ZK_GET,      /* data and stat */
	ZK_CHILDREN, /* child names */
	ZK_EXISTS,   /* stat, for the consistency check */
	ZK_STATE,    /* a partition's state: NoNode means "no state" */
	ZK_PARTS,    /* child names of brokers/topics/<t>/partitions */
};

struct zk_walk;

struct zk_req {
	struct zk_walk *w;
	const char *path; /* in w->arena */
	enum zk_kind kind;
	size_t check;      /* ZK_EXISTS: index into w->checks */
	struct zstat stat; /* ZK_PARTS: the directory's, as read */
};

struct zk_check {
	const char *path;
	bool existed;      /* in the tree that was walked */
	struct zstat stat; /* as walked */
	bool exists;       /* now */
	struct zstat now;
};

struct zk_walk {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	zhandle_t *zh;
	const struct zk_opts *o;
	int state; /* ZOO_*_STATE from the watcher */

	struct arena arena; /* paths and requests of this walk */
	struct tree *t;
	struct zk_req **queue; /* ring buffer of pending requests */
	size_t qcap, qhead, qlen;
	size_t inflight;

	bool lost; /* a request failed with connection loss */
	int fatal; /* a ZooKeeper error that ends the walk */
	const char *fatal_path;
	const char *changed; /* a znode vanished while walking */
	bool root_missing;
	const char *topics; /* "<root>/brokers/topics/" */
	size_t ntopics;     /* its length */

	struct zk_check *checks;
	size_t nchecks;

	struct zk_stats st;
	double start;
	int cb_rc; /* result of the one-off calls (auth, sync) */
	bool cb_done;
};

static const char *const zk_check_paths[] = {
    "",
    "admin",
    "admin/delete_topics",
    "brokers",
    "brokers/ids",
    "brokers/topics",
    "cluster",
    "config",
    "config/brokers",
    "config/clients",
    "config/ips",
    "config/topics",
    "config/users",
    "delegation_token",
    "delegation_token/tokens",
    "kafka-acl",
    "kafka-acl-extended",
    "kafka-acl-extended/prefixed",
};

void
zk_opts_init(struct zk_opts *o)
{
	memset(o, 0, sizeof *o);
	o->root = "/";
	o->session_timeout_ms = ZK_SESSION_TIMEOUT_MS;
	o->connect_timeout_ms = ZK_CONNECT_TIMEOUT_MS;
	o->window = ZK_WINDOW;
	o->retries = ZK_RETRIES;
	o->attempts = ZK_ATTEMPTS;
}

bool
zk_has_tls(void)
{
#ifdef HAVE_ZOOKEEPER_INIT_SSL
	return true;
#else
	return false;
#endif
}

bool
zk_has_sasl(void)
{
#ifdef HAVE_ZOOKEEPER_INIT_SASL
	return true;
#else
	return false;
#endif
}

int
zk_parse_connect(
    const char *connect, char **servers, char **root, struct error *e)
{
	const char *slash = strchr(connect, '/');
	size_t n = slash == NULL ? strlen(connect) : (size_t)(slash - connect);
	size_t rlen;

	if (n == 0)
		return error_set(e, EXIT_USAGE,
		    "%s: no ZooKeeper server in the connect string", connect);
	*servers = xmalloc(n + 1);
	memcpy(*servers, connect, n);
	(*servers)[n] = '\0';
	if (slash == NULL || strcmp(slash, "/") == 0)
		*root = xstrdup("/");
	else {
		*root = xstrdup(slash);
		rlen = strlen(*root);
		if ((*root)[rlen - 1] == '/' || strstr(*root, "//") != NULL) {
			free(*servers);
			free(*root);
			*servers = *root = NULL;
			return error_set(e, EXIT_USAGE,
			    "%s: the chroot is not a ZooKeeper path", connect);
		}
	}
	return 0;
}

static double
zk_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait on w->cond for at most ms milliseconds; w->lock is held. */
static void
zk_wait(struct zk_walk *w, int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&w->cond, &w->lock, &ts);
}

static void
zk_watcher(zhandle_t *zh, int type, int state, const char *path, void *ctx)
{
	struct zk_walk *w = ctx;

	(void)zh;
	(void)path;
	if (type != ZOO_SESSION_EVENT)
		return;
	pthread_mutex_lock(&w->lock);
	w->state = state;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

static void
zk_stat_copy(struct zstat *dst, const struct Stat *s)
{
	dst->version = s->version;
	dst->cversion = s->cversion;
	dst->czxid = s->czxid;
	dst->mzxid = s->mzxid;
	dst->pzxid = s->pzxid;
	dst->ephemeral_owner = s->ephemeralOwner;
}

static void
zk_push(struct zk_walk *w, struct zk_req *r, bool front)
{
	size_t i;

	if (w->qlen == w->qcap) {
		struct zk_req **q;
		size_t ncap = w->qcap == 0 ? 4096 : w->qcap * 2;

		q = xreallocarray(NULL, ncap, sizeof *q);
		for (i = 0; i < w->qlen; i++)
			q[i] = w->queue[(w->qhead + i) % w->qcap];
		free(w->queue);
		w->queue = q;
		w->qcap = ncap;
		w->qhead = 0;
	}
	if (front) {
		w->qhead = (w->qhead + w->qcap - 1) % w->qcap;
		w->queue[w->qhead] = r;
	} else
		w->queue[(w->qhead + w->qlen) % w->qcap] = r;
	w->qlen++;
}

static struct zk_req *
zk_req_new(struct zk_walk *w, const char *path, enum zk_kind kind)
{
	struct zk_req *r = arena_alloc(&w->arena, sizeof *r);

	r->w = w;
	r->path = path;
	r->kind = kind;
	return r;
}

/* parent + "/" + name in the walk's arena; parent "/" gives "/name". */
static char *
zk_join(struct zk_walk *w, const char *parent, const char *name)
{
	size_t plen = strlen(parent), nlen = strlen(name), off = plen;
	char *path = arena_alloc(&w->arena, plen + nlen + 2);

	memcpy(path, parent, plen);
	if (strcmp(parent, "/") != 0)
		path[off++] = '/';
	memcpy(path + off, name, nlen + 1);
	return path;
}

static void zk_get_done(
    int, const char *, int, const struct Stat *, const void *);
static void zk_children_done(int, const struct String_vector *, const void *);
static void zk_exists_done(int, const struct Stat *, const void *);
static void zk_state_done(
    int, const char *, int, const struct Stat *, const void *);
static void zk_parts_done(int, const struct String_vector *, const void *);

/* Record a failure that ends the walk; w->lock is held. */
static void
zk_fail(struct zk_walk *w, int rc, const char *path)
{
	if (w->fatal == 0) {
		w->fatal = rc;
		w->fatal_path = path;
	}
	pthread_cond_broadcast(&w->cond);
}

/* Send queued requests while the window has room; w->lock is held. */
static void
zk_pump(struct zk_walk *w)
{
	struct zk_req *r;
	int rc;

	while (!w->lost && w->fatal == 0 && w->qlen > 0 &&
	    w->inflight < (size_t)w->o->window) {
		r = w->queue[w->qhead];
		w->qhead = (w->qhead + 1) % w->qcap;
		w->qlen--;
		switch (r->kind) {
		case ZK_GET:
			rc = zoo_aget(w->zh, r->path, 0, zk_get_done, r);
			break;
		case ZK_CHILDREN:
			rc = zoo_aget_children(
			    w->zh, r->path, 0, zk_children_done, r);
			break;
		case ZK_STATE:
			rc = zoo_aget(w->zh, r->path, 0, zk_state_done, r);
			break;
		case ZK_PARTS:
			rc = zoo_aget_children(
			    w->zh, r->path, 0, zk_parts_done, r);
			break;
		default:
			rc = zoo_aexists(w->zh, r->path, 0, zk_exists_done, r);
			break;
		}
		if (rc != ZOK) {
			zk_fail(w, rc, r->path);
			return;
		}
		w->inflight++;
		w->st.requests++;
	}
}

/*
 * Common handling of a completion's rc.  Returns true when the caller
 * should go on with the result; w->lock is held.
 */
static bool
zk_rc_ok(struct zk_walk *w, struct zk_req *r, int rc)
{
	switch (rc) {
	case ZOK:
		return true;
	case ZNONODE:
		return false; /* the caller decides */
	case ZCONNECTIONLOSS:
	case ZOPERATIONTIMEOUT:
		/* Resent once the session is connected again. */
		w->lost = true;
		zk_push(w, r, true);
		pthread_cond_broadcast(&w->cond);
		return false;
	default:
		zk_fail(w, rc, r->path);
		return false;
	}
}

/* The completion's tail: send more, wake the waiter when idle. */
static void
zk_complete(struct zk_walk *w)
{
	w->inflight--;
	zk_pump(w);
	if (w->inflight == 0)
		pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* Add what a get read to the tree; w->lock is held. */
static void
zk_add(struct zk_walk *w, struct zk_req *r, const char *value, int len,
    const struct Stat *s)
{
	struct zstat st;

	zk_stat_copy(&st, s);
	/* len -1: null data, which is not the same as 0 bytes. */
	tree_add(w->t, r->path, len < 0 ? NULL : (const uint8_t *)value,
	    len < 0 ? 0 : (size_t)len, &st);
	w->st.znodes++;
	w->st.last = r->path;
}

/* Whether path is brokers/topics/<t>/partitions and the walk reads only
 * what the translation needs. */
static bool
zk_is_parts(const struct zk_walk *w, const char *path)
{
	const char *slash;

	if (w->o->full || strncmp(path, w->topics, w->ntopics) != 0)
		return false;
	path += w->ntopics;
	slash = strchr(path, '/');
	return slash != NULL && slash != path &&
	    strcmp(slash, "/partitions") == 0;
}

static void
zk_get_done(
    int rc, const char *value, int len, const struct Stat *s, const void *data)
{
	struct zk_req *r = (struct zk_req *)data, *list;
	struct zk_walk *w = r->w;

	pthread_mutex_lock(&w->lock);
	if (zk_rc_ok(w, r, rc)) {
		zk_add(w, r, value, len, s);
		if (s->numChildren > 0) {
			list = zk_req_new(w, r->path,
			    zk_is_parts(w, r->path) ? ZK_PARTS : ZK_CHILDREN);
			zk_stat_copy(&list->stat, s);
			zk_push(w, list, false);
		}
	} else if (rc == ZNONODE) {
		if (strcmp(r->path, w->o->root) == 0)
			w->root_missing = true;
		else if (w->changed == NULL)
			w->changed = r->path;
	}
	zk_complete(w);
}

static void
zk_children_done(int rc, const struct String_vector *sv, const void *data)
{
	struct zk_req *r = (struct zk_req *)data;
	struct zk_walk *w = r->w;
	bool top = strcmp(r->path, "/") == 0;
	int32_t i;

	pthread_mutex_lock(&w->lock);
	if (zk_rc_ok(w, r, rc)) {
		for (i = 0; i < sv->count; i++) {
			/* The server's own subtree is not Kafka's. */
			if (top && strcmp(sv->data[i], "zookeeper") == 0)
				continue;
			zk_push(w,
			    zk_req_new(
				w, zk_join(w, r->path, sv->data[i]), ZK_GET),
			    false);
		}
	} else if (rc == ZNONODE && w->changed == NULL)
		w->changed = r->path;
	zk_complete(w);
}

static void
zk_state_done(
    int rc, const char *value, int len, const struct Stat *s, const void *data)
{
	struct zk_req *r = (struct zk_req *)data;
	struct zk_walk *w = r->w;

	pthread_mutex_lock(&w->lock);
	/* NoNode: the partition has no state, which the model reports. */
	if (zk_rc_ok(w, r, rc))
		zk_add(w, r, value, len, s);
	zk_complete(w);
}

/*
 * The partitions of a topic: each one is in the tree unread, with null
 * data and its directory's stat (which changes neither end of the zxid
 * range), and its state is read.
 */
static void
zk_parts_done(int rc, const struct String_vector *sv, const void *data)
{
	struct zk_req *r = (struct zk_req *)data;
	struct zk_walk *w = r->w;
	const char *path;
	int32_t i;

	pthread_mutex_lock(&w->lock);
	if (zk_rc_ok(w, r, rc)) {
		for (i = 0; i < sv->count; i++) {
			path = zk_join(w, r->path, sv->data[i]);
			tree_add(w->t, path, NULL, 0, &r->stat);
			zk_push(w,
			    zk_req_new(w, zk_join(w, path, "state"), ZK_STATE),
			    false);
		}
	} else if (rc == ZNONODE && w->changed == NULL)
		w->changed = r->path;
	zk_complete(w);
}

static void
zk_exists_done(int rc, const struct Stat *s, const void *data)
{
	struct zk_req *r = (struct zk_req *)data;
	struct zk_walk *w = r->w;
	struct zk_check *c = &w->checks[r->check];

	pthread_mutex_lock(&w->lock);
	if (zk_rc_ok(w, r, rc)) {
		c->exists = true;
		zk_stat_copy(&c->now, s);
	} else if (rc == ZNONODE)
		c->exists = false;
	zk_complete(w);
}

static void
zk_void_done(int rc, const void *data)
{
	struct zk_walk *w = (struct zk_walk *)data;

	pthread_mutex_lock(&w->lock);
	w->cb_rc = rc;
	w->cb_done = true;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

static void
zk_string_done(int rc, const char *value, const void *data)
{
	(void)value;
	zk_void_done(rc, data);
}

static void zk_notify(struct zk_walk *w, enum zk_event ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
zk_notify(struct zk_walk *w, enum zk_event ev, const char *fmt, ...)
{
	char msg[512] = "";
	va_list ap;

	if (w->o->notify == NULL)
		return;
	w->st.seconds = zk_now() - w->start;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
	}
	w->o->notify(w->o->notify_arg, ev, &w->st, msg);
}

/* Wait up to the connect timeout for a connected session; lock held. */
static int
zk_wait_connected(struct zk_walk *w, struct error *e)
{
	double deadline = zk_now() + w->o->connect_timeout_ms / 1000.0;

	for (;;) {
		if (w->state == ZOO_CONNECTED_STATE)
			return 0;
		if (w->state == ZOO_EXPIRED_SESSION_STATE)
			return error_set(e, EXIT_FAIL,
			    "zookeeper %s: session expired after %zu znodes "
			    "were read; the walk cannot resume in a new "
			    "session",
			    w->o->servers, w->st.znodes);
		if (w->state == ZOO_AUTH_FAILED_STATE)
			return error_set(e, EXIT_FAIL,
			    "zookeeper %s: authentication failed",
			    w->o->servers);
		if (zk_now() >= deadline)
			return error_set(e, EXIT_FAIL,
			    "zookeeper %s: cannot connect within %d ms",
			    w->o->servers, w->o->connect_timeout_ms);
		zk_wait(w, 100);
	}
}

/* Run one request-less call (auth, sync) to completion; lock held. */
static int
zk_wait_call(struct zk_walk *w, int rc, const char *what, struct error *e)
{
	double deadline = zk_now() + w->o->session_timeout_ms / 1000.0;

	if (rc != ZOK)
		return error_set(e, EXIT_FAIL, "zookeeper %s: %s: %s",
		    w->o->servers, what, zerror(rc));
	while (!w->cb_done) {
		if (zk_now() >= deadline)
			return error_set(e, EXIT_FAIL,
			    "zookeeper %s: %s: no answer", w->o->servers, what);
		zk_wait(w, 100);
	}
	if (w->cb_rc != ZOK)
		return error_set(e, EXIT_FAIL, "zookeeper %s: %s: %s",
		    w->o->servers, what, zerror(w->cb_rc));
	return 0;
}

static int
zk_fatal_error(struct zk_walk *w, struct error *e)
{
	int rc = w->fatal;

	if (rc == ZNOAUTH)
		return error_set(e, EXIT_FAIL,
		    "znode %s: not allowed to read it (ZooKeeper ACL); "
		    "give the brokers' credentials with --auth-file",
		    w->fatal_path);
	if (rc == ZSESSIONEXPIRED || rc == ZINVALIDSTATE)
		return error_set(e, EXIT_FAIL,
		    "zookeeper %s: session expired after %zu znodes were "
		    "read; the walk cannot resume in a new session",
		    w->o->servers, w->st.znodes);
	return error_set(
	    e, EXIT_FAIL, "znode %s: %s", w->fatal_path, zerror(rc));
}

/*
 * Send what is queued and wait until nothing is in flight, surviving up
 * to o->retries connection losses; lock held.
 */
static int
zk_drain(struct zk_walk *w, double *next_progress, struct error *e)
{
	int backoff_ms;

	zk_pump(w);
	for (;;) {
		if (w->fatal != 0)
			return zk_fatal_error(w, e);
		if (w->inflight == 0 && !w->lost && w->qlen == 0)
			return 0;
		if (w->inflight == 0 && w->lost) {
			if (w->st.reconnects >= w->o->retries)
				return error_set(e, EXIT_FAIL,
				    "zookeeper %s: connection lost after %zu "
				    "znodes (last %s); gave up after %d "
				    "retries",
				    w->o->servers, w->st.znodes,
				    w->st.last != NULL ? w->st.last : "none",
				    w->st.reconnects);
			w->st.reconnects++;
			backoff_ms = 100 << (w->st.reconnects - 1);
			if (backoff_ms > 5000)
				backoff_ms = 5000;
			zk_notify(w, ZK_EVENT_RECONNECT,
			    "zookeeper %s: connection lost after %zu znodes; "
			    "retrying in %d ms (%d of %d)",
			    w->o->servers, w->st.znodes, backoff_ms,
			    w->st.reconnects, w->o->retries);
			zk_wait(w, backoff_ms);
			if (zk_wait_connected(w, e) == -1) {
				if (w->state == ZOO_EXPIRED_SESSION_STATE)
					return -1;
				return error_set(e, EXIT_FAIL,
				    "zookeeper %s: connection lost after %zu "
				    "znodes (last %s); no connection again "
				    "within %d ms",
				    w->o->servers, w->st.znodes,
				    w->st.last != NULL ? w->st.last : "none",
				    w->o->connect_timeout_ms);
			}
			w->lost = false;
			zk_pump(w);
			continue;
		}
		zk_wait(w, 100);
		if (zk_now() >= *next_progress) {
			zk_notify(w, ZK_EVENT_PROGRESS, NULL);
			*next_progress = zk_now() + 0.25;
		}
	}
}

static int
zk_walk_once(struct zk_walk *w, struct tree *t, struct error *e)
{
	double next_progress = zk_now() + 0.25;

	tree_init(t, w->o->root);
	w->t = t;
	w->st.znodes = 0;
	w->st.last = NULL;
	w->changed = NULL;
	w->root_missing = false;
	zk_push(w, zk_req_new(w, w->o->root, ZK_GET), false);
	if (zk_drain(w, &next_progress, e) == -1)
		return -1;
	if (w->root_missing)
		return error_set(e, EXIT_FAIL,
		    "zookeeper %s: znode %s does not exist (is the chroot "
		    "right?)",
		    w->o->servers, w->o->root);
	return tree_finish(t, e);
}

/*
 * Re-read the stat of every parent Kafka adds to or removes from and
 * compare it with the walk; returns the first path that changed, or NULL.
 * Lock held.
 */
static int
zk_recheck(struct zk_walk *w, const struct tree *t, const char **changed,
    struct error *e)
{
	const struct znode *root = tree_find(t, w->o->root), *n, *dir;
	double next_progress = zk_now() + 0.25;
	size_t i, k, ncap;
	struct zk_check *c;
	struct zk_req *r;
	const char *rel;
	static const char *const acl_dirs[] = {
	    "kafka-acl", "kafka-acl-extended/prefixed"};

	ncap = sizeof zk_check_paths / sizeof zk_check_paths[0];
	for (k = 0; k < 2; k++)
		if ((dir = tree_at(t, root, acl_dirs[k])) != NULL)
			ncap += dir->nchildren;
	w->checks = arena_alloc(&w->arena, ncap * sizeof *w->checks);
	w->nchecks = 0;
	for (i = 0; i < sizeof zk_check_paths / sizeof zk_check_paths[0]; i++) {
		rel = zk_check_paths[i];
		c = &w->checks[w->nchecks++];
		c->path =
		    *rel == '\0' ? w->o->root : zk_join(w, w->o->root, rel);
	}
	for (k = 0; k < 2; k++) {
		if ((dir = tree_at(t, root, acl_dirs[k])) == NULL)
			continue;
		for (i = 0; i < dir->nchildren; i++)
			w->checks[w->nchecks++].path =
			    tree_path(t, tree_child_at(t, dir, i), &w->arena);
	}
	for (i = 0; i < w->nchecks; i++) {
		c = &w->checks[i];
		if ((n = tree_find(t, c->path)) != NULL) {
			c->existed = true;
			c->stat = tree_stat(n);
		}
		r = zk_req_new(w, c->path, ZK_EXISTS);
		r->check = i;
		zk_push(w, r, false);
	}
	if (zk_drain(w, &next_progress, e) == -1)
		return -1;
	*changed = NULL;
	for (i = 0; i < w->nchecks && *changed == NULL; i++) {
		c = &w->checks[i];
		if (c->existed != c->exists ||
		    (c->exists &&
			(c->stat.czxid != c->now.czxid ||
			    c->stat.mzxid != c->now.mzxid ||
			    c->stat.pzxid != c->now.pzxid ||
			    c->stat.cversion != c->now.cversion ||
			    c->stat.version != c->now.version)))
			*changed = c->path;
	}
	return 0;
}

static int
zk_connect(struct zk_walk *w, struct error *e)
{
	const struct zk_opts *o = w->o;

	if ((o->tls_ca != NULL || o->tls_cert != NULL || o->tls_key != NULL) &&
	    !zk_has_tls())
		return error_set(e, EXIT_USAGE,
		    "TLS to ZooKeeper: this zk2kraft is linked with a "
		    "ZooKeeper C client built without TLS (zookeeper_init_ssl "
		    "is missing); rebuild it against a client built with "
		    "OpenSSL");
	if (o->client_log >= 2)
		zoo_set_debug_level(ZOO_LOG_LEVEL_DEBUG);
	else if (o->client_log == 1)
		zoo_set_debug_level(ZOO_LOG_LEVEL_INFO);
	else
		zoo_set_debug_level((ZooLogLevel)0);
	errno = 0;
#ifdef HAVE_ZOOKEEPER_INIT_SSL
	if (o->tls_ca != NULL || o->tls_cert != NULL || o->tls_key != NULL) {
		char *cert =
		    xasprintf("%s,%s,%s,", o->tls_ca != NULL ? o->tls_ca : "",
			o->tls_cert != NULL ? o->tls_cert : "",
			o->tls_key != NULL ? o->tls_key : "");

		w->zh = zookeeper_init_ssl(o->servers, cert, zk_watcher,
		    o->session_timeout_ms, NULL, w, 0);
		free(cert);
	} else
#endif
		w->zh = zookeeper_init(
		    o->servers, zk_watcher, o->session_timeout_ms, NULL, w, 0);
	if (w->zh == NULL)
		return error_set(e, EXIT_FAIL, "zookeeper %s: %s", o->servers,
		    errno != 0 ? strerror(errno) : "cannot start a session");
	pthread_mutex_lock(&w->lock);
	if (zk_wait_connected(w, e) == -1)
		goto fail;
	if (o->digest != NULL) {
		w->cb_done = false;
		if (zk_wait_call(w,
			zoo_add_auth(w->zh, "digest", o->digest,
			    (int)strlen(o->digest), zk_void_done, w),
			"digest authentication", e) == -1)
			goto fail;
	}
	/* Start from the leader's state, not a lagging follower's. */
	w->cb_done = false;
	if (zk_wait_call(w, zoo_async(w->zh, o->root, zk_string_done, w),
		"sync", e) == -1)
		goto fail;
	pthread_mutex_unlock(&w->lock);
	return 0;
fail:
	pthread_mutex_unlock(&w->lock);
	return -1;
}

int
zk_read_tree(const struct zk_opts *o, struct tree *t, struct zk_stats *stp,
    struct error *e)
{
	struct zk_walk w;
	const char *changed = NULL;
	int attempt, ret = -1;

	memset(&w, 0, sizeof w);
	w.start = zk_now();
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	w.o = o;
	w.state = ZOO_CONNECTING_STATE;
	w.topics = zk_join(&w, o->root, "brokers/topics/");
	w.ntopics = strlen(w.topics);
	if (zk_connect(&w, e) == -1)
		goto out;
	for (attempt = 1;; attempt++) {
		w.st.attempts = attempt;
		if (attempt > 1) {
			tree_free(t);
			zk_notify(&w, ZK_EVENT_REWALK,
			    "zookeeper %s: znode %s changed during the walk; "
			    "reading the tree again (attempt %d of %d)",
			    o->servers, changed, attempt, o->attempts);
		}
		pthread_mutex_lock(&w.lock);
		if (zk_walk_once(&w, t, e) == -1) {
			pthread_mutex_unlock(&w.lock);
			goto out;
		}
		pthread_mutex_unlock(&w.lock);
		if (o->between != NULL)
			o->between(o->between_arg, attempt);
		pthread_mutex_lock(&w.lock);
		if (w.changed != NULL)
			changed = w.changed;
		else if (zk_recheck(&w, t, &changed, e) == -1) {
			pthread_mutex_unlock(&w.lock);
			goto out;
		}
		pthread_mutex_unlock(&w.lock);
		if (changed == NULL)
			break;
		if (attempt >= o->attempts) {
			error_set(e, EXIT_FAIL,
			    "zookeeper %s: the tree changed during each of %d "
			    "walks (last at %s); stop the brokers and the "
			    "controller, or retry",
			    o->servers, attempt, changed);
			goto out;
		}
		changed = arena_strndup(&w.arena, changed, strlen(changed));
	}
	ret = 0;
out:
	zk_notify(&w, ZK_EVENT_DONE, NULL);
	w.st.seconds = zk_now() - w.start;
	if (w.zh != NULL) {
		/* After a failure, let the requests in flight complete (for a
		 * while) so none is pending inside the client at close. */
		double deadline = zk_now() + 2;

		pthread_mutex_lock(&w.lock);
		while (w.inflight > 0 && zk_now() < deadline)
			zk_wait(&w, 50);
		pthread_mutex_unlock(&w.lock);
		zookeeper_close(w.zh);
	}
	if (stp != NULL) {
		*stp = w.st;
		stp->last = NULL;
	}
	free(w.queue);
	arena_free(&w.arena);
	pthread_cond_destroy(&w.cond);
	pthread_mutex_destroy(&w.lock);
	return ret;
}

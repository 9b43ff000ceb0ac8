/*
 * zkload: a test helper, not part of zk2kraft.  Loads a zk2kraft dump file
 * into a live ZooKeeper server, or generates a large Kafka-like tree for
 * benchmarks.
 *
 *	zkload [-v] -z HOST:PORT [-p PREFIX] [--hold] [--window N] [--multi N]
 *	    [--digest USER:PASS [--protect PATH]...] FILE
 *	zkload [-v] -z HOST:PORT [-p PREFIX] [--window N] [--multi N]
 *	    [--digest USER:PASS [--protect PATH]...]
 *	    --generate TOPICS:PARTITIONS
 *	zkload [-p PREFIX] --generate TOPICS:PARTITIONS --dump FILE
 *
 * The dump is read with jansson here, independently of src/tree.c, so that
 * loading a fixture also checks the dump format (zk2kraft(1), DUMP FORMAT).
 * Znodes are created in the dump's order (sorted by path, so parents
 * first) with pipelined asynchronous calls, at most --window (1000)
 * operations in flight: a ZooKeeper session executes its requests in
 * order, so each create reaches the server before its children's and
 * before the zoo_aset() calls that raise its dataVersion to the dump's.
 * PREFIX is prepended to every path, so that several dumps can share a
 * server.  Ephemeral znodes are created on zkload's own session: they live
 * as long as zkload does, which is what --hold is for (print "ready", then
 * keep the session until stdin reaches EOF or SIGTERM).  --digest adds
 * digest auth to the session; znodes at and below each --protect path
 * (PREFIX applied) then get CREATOR_ALL only, the way Kafka's
 * zookeeper.set.acl treats /config/users.
 *
 * --multi N sends N operations per zoo_amulti() request instead of one
 * call each: four to five times faster, but each multi is one transaction,
 * so its znodes share a czxid and mzxid.  That is unlike any real cluster,
 * so dumps load with single calls unless asked; --generate, which is for
 * benchmarks, defaults to 100.
 *
 * --generate TOPICS:PARTITIONS makes a stopped Kafka 3.9 cluster: the
 * startup znodes, a cluster id, broker configs and TOPICS topics of
 * PARTITIONS partitions (replication factor 3 over 6 brokers), each with a
 * version 3 topic znode, partition states and a topic config.  It prints
 * the number of znodes created.
 *
 * --dump FILE (with --generate, no server) writes the same tree as a
 * canonical dump file instead ("-" is stdout), rooted at PREFIX or "/":
 * what "zk2kraft dump" would write after loading it, except that here
 * every znode has its own zxid, in creation order, and version 0.  It is
 * written here, not with src/tree.c, so that benchmarks can make large
 * dumps without a server and "zk2kraft dump -i" checks the format.
 *
 * FILE "-" is stdin.  -v shows the ZooKeeper client's own log (-vv more).
 * Exit status: 0 done, 1 error (the znode and zerror()), 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
/* libzookeeper_mt: THREADED declares the synchronous calls too. */
#define THREADED
#include <zookeeper/zookeeper.h>

#define ZKLOAD_WINDOW 1000
#define ZKLOAD_TIMEOUT 15    /* seconds to connect */
#define ZKLOAD_SESSION 30000 /* session timeout, ms */
#define ZKLOAD_MULTI 100     /* --generate's default --multi */
#define ZKLOAD_MULTI_MAX 10000
#define ZKLOAD_MULTI_BYTES (512 * 1024) /* far below jute.maxbuffer, 1 MB */

enum zkload_kind {
	ZKLOAD_CREATE,
	ZKLOAD_SET,
};

/* One create or set, as queued. */
struct zkload_op {
	enum zkload_kind kind;
	char *path;      /* kept for the error message */
	char *data;      /* NULL: null data */
	int len;         /* -1 for null data */
	int mode;        /* create: ZOO_PERSISTENT or ZOO_EPHEMERAL */
	bool protect;    /* create: CREATOR_ALL instead of world-open */
	int32_t version; /* set: the expected version, -1 for any */
};

/*
 * One request: a single call, or with --multi a zoo_amulti() of n ops.
 * Freed by its completion.
 */
struct zkload_req {
	size_t n;
	size_t cap;
	size_t bytes; /* of paths and data, to keep a multi small */
	struct zkload_op *ops;
	zoo_op_t *zops;
	zoo_op_result_t *res;
	struct Stat *stats;
	char (*created)[2]; /* create results, truncated: unused */
};

/* What the main thread and the completion thread share, under lock. */
struct zkload {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	zhandle_t *zh;
	int state;     /* ZOO_*_STATE from the last session event */
	int auth;      /* 1 pending, then the digest auth result */
	size_t window; /* operations allowed in flight */
	size_t multi;  /* operations per request */
	size_t inflight;
	size_t created; /* znodes created */
	bool failed;
	char err[1024]; /* the first failure */
	int wake[2];    /* a byte here ends --hold: the session is gone */
	struct zkload_req *pending; /* being filled; main thread only */
};

struct zkload_opts {
	const char *connect;
	char *prefix; /* "" or "/a/b" */
	const char *file;
	const char *digest;
	char **protect; /* with prefix */
	size_t nprotect;
	bool hold;
	bool generate;
	const char *dump; /* --dump FILE: write the generated tree there */
	unsigned long topics;
	unsigned long partitions;
};

/* One znode of a dump file; the strings are borrowed from the JSON. */
struct zkload_node {
	const char *path;
	const char *data; /* NULL: null data */
	int len;          /* -1 for null data */
	int32_t version;
	bool ephemeral;
	uint8_t *bin; /* decoded data_base64, owned */
};

struct zkload_dump {
	json_t *doc;
	const char *root;
	struct zkload_node *nodes;
	size_t n;
};

/* A generated znode kept for --dump: path, then data, in one block. */
struct zkload_gnode {
	char *path;
	const char *data; /* inside the block after path; NULL: null data */
	int64_t czxid;
	int64_t pzxid;
	int32_t cversion;
};

/* The generated tree for --dump, in creation order until sorted. */
static struct {
	struct zkload_gnode *nodes;
	size_t n;
	size_t cap;
} G;

/* A growable string for the generated JSON. */
struct zkload_str {
	char *s;
	size_t len;
	size_t cap;
};

static struct zkload Z = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .cond = PTHREAD_COND_INITIALIZER,
    .window = ZKLOAD_WINDOW,
    .wake = {-1, -1},
};

static volatile sig_atomic_t zkload_stop;

static void zkload_vdie(int, const char *, va_list)
    __attribute__((format(printf, 2, 0), noreturn));
static void zkload_die(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));
static void zkload_bad_arg(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));
static void zkload_str_add(struct zkload_str *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
zkload_usage(void)
{
	fprintf(stderr,
	    "usage: zkload [-v] -z HOST:PORT [-p PREFIX] [--hold] [--window N] "
	    "[--multi N]\n"
	    "              [--digest USER:PASS [--protect PATH]...] FILE\n"
	    "       zkload [-v] -z HOST:PORT [-p PREFIX] [--window N] "
	    "[--multi N]\n"
	    "              [--digest USER:PASS [--protect PATH]...]\n"
	    "              --generate TOPICS:PARTITIONS\n"
	    "       zkload [-p PREFIX] --generate TOPICS:PARTITIONS --dump "
	    "FILE\n");
	exit(2);
}

static void
zkload_vdie(int status, const char *fmt, va_list ap)
{
	fputs("zkload: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	exit(status);
}

/* An error: exit 1. */
static void
zkload_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	zkload_vdie(1, fmt, ap);
	va_end(ap);
}

/* A bad argument: exit 2. */
static void
zkload_bad_arg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	zkload_vdie(2, fmt, ap);
	va_end(ap);
}

static void *
zkload_alloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		zkload_die("out of memory");
	return p;
}

static char *
zkload_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(zkload_alloc(n), s, n);
}

/* a + b as a new string */
static char *
zkload_concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = zkload_alloc(la + lb + 1);

	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

static void
zkload_str_add(struct zkload_str *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s == NULL ? NULL : b->s + b->len,
		    b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			zkload_die("vsnprintf failed");
		if ((size_t)n < b->cap - b->len)
			break;
		b->cap = (b->cap + (size_t)n + 1) * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL)
			zkload_die("out of memory");
	}
	b->len += (size_t)n;
}

/*
 * Strict standard base64 with "=" padding, as the dump writes it.  Returns
 * the decoded length, or -1.  out needs len / 4 * 3 bytes.
 */
static long
zkload_b64_decode(const char *in, size_t len, uint8_t *out)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, j, n = 0;
	uint32_t v;
	int pad, k;
	const char *p;

	if (len % 4 != 0)
		return -1;
	for (i = 0; i < len; i += 4) {
		v = 0;
		pad = 0;
		for (j = 0; j < 4; j++) {
			if (in[i + j] == '=' && i + 4 == len && j >= 2) {
				pad++;
				v <<= 6;
				continue;
			}
			if (pad > 0 || in[i + j] == '\0' ||
			    (p = strchr(alphabet, in[i + j])) == NULL)
				return -1;
			v = v << 6 | (uint32_t)(p - alphabet);
		}
		for (k = 0; k < 3 - pad; k++)
			out[n++] = (uint8_t)(v >> (16 - 8 * k));
	}
	return (long)n;
}

static void
zkload_watcher(zhandle_t *zh, int type, int state, const char *path, void *ctx)
{
	char c = 0;

	(void)zh;
	(void)path;
	(void)ctx;
	if (type != ZOO_SESSION_EVENT)
		return;
	pthread_mutex_lock(&Z.lock);
	Z.state = state;
	pthread_cond_broadcast(&Z.cond);
	pthread_mutex_unlock(&Z.lock);
	if ((state == ZOO_EXPIRED_SESSION_STATE ||
		state == ZOO_AUTH_FAILED_STATE) &&
	    Z.wake[1] != -1) {
		if (write(Z.wake[1], &c, 1) == -1) {
			/* nothing to do: --hold then ends at EOF or SIGTERM */
		}
	}
}

static void
zkload_connect(const char *connect)
{
	struct timespec deadline;
	int rc = 0;

	if ((Z.zh = zookeeper_init(connect, zkload_watcher, ZKLOAD_SESSION,
		 NULL, NULL, 0)) == NULL)
		zkload_die("%s: %s", connect, strerror(errno));
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += ZKLOAD_TIMEOUT;
	pthread_mutex_lock(&Z.lock);
	while (Z.state != ZOO_CONNECTED_STATE &&
	    Z.state != ZOO_EXPIRED_SESSION_STATE &&
	    Z.state != ZOO_AUTH_FAILED_STATE && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&Z.cond, &Z.lock, &deadline);
	pthread_mutex_unlock(&Z.lock);
	if (Z.state != ZOO_CONNECTED_STATE)
		zkload_die(
		    "%s: no session within %d s", connect, ZKLOAD_TIMEOUT);
}

static void
zkload_auth_done(int rc, const void *data)
{
	(void)data;
	pthread_mutex_lock(&Z.lock);
	Z.auth = rc;
	pthread_cond_broadcast(&Z.cond);
	pthread_mutex_unlock(&Z.lock);
}

static void
zkload_add_auth(const char *digest)
{
	int rc;

	if (strchr(digest, ':') == NULL)
		zkload_bad_arg("--digest %s: want USER:PASS", digest);
	Z.auth = 1;
	rc = zoo_add_auth(Z.zh, "digest", digest, (int)strlen(digest),
	    zkload_auth_done, NULL);
	if (rc != ZOK)
		zkload_die("digest auth: %s", zerror(rc));
	pthread_mutex_lock(&Z.lock);
	while (Z.auth == 1)
		pthread_cond_wait(&Z.cond, &Z.lock);
	pthread_mutex_unlock(&Z.lock);
	if (Z.auth != ZOK)
		zkload_die("digest auth: %s", zerror(Z.auth));
}

static struct zkload_req *
zkload_req_new(size_t cap)
{
	struct zkload_req *r = zkload_alloc(sizeof *r);

	r->n = 0;
	r->cap = cap;
	r->bytes = 0;
	r->ops = zkload_alloc(cap * sizeof *r->ops);
	r->zops = zkload_alloc(cap * sizeof *r->zops);
	r->res = zkload_alloc(cap * sizeof *r->res);
	r->stats = zkload_alloc(cap * sizeof *r->stats);
	r->created = zkload_alloc(cap * sizeof *r->created);
	return r;
}

static void
zkload_req_free(struct zkload_req *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->ops[i].path);
		free(r->ops[i].data);
	}
	free(r->ops);
	free(r->zops);
	free(r->res);
	free(r->stats);
	free(r->created);
	free(r);
}

/*
 * Record the outcome of a request and free its slots of the window.  A
 * failed multi reports the op that failed: the ops before it say ZOK and
 * those after it ZRUNTIMEINCONSISTENCY.
 */
static void
zkload_done(struct zkload_req *r, int rc)
{
	const struct zkload_op *op;
	size_t i, failed = 0, created = 0;
	int err = rc;

	if (rc != ZOK && r->n > 1) {
		for (i = 0; i < r->n; i++) {
			if (r->res[i].err != ZOK &&
			    r->res[i].err != ZRUNTIMEINCONSISTENCY) {
				failed = i;
				err = r->res[i].err;
				break;
			}
		}
	}
	for (i = 0; i < r->n; i++)
		if (r->ops[i].kind == ZKLOAD_CREATE)
			created++;
	op = &r->ops[failed];
	pthread_mutex_lock(&Z.lock);
	if (rc != ZOK && !Z.failed) {
		Z.failed = true;
		snprintf(Z.err, sizeof Z.err, "%s %s: %s",
		    op->kind == ZKLOAD_CREATE ? "create" : "set", op->path,
		    zerror(err));
	}
	if (rc == ZOK)
		Z.created += created;
	Z.inflight -= r->n;
	pthread_cond_broadcast(&Z.cond);
	pthread_mutex_unlock(&Z.lock);
	zkload_req_free(r);
}

static void
zkload_create_done(int rc, const char *value, const void *data)
{
	(void)value;
	zkload_done((struct zkload_req *)data, rc);
}

static void
zkload_set_done(int rc, const struct Stat *st, const void *data)
{
	(void)st;
	zkload_done((struct zkload_req *)data, rc);
}

static void
zkload_multi_done(int rc, const void *data)
{
	zkload_done((struct zkload_req *)data, rc);
}

/* Wait for n free slots; false once a request has failed. */
static bool
zkload_begin(size_t n)
{
	bool ok;

	pthread_mutex_lock(&Z.lock);
	while (Z.inflight > 0 && Z.inflight + n > Z.window && !Z.failed)
		pthread_cond_wait(&Z.cond, &Z.lock);
	ok = !Z.failed;
	if (ok)
		Z.inflight += n;
	pthread_mutex_unlock(&Z.lock);
	return ok;
}

static const struct ACL_vector *
zkload_acl(const struct zkload_op *op)
{
	return op->protect ? &ZOO_CREATOR_ALL_ACL : &ZOO_OPEN_ACL_UNSAFE;
}

/*
 * Send the pending request.  The client serializes a request when it is
 * queued, so the data can go at once; the paths stay for the messages.
 */
static bool
zkload_flush(void)
{
	struct zkload_req *r = Z.pending;
	struct zkload_op *op;
	size_t i;
	int rc;

	if (r == NULL || r->n == 0)
		return true;
	Z.pending = NULL;
	if (!zkload_begin(r->n)) {
		zkload_req_free(r);
		return false;
	}
	op = &r->ops[0];
	if (r->n == 1 && op->kind == ZKLOAD_CREATE) {
		rc = zoo_acreate(Z.zh, op->path, op->data, op->len,
		    zkload_acl(op), op->mode, zkload_create_done, r);
	} else if (r->n == 1) {
		rc = zoo_aset(Z.zh, op->path, op->data, op->len, op->version,
		    zkload_set_done, r);
	} else {
		for (i = 0; i < r->n; i++) {
			op = &r->ops[i];
			if (op->kind == ZKLOAD_CREATE)
				zoo_create_op_init(&r->zops[i], op->path,
				    op->data, op->len, zkload_acl(op), op->mode,
				    r->created[i], sizeof r->created[i]);
			else
				zoo_set_op_init(&r->zops[i], op->path, op->data,
				    op->len, op->version, &r->stats[i]);
		}
		rc = zoo_amulti(
		    Z.zh, (int)r->n, r->zops, r->res, zkload_multi_done, r);
	}
	if (rc != ZOK) {
		/* never sent: the completion will not run */
		zkload_done(r, rc);
		return false;
	}
	/* r may be freed by now: touch nothing */
	return true;
}

/* Queue one operation; data (len bytes, NULL for null data) is copied. */
static bool
zkload_queue(enum zkload_kind kind, const char *path, const char *data, int len,
    int mode, bool protect, int32_t version)
{
	struct zkload_req *r = Z.pending;
	struct zkload_op *op;
	size_t bytes = strlen(path) + (data == NULL ? 0 : (size_t)len);

	if (r != NULL &&
	    (r->n == r->cap || r->bytes + bytes > ZKLOAD_MULTI_BYTES)) {
		if (!zkload_flush())
			return false;
		r = NULL;
	}
	if (r == NULL)
		r = Z.pending = zkload_req_new(Z.multi);
	op = &r->ops[r->n++];
	op->kind = kind;
	op->path = zkload_strdup(path);
	op->data = NULL;
	op->len = -1;
	if (data != NULL) {
		op->data = memcpy(zkload_alloc((size_t)len), data, (size_t)len);
		op->len = len;
	}
	op->mode = mode;
	op->protect = protect;
	op->version = version;
	r->bytes += bytes;
	return r->n < r->cap || zkload_flush();
}

/*
 * Queue the creation of path (data NULL: null data) and then `sets`
 * zoo_aset() calls with the same data, each expecting the previous
 * version, so the live dataVersion ends equal to sets.  With create false
 * the znode exists already and the sets expect any version.
 */
static bool
zkload_put(const char *path, const char *data, int len, bool ephemeral,
    bool protect, int32_t sets, bool create)
{
	int32_t i;

	if (create &&
	    !zkload_queue(ZKLOAD_CREATE, path, data, len,
		ephemeral ? ZOO_EPHEMERAL : ZOO_PERSISTENT, protect, -1))
		return false;
	for (i = 0; i < sets; i++)
		if (!zkload_queue(
			ZKLOAD_SET, path, data, len, 0, false, create ? i : -1))
			return false;
	return true;
}

/* Send what is pending, wait until nothing is in flight; die on failure. */
static void
zkload_drain(void)
{
	zkload_flush();
	pthread_mutex_lock(&Z.lock);
	while (Z.inflight > 0)
		pthread_cond_wait(&Z.cond, &Z.lock);
	pthread_mutex_unlock(&Z.lock);
	if (Z.failed)
		zkload_die("%s", Z.err);
}

static bool
zkload_protected(const struct zkload_opts *o, const char *path)
{
	size_t i, n;

	for (i = 0; i < o->nprotect; i++) {
		n = strlen(o->protect[i]);
		if (strncmp(path, o->protect[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '/'))
			return true;
	}
	return false;
}

/*
 * Create every proper ancestor of path that is missing, with null data
 * (synchronously: there are few).
 */
static void
zkload_ancestors(const struct zkload_opts *o, const char *path)
{
	char *p = zkload_strdup(path), *s;
	int rc;

	for (s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		rc = zoo_create(Z.zh, p, NULL, -1,
		    zkload_protected(o, p) ? &ZOO_CREATOR_ALL_ACL
					   : &ZOO_OPEN_ACL_UNSAFE,
		    ZOO_PERSISTENT, NULL, 0);
		if (rc != ZOK && rc != ZNODEEXISTS)
			zkload_die("create %s: %s", p, zerror(rc));
		*s = '/';
	}
	free(p);
}

/* The live path of a dump path: the prefix applied. */
static char *
zkload_live(const struct zkload_opts *o, const char *path)
{
	if (strcmp(path, "/") == 0)
		return zkload_strdup(o->prefix[0] == '\0' ? "/" : o->prefix);
	return zkload_concat(o->prefix, path);
}

static json_int_t
zkload_int(const char *file, const char *path, json_t *z, const char *key,
    json_int_t min, json_int_t max)
{
	json_t *v = json_object_get(z, key);

	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		zkload_die(
		    "%s: %s: \"%s\" is not an integer in %" JSON_INTEGER_FORMAT
		    "..%" JSON_INTEGER_FORMAT,
		    file, path, key, min, max);
	return json_integer_value(v);
}

static bool
zkload_valid_path(const char *p)
{
	size_t n = strlen(p);

	if (p[0] != '/')
		return false;
	if (n == 1)
		return true;
	return p[n - 1] != '/' && strstr(p, "//") == NULL &&
	    strstr(p, "/./") == NULL && strstr(p, "/../") == NULL &&
	    !(n >= 2 && strcmp(p + n - 2, "/.") == 0) &&
	    !(n >= 3 && strcmp(p + n - 3, "/..") == 0);
}

/*
 * Check one znode object of the dump into n.  prev is the previous znode's
 * path (NULL for the first), for the order check.
 */
static void
zkload_check(const char *file, const char *root, json_t *z, const char *prev,
    struct zkload_node *n)
{
	static const char *const keys[] = {"path", "data", "data_base64",
	    "version", "cversion", "czxid", "mzxid", "pzxid", "ephemeral_owner",
	    NULL};
	const char *path, *key;
	json_t *jp, *jd, *jb;
	size_t rlen = strlen(root), len = 0, i;
	void *it;
	long got;

	if (!json_is_object(z))
		zkload_die("%s: a znode is not an object", file);
	jp = json_object_get(z, "path");
	if (!json_is_string(jp))
		zkload_die("%s: a znode has no \"path\" string", file);
	path = json_string_value(jp);
	if (strlen(path) != json_string_length(jp) || !zkload_valid_path(path))
		zkload_die("%s: %s: not a valid znode path", file, path);
	for (it = json_object_iter(z); it != NULL;
	     it = json_object_iter_next(z, it)) {
		key = json_object_iter_key(it);
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (keys[i] == NULL)
			zkload_die(
			    "%s: %s: unknown key \"%s\"", file, path, key);
	}
	if (prev == NULL && strcmp(path, root) != 0)
		zkload_die("%s: the first znode is %s, not the root %s", file,
		    path, root);
	if (prev != NULL && strcmp(prev, path) >= 0)
		zkload_die("%s: %s: not sorted (after %s)", file, path, prev);
	if (prev != NULL && strcmp(root, "/") != 0 &&
	    (strncmp(path, root, rlen) != 0 || path[rlen] != '/'))
		zkload_die("%s: %s: outside the root %s", file, path, root);
	n->path = path;
	n->data = NULL;
	n->bin = NULL;
	n->len = -1;

	jd = json_object_get(z, "data");
	jb = json_object_get(z, "data_base64");
	if ((jd == NULL) == (jb == NULL))
		zkload_die("%s: %s: want one of \"data\" and \"data_base64\"",
		    file, path);
	if (jd != NULL && json_is_string(jd)) {
		n->data = json_string_value(jd);
		len = json_string_length(jd);
	} else if (jd != NULL && !json_is_null(jd)) {
		zkload_die("%s: %s: \"data\" is neither a string nor null",
		    file, path);
	} else if (jb != NULL) {
		if (!json_is_string(jb))
			zkload_die("%s: %s: \"data_base64\" is not a string",
			    file, path);
		len = json_string_length(jb);
		n->bin = zkload_alloc(len / 4 * 3);
		got = zkload_b64_decode(json_string_value(jb), len, n->bin);
		if (got < 0)
			zkload_die("%s: %s: bad base64", file, path);
		len = (size_t)got;
		n->data = (const char *)n->bin;
	}
	if (n->data != NULL && len > INT_MAX)
		zkload_die("%s: %s: data too long", file, path);
	if (n->data != NULL)
		n->len = (int)len;
	n->version =
	    (int32_t)zkload_int(file, path, z, "version", 0, INT32_MAX);
	zkload_int(file, path, z, "cversion", 0, INT32_MAX);
	zkload_int(file, path, z, "czxid", 0, INT64_MAX);
	zkload_int(file, path, z, "mzxid", 0, INT64_MAX);
	zkload_int(file, path, z, "pzxid", 0, INT64_MAX);
	n->ephemeral = zkload_int(file, path, z, "ephemeral_owner", INT64_MIN,
			   INT64_MAX) != 0;
}

/*
 * Read and check the whole dump before anything is sent, so that a bad
 * file leaves the server untouched.
 */
static void
zkload_read(const char *file, struct zkload_dump *d)
{
	const char *prev = NULL;
	json_t *v, *znodes;
	json_error_t err;
	size_t i;
	int flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL;

	if (strcmp(file, "-") == 0)
		d->doc = json_loadf(stdin, flags, &err);
	else
		d->doc = json_load_file(file, flags, &err);
	if (d->doc == NULL && err.line < 1) /* e.g. the file cannot be read */
		zkload_die("%s: %s", file, err.text);
	if (d->doc == NULL)
		zkload_die(
		    "%s:%d:%d: %s", file, err.line, err.column, err.text);
	v = json_object_get(d->doc, "format");
	if (!json_is_string(v) ||
	    strcmp(json_string_value(v), "zk2kraft-dump") != 0)
		zkload_die("%s: not a zk2kraft dump (\"format\")", file);
	v = json_object_get(d->doc, "version");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		zkload_die("%s: dump version is not 1", file);
	v = json_object_get(d->doc, "root");
	if (!json_is_string(v) || !zkload_valid_path(json_string_value(v)))
		zkload_die("%s: \"root\" is not a znode path", file);
	d->root = json_string_value(v);
	znodes = json_object_get(d->doc, "znodes");
	if (!json_is_array(znodes) || json_array_size(znodes) == 0)
		zkload_die("%s: \"znodes\" is not a non-empty array", file);
	if (json_object_size(d->doc) != 4)
		zkload_die("%s: unknown keys at the top level", file);

	d->n = json_array_size(znodes);
	d->nodes = zkload_alloc(d->n * sizeof *d->nodes);
	for (i = 0; i < d->n; i++) {
		zkload_check(file, d->root, json_array_get(znodes, i), prev,
		    &d->nodes[i]);
		prev = d->nodes[i].path;
	}
}

/* Queue every znode of the dump, the prefix applied, and wait. */
static void
zkload_load(const struct zkload_opts *o, const struct zkload_dump *d)
{
	const struct zkload_node *n;
	char *live;
	size_t i;
	bool ok = true;

	for (i = 0; ok && i < d->n; i++) {
		n = &d->nodes[i];
		live = zkload_live(o, n->path);
		if (i == 0)
			zkload_ancestors(o, live);
		if (strcmp(live, "/") == 0) /* exists already: data only */
			ok = n->data == NULL ||
			    zkload_put(
				live, n->data, n->len, false, false, 1, false);
		else
			ok = zkload_put(live, n->data, n->len, n->ephemeral,
			    zkload_protected(o, live), n->version, true);
		free(live);
	}
	zkload_drain();
}

static void
zkload_dump_free(struct zkload_dump *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->nodes[i].bin);
	free(d->nodes);
	json_decref(d->doc);
}

/* splitmix64: deterministic "random" topic ids for --generate. */
static uint64_t
zkload_mix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A Kafka Uuid as text: 22 characters of unpadded base64url. */
static void
zkload_uuid(uint64_t *seed, char out[23])
{
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint8_t b[18] = {0}; /* 16 bytes and zeros to a multiple of 3 */
	char text[24];
	uint64_t hi, lo;
	int i, j;

	do {
		hi = zkload_mix(seed);
		lo = zkload_mix(seed);
	} while ((hi >> 58) == 62); /* Kafka never issues a leading '-' */
	for (i = 0; i < 8; i++) {
		b[i] = (uint8_t)(hi >> (56 - 8 * i));
		b[8 + i] = (uint8_t)(lo >> (56 - 8 * i));
	}
	for (i = 0, j = 0; i < 18; i += 3) {
		uint32_t v =
		    (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];

		text[j++] = b64url[v >> 18 & 63];
		text[j++] = b64url[v >> 12 & 63];
		text[j++] = b64url[v >> 6 & 63];
		text[j++] = b64url[v & 63];
	}
	memcpy(out, text, 22); /* the last two stand for the zeros */
	out[22] = '\0';
}

/* Keep one generated znode for --dump; its zxid is its creation order. */
static void
zkload_keep(const char *path, const char *data)
{
	size_t lp = strlen(path) + 1, ld = data == NULL ? 0 : strlen(data) + 1;
	struct zkload_gnode *g;

	if (G.n == G.cap) {
		G.cap = G.cap == 0 ? 1024 : G.cap * 2;
		G.nodes = realloc(G.nodes, G.cap * sizeof *G.nodes);
		if (G.nodes == NULL)
			zkload_die("out of memory");
	}
	g = &G.nodes[G.n++];
	g->path = zkload_alloc(lp + ld);
	memcpy(g->path, path, lp);
	g->data = data == NULL ? NULL : memcpy(g->path + lp, data, ld);
	g->czxid = (int64_t)G.n + 1;
	g->pzxid = g->czxid;
	g->cversion = 0;
}

/* Queue one generated znode; path is relative to the prefix. */
static bool
zkload_gen(const struct zkload_opts *o, const char *path, const char *data)
{
	char *live = zkload_concat(o->prefix, path);
	bool ok;

	if (o->dump != NULL) {
		zkload_keep(live, data);
		free(live);
		return true;
	}
	ok = zkload_put(live, data, data == NULL ? -1 : (int)strlen(data),
	    false, zkload_protected(o, live), 0, true);
	free(live);
	return ok;
}

/*
 * A stopped Kafka 3.9 cluster of six brokers: the startup znodes, configs
 * for three brokers, and topics t00000... with the given partition count,
 * replication factor 3, each with a state and a one-key config.
 */
static void
zkload_generate(const struct zkload_opts *o)
{
	static const char *const skeleton[] = {"/admin", "/admin/delete_topics",
	    "/brokers", "/brokers/ids", "/brokers/seqid", "/brokers/topics",
	    "/cluster", "/config", "/config/brokers", "/config/changes",
	    "/config/clients", "/config/ips", "/config/topics", "/config/users",
	    "/consumers", "/isr_change_notification",
	    "/log_dir_event_notification", NULL};
	struct zkload_str path = {0}, data = {0};
	uint64_t seed = 42;
	unsigned long t, p;
	unsigned b[3];
	char id[23];
	size_t i;
	bool ok = true;

	if (o->dump != NULL)
		zkload_keep(o->prefix[0] == '\0' ? "/" : o->prefix, NULL);
	else if (o->prefix[0] != '\0') {
		zkload_ancestors(o, o->prefix);
		ok = zkload_put(o->prefix, NULL, -1, false, false, 0, true);
	}
	for (i = 0; ok && skeleton[i] != NULL; i++)
		ok = zkload_gen(o, skeleton[i], NULL);
	zkload_uuid(&seed, id);
	data.len = 0;
	zkload_str_add(&data, "{\"version\":\"1\",\"id\":\"%s\"}", id);
	ok = ok && zkload_gen(o, "/cluster/id", data.s);
	ok = ok && zkload_gen(o, "/controller_epoch", "1");
	ok = ok &&
	    zkload_gen(
		o, "/feature", "{\"features\":{},\"version\":2,\"status\":1}");
	ok = ok &&
	    zkload_gen(o, "/latest_producer_id_block",
		"{\"version\":1,\"broker\":1,\"block_start\":\"0\","
		"\"block_end\":\"999\"}");
	ok = ok &&
	    zkload_gen(o, "/config/brokers/<default>",
		"{\"version\":1,\"config\":{\"log.retention.ms\":"
		"\"259200000\"}}");
	for (i = 1; ok && i <= 3; i++) {
		path.len = 0;
		zkload_str_add(&path, "/config/brokers/%zu", i);
		ok = zkload_gen(o, path.s,
		    "{\"version\":1,\"config\":{\"log.cleaner.threads\":\"2\"}"
		    "}");
	}
	for (t = 0; ok && t < o->topics; t++) {
		zkload_uuid(&seed, id);
		data.len = 0;
		zkload_str_add(&data, "{\"partitions\":{");
		for (p = 0; p < o->partitions; p++) {
			for (i = 0; i < 3; i++)
				b[i] = (unsigned)((t + p + i) % 6 + 1);
			zkload_str_add(&data, "%s\"%lu\":[%u,%u,%u]",
			    p == 0 ? "" : ",", p, b[0], b[1], b[2]);
		}
		zkload_str_add(&data,
		    "},\"topic_id\":\"%s\",\"adding_replicas\":{},"
		    "\"removing_replicas\":{},\"version\":3}",
		    id);
		path.len = 0;
		zkload_str_add(&path, "/brokers/topics/t%05lu", t);
		ok = zkload_gen(o, path.s, data.s);
		path.len = 0;
		zkload_str_add(&path, "/brokers/topics/t%05lu/partitions", t);
		ok = ok && zkload_gen(o, path.s, NULL);
		for (p = 0; ok && p < o->partitions; p++) {
			for (i = 0; i < 3; i++)
				b[i] = (unsigned)((t + p + i) % 6 + 1);
			path.len = 0;
			zkload_str_add(&path,
			    "/brokers/topics/t%05lu/partitions/%lu", t, p);
			ok = zkload_gen(o, path.s, NULL);
			zkload_str_add(&path, "/state");
			data.len = 0;
			zkload_str_add(&data,
			    "{\"controller_epoch\":1,\"leader\":%u,"
			    "\"version\":1,\"leader_epoch\":0,"
			    "\"isr\":[%u,%u,%u]}",
			    b[0], b[0], b[1], b[2]);
			ok = ok && zkload_gen(o, path.s, data.s);
		}
		path.len = 0;
		zkload_str_add(&path, "/config/topics/t%05lu", t);
		ok = ok &&
		    zkload_gen(o, path.s,
			"{\"version\":1,\"config\":{\"retention.ms\":"
			"\"604800000\"}}");
	}
	free(path.s);
	free(data.s);
	if (o->dump != NULL)
		return;
	zkload_drain();
	printf("%zu\n", Z.created);
}

static int
zkload_gnode_cmp(const void *a, const void *b)
{
	const struct zkload_gnode *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* A JSON string, escaped as the dump format says: '"', '\\', controls. */
static void
zkload_put_json(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(fp, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

/*
 * Sort the generated znodes by path, give each parent its children's
 * count and last zxid, and write them as a canonical dump.
 */
static void
zkload_write_dump(const struct zkload_opts *o)
{
	static char slash_path[] = "/";
	const char *root = o->prefix[0] == '\0' ? "/" : o->prefix;
	struct zkload_gnode key, *g, *parent;
	FILE *fp = stdout;
	char *slash;
	size_t i;

	qsort(G.nodes, G.n, sizeof *G.nodes, zkload_gnode_cmp);
	for (i = 0; i < G.n; i++) {
		g = &G.nodes[i];
		if (strcmp(g->path, root) == 0)
			continue;
		slash = strrchr(g->path, '/');
		key.path = slash == g->path ? slash_path : g->path;
		*slash = '\0';
		parent = bsearch(
		    &key, G.nodes, i, sizeof *G.nodes, zkload_gnode_cmp);
		*slash = '/';
		if (parent == NULL)
			zkload_die("%s: no parent generated", g->path);
		parent->cversion++;
		if (g->czxid > parent->pzxid)
			parent->pzxid = g->czxid;
	}
	if (strcmp(o->dump, "-") != 0 && (fp = fopen(o->dump, "w")) == NULL)
		zkload_die("%s: %s", o->dump, strerror(errno));
	fputs("{\"format\":\"zk2kraft-dump\",\"version\":1,\"root\":", fp);
	zkload_put_json(fp, root);
	fputs(",\"znodes\":[\n", fp);
	for (i = 0; i < G.n; i++) {
		g = &G.nodes[i];
		fputs("{\"path\":", fp);
		zkload_put_json(fp, g->path);
		fputs(",\"data\":", fp);
		if (g->data == NULL)
			fputs("null", fp);
		else
			zkload_put_json(fp, g->data);
		fprintf(fp,
		    ",\"version\":0,\"cversion\":%" PRId32 ",\"czxid\":%" PRId64
		    ",\"mzxid\":%" PRId64 ",\"pzxid\":%" PRId64
		    ",\"ephemeral_owner\":0}%s\n",
		    g->cversion, g->czxid, g->czxid, g->pzxid,
		    i + 1 < G.n ? "," : "");
		free(g->path);
	}
	fputs("]}\n", fp);
	free(G.nodes);
	if (ferror(fp) || (fp == stdout ? fflush(fp) : fclose(fp)) == EOF)
		zkload_die("%s: %s", o->dump, strerror(errno));
}

static void
zkload_on_signal(int sig)
{
	(void)sig;
	zkload_stop = 1;
}

/*
 * Keep the session until stdin reaches EOF, SIGTERM (SIGINT, SIGHUP)
 * arrives or the session expires.  The client's threads block these
 * signals (see main), so they reach this thread; they stay blocked here
 * except inside pselect(), so none is lost between the check and the wait.
 */
static void
zkload_hold(void)
{
	struct sigaction sa;
	sigset_t block, unblocked;
	char buf[512];
	fd_set fds;
	ssize_t n;
	int max;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = zkload_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &unblocked);
	printf("ready\n");
	if (fflush(stdout) == EOF)
		zkload_die("stdout: %s", strerror(errno));
	max = Z.wake[0] > STDIN_FILENO ? Z.wake[0] : STDIN_FILENO;
	while (!zkload_stop) {
		FD_ZERO(&fds);
		FD_SET(STDIN_FILENO, &fds);
		FD_SET(Z.wake[0], &fds);
		if (pselect(max + 1, &fds, NULL, NULL, NULL, &unblocked) ==
		    -1) {
			if (errno == EINTR)
				continue;
			zkload_die("select: %s", strerror(errno));
		}
		if (FD_ISSET(Z.wake[0], &fds))
			zkload_die("session lost: %s", zerror(ZSESSIONEXPIRED));
		if (FD_ISSET(STDIN_FILENO, &fds)) {
			n = read(STDIN_FILENO, buf, sizeof buf);
			if (n == 0 || (n == -1 && errno != EINTR))
				break;
		}
	}
}

static void
zkload_parse_prefix(struct zkload_opts *o, const char *arg)
{
	size_t n = strlen(arg);

	if (arg[0] != '/' || !zkload_valid_path(arg))
		zkload_bad_arg("-p %s: not an absolute znode path", arg);
	o->prefix = zkload_strdup(n == 1 ? "" : arg);
}

static void
zkload_parse_generate(struct zkload_opts *o, const char *arg)
{
	char *end;

	errno = 0;
	o->topics = strtoul(arg, &end, 10);
	if (end == arg || *end != ':' || errno != 0 || o->topics > 99999)
		zkload_bad_arg("--generate %s: want TOPICS:PARTITIONS", arg);
	arg = end + 1;
	o->partitions = strtoul(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || o->partitions == 0 ||
	    o->partitions > 100000)
		zkload_bad_arg("--generate %s: want TOPICS:PARTITIONS", arg);
	o->generate = true;
}

/*
 * The command line into o, paths under --protect made absolute with the
 * prefix (-p may come after them); exits on a usage error.  Returns the
 * number of -v.
 */
static int
zkload_parse(struct zkload_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"hold", no_argument, NULL, 'H'},
	    {"digest", required_argument, NULL, 'D'},
	    {"protect", required_argument, NULL, 'P'},
	    {"generate", required_argument, NULL, 'G'},
	    {"dump", required_argument, NULL, 'O'},
	    {"window", required_argument, NULL, 'w'},
	    {"multi", required_argument, NULL, 'm'},
	    {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	const char **protect = NULL;
	size_t i;
	char *end;
	int ch, verbose = 0;

	if ((protect = calloc((size_t)argc, sizeof *protect)) == NULL)
		zkload_die("out of memory");
	o->prefix = zkload_strdup("");
	while (
	    (ch = getopt_long(argc, argv, "p:vw:z:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'z':
			o->connect = optarg;
			break;
		case 'p':
			free(o->prefix);
			zkload_parse_prefix(o, optarg);
			break;
		case 'H':
			o->hold = true;
			break;
		case 'D':
			o->digest = optarg;
			break;
		case 'P':
			if (optarg[0] != '/' || !zkload_valid_path(optarg))
				zkload_bad_arg(
				    "--protect %s: not a znode path", optarg);
			protect[o->nprotect++] = optarg;
			break;
		case 'G':
			zkload_parse_generate(o, optarg);
			break;
		case 'O':
			o->dump = optarg;
			break;
		case 'w':
			Z.window = strtoul(optarg, &end, 10);
			if (*end != '\0' || Z.window == 0)
				zkload_usage();
			break;
		case 'm':
			Z.multi = strtoul(optarg, &end, 10);
			if (*end != '\0' || Z.multi == 0 ||
			    Z.multi > ZKLOAD_MULTI_MAX)
				zkload_usage();
			break;
		case 'v':
			verbose++;
			break;
		default:
			zkload_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (o->dump != NULL &&
	    (!o->generate || o->connect != NULL || o->hold ||
		o->digest != NULL || argc != 0))
		zkload_bad_arg("--dump FILE goes with --generate alone");
	if ((o->connect == NULL && o->dump == NULL) ||
	    argc != (o->generate ? 0 : 1))
		zkload_usage();
	if (Z.multi == 0)
		Z.multi = o->generate ? ZKLOAD_MULTI : 1;
	if (o->nprotect > 0 && o->digest == NULL)
		zkload_bad_arg("--protect needs --digest (CREATOR_ALL is the "
			       "creator's auth)");
	o->file = o->generate ? NULL : argv[0];
	if (o->hold && o->file != NULL && strcmp(o->file, "-") == 0)
		zkload_bad_arg("--hold waits for EOF on stdin: the dump "
			       "cannot come from there");
	if ((o->protect = calloc(o->nprotect + 1, sizeof *o->protect)) == NULL)
		zkload_die("out of memory");
	for (i = 0; i < o->nprotect; i++)
		o->protect[i] = strcmp(protect[i], "/") == 0
		    ? zkload_strdup(o->prefix[0] == '\0' ? "/" : o->prefix)
		    : zkload_concat(o->prefix, protect[i]);
	free(protect);
	return verbose;
}

int
main(int argc, char **argv)
{
	struct zkload_opts o = {0};
	struct zkload_dump dump = {0};
	sigset_t block, saved;
	size_t i;
	int verbose;

	verbose = zkload_parse(&o, argc, argv);
	if (o.dump != NULL) {
		zkload_generate(&o);
		zkload_write_dump(&o);
		free(o.protect);
		free(o.prefix);
		return 0;
	}
	if (!o.generate)
		zkload_read(o.file, &dump);
	if (pipe(Z.wake) == -1)
		zkload_die("pipe: %s", strerror(errno));

	/*
	 * The client's threads inherit a mask blocking the stop signals, so
	 * these always reach the main thread: by default they end zkload;
	 * under --hold they end the hold.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &saved);
	/* The client's own log only with -v: it retries noisily. */
	if (verbose > 0)
		zoo_set_debug_level(
		    verbose > 1 ? ZOO_LOG_LEVEL_DEBUG : ZOO_LOG_LEVEL_WARN);
	else
		zoo_set_debug_level((ZooLogLevel)0);
	zkload_connect(o.connect);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (o.digest != NULL)
		zkload_add_auth(o.digest);
	if (o.generate)
		zkload_generate(&o);
	else
		zkload_load(&o, &dump);
	if (o.hold)
		zkload_hold();
	zookeeper_close(Z.zh);
	zkload_dump_free(&dump);

	for (i = 0; i < o.nprotect; i++)
		free(o.protect[i]);
	free(o.protect);
	free(o.prefix);
	return 0;
}

/*
 * Reading metadata from a live ensemble or a dump file, with the options
 * both share.  Part of the command layer: it reports progress, reconnects
 * and -v notes through log.h.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "argnum.h"
#include "fsio.h"
#include "log.h"
#include "source.h"
#include "tree.h"
#include "xmalloc.h"

void
source_init(struct source_opts *so)
{
	memset(so, 0, sizeof *so);
	zk_opts_init(&so->zk);
}

void
source_free(struct source_opts *so)
{
	free(so->servers);
	free(so->root);
	if (so->digest != NULL) {
		explicit_bzero(so->digest, strlen(so->digest));
		free(so->digest);
	}
	so->servers = so->root = so->digest = NULL;
}

/* An int option within [min, max]. */
static int
source_number(const char *name, const char *arg, int64_t min, int64_t max,
    int *out, struct error *e)
{
	int64_t v;

	if (argnum_parse(name, arg, min, max, &v, e) == -1)
		return -1;
	*out = (int)v;
	return 0;
}

int
source_option(struct source_opts *so, enum source_opt opt, const char *arg,
    struct error *e)
{
	switch (opt) {
	case SOURCE_OPT_ZOOKEEPER:
		so->connect = arg;
		break;
	case SOURCE_OPT_INPUT:
		so->input = arg;
		break;
	case SOURCE_OPT_CHROOT:
		if (arg[0] != '/')
			return error_set(e, EXIT_USAGE,
			    "--chroot: %s: not an absolute ZooKeeper path",
			    arg);
		so->chroot = arg;
		break;
	case SOURCE_OPT_SESSION_TIMEOUT:
		return source_number("session-timeout", arg, 1000, 3600000,
		    &so->zk.session_timeout_ms, e);
	case SOURCE_OPT_CONNECT_TIMEOUT:
		return source_number("connect-timeout", arg, 100, 3600000,
		    &so->zk.connect_timeout_ms, e);
	case SOURCE_OPT_AUTH_FILE:
		so->auth_file = arg;
		break;
	case SOURCE_OPT_TLS_CA:
	case SOURCE_OPT_TLS_CERT:
	case SOURCE_OPT_TLS_KEY:
		if (!zk_has_tls())
			return error_set(e, EXIT_USAGE,
			    "TLS to ZooKeeper is not available: this zk2kraft "
			    "is linked with a ZooKeeper C client built "
			    "without TLS support (no zookeeper_init_ssl); "
			    "rebuild it against a client built with OpenSSL");
		if (opt == SOURCE_OPT_TLS_CA)
			so->zk.tls_ca = arg;
		else if (opt == SOURCE_OPT_TLS_CERT)
			so->zk.tls_cert = arg;
		else
			so->zk.tls_key = arg;
		break;
	case SOURCE_OPT_SASL_MECHANISM:
		if (!zk_has_sasl())
			return error_set(e, EXIT_USAGE,
			    "SASL to ZooKeeper is not available: this "
			    "zk2kraft is linked with a ZooKeeper C client "
			    "built without SASL support (no "
			    "zookeeper_init_sasl); use --auth-file with a "
			    "digest user, or rebuild against a client built "
			    "with Cyrus SASL");
		return error_set(e, EXIT_USAGE,
		    "--zk-sasl-mechanism: SASL sessions are not implemented "
		    "yet; use --auth-file with a digest user");
	case SOURCE_OPT_WINDOW:
		return source_number(
		    "window", arg, 1, 65536, &so->zk.window, e);
	case SOURCE_OPT_RETRIES:
		return source_number(
		    "retries", arg, 0, 100, &so->zk.retries, e);
	}
	return 0;
}

/* The auth file's first line, "user:password". */
static int
source_read_auth(struct source_opts *so, struct error *e)
{
	struct fsio_secret sec;
	int ret;

	ret = fsio_read_secret(so->auth_file, "a password", true, &sec, e);
	if (sec.warning[0] != '\0')
		log_warnx("%s", sec.warning);
	if (ret == -1)
		return -1;
	while (sec.len > 0 && sec.s[sec.len - 1] == '\r')
		sec.s[--sec.len] = '\0';
	if (strchr(sec.s, ':') == NULL || sec.s[0] == ':') {
		explicit_bzero(sec.s, sec.len);
		free(sec.s);
		return error_set(e, EXIT_FAIL,
		    "%s: expected \"user:password\" on the first line",
		    so->auth_file);
	}
	so->digest = sec.s;
	return 0;
}

static void
source_notify(
    void *arg, enum zk_event ev, const struct zk_stats *st, const char *msg)
{
	(void)arg;
	switch (ev) {
	case ZK_EVENT_PROGRESS:
		log_progress("read %zu znodes, %.0f/s, %.1f s", st->znodes,
		    st->seconds > 0 ? (double)st->znodes / st->seconds : 0.0,
		    st->seconds);
		return;
	case ZK_EVENT_RECONNECT:
	case ZK_EVENT_REWALK:
		log_warnx("%s", msg);
		return;
	case ZK_EVENT_DONE:
		log_progress_done();
		return;
	}
}

static int
source_read_live(struct source_opts *so, struct tree *t, struct error *e)
{
	if (zk_parse_connect(so->connect, &so->servers, &so->root, e) == -1)
		return -1;
	if (so->chroot != NULL) {
		if (strcmp(so->root, "/") != 0 &&
		    strcmp(so->root, so->chroot) != 0)
			return error_set(e, EXIT_USAGE,
			    "--chroot %s contradicts the connect string's "
			    "chroot %s",
			    so->chroot, so->root);
		free(so->root);
		so->root = xstrdup(so->chroot);
	}
	if (so->auth_file != NULL && source_read_auth(so, e) == -1)
		return -1;
	so->zk.servers = so->servers;
	so->zk.root = so->root;
	so->zk.digest = so->digest;
	so->zk.notify = source_notify;
	/* -vv shows the ZooKeeper client's log, -vvv its debug log. */
	so->zk.client_log = log_verbosity >= 2 ? log_verbosity - 1 : 0;
	if (zk_read_tree(&so->zk, t, &so->stats, e) == -1)
		return -1;
	log_info(1,
	    "read %zu znodes from %s%s in %.2f s (%zu requests, %d walks, "
	    "%d reconnects)",
	    so->stats.znodes, so->servers,
	    strcmp(so->root, "/") == 0 ? "" : so->root, so->stats.seconds,
	    so->stats.requests, so->stats.attempts, so->stats.reconnects);
	return 0;
}

static int
source_read_dump(struct source_opts *so, struct tree *t, struct error *e)
{
	struct tree all = {0};
	int ret;

	if (so->chroot == NULL) {
		if (tree_load(t, so->input, e) == -1)
			return -1;
		so->root = xstrdup(t->root);
		return 0;
	}
	if (tree_load(&all, so->input, e) == -1) {
		tree_free(&all);
		return -1;
	}
	ret = tree_subtree(t, &all, so->chroot, e);
	tree_free(&all);
	if (ret == -1)
		return error_prefix(e, so->input);
	so->root = xstrdup(so->chroot);
	return 0;
}

int
source_read(struct source_opts *so, struct tree *t, struct error *e)
{
	if ((so->connect == NULL) == (so->input == NULL))
		return error_set(e, EXIT_USAGE,
		    "give exactly one source: -z CONNECT or -i DUMP");
	if (so->input != NULL &&
	    (so->auth_file != NULL || so->zk.tls_ca != NULL ||
		so->zk.tls_cert != NULL || so->zk.tls_key != NULL))
		return error_set(e, EXIT_USAGE,
		    "--auth-file and --zk-tls-* apply to -z, not to a dump");
	if (so->connect != NULL)
		return source_read_live(so, t, e);
	return source_read_dump(so, t, e);
}

const char *
source_kind(const struct source_opts *so)
{
	return so->input != NULL ? "dump" : "zookeeper";
}

const char *
source_label(const struct source_opts *so)
{
	return so->input != NULL ? so->input : so->connect;
}

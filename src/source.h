/*
 * Where metadata comes from: a live ensemble (-z) or a dump file (-i).
 * The options are shared by every command that reads metadata (dump, and
 * later dry-run, export and verify), so they parse and read alike.  This
 * is part of the command layer: it prints progress and warnings.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <getopt.h>
#include <stdbool.h>

#include "zk.h"

struct error;
struct tree;

/* getopt_long codes for the long-only options. */
enum {
	SOURCE_OPT_CHROOT = 0x100,
	SOURCE_OPT_SESSION_TIMEOUT,
	SOURCE_OPT_CONNECT_TIMEOUT,
	SOURCE_OPT_AUTH_FILE,
	SOURCE_OPT_TLS_CA,
	SOURCE_OPT_TLS_CERT,
	SOURCE_OPT_TLS_KEY,
	SOURCE_OPT_SASL_MECHANISM,
	SOURCE_OPT_WINDOW,
	SOURCE_OPT_RETRIES,
	SOURCE_OPT_LAST
};

/* Short options: "z:i:"; the long ones, to splice into a command's table. */
#define SOURCE_SHORTOPTS "z:i:"
#define SOURCE_LONGOPTS                                                        \
	{"zookeeper", required_argument, NULL, 'z'},                           \
	    {"input", required_argument, NULL, 'i'},                           \
	    {"chroot", required_argument, NULL, SOURCE_OPT_CHROOT},            \
	    {"session-timeout", required_argument, NULL,                       \
		SOURCE_OPT_SESSION_TIMEOUT},                                   \
	    {"connect-timeout", required_argument, NULL,                       \
		SOURCE_OPT_CONNECT_TIMEOUT},                                   \
	    {"auth-file", required_argument, NULL, SOURCE_OPT_AUTH_FILE},      \
	    {"zk-tls-ca", required_argument, NULL, SOURCE_OPT_TLS_CA},         \
	    {"zk-tls-cert", required_argument, NULL, SOURCE_OPT_TLS_CERT},     \
	    {"zk-tls-key", required_argument, NULL, SOURCE_OPT_TLS_KEY},       \
	    {"zk-sasl-mechanism", required_argument, NULL,                     \
		SOURCE_OPT_SASL_MECHANISM},                                    \
	    {"window", required_argument, NULL, SOURCE_OPT_WINDOW},            \
	{                                                                      \
		"retries", required_argument, NULL, SOURCE_OPT_RETRIES         \
	}

/* The synopsis fragment for usage lines. */
#define SOURCE_USAGE "(-z CONNECT | -i DUMP) [--chroot PATH]"

struct source_opts {
	const char *connect; /* -z */
	const char *input;   /* -i */
	const char *chroot;  /* --chroot */
	const char *auth_file;
	const char *sasl_mechanism;
	struct zk_opts zk; /* servers and root are filled by source_read() */
	char *servers;     /* owned; from the connect string */
	char *root;        /* owned; the Kafka root that was read */
	char *digest;      /* owned; the auth file's "user:password" */
	struct zk_stats stats; /* of a live read */
};

/* Defaults. */
void source_init(struct source_opts *so);

/*
 * Handle one getopt_long result: returns 1 when ch was a source option
 * (consumed), 0 when it is not one, -1 on a bad argument (e filled,
 * status EXIT_USAGE).
 */
int source_option(
    struct source_opts *so, int ch, const char *arg, struct error *e);

/*
 * Read the tree: live (a session, a sync, the walk) or from the dump.
 * t must be zeroed; on success its root is the Kafka root, the chroot.
 * On failure t may hold a partial tree, which the caller frees.
 */
int source_read(struct source_opts *so, struct tree *t, struct error *e);

/* Free what source_read() allocated. */
void source_free(struct source_opts *so);

/* For reports: "zookeeper" (-z) or "dump" (-i). */
const char *source_kind(const struct source_opts *so);

/* A label for reports: the servers and chroot, or the dump file. */
const char *source_label(const struct source_opts *so);

#endif /* SOURCE_H */

/*
 * Where metadata comes from: a live ensemble (-z) or a dump file (-i).
 * The options are shared by every command that reads metadata (dump,
 * dry-run, export and verify), so they parse and read alike.  It prints
 * progress and warnings to stderr.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stdbool.h>

#include "zk.h"

struct error;
struct tree;

/* The source options; the command line spells them (cmd.c). */
enum source_opt {
	SOURCE_OPT_ZOOKEEPER, /* -z CONNECT */
	SOURCE_OPT_INPUT,     /* -i DUMP */
	SOURCE_OPT_CHROOT,
	SOURCE_OPT_SESSION_TIMEOUT,
	SOURCE_OPT_CONNECT_TIMEOUT,
	SOURCE_OPT_AUTH_FILE,
	SOURCE_OPT_TLS_CA,
	SOURCE_OPT_TLS_CERT,
	SOURCE_OPT_TLS_KEY,
	SOURCE_OPT_SASL_MECHANISM,
	SOURCE_OPT_WINDOW,
	SOURCE_OPT_RETRIES,
};

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
 * Take option opt with its argument (borrowed: it must outlive so, as
 * argv does).  Returns 0, or -1 on a bad argument (e filled, status
 * EXIT_USAGE).
 */
int source_option(struct source_opts *so, enum source_opt opt, const char *arg,
    struct error *e);

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

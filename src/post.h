/*
 * The --post options shared by dry-run, export and verify, and sending the
 * JSON report with them.  It warns on stderr.
 *
 * Ownership: struct post_opts owns the header strings, some read from
 * files (post_free() wipes and releases them); the URL and the CA file
 * name are borrowed from argv.
 */
#ifndef POST_H
#define POST_H

#include <stdbool.h>

#include "error.h"
#include "http.h"

/* The --post options; the command line spells them (cmd.c). */
enum post_opt {
	POST_OPT_URL, /* --post URL */
	POST_OPT_HEADER,
	POST_OPT_CA,
	POST_OPT_TIMEOUT,
	POST_OPT_RETRIES,
	POST_OPT_OPTIONAL,
};

struct post_opts {
	struct http_opts http; /* http.headers is owned; url, ca_file not */
	bool optional;         /* a failed post is a warning, not exit 1 */
	bool other;   /* a --post-* option other than --post was given */
	char **owned; /* the header strings (wiped when freed) */
	size_t nowned;
};

/* Defaults: 10 s to connect, 30 s in all, 3 retries from 500 ms. */
void post_init(struct post_opts *po);

/*
 * Like source_option(): 0, or -1 on a bad argument (e filled).  A
 * --post-header value "@FILE" is read here, so a missing file fails before
 * any work is done: e->status is EXIT_USAGE for a bad argument and
 * EXIT_FAIL for a file that cannot be read.  The --post and --post-ca
 * arguments must outlive po (argv does).
 */
int post_option(
    struct post_opts *po, enum post_opt opt, const char *arg, struct error *e);

/* After the options: -1 with e (EXIT_USAGE) when a --post-* option came
 * without --post. */
int post_check(const struct post_opts *po, struct error *e);

/*
 * When --post was given, send the JSON report (json, len bytes); retries
 * are shown as warnings.  Returns 0 on success or when nothing was to be
 * sent; on failure logs the error and returns EXIT_FAIL, or only warns
 * and returns 0 with --post-optional.
 */
int post_report(const struct post_opts *po, const char *json, size_t len);

void post_free(struct post_opts *po);

#endif /* POST_H */

/*
 * Posting a report over HTTP(S) with libcurl: the only file that includes
 * curl.  Used by --post on dry-run, export and verify.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct http_opts {
	const char *url;      /* http:// or https://, borrowed */
	const char **headers; /* "Name: value", borrowed */
	size_t nheaders;
	const char *ca_file; /* CA bundle, or NULL for the system's */
	long connect_timeout_ms;
	long timeout_ms;     /* each attempt, from connect to the answer */
	int retries;         /* extra attempts on 5xx and connection errors */
	long retry_delay_ms; /* before the first retry; doubles, <= 30 s */
	/*
	 * Called before each retry with a one-line message ("URL: what
	 * went wrong; retry 1 of 3 in 500 ms"), so that the command layer
	 * can show it; may be NULL.
	 */
	void (*notify)(void *arg, const char *msg);
	void *notify_arg;
};

/*
 * Check a URL before any work is done: it must start with http:// or
 * https:// and be one libcurl can parse.  Returns 0, or -1 with e
 * (EXIT_USAGE) set to "URL: why".
 */
int http_url_check(const char *url, struct error *e);

/*
 * POST len bytes of body with Content-Type: application/json.  TLS peers
 * are always verified; redirects are not followed (a 3xx fails).  A 2xx
 * answer is success; 5xx answers and connection errors (refused,
 * unresolved, reset, or a timeout before the connection is made) are
 * retried up to o->retries times with backoff; any other answer or error
 * fails at once.  The answer's body is read (at most 1 MiB) and
 * discarded; the first 200 bytes of a failed answer's, made printable,
 * end the message.  Returns 0, or -1 with e (EXIT_FAIL) set to
 * "URL: what went wrong" (the HTTP status, or curl's error text), where
 * a user:password in the URL is shown as "***".
 */
int http_post_json(
    const struct http_opts *o, const char *body, size_t len, struct error *e);

#endif /* HTTP_H */

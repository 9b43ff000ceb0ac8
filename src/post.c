/*
 * The --post options and sending the JSON report with them (see post.h).
 * Part of the command layer, like source.c: it warns.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "argnum.h"
#include "fsio.h"
#include "log.h"
#include "post.h"
#include "xmalloc.h"

static void
post_notify(void *arg, const char *msg)
{
	(void)arg;
	log_warnx("%s", msg);
}

void
post_init(struct post_opts *po)
{
	memset(po, 0, sizeof *po);
	po->http.connect_timeout_ms = 10000;
	po->http.timeout_ms = 30000;
	po->http.retries = 3;
	po->http.retry_delay_ms = 500;
	po->http.notify = post_notify;
}

void
post_free(struct post_opts *po)
{
	size_t i;

	for (i = 0; i < po->nowned; i++) {
		explicit_bzero(po->owned[i], strlen(po->owned[i]));
		free(po->owned[i]);
	}
	free(po->owned);
	free(po->http.headers);
	po->owned = NULL;
	po->nowned = 0;
	po->http.headers = NULL;
	po->http.nheaders = 0;
}

/* An RFC 9110 token character, as header names are made of. */
static bool
post_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A header value: no control characters but tabs, so nothing can end the
 * header early and start another. */
static bool
post_value_ok(const char *v)
{
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return false;
	return true;
}

static void
post_add_header(struct post_opts *po, const char *h, bool owned)
{
	po->http.headers = xreallocarray(
	    po->http.headers, po->http.nheaders + 1, sizeof *po->http.headers);
	po->http.headers[po->http.nheaders++] = h;
	if (owned) {
		po->owned =
		    xreallocarray(po->owned, po->nowned + 1, sizeof *po->owned);
		po->owned[po->nowned++] = (char *)h;
	}
}

/* The first line of path, without its line break: a token, say. */
static int
post_read_value(const char *path, char **out, struct error *e)
{
	struct fsio_secret sec;
	int ret;

	ret = fsio_read_secret(path, "an HTTP header value", true, &sec, e);
	if (sec.warning[0] != '\0')
		log_warnx("%s", sec.warning);
	if (ret == -1)
		return error_prefix(e, "--post-header");
	if (sec.len == 0)
		ret = error_set(e, EXIT_FAIL,
		    "--post-header: %s: the first line is empty", path);
	else if (sec.len != strlen(sec.s) || !post_value_ok(sec.s))
		ret = error_set(e, EXIT_FAIL,
		    "--post-header: %s: the first line holds control "
		    "characters",
		    path);
	if (ret == -1) {
		explicit_bzero(sec.s, sec.len);
		free(sec.s);
		return -1;
	}
	*out = sec.s;
	return 0;
}

/*
 * "Name: value", "Name: @FILE" (the value is FILE's first line) or
 * "Name: @@value" (the value is "@value").  The argument is not repeated
 * in messages: it may hold a token.
 */
static int
post_header(struct post_opts *po, const char *arg, struct error *e)
{
	const char *colon = strchr(arg, ':'), *v, *p;
	char *value = NULL;
	int namelen;

	if (colon == NULL || colon == arg)
		return error_set(
		    e, EXIT_USAGE, "--post-header: expected \"Name: value\"");
	namelen = (int)(colon - arg);
	for (p = arg; p < colon; p++)
		if (!post_tchar((unsigned char)*p))
			return error_set(e, EXIT_USAGE,
			    "--post-header: %.*s: not a header name", namelen,
			    arg);
	if ((namelen == 12 && strncasecmp(arg, "Content-Type", 12) == 0) ||
	    (namelen == 14 && strncasecmp(arg, "Content-Length", 14) == 0))
		return error_set(e, EXIT_USAGE,
		    "--post-header: %.*s: set by %s itself", namelen, arg,
		    PACKAGE);
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		continue;
	if (v[0] == '@' && v[1] != '@') {
		if (v[1] == '\0')
			return error_set(e, EXIT_USAGE,
			    "--post-header: %.*s: @ needs a file name "
			    "(write @@ for a literal @)",
			    namelen, arg);
		if (post_read_value(v + 1, &value, e) == -1)
			return -1;
		post_add_header(
		    po, xasprintf("%.*s: %s", namelen, arg, value), true);
		explicit_bzero(value, strlen(value));
		free(value);
		return 0;
	}
	if (v[0] == '@')
		v++; /* "@@": a literal '@' */
	if (*v == '\0')
		return error_set(e, EXIT_USAGE,
		    "--post-header: %.*s: the value is empty", namelen, arg);
	if (!post_value_ok(v))
		return error_set(e, EXIT_USAGE,
		    "--post-header: %.*s: the value holds control characters",
		    namelen, arg);
	post_add_header(po, xasprintf("%.*s: %s", namelen, arg, v), true);
	return 0;
}

int
post_option(
    struct post_opts *po, enum post_opt opt, const char *arg, struct error *e)
{
	int64_t v;

	if (opt != POST_OPT_URL)
		po->other = true;
	switch (opt) {
	case POST_OPT_URL:
		if (http_url_check(arg, e) == -1)
			return error_prefix(e, "--post");
		po->http.url = arg;
		break;
	case POST_OPT_HEADER:
		return post_header(po, arg, e);
	case POST_OPT_CA:
		if (access(arg, R_OK) == -1)
			return error_set(e, EXIT_FAIL, "--post-ca: %s: %s", arg,
			    strerror(errno));
		po->http.ca_file = arg;
		break;
	case POST_OPT_TIMEOUT:
		if (argnum_parse("post-timeout", arg, 100, 3600000, &v, e) ==
		    -1)
			return -1;
		po->http.timeout_ms = v;
		break;
	case POST_OPT_RETRIES:
		if (argnum_parse("post-retries", arg, 0, 10, &v, e) == -1)
			return -1;
		po->http.retries = (int)v;
		break;
	case POST_OPT_OPTIONAL:
		po->optional = true;
		break;
	}
	return 0;
}

int
post_check(const struct post_opts *po, struct error *e)
{
	if (po->other && po->http.url == NULL)
		return error_set(e, EXIT_USAGE, "--post-* options need --post");
	return 0;
}

int
post_report(const struct post_opts *po, const char *json, size_t len)
{
	struct error e = {0};

	if (po->http.url == NULL)
		return 0;
	if (http_post_json(&po->http, json, len, &e) == -1) {
		if (po->optional) {
			log_warnx("%s (--post-optional: the report was not "
				  "posted)",
			    e.msg);
			return 0;
		}
		log_error("%s", e.msg);
		return EXIT_FAIL;
	}
	log_info(1, "posted the report (%zu bytes)", len);
	return 0;
}

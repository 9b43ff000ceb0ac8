/*
 * POSTing a JSON report with libcurl (see http.h).  The only file that
 * includes <curl/curl.h>; it prints nothing, retries report through
 * http_opts.notify.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "http.h"
#include "xmalloc.h"

#define HTTP_SNIPPET 200            /* bytes of a failed answer kept */
#define HTTP_BODY_MAX (1024 * 1024) /* bytes of any answer read */
#define HTTP_DELAY_MAX_MS 30000     /* the longest wait between tries */
#define HTTP_STATUS_MAX 128         /* bytes of the status line kept */

/* What one attempt got back. */
struct http_answer {
	char snippet[HTTP_SNIPPET];
	size_t snippetlen;
	size_t total;                 /* body bytes read */
	bool truncated;               /* reading stopped at HTTP_BODY_MAX */
	char status[HTTP_STATUS_MAX]; /* the last status line, printable */
};

/* Once per process: curl_global_init() is not to be called per request. */
static int
http_global_init(void)
{
	static bool done;
	static CURLcode rc;

	if (!done) {
		rc = curl_global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
	return rc == CURLE_OK ? 0 : -1;
}

/*
 * Copy len bytes of s into dst (size dstsize) as printable ASCII: tabs and
 * line breaks become spaces, other bytes '?'; leading and trailing spaces
 * are dropped.
 */
static void
http_printable(char *dst, size_t dstsize, const char *s, size_t len)
{
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len && n + 1 < dstsize; i++) {
		c = (unsigned char)s[i];
		if (c == '\t' || c == '\r' || c == '\n')
			c = ' ';
		else if (c < 0x20 || c > 0x7e)
			c = '?';
		if (c == ' ' && n == 0)
			continue;
		dst[n++] = (char)c;
	}
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

/* The URL for messages, with any user:password replaced by "***". */
static char *
http_shown_url(const char *url)
{
	const char *auth, *at;
	size_t hostlen;

	if ((auth = strstr(url, "://")) == NULL)
		return xstrdup(url);
	auth += 3;
	hostlen = strcspn(auth, "/?#");
	for (at = auth + hostlen; at > auth && at[-1] != '@'; at--)
		continue;
	if (at == auth)
		return xstrdup(url);
	return xasprintf("%.*s***@%s", (int)(auth - url), url, at);
}

int
http_url_check(const char *url, struct error *e)
{
	CURLU *u = NULL;
	CURLUcode uc;
	char *shown = http_shown_url(url);
	int ret = -1;

	if ((strncasecmp(url, "http://", 7) != 0 || url[7] == '\0') &&
	    (strncasecmp(url, "https://", 8) != 0 || url[8] == '\0')) {
		error_set(e, EXIT_USAGE,
		    "%s: expected an http:// or https:// URL", shown);
		goto out;
	}
	if ((u = curl_url()) == NULL)
		fatalx("curl_url: out of memory");
	if ((uc = curl_url_set(u, CURLUPART_URL, url, 0)) != CURLUE_OK) {
		error_set(
		    e, EXIT_USAGE, "%s: %s", shown, curl_url_strerror(uc));
		goto out;
	}
	ret = 0;
out:
	curl_url_cleanup(u);
	free(shown);
	return ret;
}

/* Keep the first bytes of the body for a message; read no more than
 * HTTP_BODY_MAX (returning short stops the transfer). */
static size_t
http_write(char *p, size_t size, size_t n, void *arg)
{
	struct http_answer *a = arg;
	size_t len = size * n, keep;

	if (a->snippetlen < sizeof a->snippet) {
		keep = sizeof a->snippet - a->snippetlen;
		if (keep > len)
			keep = len;
		memcpy(a->snippet + a->snippetlen, p, keep);
		a->snippetlen += keep;
	}
	if (len > HTTP_BODY_MAX - a->total) {
		a->truncated = true;
		return 0;
	}
	a->total += len;
	return len;
}

/* Keep the status line ("HTTP/1.1 503 Service Unavailable"); the last
 * one wins over interim 1xx answers. */
static size_t
http_header(char *p, size_t size, size_t n, void *arg)
{
	struct http_answer *a = arg;
	size_t len = size * n;

	if (len > 5 && strncmp(p, "HTTP/", 5) == 0)
		http_printable(a->status, sizeof a->status, p, len);
	return len;
}

/*
 * Connection errors, where no answer came: worth another attempt.  A
 * timeout only before the request was sent: after it, the server may be
 * working on it, and the time allowed is spent.
 */
static bool
http_retryable(CURL *c, CURLcode rc)
{
	long sent = 0;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return true;
	case CURLE_OPERATION_TIMEDOUT:
		(void)curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
		return sent == 0;
	default:
		return false;
	}
}

/* "HTTP 503 Service Unavailable: <body>" from what came back. */
static void
http_describe_answer(
    char *dst, size_t dstsize, long code, const struct http_answer *a)
{
	char body[HTTP_SNIPPET + 1];
	const char *reason = "";
	size_t off;

	/* The reason phrase is what follows "HTTP/x.y NNN". */
	if ((reason = strchr(a->status, ' ')) != NULL &&
	    (reason = strchr(reason + 1, ' ')) != NULL)
		reason++;
	else
		reason = "";
	off = (size_t)snprintf(dst, dstsize, "HTTP %ld%s%s", code,
	    *reason != '\0' ? " " : "", reason);
	if (off >= dstsize)
		return;
	if (code >= 300 && code < 400)
		off += (size_t)snprintf(
		    dst + off, dstsize - off, " (redirects are not followed)");
	if (off >= dstsize)
		return;
	http_printable(body, sizeof body, a->snippet, a->snippetlen);
	if (body[0] != '\0')
		snprintf(dst + off, dstsize - off, ": %s%s", body,
		    a->total > a->snippetlen || a->truncated ? "..." : "");
}

static void
http_sleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* One attempt.  SIGPIPE is ignored meanwhile: with CURLOPT_NOSIGNAL,
 * libcurl does not do it, and a peer closing early must not kill us. */
static CURLcode
http_perform(CURL *c)
{
	struct sigaction ign, old;
	CURLcode rc;
	int saved;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	saved = sigaction(SIGPIPE, &ign, &old);
	rc = curl_easy_perform(c);
	if (saved == 0)
		(void)sigaction(SIGPIPE, &old, NULL);
	return rc;
}

/* Everything but the body's per-attempt state. */
static CURLcode
http_setup(CURL *c, const struct http_opts *o, struct curl_slist *hdrs,
    const char *body, size_t len, char *errbuf, struct http_answer *a)
{
	CURLcode rc;

#define HTTP_SET(opt, val)                                                     \
	do {                                                                   \
		if ((rc = curl_easy_setopt(c, opt, val)) != CURLE_OK)          \
			return rc;                                             \
	} while (0)
	HTTP_SET(CURLOPT_ERRORBUFFER, errbuf);
	HTTP_SET(CURLOPT_NOSIGNAL, 1L);
	HTTP_SET(CURLOPT_URL, o->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	HTTP_SET(CURLOPT_PROTOCOLS_STR, "http,https");
	HTTP_SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	HTTP_SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	HTTP_SET(
	    CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	HTTP_SET(CURLOPT_FOLLOWLOCATION, 0L);
	HTTP_SET(CURLOPT_SSL_VERIFYPEER, 1L);
	HTTP_SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file != NULL)
		HTTP_SET(CURLOPT_CAINFO, o->ca_file);
	HTTP_SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	HTTP_SET(CURLOPT_TIMEOUT_MS, o->timeout_ms);
	HTTP_SET(CURLOPT_USERAGENT, PACKAGE "/" PACKAGE_VERSION);
	HTTP_SET(CURLOPT_HTTPHEADER, hdrs);
	HTTP_SET(CURLOPT_POST, 1L);
	HTTP_SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	HTTP_SET(CURLOPT_POSTFIELDS, body);
	HTTP_SET(CURLOPT_WRITEFUNCTION, http_write);
	HTTP_SET(CURLOPT_WRITEDATA, a);
	HTTP_SET(CURLOPT_HEADERFUNCTION, http_header);
	HTTP_SET(CURLOPT_HEADERDATA, a);
#undef HTTP_SET
	return CURLE_OK;
}

static struct curl_slist *
http_header_list(const struct http_opts *o)
{
	/* No "Expect: 100-continue": it costs a round trip, or a second
	 * with servers that ignore it. */
	static const char *fixed[] = {
	    "Content-Type: application/json", "Expect:"};
	struct curl_slist *l = NULL, *t;
	size_t i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0] + o->nheaders; i++) {
		t = curl_slist_append(l,
		    i < sizeof fixed / sizeof fixed[0]
			? fixed[i]
			: o->headers[i - sizeof fixed / sizeof fixed[0]]);
		if (t == NULL)
			fatalx("curl_slist_append: out of memory");
		l = t;
	}
	return l;
}

int
http_post_json(
    const struct http_opts *o, const char *body, size_t len, struct error *e)
{
	CURL *c = NULL;
	struct curl_slist *hdrs = NULL;
	struct http_answer a;
	char errbuf[CURL_ERROR_SIZE], what[sizeof e->msg];
	char *shown;
	long code, delay = o->retry_delay_ms;
	int attempt, ret = -1;
	CURLcode rc;
	bool retry;

	shown = http_shown_url(o->url);
	if (http_global_init() == -1) {
		error_set(e, EXIT_FAIL, "%s: cannot initialise libcurl", shown);
		goto out;
	}
	if ((c = curl_easy_init()) == NULL) {
		error_set(e, EXIT_FAIL, "%s: cannot initialise libcurl", shown);
		goto out;
	}
	hdrs = http_header_list(o);
	errbuf[0] = '\0';
	if ((rc = http_setup(c, o, hdrs, body, len, errbuf, &a)) != CURLE_OK) {
		error_set(e, EXIT_FAIL, "%s: %s", shown,
		    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
		goto out;
	}
	for (attempt = 0;; attempt++) {
		memset(&a, 0, sizeof a);
		errbuf[0] = '\0';
		rc = http_perform(c);
		if (rc == CURLE_WRITE_ERROR && a.truncated)
			rc = CURLE_OK; /* we stopped reading, on purpose */
		code = 0;
		(void)curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (rc == CURLE_OK && code >= 200 && code < 300) {
			ret = 0;
			goto out;
		}
		if (rc == CURLE_OK) {
			http_describe_answer(what, sizeof what, code, &a);
			retry = code >= 500 && code < 600;
		} else {
			snprintf(what, sizeof what, "%s",
			    errbuf[0] != '\0' ? errbuf
					      : curl_easy_strerror(rc));
			retry = http_retryable(c, rc);
		}
		if (!retry || attempt >= o->retries)
			break;
		if (o->notify != NULL) {
			error_set(e, EXIT_FAIL,
			    "%s: %s; retry %d of %d in %ld ms", shown, what,
			    attempt + 1, o->retries, delay);
			o->notify(o->notify_arg, e->msg);
		}
		http_sleep(delay);
		delay = delay > HTTP_DELAY_MAX_MS / 2 ? HTTP_DELAY_MAX_MS
						      : delay * 2;
	}
	if (attempt > 0)
		error_set(e, EXIT_FAIL, "%s: %s (%d attempts)", shown, what,
		    attempt + 1);
	else
		error_set(e, EXIT_FAIL, "%s: %s", shown, what);
out:
	curl_slist_free_all(hdrs);
	if (c != NULL)
		curl_easy_cleanup(c);
	free(shown);
	return ret;
}

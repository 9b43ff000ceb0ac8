/*
 * Diagnostics: the program name, verbosity, struct error and the few
 * functions that print.  Only the command layer prints: main.c and cmd-*.c,
 * and the helpers that act for a command, source.c (progress on a
 * terminal, reconnects, -v notes), post.c (retries and the outcome of
 * --post) and migrate.c (a secret file others can read).  Their messages go
 * through the functions below, the one place that writes them to stderr
 * (main.c's usage line aside).  Every other module fills a struct error at
 * the point where the file, offset or znode is known, or hands a warning
 * back to its caller (fsio_read_secret, the notify callbacks of zk.h and
 * http.h); fatalx() is the exception, for bugs and out-of-memory.
 */
#ifndef LOG_H
#define LOG_H

/* Exit statuses, documented in zk2kraft(1) EXIT STATUS. */
#define EXIT_OK 0
#define EXIT_FAIL 1    /* I/O, ZooKeeper, corrupt input */
#define EXIT_USAGE 2   /* bad command line */
#define EXIT_INVALID 3 /* validation found problems */

struct error {
	int status;    /* one of the EXIT_* values */
	char msg[512]; /* one line, no trailing newline */
};

/* -1 quiet, 0 default, 1 -v, 2 -vv. */
extern int log_verbosity;

/*
 * Fill e (may be NULL) with status and a formatted one-line message.
 * Returns -1, so a failing function can "return error_set(e, ...)".
 */
int error_set(struct error *e, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepend "prefix: " to e's message, keeping its status.  Returns -1. */
int error_prefix(struct error *e, const char *prefix);

/* Print "zk2kraft: msg" to stderr, always (errors are never silenced). */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "zk2kraft: msg" to stderr unless -q. */
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "zk2kraft: msg" to stderr when verbosity >= level. */
void log_info(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Show "zk2kraft: msg" as a progress line on a terminal, rewriting the one
 * before it; nothing unless stderr is a terminal and -q is off.  The next
 * message, or log_progress_done(), wipes it.
 */
void log_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Wipe the progress line, if one is shown. */
void log_progress_done(void);

/* Print "zk2kraft: fatal: msg" and exit 1: bugs and out-of-memory only. */
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* LOG_H */

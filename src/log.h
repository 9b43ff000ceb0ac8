/*
 * Diagnostics: the program name, verbosity, struct error and the few
 * functions that print.  Only main.c and cmd-*.c print; every other module
 * fills a struct error at the point where the file, offset or znode is known.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

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

/* Print "zk2kraft: fatal: msg" and exit 1: bugs and out-of-memory only. */
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* LOG_H */

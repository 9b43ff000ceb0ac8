/*
 * Errors: the exit statuses, struct error and the functions that fill it.
 * The library reports through these and never prints: a module fills a
 * struct error where the file, offset or znode is known, or hands a
 * warning back to its caller (fsio_read_secret, the notify callbacks of
 * zk.h and http.h).  Printing is the command layer's (log.h), which is not
 * in the library archive, so a library module that prints does not link.
 * fatalx() is the one exception, for bugs and out-of-memory.
 */
#ifndef ERROR_H
#define ERROR_H

/* Exit statuses, documented in zk2kraft(1) EXIT STATUS. */
#define EXIT_OK 0
#define EXIT_FAIL 1    /* I/O, ZooKeeper, corrupt input */
#define EXIT_USAGE 2   /* bad command line */
#define EXIT_INVALID 3 /* validation found problems */

struct error {
	int status;    /* one of the EXIT_* values */
	char msg[512]; /* one line, no trailing newline */
};

/*
 * Fill e (may be NULL) with status and a formatted one-line message.
 * Returns -1, so a failing function can "return error_set(e, ...)".
 */
int error_set(struct error *e, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepend "prefix: " to e's message, keeping its status.  Returns -1. */
int error_prefix(struct error *e, const char *prefix);

/* Print "zk2kraft: fatal: msg" and exit 1: bugs and out-of-memory only. */
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* ERROR_H */

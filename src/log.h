/*
 * Printing, the command layer's alone: main.c, cmd*.c and the helpers that
 * act for a command, source.c (progress on a terminal, reconnects, -v
 * notes), post.c (retries and the outcome of --post) and migrate.c (a
 * secret file others can read).  Their messages go through the functions
 * below, the one place that writes them to stderr (main.c's usage line
 * aside).  log.c is not in the library archive (see error.h): the library
 * reports through struct error and never prints.
 */
#ifndef LOG_H
#define LOG_H

#include "error.h"

/* -1 quiet, 0 default, 1 -v, 2 -vv. */
extern int log_verbosity;

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

#endif /* LOG_H */

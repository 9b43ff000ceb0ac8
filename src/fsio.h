/*
 * Writing a set of output files so that either all of them appear or none
 * does: each is written to a temporary name in its own directory and
 * fsynced (fsio_stage), then all are renamed and their directories fsynced
 * (fsio_commit, or fsio_commit_noreplace where nothing may be replaced);
 * fsio_abort removes every temporary file.  A file can also be written as
 * a stream: fsio_open, then fsio_close.
 *
 * SIGHUP, SIGINT and SIGTERM (unless ignored) are caught from the first
 * fsio_open on: the handler removes every temporary file that exists,
 * then the process dies of the signal as it would have.
 *
 * Ownership: struct fsio owns its paths; fsio_commit(),
 * fsio_commit_noreplace() and fsio_abort() release them.  A zeroed
 * struct fsio is empty and valid.
 *
 * Also here, the one reader of files that hold secrets (fsio_read_secret).
 */
#ifndef FSIO_H
#define FSIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "error.h"

struct fsio_file {
	char *path; /* the final name */
	char *tmp;  /* the temporary name, until committed */
};

struct fsio {
	struct fsio_file *v;
	size_t n;
};

/*
 * Open a temporary file beside path for writing (created with mode, never
 * following or replacing anything) and remember it.  The caller writes
 * to the stream and hands it to fsio_close().  NULL with e set on error;
 * either way fsio_abort() removes the file.
 */
FILE *fsio_open(struct fsio *s, const char *path, mode_t mode, struct error *e);

/*
 * Flush, fsync and close fp, the stream of the last fsio_open(); write
 * errors on the stream show here.  fp is closed either way.  Returns 0 or
 * -1 with e set naming the temporary file.
 */
int fsio_close(struct fsio *s, FILE *fp, struct error *e);

/* The last staged file's temporary name (borrowed), for messages. */
const char *fsio_last(const struct fsio *s);

/*
 * Write len bytes of data to a temporary file beside path (created with
 * mode, never following or replacing anything), fsync it and remember it.
 * Returns the temporary name (borrowed, valid until commit or abort), or
 * NULL with e set.
 */
const char *fsio_stage(struct fsio *s, const char *path, const void *data,
    size_t len, mode_t mode, struct error *e);

/*
 * Rename every staged file to its final name, replacing what is there,
 * and fsync each directory once.  On failure the files not yet renamed are
 * removed; those already renamed stay.  Returns 0 or -1 with e set.
 */
int fsio_commit(struct fsio *s, struct error *e);

/*
 * As fsio_commit, but never replacing anything: each file is linked to
 * its final name, which fails ("exists; not replaced") when anything has
 * that name, even if it came after the caller looked; then its temporary
 * name is removed.  Returns 0 or -1 with e set.
 */
int fsio_commit_noreplace(struct fsio *s, struct error *e);

/* Remove every staged temporary file. */
void fsio_abort(struct fsio *s);

/* Whether path exists (as anything, a dangling symlink included). */
bool fsio_exists(const char *path);

/*
 * Create directory path (mode 0700 when created) unless it exists as a
 * directory.  Returns 0 or -1 with e set.
 */
int fsio_mkdir(const char *path, struct error *e);

/* A secret read from a file by fsio_read_secret(). */
struct fsio_secret {
	char *s;    /* owned by the caller: explicit_bzero(s, len), then free */
	size_t len; /* bytes before the terminating NUL */
	/* "PATH: readable by others (mode 644); it holds WHAT" when others
	 * may read the file, for the caller to show; else "". */
	char warning[512];
};

/*
 * Read a file that holds a secret (what names it in the warning): all of
 * it, or only its first line; either way without a final "\n" and then a
 * final "\r".  Every copy made on the way is wiped.  Returns 0, or -1 with
 * e set ("PATH: reason"; "PATH: empty" for a file of no bytes), in which
 * case sec->warning may still be set.
 */
int fsio_read_secret(const char *path, const char *what, bool first_line,
    struct fsio_secret *sec, struct error *e);

#endif /* FSIO_H */

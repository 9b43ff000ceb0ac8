/*
 * All-or-nothing output files, and reading secrets (see fsio.h).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "xmalloc.h"

/*
 * Every temporary file that exists, for the signal handler to remove.
 * The table changes only with the signals blocked, so the handler never
 * sees it half changed, and a name leaves it before it is freed.  Files
 * are written by one thread (ZooKeeper's are gone by then), so blocking
 * the signals in it is enough.
 */
#define FSIO_LIVE_MAX 16
static char *volatile fsio_live[FSIO_LIVE_MAX];
static const int fsio_signals[] = {SIGHUP, SIGINT, SIGTERM};
#define FSIO_NSIGNALS (sizeof fsio_signals / sizeof fsio_signals[0])
static struct sigaction fsio_saved[FSIO_NSIGNALS];
static bool fsio_caught;

/* Remove the temporary files, then die of the signal as we would have. */
static void
fsio_on_signal(int sig)
{
	int saved = errno;
	size_t i;

	for (i = 0; i < FSIO_LIVE_MAX; i++)
		if (fsio_live[i] != NULL)
			(void)unlink(fsio_live[i]);
	for (i = 0; i < FSIO_NSIGNALS; i++)
		if (fsio_signals[i] == sig)
			(void)sigaction(sig, &fsio_saved[i], NULL);
	/* Blocked until the handler returns, then delivered. */
	(void)raise(sig);
	errno = saved;
}

/* Catch the signals that end a command (once; an ignored one stays so). */
static void
fsio_catch(void)
{
	struct sigaction sa;
	size_t i;

	if (fsio_caught)
		return;
	fsio_caught = true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fsio_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < FSIO_NSIGNALS; i++)
		sigaddset(&sa.sa_mask, fsio_signals[i]);
	for (i = 0; i < FSIO_NSIGNALS; i++) {
		if (sigaction(fsio_signals[i], NULL, &fsio_saved[i]) == -1 ||
		    fsio_saved[i].sa_handler == SIG_IGN)
			continue;
		(void)sigaction(fsio_signals[i], &sa, NULL);
	}
}

static void
fsio_block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < FSIO_NSIGNALS; i++)
		sigaddset(&set, fsio_signals[i]);
	(void)sigprocmask(SIG_BLOCK, &set, old);
}

static void
fsio_unblock(const sigset_t *old)
{
	(void)sigprocmask(SIG_SETMASK, old, NULL);
}

/* tmp exists now (the signals blocked). */
static void
fsio_live_add(char *tmp)
{
	size_t i;

	for (i = 0; i < FSIO_LIVE_MAX; i++)
		if (fsio_live[i] == NULL) {
			fsio_live[i] = tmp;
			return;
		}
	fatalx("fsio: more than %d temporary files", FSIO_LIVE_MAX);
}

/* tmp is gone, or someone else's now (the signals blocked). */
static void
fsio_live_remove(const char *tmp)
{
	size_t i;

	for (i = 0; i < FSIO_LIVE_MAX; i++)
		if (fsio_live[i] == tmp)
			fsio_live[i] = NULL;
}

FILE *
fsio_open(struct fsio *s, const char *path, mode_t mode, struct error *e)
{
	sigset_t old;
	char *tmp;
	FILE *fp;
	int fd, saved;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fsio_catch();
	fsio_block(&old);
	if ((fd = open(tmp,
		 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)) ==
	    -1) {
		saved = errno;
		fsio_unblock(&old);
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(saved));
		free(tmp);
		return NULL;
	}
	/* Staged now, so that fsio_abort() or a signal removes it whatever
	 * happens. */
	fsio_live_add(tmp);
	fsio_unblock(&old);
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].path = xstrdup(path);
	s->v[s->n].tmp = tmp;
	s->n++;
	if (fchmod(fd, mode) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(saved));
		return NULL;
	}
	return fp;
}

const char *
fsio_last(const struct fsio *s)
{
	return s->n > 0 ? s->v[s->n - 1].tmp : NULL;
}

int
fsio_close(struct fsio *s, FILE *fp, struct error *e)
{
	const char *tmp = fsio_last(s);
	int saved;

	if (ferror(fp) || fflush(fp) == EOF || fsync(fileno(fp)) == -1) {
		saved = errno;
		fclose(fp);
		return error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(saved));
	}
	if (fclose(fp) == EOF)
		return error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(errno));
	return 0;
}

const char *
fsio_stage(struct fsio *s, const char *path, const void *data, size_t len,
    mode_t mode, struct error *e)
{
	FILE *fp;

	if ((fp = fsio_open(s, path, mode, e)) == NULL)
		return NULL;
	if (len > 0 && fwrite(data, 1, len, fp) != len) {
		error_set(
		    e, EXIT_FAIL, "%s: %s", fsio_last(s), strerror(errno));
		fclose(fp);
		return NULL;
	}
	if (fsio_close(s, fp, e) == -1)
		return NULL;
	return fsio_last(s);
}

/* Remove the temporary files left and forget every file. */
static void
fsio_release(struct fsio *s)
{
	sigset_t old;
	size_t i;

	fsio_block(&old);
	for (i = 0; i < s->n; i++)
		if (s->v[i].tmp != NULL) {
			(void)unlink(s->v[i].tmp);
			fsio_live_remove(s->v[i].tmp);
		}
	fsio_unblock(&old);
	for (i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].tmp);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int
fsio_sync_dir(const char *path, struct error *e)
{
	char *copy = xstrdup(path), *dir;
	int fd, ret = -1;

	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		error_set(e, EXIT_FAIL, "%s: %s", dir, strerror(errno));
		goto out;
	}
	/* Some file systems cannot fsync a directory; the rename stands. */
	if (fsync(fd) == -1 && errno != EINVAL && errno != EBADF) {
		error_set(e, EXIT_FAIL, "%s: %s", dir, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	ret = 0;
out:
	free(copy);
	return ret;
}

/*
 * Give f its final name: rename (replacing), or link and remove the
 * temporary name (never replacing: link fails with EEXIST, whatever has
 * the name, a dangling symbolic link included).  Returns 0, or -1 with e
 * set; f->tmp is NULL once the file has its name.
 */
static int
fsio_place(struct fsio_file *f, bool replace, struct error *e)
{
	sigset_t old;
	int ret = 0;

	fsio_block(&old);
	if (replace ? rename(f->tmp, f->path) == -1
		    : link(f->tmp, f->path) == -1) {
		if (!replace && errno == EEXIST)
			ret = error_set(
			    e, EXIT_FAIL, "%s: exists; not replaced", f->path);
		else
			ret = error_set(
			    e, EXIT_FAIL, "%s: %s", f->path, strerror(errno));
		fsio_unblock(&old);
		return ret;
	}
	if (!replace && unlink(f->tmp) == -1)
		ret =
		    error_set(e, EXIT_FAIL, "%s: %s", f->tmp, strerror(errno));
	fsio_live_remove(f->tmp);
	fsio_unblock(&old);
	free(f->tmp);
	f->tmp = NULL;
	return ret;
}

static int
fsio_finish(struct fsio *s, bool replace, struct error *e)
{
	size_t i;
	int ret = -1;

	for (i = 0; i < s->n; i++)
		if (fsio_place(&s->v[i], replace, e) == -1)
			goto out;
	/* Make the new names durable (one fsync per file; there are few). */
	for (i = 0; i < s->n; i++)
		if (fsio_sync_dir(s->v[i].path, e) == -1)
			goto out;
	ret = 0;
out:
	fsio_release(s);
	return ret;
}

int
fsio_commit(struct fsio *s, struct error *e)
{
	return fsio_finish(s, true, e);
}

int
fsio_commit_noreplace(struct fsio *s, struct error *e)
{
	return fsio_finish(s, false, e);
}

void
fsio_abort(struct fsio *s)
{
	fsio_release(s);
}

bool
fsio_exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

int
fsio_mkdir(const char *path, struct error *e)
{
	struct stat sb;

	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	if (errno == EEXIST)
		return error_set(e, EXIT_FAIL, "%s: not a directory", path);
	return error_set(e, EXIT_FAIL, "%s: %s", path, strerror(errno));
}

int
fsio_read_secret(const char *path, const char *what, bool first_line,
    struct fsio_secret *sec, struct error *e)
{
	FILE *fp;
	struct stat sb;
	char *s = NULL, *t, *nl;
	size_t cap = 0, len = 0, n;
	int ret = -1;

	memset(sec, 0, sizeof *sec);
	if ((fp = fopen(path, "r")) == NULL)
		return error_set(e, EXIT_FAIL, "%s: %s", path, strerror(errno));
	if (fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 077) != 0)
		snprintf(sec->warning, sizeof sec->warning,
		    "%s: readable by others (mode %03o); it holds %s", path,
		    (unsigned)(sb.st_mode & 0777), what);
	do {
		if (len + 4096 + 1 > cap) {
			t = xmalloc(cap = len + 8192);
			if (s != NULL) {
				memcpy(t, s, len);
				explicit_bzero(s, len);
				free(s);
			}
			s = t;
		}
		len += n = fread(s + len, 1, 4096, fp);
	} while (n == 4096);
	if (ferror(fp)) {
		error_set(e, EXIT_FAIL, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (len == 0) {
		error_set(e, EXIT_FAIL, "%s: empty", path);
		goto out;
	}
	if (first_line && (nl = memchr(s, '\n', len)) != NULL)
		len = (size_t)(nl - s) + 1;
	if (s[len - 1] == '\n')
		len--;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	explicit_bzero(s + len, cap - len);
	sec->s = s;
	sec->len = len;
	s = NULL;
	ret = 0;
out:
	if (s != NULL) {
		explicit_bzero(s, cap);
		free(s);
	}
	fclose(fp);
	return ret;
}

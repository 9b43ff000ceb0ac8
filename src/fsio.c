/*
 * All-or-nothing output files (see fsio.h).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "xmalloc.h"

FILE *
fsio_open(struct fsio *s, const char *path, mode_t mode, struct error *e)
{
	char *tmp;
	FILE *fp;
	int fd, saved;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp,
		 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)) ==
	    -1) {
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	/* Staged now, so that fsio_abort() removes it whatever happens. */
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

static void
fsio_release(struct fsio *s)
{
	size_t i;

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

int
fsio_commit(struct fsio *s, struct error *e)
{
	size_t i, j;
	int ret = -1;

	for (i = 0; i < s->n; i++) {
		if (rename(s->v[i].tmp, s->v[i].path) == -1) {
			error_set(e, EXIT_FAIL, "%s: %s", s->v[i].path,
			    strerror(errno));
			for (j = i; j < s->n; j++)
				unlink(s->v[j].tmp);
			goto out;
		}
		free(s->v[i].tmp);
		s->v[i].tmp = NULL;
	}
	/* Make the renames durable (one fsync per file; there are few). */
	for (i = 0; i < s->n; i++)
		if (fsio_sync_dir(s->v[i].path, e) == -1)
			goto out;
	ret = 0;
out:
	fsio_release(s);
	return ret;
}

void
fsio_abort(struct fsio *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].tmp != NULL)
			unlink(s->v[i].tmp);
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

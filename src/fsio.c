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

static int
fsio_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

const char *
fsio_stage(struct fsio *s, const char *path, const void *data, size_t len,
    mode_t mode, struct error *e)
{
	char *tmp;
	int fd, saved;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp,
		 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)) ==
	    -1) {
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, mode) == -1 || fsio_write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp);
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(saved));
		free(tmp);
		return NULL;
	}
	if (close(fd) == -1) {
		saved = errno;
		unlink(tmp);
		error_set(e, EXIT_FAIL, "%s: %s", tmp, strerror(saved));
		free(tmp);
		return NULL;
	}
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].path = xstrdup(path);
	s->v[s->n].tmp = tmp;
	s->n++;
	return tmp;
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

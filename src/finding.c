/*
 * Findings of the migration plan (see finding.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "finding.h"
#include "xmalloc.h"

static const char *
finding_strdup(struct findings *f, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(&f->arena, s, strlen(s));
}

struct finding *
finding_add(struct findings *f, enum finding_severity sev, const char *code,
    const char *path, const char *action, const char *fmt, ...)
{
	struct finding *fd;
	va_list ap;
	char *msg;

	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 16 : f->cap * 2;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	va_start(ap, fmt);
	msg = arena_vprintf(&f->arena, fmt, ap);
	va_end(ap);
	fd = &f->v[f->n++];
	memset(fd, 0, sizeof *fd);
	fd->severity = sev;
	fd->code = finding_strdup(f, code);
	fd->path = finding_strdup(f, path);
	fd->action = finding_strdup(f, action);
	fd->msg = msg;
	return fd;
}

const char *
finding_path(struct findings *f, const char *root, const char *fmt, ...)
{
	va_list ap;
	char *rel;

	va_start(ap, fmt);
	rel = arena_vprintf(&f->arena, fmt, ap);
	va_end(ap);
	return arena_printf(
	    &f->arena, "%s%s", strcmp(root, "/") == 0 ? "" : root, rel);
}

static int
finding_strcmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
finding_cmp(const void *va, const void *vb)
{
	const struct finding *a = va, *b = vb;
	int c;

	if (a->severity != b->severity)
		return (int)a->severity - (int)b->severity;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	if ((c = finding_strcmp(a->path, b->path)) != 0)
		return c;
	return strcmp(a->msg, b->msg);
}

void
findings_sort(struct findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, finding_cmp);
}

size_t
findings_count(const struct findings *f, enum finding_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].severity == sev && !f->v[i].allowed)
			n++;
	return n;
}

const char *
finding_severity_name(enum finding_severity sev)
{
	switch (sev) {
	case FINDING_BLOCKER:
		return "blocker";
	case FINDING_WARNING:
		return "warning";
	case FINDING_INFO:
		break;
	}
	return "info";
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	free(f->v);
	arena_free(&f->arena);
	memset(f, 0, sizeof *f);
}

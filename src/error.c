/*
 * Errors: struct error, and fatalx() for bugs and out-of-memory.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int
error_set(struct error *e, int status, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->status = status;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
error_prefix(struct error *e, const char *prefix)
{
	char msg[sizeof e->msg];

	if (e == NULL)
		return -1;
	memcpy(msg, e->msg, sizeof msg);
	return error_set(e, e->status, "%s: %s", prefix, msg);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	/* Wipe a progress line the command layer may have left. */
	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%s: fatal: ", PACKAGE);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAIL);
}

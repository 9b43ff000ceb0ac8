/*
 * The printing functions of log.h: the command layer's, the only code
 * that writes to stderr (fatalx() in error.c aside).
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"

int log_verbosity;

static bool log_progress_shown;

void
log_progress_done(void)
{
	if (log_progress_shown) {
		fputs("\r\033[K", stderr);
		log_progress_shown = false;
	}
}

void
log_progress(const char *fmt, ...)
{
	va_list ap;

	if (log_verbosity < 0 || !isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s: ", PACKAGE);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	log_progress_shown = true;
}

static void
log_vprint(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	log_progress_done();
	fprintf(stderr, "%s: %s", PACKAGE, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprint("", fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	if (log_verbosity < 0)
		return;
	va_start(ap, fmt);
	log_vprint("", fmt, ap);
	va_end(ap);
}

void
log_info(int level, const char *fmt, ...)
{
	va_list ap;

	if (log_verbosity < level)
		return;
	va_start(ap, fmt);
	log_vprint("", fmt, ap);
	va_end(ap);
}

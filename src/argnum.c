/*
 * Numeric option arguments (see argnum.h).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "argnum.h"

int
argnum_parse(const char *name, const char *arg, int64_t min, int64_t max,
    int64_t *out, struct error *e)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max)
		return error_set(e, EXIT_USAGE,
		    "--%s: expected a number from %" PRId64 " to %" PRId64
		    ", not \"%s\"",
		    name, min, max, arg);
	*out = v;
	return 0;
}

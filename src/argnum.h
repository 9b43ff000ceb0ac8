/*
 * Numeric option arguments, parsed one way for every command: a decimal
 * integer within a range, or a usage error naming the option.
 */
#ifndef ARGNUM_H
#define ARGNUM_H

#include <stdint.h>

#include "error.h"

/*
 * Parse arg, the argument of --name, into *out.  Returns 0, or -1 with e
 * set (EXIT_USAGE) to "--name: expected a number from MIN to MAX, not
 * "arg"".
 */
int argnum_parse(const char *name, const char *arg, int64_t min, int64_t max,
    int64_t *out, struct error *e);

#endif /* ARGNUM_H */

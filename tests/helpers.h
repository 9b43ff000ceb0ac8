/*
 * Helpers shared by the Criterion suites.
 */
#ifndef HELPERS_H
#define HELPERS_H

#include <stddef.h>
#include <stdint.h>

/* Read FIXTURE_DIR/rel whole; caller frees.  Fails the test if missing. */
uint8_t *fixture_read(const char *rel, size_t *len);

/* Fail the test naming the first differing offset, if a and b differ. */
void assert_bytes_eq(
    const uint8_t *got, size_t gotlen, const uint8_t *want, size_t wantlen);

/* Parse "ac 02 ff" (spaces optional) into out; returns the byte count. */
size_t hex_parse(const char *s, uint8_t *out, size_t max);

struct props;

/* Under AddressSanitizer, abort if this test leaked; a teardown's last
 * call.  Nothing otherwise. */
void leak_check(void);

/* Parse text as a .properties file into *p, freeing what p held first;
 * returns props_parse()'s result. */
int props_text(struct props *p, const char *text);

#endif /* HELPERS_H */

/*
 * Helpers shared by the Criterion suites (see helpers.h).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "helpers.h"
#include "props.h"

uint8_t *
fixture_read(const char *rel, size_t *len)
{
	char path[4096];
	uint8_t *p;
	FILE *fp;
	long n;

	snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, rel);
	fp = fopen(path, "rb");
	cr_assert_not_null(fp, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	p = malloc(n > 0 ? (size_t)n : 1);
	cr_assert_eq(fread(p, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return p;
}

void
assert_bytes_eq(
    const uint8_t *got, size_t gotlen, const uint8_t *want, size_t wantlen)
{
	size_t i, n = gotlen < wantlen ? gotlen : wantlen;

	for (i = 0; i < n; i++)
		cr_assert_eq(got[i], want[i],
		    "byte %zu: got 0x%02x, want 0x%02x", i, got[i], want[i]);
	cr_assert_eq(
	    gotlen, wantlen, "length: got %zu, want %zu", gotlen, wantlen);
}

size_t
hex_parse(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned v;

	while (*s != '\0') {
		if (*s == ' ') {
			s++;
			continue;
		}
		cr_assert(
		    n < max && sscanf(s, "%2x", &v) == 1, "bad hex %s", s);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

void
leak_check(void)
{
#ifdef __SANITIZE_ADDRESS__
	if (__lsan_do_recoverable_leak_check() != 0)
		abort();
#endif
}

int
props_text(struct props *p, const char *text)
{
	const char *why = NULL;

	props_free(p);
	return props_parse(p, (const uint8_t *)text, strlen(text), &why);
}

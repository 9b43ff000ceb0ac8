/*
 * fsio_read_secret: the one reader of files that hold secrets.
 */
#include "config.h"

#include <sys/stat.h>

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"

static char dir[] = "/tmp/test-fsio.XXXXXX";
static char path[sizeof dir + 16];
static struct fsio_secret sec;

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/secret", dir);
	memset(&sec, 0, sizeof sec);
}

static void
teardown(void)
{
	free(sec.s);
	unlink(path);
	rmdir(dir);
}

TestSuite(fsio, .init = setup, .fini = teardown);

/* Write len bytes of s to path with mode. */
static void
put(const char *s, size_t len, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(s, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
	cr_assert_eq(chmod(path, mode), 0);
}

Test(fsio, secret_first_line_drops_its_line_break)
{
	struct error e = {0};

	put("user:pw\r\nsecond line\n", 21, 0600);
	cr_assert_eq(fsio_read_secret(path, "a password", true, &sec, &e), 0);
	cr_assert_str_eq(sec.s, "user:pw");
	cr_assert_eq(sec.len, 7);
	cr_assert_str_eq(sec.warning, "");
}

Test(fsio, secret_whole_file_drops_one_final_newline)
{
	struct error e = {0};

	put("a\nb\n\n", 5, 0400);
	cr_assert_eq(fsio_read_secret(path, "x", false, &sec, &e), 0);
	cr_assert_eq(sec.len, 4);
	cr_assert_arr_eq(sec.s, "a\nb\n", 5);
}

Test(fsio, secret_readable_by_others_comes_with_a_warning)
{
	struct error e = {0};
	char want[600];

	put("token", 5, 0644);
	cr_assert_eq(fsio_read_secret(path, "a token", true, &sec, &e), 0);
	cr_assert_str_eq(sec.s, "token");
	snprintf(want, sizeof want,
	    "%s: readable by others (mode 644); it holds a token", path);
	cr_assert_str_eq(sec.warning, want);
}

Test(fsio, secret_file_of_no_bytes_is_empty)
{
	struct error e = {0};
	char want[600];

	put("", 0, 0600);
	cr_assert_eq(fsio_read_secret(path, "x", true, &sec, &e), -1);
	cr_assert_null(sec.s);
	snprintf(want, sizeof want, "%s: empty", path);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(e.status, EXIT_FAIL);
}

Test(fsio, secret_missing_file_says_why)
{
	struct error e = {0};

	cr_assert_eq(fsio_read_secret(path, "x", false, &sec, &e), -1);
	cr_assert_not_null(strstr(e.msg, "No such file or directory"));
}

/*
 * Java .properties files (props.c), read as java.util.Properties reads
 * them: separators, continuations, escapes and ISO-8859-1 bytes.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "props.h"

static struct props p;

static void
setup(void)
{
	p = (struct props){0};
}

static void
teardown(void)
{
	props_free(&p);
	leak_check();
}

TestSuite(props, .init = setup, .fini = teardown);

static int
parse(const char *text)
{
	return props_text(&p, text);
}

Test(props, properties_follow_java)
{
	cr_assert_eq(parse("#comment\n! also\n  a = 1\nb:2\nc 3\nd\n"
			   "e=x\\\n   y\nf=\\u00e9\\t\ng=tail  \r\nh=\\\\\n"
			   "a=again\n"),
	    0);
	cr_assert_str_eq(props_get(&p, "a"), "again");
	cr_assert_str_eq(props_get(&p, "b"), "2");
	cr_assert_str_eq(props_get(&p, "c"), "3");
	cr_assert_str_eq(props_get(&p, "d"), "");
	cr_assert_str_eq(props_get(&p, "e"), "xy");
	cr_assert_str_eq(props_get(&p, "f"), "\xc3\xa9\t");
	cr_assert_str_eq(props_get(&p, "g"), "tail  ");
	cr_assert_str_eq(props_get(&p, "h"), "\\");
	cr_assert_null(props_get(&p, "#comment"));
	cr_assert_eq(p.n, 8);
	/* ISO-8859-1 bytes come out as UTF-8. */
	cr_assert_eq(parse("k=\xe9"), 0);
	cr_assert_str_eq(props_get(&p, "k"), "\xc3\xa9");
	cr_assert_eq(parse("k=\\u00zz"), -1);
}

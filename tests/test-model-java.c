/*
 * Java's URLDecoder as Kafka's Sanitizer runs it (src/model-java.c).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "test-model.h"

TestSuite(model_java, .init = model_setup, .fini = model_teardown);

/* model_desanitize(), which must give NULL with the flag. */
static void
assert_refused(const char *name, unsigned flag)
{
	unsigned f;

	cr_assert_null(model_desanitize(&a, name, &f), "%s decodes", name);
	cr_assert(f & flag, "%s: flags %#x, want %#x", name, f, flag);
}

/* model_desanitize() of name, which must give want with these flags. */
static void
assert_desanitized(const char *name, const char *want, unsigned flags)
{
	const char *got;
	unsigned f;

	got = model_desanitize(&a, name, &f);
	cr_assert_not_null(got, "%s: refused (flags %#x)", name, f);
	cr_assert_str_eq(got, want, "%s", name);
	cr_assert_eq(f, flags, "%s: flags %#x, want %#x", name, f, flags);
}

Test(model_java, desanitize_like_urldecoder)
{
	assert_desanitized(
	    "svc-payments%40EXAMPLE.COM", "svc-payments@EXAMPLE.COM", 0);
	assert_desanitized("User%3aalice", "User:alice", 0);
	assert_desanitized("app%2A1", "app*1", 0);
	assert_desanitized("a+b", "a b", 0);
	assert_desanitized("%3Cdefault%3E", "<default>", 0);
	assert_desanitized("j%C3%BCrgen", "j\xc3\xbcrgen", 0);
	assert_desanitized("<default>", "<default>", 0);
	assert_desanitized("", "", 0);
	assert_desanitized("\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9", 0);
	/* Integer.parseInt("+A", 16) is 10 on Java 8 to 24. */
	assert_desanitized("%+A", "\n", MODEL_NAME_SIGNED);
	/* URLDecoder throws: IllegalArgumentException. */
	assert_refused("%", MODEL_NAME_BAD);
	assert_refused("a%4", MODEL_NAME_BAD);
	assert_refused("%zz", MODEL_NAME_BAD);
	assert_refused("%4z", MODEL_NAME_BAD);
	assert_refused("%-1", MODEL_NAME_BAD);
	assert_refused("%+-", MODEL_NAME_BAD);
	assert_refused("%41%", MODEL_NAME_BAD);
	assert_refused("%\xc3\xa9", MODEL_NAME_BAD); /* one unit after '%' */
	assert_refused("%\xf0\x9f\x98\x80", MODEL_NAME_BAD); /* surrogates */
	/* A NUL after a bad escape: Java throws before it looks. */
	assert_refused("%00%zz", MODEL_NAME_BAD);
	/* Unicode digits, which only Java 8 to 24 take for hex digits. */
	assert_refused(
	    "%\xd9\xa4\xd9\xa1", MODEL_NAME_WIDE);         /* U+0664 U+0661 */
	assert_refused("%4\xef\xbc\x91", MODEL_NAME_WIDE); /* 4, U+FF11 */
	/* U+0000, which Kafka keeps. */
	assert_refused("%00", MODEL_NAME_NUL);
	assert_refused("a%-0b", MODEL_NAME_NUL);
}

/*
 * Escapes that are not UTF-8: one U+FFFD per malformed sequence, cut as
 * Java's decoder cuts it (each expectation checked with JDK 17's and
 * JDK 25's URLDecoder), and each run of escapes decoded on its own.
 */
Test(model_java, desanitize_replaces_like_java)
{
	static const struct {
		const char *in, *out;
	} v[] = {
	    {"%C3", "\xef\xbf\xbd"},
	    {"%C3x%A9", "\xef\xbf\xbdx\xef\xbf\xbd"},
	    {"%C3+%A9", "\xef\xbf\xbd \xef\xbf\xbd"},
	    {"%FF", "\xef\xbf\xbd"},
	    {"%C0%AF", "\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E0%80", "\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E0%80%80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%E1%80", "\xef\xbf\xbd"},
	    {"%E1%80%41",
		"\xef\xbf\xbd"
		"A"},
	    /* Encoded surrogates: one U+FFFD, not one per byte. */
	    {"%ED%A0%80", "\xef\xbf\xbd"},
	    {"%ED%A0", "\xef\xbf\xbd"},
	    {"%ED%A0A",
		"\xef\xbf\xbd"
		"A"},
	    {"%ED%9F%BF", "\xed\x9f\xbf"},
	    {"%F0%90%80", "\xef\xbf\xbd"},
	    {"%F0%90%80A",
		"\xef\xbf\xbd"
		"A"},
	    {"%F0%90%41",
		"\xef\xbf\xbd"
		"A"},
	    {"%F0%80%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F4%90%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F5%80%80%80",
		"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"%F0%9F%98%80", "\xf0\x9f\x98\x80"},
	    {"%EF%BF%BF", "\xef\xbf\xbf"},
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		assert_desanitized(v[i].in, v[i].out,
		    strcmp(v[i].in, "%ED%9F%BF") == 0 ||
			    strcmp(v[i].in, "%F0%9F%98%80") == 0 ||
			    strcmp(v[i].in, "%EF%BF%BF") == 0
			? 0
			: MODEL_NAME_REPLACED);
}

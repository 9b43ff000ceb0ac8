/*
 * Java's number syntax: Integer.parseInt and Long.parseLong as Kafka reads
 * znode names, Double.parseDouble as it reads quotas, and
 * Double.toString() as it prints float64 fields.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "jnum.h"

static void
assert_java(double d, const char *want)
{
	struct buf b = {0};

	jnum_put_double(&b, d);
	buf_put_u8(&b, '\0');
	cr_assert_str_eq((char *)b.data, want, "%.17g", d);
	buf_free(&b);
}

Test(jnum, doubles_print_as_java_does)
{
	assert_java(1048576.0, "1048576.0");
	assert_java(0.0, "0.0");
	assert_java(-0.0, "-0.0");
	assert_java(1.0, "1.0");
	assert_java(0.1, "0.1");
	assert_java(123.456, "123.456");
	assert_java(9999999.0, "9999999.0");
	assert_java(1e7, "1.0E7");
	assert_java(12345678.9, "1.23456789E7");
	assert_java(0.001, "0.001");
	assert_java(0.0001, "1.0E-4");
	assert_java(-2.5e-5, "-2.5E-5");
	assert_java(1e300, "1.0E300");
	assert_java(NAN, "NaN");
	assert_java(INFINITY, "Infinity");
	assert_java(-INFINITY, "-Infinity");
}

Test(jnum, parse_long_like_java)
{
	int64_t v;
	int32_t i;

	cr_assert_eq(jnum_parse_long("+42", INT64_MIN, INT64_MAX, &v), 0);
	cr_assert_eq(v, 42);
	cr_assert_eq(jnum_parse_long("-0", INT64_MIN, INT64_MAX, &v), 0);
	cr_assert_eq(v, 0);
	cr_assert_eq(
	    jnum_parse_long("-9223372036854775808", INT64_MIN, INT64_MAX, &v),
	    0);
	cr_assert_eq(v, INT64_MIN);
	cr_assert_eq(
	    jnum_parse_long("9223372036854775808", INT64_MIN, INT64_MAX, &v),
	    -1);
	cr_assert_eq(jnum_parse_long("5", 0, 4, &v), -1);
	cr_assert_eq(jnum_parse_long("", INT64_MIN, INT64_MAX, &v), -1);
	cr_assert_eq(jnum_parse_long("-", INT64_MIN, INT64_MAX, &v), -1);
	cr_assert_eq(jnum_parse_long(" 1", INT64_MIN, INT64_MAX, &v), -1);
	cr_assert_eq(jnum_parse_long("1 ", INT64_MIN, INT64_MAX, &v), -1);
	cr_assert_eq(jnum_parse_long("0x1", INT64_MIN, INT64_MAX, &v), -1);
	cr_assert_eq(jnum_parse_i32("2147483647", &i), 0);
	cr_assert_eq(i, INT32_MAX);
	cr_assert_eq(jnum_parse_i32("2147483648", &i), -1);
	cr_assert_eq(jnum_parse_i32("-2147483648", &i), 0);
	cr_assert_eq(i, INT32_MIN);
}

static void
assert_double(const char *s, double want)
{
	double d;

	cr_assert_eq(jnum_parse_double(s, &d), 0, "%s refused", s);
	if (isnan(want))
		cr_assert(isnan(d), "%s", s);
	else
		cr_assert(d == want && signbit(d) == signbit(want),
		    "%s: got %.17g", s, d);
}

static void
assert_not_double(const char *s)
{
	double d;

	cr_assert_eq(jnum_parse_double(s, &d), -1, "%s accepted", s);
}

Test(jnum, parse_double_like_java)
{
	assert_double("1048576", 1048576.0);
	assert_double("50.0", 50.0);
	assert_double(" 12 ", 12.0);
	assert_double("\t\n1e6\r", 1e6);
	assert_double("1E+3", 1000.0);
	assert_double("2.5e-1", 0.25);
	assert_double(".5", 0.5);
	assert_double("5.", 5.0);
	assert_double("+7", 7.0);
	assert_double("-0", -0.0);
	assert_double("10d", 10.0);
	assert_double("10.5F", 10.5);
	assert_double("1e5f", 1e5);
	assert_double("NaN", NAN);
	assert_double("-NaN", NAN);
	assert_double("Infinity", INFINITY);
	assert_double("-Infinity", -INFINITY);
	assert_double("+Infinity", INFINITY);
	assert_double("0x1.8p1", 3.0);
	assert_double("0X10P0", 16.0);
	assert_double("-0x.8p1d", -1.0);
	assert_double("0x1.p-1", 0.5);
	assert_double("1e400", INFINITY);
	assert_double("1e-400", 0.0);
	assert_double("0.1", 0.1);
	assert_double("9007199254740993", 9007199254740992.0);

	assert_not_double("");
	assert_not_double("   ");
	assert_not_double("inf");
	assert_not_double("infinity");
	assert_not_double("nan");
	assert_not_double("NaNd");
	assert_not_double("Infinityf");
	assert_not_double("1e");
	assert_not_double("1e+");
	assert_not_double("e5");
	assert_not_double(".");
	assert_not_double("-");
	assert_not_double("1.5.2");
	assert_not_double("1_000");
	assert_not_double("1 000");
	assert_not_double("0x1.8");
	assert_not_double("0x");
	assert_not_double("0xp1");
	assert_not_double("0x1p");
	assert_not_double("1dd");
	assert_not_double("1fd");
	assert_not_double("lots");
	assert_not_double("1,5");
	assert_not_double("\xc2\xa0"
			  "1");
	assert_not_double("--1");
}

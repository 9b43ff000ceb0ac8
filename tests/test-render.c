/*
 * Renderings: Java's Double.toString() as Kafka prints float64 fields.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "render.h"

static void
assert_java(double d, const char *want)
{
	struct buf b = {0};

	render_java_double(&b, d);
	buf_put_u8(&b, '\0');
	cr_assert_str_eq((char *)b.data, want, "%.17g", d);
	buf_free(&b);
}

Test(render, doubles_print_as_java_does)
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

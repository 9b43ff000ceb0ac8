/*
 * struct buf writers and struct bufr readers: Kafka's integer encodings.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "helpers.h"

static struct buf b;

static void
setup(void)
{
	b = (struct buf){0};
}

static void
teardown(void)
{
	buf_free(&b);
}

TestSuite(buf, .init = setup, .fini = teardown);

Test(buf, zigzag_varints_match_the_reference_table)
{
	static const struct {
		int64_t v;
		const char *hex;
	} cases[] = {
	    {0, "00"},
	    {-1, "01"},
	    {1, "02"},
	    {-2, "03"},
	    {21, "2a"},
	    {23, "2e"},
	    {29, "3a"},
	    {64, "80 01"},
	    {INT32_MAX, "fe ff ff ff 0f"},
	    {INT32_MIN, "ff ff ff ff 0f"},
	    {INT64_MAX, "fe ff ff ff ff ff ff ff ff 01"},
	    {INT64_MIN, "ff ff ff ff ff ff ff ff ff 01"},
	};
	uint8_t want[16];
	size_t i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		b.len = 0;
		buf_put_varint(&b, cases[i].v);
		n = hex_parse(cases[i].hex, want, sizeof want);
		assert_bytes_eq(b.data, b.len, want, n);
		cr_assert_eq(buf_varint_size(cases[i].v), n);
	}
}

Test(buf, unsigned_varint_300_is_ac_02)
{
	buf_put_uvarint(&b, 300);
	cr_assert_eq(b.len, 2);
	cr_assert_eq(b.data[0], 0xac);
	cr_assert_eq(b.data[1], 0x02);
}

Test(buf, varint32_round_trips_at_the_edges)
{
	static const int32_t vals[] = {0, -1, 1, 63, -64, 64, -65, INT32_MAX,
	    INT32_MIN, INT32_MAX - 1, INT32_MIN + 1};
	struct bufr r;
	int32_t got;
	size_t i;

	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		b.len = 0;
		buf_put_varint(&b, vals[i]);
		r = (struct bufr){b.data, b.len, 0, 0, NULL};
		cr_assert_eq(bufr_get_varint32(&r, &got), 0);
		cr_assert_eq(got, vals[i]);
		cr_assert_eq(bufr_left(&r), 0);
	}
}

Test(buf, varint64_round_trips_including_ten_byte_forms)
{
	static const int64_t vals[] = {0, -1, INT64_MAX, INT64_MIN,
	    (int64_t)1 << 62, -((int64_t)1 << 62), INT32_MIN, INT32_MAX,
	    1729500000000};
	struct bufr r;
	int64_t got;
	size_t i;

	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		b.len = 0;
		buf_put_varint(&b, vals[i]);
		r = (struct bufr){b.data, b.len, 0, 0, NULL};
		cr_assert_eq(bufr_get_varint64(&r, &got), 0);
		cr_assert_eq(got, vals[i]);
	}
	b.len = 0;
	buf_put_varint(&b, INT64_MIN);
	cr_assert_eq(b.len, 10);
}

static void
assert_rejected(const char *hex, int bits, const char *why)
{
	uint8_t in[16];
	size_t n = hex_parse(hex, in, sizeof in);
	struct bufr r = {in, n, 0, 0, NULL};
	uint64_t v;

	cr_assert_eq(bufr_get_uvarint(&r, bits, &v), -1, "%s accepted", hex);
	cr_assert_eq(r.off, 0, "a failed read must not consume input");
	cr_assert_str_eq(r.why, why);
}

Test(buf, reader_rejects_overlong_varints)
{
	assert_rejected("80 00", 32, "overlong varint");
	assert_rejected("ff 80 00", 64, "overlong varint");
}

Test(buf, reader_rejects_varints_longer_than_their_type)
{
	assert_rejected("80 80 80 80 80 01", 32, "varint longer than its type");
	assert_rejected("ff ff ff ff 1f", 32, "varint overflows its type");
	assert_rejected(
	    "ff ff ff ff ff ff ff ff ff 02", 64, "varint overflows its type");
	assert_rejected("80 80 80 80 80 80 80 80 80 80 01", 64,
	    "varint longer than its type");
}

Test(buf, reader_rejects_truncated_varint)
{
	assert_rejected("80 80", 32, "truncated varint");
	assert_rejected("", 64, "truncated varint");
}

Test(buf, fixed_width_integers_are_big_endian)
{
	static const uint8_t want[] = {0x01, 0x0a, 0x0b, 0x0c, 0x0d, 0x12, 0x34,
	    0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef};
	struct bufr r;
	uint32_t u32;
	uint16_t u16;
	uint64_t u64;
	uint8_t u8;

	buf_put_u8(&b, 1);
	buf_put_be32(&b, 0x0a0b0c0d);
	buf_put_be16(&b, 0x1234);
	buf_put_be64(&b, 0xdeadbeef);
	assert_bytes_eq(b.data, b.len, want, sizeof want);
	r = (struct bufr){b.data, b.len, 0, 0, NULL};
	cr_assert_eq(bufr_get_u8(&r, &u8), 0);
	cr_assert_eq(bufr_get_be(&r, &u32, sizeof u32), 0);
	cr_assert_eq(u32, 0x0a0b0c0d);
	cr_assert_eq(bufr_get_be(&r, &u16, sizeof u16), 0);
	cr_assert_eq(u16, 0x1234);
	cr_assert_eq(bufr_get_be(&r, &u64, sizeof u64), 0);
	cr_assert_eq(u64, 0xdeadbeef);
	cr_assert_eq(bufr_get_u8(&r, &u8), -1);
}

Test(buf, poke_patches_in_place)
{
	buf_put_be32(&b, 0);
	buf_put_u8(&b, 7);
	buf_poke_be32(&b, 0, 0x01020304);
	cr_assert_eq(b.data[0], 1);
	cr_assert_eq(b.data[3], 4);
	cr_assert_eq(b.data[4], 7);
}

Test(buf, json_strings_escape_as_jackson_does)
{
	static const char in[] = "a\"\\/\b\f\n\r\t\x01\x1f\x7f\0z\xc3\xa9";
	static const char want[] =
	    "\"a\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\u0000z\xc3\xa9\"";

	buf_put_json_str(&b, in, sizeof in - 1);
	cr_assert_eq(b.len, sizeof want - 1);
	cr_assert_arr_eq(b.data, want, sizeof want - 1);
}

Test(buf, printf_appends_whether_or_not_it_fits)
{
	char want[1200];
	int i;

	buf_printf(&b, "%s=%d;", "a", 1);
	cr_assert_eq(b.len, 4);
	for (i = 0; i < 300; i++)
		buf_printf(&b, "%03d", i % 1000);
	buf_printf(&b, "%0999d", 7);
	cr_assert_eq(b.len, 4 + 900 + 999);
	cr_assert_arr_eq(b.data, "a=1;000001002", 13);
	memset(want, '0', 998);
	want[998] = '7';
	cr_assert_arr_eq(b.data + 904, want, 999);
}

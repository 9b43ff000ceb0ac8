/*
 * CRC-32C against published check values (the CRC catalogue's check value
 * and RFC 3720 appendix B.4).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "crc32c.h"

Test(crc32c, check_value_of_123456789)
{
	cr_assert_eq(crc32c(0, "123456789", 9), 0xe3069283);
}

Test(crc32c, rfc3720_vectors)
{
	uint8_t buf[32];
	int i;

	memset(buf, 0, sizeof buf);
	cr_assert_eq(crc32c(0, buf, sizeof buf), 0x8a9136aa);
	memset(buf, 0xff, sizeof buf);
	cr_assert_eq(crc32c(0, buf, sizeof buf), 0x62a8ab43);
	for (i = 0; i < 32; i++)
		buf[i] = (uint8_t)i;
	cr_assert_eq(crc32c(0, buf, sizeof buf), 0x46dd794e);
	for (i = 0; i < 32; i++)
		buf[i] = (uint8_t)(31 - i);
	cr_assert_eq(crc32c(0, buf, sizeof buf), 0x113fdb5c);
}

Test(crc32c, empty_input_is_zero)
{
	cr_assert_eq(crc32c(0, "", 0), 0);
}

Test(crc32c, incremental_equals_one_shot_at_every_split)
{
	uint8_t buf[100];
	uint32_t whole;
	size_t i;

	for (i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 37 + 11);
	whole = crc32c(0, buf, sizeof buf);
	for (i = 0; i <= sizeof buf; i++)
		cr_assert_eq(crc32c(crc32c(0, buf, i), buf + i, sizeof buf - i),
		    whole, "split at %zu", i);
}

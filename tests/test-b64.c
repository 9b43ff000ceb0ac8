/*
 * Base64 and base64url: Kafka's UUID text form and bytes in JSON.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "b64.h"
#include "helpers.h"
#include "schema.h"

/* Topic ids of the sample cluster (zookeeper-layout.md 7.1, notes). */
#define ID_ORDERS "fd67b47c897c45398deefe2b819d4297"
#define ID_OFFSETS "0f1df3f30133460ca63eb09dfbc46ea4"

static void
uuid_hex(struct kuuid *u, const char *hex)
{
	cr_assert_eq(hex_parse(hex, u->b, sizeof u->b), 16);
}

Test(b64, reserved_uuids_have_kafkas_names)
{
	uint8_t u[16] = {0};
	char s[B64_UUID_LEN + 1];

	b64_encode(u, 16, true, s);
	cr_assert_str_eq(s, "AAAAAAAAAAAAAAAAAAAAAA");
	u[15] = 1;
	b64_encode(u, 16, true, s);
	cr_assert_str_eq(s, "AAAAAAAAAAAAAAAAAAAAAQ");
}

Test(b64, uuid_round_trips)
{
	uint8_t u[16], back[17];
	char s[B64_UUID_LEN + 1];

	cr_assert_eq(b64_decode("IT0vR5NvQYiQN2w3nJ4hBw", u), 16);
	cr_assert_eq(u[0], 0x21);
	cr_assert_eq(u[15], 0x07);
	b64_encode(u, 16, true, s);
	cr_assert_str_eq(s, "IT0vR5NvQYiQN2w3nJ4hBw");
	cr_assert_eq(b64_decode("-_-_", back), 3);
}

Test(b64, standard_alphabet_pads)
{
	char s[16];

	b64_encode((const uint8_t *)"salt", 4, false, s);
	cr_assert_str_eq(s, "c2FsdA==");
	b64_encode((const uint8_t *)"sal", 3, false, s);
	cr_assert_str_eq(s, "c2Fs");
	b64_encode((const uint8_t *)"", 0, false, s);
	cr_assert_str_eq(s, "");
}

Test(b64, rejects_garbage_and_nonzero_padding_bits)
{
	uint8_t out[16];

	cr_assert_eq(b64_decode("a!bc", out), -1);
	cr_assert_eq(b64_decode("a", out), -1);
	cr_assert_eq(b64_decode("AB==", out), -1); /* 'B' leaves bits set */
	cr_assert_eq(b64_decode("AA===", out), -1);
}

Test(b64, uuid_text_as_kafka_writes_and_reads_it)
{
	struct kuuid u = {{0}}, back;
	char s[B64_UUID_LEN + 1];

	u.b[0] = 0xfd;
	u.b[15] = 0xff;
	cr_assert_str_eq(b64_uuid_str(&u, s), "_QAAAAAAAAAAAAAAAAAA_w");
	cr_assert_eq(b64_uuid_parse(s, strlen(s), &back), 0);
	cr_assert_arr_eq(back.b, u.b, 16);
	cr_assert_eq(b64_uuid_parse("_QAAAAAAAAAAAAAAAAAA_w==", 24, &back), 0);
	/* Java's URL decoder: no '+' or '/', no partial padding. */
	cr_assert_eq(b64_uuid_parse("+QAAAAAAAAAAAAAAAAAA_w", 22, &back), -1);
	cr_assert_eq(b64_uuid_parse("_QAAAAAAAAAAAAAAAAAA_w=", 23, &back), -1);
}

Test(b64, uuid_str)
{
	struct kuuid u;
	char s[B64_UUID_LEN + 1];

	/* zookeeper-layout.md 7.1 notes. */
	uuid_hex(&u, ID_ORDERS);
	cr_assert_str_eq(b64_uuid_str(&u, s), "_We0fIl8RTmN7v4rgZ1Clw");
	uuid_hex(&u, ID_OFFSETS);
	cr_assert_str_eq(b64_uuid_str(&u, s), "Dx3z8wEzRgymPrCd-8RupA");
	memset(&u, 0, sizeof u);
	cr_assert_str_eq(b64_uuid_str(&u, s), "AAAAAAAAAAAAAAAAAAAAAA");
}

/*
 * CRC-32C, reflected polynomial 0x82F63B78, slicing by 8 bytes: large
 * metadata log segments are checked at memory speed.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>

#include "crc32c.h"

static uint32_t crc32c_tab[8][256];
static pthread_once_t crc32c_once = PTHREAD_ONCE_INIT;

static void
crc32c_init(void)
{
	uint32_t c;
	int i, j;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78 : c >> 1;
		crc32c_tab[0][i] = c;
	}
	for (i = 0; i < 256; i++) {
		c = crc32c_tab[0][i];
		for (j = 1; j < 8; j++) {
			c = crc32c_tab[0][c & 0xff] ^ (c >> 8);
			crc32c_tab[j][i] = c;
		}
	}
}

uint32_t
crc32c(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t c = ~crc;
	uint32_t lo, hi;

	pthread_once(&crc32c_once, crc32c_init);
	while (len >= 8) {
		lo = c ^
		    ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
			(uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
		hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
		    (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
		c = crc32c_tab[7][lo & 0xff] ^ crc32c_tab[6][(lo >> 8) & 0xff] ^
		    crc32c_tab[5][(lo >> 16) & 0xff] ^ crc32c_tab[4][lo >> 24] ^
		    crc32c_tab[3][hi & 0xff] ^ crc32c_tab[2][(hi >> 8) & 0xff] ^
		    crc32c_tab[1][(hi >> 16) & 0xff] ^ crc32c_tab[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len-- > 0)
		c = crc32c_tab[0][(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

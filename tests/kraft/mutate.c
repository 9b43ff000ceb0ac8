/*
 * mutate SEED IN OUT: write a damaged copy of IN for the mutation test.
 * One to three random edits (bit flips, byte and word overwrites with
 * boundary values, truncation, deletion, insertion, duplication); for odd
 * seeds the batch CRCs are then recomputed, so the damage reaches the
 * record decoder instead of stopping at the CRC check.  Deterministic.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crc32c.h"

static uint64_t state;

static uint64_t
rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static size_t
pick(size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd() % n);
}

static void
fix_crcs(uint8_t *p, size_t len)
{
	size_t pos = 0, size;
	uint32_t length, crc;

	while (len - pos >= 61) {
		length = (uint32_t)p[pos + 8] << 24 |
		    (uint32_t)p[pos + 9] << 16 | (uint32_t)p[pos + 10] << 8 |
		    p[pos + 11];
		size = (size_t)length + 12;
		if (length < 49 || size > len - pos)
			break;
		crc = crc32c(0, p + pos + 21, size - 21);
		p[pos + 17] = (uint8_t)(crc >> 24);
		p[pos + 18] = (uint8_t)(crc >> 16);
		p[pos + 19] = (uint8_t)(crc >> 8);
		p[pos + 20] = (uint8_t)crc;
		pos += size;
	}
}

int
main(int argc, char **argv)
{
	static const uint32_t words[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fffffff,
	    0x80000000, 0xffffffff, 0x00ffffff};
	uint8_t *p, *q;
	size_t len, at, n, i, edits;
	uint32_t w;
	FILE *fp;
	long sz;

	if (argc != 4)
		return 2;
	state = strtoull(argv[1], NULL, 10) * 0x9e3779b97f4a7c15ull + 1;
	if ((fp = fopen(argv[2], "rb")) == NULL)
		return 1;
	fseek(fp, 0, SEEK_END);
	sz = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	len = (size_t)sz;
	p = malloc(len * 2 + 64);
	if (p == NULL || fread(p, 1, len, fp) != len)
		return 1;
	fclose(fp);
	edits = 1 + pick(3);
	for (i = 0; i < edits && len > 0; i++) {
		at = pick(len);
		switch (pick(7)) {
		case 0:
			p[at] ^= (uint8_t)(1u << pick(8));
			break;
		case 1:
			p[at] = (uint8_t)rnd();
			break;
		case 2:
			w = words[pick(sizeof words / sizeof words[0])];
			for (n = 0; n < 4 && at + n < len; n++)
				p[at + n] = (uint8_t)(w >> (24 - 8 * n));
			break;
		case 3:
			len = at;
			break;
		case 4:
			n = 1 + pick(16);
			if (n > len - at)
				n = len - at;
			memmove(p + at, p + at + n, len - at - n);
			len -= n;
			break;
		case 5:
			n = 1 + pick(8);
			memmove(p + at + n, p + at, len - at);
			for (size_t k = 0; k < n; k++)
				p[at + k] = (uint8_t)rnd();
			len += n;
			break;
		default:
			n = 1 + pick(32);
			if (n > len - at)
				n = len - at;
			q = malloc(n);
			memcpy(q, p + at, n);
			memmove(p + at + n, p + at, len - at);
			memcpy(p + at, q, n);
			free(q);
			len += n;
			break;
		}
	}
	if (strtoull(argv[1], NULL, 10) % 2 == 1)
		fix_crcs(p, len);
	if ((fp = fopen(argv[3], "wb")) == NULL ||
	    fwrite(p, 1, len, fp) != len || fclose(fp) != 0)
		return 1;
	free(p);
	return 0;
}

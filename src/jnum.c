/*
 * Java's number syntax (see jnum.h).  The parsers check the syntax as
 * Java does and leave the value to the C library, which rounds the same;
 * the printer writes the shortest decimal that reads back, laid out as
 * Double.toString() lays it out.
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jnum.h"
#include "xmalloc.h"

/*
 * Java's Integer.parseInt / Long.parseLong in radix 10, which Kafka uses
 * on znode names and numeric strings: an optional sign, then ASCII
 * digits, nothing else.
 */
int
jnum_parse_long(const char *s, int64_t min, int64_t max, int64_t *out)
{
	uint64_t v = 0, lim;
	bool neg = false;
	int64_t r;
	unsigned d;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (*s == '\0')
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (!neg)
		r = (int64_t)v;
	else if (v == (uint64_t)INT64_MAX + 1)
		r = INT64_MIN;
	else
		r = -(int64_t)v;
	if (r < min || r > max)
		return -1;
	*out = r;
	return 0;
}

int
jnum_parse_i32(const char *s, int32_t *out)
{
	int64_t v;

	if (jnum_parse_long(s, INT32_MIN, INT32_MAX, &v) == -1)
		return -1;
	*out = (int32_t)v;
	return 0;
}

int
jnum_hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20; /* 'A'..'F' become 'a'..'f'; no other byte does */
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static bool
jnum_isdigit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/*
 * Java's Double.parseDouble (FloatingDecimal.readJavaFormatString): the
 * syntax is checked here and the value left to strtod(), which rounds
 * correctly as Java does.  The program never calls setlocale(), so
 * strtod() reads "." as the decimal point.
 */
int
jnum_parse_double(const char *s, double *out)
{
	const char *b, *e, *p;
	bool neg = false;
	size_t ndig = 0, len;
	char *buf, *end;
	double v;
	int ret = -1;

	/* String.trim(): every char <= ' ' at both ends. */
	for (b = s; *b != '\0' && (unsigned char)*b <= ' '; b++)
		;
	for (e = b + strlen(b); e > b && (unsigned char)e[-1] <= ' '; e--)
		;
	p = b;
	if (p < e && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	len = (size_t)(e - p);
	if (len == 3 && memcmp(p, "NaN", 3) == 0) {
		*out = NAN;
		return 0;
	}
	if (len == 8 && memcmp(p, "Infinity", 8) == 0) {
		*out = neg ? -INFINITY : INFINITY;
		return 0;
	}
	if (len > 1 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		/* [-+]?0[xX](hex+ .? | hex* . hex+)[pP][-+]?digit+[fFdD]? */
		for (p += 2; p < e && jnum_hexval((unsigned char)*p) != -1; p++)
			ndig++;
		if (p < e && *p == '.')
			for (p++; p < e && jnum_hexval((unsigned char)*p) != -1;
			     p++)
				ndig++;
		if (ndig == 0 || p == e || (*p != 'p' && *p != 'P'))
			return -1;
		p++;
	} else {
		for (; p < e && jnum_isdigit(*p); p++)
			ndig++;
		if (p < e && *p == '.')
			for (p++; p < e && jnum_isdigit(*p); p++)
				ndig++;
		if (ndig == 0)
			return -1;
		if (p == e || (*p != 'e' && *p != 'E'))
			goto suffix;
		p++;
	}
	/* The exponent: mandatory for hex, after e/E for decimal. */
	if (p < e && (*p == '+' || *p == '-'))
		p++;
	if (p == e || !jnum_isdigit(*p))
		return -1;
	while (p < e && jnum_isdigit(*p))
		p++;
suffix:
	if (p < e && p + 1 == e &&
	    (*p == 'f' || *p == 'F' || *p == 'd' || *p == 'D'))
		e--;
	if (p != e)
		return -1;
	buf = xmalloc((size_t)(e - b) + 1);
	memcpy(buf, b, (size_t)(e - b));
	buf[e - b] = '\0';
	v = strtod(buf, &end);
	if (*end == '\0') {
		*out = v;
		ret = 0;
	}
	free(buf);
	return ret;
}

void
jnum_put_double(struct buf *out, double d)
{
	char tmp[40], digits[20], *e;
	int prec, exp, ndig, i;
	size_t k = 0;

	if (isnan(d)) {
		buf_printf(out, "NaN");
		return;
	}
	if (isinf(d)) {
		buf_printf(out, "%s", d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == 0) {
		buf_printf(out, "%s", signbit(d) ? "-0.0" : "0.0");
		return;
	}
	/* The shortest decimal that reads back as d. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	if (d < 0)
		buf_put_u8(out, '-');
	for (i = d < 0 ? 1 : 0; tmp[i] != 'e'; i++)
		if (tmp[i] != '.')
			digits[k++] = tmp[i];
	exp = (int)strtol(tmp + i + 1, &e, 10);
	while (k > 1 && digits[k - 1] == '0')
		k--;
	ndig = (int)k;
	if (fabs(d) >= 1e-3 && fabs(d) < 1e7) {
		if (exp >= 0) {
			for (i = 0; i <= exp; i++)
				buf_put_u8(out, i < ndig ? digits[i] : '0');
			buf_put_u8(out, '.');
			if (ndig > exp + 1)
				buf_put(out, digits + exp + 1,
				    (size_t)(ndig - exp - 1));
			else
				buf_put_u8(out, '0');
		} else {
			buf_printf(out, "0.");
			for (i = 0; i < -exp - 1; i++)
				buf_put_u8(out, '0');
			buf_put(out, digits, (size_t)ndig);
		}
		return;
	}
	buf_put_u8(out, digits[0]);
	buf_put_u8(out, '.');
	if (ndig > 1)
		buf_put(out, digits + 1, (size_t)ndig - 1);
	else
		buf_put_u8(out, '0');
	buf_printf(out, "E%d", exp);
}

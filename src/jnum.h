/*
 * Java's number syntax, as Kafka reads and writes it: Integer.parseInt and
 * Long.parseLong (znode names and numeric strings), Double.parseDouble
 * (quota values) and Double.toString (how Kafka prints a double).  The
 * model parses with it; reports, verify and inspect print with it.
 * Nothing here allocates what the caller must free, bar what it appends
 * to the caller's buffer.
 */
#ifndef JNUM_H
#define JNUM_H

#include <stdint.h>

struct buf;

/*
 * Java's Long.parseLong(s) in radix 10: an optional sign, then ASCII
 * digits, nothing else.  Returns 0 with *out set when the value lies in
 * [min, max], or -1.
 */
int jnum_parse_long(const char *s, int64_t min, int64_t max, int64_t *out);

/* Java's Integer.parseInt(s): jnum_parse_long() in the int32 range. */
int jnum_parse_i32(const char *s, int32_t *out);

/*
 * Java's Double.parseDouble: surrounding whitespace (<= ' '), an optional
 * trailing d/D/f/F, NaN, Infinity, decimal and hexadecimal forms.
 * Returns 0 and fills *out, or -1.
 */
int jnum_parse_double(const char *s, double *out);

/* Character.digit(ch, 16) of an ASCII character, or -1. */
int jnum_hexval(unsigned char ch);

/* Append Java's Double.toString(d) to out. */
void jnum_put_double(struct buf *out, double d);

#endif /* JNUM_H */

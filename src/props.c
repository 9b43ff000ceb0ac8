/*
 * Java .properties text (see props.h).  The line rules follow
 * java.util.Properties.LineReader, the key/value split Properties.load0
 * and the escapes Properties.loadConvert.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "props.h"
#include "xmalloc.h"

static bool
props_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

static bool
props_eol(uint8_t c)
{
	return c == '\n' || c == '\r';
}

/* Append code point cp as UTF-8.  Java keeps UTF-16 code units; a lone
 * surrogate has no UTF-8 form and becomes U+FFFD. */
static void
props_put_utf8(struct buf *b, uint32_t cp)
{
	if (cp >= 0xd800 && cp <= 0xdfff)
		cp = 0xfffd;
	if (cp < 0x80)
		buf_put_u8(b, (uint8_t)cp);
	else if (cp < 0x800) {
		buf_put_u8(b, (uint8_t)(0xc0 | cp >> 6));
		buf_put_u8(b, (uint8_t)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_put_u8(b, (uint8_t)(0xe0 | cp >> 12));
		buf_put_u8(b, (uint8_t)(0x80 | ((cp >> 6) & 0x3f)));
		buf_put_u8(b, (uint8_t)(0x80 | (cp & 0x3f)));
	} else {
		buf_put_u8(b, (uint8_t)(0xf0 | cp >> 18));
		buf_put_u8(b, (uint8_t)(0x80 | ((cp >> 12) & 0x3f)));
		buf_put_u8(b, (uint8_t)(0x80 | ((cp >> 6) & 0x3f)));
		buf_put_u8(b, (uint8_t)(0x80 | (cp & 0x3f)));
	}
}

static int
props_hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Undo the escapes of p[0, len) into a new NUL-terminated UTF-8 string.
 * A high surrogate escape followed by a low one is one code point.
 */
static char *
props_convert(const uint8_t *p, size_t len, const char **why)
{
	struct buf b = {0};
	uint32_t cp, lo;
	size_t i = 0, k;
	int d;

	while (i < len) {
		cp = p[i++];
		if (cp == '\\' && i < len) {
			cp = p[i++];
			if (cp == 'u') {
				if (len - i < 4)
					goto bad;
				for (cp = 0, k = 0; k < 4; k++) {
					if ((d = props_hex(p[i + k])) == -1)
						goto bad;
					cp = cp << 4 | (uint32_t)d;
				}
				i += 4;
				if (cp >= 0xd800 && cp <= 0xdbff &&
				    len - i >= 6 && p[i] == '\\' &&
				    p[i + 1] == 'u') {
					for (lo = 0, k = 0; k < 4; k++) {
						if ((d = props_hex(
							 p[i + 2 + k])) == -1)
							break;
						lo = lo << 4 | (uint32_t)d;
					}
					if (k == 4 && lo >= 0xdc00 &&
					    lo <= 0xdfff) {
						cp = 0x10000 +
						    ((cp - 0xd800) << 10) +
						    (lo - 0xdc00);
						i += 6;
					}
				}
			} else if (cp == 't')
				cp = '\t';
			else if (cp == 'r')
				cp = '\r';
			else if (cp == 'n')
				cp = '\n';
			else if (cp == 'f')
				cp = '\f';
		} else if (cp == '\\')
			continue; /* a lone backslash at the end: dropped */
		if (cp == 0) {
			*why = "a NUL character";
			goto fail;
		}
		props_put_utf8(&b, cp);
	}
	buf_put_u8(&b, '\0');
	return (char *)b.data;
bad:
	*why = "malformed \\uxxxx encoding";
fail:
	buf_free(&b);
	return NULL;
}

static void
props_set(struct props *p, char *key, char *value)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].key, key) == 0) {
			free(key);
			free(p->v[i].value);
			p->v[i].value = value;
			return;
		}
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n].key = key;
	p->v[p->n].value = value;
	p->n++;
}

/* Split one logical line into key and value (Properties.load0). */
static int
props_line(struct props *p, const uint8_t *l, size_t len, const char **why)
{
	size_t klen = 0, vstart = len;
	bool sep = false, bs = false;
	char *key, *value;
	uint8_t c;

	while (klen < len) {
		c = l[klen];
		if ((c == '=' || c == ':') && !bs) {
			vstart = klen + 1;
			sep = true;
			break;
		}
		if (props_blank(c) && !bs) {
			vstart = klen + 1;
			break;
		}
		bs = c == '\\' ? !bs : false;
		klen++;
	}
	while (vstart < len) {
		c = l[vstart];
		if (!props_blank(c)) {
			if (!sep && (c == '=' || c == ':'))
				sep = true;
			else
				break;
		}
		vstart++;
	}
	if ((key = props_convert(l, klen, why)) == NULL)
		return -1;
	if ((value = props_convert(l + vstart, len - vstart, why)) == NULL) {
		free(key);
		return -1;
	}
	props_set(p, key, value);
	return 0;
}

/* Consume a line terminator at *pos: \n, \r or \r\n. */
static void
props_skip_eol(const uint8_t *data, size_t len, size_t *pos)
{
	if (*pos < len && data[*pos] == '\r') {
		(*pos)++;
		if (*pos < len && data[*pos] == '\n')
			(*pos)++;
	} else if (*pos < len && data[*pos] == '\n')
		(*pos)++;
}

int
props_parse(struct props *p, const uint8_t *data, size_t len, const char **why)
{
	struct buf line = {0};
	size_t pos = 0, start, trailing;
	int ret = -1;

	while (pos < len) {
		while (pos < len && props_blank(data[pos]))
			pos++;
		if (pos < len && props_eol(data[pos])) {
			props_skip_eol(data, len, &pos);
			continue;
		}
		if (pos < len && (data[pos] == '#' || data[pos] == '!')) {
			while (pos < len && !props_eol(data[pos]))
				pos++;
			props_skip_eol(data, len, &pos);
			continue;
		}
		line.len = 0;
		for (;;) {
			start = pos;
			while (pos < len && !props_eol(data[pos]))
				pos++;
			buf_put(&line, data + start, pos - start);
			/* Backslashes of this natural line only. */
			for (trailing = 0; trailing < pos - start &&
			     data[pos - 1 - trailing] == '\\';
			     trailing++)
				;
			if (trailing % 2 == 0)
				break;
			line.len--; /* the continuation backslash */
			if (pos == len)
				break;
			props_skip_eol(data, len, &pos);
			while (pos < len && props_blank(data[pos]))
				pos++;
		}
		props_skip_eol(data, len, &pos);
		if (line.len > 0 &&
		    props_line(p, line.data, line.len, why) == -1)
			goto out;
	}
	ret = 0;
out:
	buf_free(&line);
	return ret;
}

const char *
props_get(const struct props *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0)
			return p->v[i].value;
	return NULL;
}

void
props_free(struct props *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].value);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

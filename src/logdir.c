/*
 * Kafka's log directory rules (see logdir.h).  Each function names the
 * Kafka code whose behaviour it follows; Kafka 3.9 and trunk agree.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "logdir.h"
#include "utf8.h"

static const struct {
	const char *suffix;
	enum logdir_kind kind;
} logdir_suffixes[] = {
    {"-delete", LOGDIR_DELETE},
    {"-future", LOGDIR_FUTURE},
    {"-stray", LOGDIR_STRAY},
};

/* Java's regular expression \s: [ \t\n\x0B\f\r]. */
static bool
logdir_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* Whether p[0, len) matches ^(\S+)-(\S+)\.(\S+)$ (LocalLog's
 * DeleteDirPattern and friends, without their suffix). */
static bool
logdir_suffix_pattern(const char *p, size_t len)
{
	size_t i, dash = 0, dot = 0;

	for (i = 0; i < len; i++)
		if (logdir_space(p[i]))
			return false;
	for (i = 1; i < len && dash == 0; i++)
		if (p[i] == '-')
			dash = i;
	for (i = len >= 2 ? len - 2 : 0; i > 0 && dot == 0; i--)
		if (p[i] == '.')
			dot = i;
	return dash > 0 && dot >= dash + 2;
}

int
logdir_parse_int(const char *s, size_t len, int32_t *out)
{
	int64_t v = 0;
	bool neg = false;
	size_t i = 0;

	if (len > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
		if (v > (int64_t)INT32_MAX + 1)
			return -1;
	}
	if (neg)
		v = -v;
	if (v > INT32_MAX || v < INT32_MIN)
		return -1;
	*out = (int32_t)v;
	return 0;
}

bool
logdir_parse_name(const char *name, struct logdir_name *out)
{
	size_t len = strlen(name), slen, end, i, dash;
	enum logdir_kind kind = LOGDIR_CURRENT;
	bool suffixed = false;
	int32_t partition;

	if (len == 0 || strchr(name, '-') == NULL)
		return false;
	for (i = 0; i < sizeof logdir_suffixes / sizeof logdir_suffixes[0];
	     i++) {
		slen = strlen(logdir_suffixes[i].suffix);
		if (len < slen ||
		    strcmp(name + len - slen, logdir_suffixes[i].suffix) != 0)
			continue;
		if (!logdir_suffix_pattern(name, len - slen))
			return false;
		kind = logdir_suffixes[i].kind;
		suffixed = true;
		break;
	}
	/* A suffixed name loses everything from its last '.'. */
	end = len;
	if (suffixed)
		for (end = len; end > 0 && name[end - 1] != '.'; end--)
			;
	if (suffixed)
		end--;
	for (dash = end; dash > 0 && name[dash - 1] != '-'; dash--)
		;
	if (dash == 0)
		return false;
	dash--;
	if (dash == 0 || dash + 1 == end ||
	    logdir_parse_int(name + dash + 1, end - dash - 1, &partition) == -1)
		return false;
	out->topic_len = dash;
	out->partition = partition;
	out->kind = kind;
	return true;
}

const char *
logdir_kind_name(enum logdir_kind kind)
{
	switch (kind) {
	case LOGDIR_FUTURE:
		return "future";
	case LOGDIR_DELETE:
		return "delete";
	case LOGDIR_STRAY:
		return "stray";
	case LOGDIR_CURRENT:
		break;
	}
	return "current";
}

/* One line of p[*pos, len) as BufferedReader.readLine splits them (\n, \r
 * or \r\n); false at the end. */
static bool
logdir_readline(const uint8_t *p, size_t len, size_t *pos, const char **line,
    size_t *linelen)
{
	size_t start = *pos;

	if (start >= len)
		return false;
	while (*pos < len && p[*pos] != '\n' && p[*pos] != '\r')
		(*pos)++;
	*line = (const char *)p + start;
	*linelen = *pos - start;
	if (*pos < len && p[*pos] == '\r')
		(*pos)++;
	else if (*pos < len && p[*pos] == '\n')
		(*pos)++;
	if (*pos < len && p[*pos] == '\n' && p[*pos - 1] == '\r')
		(*pos)++;
	return true;
}

/*
 * Split line at ":\s+" as String.split does, trailing empty parts dropped,
 * and return the second part when that leaves exactly two.
 */
static bool
logdir_split2(const char *line, size_t len, const char **val, size_t *vlen)
{
	size_t i = 0, k = 0, start = 0, end, v0 = 0, v1 = 0;
	bool later = false;

	for (;;) {
		while (i < len &&
		    !(line[i] == ':' && i + 1 < len &&
			logdir_space(line[i + 1])))
			i++;
		end = i;
		if (k == 1) {
			v0 = start;
			v1 = end;
		} else if (k >= 2 && end > start)
			later = true;
		k++;
		if (i == len)
			break;
		for (i++; i < len && logdir_space(line[i]); i++)
			;
		start = i;
	}
	if (k < 2 || v1 == v0 || later)
		return false;
	*val = line + v0;
	*vlen = v1 - v0;
	return true;
}

int
logdir_pmeta_parse(
    const uint8_t *p, size_t len, struct kuuid *id, char *why, size_t whylen)
{
	static const struct kuuid zero;
	const char *line, *val;
	size_t pos = 0, linelen, vlen;
	int32_t version;

	/* Files.newBufferedReader decodes UTF-8 and refuses bad input. */
	if (!utf8_valid(p, len)) {
		snprintf(why, whylen, "not UTF-8");
		return -1;
	}
	if (!logdir_readline(p, len, &pos, &line, &linelen)) {
		snprintf(why, whylen, "empty");
		return -1;
	}
	if (!logdir_split2(line, linelen, &val, &vlen) ||
	    logdir_parse_int(val, vlen, &version) == -1) {
		snprintf(why, whylen, "malformed line \"%.*s\"",
		    (int)(linelen > 60 ? 60 : linelen), line);
		return -1;
	}
	if (version < 0) {
		snprintf(why, whylen, "unrecognized version %d", (int)version);
		return -1;
	}
	if (!logdir_readline(p, len, &pos, &line, &linelen)) {
		snprintf(why, whylen, "no topic_id line");
		return -1;
	}
	if (!logdir_split2(line, linelen, &val, &vlen)) {
		snprintf(why, whylen, "malformed line \"%.*s\"",
		    (int)(linelen > 60 ? 60 : linelen), line);
		return -1;
	}
	if (b64_uuid_parse(val, vlen, id) == -1) {
		snprintf(why, whylen, "not a topic id: \"%.*s\"",
		    (int)(vlen > 40 ? 40 : vlen), val);
		return -1;
	}
	if (memcmp(id, &zero, sizeof zero) == 0) {
		snprintf(why, whylen, "the zero topic id");
		return -1;
	}
	return 0;
}

size_t
logdir_pmeta_encode(const struct kuuid *id, char *out)
{
	char s[B64_UUID_LEN + 1];

	return (size_t)snprintf(out, LOGDIR_PMETA_MAX,
	    "version: 0\ntopic_id: %s", b64_uuid_str(id, s));
}

/* String.trim: drop characters up to U+0020 at both ends. */
static void
logdir_trim(const char **s, size_t *len)
{
	while (*len > 0 && (unsigned char)(*s)[0] <= ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (unsigned char)(*s)[*len - 1] <= ' ')
		(*len)--;
}

int
logdir_meta_parse(
    const struct props *p, struct logdir_meta *m, char *why, size_t whylen)
{
	const char *v, *key;
	size_t len;
	int32_t n;

	*m = (struct logdir_meta){0};
	/* MetaPropertiesVersion.fromNumberString: trimmed, 0 or 1. */
	if ((v = props_get(p, "version")) == NULL)
		v = "0";
	len = strlen(v);
	logdir_trim(&v, &len);
	if (logdir_parse_int(v, len, &n) == -1) {
		snprintf(why, whylen, "invalid version \"%s\"",
		    props_get(p, "version"));
		return -1;
	}
	if (n != 0 && n != 1) {
		snprintf(why, whylen, "unknown version %d", (int)n);
		return -1;
	}
	m->version = n;
	key = m->version == 0 ? "broker.id" : "node.id";
	if ((v = props_get(p, key)) != NULL) {
		if (logdir_parse_int(v, strlen(v), &m->node_id) == -1) {
			snprintf(why, whylen,
			    "%s \"%s\" is not a base-10 number", key, v);
			return -1;
		}
		m->has_node_id = true;
	} else if (m->version == 1) {
		snprintf(why, whylen, "no node.id in a version 1 file");
		return -1;
	}
	m->cluster_id = props_get(p, "cluster.id");
	if (m->cluster_id == NULL && m->version == 1) {
		snprintf(why, whylen, "no cluster.id in a version 1 file");
		return -1;
	}
	if ((v = props_get(p, "directory.id")) != NULL) {
		if (b64_uuid_parse(v, strlen(v), &m->directory_id) == -1) {
			snprintf(why, whylen,
			    "directory.id \"%s\" is not a UUID", v);
			return -1;
		}
		m->has_directory_id = true;
	}
	return 0;
}

bool
logdir_directory_id_reserved(const struct kuuid *u)
{
	uint64_t msb = 0, lsb = 0;
	size_t i;

	for (i = 0; i < 8; i++) {
		msb = msb << 8 | u->b[i];
		lsb = lsb << 8 | u->b[8 + i];
	}
	/* Java compares the signed long: a negative low half is "< 100". */
	return msb == 0 && (lsb < 100 || lsb >= UINT64_C(1) << 63);
}

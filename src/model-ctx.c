/*
 * The reading context every area reader of the model shares
 * (model-ctx.h): growable vectors moved into the model's arena, arena
 * strings, and the diagnostics that turn a bad znode into one line instead
 * of a stop.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "model-ctx.h"
#include "tree.h"
#include "utf8.h"
#include "xmalloc.h"

/* Longest piece of a znode's content quoted in a diagnostic. */
#define MODEL_QUOTE_MAX 64

void *
model_vec_push(struct model_vec *v, size_t size)
{
	void *p;

	if (v->n == v->cap) {
		v->cap = v->cap == 0 ? 16 : v->cap * 2;
		v->v = xreallocarray(v->v, v->cap, size);
	}
	p = (char *)v->v + v->n * size;
	memset(p, 0, size);
	v->n++;
	return p;
}

/* Move v's elements into the arena; v is empty afterwards. */
void *
model_vec_take(struct model *m, struct model_vec *v, size_t size, size_t *n)
{
	void *p = NULL;

	*n = v->n;
	if (v->n > 0)
		p = arena_memdup(&m->arena, v->v, v->n * size);
	free(v->v);
	memset(v, 0, sizeof *v);
	return p;
}

const char *
model_strdup(struct model_ctx *c, const char *s)
{
	return arena_strndup(&c->m->arena, s, strlen(s));
}

/*
 * s quoted for a diagnostic: escaped so it stays on one line, and cut at
 * MODEL_QUOTE_MAX bytes since a znode may hold a megabyte.
 */
const char *
model_q(struct model_ctx *c, const char *s)
{
	char *out, *o;
	size_t i;

	out = o = arena_alloc(&c->m->arena, MODEL_QUOTE_MAX * 4 + 8);
	*o++ = '"';
	for (i = 0; s[i] != '\0' && i < MODEL_QUOTE_MAX; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\')
			o += sprintf(o, "\\x%02x", ch);
		else
			*o++ = (char)ch;
	}
	*o++ = '"';
	if (s[i] != '\0') {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

static void model_vdiag(struct model_ctx *, enum model_severity, const char *,
    const char *, const char *, const char *, va_list)
    __attribute__((format(printf, 6, 0)));

/*
 * Record a diagnostic.  code is a static string; path and the message are
 * copied.  kafka, when not NULL, says what Kafka's migration does with
 * the znode and ends the message.  The message is forced onto one line
 * and into UTF-8, since it may quote jansson's view of arbitrary bytes.
 */
static void
model_vdiag(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *kafka, const char *fmt, va_list ap)
{
	struct model_diag *d;
	char *msg, *p;
	bool utf8;

	msg = arena_vprintf(&c->m->arena, fmt, ap);
	if (kafka != NULL)
		msg = model_printf(c, "%s; %s", msg, kafka);
	utf8 = utf8_valid((const uint8_t *)msg, strlen(msg));
	for (p = msg; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x20 || ch == 0x7f || (!utf8 && ch >= 0x80))
			*p = '?';
	}
	d = model_vec_push(&c->diags, sizeof *d);
	d->severity = sev;
	d->code = code;
	d->path = model_strdup(c, path);
	d->msg = msg;
}

/* A diagnostic; an error ends with what Kafka does (model_ctx.kafka). */
void
model_diag(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	model_vdiag(
	    c, sev, code, path, sev == MODEL_ERROR ? c->kafka : NULL, fmt, ap);
	va_end(ap);
}

/* What Kafka does with a string holding U+0000 (see model_ctx). */
const char *
model_kafka_nul(const struct model_ctx *c)
{
	return c->kafka_nul != NULL ? c->kafka_nul : c->kafka;
}

/* A diagnostic ending with kafka instead (NULL: nothing). */
void
model_diagk(struct model_ctx *c, enum model_severity sev, const char *code,
    const char *path, const char *kafka, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	model_vdiag(c, sev, code, path, kafka, fmt, ap);
	va_end(ap);
}

const struct znode *
model_at(struct model_ctx *c, const char *rel)
{
	return tree_at(c->t, c->root, rel);
}

const char *
model_path(struct model_ctx *c, const struct znode *n)
{
	return tree_path(c->t, n, &c->paths);
}

/*
 * What Kafka's migration does where Integer.parseInt() reads s and fails:
 * it fails too, but Java also reads non-ASCII digits, which zk2kraft does
 * not.
 */
const char *
model_kafka_int(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return "Kafka's migration fails on it unless all its "
			       "characters are digits (Java's Integer.parseInt "
			       "also reads non-ASCII digits)";
	return MODEL_KAFKA_FAILS;
}

int
model_cmp_first_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * struct tree: building, indexing and the dump file (load and save).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "buf.h"
#include "error.h"
#include "fsio.h"
#include "tree.h"
#include "utf8.h"
#include "xmalloc.h"

#define TREE_FORMAT "zk2kraft-dump"
#define TREE_VERSION 1

void
tree_init(struct tree *t, const char *root)
{
	memset(t, 0, sizeof *t);
	t->root = arena_strndup(&t->arena, root, strlen(root));
}

size_t
tree_add(struct tree *t, const char *path, const uint8_t *data, size_t len,
    const struct zstat *st)
{
	struct znode *n;
	const char *slash;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 1024 : t->cap * 2;
		t->nodes = xreallocarray(t->nodes, t->cap, sizeof *t->nodes);
	}
	n = &t->nodes[t->n];
	memset(n, 0, sizeof *n);
	n->path = arena_strndup(&t->arena, path, strlen(path));
	slash = strrchr(n->path, '/');
	n->name = slash == NULL ? n->path : slash + 1;
	if (data != NULL) {
		/* A 0-byte payload is not null data: keep a non-NULL pointer.
		 */
		n->data = len == 0 ? (const uint8_t *)""
				   : arena_memdup(&t->arena, data, len);
		n->len = len;
	}
	n->stat = *st;
	n->parent = TREE_NONE;
	return t->n++;
}

static uint64_t
tree_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (uint8_t)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Index of the znode whose path is s[0..len), or TREE_NONE. */
static size_t
tree_lookup(const struct tree *t, const char *s, size_t len)
{
	size_t mask, i, idx;

	if (t->nindex == 0)
		return TREE_NONE;
	mask = t->nindex - 1;
	for (i = tree_hash(s, len) & mask;; i = (i + 1) & mask) {
		idx = t->index[i];
		if (idx == TREE_NONE)
			return TREE_NONE;
		if (strncmp(t->nodes[idx].path, s, len) == 0 &&
		    t->nodes[idx].path[len] == '\0')
			return idx;
	}
}

static int
tree_cmp(const void *a, const void *b)
{
	const struct znode *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* A path ZooKeeper would accept: "/" or "/a/b", no empty components. */
static bool
tree_path_ok(const char *p)
{
	if (p[0] != '/')
		return false;
	if (p[1] == '\0')
		return true;
	for (; *p != '\0'; p++)
		if (p[0] == '/' && (p[1] == '/' || p[1] == '\0'))
			return false;
	return true;
}

static bool
tree_under(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(path, root, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

int
tree_finish(struct tree *t, struct error *e)
{
	size_t i, j, mask, nroot = TREE_NONE, plen, *fill;
	struct znode *n;
	uint64_t h;

	if (!tree_path_ok(t->root))
		return error_set(
		    e, EXIT_FAIL, "%s: not a ZooKeeper path", t->root);
	/* A dump comes sorted already: then one pass instead of a sort. */
	for (i = 1; i < t->n; i++)
		if (strcmp(t->nodes[i - 1].path, t->nodes[i].path) > 0)
			break;
	if (i < t->n)
		qsort(t->nodes, t->n, sizeof *t->nodes, tree_cmp);
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		if (!tree_path_ok(n->path))
			return error_set(e, EXIT_FAIL,
			    "znode %s: not a ZooKeeper path", n->path);
		if (!tree_under(t->root, n->path))
			return error_set(e, EXIT_FAIL,
			    "znode %s: outside the root %s", n->path, t->root);
		if (i > 0 && strcmp(t->nodes[i - 1].path, n->path) == 0)
			return error_set(
			    e, EXIT_FAIL, "znode %s: listed twice", n->path);
		if (strcmp(n->path, t->root) == 0)
			nroot = i;
	}
	if (nroot == TREE_NONE)
		return error_set(
		    e, EXIT_FAIL, "root znode %s: missing", t->root);

	for (t->nindex = 16; t->nindex < 2 * t->n; t->nindex *= 2)
		;
	t->index = xreallocarray(NULL, t->nindex, sizeof *t->index);
	for (i = 0; i < t->nindex; i++)
		t->index[i] = TREE_NONE;
	mask = t->nindex - 1;
	for (i = 0; i < t->n; i++) {
		h = tree_hash(t->nodes[i].path, strlen(t->nodes[i].path));
		for (j = h & mask; t->index[j] != TREE_NONE; j = (j + 1) & mask)
			;
		t->index[j] = i;
	}

	t->min_zxid = t->n > 0 ? INT64_MAX : 0;
	t->max_zxid = 0;
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		if (n->stat.mzxid < t->min_zxid)
			t->min_zxid = n->stat.mzxid;
		if (n->stat.czxid > t->max_zxid)
			t->max_zxid = n->stat.czxid;
		if (n->stat.mzxid > t->max_zxid)
			t->max_zxid = n->stat.mzxid;
		if (n->stat.pzxid > t->max_zxid)
			t->max_zxid = n->stat.pzxid;
		if (i == nroot)
			continue;
		plen = (size_t)(n->name - 1 - n->path);
		n->parent = tree_lookup(t, n->path, plen == 0 ? 1 : plen);
		if (n->parent == TREE_NONE)
			return error_set(e, EXIT_FAIL,
			    "znode %s: its parent is not in the tree", n->path);
		t->nodes[n->parent].nchildren++;
	}

	/* Sorted by path, so each parent's children arrive in name order. */
	fill = xcalloc(t->n, sizeof *fill);
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		if (n->nchildren > 0)
			n->children = arena_alloc(
			    &t->arena, n->nchildren * sizeof *n->children);
	}
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		if (n->parent != TREE_NONE)
			t->nodes[n->parent].children[fill[n->parent]++] = i;
	}
	free(fill);
	return 0;
}

void
tree_free(struct tree *t)
{
	if (t == NULL)
		return;
	free(t->nodes);
	free(t->index);
	arena_free(&t->arena);
	memset(t, 0, sizeof *t);
}

const struct znode *
tree_find(const struct tree *t, const char *path)
{
	size_t i = tree_lookup(t, path, strlen(path));

	return i == TREE_NONE ? NULL : &t->nodes[i];
}

const struct znode *
tree_at(const struct tree *t, const struct znode *base, const char *rel)
{
	char *path;
	const struct znode *n;

	if (base == NULL)
		return NULL;
	if (*rel == '\0')
		return base;
	if (strcmp(base->path, "/") == 0)
		path = xasprintf("/%s", rel);
	else
		path = xasprintf("%s/%s", base->path, rel);
	n = tree_find(t, path);
	free(path);
	return n;
}

const struct znode *
tree_child(const struct tree *t, const struct znode *n, const char *name)
{
	size_t lo = 0, hi, mid;
	int c;

	if (n == NULL)
		return NULL;
	hi = n->nchildren;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(t->nodes[n->children[mid]].name, name);
		if (c == 0)
			return &t->nodes[n->children[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct znode *
tree_child_at(const struct tree *t, const struct znode *n, size_t i)
{
	return &t->nodes[n->children[i]];
}

/* ---- The dump file ---------------------------------------------------- */

/* Write s[0..len) as a JSON string, escaped the one way the format allows. */
static void
tree_put_string(FILE *fp, const char *s, size_t len)
{
	struct buf b = {0};

	buf_put_json_str(&b, s, len);
	fwrite(b.data, 1, b.len, fp);
	buf_free(&b);
}

int
tree_write(const struct tree *t, FILE *fp, struct error *e)
{
	const struct znode *n;
	char *b64;
	size_t i;

	fputs("{\"format\":\"" TREE_FORMAT "\",\"version\":1,\"root\":", fp);
	tree_put_string(fp, t->root, strlen(t->root));
	fputs(",\"znodes\":[\n", fp);
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		fputs("{\"path\":", fp);
		tree_put_string(fp, n->path, strlen(n->path));
		if (n->data == NULL)
			fputs(",\"data\":null", fp);
		else if (utf8_valid(n->data, n->len) &&
		    memchr(n->data, '\0', n->len) == NULL) {
			fputs(",\"data\":", fp);
			tree_put_string(fp, (const char *)n->data, n->len);
		} else {
			b64 = xmalloc(b64_encoded_size(n->len, false));
			b64_encode(n->data, n->len, false, b64);
			fprintf(fp, ",\"data_base64\":\"%s\"", b64);
			free(b64);
		}
		fprintf(fp,
		    ",\"version\":%" PRId32 ",\"cversion\":%" PRId32
		    ",\"czxid\":%" PRId64 ",\"mzxid\":%" PRId64
		    ",\"pzxid\":%" PRId64 ",\"ephemeral_owner\":%" PRId64
		    "}%s\n",
		    n->stat.version, n->stat.cversion, n->stat.czxid,
		    n->stat.mzxid, n->stat.pzxid, n->stat.ephemeral_owner,
		    i + 1 < t->n ? "," : "");
	}
	fputs("]}\n", fp);
	if (ferror(fp))
		return error_set(e, EXIT_FAIL, "write: %s", strerror(errno));
	return 0;
}

int
tree_save(const struct tree *t, const char *path, struct error *e)
{
	struct fsio fs = {0};
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		if (tree_write(t, stdout, e) == -1)
			return -1;
		if (fflush(stdout) == EOF)
			return error_set(
			    e, EXIT_FAIL, "stdout: %s", strerror(errno));
		return 0;
	}
	if ((fp = fsio_open(&fs, path, 0600, e)) == NULL)
		goto fail;
	if (tree_write(t, fp, e) == -1) {
		error_prefix(e, fsio_last(&fs));
		fclose(fp);
		goto fail;
	}
	if (fsio_close(&fs, fp, e) == -1 || fsio_commit(&fs, e) == -1)
		goto fail;
	return 0;
fail:
	fsio_abort(&fs);
	return -1;
}

/* An integer member that fits [min, max]. */
static int
tree_get_int(json_t *o, const char *key, int64_t min, int64_t max, int64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return -1;
	*out = json_integer_value(v);
	if (*out < min || *out > max)
		return -1;
	return 0;
}

/* A znode's stat from the dump's six numbers, in the dump's order:
 * version, cversion, czxid, mzxid, pzxid, ephemeral_owner. */
static void
tree_stat_set(struct zstat *st, const int64_t v[6])
{
	st->version = (int32_t)v[0];
	st->cversion = (int32_t)v[1];
	st->czxid = v[2];
	st->mzxid = v[3];
	st->pzxid = v[4];
	st->ephemeral_owner = v[5];
}

static int
tree_load_znode(
    struct tree *t, json_t *z, size_t i, const char *file, struct error *e)
{
	static const char *const ikeys[] = {"version", "cversion", "czxid",
	    "mzxid", "pzxid", "ephemeral_owner"};
	json_t *path, *data, *b64;
	const char *key;
	json_t *v;
	struct zstat st;
	int64_t ival[6];
	uint8_t *raw = NULL;
	long rawlen;
	size_t k;
	int ret = -1;

	if (!json_is_object(z))
		return error_set(
		    e, EXIT_FAIL, "%s: znode %zu: not a JSON object", file, i);
	path = json_object_get(z, "path");
	if (!json_is_string(path) ||
	    strlen(json_string_value(path)) != json_string_length(path))
		return error_set(e, EXIT_FAIL,
		    "%s: znode %zu: \"path\" is not a string", file, i);
	json_object_foreach(z, key, v)
	{
		for (k = 0; k < 6; k++)
			if (strcmp(key, ikeys[k]) == 0)
				break;
		if (k == 6 && strcmp(key, "path") != 0 &&
		    strcmp(key, "data") != 0 && strcmp(key, "data_base64") != 0)
			return error_set(e, EXIT_FAIL,
			    "%s: znode %s: unknown member \"%s\"", file,
			    json_string_value(path), key);
	}
	for (k = 0; k < 6; k++)
		if (tree_get_int(z, ikeys[k], k < 2 ? INT32_MIN : INT64_MIN,
			k < 2 ? INT32_MAX : INT64_MAX, &ival[k]) == -1)
			return error_set(e, EXIT_FAIL,
			    "%s: znode %s: \"%s\" is not a %s integer", file,
			    json_string_value(path), ikeys[k],
			    k < 2 ? "32-bit" : "64-bit");
	tree_stat_set(&st, ival);

	data = json_object_get(z, "data");
	b64 = json_object_get(z, "data_base64");
	if ((data == NULL) == (b64 == NULL))
		return error_set(e, EXIT_FAIL,
		    "%s: znode %s: needs exactly one of \"data\" and "
		    "\"data_base64\"",
		    file, json_string_value(path));
	if (data != NULL && json_is_null(data))
		tree_add(t, json_string_value(path), NULL, 0, &st);
	else if (data != NULL && json_is_string(data))
		tree_add(t, json_string_value(path),
		    (const uint8_t *)json_string_value(data),
		    json_string_length(data), &st);
	else if (b64 != NULL && json_is_string(b64)) {
		raw = xmalloc(json_string_length(b64) * 3 / 4 + 1);
		if ((rawlen = b64_decode(json_string_value(b64), raw)) < 0) {
			error_set(e, EXIT_FAIL,
			    "%s: znode %s: \"data_base64\" is not base64", file,
			    json_string_value(path));
			goto out;
		}
		tree_add(t, json_string_value(path), raw, (size_t)rawlen, &st);
	} else
		return error_set(e, EXIT_FAIL,
		    "%s: znode %s: \"%s\" has the wrong type", file,
		    json_string_value(path),
		    data != NULL ? "data" : "data_base64");
	ret = 0;
out:
	free(raw);
	return ret;
}

/*
 * The checks and the tree of a parsed dump document: the loader for any
 * valid JSON layout, and the one whose messages the fast loader keeps.
 */
static int
tree_load_doc(struct tree *t, json_t *doc, const char *file, struct error *e)
{
	json_t *znodes, *root, *fmt;
	int64_t version;
	size_t i;

	fmt = json_object_get(doc, "format");
	if (!json_is_string(fmt) ||
	    strcmp(json_string_value(fmt), TREE_FORMAT) != 0)
		return error_set(e, EXIT_FAIL,
		    "%s: not a zk2kraft dump (no "
		    "\"format\":\"" TREE_FORMAT "\")",
		    file);
	if (tree_get_int(doc, "version", 0, INT32_MAX, &version) == -1 ||
	    version != TREE_VERSION)
		return error_set(e, EXIT_FAIL,
		    "%s: dump format version not supported (this zk2kraft "
		    "reads version %d)",
		    file, TREE_VERSION);
	root = json_object_get(doc, "root");
	znodes = json_object_get(doc, "znodes");
	if (!json_is_string(root) || !json_is_array(znodes))
		return error_set(e, EXIT_FAIL,
		    "%s: needs a string \"root\" and an array \"znodes\"",
		    file);
	tree_init(t, json_string_value(root));
	for (i = 0; i < json_array_size(znodes); i++)
		if (tree_load_znode(t, json_array_get(znodes, i), i, file, e) ==
		    -1)
			return -1;
	if (tree_finish(t, e) == -1)
		return error_prefix(e, file);
	return 0;
}

/*
 * What the stream loader has read, for a fallback that parses the whole
 * document again: a file is read from its start, a pipe from the spool
 * of the lines already read and then the rest of the pipe.
 */
struct tree_replay {
	FILE *spool; /* NULL: none */
	FILE *rest;
};

static size_t
tree_replay_read(void *buf, size_t len, void *arg)
{
	struct tree_replay *r = arg;
	size_t n;

	if (r->spool != NULL) {
		if ((n = fread(buf, 1, len, r->spool)) > 0)
			return n;
		if (ferror(r->spool))
			return (size_t)-1;
		r->spool = NULL;
	}
	n = fread(buf, 1, len, r->rest);
	return n == 0 && ferror(r->rest) ? (size_t)-1 : n;
}

/* The whole document with jansson, then tree_load_doc(). */
static int
tree_load_json(
    struct tree *t, const char *path, struct tree_replay *r, struct error *e)
{
	json_error_t je;
	json_t *doc;
	const char *file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int ret;

	if (r != NULL)
		doc = json_load_callback(tree_replay_read, r, 0, &je);
	else
		doc = json_load_file(path, 0, &je);
	if (doc == NULL) {
		if (je.line <= 0)
			return error_set(e, EXIT_FAIL, "%s: %s", file, je.text);
		return error_set(e, EXIT_FAIL, "%s: line %d column %d: %s",
		    file, je.line, je.column, je.text);
	}
	ret = tree_load_doc(t, doc, file, e);
	json_decref(doc);
	return ret;
}

/* ---- Loading a canonical dump line by line ----------------------------- */

/* The stream loader's state: the current line, and the spool of a pipe. */
struct tree_stream {
	FILE *fp;
	FILE *spool; /* stdin when it cannot seek back: every line read */
	char *line;
	size_t cap;
	size_t len;    /* without the newline */
	bool newline;  /* the line ended with one */
	size_t nznode; /* znodes read */
};

/* The next line into ts->line; -1 at the end or on an error. */
static int
tree_stream_next(struct tree_stream *ts)
{
	ssize_t n;

	if ((n = getline(&ts->line, &ts->cap, ts->fp)) <= 0)
		return -1;
	if (ts->spool != NULL &&
	    fwrite(ts->line, 1, (size_t)n, ts->spool) != (size_t)n)
		return -1;
	ts->newline = ts->line[n - 1] == '\n';
	ts->len = (size_t)n - ts->newline;
	ts->line[ts->len] = '\0';
	return 0;
}

/* Skip the literal lit at *pp. */
static bool
tree_lit(char **pp, const char *lit, size_t n)
{
	if (strncmp(*pp, lit, n) != 0)
		return false;
	*pp += n;
	return true;
}

#define TREE_LIT(pp, s) tree_lit(pp, s, sizeof s - 1)

/*
 * A JSON string at *pp in the writer's one form, unescaped in place and
 * NUL-terminated: *out and *len.  Anything else (\u escapes, \/, raw
 * control characters, bad UTF-8) is left to jansson: false.
 */
static bool
tree_str(char **pp, char **out, size_t *len)
{
	char *p = *pp, *w;
	unsigned char c, high = 0;

	if (*p++ != '"')
		return false;
	*out = p;
	/* Most strings have no escape: nothing to move until the first. */
	while ((c = (unsigned char)*p) != '"' && c != '\\' && c >= 0x20) {
		high |= c;
		p++;
	}
	for (w = p;; p++) {
		c = (unsigned char)*p;
		if (c == '"')
			break;
		if (c < 0x20)
			return false; /* includes the line's NUL */
		high |= c;
		if (c == '\\') {
			switch (*++p) {
			case '"':
			case '\\':
				c = (unsigned char)*p;
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			default:
				return false;
			}
		}
		*w++ = (char)c;
	}
	*w = '\0';
	*len = (size_t)(w - *out);
	*pp = p + 1;
	return high < 0x80 || utf8_valid((const uint8_t *)*out, *len);
}

/* A JSON integer at *pp, at most 18 digits, in [min, max]. */
static bool
tree_int(char **pp, int64_t min, int64_t max, int64_t *out)
{
	char *p = *pp;
	bool neg = *p == '-';
	int64_t v = 0;
	int n;

	p += neg;
	if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		return false;
	for (n = 0; *p >= '0' && *p <= '9'; n++, p++) {
		if (n == 18)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (n == 0 || (neg && v == 0))
		return false;
	v = neg ? -v : v;
	if (v < min || v > max)
		return false;
	*out = v;
	*pp = p;
	return true;
}

/*
 * One znode line in the writer's own form, without its trailing comma,
 * into t.  false, with nothing added, for anything else.
 */
static bool
tree_fast_znode(struct tree *t, char *p)
{
	char *path, *data = NULL;
	size_t plen, dlen = 0;
	int64_t v[6];
	struct zstat st;

	if (!TREE_LIT(&p, "{\"path\":") || !tree_str(&p, &path, &plen) ||
	    strlen(path) != plen || !TREE_LIT(&p, ",\"data\":"))
		return false;
	if (!TREE_LIT(&p, "null") && !tree_str(&p, &data, &dlen))
		return false;
	if (!TREE_LIT(&p, ",\"version\":") ||
	    !tree_int(&p, INT32_MIN, INT32_MAX, &v[0]) ||
	    !TREE_LIT(&p, ",\"cversion\":") ||
	    !tree_int(&p, INT32_MIN, INT32_MAX, &v[1]) ||
	    !TREE_LIT(&p, ",\"czxid\":") ||
	    !tree_int(&p, INT64_MIN, INT64_MAX, &v[2]) ||
	    !TREE_LIT(&p, ",\"mzxid\":") ||
	    !tree_int(&p, INT64_MIN, INT64_MAX, &v[3]) ||
	    !TREE_LIT(&p, ",\"pzxid\":") ||
	    !tree_int(&p, INT64_MIN, INT64_MAX, &v[4]) ||
	    !TREE_LIT(&p, ",\"ephemeral_owner\":") ||
	    !tree_int(&p, INT64_MIN, INT64_MAX, &v[5]) || strcmp(p, "}") != 0)
		return false;
	tree_stat_set(&st, v);
	tree_add(t, path, (const uint8_t *)data, dlen, &st);
	return true;
}

/* One znode line, by the fast parser or by jansson; -1: not loaded. */
static int
tree_stream_znode(
    struct tree *t, struct tree_stream *ts, const char *file, size_t len)
{
	json_error_t je;
	json_t *z;
	struct error e;
	int ret;

	ts->line[len] = '\0';
	if (tree_fast_znode(t, ts->line))
		return 0;
	if ((z = json_loadb(ts->line, len, 0, &je)) == NULL)
		return -1;
	ret = tree_load_znode(t, z, ts->nznode, file, &e);
	json_decref(z);
	return ret;
}

/*
 * The canonical layout: a header line, one znode a line with a comma
 * after all but the last, "]}" and the end of the file.  -1 when the file
 * is laid out otherwise or has an error anywhere; t holds what was read.
 */
static int
tree_stream(struct tree *t, struct tree_stream *ts, const char *file)
{
	static const char head[] =
	    "{\"format\":\"" TREE_FORMAT "\",\"version\":1,\"root\":";
	char *p, *root;
	size_t len;
	bool more = true;

	if (tree_stream_next(ts) == -1 || !ts->newline)
		return -1;
	p = ts->line;
	if (!tree_lit(&p, head, sizeof head - 1) ||
	    !tree_str(&p, &root, &len) || strlen(root) != len ||
	    strcmp(p, ",\"znodes\":[") != 0)
		return -1;
	tree_init(t, root);
	for (;;) {
		if (tree_stream_next(ts) == -1)
			return -1;
		if (strcmp(ts->line, "]}") == 0)
			break;
		if (!more || !ts->newline)
			return -1;
		len = ts->len;
		more = len > 0 && ts->line[len - 1] == ',';
		if (tree_stream_znode(t, ts, file, len - more) == -1)
			return -1;
		ts->nznode++;
	}
	/* "]}" after a comma is not JSON; after it, only the end. */
	if (more && ts->nznode > 0)
		return -1;
	return getc(ts->fp) == EOF && !ferror(ts->fp) ? 0 : -1;
}

int
tree_load(struct tree *t, const char *path, struct error *e)
{
	struct tree_stream ts = {0};
	struct tree_replay r = {0};
	const char *file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	off_t start = -1;
	bool stream = true;
	int ret;

	if (strcmp(path, "-") != 0)
		ts.fp = fopen(path, "r");
	else {
		ts.fp = stdin;
		if ((start = ftello(stdin)) == -1 &&
		    (ts.spool = tmpfile()) == NULL)
			stream = false;
	}
	if (ts.fp != NULL && stream && tree_stream(t, &ts, file) == 0) {
		ret = tree_finish(t, e) == -1 ? error_prefix(e, file) : 0;
		goto out;
	}
	/* Not the canonical layout, or an error: jansson says which. */
	tree_free(t);
	if (ts.fp != stdin)
		ret = tree_load_json(t, path, NULL, e);
	else if (ts.spool == NULL && stream &&
	    fseeko(stdin, start, SEEK_SET) == -1)
		ret = error_set(e, EXIT_FAIL, "%s: %s", file, strerror(errno));
	else {
		r.rest = stdin;
		r.spool = ts.spool;
		if (ts.spool != NULL)
			rewind(ts.spool);
		ret = tree_load_json(t, path, &r, e);
	}
out:
	free(ts.line);
	if (ts.fp != NULL && ts.fp != stdin)
		fclose(ts.fp);
	if (ts.spool != NULL)
		fclose(ts.spool);
	return ret;
}

int
tree_subtree(
    struct tree *dst, const struct tree *src, const char *root, struct error *e)
{
	const struct znode *n;
	size_t i;

	if (tree_find(src, root) == NULL)
		return error_set(
		    e, EXIT_FAIL, "%s: no such znode in the dump", root);
	tree_init(dst, root);
	for (i = 0; i < src->n; i++) {
		n = &src->nodes[i];
		if (tree_under(root, n->path))
			tree_add(dst, n->path, n->data, n->len, &n->stat);
	}
	return tree_finish(dst, e);
}

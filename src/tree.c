/*
 * struct tree: building and linking, lookups, and the dump file (load and
 * save).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "b64.h"
#include "buf.h"
#include "error.h"
#include "fsio.h"
#include "tree.h"
#include "utf8.h"
#include "xmalloc.h"

#define TREE_FORMAT "zk2kraft-dump"
#define TREE_VERSION 1

/*
 * What building needs and the finished tree does not: the previous path
 * and the chain of its ancestors (a dump comes in path order, so a
 * znode's parent is nearly always on that chain), the set of names, and
 * the znodes kept whole (with their paths) once the order breaks.
 */
struct tree_staged {
	const char *path;
	const uint8_t *data;
	size_t len;
	struct zstat st;
};

struct tree_build {
	char *prev; /* the last path linked */
	size_t prevlen;
	size_t prevcap;
	uint32_t *chain; /* chain[k]: its ancestor k levels below the root */
	size_t *off;     /* the length of chain[k]'s path */
	size_t depth;
	size_t chaincap;
	const char **names; /* open addressing, a power of two */
	size_t nnames;
	size_t namecap;
	char *scratch; /* a path made for a comparison */
	size_t scratchcap;
	bool slow; /* out of order: staged until tree_finish() */
	struct tree_staged *staged;
	size_t nstaged;
	size_t stagedcap;
	struct arena paths; /* the staged znodes' paths */
};

void
tree_init(struct tree *t, const char *root)
{
	memset(t, 0, sizeof *t);
	t->root = arena_strndup(&t->arena, root, strlen(root));
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

/* The one copy of the name s[0..len) in t. */
static const char *
tree_intern(struct tree *t, const char *s, size_t len)
{
	struct tree_build *b = t->build;
	const char **old = b->names, *q;
	size_t i, k, mask, oldcap = b->namecap;

	if (2 * (b->nnames + 1) > b->namecap) {
		b->namecap = oldcap == 0 ? 256 : 2 * oldcap;
		b->names = xcalloc(b->namecap, sizeof *b->names);
		mask = b->namecap - 1;
		for (k = 0; k < oldcap; k++) {
			if (old[k] == NULL)
				continue;
			i = tree_hash(old[k], strlen(old[k])) & mask;
			while (b->names[i] != NULL)
				i = (i + 1) & mask;
			b->names[i] = old[k];
		}
		free(old);
	}
	mask = b->namecap - 1;
	for (i = tree_hash(s, len) & mask; (q = b->names[i]) != NULL;
	     i = (i + 1) & mask)
		if (strncmp(q, s, len) == 0 && q[len] == '\0')
			return q;
	b->nnames++;
	b->names[i] = arena_strndup(&t->arena, s, len);
	return b->names[i];
}

/*
 * A stat is packed into six varints (zigzag, 7 bits a byte): version,
 * cversion, czxid, then mzxid, pzxid and the ephemeral owner, the two
 * zxids as differences from czxid (most are 0 or small).  About 8 bytes
 * instead of 40.
 */
#define TREE_STAT_MAX 60 /* six varints of at most 10 bytes */
#define TREE_STAT_CHUNK (256 * 1024)

static uint8_t *
tree_put_zigzag(uint8_t *p, uint64_t u)
{
	uint64_t v = (u << 1) ^ (0 - (u >> 63));

	for (; v >= 0x80; v >>= 7)
		*p++ = (uint8_t)(v | 0x80);
	*p++ = (uint8_t)v;
	return p;
}

static uint64_t
tree_get_zigzag(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned shift = 0;

	do {
		v |= (uint64_t)(*p & 0x7f) << shift;
		shift += 7;
	} while (*p++ & 0x80);
	*pp = p;
	return (v >> 1) ^ (0 - (v & 1));
}

/* st packed into the tree's stat chunks. */
static const uint8_t *
tree_pack_stat(struct tree *t, const struct zstat *st)
{
	uint8_t *p, *start;

	if (t->statleft < TREE_STAT_MAX) {
		t->statp = arena_alloc(&t->arena, TREE_STAT_CHUNK);
		t->statleft = TREE_STAT_CHUNK;
	}
	p = start = t->statp;
	p = tree_put_zigzag(p, (uint64_t)(int64_t)st->version);
	p = tree_put_zigzag(p, (uint64_t)(int64_t)st->cversion);
	p = tree_put_zigzag(p, (uint64_t)st->czxid);
	p = tree_put_zigzag(p, (uint64_t)st->mzxid - (uint64_t)st->czxid);
	p = tree_put_zigzag(p, (uint64_t)st->pzxid - (uint64_t)st->czxid);
	p = tree_put_zigzag(p, (uint64_t)st->ephemeral_owner);
	t->statleft -= (size_t)(p - start);
	t->statp = p;
	return start;
}

struct zstat
tree_stat(const struct znode *n)
{
	const uint8_t *p = n->stat;
	struct zstat st;

	st.version = (int32_t)tree_get_zigzag(&p);
	st.cversion = (int32_t)tree_get_zigzag(&p);
	st.czxid = (int64_t)tree_get_zigzag(&p);
	st.mzxid = (int64_t)((uint64_t)st.czxid + tree_get_zigzag(&p));
	st.pzxid = (int64_t)((uint64_t)st.czxid + tree_get_zigzag(&p));
	st.ephemeral_owner = (int64_t)tree_get_zigzag(&p);
	return st;
}

int32_t
tree_version(const struct znode *n)
{
	const uint8_t *p = n->stat;

	return (int32_t)tree_get_zigzag(&p);
}

/*
 * The znode and child arrays are mapped, not malloc'd: once glibc frees a
 * block of megabytes it raises its mmap threshold to that size, and the
 * plan's growing buffers, then in the heap, left their old copies
 * resident (dry-run -i of 100,000 partitions peaked 7 MB higher).
 */
static void *
tree_map(void *old, size_t oldsize, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatalx("tree: %zu * %zu bytes overflows", nmemb, size);
	p = mmap(NULL, nmemb * size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fatalx("tree: %zu bytes: %s", nmemb * size, strerror(errno));
	if (old != NULL) {
		memcpy(p, old, oldsize);
		munmap(old, oldsize);
	}
	return p;
}

/* Length of node i's path. */
static size_t
tree_path_len(const struct tree *t, uint32_t i)
{
	size_t len = strcmp(t->root, "/") == 0 ? 0 : strlen(t->root);

	if (t->nodes[i].parent == TREE_NONE)
		return strlen(t->root);
	for (; t->nodes[i].parent != TREE_NONE; i = t->nodes[i].parent)
		len += 1 + strlen(t->nodes[i].name);
	return len;
}

/* Node i's path into out, len (tree_path_len()) bytes and a NUL. */
static void
tree_path_fill(const struct tree *t, uint32_t i, char *out, size_t len)
{
	size_t nlen;

	out[len] = '\0';
	if (t->nodes[i].parent == TREE_NONE) {
		memcpy(out, t->root, len);
		return;
	}
	for (; t->nodes[i].parent != TREE_NONE; i = t->nodes[i].parent) {
		nlen = strlen(t->nodes[i].name);
		len -= nlen;
		memcpy(out + len, t->nodes[i].name, nlen);
		out[--len] = '/';
	}
	memcpy(out, t->root, len);
}

/* Node i's path into *buf (grown as needed); returns its length. */
static size_t
tree_path_buf(const struct tree *t, uint32_t i, char **buf, size_t *cap)
{
	size_t len = tree_path_len(t, i);

	if (len + 1 > *cap) {
		*cap = len + 1 > 2 * *cap ? len + 1 : 2 * *cap;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	tree_path_fill(t, i, *buf, len);
	return len;
}

char *
tree_path(const struct tree *t, const struct znode *n, struct arena *a)
{
	uint32_t i = (uint32_t)(n - t->nodes);
	size_t len = tree_path_len(t, i);
	char *out = arena_alloc(a, len + 1);

	tree_path_fill(t, i, out, len);
	return out;
}

/* No empty component from p on: no "//", no "/" at the end. */
static bool
tree_tail_ok(const char *p)
{
	for (; *p != '\0'; p++)
		if (p[0] == '/' && (p[1] == '/' || p[1] == '\0'))
			return false;
	return true;
}

/* A path ZooKeeper would accept: "/" or "/a/b", no empty components. */
static bool
tree_path_ok(const char *p)
{
	return p[0] == '/' && (p[1] == '\0' || tree_tail_ok(p));
}

/* The length of the common prefix of a and b, n bytes long each. */
static size_t
tree_common(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
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

/* The linked znode whose path is path[0..len), by binary search. */
static uint32_t
tree_search(struct tree *t, const char *path, size_t len)
{
	struct tree_build *b = t->build;
	size_t lo = 0, hi = t->n, mid, plen;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		plen = tree_path_buf(
		    t, (uint32_t)mid, &b->scratch, &b->scratchcap);
		c = memcmp(b->scratch, path, plen < len ? plen : len);
		if (c == 0)
			c = (plen > len) - (plen < len);
		if (c == 0)
			return (uint32_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return TREE_NONE;
}

/* The chain of the ancestors of node i, whose path is path[0..len). */
static void
tree_chain(struct tree *t, uint32_t i, const char *path, size_t len)
{
	struct tree_build *b = t->build;
	size_t depth = 0, k;
	uint32_t j;
	const char *slash;

	for (j = i; j != TREE_NONE; j = t->nodes[j].parent)
		depth++;
	if (depth > b->chaincap) {
		b->chaincap = depth + 16;
		b->chain =
		    xreallocarray(b->chain, b->chaincap, sizeof *b->chain);
		b->off = xreallocarray(b->off, b->chaincap, sizeof *b->off);
	}
	b->depth = depth;
	for (j = i, k = depth; k-- > 0; j = t->nodes[j].parent) {
		b->chain[k] = j;
		b->off[k] = len;
		if (k > 0) {
			slash = path + len;
			while (*--slash != '/')
				;
			len = slash == path ? 1 : (size_t)(slash - path);
		}
	}
}

/* The tree's zxid range with st's; the first znode linked starts it. */
static void
tree_zxids(struct tree *t, const struct zstat *st)
{
	if (t->n == 0) {
		t->min_zxid = INT64_MAX;
		t->max_zxid = 0;
	}
	if (st->mzxid < t->min_zxid)
		t->min_zxid = st->mzxid;
	if (st->czxid > t->max_zxid)
		t->max_zxid = st->czxid;
	if (st->mzxid > t->max_zxid)
		t->max_zxid = st->mzxid;
	if (st->pzxid > t->max_zxid)
		t->max_zxid = st->pzxid;
}

/*
 * Link the znode at path after the ones linked so far.  -1, with nothing
 * changed, unless its path sorts after the previous one, is valid, lies
 * under the root (the first must be the root) and has its parent linked.
 */
static int
tree_link(struct tree *t, const char *path, const uint8_t *data, size_t len,
    const struct zstat *st)
{
	struct tree_build *b = t->build;
	size_t plen = strlen(path), m = 0, k = 0, dir;
	uint32_t parent = TREE_NONE;
	struct znode *n;

	if (t->n == 0 && (!tree_path_ok(path) || strcmp(path, t->root) != 0))
		return -1;
	if (t->n > 0) {
		m = tree_common(
		    path, b->prev, plen < b->prevlen ? plen : b->prevlen);
		/* prev is valid: check path from where they part. */
		if ((unsigned char)path[m] <= (unsigned char)b->prev[m] ||
		    path[0] != '/' ||
		    !tree_tail_ok(path + (m > 0 ? m - 1 : 0)) ||
		    !tree_under(t->root, path))
			return -1;
	}
	dir = (size_t)(strrchr(path, '/') - path);
	if (t->n > 0) {
		/* The deepest of prev's ancestors that is path's too. */
		k = b->depth - 1;
		while (k > 0 &&
		    (b->off[k] > m ||
			(path[b->off[k]] != '/' && path[b->off[k]] != '\0')))
			k--;
		if (b->off[k] == (dir == 0 ? 1 : dir))
			parent = b->chain[k];
		else if ((parent = tree_search(t, path, dir == 0 ? 1 : dir)) ==
		    TREE_NONE)
			return -1;
	}
	if (t->n == TREE_NONE)
		fatalx("tree: more than %" PRIu32 " znodes", TREE_NONE);
	if (t->n == t->cap) {
		t->nodes = tree_map(t->nodes, t->cap * sizeof *t->nodes,
		    t->cap == 0 ? 1024 : t->cap * 2, sizeof *t->nodes);
		t->cap = t->cap == 0 ? 1024 : t->cap * 2;
	}
	n = &t->nodes[t->n];
	memset(n, 0, sizeof *n);
	n->name = tree_intern(t, path + dir + 1, plen - dir - 1);
	n->data = data;
	n->len = (uint32_t)len;
	n->stat = tree_pack_stat(t, st);
	n->parent = parent;
	tree_zxids(t, st);
	if (parent != TREE_NONE)
		t->nodes[parent].nchildren++;
	if (t->n > 0 && parent == b->chain[k] && k + 2 <= b->chaincap) {
		b->chain[k + 1] = (uint32_t)t->n;
		b->off[k + 1] = plen;
		b->depth = k + 2;
	} else
		tree_chain(t, (uint32_t)t->n, path, plen);
	if (plen + 1 > b->prevcap) {
		b->prevcap = 2 * (plen + 1);
		b->prev = xreallocarray(b->prev, b->prevcap, 1);
	}
	memcpy(b->prev, path, plen + 1);
	b->prevlen = plen;
	t->n++;
	return 0;
}

static void
tree_stage(struct tree *t, const char *path, const uint8_t *data, size_t len,
    const struct zstat *st)
{
	struct tree_build *b = t->build;
	struct tree_staged *s;

	if (b->nstaged == b->stagedcap) {
		b->stagedcap = b->stagedcap == 0 ? 1024 : 2 * b->stagedcap;
		b->staged =
		    xreallocarray(b->staged, b->stagedcap, sizeof *b->staged);
	}
	s = &b->staged[b->nstaged++];
	s->path = arena_strndup(&b->paths, path, strlen(path));
	s->data = data;
	s->len = len;
	s->st = *st;
}

/* Out of order: keep every znode whole (with its path) until the sort. */
static void
tree_unlink(struct tree *t)
{
	struct tree_build *b = t->build;
	struct zstat st;
	size_t i;

	b->slow = true;

	for (i = 0; i < t->n; i++) {
		tree_path_buf(t, (uint32_t)i, &b->scratch, &b->scratchcap);
		st = tree_stat(&t->nodes[i]);
		tree_stage(
		    t, b->scratch, t->nodes[i].data, t->nodes[i].len, &st);
	}
	t->n = 0;
	b->depth = 0;
}

void
tree_add(struct tree *t, const char *path, const uint8_t *data, size_t len,
    const struct zstat *st)
{
	const uint8_t *copy = NULL;

	if (len > UINT32_MAX)
		fatalx("znode %s: %zu bytes of data", path, len);
	/* A 0-byte payload is not null data: keep a non-NULL pointer. */
	if (data != NULL)
		copy = len == 0 ? (const uint8_t *)""
				: arena_memdup(&t->arena, data, len);
	if (t->build == NULL)
		t->build = xcalloc(1, sizeof *t->build);
	if (!t->build->slow && tree_link(t, path, copy, len, st) == 0)
		return;
	if (!t->build->slow)
		tree_unlink(t);
	tree_stage(t, path, copy, len, st);
}

static void
tree_build_free(struct tree *t)
{
	struct tree_build *b = t->build;

	if (b == NULL)
		return;
	free(b->prev);
	free(b->chain);
	free(b->off);
	free(b->names);
	free(b->scratch);
	free(b->staged);
	arena_free(&b->paths);
	free(b);
	t->build = NULL;
}

static int
tree_cmp_staged(const void *a, const void *b)
{
	const struct tree_staged *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* Sort and check what came out of order, then link it. */
static int
tree_finish_staged(struct tree *t, struct error *e)
{
	struct tree_build *b = t->build;
	struct tree_staged *s = b->staged;
	size_t i, nroot = SIZE_MAX;

	for (i = 1; i < b->nstaged; i++)
		if (strcmp(s[i - 1].path, s[i].path) > 0)
			break;
	if (i < b->nstaged)
		qsort(s, b->nstaged, sizeof *s, tree_cmp_staged);
	for (i = 0; i < b->nstaged; i++) {
		if (!tree_path_ok(s[i].path))
			return error_set(e, EXIT_FAIL,
			    "znode %s: not a ZooKeeper path", s[i].path);
		if (!tree_under(t->root, s[i].path))
			return error_set(e, EXIT_FAIL,
			    "znode %s: outside the root %s", s[i].path,
			    t->root);
		if (i > 0 && strcmp(s[i - 1].path, s[i].path) == 0)
			return error_set(
			    e, EXIT_FAIL, "znode %s: listed twice", s[i].path);
		if (strcmp(s[i].path, t->root) == 0)
			nroot = i;
	}
	if (nroot == SIZE_MAX)
		return error_set(
		    e, EXIT_FAIL, "root znode %s: missing", t->root);
	b->slow = false;
	t->n = 0;
	for (i = 0; i < b->nstaged; i++)
		if (tree_link(t, s[i].path, s[i].data, s[i].len, &s[i].st) ==
		    -1)
			return error_set(e, EXIT_FAIL,
			    "znode %s: its parent is not in the tree",
			    s[i].path);
	return 0;
}

int
tree_finish(struct tree *t, struct error *e)
{
	size_t i, off = 0;

	if (!tree_path_ok(t->root))
		return error_set(
		    e, EXIT_FAIL, "%s: not a ZooKeeper path", t->root);
	if (t->build == NULL)
		t->build = xcalloc(1, sizeof *t->build);
	if ((t->build->slow || t->n == 0) && tree_finish_staged(t, e) == -1)
		return -1;
	tree_build_free(t);

	/* Each parent's children, in path order, so in name order. */
	t->kids = tree_map(NULL, 0, t->n, sizeof *t->kids);
	for (i = 0; i < t->n; i++) {
		off += t->nodes[i].nchildren;
		t->nodes[i].kids = (uint32_t)off;
	}
	for (i = t->n; i-- > 1;)
		t->kids[--t->nodes[t->nodes[i].parent].kids] = (uint32_t)i;
	return 0;
}

void
tree_free(struct tree *t)
{
	if (t == NULL)
		return;
	tree_build_free(t);
	if (t->nodes != NULL)
		munmap(t->nodes, t->cap * sizeof *t->nodes);
	if (t->kids != NULL)
		munmap(t->kids, t->n * sizeof *t->kids);
	arena_free(&t->arena);
	memset(t, 0, sizeof *t);
}

/* strcmp(s, name[0..len)), inline: names are short. */
static int
tree_namecmp(const char *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != name[i])
			return (unsigned char)s[i] - (unsigned char)name[i];
	return s[len] != '\0';
}

/* The child of n named name[0..len), or NULL. */
static const struct znode *
tree_child_n(
    const struct tree *t, const struct znode *n, const char *name, size_t len)
{
	size_t lo = 0, hi, mid;
	const char *s;
	int c;

	if (n == NULL)
		return NULL;
	hi = n->nchildren;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = t->nodes[t->kids[n->kids + mid]].name;
		if ((c = tree_namecmp(s, name, len)) == 0)
			return &t->nodes[t->kids[n->kids + mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct znode *
tree_at(const struct tree *t, const struct znode *base, const char *rel)
{
	const char *slash;
	size_t len;

	for (;;) {
		if (base == NULL || *rel == '\0')
			return base;
		slash = strchr(rel, '/');
		len = slash == NULL ? strlen(rel) : (size_t)(slash - rel);
		if (len == 0)
			return NULL;
		base = tree_child_n(t, base, rel, len);
		rel += len;
		if (*rel == '/' && *++rel == '\0')
			return NULL;
	}
}

const struct znode *
tree_find(const struct tree *t, const char *path)
{
	size_t rlen = strlen(t->root);

	if (t->kids == NULL || t->n == 0 || !tree_under(t->root, path))
		return NULL;
	if (strcmp(path, t->root) == 0)
		return &t->nodes[0];
	path += strcmp(t->root, "/") == 0 ? 0 : rlen;
	if (path[0] != '/' || path[1] == '\0')
		return NULL;
	return tree_at(t, &t->nodes[0], path + 1);
}

const struct znode *
tree_child(const struct tree *t, const struct znode *n, const char *name)
{
	return tree_child_n(t, n, name, strlen(name));
}

const struct znode *
tree_child_at(const struct tree *t, const struct znode *n, size_t i)
{
	return &t->nodes[t->kids[n->kids + i]];
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
	struct zstat st;
	char *b64, *path = NULL;
	size_t i, cap = 0, len;

	fputs("{\"format\":\"" TREE_FORMAT "\",\"version\":1,\"root\":", fp);
	tree_put_string(fp, t->root, strlen(t->root));
	fputs(",\"znodes\":[\n", fp);
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		st = tree_stat(n);
		fputs("{\"path\":", fp);
		len = tree_path_buf(t, (uint32_t)i, &path, &cap);
		tree_put_string(fp, path, len);
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
		    st.version, st.cversion, st.czxid, st.mzxid, st.pzxid,
		    st.ephemeral_owner, i + 1 < t->n ? "," : "");
	}
	fputs("]}\n", fp);
	free(path);
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
	struct zstat st;
	char *path = NULL;
	size_t i, cap = 0;

	if (tree_find(src, root) == NULL)
		return error_set(
		    e, EXIT_FAIL, "%s: no such znode in the dump", root);
	tree_init(dst, root);
	for (i = 0; i < src->n; i++) {
		n = &src->nodes[i];
		tree_path_buf(src, (uint32_t)i, &path, &cap);
		if (!tree_under(root, path))
			continue;
		st = tree_stat(n);
		tree_add(dst, path, n->data, n->len, &st);
	}
	free(path);
	return tree_finish(dst, e);
}

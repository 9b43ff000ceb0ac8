/*
 * A ZooKeeper subtree as plain data: every znode's name, payload and the
 * stat fields zk2kraft uses.  zk_read_tree() fills one from a live
 * ensemble and tree_load() from a dump file; tree_save() writes the dump
 * file (zk2kraft(1), DUMP FORMAT).  Nothing here knows about Kafka.
 *
 * Building: tree_init(), tree_add() for every znode in any order, then
 * tree_finish(), which sorts, checks and links parents to children.
 * Lookups are valid only after tree_finish().
 *
 * A znode holds its name, not its path: a path is its parent's path and
 * the name, made by tree_path() when it is needed (a message, a dump).
 * Names are stored once however many znodes share them ("state", "0").
 */
#ifndef TREE_H
#define TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

struct error;
struct tree_build;

#define TREE_NONE UINT32_MAX /* "no znode": the parent of the top one */

struct zstat {
	int32_t version;  /* dataVersion */
	int32_t cversion; /* child version */
	int64_t czxid;
	int64_t mzxid;
	int64_t pzxid;
	int64_t ephemeral_owner; /* session id; 0 = persistent */
};

struct znode {
	const char *name; /* last component; "" for "/", "kafka" for /kafka */
	const uint8_t *data; /* NULL when the znode holds null data */
	const uint8_t *stat; /* packed: read it with tree_stat() */
	uint32_t len;        /* 0 when data is NULL */
	uint32_t parent;     /* index, TREE_NONE for the tree's root */
	uint32_t nchildren;  /* see tree_child_at() */
	uint32_t kids;       /* where its children start in tree.kids */
};

/*
 * The tree owns every znode, name, payload and child array; all of them
 * live until tree_free().
 */
struct tree {
	struct arena arena;  /* names and payloads */
	char *root;          /* top path of the subtree, "/" or "/kafka" */
	struct znode *nodes; /* after tree_finish(): sorted by path, bytewise;
				the root first */
	size_t n;
	size_t cap;
	uint32_t *kids; /* node indices, each parent's children in name order */
	struct tree_build *build; /* while building; NULL after tree_finish() */
	uint8_t *statp;           /* where the next packed stat goes */
	size_t statleft;
	int64_t max_zxid; /* highest czxid, mzxid or pzxid in the tree */
	int64_t min_zxid; /* lowest mzxid (the oldest data read) */
};

/* Start an empty tree rooted at root (copied); a chroot or "/". */
void tree_init(struct tree *t, const char *root);

/*
 * Add a znode.  path and data are copied; data may be NULL (null data).
 * Znodes added in path order, parents first (a dump's order), are linked
 * as they come; any other order is sorted by tree_finish().
 */
void tree_add(struct tree *t, const char *path, const uint8_t *data, size_t len,
    const struct zstat *st);

/*
 * Sort, index and link.  Fails (-1, e filled) when a path is not
 * absolute, lies outside the root, is duplicated, or has no parent in
 * the tree; the root itself must be present.
 */
int tree_finish(struct tree *t, struct error *e);

/* Release everything; t is empty afterwards.  tree_free(NULL) is a no-op. */
void tree_free(struct tree *t);

/* n's stat. */
struct zstat tree_stat(const struct znode *n);
/* n's dataVersion alone (the partition epoch, read for each partition). */
int32_t tree_version(const struct znode *n);

/* n's absolute path, made in a (which owns it). */
char *tree_path(const struct tree *t, const struct znode *n, struct arena *a);

/* The znode at an absolute path, or NULL.  Borrowed from t. */
const struct znode *tree_find(const struct tree *t, const char *path);

/*
 * The znode at rel ("a/b", no leading "/") below base, or NULL; rel ""
 * is base itself.  Borrowed from t.
 */
const struct znode *tree_at(
    const struct tree *t, const struct znode *base, const char *rel);

/* The named child of n, or NULL.  Borrowed from t. */
const struct znode *tree_child(
    const struct tree *t, const struct znode *n, const char *name);

/* The i-th child of n in name order.  Borrowed from t. */
const struct znode *tree_child_at(
    const struct tree *t, const struct znode *n, size_t i);

/*
 * Read a dump file ("-" is stdin) into t, which must be freshly zeroed.
 * The tree's root is the dump's "root".  Errors name the file and the
 * line and column, or the znode.
 */
int tree_load(struct tree *t, const char *path, struct error *e);

/*
 * Write t as a dump file: to path via a temporary file, fsync and rename
 * (mode 0600: dumps can hold SCRAM hashes and encrypted passwords), or to
 * stdout when path is "-".  The same tree always gives the same bytes.
 */
int tree_save(const struct tree *t, const char *path, struct error *e);

/* Write the dump to an open stream; used by tree_save(). */
int tree_write(const struct tree *t, FILE *fp, struct error *e);

/*
 * Keep only the subtree at root (which must exist in t): the result's
 * root is root.  Used by --chroot on a dump.  dst must be zeroed.
 */
int tree_subtree(struct tree *dst, const struct tree *src, const char *root,
    struct error *e);

#endif /* TREE_H */

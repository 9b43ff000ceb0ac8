/*
 * The tree of znodes: the same tree whatever order the znodes come in
 * (a dump's path order is linked as it comes, any other is sorted), each
 * znode's path made back from its parent and name, lookups, and
 * tree_finish()'s errors in their order.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "helpers.h"
#include "tree.h"

static struct tree t1, t2;
static struct arena a;
static char *out1, *out2;

static void
setup(void)
{
	memset(&t1, 0, sizeof t1);
	memset(&t2, 0, sizeof t2);
	memset(&a, 0, sizeof a);
	out1 = out2 = NULL;
}

static void
teardown(void)
{
	tree_free(&t1);
	tree_free(&t2);
	arena_free(&a);
	free(out1);
	free(out2);
	leak_check();
}

TestSuite(tree, .init = setup, .fini = teardown);

/* In path order: "a-b" and "a.c" sort between "a" and its children. */
static const char *const sorted[] = {"/", "/a", "/a-b", "/a-b/y", "/a.c",
    "/a/x", "/a/x/state", "/a/z", "/b", "/b/state"};
#define NSORTED (sizeof sorted / sizeof sorted[0])

/* Build t from paths[order[i]]; the data is the path, the zxids its index. */
static void
build(struct tree *t, const char *root, const char *const *paths,
    const size_t *order, size_t n)
{
	struct zstat st = {0};
	const char *p;
	size_t i, k;

	tree_init(t, root);
	for (i = 0; i < n; i++) {
		k = order != NULL ? order[i] : i;
		p = paths[k];
		st.czxid = st.mzxid = st.pzxid = (int64_t)k + 1;
		tree_add(t, p, (const uint8_t *)p, strlen(p), &st);
	}
}

static char *
written(const struct tree *t)
{
	struct error e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	cr_assert_eq(tree_write(t, fp, &e), 0, "%s", e.msg);
	fclose(fp);
	return buf;
}

Test(tree, any_order_gives_the_same_tree)
{
	static const size_t order[] = {9, 3, 0, 7, 5, 1, 8, 2, 6, 4};
	struct error e;
	size_t i;

	build(&t1, "/", sorted, NULL, NSORTED);
	build(&t2, "/", sorted, order, NSORTED);
	cr_assert_eq(tree_finish(&t1, &e), 0, "%s", e.msg);
	cr_assert_eq(tree_finish(&t2, &e), 0, "%s", e.msg);
	cr_assert_eq(t1.n, NSORTED);
	cr_assert_eq(t2.n, NSORTED);
	for (i = 0; i < NSORTED; i++) {
		cr_assert_str_eq(tree_path(&t1, &t1.nodes[i], &a), sorted[i]);
		cr_assert_str_eq(tree_path(&t2, &t2.nodes[i], &a), sorted[i]);
		cr_assert_eq(
		    memcmp(t1.nodes[i].data, sorted[i], t1.nodes[i].len), 0);
	}
	out1 = written(&t1);
	out2 = written(&t2);
	cr_assert_str_eq(out1, out2);
}

Test(tree, finds_a_parent_off_the_previous_path)
{
	const struct znode *n;
	struct error e;

	build(&t1, "/", sorted, NULL, NSORTED);
	cr_assert_eq(tree_finish(&t1, &e), 0, "%s", e.msg);
	n = tree_find(&t1, "/a");
	cr_assert_not_null(n);
	cr_assert_eq(n->nchildren, 2);
	cr_assert_str_eq(tree_child_at(&t1, n, 0)->name, "x");
	cr_assert_str_eq(tree_child_at(&t1, n, 1)->name, "z");
	cr_assert_eq(tree_child(&t1, n, "z"), tree_find(&t1, "/a/z"));
	cr_assert_eq(tree_at(&t1, n, "x/state"), tree_find(&t1, "/a/x/state"));
	cr_assert_eq(tree_find(&t1, "/")->nchildren, 4);
	/* Names are stored once. */
	cr_assert_eq(tree_find(&t1, "/a/x/state")->name,
	    tree_find(&t1, "/b/state")->name);
}

Test(tree, lookups_below_a_chroot)
{
	static const char *const paths[] = {
	    "/kafka", "/kafka/brokers", "/kafka/brokers/ids"};
	const struct znode *n;
	struct error e;

	build(&t1, "/kafka", paths, NULL, 3);
	cr_assert_eq(tree_finish(&t1, &e), 0, "%s", e.msg);
	n = tree_find(&t1, "/kafka/brokers/ids");
	cr_assert_not_null(n);
	cr_assert_str_eq(tree_path(&t1, n, &a), "/kafka/brokers/ids");
	cr_assert_str_eq(tree_path(&t1, &t1.nodes[0], &a), "/kafka");
	cr_assert_str_eq(t1.nodes[0].name, "kafka");
	cr_assert_eq(tree_find(&t1, "/kafka"), &t1.nodes[0]);
	cr_assert_null(tree_find(&t1, "/kafkax"));
	cr_assert_null(tree_find(&t1, "/kafka/"));
	cr_assert_null(tree_find(&t1, "/kafka//brokers"));
	cr_assert_null(tree_find(&t1, "/brokers"));
	cr_assert_null(tree_at(&t1, &t1.nodes[0], "brokers/"));
	cr_assert_eq(tree_at(&t1, &t1.nodes[0], ""), &t1.nodes[0]);
}

/* The first error in path order, path checks before the parents. */
static void
assert_finish_fails(const char *const *paths, size_t n, const char *want)
{
	struct error e;

	build(&t1, "/", paths, NULL, n);
	cr_assert_eq(tree_finish(&t1, &e), -1);
	cr_assert_str_eq(e.msg, want);
}

Test(tree, a_bad_path_is_named_before_a_missing_parent)
{
	static const char *const paths[] = {"/", "/a/b", "/z//"};

	assert_finish_fails(paths, 3, "znode /z//: not a ZooKeeper path");
}

Test(tree, a_duplicate_is_named)
{
	static const char *const paths[] = {"/", "/a", "/a/b", "/a/b"};

	assert_finish_fails(paths, 4, "znode /a/b: listed twice");
}

Test(tree, the_first_missing_parent_is_named)
{
	static const char *const paths[] = {"/", "/c/d", "/a", "/b/x"};

	assert_finish_fails(
	    paths, 4, "znode /b/x: its parent is not in the tree");
}

Test(tree, a_missing_root_is_named)
{
	static const char *const paths[] = {"/a"};

	assert_finish_fails(paths, 1, "root znode /: missing");
}

Test(tree, a_subtree_keeps_its_znodes)
{
	struct error e;

	build(&t1, "/", sorted, NULL, NSORTED);
	cr_assert_eq(tree_finish(&t1, &e), 0, "%s", e.msg);
	cr_assert_eq(tree_subtree(&t2, &t1, "/a", &e), 0, "%s", e.msg);
	cr_assert_eq(t2.n, 4);
	cr_assert_str_eq(tree_path(&t2, &t2.nodes[3], &a), "/a/z");
	cr_assert_str_eq(t2.nodes[0].name, "a");
}

Test(tree, a_stat_comes_back_as_added)
{
	static const struct zstat sts[] = {
	    {0, 0, 0, 0, 0, 0},
	    {-1, INT32_MAX, INT64_MAX, INT64_MIN, 0, -1},
	    {INT32_MIN, -7, INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX},
	    {3, 100, 0x500000002, 0x500000001, 0x700000000, 0x1000123},
	};
	static const char *const paths[] = {"/", "/a", "/b", "/c"};
	struct error e;
	struct zstat st;
	size_t i;

	tree_init(&t1, "/");
	for (i = 0; i < 4; i++)
		tree_add(&t1, paths[i], NULL, 0, &sts[i]);
	cr_assert_eq(tree_finish(&t1, &e), 0, "%s", e.msg);
	for (i = 0; i < 4; i++) {
		st = tree_stat(tree_find(&t1, paths[i]));
		cr_assert_eq(memcmp(&st, &sts[i], sizeof st), 0, "stat %zu", i);
		cr_assert_eq(
		    tree_version(tree_find(&t1, paths[i])), sts[i].version);
	}
	cr_assert_eq(t1.min_zxid, INT64_MIN);
	cr_assert_eq(t1.max_zxid, INT64_MAX);
}

/*
 * Comparing two images field by field: the translation of ZooKeeper and a
 * KRaft state.  Every difference names the object, the field, both values
 * and a class.  Sensitive values (passwords, SCRAM material) are compared
 * but never shown.
 *
 * Ownership: struct verify_result owns its differences (arena);
 * verify_free() releases them.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "image.h"

enum verify_class {
	VERIFY_MISSING, /* missing-in-kraft */
	VERIFY_EXTRA,   /* extra-in-kraft */
	VERIFY_CHANGED, /* changed */
	VERIFY_DRIFT,   /* expected-drift: what a running KRaft cluster moves
			   on (epochs that grew, ISR changes) */
};

struct verify_diff {
	enum verify_class cls;
	const char *kind;   /* "topic", "partition", "config", "quota", "scram",
			       "acl", "token", "producer-ids", "feature" */
	const char *object; /* "topic clicks partition 0" */
	const char *field;  /* "isr", or NULL for a whole object */
	const char *zk;     /* the ZooKeeper side's value, or NULL */
	const char *kraft;  /* the KRaft side's value, or NULL */
};

struct verify_result {
	struct arena arena;
	struct verify_diff *diffs; /* in kind order, then object */
	size_t n, cap;
	size_t compared[9]; /* objects compared per kind, in kind order */
	size_t counts[4];   /* differences per class */
};

/* The class's name: "missing-in-kraft", ... */
const char *verify_class_name(enum verify_class c);

/* The kinds, in report order; verify_kind_name(i) for i < 9. */
const char *verify_kind_name(size_t i);

/* Compare zk (the translation) with kraft. */
void verify_compare(
    struct verify_result *r, const struct image *zk, const struct image *kraft);

/* Differences that count: every class, or all but drift unless strict. */
size_t verify_differences(const struct verify_result *r, bool strict);

void verify_free(struct verify_result *r);

#endif /* VERIFY_H */

/*
 * What the tests of the migration plan and its stages share: test-plan.c,
 * test-plan-check.c, test-translate.c, test-plan-limits.c and
 * test-report.c, each its own program.  The trees, models and plans under
 * test are reset around every test by plan_test_setup() and freed by
 * plan_test_teardown(); the helpers build trees and models, build plans
 * with the sample's export options, and find findings and records.  A
 * failed check ends the test at once.
 */
#ifndef PLAN_HELPERS_H
#define PLAN_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "finding.h"
#include "model.h"
#include "plan.h"
#include "records.h"
#include "tree.h"

#define SECRET "fixture-encoder-secret"
#define TIMESTAMP INT64_C(1729600000000)

/* Under test; plan_test_teardown() frees them. */
extern struct tree t, t2;
extern struct model m, m2;
extern struct plan p, p2;

void plan_test_setup(void);
void plan_test_teardown(void);

/* Add a znode with data (NUL-terminated, or NULL for null data). */
void add_node(struct tree *tr, const char *path, const char *data,
    int32_t version, bool ephemeral);
/* Build tr from znode lines ("<path> <mode> <dataVersion> <data>", as in
 * zookeeper-layout.md 7.1) and mm from tr at root. */
void model_text(
    struct tree *tr, struct model *mm, const char *root, const char *text);
/* Load fixtures/zk/<name>/dump.json into tr and mm from tr at "/". */
void load_fixture(struct tree *tr, struct model *mm, const char *name);

/* The options of the sample export: 3.9-IV0, the secret, allow running. */
void opts_sample(struct plan_opts *o);
/* plan_build(), failing the test when it returns -1. */
void build_plan(
    struct plan *pp, const struct model *mm, const struct plan_opts *o);
/* Load fixture into t and m and build p with opts_sample(). */
void sample_plan(const char *fixture);

/* The findings of pp in the test's log. */
void dump_findings(const struct plan *pp);
/* Findings with code (any path). */
size_t ncode(const struct plan *pp, const char *code);
/* The one finding with code at path (NULL: no path); fails otherwise. */
const struct finding *the_finding(
    const struct plan *pp, const char *code, const char *path);
/* The TopicRecord of topic name, or NULL; fails if there are several. */
const struct topic_record *topic_rec(const struct plan *pp, const char *name);

/* Append the bytes of s (without its NUL) to b. */
void put_str(struct buf *b, const char *s);

#endif /* PLAN_HELPERS_H */

/*
 * What the model's test files (tests/test-model*.c, linked into one
 * program as OpenSSH links its sshbuf tests) share: the tree, model and
 * arena under test, reset around every test by model_setup() and
 * model_teardown(), and helpers that build trees from znode lines and
 * check diagnostics.  A failed check ends the test at once.
 */
#ifndef TEST_MODEL_H
#define TEST_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "model.h"
#include "schema.h"
#include "tree.h"

/* Under test; model_teardown() frees them (out1, out2: printed text). */
extern struct tree t;
extern struct model m;
extern struct arena a;
extern char *out1, *out2;

void model_setup(void);
void model_teardown(void);

/* Build t from znode lines ("<path> <mode> <dataVersion> <data>", the
 * fixtures' znodes.txt format) and m from t at the root "/". */
void build(const char *text);
/* Load fixtures/zk/<name>/dump.json into t and m from t at root. */
void load_fixture(const char *name, const char *root);
/* model_print() of mm into a string the caller frees. */
char *print_model(const struct model *mm, bool stable);

/* The one diagnostic at path with code; fails unless there is one. */
const struct model_diag *diag_at(
    enum model_severity sev, const char *code, const char *path);
/* Exactly one diagnostic in m, with this content (msg NULL: any). */
void only_diag(enum model_severity sev, const char *code, const char *path,
    const char *msg);
/* No diagnostic in m. */
void no_diags(void);

/* got[0..n) as "1,2,3" equals want; bytes and UUIDs equal hex text. */
void assert_ints(const int32_t *got, size_t n, const char *want);
void assert_hex(const struct kbytes *b, const char *want);
void assert_uuid(const struct kuuid *u, const char *want);

/* Partition id of topic, broker id: fail the test when absent. */
const struct model_partition *partition(const char *topic, int32_t id);
const struct model_broker *broker(int32_t id);

#endif /* TEST_MODEL_H */

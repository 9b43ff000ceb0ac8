/*
 * model_from_tree() (model.h): one walk over the Kafka subtree, area by
 * area, then the diagnostics in their documented order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "model-ctx.h"
#include "tree.h"

static int
model_cmp_diag(const void *a, const void *b)
{
	const struct model_diag *x = a, *y = b;
	int r;

	if ((r = strcmp(x->path, y->path)) == 0 &&
	    (r = strcmp(x->msg, y->msg)) == 0 &&
	    (r = strcmp(x->code, y->code)) == 0)
		r = (int)x->severity - (int)y->severity;
	return r;
}

int
model_from_tree(
    struct model *m, const struct tree *t, const char *root, struct error *e)
{
	struct model_ctx c;

	memset(&c, 0, sizeof c);
	c.m = m;
	c.t = t;
	if ((c.root = tree_find(t, root)) == NULL)
		return error_set(e, EXIT_FAIL, "%s: no such znode", root);
	m->root = arena_strndup(&m->arena, root, strlen(root));
	m->min_zxid = t->min_zxid;
	m->max_zxid = t->max_zxid;

	model_read_cluster(&c);
	model_read_brokers(&c);
	model_read_topics(&c);
	model_read_configs(&c);
	model_read_acls(&c);
	model_read_state(&c);

	arena_free(&c.paths);
	m->diags = model_vec_take(m, &c.diags, sizeof *m->diags, &m->ndiags);
	if (m->ndiags > 0)
		qsort(m->diags, m->ndiags, sizeof *m->diags, model_cmp_diag);
	return 0;
}

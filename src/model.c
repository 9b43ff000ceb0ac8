/*
 * The typed cluster model (model.h): its lifetime and the queries on it.
 *
 * model_from_tree() (model-read.c) walks the Kafka subtree of a struct
 * tree and has each area's reader (model-broker.c, model-topic.c,
 * model-config.c, model-acl.c, model-state.c) turn every znode Kafka
 * writes into the structs of model.h (zookeeper-layout.md sections 2 and
 * 3).  The model sits between the tree (zk.c, tree_load()) and everything
 * that reports on or converts a cluster.
 *
 * Decoding follows Kafka 3.9's own readers (ZkData.scala and the
 * migration clients) wherever they differ from what the layout "should"
 * be, because the point is to predict what Kafka's migration would do
 * with these bytes.  A bad znode never stops the walk: it becomes a
 * struct model_diag, and the rest of the tree is read.
 *
 * jansson appears only in the model's files.  Strings are copied into the
 * model's arena; nothing points into a json_t or into the tree.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "model.h"

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	arena_free(&m->arena);
	memset(m, 0, sizeof *m);
}

size_t
model_count(const struct model *m, enum model_severity severity)
{
	size_t i, n = 0;

	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].severity == severity)
			n++;
	return n;
}

/*
 * What dry-run and export (and later verify) share: the migration options
 * on top of the source options, and the pipeline source -> tree -> model
 * -> plan.  Part of the command layer, like source.c: it may warn.
 *
 * Ownership: struct migrate owns the tree, the model, the plan, the
 * secret (wiped when freed) and the voters records; migrate_free()
 * releases them.
 */
#ifndef MIGRATE_H
#define MIGRATE_H

#include <getopt.h>
#include <stdbool.h>

#include "arena.h"
#include "model.h"
#include "plan.h"
#include "post.h"
#include "source.h"
#include "tree.h"

enum {
	MIGRATE_OPT_ASSIGN_IDS = SOURCE_OPT_LAST + 1,
	MIGRATE_OPT_SECRET_FILE,
	MIGRATE_OPT_ALLOW,
	MIGRATE_OPT_SNAPSHOT,
	MIGRATE_OPT_SNAPSHOT_ID,
	MIGRATE_OPT_VOTERS_FROM,
	MIGRATE_OPT_TIMESTAMP,
	MIGRATE_OPT_META_PROPERTIES,
	MIGRATE_OPT_NODE_ID,
	MIGRATE_OPT_ELECT_LEADERS,
	MIGRATE_OPT_LAST
};

#define MIGRATE_SHORTOPTS SOURCE_SHORTOPTS "m:"
#define MIGRATE_LONGOPTS                                                       \
	SOURCE_LONGOPTS, POST_LONGOPTS,                                        \
	    {"metadata-version", required_argument, NULL, 'm'},                \
	    {"assign-topic-ids", no_argument, NULL, MIGRATE_OPT_ASSIGN_IDS},   \
	    {"elect-leaders", no_argument, NULL, MIGRATE_OPT_ELECT_LEADERS},   \
	    {"password-encoder-secret-file", required_argument, NULL,          \
		MIGRATE_OPT_SECRET_FILE},                                      \
	    {"allow", required_argument, NULL, MIGRATE_OPT_ALLOW},             \
	    {"snapshot", no_argument, NULL, MIGRATE_OPT_SNAPSHOT},             \
	    {"snapshot-id", required_argument, NULL, MIGRATE_OPT_SNAPSHOT_ID}, \
	    {"voters-from", required_argument, NULL, MIGRATE_OPT_VOTERS_FROM}, \
	    {"timestamp", required_argument, NULL, MIGRATE_OPT_TIMESTAMP},     \
	    {"meta-properties", no_argument, NULL,                             \
		MIGRATE_OPT_META_PROPERTIES},                                  \
	{                                                                      \
		"node-id", required_argument, NULL, MIGRATE_OPT_NODE_ID        \
	}

/* The translation options every migrating command takes. */
#define MIGRATE_USAGE_TRANSLATE                                                \
	SOURCE_USAGE " [-m VERSION] [--assign-topic-ids] [--elect-leaders]\n"  \
		     "\t[--password-encoder-secret-file FILE] [--allow "       \
		     "CODE]..."
/* And those about the file written (dry-run previews them). */
#define MIGRATE_USAGE                                                          \
	MIGRATE_USAGE_TRANSLATE "\n"                                           \
				"\t[--snapshot [--snapshot-id OFFSET-EPOCH] "  \
				"[--voters-from FILE]]\n"                      \
				"\t[--meta-properties --node-id N] "           \
				"[--timestamp MS]"

struct migrate {
	struct source_opts src;
	struct post_opts post; /* --post: where the JSON report goes too */
	struct plan_opts po;
	const char *secret_file;
	char *secret;       /* owned, wiped */
	const char **allow; /* owned array; the strings are in arena */
	const char *voters_from;
	struct arena arena;    /* the voters and the --allow codes */
	struct record *voters; /* owned */
	int32_t node_id;       /* -1 when not given */
	bool mv_given;         /* -m was given */

	struct tree tree;
	struct model model;
	struct plan plan;
};

void migrate_init(struct migrate *mg);

/* Like source_option(), and it takes the source and --post options too:
 * 1 consumed, 0 not ours, -1 bad (e's status says how). */
int migrate_option(
    struct migrate *mg, int ch, const char *arg, struct error *e);

/* Check the options together (the --post ones too); -1 with e. */
int migrate_check(struct migrate *mg, struct error *e);

/* Read the source, build the model and the plan. */
int migrate_run(struct migrate *mg, struct error *e);

void migrate_free(struct migrate *mg);

#endif /* MIGRATE_H */

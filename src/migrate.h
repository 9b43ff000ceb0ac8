/*
 * What dry-run, export and verify share: the migration options, and the
 * pipeline source -> tree -> model -> plan.  It may warn on stderr.
 *
 * Ownership: struct migrate_opts holds what the options say (the --allow
 * codes owned, the file names borrowed from argv); struct migrate holds
 * what a run made: the tree, the model, the plan, the secret (wiped when
 * freed) and the voters records.  migrate_opts_free() and migrate_free()
 * release them.
 */
#ifndef MIGRATE_H
#define MIGRATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "model.h"
#include "plan.h"
#include "source.h"
#include "tree.h"

/* The migration options; the command line spells them (cmd.c). */
enum migrate_opt {
	/* How to translate. */
	MIGRATE_OPT_METADATA_VERSION, /* -m VERSION */
	MIGRATE_OPT_ASSIGN_IDS,
	MIGRATE_OPT_ELECT_LEADERS,
	MIGRATE_OPT_SECRET_FILE,
	MIGRATE_OPT_ALLOW,
	/* The file written (dry-run previews it). */
	MIGRATE_OPT_SNAPSHOT,
	MIGRATE_OPT_SNAPSHOT_ID,
	MIGRATE_OPT_VOTERS_FROM,
	MIGRATE_OPT_TIMESTAMP,
	MIGRATE_OPT_META_PROPERTIES,
	MIGRATE_OPT_NODE_ID,
};

struct migrate_opts {
	struct plan_opts po; /* its secret and voters are migrate_run()'s */
	const char *secret_file;
	const char *voters_from;
	const char **allow; /* owned array; the strings are in arena */
	struct arena arena; /* the --allow codes */
	int32_t node_id;    /* -1 when not given */
	bool mv_given;      /* -m was given */
};

/* The results of a run.  po is the options' copy, with the secret and
 * the voters filled in. */
struct migrate {
	struct plan_opts po;
	char *secret;          /* owned, wiped */
	struct arena arena;    /* the voters */
	struct record *voters; /* owned */

	struct tree tree; /* freed once the model is built */
	size_t nznodes;   /* the tree's znodes, for the reports */
	struct model model;
	struct plan plan;
};

void migrate_opts_init(struct migrate_opts *mo);

/* Like source_option(): 0, or -1 on a bad argument (e, EXIT_USAGE). */
int migrate_option(struct migrate_opts *mo, enum migrate_opt opt,
    const char *arg, struct error *e);

/* Check the options together; -1 with e (EXIT_USAGE). */
int migrate_check(const struct migrate_opts *mo, struct error *e);

void migrate_opts_free(struct migrate_opts *mo);

/* Read the secret and the voters, the source, then build the model and
 * the plan into mg, which must be zeroed.  The tree is freed as soon as
 * the model holds what it needs (model.h), before the plan is built. */
int migrate_run(struct migrate *mg, const struct migrate_opts *mo,
    struct source_opts *so, struct error *e);

void migrate_free(struct migrate *mg);

#endif /* MIGRATE_H */

/*
 * Findings: what the migration plan tells the operator.  Each has a stable
 * code, a severity, the znode it is about and what to do.  A blocker stops
 * export unless the operator allowed that code (--allow CODE) or fixed it
 * with the option the finding names.
 *
 * Ownership: struct findings owns every string of every finding (its
 * arena); findings_free() releases them.  A zeroed struct findings is empty
 * and valid.
 */
#ifndef FINDING_H
#define FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum finding_severity {
	FINDING_BLOCKER,
	FINDING_WARNING,
	FINDING_INFO,
};

struct finding {
	enum finding_severity severity;
	const char *code;   /* stable, e.g. "cluster-running" */
	const char *path;   /* absolute znode path, or NULL */
	const char *msg;    /* what was found: one line, lowercase */
	const char *action; /* what to do, or NULL */
	bool allowed;       /* a blocker the operator allowed with --allow */
};

struct findings {
	struct arena arena;
	struct finding *v;
	size_t n, cap;
};

/*
 * Add a finding; code, path and action are copied (path and action may be
 * NULL).  Returns the new finding, valid until the next finding_add().
 */
struct finding *finding_add(struct findings *f, enum finding_severity sev,
    const char *code, const char *path, const char *action, const char *fmt,
    ...) __attribute__((format(printf, 6, 7)));

/*
 * The absolute path of a znode under root (fmt gives the rest, from "/"),
 * allocated from f's arena: what a finding is about.
 */
const char *finding_path(struct findings *f, const char *root, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* Sort by severity, code, path, then message: the report's order. */
void findings_sort(struct findings *f);

/* Findings of severity sev; blockers count only when not allowed. */
size_t findings_count(const struct findings *f, enum finding_severity sev);

/* "blocker", "warning" or "info". */
const char *finding_severity_name(enum finding_severity sev);

void findings_free(struct findings *f);

#endif /* FINDING_H */

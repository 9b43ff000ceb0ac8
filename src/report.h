/*
 * The migration report of dry-run and export, for people (text) and for
 * programs (JSON), built from the plan; verify's and check-broker's
 * reports too.  Secrets are never in it: values of sensitive configs are
 * replaced by "[redacted]", SCRAM material and token HMACs are not shown.
 * The same plan gives the same bytes.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "brokerck.h"
#include "buf.h"
#include "image.h"
#include "kcheck.h"
#include "model.h"
#include "plan.h"
#include "verify.h"

struct report_info {
	const char *command;         /* "dry-run" or "export" */
	const char *source_kind;     /* "zookeeper" or "dump" */
	const char *source;          /* servers, or the dump file */
	size_t znodes;               /* znodes read */
	const char *output;          /* export: the checkpoint's path */
	const char *meta_properties; /* export: its path, or NULL */
	/* export: the read-back check of the file, or NULL */
	const struct kcheck_result *verification;
	const char *verification_error; /* why the check failed, or NULL */
};

/* Append the JSON report (one object, indented, newline-terminated). */
void report_json(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri);

/* Append the text report. */
void report_text(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri);

/* What verify compared, for its report. */
struct report_verify {
	const char *source_kind; /* "zookeeper" or "dump" */
	const char *source;
	size_t znodes;
	const char *kraft;         /* the --kraft path */
	const struct image *image; /* the KRaft side */
	const struct verify_result *result;
	bool strict;
	size_t blockers; /* of the translation: the ZooKeeper side may lack
			    what they concern */
};

/* Append verify's report: JSON, or text (summary first, then the
 * differences grouped by kind). */
void report_verify_json(
    struct buf *out, const struct model *m, const struct report_verify *rv);
void report_verify_text(
    struct buf *out, const struct model *m, const struct report_verify *rv);

/* What check-broker looked at, for its report (report-broker.c). */
struct report_broker {
	const char *export; /* the --export path */
	int32_t node_id;
	size_t topics;               /* in the export's image */
	const char *cluster_id;      /* the export's, or NULL */
	const char *cluster_id_from; /* the file it was read from */
	const struct brokerck *check;
	/* with --apply: what was written (check is the re-check after it) */
	const struct brokerck_changes *changes;
	const char *apply_refused; /* why --apply wrote nothing, or NULL */
};

/* Append check-broker's report: JSON, or text (each log directory with
 * its entries in order, the changes, a summary and the result). */
void report_broker_json(struct buf *out, const struct report_broker *rb);
void report_broker_text(struct buf *out, const struct report_broker *rb);

/*
 * The cluster id in the zk2kraft report.json at path (dry-run's or
 * export's).  Returns 1 with *id (caller frees; NULL when the report says
 * the cluster has none), 0 when there is no such file or it is not a
 * zk2kraft report, or -1 with e set when it cannot be read or parsed.
 */
int report_cluster_id(const char *path, char **id, struct error *e);

#endif /* REPORT_H */

/*
 * The migration report of dry-run and export, for people (text) and for
 * programs (JSON), built from the plan.  Secrets are never in it: values
 * of sensitive configs are replaced by POLICY_REDACTED, SCRAM material and
 * token HMACs are not shown.  The same plan gives the same bytes.
 * verify's and check-broker's reports are report-verify.h and
 * report-broker.h.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

#include "buf.h"
#include "kcheck.h"
#include "model.h"
#include "plan.h"

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

#endif /* REPORT_H */

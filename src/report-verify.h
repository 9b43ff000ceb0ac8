/*
 * verify's report, for people (text) and for programs (JSON): what was
 * compared, the result, and the differences grouped by kind.  Sensitive
 * values are already redacted in the differences (verify.h).
 */
#ifndef REPORT_VERIFY_H
#define REPORT_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "image.h"
#include "model.h"
#include "verify.h"

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

#endif /* REPORT_VERIFY_H */

/*
 * check-broker's report, for people (text) and for programs (JSON), from
 * a brokerck result.  Names read from disk may hold any bytes: they are
 * shown made printable (utf8_printable).
 */
#ifndef REPORT_BROKER_H
#define REPORT_BROKER_H

#include <stddef.h>
#include <stdint.h>

#include "brokerck.h"
#include "buf.h"

/* What check-broker looked at, for its report. */
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

#endif /* REPORT_BROKER_H */

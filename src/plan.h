/*
 * The migration plan: everything dry-run reports and export writes,
 * computed from the model without I/O.  plan_build() runs its steps in
 * order: it checks the model for what blocks or changes the migration
 * (findings: plan-check.c), has it translated to KRaft metadata records
 * (translate.h), checks the records against what Kafka can write
 * (plan-limits.c), encodes the checkpoint file, checks the limits of the
 * bootstrap path with the sizes the encoding gave (plan-limits.c,
 * kraft-snapshot-format.md section 7.2), and applies --allow.
 *
 * Ownership: the plan owns its translation, findings and file bytes (freed
 * by plan_free()); it borrows the model, which must outlive it.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "finding.h"
#include "kwrite.h"
#include "model.h"
#include "record.h"
#include "translate.h"

struct plan_opts {
	int mv;                /* metadata.version level */
	bool snapshot;         /* the snapshot route, not bootstrap */
	bool assign_topic_ids; /* derive ids for topics without one */
	bool elect_leaders;    /* no leaders: KRaft elects them from the ISR */
	bool meta_properties;  /* a meta.properties will be written */
	const char *secret;    /* password.encoder.secret, borrowed */
	size_t secretlen;      /* or NULL and 0 */
	const char *const *allow; /* --allow codes, borrowed */
	size_t nallow;
	int64_t timestamp;       /* batch timestamps (and the snapshot's) */
	int64_t snapshot_offset; /* 0: the number of data records */
	int32_t snapshot_epoch;  /* 0: 1 */
	const struct record *header_extra; /* voters, borrowed */
	size_t nheader_extra;
};

struct plan {
	int mv;
	bool snapshot;
	int64_t snapshot_offset; /* the snapshot id, when snapshot */
	int32_t snapshot_epoch;
	struct translation tr;    /* the topics and the data records */
	struct findings findings; /* sorted */
	struct buf file;          /* the checkpoint's bytes */
	struct kwrite_stats stats;
	bool blocked; /* a blocker the operator did not allow */
};

/*
 * Build p (zeroed by the caller) from m.  Returns -1 with e set only for
 * what is not a finding (a record too large to encode at all); a plan
 * with blockers is a successful result with p->blocked set.
 */
int plan_build(struct plan *p, const struct model *m, const struct plan_opts *o,
    struct error *e);

void plan_free(struct plan *p);

/* Data records of api key key in the plan's file. */
size_t plan_count(const struct plan *p, int key);

#endif /* PLAN_H */

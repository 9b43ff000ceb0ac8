/*
 * The plan's limits, the step of plan_build() after the translation: what
 * Kafka cannot write or load of it.  Records with a string longer than a
 * record field holds, and, on the bootstrap route, the batches the first
 * controller appends (kraft-snapshot-format.md section 7.2).
 */
#ifndef PLAN_LIMITS_H
#define PLAN_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "translate.h"

/*
 * Drop from tr the records Kafka cannot write and add a blocker for each
 * to f.
 */
void plan_limits(struct translation *tr, struct findings *f);

/*
 * Add to f the blockers of the bootstrap path at metadata.version level
 * mv.  vlen[i] is the encoded value length of tr->records[i], as
 * kwrite_checkpoint() wrote it (so that no record is encoded twice).
 */
void plan_limits_bootstrap(const struct translation *tr, struct findings *f,
    int mv, const size_t *vlen);

#endif /* PLAN_LIMITS_H */

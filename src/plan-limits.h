/*
 * The plan's limits, the step of plan_build() after the translation: what
 * Kafka cannot write or load of it.  Records with a string longer than a
 * record field holds, and, on the bootstrap route, the batches the first
 * controller appends (kraft-snapshot-format.md section 7.2).
 */
#ifndef PLAN_LIMITS_H
#define PLAN_LIMITS_H

#include <stdbool.h>

#include "finding.h"
#include "translate.h"

/*
 * Drop from tr the records Kafka cannot write and add a blocker for each
 * to f; unless snapshot, add the blockers of the bootstrap path at
 * metadata.version level mv.
 */
void plan_limits(
    struct translation *tr, struct findings *f, int mv, bool snapshot);

#endif /* PLAN_LIMITS_H */

/*
 * The plan's checks of the model, the first step of plan_build(): what
 * blocks or changes the migration before anything is translated.  The
 * model's own diagnostics (blockers where they concern data the migration
 * carries), the state of the cluster (running, an online migration begun,
 * pending admin requests) and the state of each topic and partition.
 */
#ifndef PLAN_CHECK_H
#define PLAN_CHECK_H

#include <stdbool.h>

#include "finding.h"
#include "model.h"

/* Add the findings about m to f; meta_properties: one will be written,
 * so a missing cluster id blocks. */
void plan_check(
    struct findings *f, const struct model *m, bool meta_properties);

#endif /* PLAN_CHECK_H */

/*
 * The JSON side shared by every report (report.c, report-verify.c,
 * report-broker.c): setting members, strings, and appending the document;
 * and reading the cluster id back from a migration report, for
 * check-broker.  With tree.c and model.c, the report family is where
 * jansson is used.
 */
#ifndef REPORT_JSON_H
#define REPORT_JSON_H

#include <jansson.h>

#include "buf.h"
#include "error.h"

/* The "format" of the migration report of dry-run and export. */
#define REPORT_FORMAT "zk2kraft-report"

/* o[key] = v, stealing v.  A NULL v or a failure is fatal (out of
 * memory). */
void report_json_set(json_t *o, const char *key, json_t *v);

/* A new JSON string, or null for NULL.  s must be UTF-8 (the model keeps
 * nothing else): anything else is a bug, and fatal. */
json_t *report_json_str(const char *s);

/* Append root, indented, and a newline to out; releases root. */
void report_json_dump(struct buf *out, json_t *root);

/*
 * The cluster id in the zk2kraft report.json at path (dry-run's or
 * export's).  Returns 1 with *id (caller frees; NULL when the report says
 * the cluster has none), 0 when there is no such file or it is not a
 * zk2kraft report, or -1 with e set when it cannot be read or parsed.
 */
int report_cluster_id(const char *path, char **id, struct error *e);

#endif /* REPORT_JSON_H */

/*
 * check-broker's report (see report-broker.h), text and JSON, from a brokerck
 * result.  Names read from disk may hold any bytes: control characters
 * and bytes that are not UTF-8 are shown as \xNN in both forms
 * (utf8_printable).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "report-broker.h"
#include "report-json.h"
#include "utf8.h"
#include "xmalloc.h"

static const char *
report_broker_result(const struct brokerck *bc)
{
	if (bc->errors > 0)
		return "error";
	return bc->problems > 0 ? "at-risk" : "ok";
}

/* JSON */

static json_t *
report_broker_str(const char *s)
{
	json_t *v;
	char *safe;

	if (s == NULL)
		return json_null();
	safe = utf8_printable(s);
	v = json_string(safe);
	free(safe);
	return v;
}

static json_t *
report_broker_uuid(const struct kuuid *u)
{
	char s[B64_UUID_LEN + 1];

	return report_broker_str(b64_uuid_str(u, s));
}

static json_t *
report_broker_entry(const struct brokerck_entry *en)
{
	json_t *o = json_object(), *a;
	size_t i;

	report_json_set(o, "name", report_broker_str(en->name));
	report_json_set(o, "path", report_broker_str(en->path));
	report_json_set(o, "topic", report_broker_str(en->topic));
	report_json_set(o, "partition",
	    en->topic != NULL ? json_integer(en->partition) : json_null());
	report_json_set(o, "kind",
	    en->topic != NULL ? json_string(logdir_kind_name(en->kind))
			      : json_null());
	report_json_set(
	    o, "verdict", json_string(brokerck_verdict_name(en->verdict)));
	report_json_set(o, "problem", json_boolean(brokerck_is_problem(en)));
	report_json_set(o, "reason", report_broker_str(en->reason));
	report_json_set(o, "detail", report_broker_str(en->detail));
	report_json_set(o, "partition_metadata",
	    en->pmeta == BROKERCK_PMETA_ABSENT         ? json_string("absent")
		: en->pmeta == BROKERCK_PMETA_OK       ? json_string("ok")
		: en->pmeta == BROKERCK_PMETA_BAD      ? json_string("bad")
		: en->pmeta == BROKERCK_PMETA_DANGLING ? json_string("dangling")
						       : json_null());
	report_json_set(o, "topic_id",
	    en->pmeta == BROKERCK_PMETA_OK ? report_broker_uuid(&en->pmeta_id)
					   : json_null());
	report_json_set(o, "export_topic_id",
	    en->has_export_id ? report_broker_uuid(&en->export_id)
			      : json_null());
	if (en->replicas != NULL) {
		a = json_array();
		for (i = 0; i < en->replicas->n; i++)
			json_array_append_new(
			    a, json_integer(en->replicas->v[i]));
	} else
		a = json_null();
	report_json_set(o, "replicas", a);
	report_json_set(o, "segments", json_integer((json_int_t)en->segments));
	report_json_set(o, "bytes", json_integer((json_int_t)en->bytes));
	return o;
}

static json_t *
report_broker_dir(const struct brokerck_dir *d)
{
	json_t *o = json_object(), *m, *a, *p;
	size_t i;

	report_json_set(o, "path", report_broker_str(d->path));
	report_json_set(o, "metadata_log_dir", json_boolean(d->metadata));
	if (d->has_meta) {
		m = json_object();
		report_json_set(m, "version", json_integer(d->meta.version));
		report_json_set(m, "node_id",
		    d->meta.has_node_id ? json_integer(d->meta.node_id)
					: json_null());
		report_json_set(
		    m, "cluster_id", report_broker_str(d->meta.cluster_id));
		report_json_set(m, "directory_id",
		    d->meta.has_directory_id
			? report_broker_uuid(&d->meta.directory_id)
			: json_null());
	} else
		m = json_null();
	report_json_set(o, "meta_properties", m);
	a = json_array();
	for (i = 0; i < d->nproblems; i++) {
		p = json_object();
		report_json_set(
		    p, "code", report_broker_str(d->problems[i].code));
		report_json_set(
		    p, "message", report_broker_str(d->problems[i].msg));
		report_json_set(p, "error", json_boolean(d->problems[i].error));
		json_array_append_new(a, p);
	}
	report_json_set(o, "problems", a);
	a = json_array();
	for (i = 0; i < d->nentries; i++)
		json_array_append_new(a, report_broker_entry(&d->entries[i]));
	report_json_set(o, "entries", a);
	return o;
}

void
report_broker_json(struct buf *out, const struct report_broker *rb)
{
	const struct brokerck *bc = rb->check;
	json_t *root = json_object(), *o, *a, *c;
	size_t i;

	report_json_set(root, "format", json_string("zk2kraft-check-broker"));
	report_json_set(root, "version", json_integer(1));
	report_json_set(root, "tool", json_string(PACKAGE_VERSION));
	report_json_set(root, "result", json_string(report_broker_result(bc)));
	report_json_set(root, "node_id", json_integer(rb->node_id));

	o = json_object();
	report_json_set(o, "path", report_broker_str(rb->export));
	report_json_set(o, "topics", json_integer((json_int_t)rb->topics));
	report_json_set(o, "cluster_id", report_broker_str(rb->cluster_id));
	report_json_set(
	    o, "cluster_id_from", report_broker_str(rb->cluster_id_from));
	report_json_set(root, "export", o);

	report_json_set(root, "applied", json_boolean(rb->changes != NULL));
	report_json_set(
	    root, "apply_refused", report_broker_str(rb->apply_refused));
	a = json_array();
	for (i = 0; rb->changes != NULL && i < rb->changes->n; i++) {
		c = json_object();
		report_json_set(
		    c, "path", report_broker_str(rb->changes->v[i].path));
		report_json_set(
		    c, "topic_id", report_broker_uuid(&rb->changes->v[i].id));
		report_json_set(c, "result",
		    json_string(rb->changes->v[i].error == NULL ? "written"
								: "failed"));
		report_json_set(
		    c, "error", report_broker_str(rb->changes->v[i].error));
		json_array_append_new(a, c);
	}
	report_json_set(root, "changes", a);

	a = json_array();
	for (i = 0; i < bc->ndirs; i++)
		json_array_append_new(a, report_broker_dir(&bc->dirs[i]));
	report_json_set(root, "log_dirs", a);

	o = json_object();
	c = json_object();
	for (i = 0; i < BROKERCK_NVERDICTS; i++) {
		json_t *v = json_object();

		report_json_set(
		    v, "directories", json_integer((json_int_t)bc->count[i]));
		report_json_set(
		    v, "bytes", json_integer((json_int_t)bc->bytes[i]));
		report_json_set(c, brokerck_verdict_name(i), v);
	}
	report_json_set(o, "verdicts", c);
	c = json_object();
	report_json_set(
	    c, "directories", json_integer((json_int_t)bc->at_risk));
	report_json_set(
	    c, "bytes", json_integer((json_int_t)bc->at_risk_bytes));
	report_json_set(o, "at_risk", c);
	report_json_set(o, "problems", json_integer((json_int_t)bc->problems));
	report_json_set(o, "errors", json_integer((json_int_t)bc->errors));
	report_json_set(root, "summary", o);

	report_json_dump(out, root);
}

/* Text */

/* Append before, s made printable, and after. */
static void
report_broker_line(
    struct buf *out, const char *before, const char *s, const char *after)
{
	char *safe = utf8_printable(s);

	buf_put(out, before, strlen(before));
	buf_put(out, safe, strlen(safe));
	buf_put(out, after, strlen(after));
	free(safe);
}

static const char *
report_broker_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
report_broker_text_dir(struct buf *out, const struct brokerck_dir *d)
{
	const struct brokerck_entry *en;
	size_t i;

	report_broker_line(out, "\nLog directory ", d->path, "");
	buf_printf(
	    out, "%s\n", d->metadata ? " (the metadata log directory)" : "");
	if (d->has_meta) {
		buf_printf(
		    out, "  meta.properties: version %d", d->meta.version);
		if (d->meta.has_node_id)
			buf_printf(out, ", %s %" PRId32,
			    d->meta.version == 0 ? "broker.id" : "node.id",
			    d->meta.node_id);
		if (d->meta.cluster_id != NULL)
			report_broker_line(
			    out, ", cluster.id ", d->meta.cluster_id, "");
		buf_printf(out, "%s\n", d->nproblems == 0 ? ": ok" : "");
	}
	for (i = 0; i < d->nproblems; i++)
		report_broker_line(out,
		    d->problems[i].error ? "  ERROR: " : "  PROBLEM: ",
		    d->problems[i].msg, "\n");
	if (d->nentries == 0)
		buf_printf(out, "  (no directories)\n");
	for (i = 0; i < d->nentries; i++) {
		en = &d->entries[i];
		buf_printf(out, "  %-24s ", brokerck_verdict_name(en->verdict));
		report_broker_line(out, "", en->name, "");
		if (en->topic != NULL && en->verdict != BROKERCK_METADATA_LOG &&
		    en->verdict != BROKERCK_MISPLACED &&
		    en->verdict != BROKERCK_IGNORED)
			buf_printf(out, " (%zu %s, %" PRIu64 " %s)",
			    en->segments,
			    report_broker_plural(
				en->segments, "segment", "segments"),
			    en->bytes,
			    report_broker_plural(en->bytes, "byte", "bytes"));
		buf_printf(out, "\n");
		if (en->detail != NULL)
			report_broker_line(out, "      ", en->detail, "\n");
	}
}

void
report_broker_text(struct buf *out, const struct report_broker *rb)
{
	const struct brokerck *bc = rb->check;
	const struct brokerck_changes *ch = rb->changes;
	size_t i, written;

	buf_printf(out,
	    "zk2kraft check-broker: what a KRaft broker with node.id %" PRId32
	    " will do with these log directories\n\n",
	    rb->node_id);
	report_broker_line(out, "Export:     ", rb->export, "");
	buf_printf(out, " (%zu %s)\n", rb->topics,
	    report_broker_plural(rb->topics, "topic", "topics"));
	if (rb->cluster_id != NULL) {
		report_broker_line(out, "Cluster id: ", rb->cluster_id, "");
		report_broker_line(out, " (from ", rb->cluster_id_from, ")\n");
	} else if (rb->cluster_id_from != NULL)
		report_broker_line(out, "Cluster id: none (",
		    rb->cluster_id_from,
		    " says the cluster had none): cluster.id not compared\n");
	else
		buf_printf(out,
		    "Cluster id: unknown (no meta.properties or report.json "
		    "with one beside the export): cluster.id not compared\n");

	for (i = 0; i < bc->ndirs; i++)
		report_broker_text_dir(out, &bc->dirs[i]);

	if (rb->apply_refused != NULL)
		buf_printf(
		    out, "\nChanges (--apply): none: %s\n", rb->apply_refused);
	if (ch != NULL) {
		written = ch->n - ch->failed;
		buf_printf(out,
		    "\nChanges (--apply): %zu partition.metadata %s written",
		    written, report_broker_plural(written, "file", "files"));
		if (ch->failed > 0)
			buf_printf(out, ", %zu failed", ch->failed);
		buf_printf(out, "\n");
		for (i = 0; i < ch->n; i++) {
			char id[B64_UUID_LEN + 1];

			if (ch->v[i].error != NULL) {
				report_broker_line(
				    out, "  FAILED  ", ch->v[i].error, "\n");
				continue;
			}
			report_broker_line(
			    out, "  wrote   ", ch->v[i].path, "");
			buf_printf(out, " (topic id %s)\n",
			    b64_uuid_str(&ch->v[i].id, id));
		}
	}

	buf_printf(out, "\nSummary%s\n",
	    ch != NULL ? " (checked again after --apply)" : "");
	for (i = 0; i < BROKERCK_NVERDICTS; i++)
		if (bc->count[i] > 0)
			buf_printf(out,
			    "  %-24s %6zu %-11s %14" PRIu64 " bytes\n",
			    brokerck_verdict_name(i), bc->count[i],
			    report_broker_plural(
				bc->count[i], "directory", "directories"),
			    bc->bytes[i]);
	buf_printf(out,
	    "  %-24s %6zu %-11s %14" PRIu64 " bytes of segment data\n",
	    "at risk", bc->at_risk,
	    report_broker_plural(bc->at_risk, "directory", "directories"),
	    bc->at_risk_bytes);

	if (bc->errors > 0)
		buf_printf(out,
		    "Result:     ERROR: %zu could not be read or parsed (see "
		    "above); %zu %s",
		    bc->errors, bc->problems,
		    report_broker_plural(bc->problems, "problem", "problems"));
	else if (bc->problems > 0)
		buf_printf(out, "Result:     AT RISK: %zu %s", bc->problems,
		    report_broker_plural(bc->problems, "problem", "problems"));
	else
		buf_printf(out, "Result:     OK: nothing would be lost");
	if (bc->count[BROKERCK_NEEDS_PMETA] > 0)
		buf_printf(out, " (%zu fixable with --apply)",
		    bc->count[BROKERCK_NEEDS_PMETA]);
	buf_printf(out, "\n");
}

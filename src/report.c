/*
 * The migration report (see report.h).
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "jnum.h"
#include "mv.h"
#include "record.h"
#include "records.h"
#include "report.h"
#include "xmalloc.h"

static const char *
report_value(const char *key, const char *value)
{
	return plan_config_sensitive(key) ? REPORT_REDACTED : value;
}

static const char *
report_topic_status(enum plan_topic_status s)
{
	switch (s) {
	case PLAN_TOPIC_MIGRATED:
		return "migrated";
	case PLAN_TOPIC_PENDING_DELETION:
		return "skipped: pending deletion";
	case PLAN_TOPIC_BLOCKED:
		break;
	}
	return "blocked";
}

static const char *
report_entity_type(enum model_entity_type t)
{
	return t == MODEL_ENTITY_USER     ? "user"
	    : t == MODEL_ENTITY_CLIENT_ID ? "client-id"
					  : "ip";
}

static const char *
report_result(const struct plan *p, const struct report_info *ri)
{
	if (ri->verification_error != NULL ||
	    (ri->verification != NULL && ri->verification->mismatches > 0))
		return "failed";
	return p->blocked ? "blocked" : "ok";
}

static const char *
report_file_name(const struct plan *p)
{
	static char name[64];

	if (!p->snapshot)
		return "bootstrap.checkpoint";
	snprintf(name, sizeof name, "%020" PRId64 "-%010" PRId32 ".checkpoint",
	    p->snapshot_offset, p->snapshot_epoch);
	return name;
}

/* JSON */

static void
report_set(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) == -1)
		fatalx("report: json_object_set_new %s", key);
}

static json_t *
report_str(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	if ((v = json_string(s)) == NULL)
		/* The model keeps only UTF-8; this is a bug. */
		fatalx("report: not UTF-8: %s", s);
	return v;
}

/* A number; NaN and the infinities, which JSON lacks, as Java spells them
 * in a string. */
static json_t *
report_double(double d)
{
	struct buf b = {0};
	json_t *v;

	if (isfinite(d))
		return json_real(d);
	jnum_put_double(&b, d);
	buf_put_u8(&b, '\0');
	v = report_str((const char *)b.data);
	buf_free(&b);
	return v;
}

static json_t *
report_json_config(const struct model_config *c)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < c->n; i++)
		report_set(o, c->kv[i].key,
		    report_str(report_value(c->kv[i].key, c->kv[i].value)));
	return o;
}

static json_t *
report_json_topics(const struct plan *p)
{
	char id[B64_UUID_LEN + 1];
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < p->ntopics; i++) {
		const struct plan_topic *pt = &p->topics[i];

		o = json_object();
		report_set(o, "name", report_str(pt->t->name));
		report_set(o, "id",
		    pt->t->has_id || pt->id_assigned
			? report_str(plan_uuid_str(&pt->id, id))
			: json_null());
		report_set(o, "id_assigned", json_boolean(pt->id_assigned));
		report_set(
		    o, "status", report_str(report_topic_status(pt->status)));
		report_set(o, "partitions",
		    json_integer((json_int_t)pt->t->npartitions));
		report_set(o, "replication_factor",
		    json_integer((json_int_t)pt->replication_factor));
		report_set(o, "configs", report_json_config(&pt->t->config));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
report_json_findings(const struct plan *p)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];

		o = json_object();
		report_set(o, "severity",
		    report_str(finding_severity_name(f->severity)));
		report_set(o, "code", report_str(f->code));
		report_set(o, "path", report_str(f->path));
		report_set(o, "message", report_str(f->msg));
		report_set(o, "action", report_str(f->action));
		if (f->severity == FINDING_BLOCKER)
			report_set(o, "allowed", json_boolean(f->allowed));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
report_json_other(const struct plan *p, const struct model *m)
{
	json_t *o = json_object(), *a, *x, *v;
	size_t i, j;

	a = json_array();
	for (i = 0; i < m->nbroker_configs; i++) {
		x = json_object();
		report_set(x, "broker",
		    report_str(m->broker_configs[i].is_default
			    ? "<default>"
			    : m->broker_configs[i].name));
		report_set(x, "configs",
		    report_json_config(&m->broker_configs[i].config));
		json_array_append_new(a, x);
	}
	report_set(o, "broker_configs", a);
	report_set(
	    o, "passwords_decrypted", json_integer((json_int_t)p->decrypted));

	a = json_array();
	for (i = 0; i < m->nquotas; i++) {
		const struct model_quota *q = &m->quotas[i];

		x = json_object();
		v = json_object();
		for (j = 0; j < q->nentity; j++)
			report_set(v, report_entity_type(q->entity[j].type),
			    report_str(q->entity[j].name));
		report_set(x, "entity", v);
		v = json_object();
		for (j = 0; j < q->nvalues; j++)
			report_set(v, q->values[j].key,
			    report_double(q->values[j].value));
		report_set(x, "quotas", v);
		json_array_append_new(a, x);
	}
	report_set(o, "client_quotas", a);

	a = json_array();
	for (i = 0; i < m->nscram; i++) {
		x = json_object();
		report_set(x, "user", report_str(m->scram[i].user));
		report_set(x, "mechanism",
		    report_str(m->scram[i].mechanism == 1 ? "SCRAM-SHA-256"
							  : "SCRAM-SHA-512"));
		report_set(
		    x, "iterations", json_integer(m->scram[i].iterations));
		json_array_append_new(a, x);
	}
	report_set(o, "scram_credentials", a);
	report_set(o, "acls",
	    json_integer((json_int_t)p->count[RECORD_ACCESS_CONTROL_ENTRY]));
	report_set(
	    o, "delegation_tokens", json_integer((json_int_t)m->ntokens));
	report_set(o, "next_producer_id",
	    m->producer_ids.present
		? json_integer(m->producer_ids.block_end + 1)
		: json_null());
	return o;
}

/* Record types in the order of the file (plan.h). */
static const int report_order[] = {
    RECORD_FEATURE_LEVEL,
    RECORD_ZK_MIGRATION_STATE,
    RECORD_TOPIC,
    RECORD_PARTITION,
    RECORD_CONFIG,
    RECORD_CLIENT_QUOTA,
    RECORD_PRODUCER_IDS,
    RECORD_ACCESS_CONTROL_ENTRY,
    RECORD_USER_SCRAM_CREDENTIAL,
    RECORD_DELEGATION_TOKEN,
};
#define REPORT_NORDER (sizeof report_order / sizeof report_order[0])

/* The i-th api key to list: the file's types first, then any other. */
static int
report_key(size_t i)
{
	size_t j;
	int k, n = (int)REPORT_NORDER;

	if (i < REPORT_NORDER)
		return report_order[i];
	for (k = 0; k < KCHECK_NKEYS; k++) {
		for (j = 0; j < REPORT_NORDER; j++)
			if (report_order[j] == k)
				break;
		if (j < REPORT_NORDER)
			continue;
		if (n++ == (int)i)
			return k;
	}
	return -1;
}

static json_t *
report_json_counts(const size_t *count)
{
	json_t *o = json_object();
	size_t i, total = 0;
	int k;

	for (i = 0; (k = report_key(i)) != -1; i++) {
		const struct record_type *rt;

		if (count[k] == 0)
			continue;
		rt = record_type_find(false, k);
		report_set(o, rt != NULL ? rt->name : "unknown",
		    json_integer((json_int_t)count[k]));
		total += count[k];
	}
	report_set(o, "total", json_integer((json_int_t)total));
	return o;
}

static json_t *
report_json_verification(const struct report_info *ri)
{
	const struct kcheck_result *r = ri->verification;
	json_t *o = json_object();

	if (ri->verification_error != NULL) {
		report_set(o, "result", report_str("failed"));
		report_set(o, "error", report_str(ri->verification_error));
		return o;
	}
	report_set(
	    o, "result", report_str(r->mismatches == 0 ? "ok" : "failed"));
	report_set(o, "structure", report_str("ok"));
	report_set(o, "bytes", json_integer((json_int_t)r->size));
	report_set(o, "batches", json_integer((json_int_t)r->batches));
	report_set(o, "records_compared", json_integer((json_int_t)r->records));
	report_set(o, "mismatches", json_integer((json_int_t)r->mismatches));
	if (r->mismatches > 0)
		report_set(o, "first_mismatch", report_str(r->mismatch));
	report_set(o, "records", report_json_counts(r->count));
	return o;
}

void
report_json(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri)
{
	json_t *root = json_object(), *o;
	char *s;

	report_set(root, "format", report_str("zk2kraft-report"));
	report_set(root, "version", json_integer(1));
	report_set(root, "tool", report_str(PACKAGE_VERSION));
	report_set(root, "command", report_str(ri->command));
	report_set(root, "result", report_str(report_result(p, ri)));

	o = json_object();
	report_set(o, "kind", report_str(ri->source_kind));
	report_set(o, "location", report_str(ri->source));
	report_set(o, "root", report_str(m->root));
	report_set(o, "znodes", json_integer((json_int_t)ri->znodes));
	report_set(o, "min_zxid", json_integer(m->min_zxid));
	report_set(o, "max_zxid", json_integer(m->max_zxid));
	report_set(root, "source", o);

	report_set(root, "cluster_id", report_str(m->cluster_id));
	o = json_object();
	report_set(o, "name", report_str(mv_name(p->mv)));
	report_set(o, "level", json_integer(p->mv));
	report_set(root, "metadata_version", o);

	o = json_object();
	report_set(
	    o, "kind", report_str(p->snapshot ? "snapshot" : "bootstrap"));
	report_set(o, "file", report_str(report_file_name(p)));
	if (ri->output != NULL)
		report_set(o, "path", report_str(ri->output));
	if (ri->meta_properties != NULL)
		report_set(
		    o, "meta_properties", report_str(ri->meta_properties));
	report_set(o, "bytes", json_integer((json_int_t)p->file.len));
	report_set(o, "batches", json_integer((json_int_t)p->stats.batches));
	report_set(
	    o, "data_batches", json_integer((json_int_t)p->stats.data_batches));
	if (p->snapshot) {
		report_set(
		    o, "snapshot_offset", json_integer(p->snapshot_offset));
		report_set(
		    o, "snapshot_epoch", json_integer(p->snapshot_epoch));
	}
	report_set(root, "output", o);

	report_set(root, "records", report_json_counts(p->count));
	o = json_object();
	report_set(o, "blockers",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_BLOCKER)));
	report_set(o, "warnings",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_WARNING)));
	report_set(o, "infos",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_INFO)));
	report_set(root, "summary", o);
	report_set(root, "findings", report_json_findings(p));
	report_set(root, "topics", report_json_topics(p));
	report_set(root, "other", report_json_other(p, m));
	if (ri->verification != NULL || ri->verification_error != NULL)
		report_set(root, "verification", report_json_verification(ri));

	if ((s = json_dumps(root, JSON_INDENT(2))) == NULL)
		fatalx("report: json_dumps failed");
	buf_put(out, s, strlen(s));
	buf_put_u8(out, '\n');
	free(s);
	json_decref(root);
}

/* Text */

static void
report_text_counts(struct buf *out, const size_t *count)
{
	size_t i, total = 0;
	int k;

	for (i = 0; (k = report_key(i)) != -1; i++) {
		const struct record_type *rt;

		if (count[k] == 0)
			continue;
		rt = record_type_find(false, k);
		buf_printf(out, "  %-32s %8zu\n",
		    rt != NULL ? rt->name : "unknown", count[k]);
		total += count[k];
	}
	buf_printf(out, "  %-32s %8zu\n", "total", total);
}

static void
report_text_config(struct buf *out, const struct model_config *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_printf(out, "%s%s=%s", i > 0 ? ", " : "", c->kv[i].key,
		    report_value(c->kv[i].key, c->kv[i].value));
}

void
report_text(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri)
{
	char id[B64_UUID_LEN + 1];
	const char *result = report_result(p, ri);
	size_t i, nb, nw, ni;

	nb = findings_count(&p->findings, FINDING_BLOCKER);
	nw = findings_count(&p->findings, FINDING_WARNING);
	ni = findings_count(&p->findings, FINDING_INFO);
	buf_printf(out, "zk2kraft %s: migration report\n\n", ri->command);
	buf_printf(out,
	    "Source:           %s %s (root %s, %zu znodes, zxid "
	    "0x%" PRIx64 " to 0x%" PRIx64 ")\n",
	    ri->source_kind, ri->source, m->root, ri->znodes,
	    (uint64_t)m->min_zxid, (uint64_t)m->max_zxid);
	buf_printf(out, "Cluster id:       %s\n",
	    m->cluster_id != NULL ? m->cluster_id : "(none)");
	buf_printf(
	    out, "metadata.version: %s (level %d)\n", mv_name(p->mv), p->mv);
	buf_printf(out, "Output:           %s, %zu bytes in %zu batches\n",
	    ri->output != NULL ? ri->output : report_file_name(p), p->file.len,
	    p->stats.batches);
	if (ri->meta_properties != NULL)
		buf_printf(out, "                  %s\n", ri->meta_properties);
	if (strcmp(result, "ok") == 0)
		buf_printf(out, "Result:           ok: %s\n",
		    strcmp(ri->command, "export") == 0
			? "written and verified"
			: "export would succeed");
	else if (strcmp(result, "blocked") == 0)
		buf_printf(out,
		    "Result:           BLOCKED by %zu finding%s: export "
		    "refuses (see Findings)\n",
		    nb, nb == 1 ? "" : "s");
	else
		buf_printf(out,
		    "Result:           FAILED: the file read back "
		    "differs from the translation\n");

	buf_printf(out, "\nRecords\n");
	report_text_counts(out, p->count);

	buf_printf(out, "\nTopics (%zu)\n", p->ntopics);
	for (i = 0; i < p->ntopics; i++) {
		const struct plan_topic *pt = &p->topics[i];

		buf_printf(out, "  %s  id %s%s  partitions %zu  rf %zu",
		    pt->t->name,
		    pt->t->has_id || pt->id_assigned
			? plan_uuid_str(&pt->id, id)
			: "(none)",
		    pt->id_assigned ? " (assigned)" : "", pt->t->npartitions,
		    pt->replication_factor);
		if (pt->status != PLAN_TOPIC_MIGRATED)
			buf_printf(
			    out, "  [%s]", report_topic_status(pt->status));
		if (pt->t->config.n > 0) {
			buf_printf(out, "\n      configs: ");
			report_text_config(out, &pt->t->config);
		}
		buf_printf(out, "\n");
	}

	buf_printf(out, "\nOther data\n");
	for (i = 0; i < m->nbroker_configs; i++) {
		buf_printf(out, "  broker %s configs: ",
		    m->broker_configs[i].is_default
			? "<default>"
			: m->broker_configs[i].name);
		report_text_config(out, &m->broker_configs[i].config);
		buf_printf(out, "\n");
	}
	if (p->decrypted > 0)
		buf_printf(out,
		    "  password configs decrypted: %zu (stored in clear in the "
		    "checkpoint, as KRaft keeps them)\n",
		    p->decrypted);
	for (i = 0; i < m->nquotas; i++) {
		const struct model_quota *q = &m->quotas[i];
		size_t j;

		buf_printf(out, "  quota");
		for (j = 0; j < q->nentity; j++)
			buf_printf(out, " %s=%s",
			    report_entity_type(q->entity[j].type),
			    q->entity[j].name != NULL ? q->entity[j].name
						      : "<default>");
		buf_printf(out, ":");
		for (j = 0; j < q->nvalues; j++) {
			buf_printf(
			    out, "%s %s=", j > 0 ? "," : "", q->values[j].key);
			jnum_put_double(out, q->values[j].value);
		}
		buf_printf(out, "\n");
	}
	for (i = 0; i < m->nscram; i++)
		buf_printf(out, "  SCRAM credential: %s %s, %d iterations\n",
		    m->scram[i].user,
		    m->scram[i].mechanism == 1 ? "SCRAM-SHA-256"
					       : "SCRAM-SHA-512",
		    m->scram[i].iterations);
	buf_printf(
	    out, "  ACL entries: %zu\n", p->count[RECORD_ACCESS_CONTROL_ENTRY]);
	buf_printf(out, "  delegation tokens: %zu\n", m->ntokens);
	if (m->producer_ids.present)
		buf_printf(out, "  next producer id: %" PRId64 "\n",
		    m->producer_ids.block_end + 1);

	buf_printf(out, "\nFindings: %zu blocker%s, %zu warning%s, %zu info\n",
	    nb, nb == 1 ? "" : "s", nw, nw == 1 ? "" : "s", ni);
	for (i = 0; i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];

		buf_printf(out, "  %s%s %s%s%s\n      %s\n",
		    f->severity == FINDING_BLOCKER       ? "BLOCKER"
			: f->severity == FINDING_WARNING ? "warning"
							 : "info",
		    f->allowed ? " (allowed)" : "", f->code,
		    f->path != NULL ? " " : "", f->path != NULL ? f->path : "",
		    f->msg);
		if (f->action != NULL)
			buf_printf(out, "      -> %s\n", f->action);
	}

	if (ri->verification_error != NULL)
		buf_printf(out, "\nVerification: FAILED: %s\n",
		    ri->verification_error);
	else if (ri->verification != NULL) {
		const struct kcheck_result *r = ri->verification;

		buf_printf(out,
		    "\nVerification: %s: read back %zu bytes, %zu batches; "
		    "structure ok; %zu records compared, %zu differ%s%s\n",
		    r->mismatches == 0 ? "ok" : "FAILED", r->size, r->batches,
		    r->records, r->mismatches, r->mismatches > 0 ? ": " : "",
		    r->mismatches > 0 ? r->mismatch : "");
	}
}

/* verify */

/* "LABEL  NoOpRecord 30, RegisterBrokerRecord 3 (WHY)", when any. */
static void
report_keys(
    struct buf *out, const char *label, const size_t *by_key, const char *why)
{
	const char *sep = "";
	int k;

	for (k = 0; k < IMAGE_KEYS; k++) {
		if (by_key[k] == 0)
			continue;
		if (*sep == '\0')
			buf_printf(out, "%s", label);
		buf_printf(out, "%s%s %zu", sep, image_key_name(k), by_key[k]);
		sep = ", ";
	}
	if (*sep != '\0')
		buf_printf(out, " (%s)\n", why);
}

static json_t *
report_keys_json(const size_t *by_key)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < IMAGE_KEYS; k++)
		if (by_key[k] > 0)
			report_set(o, image_key_name(k),
			    json_integer((json_int_t)by_key[k]));
	return o;
}

static const char *
report_verify_result(const struct report_verify *rv)
{
	return verify_differences(rv->result, rv->strict) == 0 ? "consistent"
							       : "different";
}

void
report_verify_json(
    struct buf *out, const struct model *m, const struct report_verify *rv)
{
	const struct verify_result *r = rv->result;
	json_t *root = json_object(), *o, *a;
	const char *kind;
	size_t i;
	char *s;

	report_set(root, "format", report_str("zk2kraft-verify"));
	report_set(root, "version", json_integer(1));
	report_set(root, "tool", report_str(PACKAGE_VERSION));
	report_set(root, "result", report_str(report_verify_result(rv)));
	report_set(root, "strict", json_boolean(rv->strict));

	o = json_object();
	report_set(o, "kind", report_str(rv->source_kind));
	report_set(o, "location", report_str(rv->source));
	report_set(o, "root", report_str(m->root));
	report_set(o, "znodes", json_integer((json_int_t)rv->znodes));
	report_set(o, "min_zxid", json_integer(m->min_zxid));
	report_set(o, "max_zxid", json_integer(m->max_zxid));
	report_set(o, "cluster_id", report_str(m->cluster_id));
	report_set(
	    o, "translation_blockers", json_integer((json_int_t)rv->blockers));
	report_set(root, "zookeeper", o);

	o = json_object();
	report_set(o, "path", report_str(rv->kraft));
	report_set(
	    o, "metadata_version", json_integer(rv->image->metadata_version));
	report_set(
	    o, "records_applied", json_integer((json_int_t)rv->image->applied));
	report_set(
	    o, "records_skipped", json_integer((json_int_t)rv->image->skipped));
	report_set(o, "records_skipped_by_type",
	    report_keys_json(rv->image->skipped_by_key));
	report_set(o, "records_undecoded_by_type",
	    report_keys_json(rv->image->undecoded_by_key));
	report_set(
	    o, "records_aborted", json_integer((json_int_t)rv->image->aborted));
	report_set(o, "open_transaction",
	    rv->image->open_transaction ? json_integer(rv->image->open_offset)
					: json_null());
	report_set(o, "records_open",
	    json_integer((json_int_t)rv->image->open_records));
	report_set(root, "kraft", o);

	o = json_object();
	for (i = 0; (kind = verify_kind_name(i)) != NULL; i++)
		report_set(o, kind, json_integer((json_int_t)r->compared[i]));
	report_set(root, "compared", o);
	o = json_object();
	for (i = 0; i < 4; i++)
		report_set(o, verify_class_name((enum verify_class)i),
		    json_integer((json_int_t)r->counts[i]));
	report_set(root, "counts", o);

	a = json_array();
	for (kind = NULL, i = 0; verify_kind_name(i) != NULL; i++) {
		size_t j;

		kind = verify_kind_name(i);
		for (j = 0; j < r->n; j++) {
			const struct verify_diff *d = &r->diffs[j];

			if (strcmp(d->kind, kind) != 0)
				continue;
			o = json_object();
			report_set(o, "kind", report_str(d->kind));
			report_set(
			    o, "class", report_str(verify_class_name(d->cls)));
			report_set(o, "object", report_str(d->object));
			report_set(o, "field", report_str(d->field));
			report_set(o, "zookeeper", report_str(d->zk));
			report_set(o, "kraft", report_str(d->kraft));
			json_array_append_new(a, o);
		}
	}
	report_set(root, "differences", a);
	if ((s = json_dumps(root, JSON_INDENT(2))) == NULL)
		fatalx("report: json_dumps failed");
	buf_put(out, s, strlen(s));
	buf_put_u8(out, '\n');
	free(s);
	json_decref(root);
}

void
report_verify_text(
    struct buf *out, const struct model *m, const struct report_verify *rv)
{
	const struct verify_result *r = rv->result;
	const struct image *im = rv->image;
	size_t i, j, n, ndiff = verify_differences(r, rv->strict);
	const char *kind, *mv = mv_name(im->metadata_version);

	buf_printf(out, "zk2kraft verify: consistency report\n\n");
	buf_printf(out,
	    "ZooKeeper:        %s %s (root %s, %zu znodes, zxid "
	    "0x%" PRIx64 " to 0x%" PRIx64 ")\n",
	    rv->source_kind, rv->source, m->root, rv->znodes,
	    (uint64_t)m->min_zxid, (uint64_t)m->max_zxid);
	buf_printf(out,
	    "KRaft:            %s (%zu records applied, %zu not "
	    "needed",
	    rv->kraft, im->applied, im->skipped);
	if (im->aborted > 0)
		buf_printf(out, ", %zu in aborted transactions", im->aborted);
	buf_printf(out, ")\n");
	if (im->open_transaction)
		buf_printf(out,
		    "                  a metadata transaction begun at offset "
		    "%" PRId64 " is still open: its %zu records are not "
		    "applied\n",
		    im->open_offset, im->open_records);
	report_keys(out, "Not compared:     ", im->skipped_by_key,
	    "the running cluster's registrations, fencing, heartbeats, "
	    "migration state and transaction markers");
	report_keys(out, "Not decoded:      ", im->undecoded_by_key,
	    "versions this release cannot read, of records verify does not "
	    "compare");
	buf_printf(out, "metadata.version: %s (level %d)\n",
	    mv != NULL ? mv : "none", im->metadata_version);
	if (rv->blockers > 0)
		buf_printf(out,
		    "Translation:      %zu blocker%s (see dry-run): what they "
		    "concern is missing from the ZooKeeper side\n",
		    rv->blockers, rv->blockers == 1 ? "" : "s");
	if (ndiff == 0)
		buf_printf(out, "Result:           CONSISTENT");
	else
		buf_printf(out, "Result:           DIFFERENT: %zu difference%s",
		    ndiff, ndiff == 1 ? "" : "s");
	if (r->counts[VERIFY_DRIFT] > 0)
		buf_printf(out, " (%zu expected drift, %s)",
		    r->counts[VERIFY_DRIFT],
		    rv->strict ? "counted with --strict"
			       : "not counted without --strict");
	buf_printf(out, "\n\nCompared:");
	for (i = 0; (kind = verify_kind_name(i)) != NULL; i++)
		buf_printf(
		    out, "%s %zu %s", i > 0 ? "," : "", r->compared[i], kind);
	buf_printf(out, "\n");
	for (i = 0; i < 4; i++)
		if (r->counts[i] > 0)
			break;
	if (i == 4)
		return;
	buf_printf(out, "\nDifferences\n");
	for (i = 0; (kind = verify_kind_name(i)) != NULL; i++) {
		for (j = 0, n = 0; j < r->n; j++)
			n += strcmp(r->diffs[j].kind, kind) == 0;
		if (n == 0)
			continue;
		buf_printf(out, "  %s (%zu)\n", kind, n);
		for (j = 0; j < r->n; j++) {
			const struct verify_diff *d = &r->diffs[j];

			if (strcmp(d->kind, kind) != 0)
				continue;
			buf_printf(out,
			    "    %-16s %s%s%s: zookeeper %s, kraft %s\n",
			    verify_class_name(d->cls), d->object,
			    d->field != NULL ? " " : "",
			    d->field != NULL ? d->field : "",
			    d->zk != NULL ? d->zk : "(none)",
			    d->kraft != NULL ? d->kraft : "(none)");
		}
	}
}

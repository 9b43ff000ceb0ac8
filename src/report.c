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
#include "klog.h"
#include "mv.h"
#include "policy.h"
#include "record.h"
#include "records.h"
#include "report-json.h"
#include "report.h"

static const char *
report_topic_status(enum translate_topic_status s)
{
	switch (s) {
	case TRANSLATE_TOPIC_MIGRATED:
		return "migrated";
	case TRANSLATE_TOPIC_PENDING_DELETION:
		return "skipped: pending deletion";
	case TRANSLATE_TOPIC_BLOCKED:
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
	static char name[KLOG_SNAPSHOT_NAME_SIZE];

	if (!p->snapshot)
		return KLOG_BOOTSTRAP_NAME;
	return klog_snapshot_format(
	    name, p->snapshot_offset, p->snapshot_epoch);
}

/* JSON */

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
	v = report_json_str((const char *)b.data);
	buf_free(&b);
	return v;
}

static json_t *
report_config_json(const struct model_config *c)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < c->n; i++)
		report_json_set(o, c->kv[i].key,
		    report_json_str(
			policy_config_value(c->kv[i].key, c->kv[i].value)));
	return o;
}

static json_t *
report_topics_json(const struct plan *p)
{
	char id[B64_UUID_LEN + 1];
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < p->tr.ntopics; i++) {
		const struct translate_topic *pt = &p->tr.topics[i];

		o = json_object();
		report_json_set(o, "name", report_json_str(pt->t->name));
		report_json_set(o, "id",
		    pt->t->has_id || pt->id_assigned
			? report_json_str(b64_uuid_str(&pt->id, id))
			: json_null());
		report_json_set(
		    o, "id_assigned", json_boolean(pt->id_assigned));
		report_json_set(o, "status",
		    report_json_str(report_topic_status(pt->status)));
		report_json_set(o, "partitions",
		    json_integer((json_int_t)pt->t->npartitions));
		report_json_set(o, "replication_factor",
		    json_integer((json_int_t)pt->replication_factor));
		report_json_set(
		    o, "configs", report_config_json(&pt->t->config));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
report_findings_json(const struct plan *p)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];

		o = json_object();
		report_json_set(o, "severity",
		    report_json_str(finding_severity_name(f->severity)));
		report_json_set(o, "code", report_json_str(f->code));
		report_json_set(o, "path", report_json_str(f->path));
		report_json_set(o, "message", report_json_str(f->msg));
		report_json_set(o, "action", report_json_str(f->action));
		if (f->severity == FINDING_BLOCKER)
			report_json_set(o, "allowed", json_boolean(f->allowed));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
report_other_json(const struct plan *p, const struct model *m)
{
	json_t *o = json_object(), *a, *x, *v;
	size_t i, j;

	a = json_array();
	for (i = 0; i < m->nbroker_configs; i++) {
		x = json_object();
		report_json_set(x, "broker",
		    report_json_str(m->broker_configs[i].is_default
			    ? "<default>"
			    : m->broker_configs[i].name));
		report_json_set(x, "configs",
		    report_config_json(&m->broker_configs[i].config));
		json_array_append_new(a, x);
	}
	report_json_set(o, "broker_configs", a);
	report_json_set(o, "passwords_decrypted",
	    json_integer((json_int_t)p->tr.decrypted));

	a = json_array();
	for (i = 0; i < m->nquotas; i++) {
		const struct model_quota *q = &m->quotas[i];

		x = json_object();
		v = json_object();
		for (j = 0; j < q->nentity; j++)
			report_json_set(v,
			    report_entity_type(q->entity[j].type),
			    report_json_str(q->entity[j].name));
		report_json_set(x, "entity", v);
		v = json_object();
		for (j = 0; j < q->nvalues; j++)
			report_json_set(v, q->values[j].key,
			    report_double(q->values[j].value));
		report_json_set(x, "quotas", v);
		json_array_append_new(a, x);
	}
	report_json_set(o, "client_quotas", a);

	a = json_array();
	for (i = 0; i < m->nscram; i++) {
		x = json_object();
		report_json_set(x, "user", report_json_str(m->scram[i].user));
		report_json_set(x, "mechanism",
		    report_json_str(m->scram[i].mechanism == 1
			    ? "SCRAM-SHA-256"
			    : "SCRAM-SHA-512"));
		report_json_set(
		    x, "iterations", json_integer(m->scram[i].iterations));
		json_array_append_new(a, x);
	}
	report_json_set(o, "scram_credentials", a);
	report_json_set(o, "acls",
	    json_integer(
		(json_int_t)plan_count(p, RECORD_ACCESS_CONTROL_ENTRY)));
	report_json_set(
	    o, "delegation_tokens", json_integer((json_int_t)m->ntokens));
	report_json_set(o, "next_producer_id",
	    m->producer_ids.present
		? json_integer(m->producer_ids.block_end + 1)
		: json_null());
	return o;
}

/* Record types in the order of the file (translate.h). */
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

/* The plan's data records per api key, as kcheck counts a file's. */
static void
report_plan_counts(const struct plan *p, size_t *count)
{
	size_t i;

	memset(count, 0, KCHECK_NKEYS * sizeof *count);
	for (i = 0; i < p->tr.nrecords; i++)
		if (p->tr.records[i].key >= 0 &&
		    p->tr.records[i].key < KCHECK_NKEYS)
			count[p->tr.records[i].key]++;
}

/*
 * The next api key with records, from the *i-th in report_key() order on:
 * its count, with its type's name in *name; 0 when none is left.
 */
static size_t
report_count_next(const size_t *count, size_t *i, const char **name)
{
	const struct record_type *rt;
	int k;

	for (; (k = report_key(*i)) != -1; (*i)++) {
		if (count[k] == 0)
			continue;
		rt = record_type_find(false, k);
		*name = rt != NULL ? rt->name : "unknown";
		(*i)++;
		return count[k];
	}
	return 0;
}

static json_t *
report_counts_json(const size_t *count)
{
	json_t *o = json_object();
	size_t i = 0, n, total = 0;
	const char *name;

	while ((n = report_count_next(count, &i, &name)) > 0) {
		report_json_set(o, name, json_integer((json_int_t)n));
		total += n;
	}
	report_json_set(o, "total", json_integer((json_int_t)total));
	return o;
}

static json_t *
report_verification_json(const struct report_info *ri)
{
	const struct kcheck_result *r = ri->verification;
	json_t *o = json_object();

	if (ri->verification_error != NULL) {
		report_json_set(o, "result", report_json_str("failed"));
		report_json_set(
		    o, "error", report_json_str(ri->verification_error));
		return o;
	}
	report_json_set(
	    o, "result", report_json_str(r->mismatches == 0 ? "ok" : "failed"));
	report_json_set(o, "structure", report_json_str("ok"));
	report_json_set(o, "bytes", json_integer((json_int_t)r->size));
	report_json_set(o, "batches", json_integer((json_int_t)r->batches));
	report_json_set(
	    o, "records_compared", json_integer((json_int_t)r->records));
	report_json_set(
	    o, "mismatches", json_integer((json_int_t)r->mismatches));
	if (r->mismatches > 0)
		report_json_set(
		    o, "first_mismatch", report_json_str(r->mismatch));
	report_json_set(o, "records", report_counts_json(r->count));
	return o;
}

void
report_json(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri)
{
	json_t *root = json_object(), *o;
	size_t count[KCHECK_NKEYS];

	report_json_set(root, "format", report_json_str(REPORT_FORMAT));
	report_json_set(root, "version", json_integer(1));
	report_json_set(root, "tool", report_json_str(PACKAGE_VERSION));
	report_json_set(root, "command", report_json_str(ri->command));
	report_json_set(root, "result", report_json_str(report_result(p, ri)));

	o = json_object();
	report_json_set(o, "kind", report_json_str(ri->source_kind));
	report_json_set(o, "location", report_json_str(ri->source));
	report_json_set(o, "root", report_json_str(m->root));
	report_json_set(o, "znodes", json_integer((json_int_t)ri->znodes));
	report_json_set(o, "min_zxid", json_integer(m->min_zxid));
	report_json_set(o, "max_zxid", json_integer(m->max_zxid));
	report_json_set(root, "source", o);

	report_json_set(root, "cluster_id", report_json_str(m->cluster_id));
	o = json_object();
	report_json_set(o, "name", report_json_str(mv_name(p->mv)));
	report_json_set(o, "level", json_integer(p->mv));
	report_json_set(root, "metadata_version", o);

	o = json_object();
	report_json_set(
	    o, "kind", report_json_str(p->snapshot ? "snapshot" : "bootstrap"));
	report_json_set(o, "file", report_json_str(report_file_name(p)));
	if (ri->output != NULL)
		report_json_set(o, "path", report_json_str(ri->output));
	if (ri->meta_properties != NULL)
		report_json_set(
		    o, "meta_properties", report_json_str(ri->meta_properties));
	report_json_set(o, "bytes", json_integer((json_int_t)p->file.len));
	report_json_set(
	    o, "batches", json_integer((json_int_t)p->stats.batches));
	report_json_set(
	    o, "data_batches", json_integer((json_int_t)p->stats.data_batches));
	if (p->snapshot) {
		report_json_set(
		    o, "snapshot_offset", json_integer(p->snapshot_offset));
		report_json_set(
		    o, "snapshot_epoch", json_integer(p->snapshot_epoch));
	}
	report_json_set(root, "output", o);

	report_plan_counts(p, count);
	report_json_set(root, "records", report_counts_json(count));
	o = json_object();
	report_json_set(o, "blockers",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_BLOCKER)));
	report_json_set(o, "warnings",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_WARNING)));
	report_json_set(o, "infos",
	    json_integer(
		(json_int_t)findings_count(&p->findings, FINDING_INFO)));
	report_json_set(root, "summary", o);
	report_json_set(root, "findings", report_findings_json(p));
	report_json_set(root, "topics", report_topics_json(p));
	report_json_set(root, "other", report_other_json(p, m));
	if (ri->verification != NULL || ri->verification_error != NULL)
		report_json_set(
		    root, "verification", report_verification_json(ri));

	report_json_dump(out, root);
}

/* Text */

static void
report_text_counts(struct buf *out, const size_t *count)
{
	size_t i = 0, n, total = 0;
	const char *name;

	while ((n = report_count_next(count, &i, &name)) > 0) {
		buf_printf(out, "  %-32s %8zu\n", name, n);
		total += n;
	}
	buf_printf(out, "  %-32s %8zu\n", "total", total);
}

static void
report_text_config(struct buf *out, const struct model_config *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_printf(out, "%s%s=%s", i > 0 ? ", " : "", c->kv[i].key,
		    policy_config_value(c->kv[i].key, c->kv[i].value));
}

/* The summary: source, cluster, level, output and result. */
static void
report_text_head(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri)
{
	const char *result = report_result(p, ri);
	size_t nb = findings_count(&p->findings, FINDING_BLOCKER);

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
}

static void
report_text_topics(struct buf *out, const struct plan *p)
{
	char id[B64_UUID_LEN + 1];
	size_t i;

	buf_printf(out, "\nTopics (%zu)\n", p->tr.ntopics);
	for (i = 0; i < p->tr.ntopics; i++) {
		const struct translate_topic *pt = &p->tr.topics[i];

		buf_printf(out, "  %s  id %s%s  partitions %zu  rf %zu",
		    pt->t->name,
		    pt->t->has_id || pt->id_assigned ? b64_uuid_str(&pt->id, id)
						     : "(none)",
		    pt->id_assigned ? " (assigned)" : "", pt->t->npartitions,
		    pt->replication_factor);
		if (pt->status != TRANSLATE_TOPIC_MIGRATED)
			buf_printf(
			    out, "  [%s]", report_topic_status(pt->status));
		if (pt->t->config.n > 0) {
			buf_printf(out, "\n      configs: ");
			report_text_config(out, &pt->t->config);
		}
		buf_printf(out, "\n");
	}
}

static void
report_text_quota(struct buf *out, const struct model_quota *q)
{
	size_t j;

	buf_printf(out, "  quota");
	for (j = 0; j < q->nentity; j++)
		buf_printf(out, " %s=%s", report_entity_type(q->entity[j].type),
		    q->entity[j].name != NULL ? q->entity[j].name
					      : "<default>");
	buf_printf(out, ":");
	for (j = 0; j < q->nvalues; j++) {
		buf_printf(out, "%s %s=", j > 0 ? "," : "", q->values[j].key);
		jnum_put_double(out, q->values[j].value);
	}
	buf_printf(out, "\n");
}

static void
report_text_other(struct buf *out, const struct plan *p, const struct model *m)
{
	size_t i;

	buf_printf(out, "\nOther data\n");
	for (i = 0; i < m->nbroker_configs; i++) {
		buf_printf(out, "  broker %s configs: ",
		    m->broker_configs[i].is_default
			? "<default>"
			: m->broker_configs[i].name);
		report_text_config(out, &m->broker_configs[i].config);
		buf_printf(out, "\n");
	}
	if (p->tr.decrypted > 0)
		buf_printf(out,
		    "  password configs decrypted: %zu (stored in clear in the "
		    "checkpoint, as KRaft keeps them)\n",
		    p->tr.decrypted);
	for (i = 0; i < m->nquotas; i++)
		report_text_quota(out, &m->quotas[i]);
	for (i = 0; i < m->nscram; i++)
		buf_printf(out, "  SCRAM credential: %s %s, %d iterations\n",
		    m->scram[i].user,
		    m->scram[i].mechanism == 1 ? "SCRAM-SHA-256"
					       : "SCRAM-SHA-512",
		    m->scram[i].iterations);
	buf_printf(out, "  ACL entries: %zu\n",
	    plan_count(p, RECORD_ACCESS_CONTROL_ENTRY));
	buf_printf(out, "  delegation tokens: %zu\n", m->ntokens);
	if (m->producer_ids.present)
		buf_printf(out, "  next producer id: %" PRId64 "\n",
		    m->producer_ids.block_end + 1);
}

static void
report_text_findings(struct buf *out, const struct plan *p)
{
	size_t i, nb, nw, ni;

	nb = findings_count(&p->findings, FINDING_BLOCKER);
	nw = findings_count(&p->findings, FINDING_WARNING);
	ni = findings_count(&p->findings, FINDING_INFO);
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
}

static void
report_text_verification(struct buf *out, const struct report_info *ri)
{
	const struct kcheck_result *r = ri->verification;

	if (ri->verification_error != NULL)
		buf_printf(out, "\nVerification: FAILED: %s\n",
		    ri->verification_error);
	else if (r != NULL)
		buf_printf(out,
		    "\nVerification: %s: read back %zu bytes, %zu batches; "
		    "structure ok; %zu records compared, %zu differ%s%s\n",
		    r->mismatches == 0 ? "ok" : "FAILED", r->size, r->batches,
		    r->records, r->mismatches, r->mismatches > 0 ? ": " : "",
		    r->mismatches > 0 ? r->mismatch : "");
}

void
report_text(struct buf *out, const struct plan *p, const struct model *m,
    const struct report_info *ri)
{
	size_t count[KCHECK_NKEYS];

	report_text_head(out, p, m, ri);
	buf_printf(out, "\nRecords\n");
	report_plan_counts(p, count);
	report_text_counts(out, count);
	report_text_topics(out, p);
	report_text_other(out, p, m);
	report_text_findings(out, p);
	report_text_verification(out, ri);
}

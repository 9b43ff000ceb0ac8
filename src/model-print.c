/*
 * The model as canonical text, one fact per line (model_print() in
 * model.h): the form of the reviewed fixtures/zk/<case>/model.txt files
 * and of the tests that compare two models.  The program itself never
 * prints a model; the printer stays beside the model so that a field added
 * to model.h is printed, and so checked, in the same change.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "model.h"

/*
 * One string field of model_print().  Fields are separated by spaces, so
 * every byte <= ' ', DEL and backslash is written \xHH, as is any byte of
 * extra ("=" in keys, "," in list items).  NULL is "-", so a string that
 * is exactly "-" is escaped; "" is written "" and a leading quote
 * escaped, keeping the text unambiguous.
 */
static void
model_put_str(FILE *fp, const char *s, const char *extra)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("-", fp);
		return;
	}
	if (*s == '\0') {
		fputs("\"\"", fp);
		return;
	}
	if (strcmp(s, "-") == 0) {
		fputs("\\x2d", fp);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || *p == '\\' ||
		    (*p == '"' && p == (const unsigned char *)s) ||
		    (extra != NULL && strchr(extra, *p) != NULL))
			fprintf(fp, "\\x%02x", *p);
		else
			putc(*p, fp);
	}
}

static void
model_put_ints(FILE *fp, const int32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%d", i == 0 ? "" : ",", (int)v[i]);
}

static void
model_put_hex(FILE *fp, const struct kbytes *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		fprintf(fp, "%02x", b->p[i]);
}

/* %.17g round-trips; NaN and infinities get Java's spelling. */
static void
model_put_double(FILE *fp, double d)
{
	if (isnan(d))
		fputs("NaN", fp);
	else if (isinf(d))
		fputs(d < 0 ? "-Infinity" : "Infinity", fp);
	else
		fprintf(fp, "%.17g", d);
}

static void
model_put_uuid(FILE *fp, const struct kuuid *u)
{
	char text[B64_UUID_LEN + 1];

	fputs(b64_uuid_str(u, text), fp);
}

static void
model_put_config(FILE *fp, const char *what, const char *name,
    const struct model_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n; i++) {
		fprintf(fp, "config %s ", what);
		model_put_str(fp, name, NULL);
		putc(' ', fp);
		model_put_str(fp, cfg->kv[i].key, "=");
		putc('=', fp);
		model_put_str(fp, cfg->kv[i].value, NULL);
		putc('\n', fp);
	}
}

static void
model_put_entity(FILE *fp, const struct model_quota *q)
{
	size_t i;

	for (i = 0; i < q->nentity; i++) {
		fprintf(fp, "%s%s=", i == 0 ? "" : " ",
		    model_entity_type_name(q->entity[i].type));
		model_put_str(fp, q->entity[i].name, NULL);
	}
}

/* "what n", or "what -" when the znode is absent. */
static void
model_put_count(FILE *fp, const char *what, bool present, size_t n)
{
	if (present)
		fprintf(fp, "%s %zu\n", what, n);
	else
		fprintf(fp, "%s -\n", what);
}

static const char *
model_yes(bool b)
{
	return b ? "yes" : "no";
}

static void
model_print_brokers(const struct model *m, FILE *fp, bool stable)
{
	const struct model_broker *b;
	const struct model_endpoint *ep;
	size_t i, k;

	for (i = 0; i < m->nbrokers; i++) {
		b = &m->brokers[i];
		fprintf(fp, "broker %d version=%d host=", (int)b->id,
		    (int)b->version);
		model_put_str(fp, b->host, NULL);
		fprintf(fp, " port=%d jmx-port=%d timestamp=%" PRId64 " rack=",
		    (int)b->port, (int)b->jmx_port, b->timestamp);
		model_put_str(fp, b->rack, NULL);
		fprintf(fp, " ephemeral=%s", model_yes(b->ephemeral));
		if (!stable)
			fprintf(fp, " epoch=%" PRId64, b->epoch);
		putc('\n', fp);
		for (k = 0; k < b->nendpoints; k++) {
			ep = &b->endpoints[k];
			fprintf(fp, "endpoint %d listener=", (int)b->id);
			model_put_str(fp, ep->listener, NULL);
			fputs(" host=", fp);
			model_put_str(fp, ep->host, NULL);
			fprintf(fp, " port=%d protocol=%s\n", (int)ep->port,
			    ep->protocol);
		}
	}
}

static void
model_print_topics(const struct model *m, FILE *fp)
{
	const struct model_topic *tp;
	const struct model_partition *p;
	size_t i, k;

	for (i = 0; i < m->ntopics; i++) {
		tp = &m->topics[i];
		fputs("topic ", fp);
		model_put_str(fp, tp->name, NULL);
		fputs(" id=", fp);
		if (tp->has_id)
			model_put_uuid(fp, &tp->id);
		else
			fputs("-", fp);
		fprintf(fp, " version=%d pending-deletion=%s config=%s\n",
		    (int)tp->version, model_yes(tp->pending_deletion),
		    model_yes(tp->has_config));
		for (k = 0; k < tp->npartitions; k++) {
			p = &tp->partitions[k];
			fputs("partition ", fp);
			model_put_str(fp, tp->name, NULL);
			fprintf(fp, " %d replicas=", (int)p->id);
			model_put_ints(fp, p->replicas, p->nreplicas);
			fputs(" isr=", fp);
			model_put_ints(fp, p->isr, p->nisr);
			fprintf(fp,
			    " leader=%d leader-epoch=%d partition-epoch=%d "
			    "controller-epoch=%d recovery=%d adding=",
			    (int)p->leader, (int)p->leader_epoch,
			    (int)p->partition_epoch, (int)p->controller_epoch,
			    (int)p->leader_recovery_state);
			model_put_ints(fp, p->adding, p->nadding);
			fputs(" removing=", fp);
			model_put_ints(fp, p->removing, p->nremoving);
			fprintf(fp, " state=%s\n", model_yes(p->has_state));
		}
		model_put_config(fp, "topic", tp->name, &tp->config);
	}
	for (i = 0; i < m->npending_deletions; i++) {
		fputs("pending-deletion ", fp);
		model_put_str(fp, m->pending_deletions[i], NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->norphan_configs; i++) {
		fputs("orphan-config ", fp);
		model_put_str(fp, m->orphan_configs[i], NULL);
		putc('\n', fp);
	}
}

static void
model_print_security(const struct model *m, FILE *fp)
{
	const struct model_quota *q;
	const struct model_scram *sc;
	const struct model_acl *a;
	const struct model_token *tk;
	size_t i, k;

	for (i = 0; i < m->nquotas; i++) {
		q = &m->quotas[i];
		fputs("quota-entity ", fp);
		model_put_entity(fp, q);
		fputs(" path=", fp);
		model_put_str(fp, q->path, NULL);
		putc('\n', fp);
		for (k = 0; k < q->nvalues; k++) {
			fputs("quota ", fp);
			model_put_entity(fp, q);
			putc(' ', fp);
			model_put_str(fp, q->values[k].key, "=");
			putc('=', fp);
			model_put_double(fp, q->values[k].value);
			putc('\n', fp);
		}
	}
	for (i = 0; i < m->nscram; i++) {
		sc = &m->scram[i];
		fputs("scram ", fp);
		model_put_str(fp, sc->user, NULL);
		fprintf(fp, " %s iterations=%d salt=",
		    sc->mechanism == 1 ? "SCRAM-SHA-256" : "SCRAM-SHA-512",
		    (int)sc->iterations);
		model_put_hex(fp, &sc->salt);
		fputs(" stored_key=", fp);
		model_put_hex(fp, &sc->stored_key);
		fputs(" server_key=", fp);
		model_put_hex(fp, &sc->server_key);
		fprintf(
		    fp, " source=%s path=", model_entity_type_name(sc->source));
		model_put_str(fp, sc->path, NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->nacls; i++) {
		a = &m->acls[i];
		fprintf(fp, "acl type=%d pattern=%d name=", a->resource_type,
		    a->pattern_type);
		model_put_str(fp, a->resource_name, NULL);
		fputs(" principal=", fp);
		model_put_str(fp, a->principal, NULL);
		fputs(" host=", fp);
		model_put_str(fp, a->host, NULL);
		fprintf(fp, " operation=%d/", a->operation);
		model_put_str(fp, a->operation_name, NULL);
		fprintf(fp, " permission=%d/", a->permission);
		model_put_str(fp, a->permission_name, NULL);
		fputs(" path=", fp);
		model_put_str(fp, a->path, NULL);
		putc('\n', fp);
	}
	for (i = 0; i < m->ntokens; i++) {
		tk = &m->tokens[i];
		fputs("token ", fp);
		model_put_str(fp, tk->token_id, NULL);
		fprintf(fp, " version=%d owner=", (int)tk->version);
		model_put_str(fp, tk->owner, NULL);
		fputs(" requester=", fp);
		model_put_str(fp, tk->requester, NULL);
		fputs(" renewers=", fp);
		for (k = 0; k < tk->nrenewers; k++) {
			if (k > 0)
				putc(',', fp);
			model_put_str(fp, tk->renewers[k], ",");
		}
		fprintf(fp,
		    " issue=%" PRId64 " max=%" PRId64 " expiry=%" PRId64 "\n",
		    tk->issue_timestamp, tk->max_timestamp,
		    tk->expiry_timestamp);
	}
}

static void
model_print_state(const struct model *m, FILE *fp)
{
	const struct model_producer_ids *pid = &m->producer_ids;
	const struct model_feature *f = &m->feature;
	const struct model_migration *mg = &m->migration;
	size_t i;

	if (pid->present)
		fprintf(fp,
		    "producer-ids broker=%d start=%" PRId64 " end=%" PRId64
		    " version=%d data-version=%d\n",
		    (int)pid->broker, pid->block_start, pid->block_end,
		    (int)pid->version, (int)pid->data_version);
	else
		fputs("producer-ids -\n", fp);
	if (f->present) {
		fprintf(fp, "feature version=%d status=%d\n", (int)f->version,
		    (int)f->status);
		for (i = 0; i < f->nlevels; i++) {
			fputs("feature-level ", fp);
			model_put_str(fp, f->levels[i].name, NULL);
			fprintf(fp, " min=%d max=%d\n", f->levels[i].min_level,
			    f->levels[i].max_level);
		}
	} else
		fputs("feature -\n", fp);
	if (mg->present)
		fprintf(fp,
		    "migration version=%d metadata-offset=%" PRId64
		    " controller-id=%d metadata-epoch=%d controller-epoch=%d "
		    "data-version=%d\n",
		    (int)mg->version, mg->metadata_offset,
		    (int)mg->controller_id, (int)mg->metadata_epoch,
		    (int)mg->controller_epoch, (int)mg->data_version);
	else
		fputs("migration -\n", fp);

	model_put_count(
	    fp, "reassignments", m->has_reassignments, m->nreassignments);
	for (i = 0; i < m->nreassignments; i++) {
		fputs("reassignment ", fp);
		model_put_str(fp, m->reassignments[i].topic, NULL);
		fprintf(
		    fp, " %d replicas=", (int)m->reassignments[i].partition);
		model_put_ints(fp, m->reassignments[i].replicas,
		    m->reassignments[i].nreplicas);
		putc('\n', fp);
	}
	model_put_count(fp, "elections", m->has_elections, m->nelections);
	for (i = 0; i < m->nelections; i++) {
		fputs("election ", fp);
		model_put_str(fp, m->elections[i].topic, NULL);
		fprintf(fp, " %d\n", (int)m->elections[i].partition);
	}
	fprintf(fp, "consumers %zu\n", m->nconsumers);
}

void
model_print(const struct model *m, FILE *fp, bool stable)
{
	const struct model_controller *ctl = &m->controller;
	const struct model_broker_config *bc;
	const struct model_diag *d;
	size_t i;

	fputs("root ", fp);
	model_put_str(fp, m->root, NULL);
	putc('\n', fp);
	if (!stable)
		fprintf(fp, "zxid min=%" PRId64 " max=%" PRId64 "\n",
		    m->min_zxid, m->max_zxid);
	fputs("cluster-id ", fp);
	model_put_str(fp, m->cluster_id, NULL);
	fputs(" uuid=", fp);
	if (m->has_cluster_uuid)
		for (i = 0; i < sizeof m->cluster_uuid.b; i++)
			fprintf(fp, "%02x", m->cluster_uuid.b[i]);
	else
		fputs("-", fp);
	putc('\n', fp);
	if (ctl->present)
		fprintf(fp,
		    "controller broker=%d version=%d "
		    "kraft-controller-epoch=%d ephemeral=%s\n",
		    (int)ctl->broker_id, (int)ctl->version,
		    (int)ctl->kraft_controller_epoch,
		    model_yes(ctl->ephemeral));
	else
		fputs("controller -\n", fp);
	if (m->has_controller_epoch)
		fprintf(fp, "controller-epoch %d data-version=%d\n",
		    (int)m->controller_epoch, (int)m->controller_epoch_version);
	else
		fputs("controller-epoch -\n", fp);

	model_print_brokers(m, fp, stable);
	model_print_topics(m, fp);
	for (i = 0; i < m->nbroker_configs; i++) {
		bc = &m->broker_configs[i];
		fputs("broker-config ", fp);
		model_put_str(fp, bc->name, NULL);
		fprintf(fp, " default=%s keys=%zu\n", model_yes(bc->is_default),
		    bc->config.n);
		model_put_config(fp, "broker", bc->name, &bc->config);
	}
	model_print_security(m, fp);
	model_print_state(m, fp);
	for (i = 0; i < m->ndiags; i++) {
		d = &m->diags[i];
		fprintf(fp, "diag %s %s ",
		    d->severity == MODEL_ERROR ? "error" : "warning", d->code);
		model_put_str(fp, d->path, NULL);
		fprintf(fp, ": %s\n", d->msg);
	}
}

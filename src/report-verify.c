/*
 * verify's report (see report-verify.h).
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "mv.h"
#include "report-json.h"
#include "report-verify.h"

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
			report_json_set(o, image_key_name(k),
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

	report_json_set(root, "format", report_json_str("zk2kraft-verify"));
	report_json_set(root, "version", json_integer(1));
	report_json_set(root, "tool", report_json_str(PACKAGE_VERSION));
	report_json_set(
	    root, "result", report_json_str(report_verify_result(rv)));
	report_json_set(root, "strict", json_boolean(rv->strict));

	o = json_object();
	report_json_set(o, "kind", report_json_str(rv->source_kind));
	report_json_set(o, "location", report_json_str(rv->source));
	report_json_set(o, "root", report_json_str(m->root));
	report_json_set(o, "znodes", json_integer((json_int_t)rv->znodes));
	report_json_set(o, "min_zxid", json_integer(m->min_zxid));
	report_json_set(o, "max_zxid", json_integer(m->max_zxid));
	report_json_set(o, "cluster_id", report_json_str(m->cluster_id));
	report_json_set(
	    o, "translation_blockers", json_integer((json_int_t)rv->blockers));
	report_json_set(root, "zookeeper", o);

	o = json_object();
	report_json_set(o, "path", report_json_str(rv->kraft));
	report_json_set(
	    o, "metadata_version", json_integer(rv->image->metadata_version));
	report_json_set(
	    o, "records_applied", json_integer((json_int_t)rv->image->applied));
	report_json_set(
	    o, "records_skipped", json_integer((json_int_t)rv->image->skipped));
	report_json_set(o, "records_skipped_by_type",
	    report_keys_json(rv->image->skipped_by_key));
	report_json_set(o, "records_undecoded_by_type",
	    report_keys_json(rv->image->undecoded_by_key));
	report_json_set(
	    o, "records_aborted", json_integer((json_int_t)rv->image->aborted));
	report_json_set(o, "open_transaction",
	    rv->image->open_transaction ? json_integer(rv->image->open_offset)
					: json_null());
	report_json_set(o, "records_open",
	    json_integer((json_int_t)rv->image->open_records));
	report_json_set(root, "kraft", o);

	o = json_object();
	for (i = 0; (kind = verify_kind_name(i)) != NULL; i++)
		report_json_set(
		    o, kind, json_integer((json_int_t)r->compared[i]));
	report_json_set(root, "compared", o);
	o = json_object();
	for (i = 0; i < 4; i++)
		report_json_set(o, verify_class_name((enum verify_class)i),
		    json_integer((json_int_t)r->counts[i]));
	report_json_set(root, "counts", o);

	a = json_array();
	for (kind = NULL, i = 0; verify_kind_name(i) != NULL; i++) {
		size_t j;

		kind = verify_kind_name(i);
		for (j = 0; j < r->n; j++) {
			const struct verify_diff *d = &r->diffs[j];

			if (strcmp(d->kind, kind) != 0)
				continue;
			o = json_object();
			report_json_set(o, "kind", report_json_str(d->kind));
			report_json_set(o, "class",
			    report_json_str(verify_class_name(d->cls)));
			report_json_set(
			    o, "object", report_json_str(d->object));
			report_json_set(o, "field", report_json_str(d->field));
			report_json_set(o, "zookeeper", report_json_str(d->zk));
			report_json_set(o, "kraft", report_json_str(d->kraft));
			json_array_append_new(a, o);
		}
	}
	report_json_set(root, "differences", a);
	report_json_dump(out, root);
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

/*
 * The plan's limits (see plan-limits.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "kwrite.h"
#include "plan-limits.h"
#include "records.h"
#include "xmalloc.h"

#define PLAN_MV_TRANSACTIONS 13 /* 3.6-IV1 */
#define PLAN_MV_MIGRATION 8     /* 3.4-IV0 */

#define PLAN_STRING_MAX 0x7fff /* Kafka's limit on a string field */

/* The schema name of a string field of obj (a struct s) longer than
 * Kafka can encode, searching arrays and nested structs; NULL if none. */
static const char *
plan_long_string(const struct mstruct *s, const void *obj)
{
	const char *base = obj, *name;
	size_t i, j;

	for (i = 0; i < s->nfields; i++) {
		const struct mfield *f = &s->fields[i];
		const void *at = base + f->off;
		const struct karray *a = at;

		switch (f->type) {
		case MT_STRING:
			if (*(char *const *)at != NULL &&
			    strlen(*(char *const *)at) > PLAN_STRING_MAX)
				return f->name;
			break;
		case MT_STRUCT:
			if ((name = plan_long_string(f->sub, at)) != NULL)
				return name;
			break;
		case MT_ARRAY:
			for (j = 0; j < a->n; j++) {
				if (f->elem == MT_STRING &&
				    ((char **)a->v)[j] != NULL &&
				    strlen(((char **)a->v)[j]) >
					PLAN_STRING_MAX)
					return f->name;
				if (f->elem == MT_STRUCT &&
				    (name = plan_long_string(f->sub,
					 (const char *)a->v +
					     j * f->sub->size)) != NULL)
					return name;
			}
			break;
		default:
			break;
		}
	}
	return NULL;
}

/*
 * Records with a string longer than Kafka's limit cannot be written (nor
 * created through Kafka's API): a blocker each; allowed, the record is
 * left out.
 */
static void
plan_drop_long_strings(struct translation *tr, struct findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < tr->nrecords; i++) {
		struct record *rec = &tr->records[i];
		const char *field =
		    plan_long_string(rec->type->body, rec->body);

		if (field == NULL) {
			tr->records[n++] = *rec;
			continue;
		}
		if (rec->key == RECORD_CONFIG) {
			const struct config_record *c = rec->body;

			finding_add(f, FINDING_BLOCKER, "value-too-long", NULL,
			    "shorten the value in ZooKeeper mode, or --allow "
			    "value-too-long to leave the config out",
			    "config %s of %s %s is longer than the 32767 "
			    "bytes a KRaft record can hold; Kafka's "
			    "migration fails writing it",
			    c->name, c->resource_type == 2 ? "topic" : "broker",
			    c->resource_name[0] == '\0' ? "<default>"
							: c->resource_name);
		} else
			finding_add(f, FINDING_BLOCKER, "value-too-long", NULL,
			    "shorten it in ZooKeeper mode, or --allow "
			    "value-too-long to leave the record out",
			    "a %s has a %s longer than the 32767 bytes a KRaft "
			    "record can hold; Kafka's migration fails writing "
			    "it",
			    rec->type->name, field);
	}
	tr->nrecords = n;
}

/* Encoded size of a record's value. */
static size_t
plan_value_size(struct buf *scratch, const struct record *rec)
{
	scratch->len = 0;
	record_encode_value(scratch, rec);
	return scratch->len;
}

/*
 * The controller appends the bootstrap records itself on its first
 * activation (kraft-snapshot-format.md 7.2): from 3.6-IV1 inside its own
 * transaction, cut into chunks of 10,000 records that must each fit one
 * 8 MiB batch; below 3.6-IV1 as one atomic batch of at most 10,000.
 */
void
plan_limits_bootstrap(const struct translation *tr, struct findings *f, int mv,
    const size_t *dlen)
{
	struct arena a = {0};
	struct buf scratch = {0};
	struct record begin, zk, end;
	struct begin_transaction_record *bt;
	size_t i, n, total, chunk, in_chunk, bytes, first;
	size_t *vlen;

	n = tr->nrecords;
	vlen = xreallocarray(NULL, n + 3, sizeof *vlen);
	bt = record_init(&begin, false, RECORD_BEGIN_TRANSACTION, 0, &a);
	bt->name = (char *)"Bootstrap records";
	((struct zk_migration_state_record *)record_init(
	     &zk, false, RECORD_ZK_MIGRATION_STATE, 0, &a))
	    ->zk_migration_state = 0;
	record_init(&end, false, RECORD_END_TRANSACTION, 0, &a);

	if (mv < PLAN_MV_TRANSACTIONS) {
		/* One atomic batch: the records plus the controller's own
		 * ZkMigrationStateRecord. */
		total = n + (mv >= PLAN_MV_MIGRATION ? 1 : 0);
		bytes = BATCH_HEADER_SIZE;
		for (i = 0; i < n; i++)
			bytes += kwrite_record_size(dlen[i], (int32_t)i);
		if (total > KWRITE_MAX_RECORDS)
			finding_add(f, FINDING_BLOCKER,
			    "bootstrap-too-many-records", NULL,
			    "use -m 3.6-IV1 or later (the controller then "
			    "writes the bootstrap in chunks), or export with "
			    "--snapshot",
			    "below metadata.version 3.6-IV1 the controller "
			    "writes the bootstrap records as one atomic batch "
			    "of at most %d records; this cluster needs %zu",
			    KWRITE_MAX_RECORDS, total);
		else if (bytes > BATCH_MAX_SIZE)
			finding_add(f, FINDING_BLOCKER, "bootstrap-too-large",
			    NULL,
			    "use -m 3.6-IV1 or later, or export with "
			    "--snapshot",
			    "below metadata.version 3.6-IV1 the controller "
			    "writes the bootstrap records as one batch of at "
			    "most 8 MiB; these take %zu bytes",
			    bytes);
		goto out;
	}
	/* The controller's list: Begin, the records, its migration state
	 * record, End; chunk c holds list entries [c * 10000, ...). */
	total = n + 3;
	for (i = 0; i < total; i++) {
		const struct record *rec = i == 0 ? &begin
		    : i <= n                      ? &tr->records[i - 1]
		    : i == n + 1                  ? &zk
						  : &end;

		vlen[i] = i >= 1 && i <= n ? dlen[i - 1]
					   : plan_value_size(&scratch, rec);
	}
	for (chunk = 0, first = 0; first < total; chunk++) {
		in_chunk = total - first < KWRITE_MAX_RECORDS
		    ? total - first
		    : KWRITE_MAX_RECORDS;
		bytes = BATCH_HEADER_SIZE;
		for (i = 0; i < in_chunk; i++)
			bytes +=
			    kwrite_record_size(vlen[first + i], (int32_t)i);
		if (bytes > BATCH_MAX_SIZE)
			finding_add(f, FINDING_BLOCKER,
			    "bootstrap-chunk-too-large", NULL,
			    "export with --snapshot (a snapshot has no such "
			    "limit), or make the large configs smaller",
			    "the controller appends the bootstrap records in "
			    "chunks of %d, each one batch of at most 8 MiB; "
			    "chunk %zu (its records %zu to %zu, counting its "
			    "BeginTransactionRecord as 0) takes %zu bytes",
			    KWRITE_MAX_RECORDS, chunk, first,
			    first + in_chunk - 1, bytes);
		first += in_chunk;
	}
out:
	free(vlen);
	buf_free(&scratch);
	arena_free(&a);
}

void
plan_limits(struct translation *tr, struct findings *f)
{
	plan_drop_long_strings(tr, f);
}

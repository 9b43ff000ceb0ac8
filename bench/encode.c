/*
 * bench/encode: how fast records become checkpoint bytes.  Builds the
 * records translate() makes for TOPICS topics of PARTITIONS partitions
 * (replication factor 3, metadata.version 3.9-IV0: a TopicRecord, then
 * its PartitionRecords), then encodes them all with kwrite_checkpoint(),
 * ROUNDS times, and prints the best round in CPU time (getrusage, this
 * process only) and records per second.
 *
 *	encode [-g TOPICS:PARTITIONS] [-n ROUNDS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "kwrite.h"
#include "mv.h"
#include "record.h"

static double
encode_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

static struct karray
encode_i32s(struct arena *a, const int32_t *v, size_t n)
{
	return (struct karray){.v = arena_memdup(a, v, n * sizeof *v), .n = n};
}

/* The records of the generated cluster, as translate() makes them. */
static struct record *
encode_records(
    struct arena *a, unsigned long topics, unsigned long parts, size_t *nrec)
{
	struct record *recs;
	struct topic_record *tr;
	struct partition_record *pr;
	char name[16];
	int32_t b[3];
	unsigned long t, p;
	size_t n = 0;
	int k;

	recs = calloc(topics * (parts + 1), sizeof *recs);
	if (recs == NULL)
		return NULL;
	for (t = 0; t < topics; t++) {
		tr = record_init(&recs[n++], false, RECORD_TOPIC,
		    mv_record_version(RECORD_TOPIC, MV_DEFAULT), a);
		snprintf(name, sizeof name, "t%05lu", t);
		tr->name = arena_strndup(a, name, strlen(name));
		memcpy(tr->topic_id.b, &t, sizeof t);
		tr->topic_id.b[15] = 1;
		for (p = 0; p < parts; p++) {
			struct record *rec = &recs[n++];

			pr = record_init(rec, false, RECORD_PARTITION,
			    mv_record_version(RECORD_PARTITION, MV_DEFAULT), a);
			for (k = 0; k < 3; k++)
				b[k] =
				    (int32_t)((t + p + (unsigned long)k) % 6 +
					1);
			pr->partition_id = (int32_t)p;
			pr->topic_id = tr->topic_id;
			pr->replicas = encode_i32s(a, b, 3);
			pr->isr = encode_i32s(a, b, 3);
			pr->leader = b[0];
			if (rec->version >= 1) {
				pr->directories.n = 3;
				pr->directories.v =
				    arena_alloc(a, 3 * sizeof(struct kuuid));
			}
		}
	}
	*nrec = n;
	return recs;
}

int
main(int argc, char **argv)
{
	struct arena a = {0};
	struct kwrite_opts ko = {0};
	struct kwrite_stats st;
	struct error e = {0};
	struct buf out = {0};
	struct record *recs;
	unsigned long topics = 10000, parts = 100, rounds = 5, i;
	double t0, t, best = 0;
	size_t n;
	int ch;

	while ((ch = getopt(argc, argv, "g:n:")) != -1) {
		switch (ch) {
		case 'g':
			if (sscanf(optarg, "%lu:%lu", &topics, &parts) != 2 ||
			    topics == 0 || parts == 0)
				goto usage;
			break;
		case 'n':
			rounds = strtoul(optarg, NULL, 10);
			if (rounds == 0)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	if ((recs = encode_records(&a, topics, parts, &n)) == NULL) {
		fputs("encode: out of memory\n", stderr);
		return 1;
	}
	for (i = 0; i < rounds; i++) {
		out.len = 0;
		t0 = encode_cpu();
		if (kwrite_checkpoint(&out, recs, n, &ko, &st, &e) == -1) {
			fprintf(stderr, "encode: %s\n", e.msg);
			return 1;
		}
		t = encode_cpu() - t0;
		if (i == 0 || t < best)
			best = t;
	}
	printf("encode: %zu records, %zu bytes in %zu batches: %.3f s CPU "
	       "(best of %lu), %.2f million records/s\n",
	    n, out.len, st.batches, best, rounds,
	    best > 0 ? (double)n / best / 1e6 : 0.0);
	buf_free(&out);
	free(recs);
	arena_free(&a);
	return 0;
usage:
	fputs("usage: encode [-g TOPICS:PARTITIONS] [-n ROUNDS]\n", stderr);
	return 2;
}

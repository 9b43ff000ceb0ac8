/*
 * An export directory (export -o DIR): the KRaft layout under DIR,
 * written all or nothing, with the checkpoint proven by reading it back
 * before anything takes its final name.  The steps, in order:
 * kexport_init (names), kexport_open (directories and refusals),
 * kexport_checkpoint (stage and read back), kexport_meta_properties,
 * kexport_commit (the reports, then every rename).  Nothing here prints.
 *
 * Ownership: struct kexport owns its paths and its staged files;
 * kexport_free() removes whatever was staged and not committed.
 */
#ifndef KEXPORT_H
#define KEXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"
#include "fsio.h"
#include "kcheck.h"
#include "klog.h"
#include "record.h"

struct kexport_opts {
	/* A snapshot, DIR/__cluster_metadata-0/<offset>-<epoch>.checkpoint,
	 * rather than DIR/bootstrap.checkpoint. */
	bool snapshot;
	int64_t snapshot_offset;
	int32_t snapshot_epoch;
	bool meta_properties; /* and DIR/meta.properties */
	bool force;           /* replace earlier outputs */
};

struct kexport {
	char *checkpoint;  /* the checkpoint's final path */
	char *meta;        /* meta.properties, or NULL */
	char *report_json; /* DIR/report.json */
	char *report_txt;  /* DIR/report.txt */
	char *log_dir;     /* snapshot route: DIR/__cluster_metadata-0 */
	char *zero;        /* bootstrap route: the zero checkpoint beside it */
	char snapshot_name[KLOG_SNAPSHOT_NAME_SIZE];
	bool force;
	struct fsio fs;

	/* After kexport_checkpoint(): what the read-back found. */
	const struct kcheck_result *verification; /* or NULL */
	const char *verification_error;           /* or NULL */
	struct kcheck_result check;
	struct error check_error;
};

/* Name the outputs under dir; nothing is touched yet. */
void kexport_init(
    struct kexport *kx, const char *dir, const struct kexport_opts *o);

/*
 * Create dir (and the metadata log directory of a snapshot), then refuse,
 * with e (EXIT_FAIL): an output that exists (without force), a zero
 * checkpoint that holds records (Kafka 4.x, KIP-1170), and a snapshot into
 * a metadata log that holds anything else.  Returns 0 or -1.
 */
int kexport_open(struct kexport *kx, const char *dir, struct error *e);

/*
 * Stage the checkpoint file (len bytes) and read it back against the
 * records it must hold.  Returns 0 when it holds exactly them; -1 with e:
 * EXIT_INVALID when the file read back differs (kx->verification or
 * kx->verification_error say how), another status when it could not be
 * staged.
 */
int kexport_checkpoint(struct kexport *kx, const void *file, size_t len,
    const struct record *records, size_t nrecords, struct error *e);

/*
 * Stage meta.properties for node_id of cluster_id, with a fresh directory
 * id, when the options asked for it.  Returns 0 or -1 with e.
 */
int kexport_meta_properties(struct kexport *kx, const char *cluster_id,
    int32_t node_id, struct error *e);

/* Stage the reports, then give every staged file its final name. */
int kexport_commit(struct kexport *kx, const struct buf *json,
    const struct buf *text, struct error *e);

void kexport_free(struct kexport *kx);

#endif /* KEXPORT_H */

/*
 * KRaft files on disk: a checkpoint (bootstrap.checkpoint or a snapshot
 * NNN-EEE.checkpoint), a metadata log segment (NNN.log), or a metadata log
 * directory.  Reads them batch by batch, checking the structure the format
 * requires (kraft-snapshot-format.md sections 3.4 and 6), and hands every
 * batch that decoded cleanly to a callback before looking at the next, so a
 * caller can show what came before a corruption.
 */
#ifndef KLOG_H
#define KLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "batch.h"
#include "error.h"

/*
 * The KRaft directory layout: a metadata log directory DIR holds
 * bootstrap.checkpoint and __cluster_metadata-0/, which holds snapshots
 * "<offset>-<epoch>.checkpoint" (20 and 10 digits) and segments.  These
 * names are spelled here and nowhere else.
 */
#define KLOG_BOOTSTRAP_NAME "bootstrap.checkpoint"
#define KLOG_METADATA_DIR "__cluster_metadata-0"
#define KLOG_CHECKPOINT_SUFFIX ".checkpoint"
#define KLOG_SNAPSHOT_NAME_SIZE (20 + 1 + 10 + 11 + 1) /* with the NUL */

enum klog_kind {
	KLOG_AUTO,       /* by name, else by content */
	KLOG_CHECKPOINT, /* header batch first, footer batch last */
	KLOG_SEGMENT,    /* any batches, offsets increasing */
};

/*
 * Called for each batch, in file order, with the file's path and its index
 * in the file.  b and everything it points to are valid only during the
 * call.  Return -1 (with e set) to stop reading.
 */
typedef int (*klog_cb)(void *arg, const char *path, size_t index,
    const struct kbatch *b, struct error *e);

/*
 * Read one file.  Batches that end before min_offset are skipped (used for
 * segments older than a snapshot).  Returns 0, or -1 with e set to
 * "PATH: offset N: what is wrong".
 */
int klog_read_file(const char *path, enum klog_kind kind, int64_t min_offset,
    klog_cb cb, void *arg, struct error *e);

/*
 * Read a metadata log directory: DIR or DIR/__cluster_metadata-0.  Its
 * bootstrap.checkpoint (if any), then the latest snapshot, then every
 * segment's batches after that snapshot, in offset order.
 */
int klog_read_dir(const char *dir, klog_cb cb, void *arg, struct error *e);

/*
 * Parse a snapshot file name "<20 digits>-<10 digits>.checkpoint" (the last
 * path component).  Returns false when name is not one.
 */
bool klog_snapshot_name(const char *name, int64_t *offset, int32_t *epoch);

/*
 * Format the snapshot file name of (offset, epoch) into name, which has
 * KLOG_SNAPSHOT_NAME_SIZE bytes; (0, 0) names the zero checkpoint that
 * kafka-storage format writes.  Returns name.
 */
char *klog_snapshot_format(char *name, int64_t offset, int32_t epoch);

#endif /* KLOG_H */

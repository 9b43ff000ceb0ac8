/*
 * Checking a checkpoint zk2kraft wrote (or any bootstrap.checkpoint or
 * snapshot): the structure the KRaft readers and controllers require, from
 * kraft-snapshot-format.md sections 3.4, 6.4, 7.2, 7.3, 8 and 10, and,
 * optionally, that its data records are exactly the expected ones.  Used
 * by export to verify what it wrote, and by inspect --check.
 */
#ifndef KCHECK_H
#define KCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "record.h"

#define KCHECK_NKEYS 64 /* api keys counted: 0 .. KCHECK_NKEYS - 1 */

enum kcheck_kind {
	KCHECK_AUTO,      /* by name: bootstrap.checkpoint, else a snapshot */
	KCHECK_BOOTSTRAP, /* read by BootstrapDirectory, replayed on activation
			   */
	KCHECK_SNAPSHOT,  /* __cluster_metadata-0/<offset>-<epoch>.checkpoint */
};

struct kcheck_result {
	enum kcheck_kind kind;      /* the kind checked (never KCHECK_AUTO) */
	size_t size;                /* bytes */
	size_t batches;             /* all batches */
	size_t largest_batch;       /* bytes of the largest batch */
	size_t records;             /* data (metadata) records */
	size_t count[KCHECK_NKEYS]; /* data records per api key */
	int metadata_version;       /* level of the metadata.version record */
	bool compared;              /* expected records were given */
	size_t mismatches;  /* records that differ from the expected ones */
	char mismatch[512]; /* the first difference, "" when none */
};

/*
 * Check the file at path.  Structural rules (each violation is an error):
 *  - klog's checkpoint rules: header batch first, footer batch last, CRCs,
 *    contiguous base offsets from 0, one epoch (the name's, when the name
 *    parses), no transactional batches;
 *  - every batch at most BATCH_MAX_SIZE bytes;
 *  - the first data record is FeatureLevelRecord metadata.version at level
 *    3.3-IV0 or above, and later metadata.version records are not allowed;
 *  - no UnregisterBroker, BrokerRegistrationChange, Fence/UnfenceBroker,
 *    NoOp or transaction record, no Remove* record, no
 *    PartitionChangeRecord, no record of an unknown api key or version, no
 *    control record of an unknown type;
 *  - RegisterBroker and RegisterController records only in a snapshot:
 *    Kafka's own snapshots carry the registrations (the image writer
 *    writes them), while a bootstrap file must not, since nodes register
 *    themselves at startup (section 8.9);
 *  - bootstrap: SnapshotHeaderRecord LastContainedLogTimestamp 0, no
 *    KRaftVersionRecord or VotersRecord, epoch 0, no ZkMigrationStateRecord;
 *    snapshot: epoch >= 1, ZkMigrationStateRecord only 0 or 3, and, when
 *    the last path component parses as <offset>-<epoch>.checkpoint, both
 *    numbers >= 1 (another name is not an error with KCHECK_SNAPSHOT: the
 *    name rules apply only to a name that parses);
 *  - a TopicRecord before the PartitionRecords of its id; no two
 *    TopicRecords with one name or one id; partition ids unique per topic;
 *    Directories empty or as long as Replicas; LeaderRecoveryState 0 or 1;
 *  - at most one ProducerIdsRecord.
 * KCHECK_AUTO takes the kind from the name: bootstrap.checkpoint, or a
 * snapshot name; any other name is an error.
 * Then, when expected is not NULL, each data record is compared with
 * expected[i] (type, version, and every field); differences are counted in
 * res (a record count that differs counts each missing or extra record),
 * not errors, and res->mismatch tells the first one: "offset N: record I
 * (Type) differs from the expected one: Field".  Returns 0 when the file
 * passes, -1 with e set to "PATH: offset N: what is wrong" (N the file
 * offset of the record or batch; rules about the whole file or its name
 * have no offset).  The status is EXIT_INVALID for a rule of this module,
 * EXIT_FAIL for I/O, corrupt bytes and the framing rules klog enforces.
 * res (may be NULL) is filled as far as the check went.
 */
int kcheck_file(const char *path, enum kcheck_kind kind,
    const struct record *expected, size_t nexpected, struct kcheck_result *res,
    struct error *e);

/*
 * Compare two decoded records, a (found) with b (expected): type, version
 * and every field through the schema descriptors, arrays element by
 * element, nested structs, and unknown tagged fields; float64 values bit
 * for bit; records of unknown types by their raw bytes.  Returns true when
 * they are equal (buf then ""); else writes to buf (size len, may be 0)
 * what differs: "TopicRecord, expected PartitionRecord", "version 0,
 * expected 1", or the schema path of the first differing field ("Isr",
 * "EndPoints[0].Port", "unknown tagged field 7", "value" for raw bytes).
 */
bool kcheck_record_equal(
    const struct record *a, const struct record *b, char *buf, size_t len);

#endif /* KCHECK_H */

#!/usr/bin/env python3
"""kip866-diff.py EXPORT.json MIGRATED.json: compare the data records of
zk2kraft's export with those Kafka's own ZooKeeper migration (KIP-866)
wrote, both as `zk2kraft inspect -f json` prints them (one object a line),
as multisets after the normalization below.  Prints every record found on
one side only and exits 1 when there is any.

Normalization, each rule with its reason:
 - Control records (snapshot header/footer, KRaft version, voters) are
   framing, not metadata.
 - Of the migrated log, only the records of the metadata transaction
   Kafka names 'ZK Migration' (KRaftMigrationDriver) are the migration's;
   before it are the format's bootstrap records (transaction 'Bootstrap
   records') and the brokers' registrations, after it what the running
   cluster did.  The transaction markers themselves are framing, and so
   are the NoOpRecords and the ZkMigrationStateRecord the controller
   writes inside it.
 - AccessControlEntryRecord ids: Kafka draws them at random (Uuid.randomUuid
   in the migration's ACL path); zk2kraft derives them from the content.
 - BrokerRegistrationChangeRecords inside the transaction are the
   controller fencing and unfencing the running brokers.
 - The metadata.version FeatureLevelRecord is not in the migration's
   transaction: kafka-storage format wrote it to the bootstrap
   transaction; it is taken from there.
 - PartitionRecord: Kafka's migration writes version 0 whatever the
   metadata.version (ZkMigrationClient), without directories, which a
   controller reads as DirectoryId.MIGRATING, one per replica;
   zk2kraft writes the version the metadata.version calls for (1 from
   3.7-IV2).  The version is left out, and a record without directories
   gets those a controller reads: MIGRATING, the zero id (Kafka 3.7 to
   4.x), for each replica.  Directories are then compared.
 - PartitionRecord leader, ISR and epochs: the dump is taken before the
   migration, and restarting the brokers with the migration settings
   moves leaders in ZooKeeper before Kafka reads them.  They are compared
   apart: Kafka's epochs must be at least zk2kraft's, and equal epochs
   must come with the same leader and ISR.
"""

import collections
import json
import sys

FRAMING = {"BEGIN_TRANSACTION_RECORD", "END_TRANSACTION_RECORD",
           "ABORT_TRANSACTION_RECORD"}
# Written inside the migration's transaction by the controller itself, not
# translated from ZooKeeper: the NoOp heartbeats of the log, and the
# ZkMigrationStateRecord(MIGRATION) that ends the migration.
RUNTIME = {"NO_OP_RECORD", "ZK_MIGRATION_STATE_RECORD",
           "BROKER_REGISTRATION_CHANGE_RECORD"}
# DirectoryId.MIGRATING, the zero UUID, as inspect -f json prints it.
MIGRATING = "AAAAAAAAAAAAAAAAAAAAAA"
STATE = ("leader", "isr", "leaderEpoch", "partitionEpoch")


def load(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def migration_records(recs):
    """The records of the metadata transaction named 'ZK Migration'."""
    inside, out, seen = False, [], False
    for r in recs:
        if r.get("control"):
            continue
        if (r["type"] == "BEGIN_TRANSACTION_RECORD"
                and (r["data"] or {}).get("name") == "ZK Migration"):
            inside, seen = True, True
            continue
        if r["type"] == "END_TRANSACTION_RECORD" and inside:
            break
        if inside and r["type"] not in RUNTIME:
            out.append(r)
    if not seen:
        sys.exit("no 'ZK Migration' transaction in the migrated log")
    out += [r for r in recs if r.get("type") == "FEATURE_LEVEL_RECORD"
            and r["data"]["name"] == "metadata.version"][-1:]
    return out


def normal(r):
    data = dict(r["data"] or {})
    version = r["version"]
    if r["type"] == "ACCESS_CONTROL_ENTRY_RECORD":
        data.pop("id", None)
    if r["type"] == "PARTITION_RECORD":
        version = None
        if "directories" not in data:
            data["directories"] = [MIGRATING] * len(data["replicas"])
        for k in STATE:
            data.pop(k, None)
    return json.dumps({"type": r["type"], "version": version,
                       "data": data}, sort_keys=True)


def partition_state(recs):
    return {(r["data"]["topicId"], r["data"]["partitionId"]):
            {k: r["data"][k] for k in STATE}
            for r in recs if r["type"] == "PARTITION_RECORD"}


def compare_state(exp, mig):
    """Leader, ISR and epochs: Kafka's may only have moved on."""
    bad = 0
    a, b = partition_state(exp), partition_state(mig)
    for key in sorted(set(a) & set(b)):
        z, k = a[key], b[key]
        grew = (k["leaderEpoch"] >= z["leaderEpoch"]
                and k["partitionEpoch"] >= z["partitionEpoch"])
        same = (k["leaderEpoch"] == z["leaderEpoch"]
                and k["partitionEpoch"] == z["partitionEpoch"])
        if not grew or (same and k != z):
            print("partition %s-%d: zk2kraft %s, Kafka %s"
                  % (key[0], key[1], z, k))
            bad += 1
    return bad


def main(export_path, migrated_path):
    exp = [r for r in load(export_path)
           if not r.get("control") and r["type"] not in FRAMING]
    mig = migration_records(load(migrated_path))
    a = collections.Counter(normal(r) for r in exp)
    b = collections.Counter(normal(r) for r in mig)
    only_a, only_b = a - b, b - a
    for k, n in sorted(only_a.items()):
        print("only in zk2kraft's export (%d): %s" % (n, k))
    for k, n in sorted(only_b.items()):
        print("only in Kafka's migration (%d): %s" % (n, k))
    bad = compare_state(exp, mig)
    print("compared %d records of the export with %d of the migration: "
          "%d and %d differ, %d partition states went back"
          % (sum(a.values()), sum(b.values()), sum(only_a.values()),
             sum(only_b.values()), bad))
    return 1 if only_a or only_b or bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

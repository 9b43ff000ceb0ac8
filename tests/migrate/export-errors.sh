# export's refusals and its all-or-nothing output, dry-run's exit status,
# and the options around the checkpoint: --force, --snapshot-id,
# --voters-from, --meta-properties, -m, --allow, the secret file.
. "${srcdir:-.}/lib.sh"
sample=$FIXTURES/zk/sample/dump.json
stopped=$FIXTURES/zk/sample-stopped/dump.json
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"
sec="--password-encoder-secret-file $T/secret"

# Nothing is left in DIR but the final files.
only() { # only DIR FILE...: DIR holds exactly these names
	d=$1
	shift
	got=$(cd "$d" && ls -A | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$got" = "$want" ] && ok || fail "$d holds [$got], want [$want]"
}

# A blocked export exits 3, prints why, writes nothing.
expect_exit 3 "blocked export" -- "$ZK2KRAFT" export -i "$sample" $sec -o "$T/a"
grep -q 'BLOCKER cluster-running /brokers/ids/1' "$T/out" && ok ||
	fail "blocked export: report lacks the blocker"
stderr_has 'refused: 4 blocking findings' "blocked export"
[ ! -e "$T/a" ] && ok || fail "blocked export created $T/a"
expect_exit 3 "dry-run blocked" -- "$ZK2KRAFT" dry-run -i "$sample"
expect_exit 0 "dry-run allowed" -- "$ZK2KRAFT" dry-run -i "$sample" $sec --allow cluster-running
expect_exit 3 "no secret" -- "$ZK2KRAFT" dry-run -i "$stopped"
grep -q 'BLOCKER encrypted-password /config/brokers/2' "$T/out" && ok ||
	fail "no secret: no encrypted-password blocker"
printf 'wrong-secret' >"$T/wrong"
chmod 600 "$T/wrong"
expect_exit 3 "wrong secret" -- "$ZK2KRAFT" dry-run -i "$stopped" --password-encoder-secret-file "$T/wrong"
grep -q 'BLOCKER password-decrypt-failed /config/brokers/2' "$T/out" && ok ||
	fail "wrong secret: no password-decrypt-failed blocker"
expect_exit 1 "missing secret file" -- "$ZK2KRAFT" dry-run -i "$stopped" --password-encoder-secret-file "$T/nope"
stderr_has "$T/nope: No such file" "missing secret file"
: >"$T/empty"
expect_exit 1 "empty secret file" -- "$ZK2KRAFT" dry-run -i "$stopped" --password-encoder-secret-file "$T/empty"
chmod 644 "$T/wrong"
expect_exit 3 "readable secret file" -- "$ZK2KRAFT" dry-run -i "$stopped" --password-encoder-secret-file "$T/wrong"
stderr_has 'readable by others' "readable secret file"

# Secrets never reach a report.
expect_exit 0 "dry-run json" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec -f json
grep -q 'ext-keystore-pass' "$T/out" && fail "json report shows the password" || ok
grep -q '\[redacted\]' "$T/out" && ok || fail "json report has no [redacted]"
python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(d["result"] != "ok")' <"$T/out" && ok ||
	fail "json report: not JSON or result not ok"
expect_exit 0 "dry-run text" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec
grep -q 'ext-keystore-pass' "$T/out" && fail "text report shows the password" || ok

# Usage errors.
expect_exit 2 "bad -m" -- "$ZK2KRAFT" dry-run -i "$stopped" -m 3.2-IV0
stderr_has 'not a metadata.version a bootstrap accepts' "bad -m"
expect_exit 2 "bad --allow" -- "$ZK2KRAFT" dry-run -i "$stopped" --allow topic-without-id
stderr_has 'not a finding that can be allowed' "bad --allow"
expect_exit 2 "export without -o" -- "$ZK2KRAFT" export -i "$stopped" $sec
expect_exit 2 "--voters-from without --snapshot" -- "$ZK2KRAFT" export -i "$stopped" $sec --voters-from x -o "$T/x"
expect_exit 2 "--meta-properties without --node-id" -- "$ZK2KRAFT" export -i "$stopped" $sec --meta-properties -o "$T/x"
expect_exit 2 "bad format" -- "$ZK2KRAFT" dry-run -i "$stopped" -f yaml

# A good export; then no overwrite without --force; --force replaces.
expect_exit 0 "export" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/b"
only "$T/b" bootstrap.checkpoint report.json report.txt
for f in bootstrap.checkpoint report.json report.txt; do
	[ "$(stat -c %a "$T/b/$f")" = 600 ] && ok || fail "$f is not mode 600"
done
cp "$T/b/bootstrap.checkpoint" "$T/b.keep"
expect_exit 1 "export over an export" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/b" -m 3.8
stderr_has 'bootstrap.checkpoint: exists; give --force' "export over an export"
cmp -s "$T/b/bootstrap.checkpoint" "$T/b.keep" && ok || fail "refused export changed the file"
expect_exit 0 "export --force" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/b" -m 3.8 --force
cmp -s "$T/b/bootstrap.checkpoint" "$T/b.keep" && fail "--force did not replace the file" || ok
only "$T/b" bootstrap.checkpoint report.json report.txt
grep -q 'featureLevel=20' <("$ZK2KRAFT" inspect "$T/b/bootstrap.checkpoint") && ok ||
	fail "-m 3.8: metadata.version is not 20"

# An unwritable directory: an error, nothing left behind.
mkdir "$T/ro"
chmod 500 "$T/ro"
if [ "$(id -u)" != 0 ]; then
	expect_exit 1 "read-only directory" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/ro"
	only "$T/ro"
fi
# A file where the directory should be.
: >"$T/file"
expect_exit 1 "-o names a file" -- "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/file"
stderr_has 'not a directory' "-o names a file"

# metadata.version gates: SCRAM needs 3.5-IV2, tokens 3.6-IV2.
expect_exit 3 "SCRAM at 3.4" -- "$ZK2KRAFT" dry-run -i "$stopped" $sec -m 3.4-IV0
grep -q 'BLOCKER mv-too-low-scram' "$T/out" && ok || fail "no mv-too-low-scram"
grep -q 'BLOCKER mv-too-low-tokens' "$T/out" && ok || fail "no mv-too-low-tokens"
expect_exit 0 "SCRAM at 3.4, allowed" -- "$ZK2KRAFT" export -i "$stopped" $sec -m 3.4-IV0 \
	--allow mv-too-low-scram,mv-too-low-tokens -o "$T/c"
"$ZK2KRAFT" inspect "$T/c/bootstrap.checkpoint" >"$T/list"
grep -q 'USER_SCRAM\|DELEGATION_TOKEN' "$T/list" && fail "3.4: SCRAM or tokens written" || ok
grep -q 'PARTITION_RECORD v0' "$T/list" && ok || fail "3.4: PartitionRecord is not v0"
expect_exit 0 "4.0-IV1" -- "$ZK2KRAFT" export -i "$stopped" $sec -m 4.0-IV1 -o "$T/d"
grep -q 'PARTITION_RECORD v2' <("$ZK2KRAFT" inspect "$T/d/bootstrap.checkpoint") && ok ||
	fail "4.0-IV1: PartitionRecord is not v2"

# The snapshot route: the id, voters from a KIP-853 zero checkpoint, and
# meta.properties.
kip=$FIXTURES/kraft/kafka-3.9/kip853/__cluster_metadata-0/00000000000000000000-0000000000.checkpoint
expect_exit 0 "snapshot" -- "$ZK2KRAFT" export -i "$stopped" $sec --snapshot \
	--snapshot-id 100-3 --voters-from "$kip" --timestamp 1700000000000 \
	--meta-properties --node-id 7 -o "$T/e"
snap=$T/e/__cluster_metadata-0/00000000000000000100-0000000003.checkpoint
[ -f "$snap" ] && ok || fail "snapshot: no $snap"
only "$T/e" __cluster_metadata-0 meta.properties report.json report.txt
"$ZK2KRAFT" inspect "$snap" >"$T/list"
grep -q 'KRAFT_VOTERS' "$T/list" && ok || fail "snapshot: no VotersRecord"
grep -q 'epoch=3' "$T/list" && ok || fail "snapshot: batches not at epoch 3"
grep -q 'lastContainedLogTimestamp=1700000000000' "$T/list" && ok ||
	fail "snapshot: LastContainedLogTimestamp not the --timestamp"
grep -qx 'cluster.id=VEfH8kRPR3mJF3fDqRH5sA' "$T/e/meta.properties" && ok ||
	fail "meta.properties: cluster.id"
grep -qx 'node.id=7' "$T/e/meta.properties" && ok || fail "meta.properties: node.id"
grep -qx 'version=1' "$T/e/meta.properties" && ok || fail "meta.properties: version"
grep -Eqx 'directory.id=[A-Za-z0-9_][A-Za-z0-9_-]{21}' "$T/e/meta.properties" && ok ||
	fail "meta.properties: directory.id"
# A snapshot goes only into an empty metadata log.
: >"$T/e/__cluster_metadata-0/00000000000000000000.log"
expect_exit 1 "snapshot into a used log" -- "$ZK2KRAFT" export -i "$stopped" $sec --snapshot \
	-o "$T/e" --force
stderr_has 'a snapshot must go into an empty metadata log' "snapshot into a used log"
expect_exit 1 "voters from a static quorum" -- "$ZK2KRAFT" export -i "$stopped" $sec --snapshot \
	--voters-from "$FIXTURES/kraft/kafka-3.9/bootstrap/bootstrap.checkpoint" -o "$T/f"
stderr_has 'no KRaftVersionRecord or VotersRecord' "voters from a static quorum"
[ ! -e "$T/f" ] && ok || fail "failed export created $T/f"

# Kafka 4.x's kafka-storage format (KIP-1170) puts the bootstrap records
# into the zero checkpoint, and a controller then ignores
# bootstrap.checkpoint: exporting beside it would lose everything.
"$ZK2KRAFT" -q export -i "$stopped" $sec -o "$T/g" || fail "export for g"
mkdir -p "$T/kip1170/__cluster_metadata-0"
cp "$T/g/bootstrap.checkpoint" \
    "$T/kip1170/__cluster_metadata-0/00000000000000000000-0000000000.checkpoint"
expect_exit 1 "bootstrap beside a KIP-1170 zero checkpoint" -- \
    "$ZK2KRAFT" export -i "$stopped" $sec -o "$T/kip1170" --force
stderr_has '00000000000000000000-0000000000.checkpoint: holds [0-9]+ metadata records .*KIP-1170' \
    "bootstrap beside a KIP-1170 zero checkpoint"
[ ! -e "$T/kip1170/bootstrap.checkpoint" ] && ok ||
	fail "refused export wrote bootstrap.checkpoint"
expect_exit 0 "snapshot beside a KIP-1170 zero checkpoint" -- \
    "$ZK2KRAFT" -q export -i "$stopped" $sec -o "$T/kip1170" --snapshot

# The bootstrap path's limits: more than 10,000 records below 3.6-IV1.
python3 - "$T/big.json" <<'PY'
import json, sys
n = 10001
parts = {str(i): [1] for i in range(n)}
nodes = [("/", None), ("/brokers", None), ("/brokers/topics", None),
         ("/brokers/topics/big", json.dumps({"version": 3, "topic_id": "AAAAAAAAAAAAAAAAAAAAAg",
          "partitions": parts, "adding_replicas": {}, "removing_replicas": {}},
          separators=(",", ":"))),
         ("/cluster", None), ("/cluster/id", '{"version":"1","id":"VEfH8kRPR3mJF3fDqRH5sA"}')]
with open(sys.argv[1], "w") as f:
    f.write('{"format":"zk2kraft-dump","version":1,"root":"/","znodes":[\n')
    for i, (p, d) in enumerate(sorted(nodes)):
        f.write(json.dumps({"path": p, "data": d, "version": 0, "cversion": 0, "czxid": 0,
                            "mzxid": 0, "pzxid": 0, "ephemeral_owner": 0}))
        f.write(",\n" if i < len(nodes) - 1 else "\n")
    f.write("]}\n")
PY
expect_exit 3 "10,001 partitions at 3.5" -- "$ZK2KRAFT" dry-run -i "$T/big.json" -m 3.5
grep -q 'BLOCKER bootstrap-too-many-records' "$T/out" && ok ||
	fail "no bootstrap-too-many-records blocker"
expect_exit 0 "10,001 partitions at 3.5, snapshot" -- "$ZK2KRAFT" dry-run -i "$T/big.json" -m 3.5 --snapshot
expect_exit 0 "10,001 partitions at 3.9" -- "$ZK2KRAFT" dry-run -i "$T/big.json"
finish

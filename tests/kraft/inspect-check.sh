# inspect --check against the independent checker tests/kraft/kcheck.py, on
# Kafka's own files and on damaged copies: both accept and reject the same
# files, and they agree on batches, records, per-api-key counts and the
# metadata.version.  Exit 3 is a broken rule, exit 1 a corrupt file.
. "${srcdir:-.}/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 not found"
	exit 77
fi
KCHECK_PY=$TOP_SRCDIR/tests/kraft/kcheck.py
V=$FIXTURES/kraft/kafka-3.9
BOOT=$V/bootstrap/bootstrap.checkpoint
SNAP=$V/snapshot/00000000000000000042-0000000001.checkpoint
KIP=$V/kip853/bootstrap.checkpoint
ZERO=$V/kip853/__cluster_metadata-0/00000000000000000000-0000000000.checkpoint
RICH=$FIXTURES/kraft/rich-snapshot-epoch3.bin

# poke FILE OFFSET: overwrite one byte with 0x5a.
poke() {
	printf '\132' | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# Data records per api key, from inspect's JSON listing: a third reading
# of the file, by MetadataRecordType name.
inspect_counts() {
	"$ZK2KRAFT" inspect -f json "$1" | python3 -c '
import json, sys
keys = {"REGISTER_BROKER_RECORD": 0, "UNREGISTER_BROKER_RECORD": 1,
    "TOPIC_RECORD": 2, "PARTITION_RECORD": 3, "CONFIG_RECORD": 4,
    "PARTITION_CHANGE_RECORD": 5, "FENCE_BROKER_RECORD": 7,
    "UNFENCE_BROKER_RECORD": 8, "REMOVE_TOPIC_RECORD": 9,
    "DELEGATION_TOKEN_RECORD": 10, "USER_SCRAM_CREDENTIAL_RECORD": 11,
    "FEATURE_LEVEL_RECORD": 12, "CLIENT_QUOTA_RECORD": 14,
    "PRODUCER_IDS_RECORD": 15, "BROKER_REGISTRATION_CHANGE_RECORD": 17,
    "ACCESS_CONTROL_ENTRY_RECORD": 18, "NO_OP_RECORD": 20,
    "ZK_MIGRATION_STATE_RECORD": 21, "REGISTER_CONTROLLER_RECORD": 27}
counts = {}
for line in sys.stdin:
    r = json.loads(line)
    if not r["control"]:
        k = str(keys[r["type"]])
        counts[k] = counts.get(k, 0) + 1
print(json.dumps(counts, sort_keys=True, separators=(",", ":")))'
}

# py_field NAME: a field of the last kcheck.py result, compact JSON.
py_field() {
	python3 -c 'import json, sys
print(json.dumps(json.load(sys.stdin)[sys.argv[1]], sort_keys=True,
    separators=(",", ":")))' "$1" <"$T/py"
}

# both_pass KIND FILE BATCHES RECORDS: inspect --check and kcheck.py agree.
both_pass() {
	kind=$1 file=$2
	expect_exit 0 "check $file" -- "$ZK2KRAFT" inspect --check "$file"
	want="$file: ok: $kind, $3 batches, $4 records, metadata.version 3.9-IV0 (21)"
	if [ "$(cat "$T/out")" = "$want" ]; then
		ok
	else
		fail "check $file: got '$(cat "$T/out")', want '$want'"
	fi
	if python3 "$KCHECK_PY" "$file" >"$T/py" 2>"$T/err"; then
		ok
	else
		fail "kcheck.py $file: $(cat "$T/err")"
		return
	fi
	[ "$(py_field batches)" = "$3" ] && ok ||
		fail "kcheck.py $file: batches $(py_field batches), want $3"
	[ "$(py_field records)" = "$4" ] && ok ||
		fail "kcheck.py $file: records $(py_field records), want $4"
	[ "$(py_field metadata_version)" = 21 ] && ok ||
		fail "kcheck.py $file: metadata_version $(py_field metadata_version)"
	got=$(inspect_counts "$file")
	[ "$(py_field counts)" = "$got" ] && ok ||
		fail "counts of $file: kcheck.py $(py_field counts), inspect $got"
}

# both_fail ZK2KRAFT_EXIT REGEX FILE [KIND_OPTION]: both reject the file.
both_fail() {
	status=$1 re=$2 file=$3
	shift 3
	expect_exit "$status" "check $file $*" -- \
	    "$ZK2KRAFT" inspect --check "$@" "$file"
	stderr_has "$re" "check $file $*"
	[ -s "$T/out" ] && fail "check $file $*: printed a summary" || ok
	if python3 "$KCHECK_PY" "$@" "$file" >"$T/py" 2>"$T/err"; then
		fail "kcheck.py $* $file passed: $(cat "$T/py")"
	else
		[ $? -eq 1 ] && ok || fail "kcheck.py $* $file: exit not 1"
	fi
}

both_pass bootstrap "$BOOT" 3 1
both_pass snapshot "$SNAP" 3 19
both_pass bootstrap "$KIP" 3 2
python3 "$KCHECK_PY" "$SNAP" | grep -q '"0":2,' && ok ||
	fail "kcheck.py: the snapshot's two RegisterBrokerRecords"

# Kafka's KIP-853 zero checkpoint: snapshot id (0, 0), no metadata records.
both_fail 3 'snapshot id \(0, 0\)' "$ZERO"
# Transaction and registration-change records, by explicit kind.
both_fail 3 'offset 1025: BrokerRegistrationChangeRecord in a snapshot' \
    "$RICH" --snapshot
both_fail 3 'in a bootstrap file' "$RICH" --bootstrap
# A snapshot given the bootstrap name breaks the bootstrap rules.
cp "$SNAP" "$T/bootstrap.checkpoint"
both_fail 3 'offset 61: SnapshotHeaderRecord LastContainedLogTimestamp' \
    "$T/bootstrap.checkpoint"

# Damaged copies: CRC-covered bytes in each batch, then a truncation.
cp "$SNAP" "$T/00000000000000000042-0000000001.checkpoint"
poke "$T/00000000000000000042-0000000001.checkpoint" 200
both_fail 1 'offset 83: CRC mismatch' "$T/00000000000000000042-0000000001.checkpoint"
mkdir "$T/b1" "$T/b2" "$T/b3"
cp "$BOOT" "$T/b1/bootstrap.checkpoint"
poke "$T/b1/bootstrap.checkpoint" 30
both_fail 1 'offset 0: CRC mismatch' "$T/b1/bootstrap.checkpoint"
cp "$BOOT" "$T/b2/bootstrap.checkpoint"
poke "$T/b2/bootstrap.checkpoint" 170
both_fail 1 'offset 83: CRC mismatch' "$T/b2/bootstrap.checkpoint"
head -c 240 "$BOOT" >"$T/b3/bootstrap.checkpoint"
both_fail 1 'offset 174: batch of 75 bytes, only 66 left' "$T/b3/bootstrap.checkpoint"

# The epoch lies outside the CRC: epoch 1 in every batch of a bootstrap.
mkdir "$T/e1"
cp "$BOOT" "$T/e1/bootstrap.checkpoint"
for pos in 15 98 189; do
	printf '\001' | dd of="$T/e1/bootstrap.checkpoint" bs=1 seek=$pos \
	    conv=notrunc 2>/dev/null
done
both_fail 3 'offset 0: batch epoch 1 in a bootstrap file' "$T/e1/bootstrap.checkpoint"

# The kind comes from the name unless given.
cp "$SNAP" "$T/snap.bin"
expect_exit 3 "unknown name" -- "$ZK2KRAFT" inspect --check "$T/snap.bin"
stderr_has 'kind is unknown' "unknown name"
expect_exit 0 "--snapshot" -- "$ZK2KRAFT" inspect --check --snapshot "$T/snap.bin"
grep -q ': ok: snapshot, 3 batches, 19 records' "$T/out" && ok ||
	fail "--snapshot summary: $(cat "$T/out")"
expect_exit 0 "--bootstrap" -- "$ZK2KRAFT" inspect --check --bootstrap "$FIXTURES/kraft/example-bootstrap.bin"

# Usage errors.
expect_exit 2 "--bootstrap without --check" -- "$ZK2KRAFT" inspect --bootstrap "$BOOT"
expect_exit 2 "--bootstrap and --snapshot" -- "$ZK2KRAFT" inspect --check --bootstrap --snapshot "$BOOT"
expect_exit 2 "-f with --check" -- "$ZK2KRAFT" inspect --check -f json "$BOOT"
expect_exit 2 "--check on a directory" -- "$ZK2KRAFT" inspect --check "$V/kip853"
stderr_has 'not a directory' "--check on a directory"
expect_exit 1 "--check on a missing file" -- "$ZK2KRAFT" inspect --check "$T/nope"
finish

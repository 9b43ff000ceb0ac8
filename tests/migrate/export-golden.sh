# Every fixture through dry-run and export, against reviewed golden files:
#   fixtures/zk/CASE/dry-run.txt  the dry-run text report without options
#   fixtures/zk/CASE/export.txt   inspect of the bootstrap.checkpoint that
#                                 export writes with CASE/export.args
# Also: export exits 0 and its report says ok; the file passes inspect
# --check and the independent tests/kraft/kcheck.py with the report's record
# counts; a second export gives the same bytes; a snapshot export of the
# same cluster holds the same records.  After a deliberate change,
# regenerate with UPDATE_GOLDEN=1 and review the diff.
. "${srcdir:-.}/lib.sh"
kcheck_py="$TOP_SRCDIR/tests/kraft/kcheck.py"
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"

golden() { # golden FILE DESCRIPTION: compare $T/out with FILE
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/out" "$1"
	fi
	if cmp -s "$1" "$T/out"; then
		ok
	else
		fail "$2 differs from $1"
		diff "$1" "$T/out" | head -10
	fi
}

# The data records of a listing: everything but batch lines and the
# header and footer, with the offsets taken off.
records() {
	grep -E '^  offset [0-9]+: [A-Z_]+_RECORD' "$1" | sed 's/^  offset [0-9]*: //'
}

for dir in "$FIXTURES"/zk/*/; do
	case=$(basename "$dir")
	chroot=
	case $case in
	chroot) chroot="--chroot /kafka/prod" ;;
	esac
	args=$(sed "s|@SECRET@|$T/secret|g" "$dir/export.args")

	# dry-run without options: the report, exit 3 when something blocks.
	want=0
	grep -q '^Result: *BLOCKED' "$dir/dry-run.txt" 2>/dev/null && want=3
	(cd "$dir" && "$ZK2KRAFT" dry-run -i dump.json $chroot) >"$T/out" 2>"$T/err"
	rc=$?
	golden "$dir/dry-run.txt" "$case: dry-run report"
	[ "$rc" -eq "$want" ] && ok || fail "$case: dry-run exit $rc, want $want"

	# export with the fixture's options.
	out="$T/$case"
	expect_exit 0 "$case: export" -- "$ZK2KRAFT" -q export -i "$dir/dump.json" $args -o "$out"
	(cd "$out" && "$ZK2KRAFT" inspect bootstrap.checkpoint) >"$T/out" 2>&1
	golden "$dir/export.txt" "$case: exported records"
	records "$T/out" >"$T/bootstrap-records"
	grep -q '"result": "ok"' "$out/report.json" && ok ||
		fail "$case: report.json does not say ok"
	grep -q '^Verification: ok' "$out/report.txt" && ok ||
		fail "$case: report.txt has no passed verification"
	expect_exit 0 "$case: inspect --check" -- "$ZK2KRAFT" inspect --check "$out/bootstrap.checkpoint"
	expect_exit 0 "$case: kcheck.py" -- python3 "$kcheck_py" --bootstrap "$out/bootstrap.checkpoint"
	# kcheck.py's counts per api key equal the report's per type.
	python3 - "$T/out" "$out/report.json" <<'PY' && ok || fail "$case: kcheck.py and the report count differently"
import json, sys
keys = {"FeatureLevelRecord": 12, "ZkMigrationStateRecord": 21,
        "TopicRecord": 2, "PartitionRecord": 3, "ConfigRecord": 4,
        "ClientQuotaRecord": 14, "ProducerIdsRecord": 15,
        "AccessControlEntryRecord": 18, "UserScramCredentialRecord": 11,
        "DelegationTokenRecord": 10}
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))["records"]
total = want.pop("total")
exp = {str(keys[k]): v for k, v in want.items()}
if got["counts"] != exp or got["records"] != total:
    print("kcheck.py", got, "report", want, total)
    sys.exit(1)
PY
	[ "$(stat -c %a "$out/bootstrap.checkpoint")" = 600 ] && ok ||
		fail "$case: bootstrap.checkpoint is not mode 600"

	# Deterministic: the same input and options give the same bytes.
	cp "$out/bootstrap.checkpoint" "$out/report.json" "$T/"
	expect_exit 0 "$case: export again" -- "$ZK2KRAFT" -q export -i "$dir/dump.json" $args -o "$out" --force
	cmp -s "$out/bootstrap.checkpoint" "$T/bootstrap.checkpoint" && ok ||
		fail "$case: two exports differ"
	cmp -s "$out/report.json" "$T/report.json" && ok ||
		fail "$case: two reports differ"

	# The snapshot route carries the same records, plus the migration
	# state record.
	expect_exit 0 "$case: export --snapshot" -- "$ZK2KRAFT" -q export -i "$dir/dump.json" $args --snapshot -o "$out.snap"
	snap=$(ls "$out.snap/__cluster_metadata-0/"*.checkpoint 2>/dev/null | head -1)
	if [ -z "$snap" ]; then
		fail "$case: no snapshot written"
		continue
	fi
	"$ZK2KRAFT" inspect "$snap" >"$T/snap.txt" 2>&1
	records "$T/snap.txt" >"$T/snap-records"
	grep -v '^ZK_MIGRATION_STATE_RECORD' "$T/snap-records" >"$T/a"
	cmp -s "$T/a" "$T/bootstrap-records" && ok ||
		fail "$case: snapshot records differ from bootstrap records"
	sed -n 2p "$T/snap-records" | grep -q '^ZK_MIGRATION_STATE_RECORD v0: ZkMigrationStateRecord(zkMigrationState=0)' &&
		ok || fail "$case: the snapshot's second record is not ZkMigrationStateRecord NONE"
	expect_exit 0 "$case: inspect --check snapshot" -- "$ZK2KRAFT" inspect --check "$snap"
	expect_exit 0 "$case: kcheck.py snapshot" -- python3 "$kcheck_py" --snapshot "$snap"
done
finish

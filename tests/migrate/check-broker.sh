# zk2kraft check-broker: synthetic ZooKeeper-era broker log directories
# against exports of the fixtures.
#  a. every verdict, with its reason, in text and JSON, sorted: keep,
#     needs-partition-metadata (current and -future), stray for each
#     reason (no topic, no partition, not a replica, topic id unknown,
#     topic id differing from the export's), conflict, delete,
#     already-stray, metadata-log, ignored, bad-name, misplaced metadata
#     log, duplicate, a copy without partition.metadata beside another
#     (would-duplicate), symbolic links that do not resolve; files beside
#     partitions are not listed;
#  b. exit 0 when nothing is lost, 3 when something would be (an empty
#     stray directory loses nothing) or needs --apply;
#  c. --apply writes Kafka's exact bytes, re-checks (exit 0), touches no
#     segment file and no existing partition.metadata, and a second
#     --apply changes nothing; it writes nothing when meta.properties has
#     problems;
#  d. meta.properties: missing, another node id, another cluster id than
#     the export's (from its meta.properties, its report.json or none),
#     different in two log dirs, unreadable for Kafka;
#  e. the export as a directory, a bootstrap.checkpoint, a --snapshot
#     export; pre-2.8 (--assign-topic-ids) topics fixed by --apply;
#  f. errors exit 1 naming the path: a malformed or unreadable
#     partition.metadata, a missing log dir, a missing export; usage
#     errors exit 2.
. "${srcdir:-.}/lib.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"

expect_exit 0 "export sample-stopped" -- "$ZK2KRAFT" -q export \
	-i "$FIXTURES/zk/sample-stopped/dump.json" \
	--password-encoder-secret-file "$T/secret" --meta-properties \
	--node-id 1 -o "$T/ex"
expect_exit 0 "export pre-2.8" -- "$ZK2KRAFT" -q export \
	-i "$FIXTURES/zk/pre-2.8/dump.json" --assign-topic-ids -o "$T/pre"
cluster=$(sed -n 's/^cluster\.id=//p' "$T/ex/meta.properties")
[ -n "$cluster" ] && ok || fail "no cluster.id in the export's meta.properties"

topic_id() { # topic_id EXPORT TOPIC
	"$ZK2KRAFT" inspect "$1/bootstrap.checkpoint" |
		sed -n "s/.*TopicRecord(name='$2', topicId=\([^)]*\)).*/\1/p"
}
orders=$(topic_id "$T/ex" orders)
profiles=$(topic_id "$T/ex" customer-profiles)
offsets=$(topic_id "$T/ex" __consumer_offsets)
[ ${#orders} -eq 22 ] && [ ${#profiles} -eq 22 ] && [ ${#offsets} -eq 22 ] &&
	ok || fail "topic ids not found: '$orders' '$profiles' '$offsets'"
other=ZZZZZZZZZZZZZZZZZZZZZQ # in no export
mkdir "$T/bare" # an export without its meta.properties and reports
cp "$T/ex/bootstrap.checkpoint" "$T/bare/"

meta() { # meta DIR BROKER_ID CLUSTER_ID: a ZooKeeper broker's v0 file
	mkdir -p "$1"
	printf 'version=0\nbroker.id=%s\ncluster.id=%s\n' "$2" "$3" \
		>"$1/meta.properties"
}
part() { # part DIR NAME BYTES [TOPIC_ID]: a partition directory
	mkdir -p "$1/$2"
	head -c "$3" /dev/zero >"$1/$2/00000000000000000000.log"
	: >"$1/$2/00000000000000000000.index"
	if [ $# -ge 4 ]; then
		printf 'version: 0\ntopic_id: %s' "$4" >"$1/$2/partition.metadata"
	fi
}
# verdict NAME VERDICT [DETAIL-REGEX]: the text report has NAME's line
# with VERDICT, and the detail line under it matches DETAIL-REGEX.
verdict() {
	detail=$(awk -v p="$(printf '  %-24s %s' "$2" "$1")" '
		found { print; exit }
		index($0, p) == 1 && (length($0) == length(p) ||
		    substr($0, length(p) + 1, 1) == " ") { found = 1 }
		END { if (!found) print "NOT FOUND" }' "$T/out")
	if [ "$detail" = "NOT FOUND" ]; then
		fail "$1: not reported as $2: $(grep -F " $1" "$T/out" | head -1)"
	elif [ $# -ge 3 ] && ! printf '%s\n' "$detail" | grep -Eq -e "$3"; then
		fail "$1: detail lacks /$3/: $detail"
	else
		ok
	fi
}
out_has() { # out_has REGEX DESCRIPTION
	grep -Eq "$1" "$T/out" && ok || fail "$2: stdout lacks /$1/"
}
pmeta_bytes() { # pmeta_bytes FILE ID: Kafka's exact bytes, no newline
	printf 'version: 0\ntopic_id: %s' "$2" >"$T/want"
	cmp -s "$1" "$T/want" && ok || fail "$1: not Kafka's bytes for $2"
}
segsum() { # a checksum of every segment and index file under $1
	find "$1" -name '*.log' -o -name '*.index' | sort | xargs cat | cksum
}
check() { # check ARGS...: check-broker against $T/ex for node 1
	"$ZK2KRAFT" check-broker --export "$T/ex" --node-id 1 "$@"
}

# a, b. Every verdict.
B=$T/broker
meta "$B/d1" 1 "$cluster"
meta "$B/d2" 1 "$cluster"
part "$B/d1" orders-0 1000 "$orders"
part "$B/d1" orders-1 500
part "$B/d1" orders-2.0123456789abcdef0123456789abcdef-future 70
part "$B/d1" orders-2.00112233445566778899aabbccddeeff-delete 10
part "$B/d1" orders-1.ffeeddccbbaa99887766554433221100-stray 20
part "$B/d1" orders-9 50
part "$B/d1" gone-0 200
part "$B/d1" empty-0 0
part "$B/d1" old-incarnation-0 30 "$other"
part "$B/d1" customer-profiles-0 300 "$other"
part "$B/d1" __consumer_offsets-0 40 "$orders"
mkdir -p "$B/d1/__cluster_metadata-0" "$B/d1/remote-log-index-cache"
: >"$B/d1/recovery-point-offset-checkpoint"
part "$B/d2" __consumer_offsets-1 60
part "$B/d2" customer-profiles-1 80 "$profiles"
segs=$(segsum "$B")

expect_exit 3 "every verdict" -- check --log-dir "$B/d1" --log-dir "$B/d2"
verdict orders-0 keep "topic id $orders, replicas \[1, 2, 3\]"
verdict orders-1 needs-partition-metadata "--apply writes topic id $orders"
verdict orders-2.0123456789abcdef0123456789abcdef-future needs-partition-metadata
verdict orders-2.00112233445566778899aabbccddeeff-delete delete
verdict orders-1.ffeeddccbbaa99887766554433221100-stray already-stray
verdict orders-9 stray "topic orders has no partition 9 \(it has 3\)"
verdict gone-0 stray "the export has no topic gone"
verdict empty-0 stray "the export has no topic empty"
verdict old-incarnation-0 stray "topic id $other is not in the export"
verdict customer-profiles-0 stray "has topic id $other, the export has $profiles for customer-profiles"
verdict __consumer_offsets-0 conflict "topic orders's"
verdict __cluster_metadata-0 metadata-log
verdict remote-log-index-cache ignored
verdict __consumer_offsets-1 needs-partition-metadata
verdict customer-profiles-1 keep
grep -q recovery-point "$T/out" && fail "a file is listed" || ok
out_has '^Log directory .*/d1 \(the metadata log directory\)$' "metadata dir"
out_has '^  meta.properties: version 0, broker.id 1, cluster.id '"$cluster"': ok$' "meta ok"
out_has "^Cluster id: $cluster \(from .*/ex/meta.properties\)$" "cluster id source"
out_has '^  needs-partition-metadata orders-1 \(1 segment, 500 bytes\)$' "sizes"
# at risk: needs (500 + 70 + 60), stray with data (50 + 200 + 30 + 300),
# conflict (40); the empty stray loses nothing.
out_has '^  at risk +8 directories +1250 bytes of segment data$' "at risk"
out_has '^Result: +AT RISK: 8 problems \(3 fixable with --apply\)$' "result"
# Sorted: topic, then partition number, then name.
awk '/^Log directory .*d1/ { on = 1; next } /^Log directory/ { on = 0 }
	on && /^  [a-z]/ && !/^  meta.properties/ { print $2 }' "$T/out" >"$T/order"
printf '%s\n' __cluster_metadata-0 __consumer_offsets-0 customer-profiles-0 \
	empty-0 gone-0 old-incarnation-0 orders-0 orders-1 \
	orders-1.ffeeddccbbaa99887766554433221100-stray \
	orders-2.00112233445566778899aabbccddeeff-delete \
	orders-2.0123456789abcdef0123456789abcdef-future orders-9 \
	remote-log-index-cache >"$T/want"
cmp -s "$T/order" "$T/want" && ok || fail "entries not sorted: $(tr '\n' ' ' <"$T/order")"
cp "$T/out" "$T/first"
check --log-dir "$B/d1" --log-dir "$B/d2" >"$T/out" 2>&1
cmp -s "$T/out" "$T/first" && ok || fail "two runs differ"

expect_exit 3 "-f json" -- check --log-dir "$B/d1" --log-dir "$B/d2" -f json
python3 - "$T/out" <<'PY' && ok || fail "JSON report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["format"] == "zk2kraft-check-broker" and r["result"] == "at-risk", r["result"]
assert r["node_id"] == 1 and r["applied"] is False and r["changes"] == []
e = {x["name"]: x for d in r["log_dirs"] for x in d["entries"]}
want = {
    "orders-0": ("keep", None, False),
    "orders-1": ("needs-partition-metadata", "no-partition-metadata", True),
    "orders-9": ("stray", "unknown-partition", True),
    "gone-0": ("stray", "unknown-topic", True),
    "empty-0": ("stray", "unknown-topic", False),
    "old-incarnation-0": ("stray", "unknown-topic-id", True),
    "customer-profiles-0": ("stray", "topic-id-mismatch", True),
    "__consumer_offsets-0": ("conflict", "topic-id-of-another-topic", True),
    "__cluster_metadata-0": ("metadata-log", None, False),
    "remote-log-index-cache": ("ignored", None, False),
}
for name, (v, reason, problem) in want.items():
    got = (e[name]["verdict"], e[name]["reason"], e[name]["problem"])
    assert got == (v, reason, problem), (name, got)
f = e["orders-2.0123456789abcdef0123456789abcdef-future"]
assert f["kind"] == "future" and f["topic"] == "orders" and f["partition"] == 2
assert e["orders-1"]["partition_metadata"] == "absent"
assert e["orders-1"]["export_topic_id"] == e["orders-0"]["topic_id"]
assert e["orders-0"]["replicas"] == [1, 2, 3] and e["orders-0"]["bytes"] == 1000
s = r["summary"]
assert s["at_risk"] == {"directories": 8, "bytes": 1250}, s["at_risk"]
assert s["problems"] == 8 and s["errors"] == 0
assert s["verdicts"]["stray"] == {"directories": 5, "bytes": 580}
d1 = r["log_dirs"][0]
assert d1["metadata_log_dir"] and d1["meta_properties"]["node_id"] == 1
PY

# c. --apply: the three it can fix, nothing else.
cp "$B/d1/customer-profiles-0/partition.metadata" "$T/mismatch"
expect_exit 3 "--apply with strays left" -- check --log-dir "$B/d1" --log-dir "$B/d2" --apply
pmeta_bytes "$B/d1/orders-1/partition.metadata" "$orders"
pmeta_bytes "$B/d1/orders-2.0123456789abcdef0123456789abcdef-future/partition.metadata" "$orders"
pmeta_bytes "$B/d2/__consumer_offsets-1/partition.metadata" "$offsets"
cmp -s "$B/d1/customer-profiles-0/partition.metadata" "$T/mismatch" && ok ||
	fail "a mismatching partition.metadata was replaced"
for d in gone-0 orders-9 empty-0; do
	[ -e "$B/d1/$d/partition.metadata" ] && fail "$d got a partition.metadata" || ok
done
[ "$(stat -c %a "$B/d1/orders-1/partition.metadata")" = 644 ] && ok ||
	fail "partition.metadata not mode 644"
ls "$B/d1/orders-1" | grep -q tmp && fail "a temporary file is left" || ok
out_has '^Changes \(--apply\): 3 partition.metadata files written$' "changes"
out_has "^  wrote   .*/d1/orders-1/partition.metadata \(topic id $orders\)$" "change line"
out_has '^Summary \(checked again after --apply\)$' "re-check"
verdict orders-1 keep
verdict __consumer_offsets-1 keep
out_has '^Result: +AT RISK: 5 problems$' "result after --apply"
[ "$(segsum "$B")" = "$segs" ] && ok || fail "segment files changed"
ls -li "$B"/d1/*/partition.metadata "$B"/d2/*/partition.metadata >"$T/before"
expect_exit 3 "second --apply" -- check --log-dir "$B/d1" --log-dir "$B/d2" --apply
out_has '^Changes \(--apply\): 0 partition.metadata files written$' "idempotent"
ls -li "$B"/d1/*/partition.metadata "$B"/d2/*/partition.metadata >"$T/after"
cmp -s "$T/before" "$T/after" && ok || fail "the second --apply touched files"

# c. A partition.metadata --apply fails to write is reported on stderr
# too; the others are written.  The temporary name is taken beforehand
# (exec keeps the shell's pid).
F=$T/applyfail
meta "$F/d1" 1 "$cluster"
part "$F/d1" orders-1 10
part "$F/d1" orders-2 10
expect_exit 1 "--apply fails" -- sh -c 'd=$1; shift
	mkdir "$d/orders-1/partition.metadata.tmp.$$" && exec "$@"' sh "$F/d1" \
	"$ZK2KRAFT" check-broker --export "$T/ex" --node-id 1 --log-dir "$F/d1" --apply
stderr_has '^zk2kraft: check-broker: --apply: .*/d1/orders-1/partition.metadata.tmp.[0-9]+: File exists$' "failed write on stderr"
out_has '^Changes \(--apply\): 1 partition.metadata file written, 1 failed$' "failed write in the report"
pmeta_bytes "$F/d1/orders-2/partition.metadata" "$orders"
[ -e "$F/d1/orders-1/partition.metadata" ] && fail "the failed one was written" || ok

# b, c. Only fixable ones: exit 3, --apply, exit 0; JSON of the changes.
C=$T/clean
meta "$C/d1" 1 "$cluster"
part "$C/d1" orders-0 100 "$orders"
part "$C/d1" orders-1 100
part "$C/d1" orders-2.00112233445566778899aabbccddeeff-delete 10
part "$C/d1" empty-0 0
mkdir "$C/d1/__cluster_metadata-0"
expect_exit 3 "needs --apply" -- check --log-dir "$C/d1"
out_has '^Result: +AT RISK: 1 problem \(1 fixable with --apply\)$' "fixable"
expect_exit 0 "--apply fixes it" -- check --log-dir "$C/d1" --apply -f json
python3 - "$T/out" "$C/d1/orders-1/partition.metadata" "$orders" <<'PY' && ok || fail "JSON after --apply"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["result"] == "ok" and r["applied"] is True, r["result"]
assert r["changes"] == [{"path": sys.argv[2], "topic_id": sys.argv[3],
                         "result": "written", "error": None}], r["changes"]
PY
expect_exit 0 "clean" -- check --log-dir "$C/d1"
out_has '^Result: +OK: nothing would be lost$' "ok"

# a. Names Kafka refuses, a misplaced metadata log, duplicates.
N=$T/names
meta "$N/d1" 1 "$cluster"
meta "$N/d2" 1 "$cluster"
mkdir -p "$N/d1/lost+found" "$N/d2/__cluster_metadata-0" "$N/d1/orders-x"
part "$N/d1" orders-0 10 "$orders"
part "$N/d2" orders-0 10 "$orders"
part "$N/d1" orders-1 10
part "$N/d2" orders-1 10 "$orders"
expect_exit 3 "names" -- check --log-dir "$N/d1" --log-dir "$N/d2" --apply
verdict lost+found bad-name "Kafka refuses to start"
verdict orders-x bad-name
verdict __cluster_metadata-0 misplaced-metadata-log "outside the metadata log directory .*/d1"
verdict orders-0 duplicate "/d2/orders-0 too"
verdict orders-1 stray "/d2/orders-1 is loaded for this partition"
verdict orders-1 keep
[ -e "$N/d1/orders-1/partition.metadata" ] && fail "a would-be duplicate got a partition.metadata" || ok

# a. A copy without partition.metadata beside another copy: LogManager.loadLog
# finds it stray before it looks for duplicates, so Kafka starts and moves it
# aside (its bytes at risk); writing the file would make two directories for
# one partition, so --apply writes none, here or where no copy has one.
W=$T/wouldup
meta "$W/la" 1 "$cluster"
meta "$W/lb" 1 "$cluster"
part "$W/la" orders-0 0 "$orders"
part "$W/lb" orders-0 100
part "$W/la" orders-1 30
part "$W/lb" orders-1 40
expect_exit 3 "would-duplicate" -- check --log-dir "$W/la" --log-dir "$W/lb" -f json
python3 - "$T/out" "$W" <<'PY' && ok || fail "would-duplicate JSON"
import json, sys
r = json.load(open(sys.argv[1]))
w = sys.argv[2]
e = {x["path"]: x for d in r["log_dirs"] for x in d["entries"]}
want = {
    "la/orders-0": ("keep", None, False),
    "lb/orders-0": ("stray", "would-duplicate", True),
    "la/orders-1": ("stray", "would-duplicate", True),
    "lb/orders-1": ("stray", "would-duplicate", True),
}
for p, (v, reason, problem) in want.items():
    x = e[w + "/" + p]
    got = (x["verdict"], x["reason"], x["problem"])
    assert got == (v, reason, problem), (p, got)
assert w + "/la/orders-0 is loaded" in e[w + "/lb/orders-0"]["detail"]
assert w + "/lb/orders-1" in e[w + "/la/orders-1"]["detail"]
s = r["summary"]
assert s["at_risk"] == {"directories": 3, "bytes": 170}, s["at_risk"]
assert s["verdicts"]["duplicate"]["directories"] == 0
assert s["verdicts"]["needs-partition-metadata"]["directories"] == 0
PY
expect_exit 3 "would-duplicate --apply" -- check --log-dir "$W/la" --log-dir "$W/lb" --apply
out_has '^Changes \(--apply\): 0 partition.metadata files written$' "would-duplicate --apply"
for d in lb/orders-0 la/orders-1 lb/orders-1; do
	[ -e "$W/$d/partition.metadata" ] && fail "$d got a partition.metadata" || ok
done

# a. Entries whose symbolic link does not resolve (a loop, a file on the
# way, a name too long, nothing there): File.isDirectory is false on any
# error, so Kafka skips them.  Listed as ignored, not errors: --apply works.
L=$T/links
meta "$L/d1" 1 "$cluster"
part "$L/d1" orders-1 10
ln -s loop "$L/d1/loop"
ln -s b "$L/d1/a"
ln -s a "$L/d1/b"
: >"$L/file"
ln -s "$L/file/x" "$L/d1/notdir"
ln -s "$(printf '%0300d' 0)" "$L/d1/toolong"
ln -s nowhere "$L/d1/orders-2"
expect_exit 0 "links that do not resolve" -- check --log-dir "$L/d1" --apply
verdict loop ignored "does not resolve \(Too many levels of symbolic links\): Kafka skips it"
verdict a ignored "Too many levels"
verdict notdir ignored "\(Not a directory\)"
verdict toolong ignored "\(File name too long\)"
verdict orders-2 ignored "\(No such file or directory\)"
pmeta_bytes "$L/d1/orders-1/partition.metadata" "$orders"
[ -s "$T/err" ] && fail "links that do not resolve: stderr: $(cat "$T/err")" || ok

# a, c. partition.metadata as a symbolic link: Kafka follows it
# (File.exists, Files.newBufferedReader); one that does not resolve reads
# as absent, so Kafka moves the directory aside as stray.  --apply writes
# nothing through such a link and does not replace it, so a second run
# reports the same, not an error.
S=$T/pmlink
meta "$S/d1" 1 "$cluster"
part "$S/d1" orders-0 10
ln -s nowhere "$S/d1/orders-0/partition.metadata"
part "$S/d1" orders-1 20
ln -s partition.metadata "$S/d1/orders-1/partition.metadata"
part "$S/d1" orders-2 10
printf 'version: 0\ntopic_id: %s' "$orders" >"$S/orders-id"
ln -s "$S/orders-id" "$S/d1/orders-2/partition.metadata"
part "$S/d1" __consumer_offsets-0 10
for run in first second; do
	expect_exit 3 "symbolic link partition.metadata, $run --apply" -- \
		check --log-dir "$S/d1" --apply
	verdict orders-0 stray "partition.metadata is a symbolic link that does not resolve \(No such file or directory\): Kafka reads no topic id"
	verdict orders-1 stray "\(Too many levels of symbolic links\)"
	verdict orders-2 keep
	verdict __consumer_offsets-0 keep
	out_has '^  at risk +2 directories +30 bytes of segment data$' "dangling link: at risk"
done
[ -L "$S/d1/orders-0/partition.metadata" ] && [ ! -e "$S/d1/orders-0/nowhere" ] &&
	ok || fail "written through a dangling partition.metadata link"
[ -L "$S/d1/orders-1/partition.metadata" ] && ok || fail "a link loop replaced"
pmeta_bytes "$S/d1/__consumer_offsets-0/partition.metadata" "$offsets"
expect_exit 3 "symbolic link partition.metadata, JSON" -- check --log-dir "$S/d1" -f json
python3 - "$T/out" <<'PY' && ok || fail "dangling link JSON"
import json, sys
r = json.load(open(sys.argv[1]))
e = {x["name"]: x for d in r["log_dirs"] for x in d["entries"]}
for n in ("orders-0", "orders-1"):
    x = e[n]
    got = (x["verdict"], x["reason"], x["partition_metadata"], x["problem"])
    assert got == ("stray", "dangling-partition-metadata", "dangling", True), (n, got)
assert e["orders-2"]["partition_metadata"] == "ok"
PY

# j. Not a replica: node 4 holds none of sample-stopped's partitions.
R=$T/replica
meta "$R/d1" 4 "$cluster"
part "$R/d1" orders-0 10 "$orders"
part "$R/d1" orders-1 10
expect_exit 3 "not a replica" -- "$ZK2KRAFT" check-broker --export "$T/ex" \
	--node-id 4 --log-dir "$R/d1"
verdict orders-0 stray "node 4 is not among its replicas \[1, 2, 3\]"
verdict orders-1 stray "no partition.metadata, and node 4 is not among its replicas \[2, 3, 1\]"

# d. meta.properties.
M=$T/meta
mkdir -p "$M/none" "$M/node" "$M/cluster" "$M/bad" "$M/v1"
meta "$M/node" 2 "$cluster"
meta "$M/cluster" 1 AAAAAAAAAAAAAAAAAAAAAB
printf 'version=7\nbroker.id=1\ncluster.id=%s\n' "$cluster" >"$M/bad/meta.properties"
printf 'version=1\nnode.id=1\ndirectory.id=%s\n' "$orders" >"$M/v1/meta.properties"
part "$M/node" orders-1 10
expect_exit 3 "meta.properties" -- check --log-dir "$M/none" --log-dir "$M/node" \
	--log-dir "$M/cluster" --log-dir "$M/bad" --log-dir "$M/v1" --apply
out_has '^  PROBLEM: .*/none/meta.properties: missing: Kafka refuses to start' "missing"
out_has '^  PROBLEM: .*/node/meta.properties: broker.id is 2, not 1: Kafka refuses to start' "node id"
out_has "^  PROBLEM: .*/cluster/meta.properties: cluster.id AAAAAAAAAAAAAAAAAAAAAB, but the export's is $cluster" "cluster id"
out_has '^  PROBLEM: .*/bad/meta.properties: unknown version 7: Kafka takes the log directory offline' "bad version"
out_has '^  PROBLEM: .*/v1/meta.properties: no cluster.id in a version 1 file' "v1"
out_has '^Changes \(--apply\): none: a log directory itself has problems' "apply refused"
stderr_has 'check-broker: --apply: nothing written' "apply refused"
[ -e "$M/node/orders-1/partition.metadata" ] && fail "--apply wrote despite problems" || ok
meta "$M/d1" 1 "$cluster"
meta "$M/d2" 1 "$other"
expect_exit 3 "cluster ids differ" -- "$ZK2KRAFT" check-broker --export "$T/bare" \
	--node-id 1 --log-dir "$M/d1" --log-dir "$M/d2"
out_has "^  PROBLEM: .*/d2/meta.properties: cluster.id $other differs from $cluster in .*/d1: Kafka refuses to start" "differ"

# e. The export in its forms; pre-2.8 ids from --assign-topic-ids.
P=$T/pre28
pre_cluster=$(sed -n 's/.*"cluster_id": "\([^"]*\)".*/\1/p' "$T/pre/report.json")
meta "$P/d1" 1 "$pre_cluster"
part "$P/d1" payments-0 100
part "$P/d1" clicks-1 100
part "$P/d1" audit-log-0 100 "$(topic_id "$T/pre" audit-log)"
expect_exit 3 "pre-2.8" -- "$ZK2KRAFT" check-broker --export "$T/pre" --node-id 1 --log-dir "$P/d1"
out_has "^Cluster id: $pre_cluster \(from .*/pre/report.json\)$" "cluster id from report.json"
verdict payments-0 needs-partition-metadata
verdict audit-log-0 keep
expect_exit 0 "pre-2.8 --apply" -- "$ZK2KRAFT" check-broker --export "$T/pre/bootstrap.checkpoint" \
	--node-id 1 --log-dir "$P/d1" --apply
pmeta_bytes "$P/d1/payments-0/partition.metadata" "$(topic_id "$T/pre" payments)"
pmeta_bytes "$P/d1/clicks-1/partition.metadata" "$(topic_id "$T/pre" clicks)"
expect_exit 0 "snapshot export" -- "$ZK2KRAFT" -q export \
	-i "$FIXTURES/zk/sample-stopped/dump.json" \
	--password-encoder-secret-file "$T/secret" --meta-properties \
	--node-id 1 --snapshot -o "$T/snap"
expect_exit 0 "against the snapshot export" -- "$ZK2KRAFT" check-broker \
	--export "$T/snap" --node-id 1 --log-dir "$C/d1"
out_has "^Cluster id: $cluster \(from .*/snap/meta.properties\)$" "snapshot cluster id"
snapfile=$(ls "$T/snap/__cluster_metadata-0/"*.checkpoint | head -1)
expect_exit 0 "against the snapshot file" -- "$ZK2KRAFT" check-broker \
	--export "$snapfile" --node-id 1 --log-dir "$C/d1"
out_has "^Cluster id: $cluster \(from .*/snap/meta.properties\)$" "snapshot file cluster id"
expect_exit 0 "no cluster id" -- "$ZK2KRAFT" check-broker --export "$T/bare" --node-id 1 --log-dir "$C/d1"
out_has '^Cluster id: unknown .*cluster.id not compared$' "unknown cluster id"

# f. Errors name the path.
E=$T/broken
meta "$E/d1" 1 "$cluster"
part "$E/d1" orders-0 10
printf 'version: 0\ntopic_id: nope' >"$E/d1/orders-0/partition.metadata"
part "$E/d1" orders-1 10
mkdir "$E/d1/orders-1/partition.metadata"
part "$E/d1" orders-2 10
expect_exit 1 "malformed partition.metadata" -- check --log-dir "$E/d1" --apply
stderr_has "^zk2kraft: check-broker: .*/d1/orders-0/partition.metadata: not a topic id: \"nope\": Kafka cannot read it" "malformed"
stderr_has "^zk2kraft: check-broker: .*/d1/orders-1/partition.metadata: Is a directory$" "unreadable"
verdict orders-0 error
out_has '^Result: +ERROR: 2 could not be read or parsed' "error result"
[ -e "$E/d1/orders-2/partition.metadata" ] && fail "--apply wrote despite errors" || ok
# f. Names and partition.metadata bytes reach stderr escaped as on stdout:
# no terminal escape sequence, no line of their making.
X=$T/escape
meta "$X/d1" 1 "$cluster"
evil=$(printf 'ev\033[2Jil')
part "$X/d1" "$evil-0" 10
printf 'version: 0\ntopic_id: \033]0;owned\007' >"$X/d1/$evil-0/partition.metadata"
forged=$(printf 'x\nFORGED: all is well')
part "$X/d1" "$forged-1" 10
mkdir "$X/d1/$forged-1/partition.metadata"
expect_exit 1 "escaped stderr" -- check --log-dir "$X/d1"
grep -q "$(printf '\033')" "$T/err" && fail "an escape character on stderr" || ok
grep -q "$(printf '\007')" "$T/err" && fail "a bell on stderr" || ok
grep -v '^zk2kraft: ' "$T/err" >"$T/lines"
[ -s "$T/lines" ] && fail "a line not ours on stderr: $(cat "$T/lines")" || ok
stderr_has '/ev\\x1b\[2Jil-0/partition.metadata: not a topic id: "\\x1b]0;owned\\x07"' "escaped name and bytes"
stderr_has '/x\\x0aFORGED: all is well-1/partition.metadata: Is a directory$' "escaped newline"
expect_exit 1 "missing log dir" -- check --log-dir "$T/nonexistent"
stderr_has "^zk2kraft: check-broker: .*/nonexistent: No such file or directory$" "missing log dir"
expect_exit 1 "missing export" -- "$ZK2KRAFT" check-broker --export "$T/nothing" --node-id 1 --log-dir "$C/d1"
stderr_has "nothing" "missing export"
printf 'not json' >"$T/bare/report.json"
expect_exit 1 "bad report.json" -- "$ZK2KRAFT" check-broker --export "$T/bare" --node-id 1 --log-dir "$C/d1"
stderr_has "/bare/report.json: " "bad report.json"

# Usage.
expect_exit 2 "no --node-id" -- "$ZK2KRAFT" check-broker --export "$T/ex" --log-dir "$C/d1"
stderr_has '^usage: zk2kraft check-broker ' "usage"
expect_exit 2 "bad --node-id" -- check --node-id x --log-dir "$C/d1"
expect_exit 2 "negative --node-id" -- "$ZK2KRAFT" check-broker --export "$T/ex" --node-id -1 --log-dir "$C/d1"
expect_exit 2 "no --log-dir" -- check
expect_exit 2 "bad format" -- check --log-dir "$C/d1" -f xml
expect_exit 2 "one dir twice" -- check --log-dir "$C/d1" --log-dir "$C/d1/"
stderr_has 'are one directory' "one dir twice"
expect_exit 2 "an operand" -- check --log-dir "$C/d1" extra
expect_exit 0 "--help" -- "$ZK2KRAFT" check-broker --help
grep -q -- '--apply' "$T/out" && ok || fail "--help lists --apply"
finish

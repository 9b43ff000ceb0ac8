# zk2kraft verify: ZooKeeper against KRaft, field by field.
#  a. every fixture verifies consistent against its own export: the
#     bootstrap.checkpoint, the export directory, a --snapshot export (its
#     directory and its file), also with --strict;
#  b. the kafka39 fixture verifies consistent against the snapshot Kafka
#     3.9 itself wrote (fixtures/kraft/kafka-3.9/snapshot), as a file, as a
#     snapshot directory and as a metadata.log.dir; kafka39's export holds
#     Kafka's records (but ids, directories, registrations); a -m other
#     than the snapshot's is a difference;
#  c. one change at a time to sample-stopped's dump (edited with python3)
#     against the export of the unchanged dump: exit 3 and a report line
#     naming the class, the object, the field and both values (ISR drift
#     and change, leader epoch, replicas, topic config, ACL, quota, SCRAM,
#     topic id, topic deleted, pending deletion and added, broker config,
#     default broker config, encrypted password removed and changed, never
#     shown, delegation token, producer ids higher and lower), and -f json;
#  d. metadata log directories written by tests/migrate/mklog: a segment
#     wholly before the snapshot, an older snapshot and a bootstrap.checkpoint,
#     all ignored; segments after the snapshot with partition changes
#     (drift, counted with --strict), a committed and an aborted metadata
#     transaction (spanning two segments), a transaction left open
#     (reported, not applied), and removal records (topic deleted and
#     created again, ACL, quota, SCRAM, config, token added);
#  e. unreadable input (missing file, empty directory, corrupt CRC in a
#     snapshot or a segment, missing dump) exits 1 naming the file.
. "${srcdir:-.}/lib.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
[ -x "$MKLOG" ] || { echo "no mklog ($MKLOG)"; exit 1; }
printf 'fixture-encoder-secret\n' >"$T/secret"
chmod 600 "$T/secret"
SS=$FIXTURES/zk/sample-stopped
K39=$FIXTURES/zk/kafka39
KSNAP=$FIXTURES/kraft/kafka-3.9/snapshot
KSNAP_FILE=$KSNAP/00000000000000000042-0000000001.checkpoint
sec="--password-encoder-secret-file $T/secret"

# has CLASS TEXT WHAT: the text report ($T/out) has a difference line of
# class CLASS containing TEXT ("topic orders partition 2 isr:").
has() {
	if grep -E "^ +$1 " "$T/out" | grep -Fq -- "$2"; then
		ok
	else
		fail "$3: no '$1' line with '$2' in the report"
		sed -n '/^Differences/,$p' "$T/out" | head -20 | sed 's/^/  /'
	fi
}

# lacks TEXT WHAT: the report does not contain TEXT.
lacks() {
	if grep -Fq -- "$1" "$T/out"; then
		fail "$2: the report contains '$1'"
	else
		ok
	fi
}

# consistent WHAT: the report says so.
consistent() {
	grep -q '^Result: *CONSISTENT' "$T/out" && ok ||
		fail "$1: report does not say CONSISTENT: $(grep '^Result' "$T/out")"
}

# zkedit IN OUT: apply the Python statements on stdin, which use the
# helpers below, to the dump IN (one znode per line: the dump is JSON) and
# write OUT.
cat >"$T/zkedit.py" <<'PY'
import json, sys
dump = json.load(open(sys.argv[1]))
nodes = {z["path"]: z for z in dump["znodes"]}

def data(path):
    return json.loads(nodes[path]["data"])

def put(path, obj):
    nodes[path]["data"] = obj if isinstance(obj, str) else json.dumps(obj, separators=(",", ":"))

def edit(path, **kv):  # set top-level JSON fields
    d = data(path)
    d.update(kv)
    put(path, d)

def config(path, key, value):  # set a config key, or delete it (None)
    d = data(path)
    if value is None:
        del d["config"][key]
    else:
        d["config"][key] = value
    put(path, d)

def version(path, v):  # the dataVersion
    nodes[path]["version"] = v

def delete(path):  # with its subtree
    for p in [p for p in nodes if p == path or p.startswith(path + "/")]:
        del nodes[p]

def add(path, obj=None, v=0):
    z = 0x100000fff
    nodes[path] = {"path": path, "data": None, "version": v, "cversion": 0,
                   "czxid": z, "mzxid": z + v, "pzxid": z, "ephemeral_owner": 0}
    if obj is not None:
        put(path, obj)

exec(sys.stdin.read())
dump["znodes"] = [nodes[p] for p in sorted(nodes, key=lambda s: s.encode())]
json.dump(dump, open(sys.argv[2], "w"))
PY
zkedit() {
	python3 "$T/zkedit.py" "$@" || fail "zkedit $*: failed"
}

# --- a. every fixture against its own export --------------------------------
for dir in "$FIXTURES"/zk/*/; do
	case=$(basename "$dir")
	args=$(sed "s|@SECRET@|$T/secret|g" "$dir/export.args")
	out=$T/a-$case
	expect_exit 0 "$case: export" -- \
	    "$ZK2KRAFT" -q export -i "$dir/dump.json" $args -o "$out"
	expect_exit 0 "$case: export --snapshot" -- \
	    "$ZK2KRAFT" -q export -i "$dir/dump.json" $args --snapshot -o "$out.snap"
	snap=$(ls "$out.snap/__cluster_metadata-0/"*.checkpoint 2>/dev/null | head -1)
	[ -n "$snap" ] && ok || fail "$case: no snapshot written"
	for kraft in "$out/bootstrap.checkpoint" "$out" "$out.snap" $snap; do
		expect_exit 0 "$case: verify against $kraft" -- \
		    "$ZK2KRAFT" verify -i "$dir/dump.json" $args --kraft "$kraft"
		consistent "$case: verify against $kraft"
	done
	# Nothing drifts between a cluster and its own export.
	expect_exit 0 "$case: verify --strict" -- "$ZK2KRAFT" verify \
	    -i "$dir/dump.json" $args --kraft "$out/bootstrap.checkpoint" --strict
	grep -q 'expected-drift' "$T/out" &&
		fail "$case: drift against its own export" || ok
done

# --- b. kafka39 against Kafka's own snapshot --------------------------------
expect_exit 0 "kafka39 vs Kafka's snapshot file" -- "$ZK2KRAFT" verify \
    -i "$K39/dump.json" --kraft "$KSNAP_FILE" --strict
consistent "kafka39 vs Kafka's snapshot file"
grep -q '^metadata.version: 3.9-IV0 (level 21)' "$T/out" && ok ||
	fail "kafka39: metadata.version not taken from Kafka's snapshot"
# 16 records compared, 3 skipped: two registrations and the migration state.
grep -Fq '(16 records applied, 3 not needed)' "$T/out" && ok ||
	fail "kafka39: $(grep '^KRaft:' "$T/out")"
grep -Fq 'Compared: 1 feature, 2 topic, 6 partition, 2 config, 1 quota, 1 scram, 2 acl, 0 token, 1 producer-ids' "$T/out" &&
	ok || fail "kafka39: $(grep '^Compared:' "$T/out")"
mkdir "$T/ksnap"
cp "$KSNAP"/* "$T/ksnap/"
expect_exit 0 "kafka39 vs a copy of Kafka's snapshot directory" -- \
    "$ZK2KRAFT" verify -i "$K39/dump.json" --kraft "$T/ksnap" -m 3.9-IV0
consistent "kafka39 vs Kafka's snapshot directory"
# The fixture itself: the export of kafka39 carries Kafka's records, up to
# what has no ZooKeeper counterpart (broker registrations, ACL ids,
# partition directories, the producer-id block's broker) and record order.
expect_exit 0 "kafka39: export --snapshot" -- "$ZK2KRAFT" -q export \
    -i "$K39/dump.json" --snapshot --snapshot-id 42-1 --timestamp 1700000000000 \
    -o "$T/k39x"
python3 - "$ZK2KRAFT" "$T/k39x/__cluster_metadata-0/00000000000000000042-0000000001.checkpoint" \
    "$KSNAP_FILE" <<'PY' && ok || fail "kafka39: the export's records differ from Kafka's snapshot"
import re, subprocess, sys
def records(path):
    out = subprocess.run([sys.argv[1], "inspect", path], capture_output=True,
                         text=True, check=True).stdout
    r = []
    for line in out.splitlines():
        m = re.match(r"  offset \d+: ([A-Z_]+_RECORD) v\d+: (.*)", line)
        if not m or m.group(1) == "REGISTER_BROKER_RECORD":
            continue
        body = re.sub(r"directories=\[[^\]]*\], ", "", m.group(2))
        body = re.sub(r"AccessControlEntryRecord\(id=[^,]*, ", "AccessControlEntryRecord(", body)
        body = re.sub(r"brokerId=-?\d+, brokerEpoch", "brokerEpoch", body)
        r.append(m.group(1) + " " + body)
    return sorted(r)
a, b = records(sys.argv[2]), records(sys.argv[3])
for x in sorted(set(a) ^ set(b)):
    print("only in", "export" if x in a else "Kafka", x)
sys.exit(0 if a == b and len(a) == 17 else 1)
PY

# The metadata.version is compared too.
expect_exit 3 "kafka39 at 3.8-IV0 vs Kafka's 3.9 snapshot" -- "$ZK2KRAFT" verify \
    -i "$K39/dump.json" -m 3.8-IV0 --kraft "$KSNAP_FILE"
has changed "metadata.version level: zookeeper 20, kraft 21" "metadata.version"
mkdir "$T/kmeta"
cp -r "$T/ksnap" "$T/kmeta/__cluster_metadata-0"
expect_exit 0 "kafka39 vs a metadata.log.dir holding Kafka's snapshot" -- \
    "$ZK2KRAFT" verify -i "$K39/dump.json" --kraft "$T/kmeta"
consistent "kafka39 vs a metadata.log.dir"
# And the other way round: Kafka's snapshot is not sample-stopped.
expect_exit 3 "sample-stopped vs Kafka's snapshot" -- "$ZK2KRAFT" verify \
    -i "$SS/dump.json" $sec --kraft "$KSNAP_FILE"
has missing-in-kraft "topic customer-profiles" "sample-stopped vs Kafka's snapshot"
has extra-in-kraft "topic payments" "sample-stopped vs Kafka's snapshot"
has changed "topic orders id:" "sample-stopped vs Kafka's snapshot"

# --- c. one change at a time -------------------------------------------------
SSX=$T/ss-export
expect_exit 0 "sample-stopped: export" -- \
    "$ZK2KRAFT" -q export -i "$SS/dump.json" $sec -o "$SSX"
KR=$SSX/bootstrap.checkpoint

# check NAME EXIT [verify options]: verify $T/NAME.json against the export.
check() {
	name=$1
	want=$2
	shift 2
	expect_exit "$want" "$name" -- "$ZK2KRAFT" verify -i "$T/$name.json" \
	    $sec --kraft "$KR" "$@"
}

# ISR: a change that came with a higher partition epoch in KRaft is drift
# (orders-2 has ISR [1,2,3] at partition epoch 3; ZooKeeper says [1,2] at
# dataVersion 2): not counted, unless --strict.
zkedit "$SS/dump.json" "$T/isr-drift.json" <<'EOF'
edit("/brokers/topics/orders/partitions/2/state", isr=[1, 2])
version("/brokers/topics/orders/partitions/2/state", 2)
EOF
check isr-drift 0
has expected-drift "topic orders partition 2 isr: zookeeper [1, 2], kraft [1, 2, 3]" "isr drift"
has expected-drift "topic orders partition 2 partition_epoch: zookeeper 2, kraft 3" "isr drift"
grep -q '^Result: *CONSISTENT (2 expected drift' "$T/out" && ok ||
	fail "isr drift: $(grep '^Result' "$T/out")"
check isr-drift 3 --strict
has expected-drift "topic orders partition 2 isr:" "isr drift --strict"
grep -q '^Result: *DIFFERENT: 2 differences' "$T/out" && ok ||
	fail "isr drift --strict: $(grep '^Result' "$T/out")"
# The same ISR change at the same partition epoch is a real difference.
zkedit "$SS/dump.json" "$T/isr.json" <<'EOF'
edit("/brokers/topics/orders/partitions/2/state", isr=[1, 2])
EOF
check isr 3
has changed "topic orders partition 2 isr: zookeeper [1, 2], kraft [1, 2, 3]" "isr"
# KRaft behind ZooKeeper (a lower leader epoch) is no drift either.
zkedit "$SS/dump.json" "$T/lepoch.json" <<'EOF'
edit("/brokers/topics/orders/partitions/2/state", leader_epoch=5)
EOF
check lepoch 3
has changed "topic orders partition 2 leader_epoch: zookeeper 5, kraft 2" "leader epoch"

zkedit "$SS/dump.json" "$T/replicas.json" <<'EOF'
edit("/brokers/topics/orders", partitions={"0": [1, 3, 2], "1": [2, 3, 1], "2": [3, 1, 2]})
EOF
check replicas 3
has changed "topic orders partition 0 replicas: zookeeper [1, 3, 2], kraft [1, 2, 3]" "replicas"

zkedit "$SS/dump.json" "$T/topic-config.json" <<'EOF'
config("/config/topics/orders", "retention.ms", "86400000")
EOF
check topic-config 3
has changed "topic orders config retention.ms value: zookeeper 86400000, kraft 604800000" "topic config"

zkedit "$SS/dump.json" "$T/acl.json" <<'EOF'
put("/kafka-acl/Group/order-processors", '{"acls":[{"principal":"User:bob","permissionType":"Allow","host":"*","operation":"Read"}],"version":1}')
EOF
check acl 3
has missing-in-kraft "order-processors: User:bob ALLOW READ from *" "acl"
has extra-in-kraft "order-processors: User:alice ALLOW READ from *" "acl"
[ "$(grep -cE '^ +(missing-in-kraft|extra-in-kraft|changed) ' "$T/out")" = 2 ] &&
	ok || fail "acl: not exactly one missing and one extra"

zkedit "$SS/dump.json" "$T/quota.json" <<'EOF'
config("/config/clients/reporting-app", "consumer_byte_rate", "524289")
EOF
check quota 3
has changed "quota client-id=reporting-app consumer_byte_rate value: zookeeper 524289.0, kraft 524288.0" "quota"

zkedit "$SS/dump.json" "$T/scram.json" <<'EOF'
d = data("/config/users/alice")
config("/config/users/alice", "SCRAM-SHA-512",
       d["config"]["SCRAM-SHA-512"].replace("iterations=4096", "iterations=8192"))
EOF
check scram 3
has changed "user alice SCRAM-SHA-512 iterations: zookeeper 8192, kraft 4096" "scram"
lacks "q4EuabeJ9dBC6YI1HPk4a5Fr0hoRK26c9nG03BjslTrWi13ySfjfaegkz31uHbSWkM9Aty2E7lPkR7B7n1wCxA==" "scram"

zkedit "$SS/dump.json" "$T/topic-id.json" <<'EOF'
edit("/brokers/topics/orders", topic_id="ZnJlc2gtdG9waWMuLi4uLg")
EOF
check topic-id 3
has changed "topic orders id: zookeeper ZnJlc2gtdG9waWMuLi4uLg, kraft _We0fIl8RTmN7v4rgZ1Clw" "topic id"

# A topic gone from ZooKeeper is extra in KRaft, its configs too.
zkedit "$SS/dump.json" "$T/deleted.json" <<'EOF'
delete("/brokers/topics/customer-profiles")
delete("/config/topics/customer-profiles")
EOF
check deleted 3
has extra-in-kraft "topic customer-profiles:" "deleted topic"
has extra-in-kraft "topic customer-profiles config cleanup.policy" "deleted topic"
# So is one marked for deletion: Kafka's migration skips it.
zkedit "$SS/dump.json" "$T/pending.json" <<'EOF'
add("/admin/delete_topics/customer-profiles")
EOF
check pending 3
has extra-in-kraft "topic customer-profiles:" "topic pending deletion"

zkedit "$SS/dump.json" "$T/added.json" <<'EOF'
add("/brokers/topics/fresh", {"partitions": {"0": [1, 2]}, "topic_id": "ZnJlc2gtdG9waWMuLi4uLg",
    "adding_replicas": {}, "removing_replicas": {}, "version": 3})
add("/brokers/topics/fresh/partitions")
add("/brokers/topics/fresh/partitions/0")
add("/brokers/topics/fresh/partitions/0/state",
    {"controller_epoch": 3, "leader": 1, "version": 1, "leader_epoch": 0, "isr": [1, 2]})
EOF
check added 3
has missing-in-kraft "topic fresh: zookeeper id ZnJlc2gtdG9waWMuLi4uLg, 1 partitions" "added topic"

zkedit "$SS/dump.json" "$T/broker-config.json" <<'EOF'
config("/config/brokers/2", "log.cleaner.threads", "5")
EOF
check broker-config 3
has changed "broker 2 config log.cleaner.threads value: zookeeper 5, kraft 4" "broker config"
zkedit "$SS/dump.json" "$T/default-config.json" <<'EOF'
config("/config/brokers/<default>", "log.retention.ms", None)
EOF
check default-config 3
has extra-in-kraft "broker <default> config log.retention.ms: zookeeper (none), kraft 259200000" "default broker config"

# The encrypted password: compared in plaintext, never shown.
zkedit "$SS/dump.json" "$T/password-gone.json" <<'EOF'
config("/config/brokers/2", "listener.name.external.ssl.keystore.password", None)
EOF
check password-gone 3
has extra-in-kraft "broker 2 config listener.name.external.ssl.keystore.password: zookeeper (none), kraft [redacted]" "password removed"
lacks "ext-keystore-pass" "password removed"
if command -v openssl >/dev/null; then
	# Re-encrypted (same salt and IV, the fixture's secret) with another
	# plaintext.
	zkedit "$SS/dump.json" "$T/password.json" <<'EOF'
import base64, hashlib, subprocess
p = "/config/brokers/2"
k = "listener.name.external.ssl.keystore.password"
enc = dict(x.rsplit(":", 1) for x in data(p)["config"][k].split(","))
key = hashlib.pbkdf2_hmac("sha512", b"fixture-encoder-secret",
                          base64.b64decode(enc["salt"]), 4096, 16)
ct = subprocess.run(["openssl", "enc", "-e", "-aes-128-cbc", "-K", key.hex(),
                     "-iv", base64.b64decode(enc["initializationVector"]).hex()],
                    input=b"other-keystore-pass", capture_output=True, check=True).stdout
enc["encryptedPassword"] = base64.b64encode(ct).decode()
enc["passwordLength"] = "19"
config(p, k, ",".join(a + ":" + b for a, b in enc.items()))
EOF
	check password 3
	has changed "broker 2 config listener.name.external.ssl.keystore.password value: zookeeper [redacted, differs], kraft [redacted, differs]" "password"
	lacks "ext-keystore-pass" "password"
	lacks "other-keystore-pass" "password"
fi

zkedit "$SS/dump.json" "$T/token.json" <<'EOF'
edit("/delegation_token/tokens/ltg6bm1bR7WN5hxbvKr6AA", expiryTimestamp=1729572800000)
EOF
check token 3
has changed "token ltg6bm1bR7WN5hxbvKr6AA expiration_timestamp: zookeeper 1729572800000, kraft 1729486400000" "token"

# Producer ids: KRaft below ZooKeeper would hand ids out again; above is
# KRaft allocating since.
zkedit "$SS/dump.json" "$T/pid-higher.json" <<'EOF'
edit("/latest_producer_id_block", block_start="3000", block_end="3999")
EOF
check pid-higher 3
has changed "producer ids next_producer_id: zookeeper 4000, kraft 3000" "producer ids higher in ZooKeeper"
zkedit "$SS/dump.json" "$T/pid-lower.json" <<'EOF'
edit("/latest_producer_id_block", block_start="1000", block_end="1999")
EOF
check pid-lower 0 --strict
consistent "producer ids lower in ZooKeeper"

# Several at once, as JSON.
zkedit "$SS/dump.json" "$T/json.json" <<'EOF'
config("/config/topics/orders", "retention.ms", "1")
edit("/brokers/topics/orders/partitions/2/state", isr=[1, 2])
version("/brokers/topics/orders/partitions/2/state", 2)
delete("/brokers/topics/customer-profiles")
EOF
check json 3 -f json
python3 - "$T/out" <<'PY' && ok || fail "-f json: not the differences wanted"
import json, sys
r = json.load(open(sys.argv[1]))
d = {(x["class"], x["object"], x["field"]): (x["zookeeper"], x["kraft"])
     for x in r["differences"]}
want = {
    ("changed", "topic orders config retention.ms", "value"): ("1", "604800000"),
    ("expected-drift", "topic orders partition 2", "isr"): ("[1, 2]", "[1, 2, 3]"),
    ("expected-drift", "topic orders partition 2", "partition_epoch"): ("2", "3"),
}
ok = r["result"] == "different" and r["strict"] is False
for k, v in want.items():
    ok = ok and d.get(k) == v
ok = ok and d.get(("extra-in-kraft", "topic customer-profiles", None), ("",))[0] is None
counts = {}
for x in r["differences"]:
    counts[x["class"]] = counts.get(x["class"], 0) + 1
ok = ok and all(r["counts"].get(c, 0) == n for c, n in counts.items())
ok = ok and r["kraft"]["metadata_version"] == 21
if not ok:
    json.dump(r, sys.stdout, indent=1)
sys.exit(0 if ok else 1)
PY
expect_exit 0 "consistent, -f json" -- "$ZK2KRAFT" verify -i "$SS/dump.json" \
    $sec --kraft "$KR" -f json
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["result"] == "consistent" and r["differences"] == [] else 1)' \
    "$T/out" && ok || fail "consistent -f json: $(head -c 300 "$T/out")"

# --- d. a metadata log directory ------------------------------------------------
# The KRaft side of kafka39 as a controller's metadata.log.dir: records in
# a segment wholly before the snapshot (a ghost topic) and a stale
# bootstrap.checkpoint (another ghost) must be ignored; after the snapshot
# at offset 8, an ISR shrink of payments-0 and a leader change of orders-1
# (drift), a committed transaction setting payments' retention.ms, an
# aborted one that removes orders and changes that config again.
P=dG9waWMtcGF5bWVudHMuLg
O=dG9waWMtb3JkZXJzLi4uLg
G=Z2hvc3QtdG9waWMuLi4uLg
M=$T/meta
mkdir -p "$M/__cluster_metadata-0"
cat >"$T/base.spec" <<EOF
feature metadata.version 21
zkmigration 0
registerbroker 1 epoch 5
registerbroker 2 epoch 7
topic payments $P
partition $P 0 replicas=2,1 isr=2,1 leader=2
partition $P 1 replicas=1,2 isr=1,2 leader=1
partition $P 2 replicas=2,1 isr=2 leader=2 lepoch=1 pepoch=2
topic orders $O
partition $O 0 replicas=1,2
partition $O 1 replicas=2,1
partition $O 2 replicas=1,2
config broker 1 log.cleaner.threads 2
config topic orders retention.ms 86400000
quota user=alice producer_byte_rate 1048576
producerids 1000
acl YWNsLTEuLi4uLi4uLi4uLg topic orders literal User:alice * read allow
acl YWNsLTIuLi4uLi4uLi4uLg group orders- prefixed User:alice * read allow
scram alice SCRAM-SHA-256 c2FsdC1mb3ItYWxpY2U= ja3SBAWNDSj+etO7E4Blks4V8U0b6Qo+rOdJhi1XZmo= J0OaRuFTD8J/Zc9CkVf23INBG1nau3Uocpe8aLz3KFE= 4096
EOF
{
	echo "snapshot bootstrap.checkpoint"
	echo "feature metadata.version 21"
	echo "topic stale-bootstrap $G"
	echo "end"
} | "$MKLOG" -C "$M" && ok || fail "mklog: bootstrap.checkpoint"
{
	cat <<EOF
# offsets 0..7: before the snapshot
segment 00000000000000000000.log
batch epoch 1
feature metadata.version 21
topic ghost $G
partition $G 0 replicas=1
config topic orders retention.ms 1
batch
noop
leaderchange 3000
noop
removetopic $O
snapshot 00000000000000000008-0000000001.checkpoint
EOF
	cat "$T/base.spec"
	cat <<EOF
end
segment 00000000000000000008.log
batch epoch 1
registerbroker 1 epoch 8
registerbroker 2 epoch 9
noop
leaderchange 3000
batch epoch 2
change $P 0 isr=2
change $O 1 isr=1 leader=1
batch
begin committed
config topic payments retention.ms 1000
endtx
# offsets 17..21: the aborted transaction spans two segments
segment 00000000000000000017.log
batch
begin doomed
removetopic $O
segment 00000000000000000019.log
batch
config topic payments retention.ms 2
abort rolled back
noop
EOF
} | "$MKLOG" -C "$M/__cluster_metadata-0" && ok || fail "mklog: the log"
# An older snapshot, which must not be the one read.
cat <<EOF | "$MKLOG" -C "$M/__cluster_metadata-0" && ok || fail "mklog: old snapshot"
snapshot 00000000000000000004-0000000001.checkpoint
feature metadata.version 21
topic ghost-old-snapshot $G
end
EOF
# What else Kafka keeps there.
printf '0\n1\n1 0\n2 12\n' >"$M/__cluster_metadata-0/leader-epoch-checkpoint"
printf '{"clusterId":"","leaderId":3000,"leaderEpoch":2,"votedId":-1,"appliedOffset":0,"currentVoters":[{"voterId":3000}],"data_version":0}\n' \
    >"$M/__cluster_metadata-0/quorum-state"
printf 'version: 0\ntopic_id: AAAAAAAAAAAAAAAAAAAAAQ\n' >"$M/__cluster_metadata-0/partition.metadata"
: >"$M/__cluster_metadata-0/00000000000000000017.index"
: >"$M/__cluster_metadata-0/00000000000000000017.timeindex"
printf 'version=1\nnode.id=3000\nprocess.roles=controller\ncluster.id=MkU3OEVBNTcwNTJENDM2Qg\n' >"$M/meta.properties"
expect_exit 0 "mklog log: inspect" -- "$ZK2KRAFT" inspect "$M"

# The matching ZooKeeper side: kafka39 plus the committed config.
zkedit "$K39/dump.json" "$T/k39-log.json" <<'EOF'
config("/config/topics/payments", "retention.ms", "1000")
EOF
for kraft in "$M" "$M/__cluster_metadata-0"; do
	expect_exit 0 "log dir $kraft" -- "$ZK2KRAFT" verify \
	    -i "$T/k39-log.json" --kraft "$kraft"
	consistent "log dir $kraft"
	has expected-drift "topic payments partition 0 isr: zookeeper [2, 1], kraft [2]" "log: ISR shrink"
	has expected-drift "topic payments partition 0 partition_epoch: zookeeper 0, kraft 1" "log: ISR shrink"
	has expected-drift "topic orders partition 1 leader: zookeeper 2, kraft 1" "log: leader change"
	has expected-drift "topic orders partition 1 leader_epoch: zookeeper 0, kraft 1" "log: leader change"
	lacks "ghost" "log: records before the snapshot, an older snapshot"
	lacks "stale-bootstrap" "log: bootstrap.checkpoint of a log with records"
	lacks "still open" "log: no open transaction"
	grep -Eq '^KRaft:.* [0-9]+ in aborted transactions' "$T/out" && ok ||
		fail "log: aborted records not reported: $(grep '^KRaft:' "$T/out")"
done
expect_exit 3 "log dir --strict" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$M" --strict
grep -q '^Result: *DIFFERENT: 6 differences (6 expected drift, counted with --strict)' "$T/out" &&
	ok || fail "log dir --strict: $(grep '^Result' "$T/out")"
# The snapshot alone lacks the later changes; kafka39 itself lacks the
# committed config.
expect_exit 3 "log: snapshot only" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$M/__cluster_metadata-0/00000000000000000008-0000000001.checkpoint"
has missing-in-kraft "topic payments config retention.ms: zookeeper 1000" "log: snapshot only"
expect_exit 3 "log vs kafka39" -- "$ZK2KRAFT" verify -i "$K39/dump.json" --kraft "$M"
has extra-in-kraft "topic payments config retention.ms: zookeeper (none), kraft 1000" "log vs kafka39"
expect_exit 0 "log: -f json" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$M" -f json
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
k = r["kraft"]
sys.exit(0 if r["result"] == "consistent" and k["records_aborted"] > 0
         and k["open_transaction"] is None and k["metadata_version"] == 21 else 1)' \
    "$T/out" && ok || fail "log -f json: $(head -c 600 "$T/out")"

# A transaction still open at the end: reported, its records not applied.
cp -r "$M" "$T/open"
cat <<EOF | "$MKLOG" -C "$T/open/__cluster_metadata-0" && ok || fail "mklog: open"
segment 00000000000000000022.log
batch epoch 2
noop
begin unfinished
config topic orders retention.ms 5
removetopic $P
batch
config broker 1 log.cleaner.threads 9
EOF
expect_exit 0 "open transaction" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$T/open"
grep -Eq 'transaction begun at offset 23 is still open' "$T/out" && ok ||
	fail "open transaction: not reported: $(head -8 "$T/out")"
consistent "open transaction"
lacks "retention.ms" "open transaction: its config applied"
lacks "log.cleaner.threads" "open transaction: its config applied"
expect_exit 0 "open transaction -f json" -- "$ZK2KRAFT" verify \
    -i "$T/k39-log.json" --kraft "$T/open" -f json
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["kraft"]["open_transaction"] == 23 else 1)' "$T/out" && ok ||
	fail "open transaction -f json: $(grep open_transaction "$T/out")"

# Removal records and re-creation: orders deleted and created again with
# another id and config (its old config goes with it), an ACL, a quota
# key, a SCRAM credential and a broker config removed, a quota key and a
# delegation token added, producer ids allocated.
N=b3JkZXJzLWFnYWluLi4uLg
cp -r "$M" "$T/churn"
cat <<EOF | "$MKLOG" -C "$T/churn/__cluster_metadata-0" && ok || fail "mklog: churn"
segment 00000000000000000022.log
batch epoch 3
removetopic $O
topic orders $N
partition $N 0 replicas=1,2
partition $N 1 replicas=2,1 isr=2 leader=2
config topic orders cleanup.policy compact
batch
removeacl YWNsLTIuLi4uLi4uLi4uLg
quota user=alice producer_byte_rate -
quota user=alice consumer_byte_rate 2048
removescram alice SCRAM-SHA-256
config broker 1 log.cleaner.threads -
token dG9rZW4tMS4uLi4uLi4uLg User:alice User:alice User:bob 1729400000000 1730004800000 1729486400000
producerids 5000
EOF
zkedit "$T/k39-log.json" "$T/churn.json" <<EOF
for p in [0, 1, 2]:
    delete("/brokers/topics/orders/partitions/%d" % p)
edit("/brokers/topics/orders", topic_id="$N", partitions={"0": [1, 2], "1": [2, 1]})
add("/brokers/topics/orders/partitions/0")
add("/brokers/topics/orders/partitions/0/state",
    {"controller_epoch": 2, "leader": 1, "version": 1, "leader_epoch": 0, "isr": [1, 2]})
add("/brokers/topics/orders/partitions/1")
add("/brokers/topics/orders/partitions/1/state",
    {"controller_epoch": 2, "leader": 2, "version": 1, "leader_epoch": 0, "isr": [2]})
put("/config/topics/orders", {"version": 1, "config": {"cleanup.policy": "compact"}})
delete("/kafka-acl-extended/prefixed/Group/orders-")
put("/config/users/alice", {"version": 1, "config": {"consumer_byte_rate": "2048"}})
put("/config/brokers/1", {"version": 1, "config": {}})
add("/delegation_token")
add("/delegation_token/tokens")
add("/delegation_token/tokens/dG9rZW4tMS4uLi4uLi4uLg",
    {"issueTimestamp": 1729400000000, "renewers": ["User%3Abob"], "tokenRequester": "User%3Aalice",
     "tokenId": "dG9rZW4tMS4uLi4uLi4uLg", "owner": "User%3Aalice", "expiryTimestamp": 1729486400000,
     "maxTimestamp": 1730004800000, "version": 3})
EOF
expect_exit 0 "churn" -- "$ZK2KRAFT" verify -i "$T/churn.json" --kraft "$T/churn"
consistent "churn"
lacks "orders config" "churn: the old topic's config"
lacks "topic orders partition 2" "churn: the old topic's partitions"
# Against the state before the churn, each removal shows.
expect_exit 3 "churn vs before" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$T/churn"
has changed "topic orders id: zookeeper $O, kraft $N" "churn vs before"
has missing-in-kraft "topic orders partition 2:" "churn vs before"
has missing-in-kraft "topic orders config retention.ms: zookeeper 86400000, kraft (none)" "churn vs before"
has extra-in-kraft "topic orders config cleanup.policy: zookeeper (none), kraft compact" "churn vs before"
has missing-in-kraft "acl GROUP PREFIXED orders-: User:alice ALLOW READ from *" "churn vs before"
has missing-in-kraft "quota user=alice producer_byte_rate: zookeeper 1048576.0, kraft (none)" "churn vs before"
has extra-in-kraft "quota user=alice consumer_byte_rate: zookeeper (none), kraft 2048.0" "churn vs before"
has missing-in-kraft "user alice SCRAM-SHA-256: zookeeper [redacted], kraft (none)" "churn vs before"
has missing-in-kraft "broker 1 config log.cleaner.threads: zookeeper 2, kraft (none)" "churn vs before"
has extra-in-kraft "token dG9rZW4tMS4uLi4uLi4uLg: zookeeper (none), kraft User:alice" "churn vs before"
lacks "producer ids" "churn vs before: producer ids allocated since"

# --- e. unreadable input --------------------------------------------------------
expect_exit 1 "missing --kraft file" -- "$ZK2KRAFT" verify -i "$K39/dump.json" \
    --kraft "$T/nope/00000000000000000042-0000000001.checkpoint"
stderr_has "$T/nope/00000000000000000042-0000000001.checkpoint" "missing --kraft file"
[ -s "$T/out" ] && fail "missing --kraft file: a report on stdout" || ok
mkdir "$T/empty-dir"
expect_exit 1 "empty directory" -- "$ZK2KRAFT" verify -i "$K39/dump.json" \
    --kraft "$T/empty-dir"
stderr_has "$T/empty-dir" "empty directory"
mkdir "$T/bad"
cp "$KSNAP_FILE" "$T/bad/"
BAD=$T/bad/00000000000000000042-0000000001.checkpoint
chmod u+w "$BAD"
# Flip a byte inside the data batch's records.
python3 -c 'import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[400] ^= 0x01
open(p, "wb").write(b)' "$BAD"
expect_exit 1 "corrupt CRC" -- "$ZK2KRAFT" verify -i "$K39/dump.json" --kraft "$BAD"
stderr_has "$BAD" "corrupt CRC"
stderr_has '[Cc][Rr][Cc]' "corrupt CRC"
expect_exit 1 "corrupt snapshot in a directory" -- "$ZK2KRAFT" verify \
    -i "$K39/dump.json" --kraft "$T/bad"
stderr_has "$BAD" "corrupt snapshot in a directory"
cp -r "$M" "$T/badlog"
SEG=$T/badlog/__cluster_metadata-0/00000000000000000008.log
python3 -c 'import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[-10] ^= 0x40
open(p, "wb").write(b)' "$SEG"
expect_exit 1 "corrupt segment" -- "$ZK2KRAFT" verify -i "$T/k39-log.json" \
    --kraft "$T/badlog"
stderr_has "$SEG" "corrupt segment"
expect_exit 1 "missing dump" -- "$ZK2KRAFT" verify -i "$T/nope.json" --kraft "$KSNAP_FILE"
stderr_has "$T/nope.json" "missing dump"
expect_exit 2 "no --kraft" -- "$ZK2KRAFT" verify -i "$K39/dump.json"

# A migrated PartitionRecord at ZooKeeper's own epochs is not drift: its
# leader must be ZooKeeper's (tests/kafka/break-leader.py is the
# real-Kafka scenarios' broken export).
R=$FIXTURES/zk/reassignment
rargs=$(sed "s|@SECRET@|$T/secret|g" "$R/export.args")
# shellcheck disable=SC2086
"$ZK2KRAFT" -q export -i "$R/dump.json" $rargs -o "$T/brk" ||
	fail "export reassignment"
expect_exit 0 "reassignment export" -- "$ZK2KRAFT" verify -i "$R/dump.json" \
    $rargs --kraft "$T/brk"
python3 "$TOP_SRCDIR/tests/kafka/break-leader.py" "$T/brk/bootstrap.checkpoint" \
    >/dev/null || fail "break-leader.py"
expect_exit 3 "a migrated leader changed" -- "$ZK2KRAFT" verify \
    -i "$R/dump.json" $rargs --kraft "$T/brk"
grep -q 'changed .*partition 0 leader (as migrated): zookeeper 1, kraft 4' \
    "$T/out" && ok || fail "no 'leader (as migrated)' difference: $(cat "$T/out")"

# --elect-leaders: every partition without a leader (the ISR kept); verify
# with the option finds it consistent, without it names each leader.
S39=$FIXTURES/zk/sample-stopped
"$ZK2KRAFT" -q export -i "$S39/dump.json" $sec --elect-leaders -o "$T/el" ||
	fail "export --elect-leaders"
"$ZK2KRAFT" inspect "$T/el/bootstrap.checkpoint" >"$T/el.txt"
if grep 'PARTITION_RECORD' "$T/el.txt" | grep -qv 'leader=-1,'; then
	fail "--elect-leaders left a leader"
else
	ok
fi
grep -q 'PARTITION_RECORD.*isr=\[3, 1, 2\]' "$T/el.txt" && ok ||
	fail "--elect-leaders lost the ISR"
expect_exit 0 "verify --elect-leaders" -- "$ZK2KRAFT" verify -i "$S39/dump.json" \
    $sec --elect-leaders --kraft "$T/el"
expect_exit 3 "verify without --elect-leaders" -- "$ZK2KRAFT" verify \
    -i "$S39/dump.json" $sec --kraft "$T/el"
grep -q 'leader (as migrated): zookeeper 3, kraft -1' "$T/out" && ok ||
	fail "no leader difference without --elect-leaders"

# What verify does not compare is named; a record it compares, at a
# version it cannot decode, is refused rather than left out.
expect_exit 0 "records not compared" -- "$ZK2KRAFT" verify -i "$K39/dump.json" \
    --kraft "$KSNAP_FILE"
grep -q '^Not compared: *RegisterBrokerRecord 2, ZkMigrationStateRecord 1 (' \
    "$T/out" && ok || fail "no 'Not compared' line: $(cat "$T/out")"
"$ZK2KRAFT" -q export -i "$R/dump.json" $rargs -o "$T/v9" ||
	fail "export reassignment"
python3 - "$T/v9/bootstrap.checkpoint" <<'PY'
import os, struct, sys
sys.path.insert(0, os.path.join(os.environ["TOP_SRCDIR"], "tests", "kraft"))
import kcheck
path = sys.argv[1]
buf = bytearray(open(path, "rb").read())
for b in kcheck.parse_batches(buf):
    if b["control"]:
        continue
    for pos, _key, value in b["records"]:
        if value[1] == 3:  # PartitionRecord: frame, api key, version
            at = buf.find(value, pos)
            buf[at + 2] = 9
            length = struct.unpack_from(">i", buf, b["pos"] + 8)[0]
            end = b["pos"] + 12 + length
            struct.pack_into(">I", buf, b["pos"] + 17,
                             kcheck.crc32c(bytes(buf[b["pos"] + 21:end])))
            open(path, "wb").write(buf)
            sys.exit(0)
sys.exit(1)
PY
[ $? -eq 0 ] || fail "cannot make a PartitionRecord v9"
expect_exit 1 "a compared record at an unknown version" -- "$ZK2KRAFT" verify \
    -i "$R/dump.json" $rargs --kraft "$T/v9"
stderr_has 'PartitionRecord v9: a record verify compares, at a version this release cannot decode' \
    "a compared record at an unknown version"
finish

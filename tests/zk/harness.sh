# The integration-test harness itself: zk/server.sh starts a real
# ZooKeeper, zkload loads fixture dumps into it, and ZooKeeper's own Java
# client and four-letter words (not the C client that zkload and zk2kraft
# share) see the data, the dataVersions, the ACLs and the ephemeral znodes,
# which live exactly as long as zkload --hold.  Every committed dump under
# fixtures/zk must load: zkload reads them independently of src/tree.c.
. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
F=$FIXTURES/zk

# mntr KEY: one number from the "mntr" four-letter word
mntr() {
	zk_4lw mntr | awk -v k="$1" '$1 == k { print $2 }'
}

# wait_count KEY N: the server applies a session close asynchronously
wait_count() {
	n=0
	while [ "$(mntr "$1")" != "$2" ] && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(mntr "$1")" = "$2" ]
}

# the data column of a znode in a fixture's znodes.txt
fixture_data() {
	grep "^$2 " "$F/$1/znodes.txt" | cut -d' ' -f4-
}

# Each committed dump is what tools/znodes2dump.py makes of its znodes.txt
# (where python3 and the tool, which tarballs may lack, are there).
tool=$TOP_SRCDIR/tools/znodes2dump.py
if command -v python3 >/dev/null && [ -f "$tool" ]; then
	for d in "$F"/*/; do
		# A dump taken from a real cluster is its own source.
		[ -f "$d/znodes.txt" ] || continue
		python3 "$tool" -c "$d/dump.json" "$d/znodes.txt" && ok ||
		    fail "$d/dump.json is stale"
	done
fi

[ -x "$ZKLOAD" ] || { echo "no zkload ($ZKLOAD)"; exit 1; }
zk_start
base=$(mntr zk_znode_count)
zxid0=$(zk_zxid)

# The sample cluster, held: its 4 ephemeral znodes live on zkload's session.
mkfifo "$T/hold"
"$ZKLOAD" -z "$ZK_CONNECT" -p /t --hold "$F/sample/dump.json" \
    <"$T/hold" >"$T/held" 2>"$T/held.err" &
holder=$!
exec 9>"$T/hold"
n=0
while ! grep -qx ready "$T/held" && kill -0 $holder 2>/dev/null &&
    [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
grep -qx ready "$T/held" && ok || fail "zkload --hold: no ready: $(cat "$T/held.err")"
[ "$(mntr zk_ephemerals_count)" = 4 ] && ok ||
    fail "held: $(mntr zk_ephemerals_count) ephemerals, want 4"
[ "$(mntr zk_znode_count)" = $((base + 90)) ] && ok ||
    fail "held: $(mntr zk_znode_count) znodes, want $base + 90"
zk_4lw dump >"$T/dump4lw"
for p in /t/brokers/ids/1 /t/brokers/ids/2 /t/brokers/ids/3 /t/controller; do
	grep -qx "[[:space:]]*$p" "$T/dump4lw" && ok ||
	    fail "held: $p not among the ephemerals: $(cat "$T/dump4lw")"
done
zxid1=$(zk_zxid)
[ "$zxid1" -gt "$zxid0" ] && ok || fail "zk_zxid: $zxid0, then $zxid1"

# Every fixture loads (a second pass over the dump format), each under its
# own prefix; --multi on one of them.
nodes=$((base + 90))
for d in "$F"/*/; do
	c=$(basename "$d")
	multi=
	[ "$c" = quotas ] && multi="--multi 7"
	# shellcheck disable=SC2086
	expect_exit 0 "load $c" -- "$ZKLOAD" -z "$ZK_CONNECT" -p "/f/$c" $multi \
	    "$d/dump.json"
	lines=$(($(wc -l <"$d/dump.json") - 2))
	eph=$(grep -c '"ephemeral_owner":[1-9]' "$d/dump.json")
	nodes=$((nodes + lines - eph))
done
nodes=$((nodes + 1)) # /f
[ "$(mntr zk_znode_count)" = $nodes ] && ok ||
    fail "fixtures: $(mntr zk_znode_count) znodes, want $nodes"

# A Kafka-style protected subtree: CREATOR_ALL for the digest user only.
expect_exit 0 "load protected" -- "$ZKLOAD" -z "$ZK_CONNECT" -p /p \
    --digest kafka:broker-secret --protect /config/users \
    "$F/sample-stopped/dump.json"
expect_exit 2 "--protect without --digest" -- "$ZKLOAD" -z "$ZK_CONNECT" \
    -p /q --protect /config/users "$F/sample-stopped/dump.json"

# The generator: 1 prefix + 17 startup znodes + 5 + 3 broker configs +
# 3 topics * (topic + partitions + 4 * 2 + config)
expect_exit 0 "generate" -- "$ZKLOAD" -z "$ZK_CONNECT" -p /g/h \
    --generate 3:4
[ "$(cat "$T/out")" = 59 ] && ok || fail "generate: printed $(cat "$T/out"), want 59"
# --dump writes the same tree without a server, as a canonical dump: the
# same paths and payloads as a dump of the loaded one (not the same
# zxids), and zk2kraft dump -i gives back its bytes.
expect_exit 0 "generate --dump" -- "$ZKLOAD" -p /g/h --generate 3:4 \
    --dump "$T/gen.json"
"$ZK2KRAFT" -q dump -z "$ZK_CONNECT/g/h" -o "$T/live.json" &&
    sed 's/,"version":[0-9].*//' "$T/gen.json" >"$T/gen.paths" &&
    sed 's/,"version":[0-9].*//' "$T/live.json" >"$T/live.paths" &&
    cmp "$T/gen.paths" "$T/live.paths" && ok || fail "generate --dump differs"
"$ZK2KRAFT" -q dump -i "$T/gen.json" -o "$T/again.json" &&
    cmp "$T/gen.json" "$T/again.json" && ok || fail "generate --dump not canonical"
expect_exit 2 "--dump with a server" -- "$ZKLOAD" -z "$ZK_CONNECT" \
    --generate 3:4 --dump "$T/x.json"

# ZooKeeper's Java client reads it all back (one JVM for all the checks).
cat >"$T/cli.in" <<EOF
get /t/brokers/topics/orders
stat /t/brokers/topics/orders/partitions/2/state
stat /t/brokers/ids/2
get /t/admin
get /f/chroot/other-app/empty
stat /f/chroot/other-app/blob
get /g/h/brokers/topics/t00002/partitions/3/state
get /p/config/users/alice
getAcl /p/config/topics/orders
addauth digest kafka:broker-secret
getAcl /p/config/users/alice
get /p/config/users/alice
EOF
zk_cli <"$T/cli.in" >"$T/cli" 2>&1
grep -Fqx "$(fixture_data sample /brokers/topics/orders)" "$T/cli" && ok ||
    fail "zkCli get orders: $(cat "$T/cli")"
grep -qx 'dataVersion = 3' "$T/cli" && ok || fail "dataVersion of orders-2 state"
grep -q '^ephemeralOwner = 0x[1-9a-f]' "$T/cli" && ok ||
    fail "/t/brokers/ids/2 is not ephemeral"
grep -qx 'null' "$T/cli" && ok || fail "null data of /t/admin"
grep -qx 'dataLength = 9' "$T/cli" && ok || fail "binary data of /other-app/blob"
grep -qx '{"controller_epoch":1,"leader":6,"version":1,"leader_epoch":0,"isr":\[6,1,2\]}' \
    "$T/cli" && ok || fail "generated state"
grep -q "^'digest,'kafka:" "$T/cli" && ok || fail "protected ACL: $(cat "$T/cli")"
grep -q "^Insufficient permission : /p/config/users/alice" "$T/cli" && ok ||
    fail "protected znode readable without auth"
grep -q "^'world,'anyone" "$T/cli" && ok || fail "unprotected ACL"
grep -Fqx "$(fixture_data sample-stopped /config/users/alice)" "$T/cli" && ok ||
    fail "protected znode unreadable with auth"

# Stopped and resumed: the process is frozen in between.
zk_pause && ok || fail "zk_pause"
ZK_4LW_TIMEOUT=1
zk_4lw ruok >/dev/null && fail "paused, but answers" || ok
ZK_4LW_TIMEOUT=5
zk_resume && ok || fail "zk_resume"
[ "$(zk_4lw ruok)" = imok ] && ok || fail "resumed, but does not answer"

# A crash and restart: the data is back, and so is the held session with
# its ephemeral znodes once zkload has reconnected (the connection counted
# besides it is the "mntr" one asking).
before=$(mntr zk_znode_count)
zk_restart -KILL && ok || fail "zk_restart"
[ "$(mntr zk_znode_count)" = "$before" ] && ok ||
    fail "restarted: $(mntr zk_znode_count) znodes, want $before"
wait_count zk_num_alive_connections 2 && ok || fail "holder did not reconnect"
[ "$(mntr zk_ephemerals_count)" = 4 ] && ok ||
    fail "restarted: $(mntr zk_ephemerals_count) ephemerals, want 4"

# The holder goes: so do its ephemeral znodes, and nothing else.
exec 9>&-
wait $holder
rc=$?
[ $rc -eq 0 ] && ok || fail "zkload --hold: exit $rc: $(cat "$T/held.err")"
wait_count zk_ephemerals_count 0 && ok ||
    fail "released: $(mntr zk_ephemerals_count) ephemerals left"
zk_4lw dump | grep -q '/t/' && fail "released: ephemerals listed" || ok
wait_count zk_znode_count $((nodes - 4 + 86 + 1 + 59)) && ok ||
    fail "released: $(mntr zk_znode_count) znodes"
finish

# The live walk's edges against a real server: a tree that changes under
# the walk, a missing chroot, no server, ZooKeeper ACLs and --auth-file,
# a server restart in the middle of a walk, and the proof that the
# ZooKeeper module cannot write.
. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
zk_start
sample=$FIXTURES/zk/sample-stopped/dump.json

"$ZKLOAD" -z "$ZK_CONNECT" -p /w "$sample" >/dev/null && ok ||
    fail "load sample-stopped"

# A topic created between the walk and its re-check: read again, once.
expect_exit 0 "changed once" -- "$ZKWALK" -z "$ZK_CONNECT/w" -m 1
grep -q '^attempts=2 ' "$T/out" && ok || fail "changed once: $(cat "$T/out")"
stderr_has 'znode /w/brokers/topics changed during the walk; reading the tree again \(attempt 2 of 3\)' \
    "changed once: says so"
# Changing every time: give up, say where.
expect_exit 1 "changed every time" -- "$ZKWALK" -z "$ZK_CONNECT/w" -m 9
stderr_has 'the tree changed during each of 3 walks \(last at /w/brokers/topics\)' \
    "changed every time"
# Untouched: one walk.
expect_exit 0 "unchanged" -- "$ZKWALK" -z "$ZK_CONNECT/w"
grep -q '^attempts=1 ' "$T/out" && ok || fail "unchanged: $(cat "$T/out")"

expect_exit 1 "missing chroot" -- \
    "$ZK2KRAFT" dump -z "$ZK_CONNECT/nope/kafka" -o "$T/x.json"
stderr_has "^zk2kraft: zookeeper $ZK_CONNECT: znode /nope/kafka does not exist" \
    "missing chroot named"
[ ! -e "$T/x.json" ] && ok || fail "missing chroot left a file"

expect_exit 1 "no server" -- "$ZK2KRAFT" dump -z 127.0.0.1:1 \
    --connect-timeout 300 -o "$T/x.json"
stderr_has '^zk2kraft: zookeeper 127.0.0.1:1: cannot connect within 300 ms$' \
    "no server named"

expect_exit 2 "two sources" -- "$ZK2KRAFT" dump -z "$ZK_CONNECT" \
    -i "$sample" -o -
expect_exit 2 "no source" -- "$ZK2KRAFT" dump -o -
expect_exit 2 "bad window" -- "$ZK2KRAFT" dump -z "$ZK_CONNECT" \
    --window 0 -o -
stderr_has 'window: expected a number from 1 to 65536' "bad window"
expect_exit 2 "TLS without TLS" -- "$ZK2KRAFT" dump -z "$ZK_CONNECT" \
    --zk-tls-ca /dev/null -o -
stderr_has 'built without TLS support' "TLS refused with the reason"
expect_exit 2 "SASL without SASL" -- "$ZK2KRAFT" dump -z "$ZK_CONNECT" \
    --zk-sasl-mechanism GSSAPI -o -
stderr_has 'SASL' "SASL refused with the reason"

# ZooKeeper ACLs as zookeeper.set.acl=true leaves them: the SCRAM users
# are readable only by the brokers' identity.
"$ZKLOAD" -z "$ZK_CONNECT" -p /acl --digest kafka:broker-secret \
    --protect /config/users "$FIXTURES/zk/sample-stopped/dump.json" \
    >/dev/null && ok || fail "load with ACLs"
expect_exit 1 "NoAuth is an error" -- \
    "$ZK2KRAFT" dump -z "$ZK_CONNECT/acl" -o "$T/x.json"
stderr_has '^zk2kraft: znode /acl/config/users(/[^:]*)?: not allowed to read it \(ZooKeeper ACL\); give the brokers. credentials with --auth-file$' \
    "NoAuth names the znode"
[ ! -e "$T/x.json" ] && ok || fail "NoAuth left a file"
printf 'kafka:broker-secret\n' >"$T/auth"
chmod 600 "$T/auth"
expect_exit 0 "--auth-file" -- \
    "$ZK2KRAFT" dump -z "$ZK_CONNECT/acl" --auth-file "$T/auth" -o "$T/acl.json"
grep -q '"path":"/acl/config/users/alice","data":"{' "$T/acl.json" && ok ||
    fail "--auth-file: alice's SCRAM credentials read"
printf 'kafka:wrong\n' >"$T/auth"
expect_exit 1 "wrong password" -- \
    "$ZK2KRAFT" dump -z "$ZK_CONNECT/acl" --auth-file "$T/auth" -o "$T/y.json"
stderr_has 'not allowed to read' "wrong password: NoAuth"
printf 'no-colon\n' >"$T/auth"
expect_exit 1 "bad auth file" -- \
    "$ZK2KRAFT" dump -z "$ZK_CONNECT/acl" --auth-file "$T/auth" -o "$T/y.json"
stderr_has 'expected "user:password"' "bad auth file named"

# A server restart in the middle of a walk: the session survives (the
# standalone server keeps sessions across a restart), the walk resumes
# and the result equals a quiet read.
"$ZKLOAD" -z "$ZK_CONNECT" -p /big --generate 40:250 >/dev/null && ok ||
    fail "generate"
"$ZK2KRAFT" -q dump -z "$ZK_CONNECT/big" -o "$T/quiet.json" && ok ||
    fail "quiet read"

# 40 x 250 = 10,000 partitions: dry-run reads each one's state directly,
# one request per partition; dump reads every znode and lists parents.
requests() {
	sed -n 's/.* (\([0-9]*\) requests, .*/\1/p' "$T/err"
}
expect_exit 0 "translation walk" -- "$ZK2KRAFT" -v dry-run -z "$ZK_CONNECT/big"
n=$(requests)
[ -n "$n" ] && [ "$n" -gt 10000 ] && [ "$n" -lt 10400 ] && ok ||
    fail "translation walk: ${n:-no} requests for 10,000 partitions"
expect_exit 0 "full walk" -- "$ZK2KRAFT" -v dump -z "$ZK_CONNECT/big" \
    -o "$T/full.json"
n=$(requests)
[ -n "$n" ] && [ "$n" -gt 30000 ] && ok ||
    fail "full walk: ${n:-no} requests for 10,000 partitions"
cmp -s "$T/quiet.json" "$T/full.json" && ok || fail "full walk: another tree"
"$ZK2KRAFT" dump -z "$ZK_CONNECT/big" --window 1 --connect-timeout 30000 \
    -o "$T/restart.json" 2>"$T/restart.err" &
walker=$!
sleep 0.5
kill -0 "$walker" 2>/dev/null && ok || fail "walk ended before the restart"
zk_restart -KILL && ok || fail "restart the server"
wait "$walker" && ok || fail "walk across a restart: $(cat "$T/restart.err")"
grep -q 'connection lost after [0-9]* znodes; retrying' "$T/restart.err" &&
    ok || fail "restart: no reconnect notice: $(cat "$T/restart.err")"
cmp -s "$T/quiet.json" "$T/restart.json" && ok ||
    fail "restart: the tree read differs from a quiet read"

# A session that expires mid-walk (the client frozen for longer than the
# session timeout, so the server expires it): an error, never a partial
# tree.
"$ZK2KRAFT" dump -z "$ZK_CONNECT/big" --window 1 --session-timeout 2000 \
    -o "$T/expired.json" 2>"$T/expired.err" &
walker=$!
sleep 0.5
kill -STOP "$walker"
sleep 5
kill -CONT "$walker"
wait "$walker"
[ $? -eq 1 ] && ok || fail "session expired: exit status"
grep -Eq "^zk2kraft: zookeeper $ZK_CONNECT: session expired after [0-9]+ znodes were read; the walk cannot resume in a new session$" \
    "$T/expired.err" && ok || fail "session expired: message: $(cat "$T/expired.err")"
[ ! -e "$T/expired.json" ] && ok || fail "session expired: left a file"

# The same, but the server stays down: a bounded wait, then an error that
# says how far the walk got.
"$ZK2KRAFT" dump -z "$ZK_CONNECT/big" --window 1 --connect-timeout 500 \
    --retries 2 -o "$T/down.json" 2>"$T/down.err" &
walker=$!
sleep 0.5
zk_stop
wait "$walker"
[ $? -eq 1 ] && ok || fail "server down: exit status"
grep -Eq "^zk2kraft: zookeeper $ZK_CONNECT: (connection lost after [0-9]+ znodes|cannot connect within 500 ms)" "$T/down.err" &&
    ok || fail "server down: message: $(cat "$T/down.err")"
[ ! -e "$T/down.json" ] && ok || fail "server down: left a file"
finish

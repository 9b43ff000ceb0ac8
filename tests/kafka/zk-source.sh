# Sourced by zk-3.9.sh and zk-2.8.sh: step 1 of the runbook's scenario.  A
# real ZooKeeper-mode cluster -- the Debian ZooKeeper server and three
# brokers of line $SRC_LINE -- writes the metadata through Kafka's Admin
# API, producers write the messages, the brokers stop cleanly, and what is
# left (ZooKeeper's data directory, the brokers' log and config
# directories, what the Admin API described, the messages' count and
# checksum) is kept in $KAFKA_STATE/$SRC_LINE for the cutover scenarios.
#
# SRC_LINE: 3.9 or 2.8; SRC_IBP: inter.broker.protocol.version, if any.

. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
. "${srcdir:-.}/kafka/kafka.sh"

S=$KAFKA_STATE/$SRC_LINE
rm -rf "$S"
mkdir -p "$S"
kafka_line "$SRC_LINE"

step "start ZooKeeper and three Kafka $SRC_LINE brokers (ZooKeeper mode${SRC_IBP:+, IBP $SRC_IBP})"
zk_start
trap 'kafka_kill_all; zk_cleanup' EXIT
for id in 1 2 3; do
	kafka_write_zk_broker "$S/b$id" "$id" "${SRC_IBP:-}"
done
for id in 1 2 3; do
	kafka_start "$S/b$id"
done
kafka_wait_started "$S/b1" "$S/b2" "$S/b3"
read -r P1 _ <"$S/b1/ports"
read -r P2 _ <"$S/b2/ports"
read -r P3 _ <"$S/b3/ports"
KT_PLAIN=127.0.0.1:$P1,127.0.0.1:$P2,127.0.0.1:$P3
read -r _ S1 <"$S/b1/ports"
KT_SASL=127.0.0.1:$S1
export KT_PLAIN KT_SASL
ktool alive 3 || die "the brokers did not come up"

step "create topics, configs, quotas, SCRAM users, ACLs, a token, messages"
ktool setup "$S/state.properties" || die "setup failed"
ktool reassign-pending || die "the in-flight reassignment"
ktool messages >"$S/messages.txt" || die "messages"
ktool describe >"$S/describe.txt" || die "describe"
echo "messages: $(cat "$S/messages.txt")"
grep -c '' "$S/describe.txt" | sed 's/^/described: /'
grep -q '^reassignment pending-0 ' "$S/describe.txt" ||
    die "the pending reassignment is not in flight"

step "stop the brokers cleanly; wait until ZooKeeper has none registered"
kafka_stop_zk_brokers "$S/b1" "$S/b2" "$S/b3"
for id in 1 2 3; do
	grep -q 'shut down completed' "$S/b$id/server.log" ||
	    die "broker $id did not shut down cleanly"
done

step "keep ZooKeeper's data for the cutovers"
zk_stop
cp -a "$ZK_DIR/data" "$S/zk-data"
cp "$ZK_DIR/zoo.cfg" "$S/zoo.cfg"
touch "$S/complete"
step
finish

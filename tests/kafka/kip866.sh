# Sourced by kip866-*.sh: Kafka 3.9's own online migration (KIP-866) as
# the reference for zk2kraft's export.  On a copy of what zk-3.9.sh left,
# zk2kraft dumps and exports the tree first; then three KRaft controllers
# with zookeeper.metadata.migration.enable=true and the three brokers,
# restarted in ZooKeeper mode with the migration settings, let Kafka
# migrate it.  Once the controller logs that the migration completed,
# everything stops, and the migrated metadata log is compared with the
# export: zk2kraft verify, and record for record (tests/kafka/kip866-diff.py).

. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
. "${srcdir:-.}/kafka/kafka.sh"

S=$KAFKA_STATE/3.9
W=$T/cluster
mkdir -p "$W"
kafka_line 3.9

step "copy the stopped 3.9 cluster; zk2kraft dump and export"
kafka_from_stopped "$S" "$W"
if [ "${VARIANT:-}" = finished ]; then
	# The same cluster once its in-flight reassignment has finished, and
	# with a topic pending deletion: the ZooKeeper-mode brokers run again
	# without the throttles, joined by a broker 4 that holds replicas of
	# topic "doomed" and then leaves for good.  Marked for deletion, that
	# topic cannot be deleted without broker 4, so it stays pending
	# however long the brokers run, during Kafka's migration too.
	for id in 1 2 3 4; do
		kafka_write_zk_broker "$W/b$id" "$id"
		kafka_start "$W/b$id"
	done
	kafka_wait_started "$W/b1" "$W/b2" "$W/b3" "$W/b4"
	read -r P1 _ <"$W/b1/ports"
	KT_PLAIN=127.0.0.1:$P1
	export KT_PLAIN
	ktool reassign-finish || die "the reassignment did not finish"
	ktool doom || die "create topic doomed on broker 4"
	kafka_stop "$W/b4"
	n=0
	while zk_cli ls /brokers/ids 2>/dev/null | tail -n 1 | grep -q 4; do
		n=$((n + 1))
		[ $n -lt 100 ] || die "broker 4 still registered in ZooKeeper"
		sleep 0.2
	done
	ktool delete doomed || die "delete topic doomed"
	[ "$(zk_cli ls /admin/delete_topics 2>/dev/null | tail -n 1)" = "[doomed]" ] ||
	    die "topic doomed is not pending deletion"
	kafka_stop_zk_brokers "$W/b1" "$W/b2" "$W/b3"
fi
"$ZK2KRAFT" dump -z "$ZK_CONNECT" -o "$W/dump.json" || die "zk2kraft dump"
if [ "${VARIANT:-}" = finished ]; then
	"$ZK2KRAFT" dry-run -i "$W/dump.json" --password-encoder-secret-file "$secret" |
	    grep -q 'reassignment-in-progress' &&
	    die "the reassignment is still in flight in the dump"
	"$ZK2KRAFT" dry-run -i "$W/dump.json" --password-encoder-secret-file "$secret" |
	    grep -q 'topic-pending-deletion.*/admin/delete_topics/doomed' ||
	    die "no pending deletion of topic doomed in the dump"
fi
# shellcheck disable=SC2086
"$ZK2KRAFT" -q export -i "$W/dump.json" -m 3.9-IV0 ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" -o "$W/export" ||
    die "zk2kraft export"
cluster_id=$(sed -n 's/^cluster.id=//p' "$W/b1/logs/meta.properties")

step "format three 3.9 controllers with the migration enabled; start them"
kafka_voters "$W"
for id in 1 2 3; do
	kafka_write_controller "$W/c$id" $((3000 + id)) "$voters"
	{
		echo "zookeeper.metadata.migration.enable=true"
		echo "zookeeper.connect=$ZK_CONNECT"
		echo "inter.broker.listener.name=PLAINTEXT"
	} >>"$W/c$id/server.properties"
	kafka_class kafka.tools.StorageTool format --cluster-id="$cluster_id" \
	    -c "$W/c$id/server.properties" >"$W/c$id/format.out" 2>&1 ||
	    { cat "$W/c$id/format.out"; die "kafka-storage format c$id"; }
	kafka_start "$W/c$id"
done
kafka_wait_started "$W/c1" "$W/c2" "$W/c3"

step "restart the brokers in ZooKeeper mode with the migration settings"
for id in 1 2 3; do
	kafka_write_zk_broker "$W/b$id" "$id" 3.9
	{
		echo "zookeeper.metadata.migration.enable=true"
		echo "controller.quorum.voters=$voters"
		echo "controller.listener.names=CONTROLLER"
		echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"
	} >>"$W/b$id/server.properties"
	kafka_start "$W/b$id"
done
kafka_wait_started "$W/b1" "$W/b2" "$W/b3"

step "wait for the controller to complete the migration"
n=0
until grep -q 'Completed migration of metadata from ZooKeeper to KRaft' \
    "$W"/c?/server.log; do
	n=$((n + 1))
	[ $n -lt 3000 ] || die "no completed migration in 300 s"
	for id in 1 2 3; do
		kill -0 "$(cat "$W/c$id/pid")" 2>/dev/null || die "controller $id exited"
	done
	sleep 0.1
done
grep -h 'Completed migration of metadata' "$W"/c?/server.log | cut -c1-200

step "stop the brokers and the controllers"
for id in 1 2 3; do
	kafka_stop "$W/b$id"
done
for id in 1 2 3; do
	kafka_stop "$W/c$id"
done
zk_stop
leader=$(grep -l 'Completed migration of metadata' "$W"/c?/server.log | head -n 1)
leader=$(dirname "$leader")

step "compare: zk2kraft verify, and record for record"
"$ZK2KRAFT" verify -i "$W/dump.json" --kraft "$leader/meta" ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" >"$W/verify.txt" 2>&1
rc=$?
sed -n '1,12p' "$W/verify.txt"
[ $rc -eq 0 ] && ok || { cat "$W/verify.txt"; fail "verify: exit $rc"; }
"$ZK2KRAFT" inspect -f json "$W/export/bootstrap.checkpoint" >"$W/export.json" ||
    die "inspect the export"
"$ZK2KRAFT" inspect -f json "$leader/meta/__cluster_metadata-0" >"$W/migrated.json" ||
    die "inspect the migrated log"
if python3 "${srcdir:-.}/kafka/kip866-diff.py" "$W/export.json" "$W/migrated.json"; then
	ok
else
	fail "zk2kraft's export differs from Kafka's migration"
fi
# The comparison can fail: one field of one record changed in a copy of
# the export must be named.
python3 - "$W/export.json" "$W/export-changed.json" <<'PY'
import json, sys
out = []
done = False
for line in open(sys.argv[1]):
    r = json.loads(line)
    if not done and r.get("type") == "CLIENT_QUOTA_RECORD":
        r["data"]["value"] += 1
        done = True
    out.append(json.dumps(r))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
python3 "${srcdir:-.}/kafka/kip866-diff.py" "$W/export-changed.json" \
    "$W/migrated.json" >"$T/changed.out"
rc=$?
[ $rc -eq 1 ] && grep -q "only in zk2kraft's export (1): .*CLIENT_QUOTA_RECORD" "$T/changed.out" &&
    ok || { cat "$T/changed.out"; fail "a changed quota record was not named"; }
step
[ "$fails" -eq 0 ] || kafka_postmortem
finish

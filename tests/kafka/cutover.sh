# Sourced by cutover-*.sh: steps 2 to 4 of zk2kraft(1)'s OFFLINE MIGRATION
# runbook, in its order, on a copy of what zk-$SRC_LINE.sh left: the
# stopped ZooKeeper-mode cluster (ZooKeeper's data, the brokers' log
# directories).  zk2kraft dumps, dry-runs and exports it; three KRaft
# controllers of line $DST_LINE are formatted and load the export; the
# same brokers come back as KRaft brokers; Kafka's own clients and
# zk2kraft verify prove that nothing was lost.
#
# SRC_LINE, DST_LINE (3.9 or 4), DST_MV (export's --metadata-version),
# EXPORT_ARGS (more export and verify options), CHECK_BROKER=3 (check-broker
# may find partition directories to fix: --apply them), BREAK=1 (the test of the test:
# change one partition's leader in the export; the scenario must fail).

. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/zk/server.sh"
. "${srcdir:-.}/kafka/kafka.sh"

# The runbook's offline cutover elects every leader anew (--elect-leaders):
# with the leaders of ZooKeeper kept, a Kafka 3.9 follower that loaded its
# partition before the leader's broker registered never fetched (seen
# here: compacted-1 kept an ISR of one for 300 s).
EXPORT_ARGS="--elect-leaders${EXPORT_ARGS:+ $EXPORT_ARGS}"
S=$KAFKA_STATE/$SRC_LINE
W=$T/cluster
mkdir -p "$W"
kafka_line "$DST_LINE"

step "copy the stopped $SRC_LINE cluster; zk2kraft dump from its ZooKeeper"
kafka_from_stopped "$S" "$W"
"$ZK2KRAFT" dump -z "$ZK_CONNECT" -o "$W/dump.json" ||
    die "zk2kraft dump"
# The dump is the reference from here on: ZooKeeper is not needed again.
zk_stop
cluster_id=$(sed -n 's/^cluster.id=//p' "$W/b1/logs/meta.properties")
echo "cluster id $cluster_id"

step "zk2kraft dry-run"
# shellcheck disable=SC2086
"$ZK2KRAFT" dry-run -i "$W/dump.json" -m "$DST_MV" ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" >"$W/dry-run.txt"
rc=$?
[ $rc -eq 0 ] || { cat "$W/dry-run.txt"; die "dry-run: exit $rc, want 0"; }
ok

step "zk2kraft export into three $DST_LINE controllers' metadata dirs"
kafka_voters "$W"
for id in 1 2 3; do
	kafka_write_controller "$W/c$id" $((3000 + id)) "$voters"
	fmt="--meta-properties --node-id $((3000 + id))"
	# shellcheck disable=SC2086
	"$ZK2KRAFT" -q export -i "$W/dump.json" -m "$DST_MV" ${EXPORT_ARGS:-} \
	    --password-encoder-secret-file "$secret" $fmt \
	    -o "$W/c$id/meta" --force || die "zk2kraft export c$id"
done
cmp "$W/c1/meta/bootstrap.checkpoint" "$W/c2/meta/bootstrap.checkpoint" ||
    fail "two exports of the same tree differ"
# Kafka's own format of this line: from KIP-1170 (Kafka 4) on, it puts
# the bootstrap records into the zero checkpoint, and export must refuse
# to write a bootstrap.checkpoint that the controller would ignore.
mkdir -p "$T/formatted"
sed "s|^log.dirs=.*|log.dirs=$T/formatted|" "$W/c1/server.properties" \
    >"$T/formatted.properties"
# --cluster-id=ID: a Kafka cluster id may start with '-' (argparse would
# take "-t -Fhq..." for two options).
kafka_class kafka.tools.StorageTool format --cluster-id="$cluster_id" \
    -c "$T/formatted.properties" >"$T/format.out" 2>&1 ||
    { cat "$T/format.out"; die "kafka-storage format"; }
# shellcheck disable=SC2086
"$ZK2KRAFT" -q export -i "$W/dump.json" -m "$DST_MV" ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" -o "$T/formatted" --force \
    2>"$T/format.err"
rc=$?
zero=$T/formatted/__cluster_metadata-0/00000000000000000000-0000000000.checkpoint
if [ "$DST_LINE" = 4 ]; then
	[ -s "$zero" ] || fail "Kafka 4's kafka-storage format wrote no $zero"
	[ $rc -eq 1 ] && grep -q 'KIP-1170' "$T/format.err" && ok ||
	    fail "export beside Kafka 4's zero checkpoint: exit $rc, want 1"
else
	# 3.9 with a static quorum writes bootstrap.checkpoint only.
	[ $rc -eq 0 ] && ok || fail "export into a $DST_LINE-formatted dir: exit $rc"
fi
if [ "${BREAK:-}" = 1 ]; then
	for id in 1 2 3; do
		python3 "${srcdir:-.}/kafka/break-leader.py" \
		    "$W/c$id/meta/bootstrap.checkpoint" ||
		    die "cannot break the export"
	done
fi

step "start the controllers"
for id in 1 2 3; do
	kafka_start "$W/c$id"
done
kafka_wait_started "$W/c1" "$W/c2" "$W/c3"

step "zk2kraft check-broker on each broker's log directories"
for id in 1 2 3; do
	"$ZK2KRAFT" check-broker --export "$W/c1/meta" --node-id "$id" \
	    --log-dir "$W/b$id/logs" >"$W/b$id/check.txt" 2>&1
	rc=$?
	if [ $rc -eq 3 ] && [ "${CHECK_BROKER:-0}" = 3 ]; then
		# What the old line needs: partition.metadata for the topics
		# that never had an id.
		sed -n '/^Summary/,$p' "$W/b$id/check.txt"
		"$ZK2KRAFT" check-broker --export "$W/c1/meta" --node-id "$id" \
		    --log-dir "$W/b$id/logs" --apply >"$W/b$id/apply.txt" 2>&1
		rc=$?
		n=$(grep -c 'wrote' "$W/b$id/apply.txt")
		echo "broker $id: partition.metadata files written: $n"
		[ "$n" -gt 0 ] || fail "check-broker $id: exit 3, but --apply wrote nothing"
	fi
	if [ $rc -eq 0 ]; then
		ok
	else
		cat "$W/b$id/check.txt" "$W/b$id/apply.txt" 2>/dev/null
		fail "check-broker $id: exit $rc"
	fi
done

step "restart the brokers in KRaft mode"
for id in 1 2 3; do
	kafka_write_kraft_broker "$W/b$id" "$id" "$voters"
	kafka_start "$W/b$id"
done
kafka_wait_started "$W/b1" "$W/b2" "$W/b3"
read -r P1 S1 <"$W/b1/ports"
read -r P2 _ <"$W/b2/ports"
read -r P3 _ <"$W/b3/ports"
KT_PLAIN=127.0.0.1:$P1,127.0.0.1:$P2,127.0.0.1:$P3
KT_SASL=127.0.0.1:$S1
export KT_PLAIN KT_SASL
ktool alive 3 || die "the KRaft brokers did not serve every partition"
if grep -h 'marked stray' "$W"/b?/server.log; then
	fail "a KRaft broker made partition directories stray"
else
	ok
fi

step "Kafka's clients: metadata, messages, logins, ACLs, token"
ktool describe >"$W/describe.txt" || die "describe"
# A topic without an id in ZooKeeper (the old line) must have the id the
# export gave it (dry-run's "Topics" lines: NAME  id ID  partitions ...).
awk '/^Topics/ { t = 1; next } t && /^  [^ ]/ { print $1, $3 } /^$/ { t = 0 }' \
    "$W/dry-run.txt" >"$W/export-ids.txt"
awk 'NR == FNR { id[$1] = $2; next }
    /^topic / && / id=AAAAAAAAAAAAAAAAAAAAAA / { sub(/ id=[^ ]*/, " id=" id[$2]) }
    { print }' "$W/export-ids.txt" "$S/describe.txt" >"$W/describe.want"
if diff -u "$W/describe.want" "$W/describe.txt" >"$W/describe.diff"; then
	ok
else
	cat "$W/describe.diff"
	fail "the KRaft cluster's metadata differs from the ZooKeeper one's"
fi
ktool messages >"$W/messages.txt" || die "messages"
if cmp -s "$S/messages.txt" "$W/messages.txt"; then
	ok
else
	fail "messages: $(cat "$W/messages.txt"), want $(cat "$S/messages.txt")"
fi
if ktool check "$S/state.properties"; then ok; else fail "ktool check"; fi
read -r c1port _ <"$W/c1/ports"
kafka_class org.apache.kafka.tools.MetadataQuorumCommand \
    --bootstrap-controller "127.0.0.1:$c1port" describe --status \
    >"$W/quorum.txt" 2>&1 || { cat "$W/quorum.txt"; die "kafka-metadata-quorum"; }
cat "$W/quorum.txt"
grep -Eq '^CurrentVoters: +\[.*3001.*3002.*3003' "$W/quorum.txt" &&
    grep -Eq '^LeaderId: +300[123]$' "$W/quorum.txt" && ok ||
    fail "kafka-metadata-quorum: not three voters and a leader"

step "zk2kraft verify against a controller's metadata log"
# shellcheck disable=SC2086
"$ZK2KRAFT" verify -i "$W/dump.json" --kraft "$W/c1/meta" ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" >"$W/verify.txt" 2>&1
rc=$?
cat "$W/verify.txt"
[ $rc -eq 0 ] && ok || fail "verify: exit $rc"

step "restart the controllers; verify again"
for id in 1 2 3; do
	kafka_stop "$W/c$id"
	kafka_start "$W/c$id"
done
kafka_wait_started "$W/c1" "$W/c2" "$W/c3"
ktool alive 3 || die "the cluster did not come back"
# shellcheck disable=SC2086
"$ZK2KRAFT" verify -i "$W/dump.json" --kraft "$W/c1/meta" ${EXPORT_ARGS:-} \
    --password-encoder-secret-file "$secret" >"$W/verify2.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && ok || { cat "$W/verify2.txt"; fail "verify after restart: exit $rc"; }

step "stop the KRaft cluster"
for id in 1 2 3; do
	kafka_stop "$W/b$id"
done
for id in 1 2 3; do
	kafka_stop "$W/c$id"
done
step
finish

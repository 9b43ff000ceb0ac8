# inspect prints every Kafka-written vector exactly as Kafka's own decoders
# do: the text listing against records.txt, JSON against records.jsonl.
. "${srcdir:-.}/lib.sh"
V=$FIXTURES/kraft/kafka-3.9

text_same() { # FILE LISTING
	expect_exit 0 "inspect $1" -- "$ZK2KRAFT" inspect "$1"
	if grep -v '^#' "$T/out" | cmp -s - <(grep -v '^#' "$2"); then
		ok
	else
		fail "inspect $1 differs from $2"
		diff <(grep -v '^#' "$T/out") <(grep -v '^#' "$2") | head -5
	fi
}

json_same() { # FILE JSONL
	expect_exit 0 "inspect -f json $1" -- "$ZK2KRAFT" inspect --format json "$1"
	if cmp -s "$T/out" "$2"; then
		ok
	else
		fail "inspect -f json $1 differs from $2"
		diff "$T/out" "$2" | head -5
	fi
}

text_same "$V/bootstrap/bootstrap.checkpoint" "$V/bootstrap/records.txt"
text_same "$V/snapshot/00000000000000000042-0000000001.checkpoint" "$V/snapshot/records.txt"
text_same "$V/kip853/bootstrap.checkpoint" "$V/kip853/bootstrap-records.txt"
text_same "$V/kip853/__cluster_metadata-0/00000000000000000000-0000000000.checkpoint" "$V/kip853/snapshot-records.txt"
json_same "$V/bootstrap/bootstrap.checkpoint" "$V/bootstrap/records.jsonl"
json_same "$V/snapshot/00000000000000000042-0000000001.checkpoint" "$V/snapshot/records.jsonl"

# The trunk-written vectors decode in full: every record type present.
expect_exit 0 "inspect rich vector" -- "$ZK2KRAFT" inspect "$FIXTURES/kraft/rich-snapshot-epoch3.bin"
for t in FEATURE_LEVEL_RECORD ZK_MIGRATION_STATE_RECORD TOPIC_RECORD \
    'PARTITION_RECORD v0' 'PARTITION_RECORD v1' 'PARTITION_RECORD v2' \
    CONFIG_RECORD CLIENT_QUOTA_RECORD ACCESS_CONTROL_ENTRY_RECORD \
    USER_SCRAM_CREDENTIAL_RECORD PRODUCER_IDS_RECORD DELEGATION_TOKEN_RECORD \
    'REGISTER_BROKER_RECORD v3' BROKER_REGISTRATION_CHANGE_RECORD NO_OP_RECORD \
    BEGIN_TRANSACTION_RECORD END_TRANSACTION_RECORD 'CONTROL KRAFT_VOTERS'; do
	grep -q "$t" "$T/out" && ok || fail "rich vector: no $t"
done
grep -q "eligibleLeaderReplicas=\[1\], lastKnownElr=\[\])" "$T/out" && ok ||
	fail "rich vector: ELR fields"
grep -q "entityName=null), EntityData(entityType='client-id', entityName='app@1')" "$T/out" && ok ||
	fail "rich vector: quota entities"
expect_exit 0 "inspect -f json rich vector" -- "$ZK2KRAFT" inspect -f json "$FIXTURES/kraft/rich-snapshot-epoch3.bin"
[ "$(wc -l <"$T/out")" -eq 22 ] && ok || fail "rich vector: 22 JSON lines"
grep -q '"leaderRecoveryState":1' "$T/out" && ok || fail "rich vector: tagged field in JSON"

# A log directory: bootstrap.checkpoint, then the snapshot in __cluster_metadata-0.
expect_exit 0 "inspect kip853 dir" -- "$ZK2KRAFT" inspect "$V/kip853"
[ "$(grep -c '^# file' "$T/out")" -eq 2 ] && ok || fail "kip853 dir: two files"
expect_exit 0 "inspect -f json kip853 dir" -- "$ZK2KRAFT" inspect -f json "$V/kip853"
grep -q '"file":".*/kip853/bootstrap.checkpoint"' "$T/out" && ok || fail "dir JSON names its files"
finish

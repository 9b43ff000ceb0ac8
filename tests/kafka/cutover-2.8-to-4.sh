# The old line: a Kafka 2.8 cluster that ran at inter.broker.protocol.version
# 2.7 (no topic ids, no partition.metadata) to a Kafka 4 KRaft quorum.
# export --assign-topic-ids gives its topics ids, and check-broker --apply
# writes the partition.metadata files without which the KRaft brokers
# would move every log aside as stray.
SRC_LINE=2.8
DST_LINE=4
DST_MV=4.0
EXPORT_ARGS=--assign-topic-ids
CHECK_BROKER=3
. "${srcdir:-.}/kafka/cutover.sh"

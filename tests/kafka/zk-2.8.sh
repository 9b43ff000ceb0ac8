# Step 1 with the old line: Kafka 2.8 at inter.broker.protocol.version 2.7,
# so that its topics have no topic id and no partition.metadata -- a
# cluster that never reached a bridge release.
SRC_LINE=2.8
SRC_IBP=2.7
. "${srcdir:-.}/kafka/zk-source.sh"

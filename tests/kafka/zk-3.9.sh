# Step 1 with Kafka 3.9, the bridge release every ZooKeeper cluster ends on.
SRC_LINE=3.9
SRC_IBP=
. "${srcdir:-.}/kafka/zk-source.sh"

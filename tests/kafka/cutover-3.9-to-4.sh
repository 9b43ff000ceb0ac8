# The direct jump: a Kafka 3.9 ZooKeeper-mode cluster to a Kafka 4 KRaft
# quorum, with no bridge-release migration in between.
SRC_LINE=3.9
DST_LINE=4
DST_MV=4.0
. "${srcdir:-.}/kafka/cutover.sh"

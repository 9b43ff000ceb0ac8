# A Kafka 3.9 ZooKeeper-mode cluster to a Kafka 3.9 KRaft quorum: the
# offline path to the release Kafka's own online migration ends on.
SRC_LINE=3.9
DST_LINE=3.9
DST_MV=3.9
. "${srcdir:-.}/kafka/cutover.sh"

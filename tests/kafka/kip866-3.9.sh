# Kafka 3.9's online migration of the zk-3.9.sh cluster, compared record
# for record with zk2kraft's export of the same tree.
. "${srcdir:-.}/kafka/kip866.sh"

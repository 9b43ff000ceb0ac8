# Kafka 3.9's online migration compared with zk2kraft's export, on the
# zk-3.9.sh cluster after its in-flight reassignment has finished, with a
# topic pending deletion.
VARIANT=finished
. "${srcdir:-.}/kafka/kip866.sh"

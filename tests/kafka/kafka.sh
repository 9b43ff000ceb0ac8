# Sourced by the real-Kafka scenarios (tests/kafka/*.sh), after lib.sh and
# zk/server.sh: Kafka brokers and controllers as plain java processes on
# loopback, from the jars tests/kafka/fetch.sh put into the build tree.
#
#	kafka_line 3.9			# KAFKA_LIB: the jars of that line
#	kafka_write_zk_broker DIR ID [IBP]	# a ZooKeeper-mode broker
#	kafka_write_controller DIR ID VOTERS	# a KRaft controller
#	kafka_write_kraft_broker DIR ID VOTERS	# the same broker in KRaft mode
#	kafka_start DIR...; kafka_wait_started DIR...
#	kafka_stop DIR			# SIGTERM, wait for a clean exit
#	kafka_class CLASS ARGS...	# one of Kafka's tools
#	ktool ARGS...			# tests/kafka/KTool.java: the Admin API
#	step NAME			# print the last step's wall time
#
# Each node lives in its own directory: server.properties, log4j config,
# its log (server.log), its pid and its data (logs/, meta/).  A node's
# listener ports are in DIR/ports.  KAFKA_JAVA_OPTS overrides the JVM
# options; KAFKA_KEEP=1 keeps the directory of a scenario that dies.

KAFKA_JAVA=${KAFKA_JAVA:-java}
KAFKA_JAVA_OPTS=${KAFKA_JAVA_OPTS:--Xms64m -Xmx320m -XX:+UseSerialGC \
-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -XX:MaxMetaspaceSize=160m \
-Djava.awt.headless=true}
KAFKA_NODES=

# kafka_unavailable REASON: skip, or fail under CI.
kafka_unavailable() {
	echo "no Kafka: $*"
	if [ "${CI:-}" = true ]; then
		echo "CI=true: a missing Kafka is a failure"
		exit 1
	fi
	exit 77
}

# step NAME: print the wall time of the step before and start NAME.
step_t0=
step_name=
step() {
	step_now=$(date +%s.%N)
	if [ -n "$step_name" ]; then
		awk -v a="$step_t0" -v b="$step_now" -v n="$step_name" \
		    'BEGIN { printf "== %-66s %6.1f s\n", n, b - a }'
	fi
	step_name=$*
	step_t0=$step_now
	[ -z "$step_name" ] || echo "== $step_name"
}

# die MESSAGE: a step that cannot go on.
die() {
	echo "FAIL: $*"
	fails=$((fails + 1))
	kafka_postmortem
	exit 1
}

# kafka_line LINE: the jars of 2.8, 3.9 or 4 (KAFKA_LIB).
kafka_line() {
	KAFKA_LIB=$KAFKA_LIBDIR/$1
	[ -r "$KAFKA_LIB/.complete" ] ||
	    kafka_unavailable "$KAFKA_LIB not fetched (tests/kafka/fetch.sh)"
	KAFKA_LINE=$1
}

# kafka_free_ports N: N distinct loopback ports that nothing is bound to
# now, from 10000-19999: below the range the ZooKeeper tests draw from
# (zk/server.sh) and below Linux's ephemeral ports, so that only the
# Kafka tests, which run one after the other, draw from it.
kafka_free_ports() {
	python3 - "$1" <<'EOT'
import random, socket, sys
ports = set()
while len(ports) < int(sys.argv[1]):
    p = random.randrange(10000, 20000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        ports.add(p)
    except OSError:
        pass
    finally:
        s.close()
print(" ".join(str(p) for p in sorted(ports)))
EOT
}

# kafka_log4j DIR: the logging configuration of the node's line.
kafka_log4j() {
	if [ "$KAFKA_LINE" = 4 ]; then
		cat >"$1/log4j2.properties" <<EOT
rootLogger.level = INFO
rootLogger.appenderRef.f.ref = F
appender.f.type = File
appender.f.name = F
appender.f.fileName = $1/server.log
appender.f.layout.type = PatternLayout
appender.f.layout.pattern = [%d] %p %m (%c)%n
EOT
		echo "-Dlog4j2.configurationFile=$1/log4j2.properties"
	else
		cat >"$1/log4j.properties" <<EOT
log4j.rootLogger=INFO, F
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=$1/server.log
log4j.appender.F.layout=org.apache.log4j.PatternLayout
log4j.appender.F.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.zookeeper=WARN
log4j.logger.kafka.request.logger=WARN
EOT
		echo "-Dlog4j.configuration=file:$1/log4j.properties"
	fi
}

# kafka_start DIR: start the node whose server.properties is in DIR;
# kafka_wait_started waits (at most KAFKA_START_TIMEOUT, default 180 s)
# until its log says it started.
kafka_start() {
	kd=$1
	: >"$kd/server.log"
	klog4j=$(kafka_log4j "$kd")
	(
		for kfd in 3 4 5 6 7 8 9; do
			eval "exec $kfd>&-"
		done
		# shellcheck disable=SC2086
		exec "$KAFKA_JAVA" $KAFKA_JAVA_OPTS "$klog4j" \
		    -cp "$KAFKA_LIB/*" kafka.Kafka "$kd/server.properties"
	) </dev/null >"$kd/stdout" 2>&1 &
	echo $! >"$kd/pid"
	KAFKA_NODES="$KAFKA_NODES $kd"
}

# kafka_wait_started DIR...: wait until each node's log says it started.
kafka_wait_started() {
	for kd in "$@"; do
		kafka_wait_log "$kd" \
		    'started \(kafka\.server\.Kafka.*Server\)|Kafka Server started' \
		    "${KAFKA_START_TIMEOUT:-180}" || die "$kd did not start"
	done
}

# kafka_wait_log DIR REGEX SECONDS: wait until the node's log matches.
kafka_wait_log() {
	kw=0
	while [ "$kw" -lt $(($3 * 10)) ]; do
		grep -Eq "$2" "$1/server.log" 2>/dev/null && return 0
		if ! kill -0 "$(cat "$1/pid")" 2>/dev/null; then
			echo "$1: the process exited"
			return 1
		fi
		sleep 0.1
		kw=$((kw + 1))
	done
	echo "$1: no /$2/ in $3 s"
	return 1
}

# kafka_stop DIR: a clean shutdown (SIGTERM), waited for (at most 300 s,
# then SIGKILL, which fails the test: a broker that cannot stop cleanly
# leaves logs to recover).  The last ZooKeeper-mode broker to stop takes
# 20-40 s here: its controlled shutdown retries, with no broker to move
# its leaders to.
kafka_stop() {
	kpid=$(cat "$1/pid" 2>/dev/null) || return 0
	[ -n "$kpid" ] || return 0
	kill -TERM "$kpid" 2>/dev/null
	kn=0
	while kill -0 "$kpid" 2>/dev/null && [ $kn -lt 3000 ]; do
		sleep 0.1
		kn=$((kn + 1))
	done
	if kill -0 "$kpid" 2>/dev/null; then
		kill -KILL "$kpid" 2>/dev/null
		wait "$kpid" 2>/dev/null
		: >"$1/pid"
		die "$1 did not stop in 300 s"
	fi
	wait "$kpid" 2>/dev/null
	: >"$1/pid"
}

# kafka_kill_all: the EXIT path: SIGKILL whatever still runs.
kafka_kill_all() {
	for kd in $KAFKA_NODES; do
		kpid=$(cat "$kd/pid" 2>/dev/null) || continue
		[ -n "$kpid" ] && kill -KILL "$kpid" 2>/dev/null
	done
	return 0
}

# kafka_postmortem: the tail of every node's log; with KAFKA_KEEP=1 the
# test's directory is kept.
kafka_postmortem() {
	if [ "${KAFKA_KEEP:-}" = 1 ] && [ -n "${T:-}" ]; then
		kt=$T
		T=
		mv "$kt" "$kt.kept" && echo "kept in $kt.kept"
	fi
	for kd in $KAFKA_NODES; do
		echo "--- $kd/server.log (errors and last lines)"
		grep -E ' (ERROR|FATAL) ' "$kd/server.log" 2>/dev/null | head -20
		tail -n 15 "$kd/server.log" 2>/dev/null
		tail -n 5 "$kd/stdout" 2>/dev/null
	done
}

# The settings every node shares: loopback listeners, SCRAM on
# SASL_PLAINTEXT, ANONYMOUS (PLAINTEXT) and admin as super users, the token
# and password-encoder secrets, replication factors for three brokers.
kafka_common_props() {
	cat <<EOT
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
super.users=User:ANONYMOUS;User:admin
delegation.token.secret.key=$KAFKA_TOKEN_SECRET
password.encoder.secret=$KAFKA_ENCODER_SECRET
offsets.topic.replication.factor=3
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
transaction.state.log.num.partitions=3
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
num.replica.fetchers=1
background.threads=2
log.cleaner.dedupe.buffer.size=4194304
log.cleaner.io.buffer.size=65536
num.recovery.threads.per.data.dir=1
EOT
}

# kafka_node_dir DIR ID: create the node's directory and its two ports
# (PLAINTEXT and SASL_PLAINTEXT for a broker, CONTROLLER for a controller).
kafka_node_ports() {
	mkdir -p "$1"
	if [ ! -s "$1/ports" ]; then
		kafka_free_ports 2 >"$1/ports"
	fi
	read -r KP1 KP2 <"$1/ports"
}

# kafka_write_zk_broker DIR ID [IBP]: a ZooKeeper-mode broker.
kafka_write_zk_broker() {
	kafka_node_ports "$1"
	{
		echo "broker.id=$2"
		echo "listeners=PLAINTEXT://127.0.0.1:$KP1,SASL_PLAINTEXT://127.0.0.1:$KP2"
		echo "inter.broker.listener.name=PLAINTEXT"
		echo "log.dirs=$1/logs"
		echo "zookeeper.connect=$ZK_CONNECT"
		echo "zookeeper.session.timeout.ms=18000"
		echo "authorizer.class.name=kafka.security.authorizer.AclAuthorizer"
		echo "controlled.shutdown.enable=true"
		[ -z "${3:-}" ] || echo "inter.broker.protocol.version=$3"
		[ -z "${3:-}" ] || echo "log.message.format.version=$3"
		kafka_common_props
	} >"$1/server.properties"
}

# ktool ARGS...: tests/kafka/KTool.java, compiled by fetch.sh.
ktool() {
	"$KAFKA_JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
	    -Dlog4j.configuration="file:$KAFKA_LIBDIR/classes/log4j.properties" \
	    -cp "$KAFKA_LIBDIR/classes:$KAFKA_LIBDIR/3.9/*" KTool "$@"
}

KAFKA_TOKEN_SECRET=${KAFKA_TOKEN_SECRET:-zk2kraft-test-token-secret}
# The fixtures' secret (fixtures/zk/README): the ZooKeeper trees these
# clusters write become fixtures.
KAFKA_ENCODER_SECRET=${KAFKA_ENCODER_SECRET:-fixture-encoder-secret}

# kafka_write_controller DIR ID VOTERS: a KRaft controller.
kafka_write_controller() {
	kafka_node_ports "$1"
	{
		echo "process.roles=controller"
		echo "node.id=$2"
		echo "controller.quorum.voters=$3"
		echo "listeners=CONTROLLER://127.0.0.1:$KP1"
		echo "controller.listener.names=CONTROLLER"
		echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"
		echo "log.dirs=$1/meta"
		echo "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
		kafka_common_props
	} >"$1/server.properties"
}

# kafka_write_kraft_broker DIR ID VOTERS: the ZooKeeper-mode broker of
# DIR as a KRaft broker: same node id, ports and log.dirs, no ZooKeeper.
kafka_write_kraft_broker() {
	kafka_node_ports "$1"
	{
		echo "process.roles=broker"
		echo "node.id=$2"
		echo "controller.quorum.voters=$3"
		echo "controller.listener.names=CONTROLLER"
		echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"
		echo "listeners=PLAINTEXT://127.0.0.1:$KP1,SASL_PLAINTEXT://127.0.0.1:$KP2"
		echo "inter.broker.listener.name=PLAINTEXT"
		echo "log.dirs=$1/logs"
		echo "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
		kafka_common_props
	} >"$1/server.properties"
}

# kafka_class CLASS ARGS...: one of the line's tools, e.g.
# kafka.tools.StorageTool or org.apache.kafka.tools.MetadataQuorumCommand.
kafka_class() {
	kc=$1
	shift
	"$KAFKA_JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
	    -Dlog4j.configuration="file:$KAFKA_LIBDIR/classes/log4j.properties" \
	    -Dlog4j2.configurationFile="$KAFKA_LIBDIR/classes/log4j2.properties" \
	    -cp "$KAFKA_LIB/*" "$kc" "$@"
}

# kafka_stop_zk_brokers DIR...: stop ZooKeeper-mode brokers cleanly and
# wait (at most 20 s) until ZooKeeper has none registered.
kafka_stop_zk_brokers() {
	for kd in "$@"; do
		kafka_stop "$kd"
	done
	kn=0
	while [ "$(zk_cli ls /brokers/ids 2>/dev/null | tail -n 1)" != "[]" ]; do
		kn=$((kn + 1))
		[ $kn -lt 100 ] || die "brokers still registered in ZooKeeper"
		sleep 0.2
	done
}

# kafka_from_stopped S W: what zk-LINE.sh left in S -- the three brokers'
# log directories copied into W/bN (with new ports, since the old ones
# may be taken), ZooKeeper started on a copy of its data -- and the
# encoder secret in $secret.
kafka_from_stopped() {
	[ -r "$1/complete" ] || die "no stopped ZooKeeper-mode cluster in $1"
	for kid in 1 2 3; do
		mkdir -p "$2/b$kid"
		cp -a "$1/b$kid/logs" "$2/b$kid/"
	done
	secret=$T/encoder.secret
	(umask 077 && printf '%s\n' "$KAFKA_ENCODER_SECRET" >"$secret")
	ZK_SEED=$1/zk-data
	export ZK_SEED
	zk_start
	trap 'kafka_kill_all; zk_cleanup' EXIT
}

# kafka_voters W: the ports of controllers W/c1..c3 (node ids 3001-3003)
# and their controller.quorum.voters in $voters.
kafka_voters() {
	voters=
	for kid in 1 2 3; do
		kafka_node_ports "$1/c$kid"
		voters="${voters:+$voters,}$((3000 + kid))@127.0.0.1:$KP1"
	done
}

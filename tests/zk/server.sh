# Sourced by the integration tests: a throw-away standalone ZooKeeper
# server on a free loopback port (Debian's "zookeeper" package).  Source it
# after lib.sh:
#
#	. "${srcdir:-.}/lib.sh"
#	. "${srcdir:-.}/zk/server.sh"
#	zk_start
#	"$ZKLOAD" -z "$ZK_CONNECT" -p /t "$FIXTURES/zk/sample/dump.json"
#
# zk_start exports ZK_PORT, ZK_CONNECT (127.0.0.1:port), ZK_PID and ZK_DIR
# (config, data and the server's log) and replaces the EXIT trap with one
# that stops the server, removes ZK_DIR and also removes lib.sh's $T.
# Then: zk_stop, zk_restart [-KILL], zk_pause / zk_resume (SIGSTOP and
# SIGCONT), zk_zxid, zk_4lw WORD (a four-letter word) and zk_cli ARGS
# (ZooKeeper's Java command-line client).
# Without java or the jar the test is skipped (exit 77), but under CI=true
# a missing server is a failure (exit 1).
#
# Environment: ZK_JAR (default /usr/share/java/zookeeper.jar), ZK_JAVA
# (default java), ZK_JAVA_OPTS (JVM options), ZK_KEEP=1 keeps ZK_DIR,
# ZK_4LW_TIMEOUT (seconds, default 5), ZK_SEED (a data directory to start
# from, e.g. one a stopped Kafka cluster left; copied).
# Plain POSIX sh: the four-letter words go through bash's /dev/tcp or
# python3, whichever exists.

ZK_JAR=${ZK_JAR:-/usr/share/java/zookeeper.jar}
ZK_JAVA=${ZK_JAVA:-java}
ZK_PID=
ZK_DIR=

# zk_unavailable REASON: skip, or fail under CI.
zk_unavailable() {
	echo "no ZooKeeper server: $*"
	if [ "${CI:-}" = true ]; then
		echo "CI=true: a missing ZooKeeper server is a failure"
		exit 1
	fi
	exit 77
}

# The server's classpath: the jar (whose manifest names its dependencies)
# and, when present, an SLF4J binding so that the log says why a start
# failed.
zk_classpath() {
	zk_cp=$ZK_JAR
	if [ -r /usr/share/java/slf4j-simple.jar ]; then
		zk_cp=$zk_cp:/usr/share/java/slf4j-simple.jar
	fi
	echo "$zk_cp"
}

# zk_4lw WORD: send a four-letter word, print the answer.  Fails when
# nothing answers within ZK_4LW_TIMEOUT (default 5) seconds, e.g. when the
# server is paused.
zk_4lw() {
	if command -v bash >/dev/null 2>&1; then
		timeout "${ZK_4LW_TIMEOUT:-5}" bash -c '
			exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
			printf %s "$2" >&3 && cat <&3' zk_4lw "$ZK_PORT" "$1" \
		    2>/dev/null
	else
		python3 - "$ZK_PORT" "$1" "${ZK_4LW_TIMEOUT:-5}" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])),
                             timeout=float(sys.argv[3]))
s.sendall(sys.argv[2].encode())
while True:
    b = s.recv(65536)
    if not b:
        break
    sys.stdout.write(b.decode("utf-8", "replace"))
EOF
	fi
}

# zk_4lw with a 1 s timeout, for probes of ports that may be anyone's.
zk_4lw_quick() {
	zk_saved_timeout=${ZK_4LW_TIMEOUT:-5}
	ZK_4LW_TIMEOUT=1
	zk_4lw "$1"
	zk_rc=$?
	ZK_4LW_TIMEOUT=$zk_saved_timeout
	return $zk_rc
}

# A random port below Linux's ephemeral range (32768-60999), so that no
# client connection made meanwhile can take it.  Parallel tests may still
# draw the same port: zk_start then sees its server fail and draws again.
zk_pick_port() {
	while :; do
		zk_p=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		zk_p=$((20000 + zk_p % 12000))
		# Something answering there: in use, draw again.
		if ! ZK_PORT=$zk_p zk_4lw_quick ruok >/dev/null; then
			echo "$zk_p"
			return
		fi
	done
}

zk_cleanup() {
	zk_stop
	if [ -n "$ZK_DIR" ] && [ "${ZK_KEEP:-}" != 1 ]; then
		rm -rf "$ZK_DIR"
	fi
	# lib.sh's own EXIT trap, which this one replaces
	if [ -n "${T:-}" ]; then
		rm -rf "$T"
	fi
}

# zk_launch: start java on ZK_DIR/zoo.cfg in the background (ZK_PID).  It
# must not inherit the test's descriptors 3-9: a server holding the write
# end of a FIFO would keep its reader (e.g. zkload --hold) from seeing EOF.
zk_launch() {
	(
		for zk_fd in 3 4 5 6 7 8 9; do
			eval "exec $zk_fd>&-"
		done
		# shellcheck disable=SC2086
		exec "$ZK_JAVA" ${ZK_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} \
		    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
		    -cp "$(zk_classpath)" \
		    org.apache.zookeeper.server.ZooKeeperServerMain \
		    "$ZK_DIR/zoo.cfg"
	) </dev/null >>"$ZK_DIR/server.log" 2>&1 &
	ZK_PID=$!
}

# zk_wait_ready: wait (30 s) until our server answers on ZK_PORT.  Fails
# with ZK_PID empty when java exited, with ZK_PID set when it did not answer.
zk_wait_ready() {
	zk_waited=0
	while [ $zk_waited -lt 300 ]; do
		if ! kill -0 "$ZK_PID" 2>/dev/null; then
			wait "$ZK_PID" 2>/dev/null
			ZK_PID=
			return 1
		fi
		# Ours, not another test's server on the same port?
		if zk_4lw_quick conf | grep -qF "dataDir=$ZK_DIR/data"; then
			return 0
		fi
		sleep 0.1
		zk_waited=$((zk_waited + 1))
	done
	return 1
}

# zk_start: start the server and wait until it serves (at most 30 s).
zk_start() {
	command -v "$ZK_JAVA" >/dev/null 2>&1 || zk_unavailable "$ZK_JAVA not found"
	[ -r "$ZK_JAR" ] || zk_unavailable "$ZK_JAR not found (Debian: zookeeper)"
	command -v bash >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 ||
	    zk_unavailable "neither bash nor python3 to talk to it"
	ZK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/zk.XXXXXX") || exit 1
	trap zk_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	zk_attempt=0
	while [ $zk_attempt -lt 5 ]; do
		zk_attempt=$((zk_attempt + 1))
		ZK_PORT=$(zk_pick_port)
		rm -rf "$ZK_DIR/data" "$ZK_DIR/server.log"
		if [ -n "${ZK_SEED:-}" ]; then
			cp -R "$ZK_SEED" "$ZK_DIR/data" || exit 1
		fi
		cat >"$ZK_DIR/zoo.cfg" <<EOF
tickTime=500
maxSessionTimeout=60000
dataDir=$ZK_DIR/data
clientPortAddress=127.0.0.1
clientPort=$ZK_PORT
admin.enableServer=false
4lw.commands.whitelist=*
forceSync=no
preAllocSize=4096
maxClientCnxns=0
globalOutstandingLimit=100000
EOF
		zk_launch
		if zk_wait_ready; then
			export ZK_PORT ZK_PID ZK_DIR
			ZK_CONNECT=127.0.0.1:$ZK_PORT
			export ZK_CONNECT
			return 0
		fi
		if [ -n "$ZK_PID" ]; then
			echo "ZooKeeper on port $ZK_PORT did not answer in 30 s"
			zk_stop
			break
		fi
		# Exited early: most likely the port was taken; draw again.
		echo "ZooKeeper exited at start on port $ZK_PORT:"
		tail -n 5 "$ZK_DIR/server.log" | sed 's/^/  /'
	done
	echo "cannot start ZooKeeper; log in $ZK_DIR/server.log:"
	tail -n 20 "$ZK_DIR/server.log" | sed 's/^/  /'
	ZK_KEEP=1
	exit 1
}

# zk_stop: stop the server (idempotent), SIGKILL after 10 s.
zk_stop() {
	[ -n "$ZK_PID" ] || return 0
	kill -CONT "$ZK_PID" 2>/dev/null
	kill -TERM "$ZK_PID" 2>/dev/null
	zk_n=0
	while kill -0 "$ZK_PID" 2>/dev/null && [ $zk_n -lt 100 ]; do
		sleep 0.1
		zk_n=$((zk_n + 1))
	done
	kill -KILL "$ZK_PID" 2>/dev/null
	wait "$ZK_PID" 2>/dev/null
	ZK_PID=
	return 0
}

# zk_restart [-KILL]: stop the server (SIGTERM, or SIGKILL for a crash)
# and start it again on the same port and data: sessions survive if the
# restart is quicker than their timeout, ephemeral znodes with them.
zk_restart() {
	if [ "${1:-}" = -KILL ]; then
		kill -CONT "$ZK_PID" 2>/dev/null
		kill -KILL "$ZK_PID" 2>/dev/null
		wait "$ZK_PID" 2>/dev/null
		ZK_PID=
	else
		zk_stop
	fi
	zk_launch
	if ! zk_wait_ready; then
		echo "ZooKeeper did not come back on port $ZK_PORT:"
		tail -n 20 "$ZK_DIR/server.log" | sed 's/^/  /'
		return 1
	fi
	export ZK_PID
}

# zk_pause / zk_resume: freeze and thaw the server (SIGSTOP/SIGCONT) and
# wait (at most 5 s, where /proc exists) until that has happened.  The port
# stays open, so clients see their requests time out: connection loss,
# then session expiry once the session timeout passes after zk_resume.
zk_pause() {
	kill -STOP "$ZK_PID" && zk_wait_state T
}

zk_resume() {
	kill -CONT "$ZK_PID" && zk_wait_state running
}

# zk_wait_state T|running: the process state letter in /proc/PID/stat.
zk_wait_state() {
	[ -r "/proc/$ZK_PID/stat" ] || return 0
	zk_n=0
	while [ $zk_n -lt 50 ]; do
		zk_st=$(sed 's/.*) \(.\).*/\1/' "/proc/$ZK_PID/stat")
		if [ "$1" = T ] && [ "$zk_st" = T ]; then
			return 0
		elif [ "$1" != T ] && [ "$zk_st" != T ]; then
			return 0
		fi
		sleep 0.1
		zk_n=$((zk_n + 1))
	done
	echo "zk_wait_state: server not in state $1"
	return 1
}

# zk_zxid: the server's last zxid, in decimal.
zk_zxid() {
	zk_z=$(zk_4lw srvr | sed -n 's/^Zxid: *//p')
	[ -n "$zk_z" ] || return 1
	printf '%d\n' "$zk_z"
}

# zk_cli ARGS...: ZooKeeper's own Java client (zkCli) on the server, for a
# check that does not go through the C client.  Slow: one JVM per call.
zk_cli() {
	"$ZK_JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
	    -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
	    -cp "$(zk_classpath)" org.apache.zookeeper.ZooKeeperMain \
	    -server "$ZK_CONNECT" "$@"
}

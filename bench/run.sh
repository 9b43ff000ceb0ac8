# Benchmarks, run by "make bench": a ZooKeeper server on loopback loaded
# with a generated cluster, then
#  1. bench/walk: zk2kraft's walks against the fewest reads that give the
#     same result (bench/walk.c): the whole tree for dump -z (goal <= 1.15)
#     and what the translation reads (goal <= 1.10);
#  2. dump to a file and load it back, with time and peak memory;
#  3. dry-run and export from that dump; dry-run, export and verify from
#     the server, each against the translation's baseline, and dump -z
#     against the full one (the baselines' medians, same run);
#  4. verify of the dump against the export.
#  5. the table "from a dump" (bench/dump.sh): generated dumps, no server,
#     sizes BENCH_SIZES (default 10k 100k 1M 2M partitions).
# Size: BENCH_TOPICS x BENCH_PARTITIONS (default 1000 x 100 = 100k
# partitions), BENCH_ROUNDS rounds (default 5), BENCH_WINDOW (default 512).
srcdir=$TOP_SRCDIR/tests
. "$srcdir/lib.sh"
. "$srcdir/zk/server.sh"

topics=${BENCH_TOPICS:-1000}
parts=${BENCH_PARTITIONS:-100}
rounds=${BENCH_ROUNDS:-5}
window=${BENCH_WINDOW:-512}

# The server keeps the whole tree on its heap: give it room.
ZK_JAVA_OPTS=${ZK_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC}
export ZK_JAVA_OPTS
zk_start
echo "bench: loading $topics topics x $parts partitions into $ZK_CONNECT/bench"
start=$(date +%s.%N)
"$ZKLOAD" -z "$ZK_CONNECT" -p /bench --generate "$topics:$parts" || exit 1
echo "bench: loaded in $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s"

echo "bench: walks vs baseline readers"
"$BENCH_WALK" -z "$ZK_CONNECT/bench" -n "$rounds" -s "$ZK_PID" \
    -w "$window" >"$T/walk.txt" || exit 1
cat "$T/walk.txt"
# The baselines' medians: "WALL CPU" (CPU = client + server).
base_full=$(awk '$1 == "dump" && $4 == "baseline" { print $5, $8 }' \
    "$T/walk.txt")
base_kafka=$(awk '$1 == "translation" && $3 == "baseline" { print $4, $7 }' \
    "$T/walk.txt")

# The server's CPU time so far, in clock ticks.
server_ticks() {
	awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$ZK_PID/stat"
}

# live "WALL CPU" OUTPUT COMMAND...: wall time, CPU time (the command's and
# the server's while it ran) and peak memory, each time over the baseline
# reader's.  The server does most of the work; on a busy machine the CPU
# ratio holds still and the wall one does not.
live() {
	base=$1
	out=$2
	shift 2
	ticks=$(server_ticks)
	/usr/bin/time -f "%e %U %S %M" -o "$T/time" "$@" >"$out" || return 1
	ticks=$(($(server_ticks) - ticks))
	read -r wall user sys rss <"$T/time"
	awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v b="$base" \
	    -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {
		split(b, base, " "); c = u + s + t / hz
		printf "  %.2f s wall, %.2f s CPU (%.2f + server %.2f), ", \
		    w, c, u + s, t / hz
		printf "max RSS %d KiB; x baseline: %.3f wall, %.3f CPU\n", \
		    m, w / base[1], c / base[2] }'
}

# Peak memory with GNU time when it is there, else none.
timed() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "  %e s, max RSS %M KiB" "$@"
	else
		start=$(date +%s.%N)
		"$@"
		echo "  $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s"
	fi
}
echo "bench: zk2kraft dump -z (live walk + write)"
live "$base_full" /dev/null "$ZK2KRAFT" -q dump -z "$ZK_CONNECT/bench" \
    -o "$T/bench.json" || exit 1
echo "  $(wc -c <"$T/bench.json") bytes"
echo "bench: zk2kraft dump -i (load + write)"
timed "$ZK2KRAFT" -q dump -i "$T/bench.json" -o "$T/again.json" || exit 1
cmp "$T/bench.json" "$T/again.json" || exit 1
echo "bench: zk2kraft dry-run -i (load, model, translate, encode)"
timed "$ZK2KRAFT" -q dry-run -i "$T/bench.json" >"$T/report.txt" || exit 1
echo "bench: zk2kraft export -i (the same, write, read back, compare)"
timed "$ZK2KRAFT" -q export -i "$T/bench.json" -o "$T/export" || exit 1
echo "  bootstrap.checkpoint: $(wc -c <"$T/export/bootstrap.checkpoint") bytes"
echo "bench: zk2kraft dry-run -z (live walk, model, translate, encode)"
live "$base_kafka" "$T/report-live.txt" "$ZK2KRAFT" -q dry-run \
    -z "$ZK_CONNECT/bench" || exit 1
echo "bench: zk2kraft export -z (live walk + export)"
live "$base_kafka" /dev/null "$ZK2KRAFT" -q export -z "$ZK_CONNECT/bench" \
    -o "$T/export-live" || exit 1
cmp "$T/export/bootstrap.checkpoint" "$T/export-live/bootstrap.checkpoint" || exit 1
echo "bench: zk2kraft verify -z against the export"
live "$base_kafka" "$T/verify-live.txt" "$ZK2KRAFT" -q verify \
    -z "$ZK_CONNECT/bench" --kraft "$T/export" || exit 1
echo "bench: zk2kraft verify -i against the export"
timed "$ZK2KRAFT" -q verify -i "$T/bench.json" --kraft "$T/export" >"$T/verify.txt" || exit 1
zk_stop
. "$TOP_SRCDIR/bench/dump.sh"
exit 0

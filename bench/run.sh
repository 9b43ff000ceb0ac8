# Benchmarks, run by "make bench": a ZooKeeper server on loopback loaded
# with a generated cluster, then
#  1. bench/walk: zk2kraft's walk against a minimal pipelined read of the
#     same znodes (goal: walk / bare <= 1.15);
#  2. dump to a file and load it back, with time and peak memory;
#  3. dry-run and export from that dump, export from the server, and
#     verify of the dump against the export;
#  4. the table "from a dump" (bench/dump.sh): generated dumps, no server,
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

echo "bench: walk vs bare read"
"$BENCH_WALK" -z "$ZK_CONNECT/bench" -n "$rounds" -w "$window" || exit 1

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
timed "$ZK2KRAFT" -q dump -z "$ZK_CONNECT/bench" -o "$T/bench.json" || exit 1
echo "  $(wc -c <"$T/bench.json") bytes"
echo "bench: zk2kraft dump -i (load + write)"
timed "$ZK2KRAFT" -q dump -i "$T/bench.json" -o "$T/again.json" || exit 1
cmp "$T/bench.json" "$T/again.json" || exit 1
echo "bench: zk2kraft dry-run -i (load, model, translate, encode)"
timed "$ZK2KRAFT" -q dry-run -i "$T/bench.json" >"$T/report.txt" || exit 1
echo "bench: zk2kraft export -i (the same, write, read back, compare)"
timed "$ZK2KRAFT" -q export -i "$T/bench.json" -o "$T/export" || exit 1
echo "  bootstrap.checkpoint: $(wc -c <"$T/export/bootstrap.checkpoint") bytes"
echo "bench: zk2kraft export -z (live walk + export)"
timed "$ZK2KRAFT" -q export -z "$ZK_CONNECT/bench" -o "$T/export-live" || exit 1
cmp "$T/export/bootstrap.checkpoint" "$T/export-live/bootstrap.checkpoint" || exit 1
echo "bench: zk2kraft verify -i against the export"
timed "$ZK2KRAFT" -q verify -i "$T/bench.json" --kraft "$T/export" >"$T/verify.txt" || exit 1
zk_stop
. "$TOP_SRCDIR/bench/dump.sh"
exit 0

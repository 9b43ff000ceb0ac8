# The "from a dump" benchmark, run by "make bench" (after the live part)
# and alone by "make bench-dump": for each size, tests/zk/zkload --dump
# writes the dump of a generated stopped cluster (no server: the znodes
# zkload --generate loads, 100 partitions per topic, replication factor
# 3), then
# dry-run -i, export -i and verify -i of it against the export, each with
# its CPU time (user + system) and peak RSS from GNU time; verify/export
# is the ratio of their CPU times; encode is bench/encode on the same
# records (kwrite_checkpoint alone, best of 3, CPU time).
# BENCH_SIZES: partitions, a list (default "10k 100k 1M 2M"; k and M
# multiply by 1,000 and 1,000,000); each a multiple of 100.
sizes=${BENCH_SIZES:-10k 100k 1M 2M}
# Alone (make bench-dump): the temporary directory of tests/lib.sh.
if [ -z "${T:-}" ]; then
	. "$TOP_SRCDIR/tests/lib.sh"
fi

if [ ! -x /usr/bin/time ]; then
	echo "bench: the dump table needs GNU time (/usr/bin/time)" >&2
	exit 1
fi

# cpu FILE CMD...: run CMD, stdout to FILE; print "CPU-seconds RSS-MiB".
cpu() {
	out=$1
	shift
	/usr/bin/time -f '%U %S %M' -o "$T/time" "$@" >"$out" || {
		echo "bench: failed: $*" >&2
		return 1
	}
	awk '{ printf "%.2f %.0f", $1 + $2, $3 / 1024 }' "$T/time"
}

echo "bench: from a dump (CPU s = user + system; RSS = peak, MiB)"
printf '%10s %8s %16s %16s %16s %7s %9s\n' partitions "dump MB" \
    "dry-run s/RSS" "export s/RSS" "verify s/RSS" "ver/exp" "encode"
for size in $sizes; do
	case $size in
	*k) n=$((${size%k} * 1000)) ;;
	*M) n=$((${size%M} * 1000000)) ;;
	*) n=$size ;;
	esac
	if [ $((n % 100)) -ne 0 ] || [ "$n" -eq 0 ]; then
		echo "bench: BENCH_SIZES: $size is not a multiple of 100" >&2
		exit 1
	fi
	topics=$((n / 100))
	dump="$T/gen-$n.json"
	rm -rf "$T/gen-export"
	"$ZKLOAD" --generate "$topics:100" --dump "$dump" || exit 1
	mb=$(awk "BEGIN { printf \"%.0f\", $(wc -c <"$dump") / 1e6 }")
	set -- $(cpu "$T/gen-dry.txt" "$ZK2KRAFT" -q dry-run -i "$dump") \
	    $(cpu /dev/null "$ZK2KRAFT" -q export -i "$dump" -o "$T/gen-export") \
	    $(cpu "$T/gen-verify.txt" "$ZK2KRAFT" -q verify -i "$dump" \
		--kraft "$T/gen-export")
	[ $# -eq 6 ] || exit 1
	enc=$("$BENCH_ENCODE" -g "$topics:100" -n 3) || exit 1
	rate=$(echo "$enc" | sed -n 's/.* \([0-9.]*\) million records.s$/\1/p')
	printf '%10s %8s %9s/%-6s %9s/%-6s %9s/%-6s %7s %5sM/s\n' "$n" "$mb" \
	    "$1" "$2" "$3" "$4" "$5" "$6" \
	    "$(awk "BEGIN { printf \"%.2f\", $5 / ($3 > 0 ? $3 : 1) }")" \
	    "$rate"
	rm -f "$dump"
	rm -rf "$T/gen-export"
done

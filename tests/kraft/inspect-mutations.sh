# 300 randomly damaged copies of Kafka-written files never crash inspect:
# every run exits 0 (the damage was harmless) or 1 with an offset.  The
# sanitizers abort on any error, so a memory bug shows as a signal.
. "${srcdir:-.}/lib.sh"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
K=$FIXTURES/kraft
n=0
decoded=0
for src in "$K/rich-snapshot-epoch3.bin" \
    "$K/kafka-3.9/snapshot/00000000000000000042-0000000001.checkpoint" \
    "$K/kafka-3.9/kip853/bootstrap.checkpoint"; do
	for seed in $(seq 1 100); do
		n=$((n + 1))
		"$MUTATE" "$seed" "$src" "$T/m.checkpoint" || { fail "mutate $seed"; continue; }
		fmt=text
		[ $((seed % 3)) -eq 0 ] && fmt=json
		"$ZK2KRAFT" inspect -f $fmt "$T/m.checkpoint" >/dev/null 2>"$T/err"
		rc=$?
		case $rc in
		0) decoded=$((decoded + 1)); ok ;;
		1) grep -Eq '^zk2kraft: .*m\.checkpoint: offset [0-9]+: ' "$T/err" && ok ||
			fail "seed $seed of $src: message without an offset: $(cat "$T/err")" ;;
		*) fail "seed $seed of $src: exit $rc"; cp "$T/m.checkpoint" "crash-$n.checkpoint"; head -20 "$T/err" ;;
		esac
	done
done
echo "$n mutated files, $decoded still decoded, $((n - decoded)) refused"
finish

# The test of the test: the 3.9 -> 4 cutover with an export in which the
# partition of the pending reassignment is led by the replica that had
# not caught up (break-leader.py) must fail.  Real Kafka heals that leader
# at once (the controllers elect one from the ISR as the brokers
# register), so it is step 4 that sees it: zk2kraft verify finds the
# migrated PartitionRecord's leader differing from ZooKeeper's.

. "${srcdir:-.}/lib.sh"

BREAK=1 sh "${srcdir:-.}/kafka/cutover-3.9-to-4.sh" >"$T/out" 2>&1
rc=$?
sed -n '/^== \|^FAIL\|: leader \|(as migrated)/p' "$T/out"
if [ $rc -eq 77 ]; then
	exit 77
elif [ $rc -eq 0 ]; then
	fail "the scenario passed with a broken export"
elif grep -q 'leader (as migrated)' "$T/out"; then
	ok
else
	tail -n 30 "$T/out"
	fail "the scenario failed, but not at the broken partition"
fi
finish

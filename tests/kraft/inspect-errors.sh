# Corrupt input: a flipped byte, a truncation, trailing garbage and the
# structural errors each give exit 1 and a message naming the file offset,
# after what decoded cleanly was printed.
. "${srcdir:-.}/lib.sh"
SNAP=$FIXTURES/kraft/kafka-3.9/snapshot/00000000000000000042-0000000001.checkpoint

# byte 200 lies inside the data batch (83..1495), covered by its CRC
cp "$SNAP" "$T/flip.checkpoint"
printf '\x5a' | dd of="$T/flip.checkpoint" bs=1 seek=200 conv=notrunc 2>/dev/null
expect_exit 1 "flipped byte" -- "$ZK2KRAFT" inspect "$T/flip.checkpoint"
stderr_has '^zk2kraft: .*/flip.checkpoint: offset 83: CRC mismatch' "flipped byte"
grep -q 'SNAPSHOT_HEADER' "$T/out" && ok || fail "flipped byte: header batch not printed"
grep -q 'TOPIC_RECORD' "$T/out" && fail "flipped byte: printed the corrupt batch" || ok

head -c 1000 "$SNAP" >"$T/trunc.checkpoint"
expect_exit 1 "truncation" -- "$ZK2KRAFT" inspect "$T/trunc.checkpoint"
stderr_has 'offset 83: batch of 1413 bytes, only 917 left: truncated file' "truncation"

head -c 1496 "$SNAP" >"$T/nofooter.checkpoint"
expect_exit 1 "missing footer" -- "$ZK2KRAFT" inspect "$T/nofooter.checkpoint"
stderr_has 'offset 1496: no SnapshotFooterRecord at the end' "missing footer"

{ cat "$SNAP"; printf 'garbage'; } >"$T/garbage.checkpoint"
expect_exit 1 "trailing garbage" -- "$ZK2KRAFT" inspect "$T/garbage.checkpoint"
stderr_has 'offset 1571: 7 bytes after the SnapshotFooterRecord batch' "trailing garbage"

# the same garbage after a segment's last batch
{ cat "$SNAP"; printf 'garbage'; } >"$T/00000000000000000000.log"
expect_exit 1 "segment garbage" -- "$ZK2KRAFT" inspect "$T/00000000000000000000.log"
stderr_has 'offset 1571: 7 trailing bytes, too short for a batch' "segment garbage"

: >"$T/empty.checkpoint"
expect_exit 1 "empty file" -- "$ZK2KRAFT" inspect "$T/empty.checkpoint"
stderr_has 'offset 0: empty file' "empty file"
: >"$T/00000000000000000000.log"
expect_exit 0 "empty segment" -- "$ZK2KRAFT" inspect "$T/00000000000000000000.log"

# baseOffset is outside the CRC: structure checks catch it
cp "$SNAP" "$T/base.checkpoint"
printf '\x07' | dd of="$T/base.checkpoint" bs=1 seek=90 conv=notrunc 2>/dev/null
expect_exit 1 "bad base offset" -- "$ZK2KRAFT" inspect "$T/base.checkpoint"
stderr_has 'offset 83: batch base offset 7, expected 1' "bad base offset"

# the epoch is outside the CRC too, and must match the file name
cp "$SNAP" "$T/00000000000000000042-0000000002.checkpoint"
expect_exit 1 "epoch mismatch" -- "$ZK2KRAFT" inspect "$T/00000000000000000042-0000000002.checkpoint"
stderr_has 'offset 0: batch epoch 1, the snapshot.s is 2' "epoch mismatch"

expect_exit 1 "missing file" -- "$ZK2KRAFT" inspect "$T/nope"
stderr_has "nope: No such file" "missing file"
mkdir "$T/emptydir"
expect_exit 1 "empty directory" -- "$ZK2KRAFT" inspect "$T/emptydir"
stderr_has "no bootstrap.checkpoint, snapshot or log segment" "empty directory"
finish

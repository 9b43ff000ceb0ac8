#!/usr/bin/env python3
"""break-leader.py FILE: the test of the real-Kafka test.  In a
bootstrap.checkpoint or snapshot, make the first partition with a
reassignment in flight led by its first adding replica -- a replica that
has not caught up -- and fix that batch's CRC.  The file still loads, but
the other replicas then truncate to the new leader's shorter log: the
scenario's step 3 must see messages missing.  Prints the partition
changed.  Uses tests/kraft/kcheck.py's independent reader."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kraft"))
import kcheck  # noqa: E402

PARTITION_RECORD = 3


def compact_array(buf, pos):
    """A compact int32 array: (its values, the next position)."""
    n, pos = kcheck.uvarint(buf, pos, len(buf))
    n = max(n - 1, 0)
    return list(struct.unpack_from(">%di" % n, buf, pos)), pos + 4 * n


def main(path):
    buf = bytearray(open(path, "rb").read())
    for batch in kcheck.parse_batches(buf):
        base, records = batch["pos"], batch["records"]
        if batch["control"]:
            continue
        for rec_pos, _key, value in records:
            _frame, p = kcheck.uvarint(value, 0, len(value))
            api, p = kcheck.uvarint(value, p, len(value))
            version, p = kcheck.uvarint(value, p, len(value))
            if api != PARTITION_RECORD:
                continue
            partition = struct.unpack_from(">i", value, p)[0]
            p += 4 + 16  # partitionId, topicId
            arrays = []
            for _ in range(4):  # replicas, isr, removing, adding
                a, p = compact_array(value, p)
                arrays.append(a)
            if not arrays[3]:
                continue
            leader = struct.unpack_from(">i", value, p)[0]
            new = arrays[3][0]
            at = buf.find(value, rec_pos)
            struct.pack_into(">i", buf, at + p, new)
            # The batch CRC covers attributes (offset 21) to the end.
            length = struct.unpack_from(">i", buf, base + 8)[0]
            end = base + 12 + length
            struct.pack_into(">I", buf, base + 17,
                             kcheck.crc32c(bytes(buf[base + 21:end])))
            with open(path + ".tmp", "wb") as f:
                f.write(buf)
            os.replace(path + ".tmp", path)
            print("%s: partition %d (record v%d, adding %s): leader %d -> %d"
                  % (path, partition, version, arrays[3], leader, new))
            return 0
    print("%s: no partition with adding replicas" % path, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

#!/usr/bin/env python3
"""Independent checker for KRaft checkpoints (bootstrap.checkpoint and
<offset>-<epoch>.checkpoint snapshots).

Written from kraft-snapshot-format.md alone (sections 2, 3, 4.1, 6.4, 7.3,
8 and 10), with nothing taken from zk2kraft's C code, so that the two can
check each other.  Python 3 standard library only.

usage: kcheck.py [--bootstrap|--snapshot] FILE

Prints {"batches":N,"records":N,"counts":{"<apiKey>":n,...},
"metadata_version":L} and exits 0 when the file passes, or prints the
problem to stderr and exits 1.  Without --bootstrap or --snapshot the kind
comes from the name: bootstrap.checkpoint is a bootstrap file, anything
else a snapshot.
"""

import json
import os
import struct
import sys

MAX_BATCH = 8 * 1024 * 1024  # KafkaRaftClient.MAX_BATCH_SIZE_BYTES (2.6)
MIN_METADATA_VERSION = 4  # 3.3-IV0, MINIMUM_BOOTSTRAP_VERSION (5.2)

# Control record types (3.2).
CTL_ABORT, CTL_COMMIT = 0, 1
CTL_HEADER, CTL_FOOTER = 3, 4
CTL_KRAFT_VERSION, CTL_VOTERS = 5, 6
KNOWN_CONTROL = {2, 3, 4, 5, 6}

FEATURE_LEVEL = 12
# Metadata api keys that never belong in a checkpoint (7.6, 8.9, 8.10),
# by name for the messages.
FORBIDDEN = {
    1: "UnregisterBrokerRecord",
    5: "PartitionChangeRecord",
    7: "FenceBrokerRecord",
    8: "UnfenceBrokerRecord",
    9: "RemoveTopicRecord",
    17: "BrokerRegistrationChangeRecord",
    19: "RemoveAccessControlEntryRecord",
    20: "NoOpRecord",
    22: "RemoveUserScramCredentialRecord",
    23: "BeginTransactionRecord",
    24: "EndTransactionRecord",
    25: "AbortTransactionRecord",
    26: "RemoveDelegationTokenRecord",
}
# Registrations: a snapshot written by Kafka's image writer holds them, a
# bootstrap file must not (8.9).
REGISTRATIONS = {0: "RegisterBrokerRecord", 27: "RegisterControllerRecord"}


class Bad(Exception):
    """The file breaks a rule; the message says where and how."""


def crc32c_table():
    # Reflected Castagnoli polynomial (2.2).
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for byte in data:
        c = CRC_TABLE[(c ^ byte) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def uvarint(buf, pos, limit):
    """Unsigned LEB128 at buf[pos:limit]: (value, next position)."""
    value = shift = 0
    while True:
        if pos >= limit:
            raise Bad("varint runs past its field")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise Bad("varint longer than 10 bytes")


def zigzag(buf, pos, limit):
    u, pos = uvarint(buf, pos, limit)
    return (u >> 1) ^ -(u & 1), pos


def parse_records(buf, start, end, count, control, where):
    """The records of one batch: a list of (position, key, value)."""
    out = []
    pos = start
    for index in range(count):
        rec_pos = pos
        length, pos = zigzag(buf, pos, end)
        if length <= 0 or pos + length > end:
            raise Bad("offset %d: record length %d out of range"
                      % (rec_pos, length))
        rec_end = pos + length
        pos += 1  # attributes
        ts_delta, pos = zigzag(buf, pos, rec_end)
        off_delta, pos = zigzag(buf, pos, rec_end)
        if ts_delta != 0:
            raise Bad("offset %d: timestampDelta %d" % (rec_pos, ts_delta))
        if off_delta != index:
            raise Bad("offset %d: offsetDelta %d for record %d of %s"
                      % (rec_pos, off_delta, index, where))
        klen, pos = zigzag(buf, pos, rec_end)
        key = None
        if klen >= 0:
            key = bytes(buf[pos:pos + klen])
            pos += klen
        vlen, pos = zigzag(buf, pos, rec_end)
        if vlen <= 0 or pos + vlen > rec_end:
            raise Bad("offset %d: value length %d" % (rec_pos, vlen))
        value = bytes(buf[pos:pos + vlen])
        pos += vlen
        headers, pos = zigzag(buf, pos, rec_end)
        if headers != 0 or pos != rec_end:
            raise Bad("offset %d: headers or trailing bytes in a record"
                      % rec_pos)
        if control and (key is None or len(key) != 4):
            raise Bad("offset %d: control record without a 4-byte key"
                      % rec_pos)
        if not control and key is not None:
            raise Bad("offset %d: metadata record with a key" % rec_pos)
        out.append((rec_pos, key, value))
    if pos != end:
        raise Bad("offset %d: %d bytes after the last record of %s"
                  % (pos, end - pos, where))
    return out


def parse_batches(buf):
    """Every batch of the file, checked on its own (2.1 - 2.3)."""
    batches = []
    pos = 0
    while pos < len(buf):
        if len(buf) - pos < 61:
            raise Bad("offset %d: %d bytes left, too few for a batch header"
                      % (pos, len(buf) - pos))
        (base, length, epoch, magic, crc, attrs, last_delta, base_ts,
         max_ts, pid, pepoch, seq, count) = struct.unpack_from(
            ">qiibIhiqqqhii", buf, pos)
        size = 12 + length
        if length < 49 or pos + size > len(buf):
            raise Bad("offset %d: batch length %d does not fit the file"
                      % (pos, length))
        if size > MAX_BATCH:
            raise Bad("offset %d: batch of %d bytes, over the %d-byte limit"
                      % (pos, size, MAX_BATCH))
        if magic != 2:
            raise Bad("offset %d: magic %d, not 2" % (pos, magic))
        actual = crc32c(buf[pos + 21:pos + size])
        if actual != crc:
            raise Bad("offset %d: CRC mismatch: stored 0x%08x, computed 0x%08x"
                      % (pos, crc, actual))
        if attrs & 0x07:
            raise Bad("offset %d: compressed batch" % pos)
        if attrs & 0x10 or pid != -1:
            raise Bad("offset %d: transactional batch" % pos)
        if count < 0 or last_delta != count - 1:
            raise Bad("offset %d: %d records, lastOffsetDelta %d"
                      % (pos, count, last_delta))
        control = bool(attrs & 0x20)
        where = "the batch at offset %d" % pos
        records = parse_records(buf, pos + 61, pos + size, count, control,
                                where)
        batches.append({"pos": pos, "base": base, "epoch": epoch,
                        "control": control, "records": records})
        pos += size
    return batches


def control_type(key):
    version, ctype = struct.unpack(">hh", key)
    if version < 0:
        raise Bad("negative control key version")
    return ctype


def metadata_frame(value, pos):
    """(api key, version, body offset) of a metadata record value (4.1)."""
    frame, i = uvarint(value, 0, len(value))
    if frame != 1:
        raise Bad("offset %d: frame version %d, not 1" % (pos, frame))
    api, i = uvarint(value, i, len(value))
    version, i = uvarint(value, i, len(value))
    return api, version, i


def feature_level(value, body):
    """Name and level of a FeatureLevelRecord v0 body (5.4)."""
    n, i = uvarint(value, body, len(value))
    if n == 0:
        raise Bad("FeatureLevelRecord with a null name")
    name = value[i:i + n - 1].decode("utf-8")
    i += n - 1
    (level,) = struct.unpack_from(">h", value, i)
    return name, level


def check(path, kind):
    with open(path, "rb") as f:
        buf = f.read()
    if not buf:
        raise Bad("empty file")
    batches = parse_batches(buf)

    # Framing of a checkpoint (3.4, 10).
    first = batches[0]
    if (not first["control"] or not first["records"]
            or control_type(first["records"][0][1]) != CTL_HEADER):
        raise Bad("offset 0: the first batch does not start with a "
                  "SnapshotHeaderRecord")
    last = batches[-1]
    if (not last["control"] or len(last["records"]) != 1
            or control_type(last["records"][0][1]) != CTL_FOOTER):
        raise Bad("offset %d: the last batch is not a lone "
                  "SnapshotFooterRecord" % last["pos"])
    expect = 0
    for b in batches:
        if b["base"] != expect:
            raise Bad("offset %d: base offset %d, expected %d"
                      % (b["pos"], b["base"], expect))
        expect += len(b["records"])
        if b["epoch"] != first["epoch"]:
            raise Bad("offset %d: epoch %d, the first batch has %d"
                      % (b["pos"], b["epoch"], first["epoch"]))
    if kind == "bootstrap" and first["epoch"] != 0:
        raise Bad("offset 0: epoch %d in a bootstrap file" % first["epoch"])
    if kind == "snapshot" and first["epoch"] < 1:
        raise Bad("offset 0: epoch %d in a snapshot" % first["epoch"])

    counts = {}
    nrecords = 0
    mv = None
    for bi, b in enumerate(batches):
        for ri, (pos, key, value) in enumerate(b["records"]):
            if b["control"]:
                ctype = control_type(key)
                if ctype not in KNOWN_CONTROL:
                    raise Bad("offset %d: control record type %d"
                              % (pos, ctype))
                if ctype == CTL_HEADER and (bi, ri) != (0, 0):
                    raise Bad("offset %d: a second SnapshotHeaderRecord"
                              % pos)
                if ctype == CTL_FOOTER and bi != len(batches) - 1:
                    raise Bad("offset %d: SnapshotFooterRecord before the "
                              "end" % pos)
                if ctype == CTL_HEADER and kind == "bootstrap":
                    (_, last_ts) = struct.unpack_from(">hq", value, 0)
                    if last_ts != 0:
                        raise Bad("offset %d: LastContainedLogTimestamp %d "
                                  "in a bootstrap file" % (pos, last_ts))
                if (ctype in (CTL_KRAFT_VERSION, CTL_VOTERS)
                        and kind == "bootstrap"):
                    raise Bad("offset %d: KRaft control record %d in a "
                              "bootstrap file" % (pos, ctype))
                continue
            api, version, body = metadata_frame(value, pos)
            if api in FORBIDDEN:
                raise Bad("offset %d: %s (api key %d) in a %s"
                          % (pos, FORBIDDEN[api], api, kind))
            if api in REGISTRATIONS and kind == "bootstrap":
                raise Bad("offset %d: %s (api key %d) in a bootstrap file"
                          % (pos, REGISTRATIONS[api], api))
            if nrecords == 0:
                if api != FEATURE_LEVEL:
                    raise Bad("offset %d: the first data record has api "
                              "key %d, not FeatureLevelRecord (12)"
                              % (pos, api))
                name, level = feature_level(value, body)
                if name != "metadata.version":
                    raise Bad("offset %d: the first FeatureLevelRecord is "
                              "%s, not metadata.version" % (pos, name))
                if level < MIN_METADATA_VERSION:
                    raise Bad("offset %d: metadata.version %d, below %d"
                              % (pos, level, MIN_METADATA_VERSION))
                mv = level
            elif api == FEATURE_LEVEL:
                name, _ = feature_level(value, body)
                if name == "metadata.version":
                    raise Bad("offset %d: a second metadata.version record"
                              % pos)
            counts[str(api)] = counts.get(str(api), 0) + 1
            nrecords += 1
    if mv is None:
        raise Bad("no data records: no metadata.version")
    return {"batches": len(batches), "records": nrecords,
            "counts": counts, "metadata_version": mv}


def main(argv):
    kind = None
    args = argv[1:]
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt in ("--bootstrap", "--snapshot") and kind is None:
            kind = opt[2:]
        else:
            args = []
            break
    if len(args) != 1:
        sys.stderr.write("usage: kcheck.py [--bootstrap|--snapshot] FILE\n")
        return 2
    path = args[0]
    if kind is None:
        if os.path.basename(path) == "bootstrap.checkpoint":
            kind = "bootstrap"
        else:
            kind = "snapshot"
    try:
        result = check(path, kind)
    except (Bad, OSError, struct.error, UnicodeDecodeError) as exc:
        sys.stderr.write("kcheck.py: %s: %s\n" % (path, exc))
        return 1
    print(json.dumps(result, sort_keys=True, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

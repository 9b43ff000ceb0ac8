#!/usr/bin/env python3
# Turn a znode listing written by hand into a zk2kraft dump file.
#
# usage: tools/znodes2dump.py [-o OUT | -c DUMP] [IN]
#
# IN (default stdin) holds one znode per line, as in zookeeper-layout.md
# section 7.1:
#
#     <path> <mode> <dataVersion> <data>
#
# mode is P (persistent), E (ephemeral) or PS (persistent sequential),
# optionally followed by @<czxid> (decimal or 0x hex) to fix the creation
# zxid, e.g. E@0x300000041.  data is the rest of the line, byte for byte
# (no escapes); "-" is null data and "b64:<base64>" gives binary data.
# Blank lines and lines starting with "#" are comments.  The first other
# line may be "root <path>" (default "/").
#
# The listing must be complete: the dump root and every parent of every
# znode must be listed (a missing parent is an error, so fixtures say what
# they hold), except "/", which ZooKeeper always has and which is added with
# null data when absent.  Ephemeral znodes cannot have children, and a dump
# rooted at "/" must not hold the /zookeeper subtree.
#
# The output is the canonical dump that src/tree.c writes, so that
# "zk2kraft dump -i OUT -o COPY" gives the same bytes.  The stat fields are
# synthetic but deterministic and consistent:
#   czxid       "/" has 0, as in ZooKeeper; other znodes are numbered in
#               byte order of path from 0x100000002, each taking
#               1 + dataVersion zxids (its create and its sets), unless @
#               fixes it
#   mzxid       czxid + dataVersion
#   version     the dataVersion column
#   cversion    the number of children
#   pzxid       the highest czxid of the children, or its own czxid
#   ephemeral_owner  0 for persistent znodes; for ephemeral ones the
#               session 0x10000a3c2e70000 + n, n being the broker id for
#               .../brokers/ids/<id>, the "brokerid" for .../controller
#               (the controller's session is its broker's), otherwise
#               0x1000 + the ephemeral znode's ordinal
#
# -c DUMP compares the output with DUMP instead of writing it (exit 1 on a
# difference), to check that a committed fixture is up to date.
# Python 3 standard library only.
import argparse
import base64
import binascii
import json
import re
import sys

ZXID_START = 0x100000002
SESSION_BASE = 0x10000A3C2E70000
MODES = ("P", "E", "PS")


class FixtureError(Exception):
    pass


class Znode:
    def __init__(self, path, mode, version, data, czxid, lineno):
        self.path = path
        self.mode = mode
        self.version = version
        self.data = data  # bytes, or None for null data
        self.fixed_czxid = czxid  # None unless @ was given
        self.lineno = lineno
        self.children = []
        self.czxid = self.mzxid = self.pzxid = 0
        self.owner = 0


def check_path(path, what):
    if not path.startswith("/"):
        raise FixtureError("%s: not an absolute path" % what)
    if path == "/":
        return
    if path.endswith("/"):
        raise FixtureError("%s: trailing /" % what)
    for name in path[1:].split("/"):
        if name in ("", ".", ".."):
            raise FixtureError("%s: empty, . or .. path component" % what)
    if "\0" in path:
        raise FixtureError("%s: NUL in path" % what)


def parent_of(path):
    i = path.rindex("/")
    return "/" if i == 0 else path[:i]


def parse_int(text, what):
    try:
        return int(text, 0)
    except ValueError:
        raise FixtureError("%s: not a number: %s" % (what, text))


def parse_data(raw, what):
    if raw == b"-":
        return None
    if raw.startswith(b"b64:"):
        try:
            return base64.b64decode(raw[4:], validate=True)
        except binascii.Error as exc:
            raise FixtureError("%s: bad base64: %s" % (what, exc))
    return raw


def parse(lines):
    root = None
    nodes = {}
    for lineno, line in enumerate(lines, 1):
        where = "line %d" % lineno
        if line.endswith(b"\n"):
            line = line[:-1]
        if line.strip() == b"" or line.startswith(b"#"):
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if root is None and not nodes and line.startswith(b"root "):
            root = text[5:] if text is not None else ""
            check_path(root, where)
            continue
        fields = line.split(b" ", 3)
        if len(fields) != 4:
            raise FixtureError("%s: want <path> <mode> <dataVersion> <data>"
                               % where)
        try:
            path = fields[0].decode("utf-8")
            mode = fields[1].decode("ascii")
        except UnicodeDecodeError:
            raise FixtureError("%s: path or mode is not UTF-8" % where)
        check_path(path, "%s: %s" % (where, path))
        czxid = None
        if "@" in mode:
            mode, at = mode.split("@", 1)
            czxid = parse_int(at, where + ": czxid")
            if not 0 <= czxid < 1 << 63:
                raise FixtureError("%s: czxid out of range" % where)
        if mode not in MODES:
            raise FixtureError("%s: mode %s is not P, E or PS" % (where, mode))
        if mode == "PS" and not re.search(r"[0-9]{10}$", path):
            raise FixtureError("%s: %s: a sequential name ends in 10 digits"
                               % (where, path))
        version = parse_int(fields[2].decode("ascii", "replace"),
                            where + ": dataVersion")
        if not 0 <= version < 1 << 31:
            raise FixtureError("%s: dataVersion out of range" % where)
        if path in nodes:
            raise FixtureError("%s: %s: duplicate (first on line %d)"
                               % (where, path, nodes[path].lineno))
        data = parse_data(fields[3], "%s: %s" % (where, path))
        nodes[path] = Znode(path, mode, version, data, czxid, lineno)
    return root or "/", nodes


def build(root, nodes):
    if root == "/" and "/" not in nodes:
        nodes["/"] = Znode("/", "P", 0, None, None, 0)
    if root not in nodes:
        raise FixtureError("root %s is not listed" % root)
    order = sorted(nodes.values(), key=lambda n: n.path.encode("utf-8"))
    for n in order:
        if n.path == root:
            continue
        if root != "/" and not n.path.startswith(root + "/"):
            raise FixtureError("line %d: %s: outside the root %s"
                               % (n.lineno, n.path, root))
        if root == "/" and (n.path == "/zookeeper" or
                            n.path.startswith("/zookeeper/")):
            raise FixtureError("line %d: %s: /zookeeper is ZooKeeper's own, "
                               "not part of a dump" % (n.lineno, n.path))
        parent = nodes.get(parent_of(n.path))
        if parent is None:
            raise FixtureError("line %d: %s: parent %s is not listed"
                               % (n.lineno, n.path, parent_of(n.path)))
        if parent.mode == "E":
            raise FixtureError("line %d: %s: parent %s is ephemeral"
                               % (n.lineno, n.path, parent.path))
        parent.children.append(n)
    if nodes[root].mode == "E":
        raise FixtureError("the root %s cannot be ephemeral" % root)

    zxid = ZXID_START
    ephemerals = 0
    for n in order:
        if n.fixed_czxid is not None:
            n.czxid = n.fixed_czxid
        elif n.path == "/":
            n.czxid = 0
        else:
            n.czxid = zxid
            zxid += 1 + n.version
        n.mzxid = n.czxid + n.version
        if n.mode == "E":
            ephemerals += 1
            n.owner = SESSION_BASE + session_of(n, ephemerals)
    for n in order:
        n.pzxid = max([c.czxid for c in n.children] + [n.czxid])
    return order


def session_of(n, ordinal):
    m = re.search(r"/brokers/ids/([0-9]+)$", n.path)
    if m:
        return int(m.group(1))
    if n.path.endswith("/controller") or n.path == "/controller":
        try:
            return int(json.loads(n.data)["brokerid"])
        except (TypeError, ValueError, KeyError):
            pass
    return 0x1000 + ordinal


ESCAPES = {0x22: b'\\"', 0x5C: b"\\\\", 0x0A: b"\\n", 0x09: b"\\t",
           0x0D: b"\\r", 0x08: b"\\b", 0x0C: b"\\f"}


def json_str(raw):
    """raw: UTF-8 bytes.  Returns the JSON string literal as bytes."""
    out = bytearray(b'"')
    for c in raw:
        if c in ESCAPES:
            out += ESCAPES[c]
        elif c < 0x20:
            out += b"\\u%04x" % c
        else:
            out.append(c)
    out += b'"'
    return bytes(out)


def is_text(data):
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def render(root, order):
    out = [b'{"format":"zk2kraft-dump","version":1,"root":' +
           json_str(root.encode("utf-8")) + b',"znodes":[\n']
    for i, n in enumerate(order):
        line = b'{"path":' + json_str(n.path.encode("utf-8"))
        if n.data is None:
            line += b',"data":null'
        elif is_text(n.data):
            line += b',"data":' + json_str(n.data)
        else:
            line += b',"data_base64":"' + base64.b64encode(n.data) + b'"'
        line += (b',"version":%d,"cversion":%d,"czxid":%d,"mzxid":%d,'
                 b'"pzxid":%d,"ephemeral_owner":%d}'
                 % (n.version, len(n.children), n.czxid, n.mzxid, n.pzxid,
                    n.owner))
        out.append(line + (b",\n" if i + 1 < len(order) else b"\n"))
    out.append(b"]}\n")
    return b"".join(out)


def main():
    ap = argparse.ArgumentParser(
        description="znode listing (zookeeper-layout.md 7.1) -> zk2kraft dump")
    grp = ap.add_mutually_exclusive_group()
    grp.add_argument("-o", dest="out", help="write the dump here (default stdout)")
    grp.add_argument("-c", dest="check", help="compare with this dump instead")
    ap.add_argument("input", nargs="?", help="znode listing (default stdin)")
    args = ap.parse_args()

    name = args.input or "<stdin>"
    try:
        if args.input:
            with open(args.input, "rb") as f:
                lines = f.readlines()
        else:
            lines = sys.stdin.buffer.readlines()
        root, nodes = parse(lines)
        dump = render(root, build(root, nodes))
    except (OSError, FixtureError) as exc:
        sys.exit("znodes2dump: %s: %s" % (name, exc))

    if args.check:
        try:
            with open(args.check, "rb") as f:
                old = f.read()
        except OSError as exc:
            sys.exit("znodes2dump: %s" % exc)
        if old != dump:
            sys.exit("znodes2dump: %s is not what %s gives" % (args.check, name))
        return
    if args.out:
        with open(args.out, "wb") as f:
            f.write(dump)
    else:
        sys.stdout.buffer.write(dump)


if __name__ == "__main__":
    main()

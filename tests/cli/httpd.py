#!/usr/bin/env python3
"""A loopback HTTP(S) server for tests/cli/http-post.sh.

    httpd.py DIR [--tls CERT KEY]

Listens on 127.0.0.1 on a port the kernel picks and writes that port to
DIR/port once it serves.  Each request is recorded before it is answered:
DIR/req/NNNN.body (the raw body) and then DIR/req/NNNN.json (method, path,
headers as [name, value] pairs, and the body's length), so a test that
counts *.json files sees whole records only.

The answers follow DIR/plan, a comma-separated list read at each request;
each request takes the next entry and the last one repeats.  Writing a new
plan file (under a new name, then renamed over DIR/plan) starts again at
its first entry.  Entries:
    200, 503, 400, ...  that status (a 3xx also sends a Location header);
                        a non-2xx body is "nope", a BEL and 300 "x"s
    sleep:MS            wait MS milliseconds, then 200
    close               close the connection without an answer
No plan file means 200.

The server exits when its parent (the test's shell) goes away, and after
10 minutes in any case, so a test killed without running its traps
leaves nothing listening for long.
"""
import http.server
import json
import os
import ssl
import sys
import threading
import time

DIR = sys.argv[1]
REQ = os.path.join(DIR, "req")
lock = threading.Lock()
state = {"gen": None, "next": 0, "count": 0}


def next_action():
    """The plan entry for this request (under lock)."""
    path = os.path.join(DIR, "plan")
    try:
        st = os.stat(path)
        with open(path) as f:
            plan = [s.strip() for s in f.read().split(",") if s.strip()]
        gen = (st.st_ino, st.st_mtime_ns)
    except FileNotFoundError:
        plan, gen = ["200"], None
    if gen != state["gen"]:
        state["gen"], state["next"] = gen, 0
    if not plan:
        plan = ["200"]
    action = plan[min(state["next"], len(plan) - 1)]
    state["next"] += 1
    return action


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("httpd: " + (fmt % args) + "\n")

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        with lock:
            state["count"] += 1
            n = state["count"]
            action = next_action()
        base = os.path.join(REQ, "%04d" % n)
        write_atomic(base + ".body", body)
        record = {
            "method": self.command,
            "path": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "length": len(body),
        }
        write_atomic(base + ".json", json.dumps(record).encode())
        if action == "close":
            self.close_connection = True
            return
        status = 200
        if action.startswith("sleep:"):
            time.sleep(int(action[6:]) / 1000.0)
        else:
            status = int(action)
        out = b'{"ok":true}\n'
        if not 200 <= status < 300:
            out = b"nope\x07" + b"x" * 300
        try:
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)
        except OSError:
            pass  # the client gave up (a timeout test)

    do_POST = handle_any
    do_GET = handle_any
    do_PUT = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        sys.stderr.write("httpd: error from %s: %s\n"
                         % (client_address, sys.exc_info()[1]))


def watch_parent(ppid):
    deadline = time.monotonic() + 600
    while os.getppid() == ppid and time.monotonic() < deadline:
        time.sleep(0.5)
    os._exit(0)


def main():
    os.makedirs(REQ, exist_ok=True)
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 5 and sys.argv[2] == "--tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    elif len(sys.argv) != 2:
        sys.exit("usage: httpd.py DIR [--tls CERT KEY]")
    threading.Thread(target=watch_parent, args=(os.getppid(),),
                     daemon=True).start()
    write_atomic(os.path.join(DIR, "port"),
                 str(server.server_address[1]).encode())
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A loopback HTTP/1.1 file server for gpulock's tests, with fault injection.

Serves --root on 127.0.0.1 (port --port, 0 = any free port; the chosen port is written to
--port-file, or printed as the first line on stdout). A directory is served through its
index.html. Every response carries ETag and Last-Modified; a matching If-None-Match (or,
without one, an If-Modified-Since not older than the file) gets 304. Single Range requests
(bytes=A-B, bytes=A-, bytes=-N) get 206 with Content-Range; multi-range requests get the
whole file; an unsatisfiable range gets 416.

Faults are URL prefixes in front of the served path, and they can be chained:
  /__fault/status/CODE/<path>         always answer CODE
  /__fault/status/CODE/N/<path>       answer CODE for the first N requests of this URL, then serve
  /__fault/drop/<path>                send the headers and half the body, then close the connection
  /__fault/drop/N/<path>              ...only for the first N requests of this URL
  /__fault/norange/<path>             ignore Range (200 + whole body) and send no Accept-Ranges
  /__fault/corrupt/<path>             flip one byte of the body (a digest mismatch)
  /__fault/slow/MS/<path>             wait MS milliseconds before answering
  /__fault/redirect/<path>            302 to /<path> (the rest of the URL, faults included)
  /__fault/auth/USER:PASS/<path>      401 unless the request carries HTTP Basic USER:PASS
"Requests of this URL" counts by the full request path, faults included, so tests that use
distinct URLs do not disturb each other.

Control endpoints:
  /__stats   JSON: {"total": N, "counts": {request path: N}, "last": {request path: {"method",
             "headers"}}, "last_request": {"path", "method", "headers"}}
  /__reset   zeroes the counters and forgets the request log
Stats endpoints are not counted. The server stops cleanly on SIGTERM and SIGINT.
With --tls-cert/--tls-key it speaks HTTPS (tests of certificate verification).
"""
import argparse
import base64
import email.utils
import hashlib
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

MAX_SLOW_MS = 60_000


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.total = 0
            self.counts = {}
            self.last = {}
            self.last_request = None

    def record(self, path, method, headers):
        """Counts a request and returns how many requests of this path came before it."""
        entry = {"path": path, "method": method, "headers": dict(headers.items())}
        with self.lock:
            before = self.counts.get(path, 0)
            self.counts[path] = before + 1
            self.total += 1
            self.last[path] = {"method": method, "headers": entry["headers"]}
            self.last_request = entry
            return before

    def snapshot(self):
        with self.lock:
            return {"total": self.total, "counts": dict(self.counts), "last": dict(self.last),
                    "last_request": self.last_request}


class Faults:
    def __init__(self):
        self.status = None       # (code, limit or None)
        self.drop = None         # limit or None (None = always), only if drop_on
        self.drop_on = False
        self.norange = False
        self.corrupt = False
        self.slow_ms = 0
        self.redirect = False
        self.auth = None         # "user:password" required, or None


def parse_faults(path):
    """Splits '/__fault/.../<path>' into (Faults, '/<path>'); raises ValueError when malformed."""
    faults = Faults()
    while path.startswith("/__fault/"):
        parts = path[len("/__fault/"):].split("/")
        kind = parts[0]
        rest = parts[1:]

        def take_count():
            if rest and rest[0].isdigit() and len(rest) > 1:
                return int(rest.pop(0))
            return None

        if kind == "status":
            if not rest or not rest[0].isdigit():
                raise ValueError("status fault needs a code")
            code = int(rest.pop(0))
            if not 100 <= code <= 599:
                raise ValueError("status code out of range")
            faults.status = (code, take_count())
        elif kind == "drop":
            faults.drop_on = True
            faults.drop = take_count()
        elif kind == "norange":
            faults.norange = True
        elif kind == "corrupt":
            faults.corrupt = True
        elif kind == "slow":
            if not rest or not rest[0].isdigit():
                raise ValueError("slow fault needs milliseconds")
            faults.slow_ms = min(int(rest.pop(0)), MAX_SLOW_MS)
        elif kind == "auth":
            if not rest or ":" not in rest[0]:
                raise ValueError("auth fault needs USER:PASS")
            faults.auth = unquote(rest.pop(0))
        elif kind == "redirect":
            faults.redirect = True
            return faults, "/" + "/".join(rest)
        else:
            raise ValueError(f"unknown fault {kind!r}")
        path = "/" + "/".join(rest)
    return faults, path


def parse_range(header, size):
    """Returns (start, end_inclusive), None to serve the whole body, or 'unsatisfiable'."""
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    spec = header[len("bytes="):].strip()
    first, sep, last = spec.partition("-")
    if not sep:
        return None
    try:
        if first == "":
            n = int(last)
            if n <= 0:
                return "unsatisfiable"
            return (max(0, size - n), size - 1) if size else "unsatisfiable"
        start = int(first)
        end = int(last) if last else size - 1
    except ValueError:
        return None
    if start >= size or end < start:
        return "unsatisfiable"
    return start, min(end, size - 1)


def etag_matches(header, etag):
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == "*" or candidate == etag:
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "gpulock-test-server/1"
    # Headers and body go out as separate writes: without TCP_NODELAY, Nagle's algorithm and
    # delayed ACKs hold the body back ~40 ms on every reused connection.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("server: " + (fmt % args) + "\n")

    def send_plain(self, code, text, extra_headers=()):
        body = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra_headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        raw_path = urlsplit(self.path).path
        if raw_path == "/__stats":
            return self.send_json(self.server.stats.snapshot())
        if raw_path == "/__reset":
            self.server.stats.reset()
            return self.send_json({"reset": True})
        before = self.server.stats.record(raw_path, self.command, self.headers)
        try:
            faults, path = parse_faults(raw_path)
        except ValueError as e:
            return self.send_plain(400, f"bad fault URL: {e}\n")
        if faults.slow_ms:
            time.sleep(faults.slow_ms / 1000.0)
        if faults.redirect:
            return self.send_plain(302, "moved\n", [("Location", path)])
        if faults.auth is not None:
            expected = "Basic " + base64.b64encode(faults.auth.encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.send_plain(401, "authentication required\n",
                                       [("WWW-Authenticate", 'Basic realm="gpulock-test"')])
        if faults.status:
            code, limit = faults.status
            if limit is None or before < limit:
                return self.send_plain(code, f"injected status {code}\n")
        self.serve_file(path, faults, before)

    def send_json(self, obj):
        body = json.dumps(obj, sort_keys=True).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def resolve(self, path):
        root = self.server.root
        target = os.path.realpath(os.path.join(root, unquote(path).lstrip("/")))
        if target != root and not target.startswith(root + os.sep):
            return None
        if os.path.isdir(target):
            target = os.path.join(target, "index.html")
        return target if os.path.isfile(target) else None

    def serve_file(self, path, faults, before):
        target = self.resolve(path)
        if target is None:
            return self.send_plain(404, f"not found: {path}\n")
        with open(target, "rb") as f:
            body = f.read()
        st = os.stat(target)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        last_modified = email.utils.formatdate(st.st_mtime, usegmt=True)
        validators = [("ETag", etag), ("Last-Modified", last_modified)]

        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            not_modified = etag_matches(inm, etag)
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
                not_modified = int(st.st_mtime) <= since
            except (TypeError, ValueError):
                not_modified = False
        if not_modified:
            self.send_response(304)
            for k, v in validators:
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return

        if faults.corrupt and body:
            mid = len(body) // 2
            body = body[:mid] + bytes([body[mid] ^ 0xFF]) + body[mid + 1:]

        status = 200
        extra = []
        rng = None if faults.norange else parse_range(self.headers.get("Range"), len(body))
        if rng == "unsatisfiable":
            return self.send_plain(416, "range not satisfiable\n",
                                   [("Content-Range", f"bytes */{len(body)}")])
        if rng is not None:
            start, end = rng
            extra.append(("Content-Range", f"bytes {start}-{end}/{len(body)}"))
            body = body[start:end + 1]
            status = 206
        if not faults.norange:
            extra.append(("Accept-Ranges", "bytes"))

        self.send_response(status)
        ctype = "text/html; charset=utf-8" if target.endswith(".html") else "application/octet-stream"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in validators + extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command == "HEAD":
            return
        if faults.drop_on and (faults.drop is None or before < faults.drop):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops bursts of parallel connections
    verbose = False

    def handle_error(self, request, client_address):
        # Clients that give up (timeouts, rejected certificates) are part of the tests.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)) and not self.verbose:
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="directory to serve")
    ap.add_argument("--port", type=int, default=0, help="0 = any free port")
    ap.add_argument("--port-file", help="write the chosen port here (atomically)")
    ap.add_argument("--verbose", action="store_true", help="log requests on stderr")
    ap.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate (and --tls-key)")
    ap.add_argument("--tls-key", help="PEM private key of --tls-cert")
    args = ap.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        # A client that rejects the certificate makes accept() fail; socketserver ignores that.
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.root = os.path.realpath(args.root)
    server.stats = Stats()
    server.verbose = args.verbose
    port = server.server_address[1]

    def stop(signum, frame):
        # shutdown() waits for serve_forever to return, so it must run on another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, args.port_file)
    else:
        print(port, flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Hostile requests against nubo-proxy, as an attacker would send them, on 127.0.0.1 only.

Starts a mock upstream (the one allowlisted cloud, answering with pages, scripts, hostile
headers and redirects), a canary (a service on this machine that nothing may reach through the
proxy) and nubo-proxy itself, then sends each case over a raw socket, so that request lines and
headers no HTTP library would send (smuggling, absolute-form, slowloris) are sent as written.
Prints one line per case and `N passed, N failed`; exits 1 if any failed.

Usage: hostile.py PATH/TO/nubo-proxy
"""

import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"
SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'"


class Recorder:
    def __init__(self):
        self.paths = []
        self.lock = threading.Lock()

    def add(self, path):
        with self.lock:
            self.paths.append(path)

    def saw(self, fragment):
        with self.lock:
            return any(fragment in p for p in self.paths)


UPSTREAM = Recorder()
CANARY = Recorder()
PAGE = b"<html><script>fetch('/proxy/steal?'+localStorage.length)</script></html>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
HOSTILE_HEADERS = [
    ("Service-Worker-Allowed", "/"),
    ("Clear-Site-Data", '"*"'),
    ("WWW-Authenticate", 'Basic realm="nubo"'),
    ("Refresh", "0; url=http://127.0.0.1:1/"),
    ("Link", "<http://127.0.0.1:1/x.css>; rel=stylesheet"),
    ("Set-Cookie", "session=planted; Path=/"),
    ("Content-Security-Policy", "script-src *"),
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Credentials", "true"),
    ("X-Frame-Options", "ALLOWALL"),
]


def upstream_handler(canary_port):
    class Upstream(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body, content_type=None, extra=()):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in extra:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def read_body(self):
            # A chunked body left unread would be taken for the next request on this kept-alive
            # connection (http.server only knows Content-Length), as a real upstream never would.
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                body = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return body
                    body += self.rfile.read(size)
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def handle_any(self):
            UPSTREAM.add(self.path)
            body = self.read_body()
            path = self.path.split("?")[0]
            if path == "/html":
                self.answer(200, PAGE, "text/html", HOSTILE_HEADERS)
            elif path == "/svg":
                self.answer(200, SVG, "image/svg+xml", HOSTILE_HEADERS)
            elif path == "/untyped":
                self.answer(200, PAGE, None, HOSTILE_HEADERS)
            elif path == "/script":
                self.answer(200, b"alert(1)", "application/javascript", HOSTILE_HEADERS)
            elif path == "/redirect-metadata":
                self.answer(302, b"", None, [("Location", "http://169.254.169.254/latest/meta-data/")])
            elif path == "/redirect-canary":
                self.answer(307, b"", None, [("Location", f"http://{HOST}:{canary_port}/")])
            elif path == "/big":
                self.answer(200, b"x" * (2 * 1024 * 1024), "application/json")
            else:
                seen = {k.lower(): v for k, v in self.headers.items()}
                reply = json.dumps({"method": self.command, "headers": seen, "body": body.decode("latin-1")})
                self.answer(200, reply.encode(), "application/json")

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = handle_any
        do_TRACE = do_PROPFIND = do_CONNECT = handle_any

    return Upstream


class Canary(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        CANARY.add(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "6")
        self.end_headers()
        self.wfile.write(b"canary")

    do_POST = do_PUT = do_DELETE = do_TRACE = do_CONNECT = do_GET


def start(handler):
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Answer:
    def __init__(self, raw, closed, elapsed):
        self.raw = raw
        self.closed = closed
        self.elapsed = elapsed
        head, _, self.body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            self.status = int(lines[0].split()[1])
        except (IndexError, ValueError):
            self.status = None
        self.headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers.setdefault(name.strip().lower(), []).append(value.strip())
        self.responses = raw.count(b"HTTP/1.1 ") + raw.count(b"HTTP/1.0 ")

    def header(self, name):
        values = self.headers.get(name)
        return values[0] if values else None

    def json(self):
        try:
            return json.loads(self.body.decode("latin-1"))
        except ValueError:
            return {}

    def __repr__(self):
        return f"status {self.status}, {self.raw[:200]!r}"


def send(port, data, timeout=6.0, pause_after=None):
    """Writes `data` as it is and reads until the server closes or `timeout` passes."""
    started = time.monotonic()
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(data)
        if pause_after is not None:
            time.sleep(pause_after)
        chunks, closed = [], False
        s.settimeout(timeout)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                chunks.append(chunk)
        except (socket.timeout, TimeoutError):
            pass
        except ConnectionResetError:
            closed = True
    return Answer(b"".join(chunks), closed, time.monotonic() - started)


def request(port, method, target, headers=(), body=b"", host=None):
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host or f'{HOST}:{port}'}"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return send(port, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    canary = start(Canary)
    canary_port = canary.server_address[1]
    upstream = start(upstream_handler(canary_port))
    up = upstream.server_address[1]
    port = free_port()
    work = tempfile.mkdtemp(prefix="nubo-hostile-")
    dist = os.path.join(work, "dist")
    os.mkdir(dist)
    with open(os.path.join(dist, "index.html"), "w") as f:
        f.write("<!DOCTYPE html><html><body>nubo</body></html>")
    with open(os.path.join(work, "secret.txt"), "w") as f:
        f.write("TOP-SECRET-OUTSIDE-DIST")
    config = os.path.join(work, "nubo.toml")
    with open(config, "w") as f:
        f.write(
            f'listen = "{HOST}:{port}"\ndist = "dist"\nworkers = 1\n'
            f'app_origins = ["https://app.nubo.test"]\n'
            f"[limits]\nheader_timeout_secs = 2\nresponse_bytes = 1048576\n"
            f'[[upstreams]]\npattern = "http://{HOST}:{up}"\n'
            # The widest wildcard: even it must reach no internal address.
            f'[[upstreams]]\npattern = "http://*:*"\n'
        )
    log = open(os.path.join(work, "proxy.log"), "w")
    proxy = subprocess.Popen([sys.argv[1], "--config", config], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(port, "GET", "/healthz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proxy.poll() is not None:
                sys.exit(f"nubo-proxy did not start; its log is {log.name}")
            time.sleep(0.1)
        failed = run_cases(port, up, canary_port, work)
        if failed:
            # What the proxy said about it (its warnings name an upstream failure's cause).
            with open(log.name) as said:
                print("".join(line for line in said if " WARN " in line or " ERROR " in line)[-4000:])
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        upstream.shutdown()
        canary.shutdown()
    sys.exit(1 if failed else 0)


def run_cases(port, up, canary_port, work):
    upstream_url = f"http://{HOST}:{up}"
    cases = []

    def case(name):
        def register(check):
            cases.append((name, check))
            return check

        return register

    def proxied(path, headers=(), method="GET", body=b"", host=None):
        return request(port, method, f"/proxy/{upstream_url}{path}", headers, body, host)

    # 1. Upstream answers are inert data: never a page, script or style of nubo's origin.
    for path in ["/html", "/svg", "/untyped", "/script"]:
        for header, want in [
            ("content-security-policy", SANDBOX),
            ("x-content-type-options", "nosniff"),
            ("content-disposition", "attachment"),
        ]:
            @case(f"upstream {path} answer carries {header}: {want}")
            def _(path=path, header=header, want=want):
                a = proxied(path)
                return a.status == 200 and a.headers.get(header) == [want], a

    for name, _ in HOSTILE_HEADERS:
        @case(f"upstream's {name} is not passed back")
        def _(name=name.lower()):
            a = proxied("/html")
            value = a.header(name)
            ours = {
                "content-security-policy": SANDBOX,
                "x-frame-options": "DENY",
            }
            if name in ours:
                return a.headers.get(name) == [ours[name]], a
            if name == "access-control-allow-origin":
                return value is None, a  # no Origin sent: no CORS answer at all
            return value is None, a

    # 2. Never opened as a page, never loaded as a resource.
    for headers in [
        [("Sec-Fetch-Dest", "document"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Site", "none")],
        [("Sec-Fetch-Mode", "navigate")],
        [("Sec-Fetch-Dest", "iframe"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Site", "same-origin")],
        [("Sec-Fetch-Dest", "script"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Site", "same-origin")],
        [("Sec-Fetch-Dest", "style"), ("Sec-Fetch-Mode", "no-cors")],
        [("Sec-Fetch-Dest", "image"), ("Sec-Fetch-Mode", "no-cors")],
        [("Sec-Fetch-Dest", "worker"), ("Sec-Fetch-Mode", "same-origin")],
        [("Sec-Fetch-Dest", "serviceworker"), ("Sec-Fetch-Mode", "same-origin")],
        [("Sec-Fetch-Dest", "object"), ("Sec-Fetch-Mode", "no-cors")],
    ]:
        label = ", ".join(f"{k}: {v}" for k, v in headers)
        @case(f"a load of an upstream page is refused ({label})")
        def _(headers=headers):
            marker = f"/html?nav={len(UPSTREAM.paths)}-{time.monotonic_ns()}"
            a = proxied(marker, headers)
            return a.status == 403 and not UPSTREAM.saw(marker), a

    # 3. No other site drives the proxy through a user's browser.
    for label, headers, status in [
        ("a foreign Origin", [("Origin", "http://attacker.test")], 403),
        ("Origin null (a sandboxed frame)", [("Origin", "null")], 403),
        ("the proxy's host on another port", [("Origin", f"http://{HOST}:{port + 1}")], 403),
        ("Sec-Fetch-Site: cross-site", [("Sec-Fetch-Site", "cross-site")], 403),
        ("a foreign Origin on a preflight", [("Origin", "http://attacker.test"), ("Access-Control-Request-Method", "POST")], 403),
    ]:
        @case(f"a cross-site POST is refused: {label}")
        def _(headers=headers, status=status):
            marker = f"/echo?cross={time.monotonic_ns()}"
            method = "OPTIONS" if any(k.startswith("Access-Control") for k, _ in headers) else "POST"
            a = proxied(marker, headers, method=method, body=b"Action=DeleteSnapshot" if method == "POST" else b"")
            return a.status == status and not UPSTREAM.saw(marker), a

    @case("nubo's own fetch passes (control)")
    def _():
        a = proxied("/echo", [("Origin", f"http://{HOST}:{port}"), ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")])
        return a.status == 200 and a.json().get("method") == "GET", a

    @case("the configured app origin passes cross-site (control)")
    def _():
        a = proxied("/echo", [("Origin", "https://app.nubo.test"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")])
        return a.status == 200 and a.header("access-control-allow-origin") == "https://app.nubo.test", a

    for host in ["rebind.attacker.test", f"rebind.attacker.test:{port}", f"localhost.attacker.test:{port}", "10.9.8.7"]:
        @case(f"a rebinding Host is refused on /proxy/ ({host})")
        def _(host=host):
            marker = f"/echo?host={time.monotonic_ns()}"
            a = proxied(marker, host=host)
            return a.status == 421 and not UPSTREAM.saw(marker), a

    @case("a rebinding Host gets no app file (config.json)")
    def _():
        a = request(port, "GET", "/config.json", host="rebind.attacker.test")
        return a.status == 421, a

    @case("an HTTP/1.1 request without Host is refused")
    def _():
        a = send(port, f"GET /proxy/{upstream_url}/echo HTTP/1.1\r\nConnection: close\r\n\r\n".encode())
        return a.status == 400, a

    # 4. Only the methods the clients use.
    for method in ["TRACE", "TRACK", "PROPFIND", "MKCOL", "DEBUG", "LOCK", "OPTIONS"]:
        @case(f"{method} is not forwarded")
        def _(method=method):
            marker = f"/echo?m={method}{time.monotonic_ns()}"
            a = proxied(marker, method=method)
            return a.status == 405 and not UPSTREAM.saw(marker), a

    @case("POST to the app's files is a 405")
    def _():
        a = request(port, "POST", "/index.html", body=b"x")
        return a.status == 405, a

    @case("a CONNECT request line reaches nothing")
    def _():
        a = send(port, f"CONNECT {HOST}:{canary_port} HTTP/1.1\r\nHost: {HOST}:{canary_port}\r\n\r\n".encode())
        return a.status in (400, 405) and not CANARY.paths, a

    @case("an absolute-form request line is refused, not relayed")
    def _():
        a = send(port, f"GET http://{HOST}:{canary_port}/absolute HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        return a.status == 400 and not CANARY.saw("/absolute"), a

    @case("an absolute-form request line naming the proxy path is refused")
    def _():
        a = send(port, f"GET http://{HOST}:{port}/proxy/{upstream_url}/echo?abs HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        return a.status == 400 and not UPSTREAM.saw("/echo?abs"), a

    @case("an asterisk-form OPTIONS is not forwarded")
    def _():
        a = send(port, f"OPTIONS * HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        return a.status in (400, 404, 405), a

    # 5. Request smuggling: a second request hidden in the first's body never reaches anyone.
    smuggled = f"GET /proxy/{upstream_url}/smuggled HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n"
    for label, framing in [
        ("Content-Length and Transfer-Encoding", f"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"),
        ("Transfer-Encoding then Content-Length", f"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n"),
        ("an obfuscated Transfer-Encoding", "Transfer-Encoding: chunked, identity\r\nContent-Length: 4\r\n"),
        ("Transfer-Encoding with a space before the colon", "Transfer-Encoding : chunked\r\nContent-Length: 4\r\n"),
        ("two different Content-Lengths", "Content-Length: 4\r\nContent-Length: 60\r\n"),
        ("a Content-Length list", "Content-Length: 4, 60\r\n"),
    ]:
        @case(f"smuggling with {label} is refused")
        def _(framing=framing, label=label):
            tag = f"s{time.monotonic_ns()}"
            body = f"0\r\n\r\n{smuggled.replace('/smuggled', '/smuggled?' + tag)}"
            data = (
                f"POST /proxy/{upstream_url}/echo?first HTTP/1.1\r\nHost: {HOST}:{port}\r\n{framing}\r\n{body}"
            ).encode()
            a = send(port, data, timeout=3)
            return not UPSTREAM.saw(tag) and a.responses <= 1, a

    # 6. Spoofing headers stay behind.
    for name in ["X-Real-IP", "True-Client-IP", "X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override",
                 "X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "X-Client-IP", "Cookie"]:
        @case(f"{name} is not forwarded")
        def _(name=name):
            a = proxied("/echo", [(name, "10.0.0.1" if name != "Cookie" else "session=x")])
            seen = a.json().get("headers", {})
            return a.status == 200 and name.lower() not in seen, a

    # 7. No way out of dist/.
    for path in ["/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5csecret.txt",
                 "/.%2e/secret.txt", "/%252e%252e/secret.txt", "//etc/passwd", "/..;/secret.txt",
                 "/%2e%2e%2fsecret.txt"]:
        @case(f"traversal {path} reads nothing outside dist/")
        def _(path=path):
            a = request(port, "GET", path)
            leaked = b"root:" in a.body or b"TOP-SECRET" in a.body
            return a.status is not None and not leaked, a

    # 8. Resource limits.
    @case("an oversized header block is refused")
    def _():
        a = request(port, "GET", "/", [("X-Big", "a" * 100_000)])
        return a.status == 431 or (a.closed and a.status is None), a

    @case("too many headers are refused")
    def _():
        a = request(port, "GET", "/", [(f"X-H{i}", "v") for i in range(200)])
        return a.status == 431 or (a.closed and a.status is None), a

    @case("a slowloris (headers that never end) is closed within a few seconds")
    def _():
        a = send(port, f"GET / HTTP/1.1\r\nHost: {HOST}:{port}\r\nX-Slow: ".encode(), timeout=6)
        return a.closed and a.elapsed < 5, f"closed={a.closed} after {a.elapsed:.1f}s"

    @case("a connection that sends nothing is closed within a few seconds")
    def _():
        a = send(port, b"", timeout=6)
        return a.closed and a.elapsed < 5, f"closed={a.closed} after {a.elapsed:.1f}s"

    @case("an answer over limits.response_bytes is a 502 naming the limit")
    def _():
        a = proxied("/big")
        return a.status == 502 and a.json().get("error") == "response_too_large", a

    @case("a request body over the limit is a 413")
    def _():
        a = proxied("/echo", method="POST", body=b"a" * (1024 * 1024 + 1))
        return a.status == 413, a

    # 9. Nothing internal is reached, whatever the URL says or the upstream redirects to.
    for target, rule in [
        (f"http://{HOST}:{canary_port}/direct", "internal_address"),
        (f"http://localhost:{canary_port}/name", "internal_address"),
        (f"http://[::ffff:127.0.0.1]:{canary_port}/mapped", "internal_address"),
        (f"http://2130706433:{canary_port}/decimal", "internal_address"),
        (f"http://0x7f.1:{canary_port}/hex", "internal_address"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        (f"http://attacker.test@{HOST}:{canary_port}/userinfo", "userinfo"),
        (f"file:///etc/passwd", "scheme"),
    ]:
        @case(f"/proxy/{target} is refused ({rule})")
        def _(target=target, rule=rule):
            a = request(port, "GET", f"/proxy/{target}")
            return a.status == 403 and a.json().get("rule") == rule and not CANARY.paths, a

    @case("a 3xx to the metadata address is not passed on")
    def _():
        a = proxied("/redirect-metadata")
        return a.status == 502 and a.header("location") is None and a.json().get("error") == "upstream_redirect", a

    @case("a 307 to an internal service is not followed or passed on")
    def _():
        a = proxied("/redirect-canary", method="POST", body=b"Action=x")
        return a.status == 502 and a.header("location") is None and not CANARY.paths, a

    @case("the canary was never reached")
    def _():
        return not CANARY.paths, f"canary saw {CANARY.paths}"

    @case("nothing smuggled ever reached the upstream")
    def _():
        return not UPSTREAM.saw("/smuggled"), f"upstream saw {UPSTREAM.paths}"

    passed = failed = 0
    for name, check in cases:
        try:
            ok, detail = check()
        except Exception as error:  # a crash of a case is its failure, not the script's
            ok, detail = False, f"{type(error).__name__}: {error}"
        if ok:
            passed += 1
            print(f"ok    {name}")
        else:
            failed += 1
            print(f"FAIL  {name}: {detail}")
    print(f"{passed} passed, {failed} failed")
    return failed


if __name__ == "__main__":
    main()

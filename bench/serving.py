"""What the review server's benchmarks (bench/serve.py, bench/ready.py) share: a real `signoff serve` on a
fresh data directory, its owner signed in with the one-time setup token it prints, and a client that
keeps cookies and the CSRF header as a browser does."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SIGNOFF = os.environ.get("SIGNOFF", os.path.join(ROOT, "signoff"))   # another build's launcher, to compare


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """Just enough of a browser: cookies (kept by hand: Python's jar, like Java's, drops Secure
    cookies on plain-HTTP loopback, where browsers keep them) and the CSRF header."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.csrf = None

    def call(self, method, path, body=None, raw=None, headers=None):
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if self.csrf and method != "GET":
            h["X-Signoff-CSRF"] = self.csrf
        if self.cookies:
            h["Cookie"] = self.cookie_header()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=h)
        with urllib.request.urlopen(req) as r:
            for set_cookie in r.headers.get_all("Set-Cookie") or []:
                name, _, value = set_cookie.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            text = r.read()
            return json.loads(text) if text and r.headers.get("Content-Type", "").startswith("application/json") else text

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class Server:
    """`signoff serve` on 127.0.0.1 with a fresh data directory (SQLite) and {@code extra} options, its
    owner signed in: {@code base}, {@code owner} (a Client), {@code process}, {@code tmp} (removed on exit)."""

    def __init__(self, *extra):
        self.extra = extra

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="signoff-bench-")
        port = free_port()
        self.process = subprocess.Popen([SIGNOFF, "serve", "--data", os.path.join(self.tmp, "data"), "--host", "127.0.0.1",
                                         "--port", str(port), *self.extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            token = None
            deadline = time.time() + 120
            while token is None and time.time() < deadline:
                line = self.process.stdout.readline()
                if not line:
                    sys.exit("bench: signoff serve stopped early")
                m = re.match(r"^\s+([A-Za-z0-9_-]{22})\s*$", line)
                if m:
                    token = m.group(1)
            if token is None:
                sys.exit("bench: signoff serve printed no setup token")
            # Its log goes on into the pipe: read it, or a full pipe would stall the server.
            threading.Thread(target=lambda: self.process.stdout.read(), daemon=True).start()
            self.base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(self.base + "/api/session")
                    break
                except OSError:
                    time.sleep(0.1)
            self.owner = Client(self.base)
            self.owner.csrf = self.owner.call("POST", "/api/setup", {"token": token, "password": "bench password"})["csrf"]
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def settled(version):
    """Analysed (ready or failed), and its listening preview, which follows 'ready', made or known missing."""
    return version["status"] in ("ready", "failed") and (version["preview"] is not None or version["preview_error"] is not None)

#!/usr/bin/env python3
"""Load benchmark of `signoff serve` (issue 4), with wrk against 127.0.0.1 only, bounded in time.

Sets up a real server on a fresh data directory (SQLite, the default), uploads two 4-minute WAVs
(48 kHz 24-bit and 44.1 kHz 16-bit) as versions of a project, reports the size of their listening
previews against the originals', makes share links, then measures:
  1. range requests on the version's listening preview through a listen-only share link, against
     nginx serving the same file in the same run (goal: at least half of nginx's requests per
     second), and on the original through a link that allows downloads (?quality=original);
  2. the listening page's API calls (session, project, comments, waveform), round-robin;
  3. comment posting with 200 concurrent clients (goal: p99 under 50 ms on SQLite), both flat out
     (a closed loop: latency there is mostly queueing) and paced (each client posts about once a
     second, 200 people commenting at the same time).
Each wrk run lasts --seconds; the pairs alternate and the medians are printed.

Usage: bench/serve.py [--seconds 10] [--runs 3]
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SIGNOFF = os.path.join(ROOT, "signoff")


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


def wrk(url, seconds, connections, threads=2, script=None, headers=()):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale[p99.group(2)], int(errors.group(1)) if errors else 0


def start_server(tmp, *options):
    """`signoff serve` on a fresh data directory in tmp, on a free loopback port, with these further options."""
    port = free_port()
    server = subprocess.Popen([SIGNOFF, "serve", "--data", os.path.join(tmp, "data"), "--host", "127.0.0.1", "--port", str(port), *options],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server.port = port
    return server


def owner_of(server):
    """The server's address and its owner, signed in with the first start's owner token."""
    token = None
    deadline = time.time() + 120
    while token is None and time.time() < deadline:
        line = server.stdout.readline()
        if not line:
            sys.exit("bench: signoff serve stopped early")
        m = re.match(r"^\s+([A-Za-z0-9_-]{22})\s*$", line)
        if m:
            token = m.group(1)
    base = f"http://127.0.0.1:{server.port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/session")
            break
        except OSError:
            time.sleep(0.1)
    owner = Client(base)
    owner.csrf = owner.call("POST", "/api/setup", {"token": token, "password": "bench password"})["csrf"]
    return base, owner


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists("/usr/sbin/" + tool):
            sys.exit(f"bench: {tool} is needed (apt-get install {tool})")
    os.makedirs(WORK, exist_ok=True)
    song = os.path.join(WORK, "song-4min-48k-24bit.wav")
    if not os.path.exists(song):
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--rate", "48000", "--bits", "24", song], check=True)
    cd_song = os.path.join(WORK, "song-4min-44k-16bit.wav")
    if not os.path.exists(cd_song):
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--rate", "44100", "--bits", "16", cd_song], check=True)

    tmp = tempfile.mkdtemp(prefix="signoff-bench-")
    nginx_port = free_port()
    server = start_server(tmp)
    nginx = None
    try:
        base, owner = owner_of(server)
        project = owner.call("POST", "/api/projects", {"name": "Bench", "artist": "Bench", "rounds_agreed": 3})
        uploaded = []
        for path in (song, cd_song):
            with open(path, "rb") as f:
                uploaded.append(owner.call("PUT", f"/api/projects/{project['id']}/versions?name={os.path.basename(path)}", raw=f.read(),
                                           headers={"Content-Type": "application/octet-stream"}))
        version = uploaded[0]
        while any(v["status"] != "ready" for v in owner.call("GET", f"/api/projects/{project['id']}")["versions"]):
            time.sleep(0.5)
        versions = owner.call("GET", f"/api/projects/{project['id']}")["versions"]
        if any(v["preview"] is None for v in versions):
            sys.exit("bench: no listening preview was made (is ffmpeg installed?): " + str([v["preview_error"] for v in versions]))
        for v in versions:
            print(f"listening preview of {v['file_name']} ({v['sample_rate'] / 1000:g} kHz): {v['preview']['size_bytes'] / 2**20:.1f} MiB "
                  f"against {v['size_bytes'] / 2**20:.1f} MiB ({v['preview']['size_bytes'] / v['size_bytes']:.1%})")
        total_preview, total_original = sum(v["preview"]["size_bytes"] for v in versions), sum(v["size_bytes"] for v in versions)
        print(f"listening previews in total: {total_preview / 2**20:.1f} MiB against {total_original / 2**20:.1f} MiB of originals "
              f"({total_preview / total_original:.1%})")
        link = owner.call("POST", f"/api/projects/{project['id']}/links",
                          {"label": "Bench band", "audience": "band", "can_comment": True, "can_download": False})
        token_s = link["path"].rsplit("/", 1)[-1]
        share = Client(base)
        session = share.call("GET", f"/s/{token_s}/api/session")
        share.csrf = session["csrf"]
        share.call("GET", f"/s/{token_s}/api/project")
        cookie = share.cookie_header()
        audio_path = f"/s/{token_s}/api/versions/{version['id']}/audio"
        download_link = owner.call("POST", f"/api/projects/{project['id']}/links",
                                   {"label": "Bench engineer", "audience": "person", "can_comment": False, "can_download": True})
        token_d = download_link["path"].rsplit("/", 1)[-1]
        downloader = Client(base)
        downloader.call("GET", f"/s/{token_d}/api/session")
        original_path = f"/s/{token_d}/api/versions/{version['id']}/audio?quality=original"

        # nginx serving the same file (the preview the share link streams), same machine, same run.
        www = os.path.join(tmp, "www")
        os.makedirs(www)
        shutil.copy(os.path.join(tmp, "data", "previews", version["id"] + ".m4a"), os.path.join(www, "song.m4a"))
        os.chmod(tmp, 0o755)  # nginx's workers run as an unprivileged user
        os.chmod(www, 0o755)
        os.chmod(os.path.join(www, "song.m4a"), 0o644)
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 2; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; types {{ audio/mp4 m4a; }}
  client_body_temp_path {tmp}/nb; proxy_temp_path {tmp}/np; fastcgi_temp_path {tmp}/nf; uwsgi_temp_path {tmp}/nu; scgi_temp_path {tmp}/ns;
  server {{ listen 127.0.0.1:{nginx_port}; root {www}; }} }}
""")
        nginx = subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

        rng = "Range: bytes=1048576-1114111"  # 64 KiB from the middle-ish, as a seeking player asks
        s_rps, n_rps = [], []
        for i in range(args.runs):
            pair = [("signoff", base + audio_path, [rng, "Cookie: " + cookie]), ("nginx", f"http://127.0.0.1:{nginx_port}/song.m4a", [rng])]
            for name, url, headers in (pair if i % 2 == 0 else pair[::-1]):
                rps, _, errors = wrk(url, args.seconds, 50, headers=headers)
                if errors:
                    sys.exit(f"bench: {name} answered {errors} range requests with an error")
                (s_rps if name == "signoff" else n_rps).append(rps)
        print(f"range requests on the preview (64 KiB, 50 connections): signoff {statistics.median(s_rps):,.0f} req/s, "
              f"nginx {statistics.median(n_rps):,.0f} req/s, ratio {statistics.median(s_rps) / statistics.median(n_rps):.2f} (goal >= 0.5)")
        originals = [wrk(base + original_path, args.seconds, 50, headers=[rng, "Cookie: " + downloader.cookie_header()]) for _ in range(args.runs)]
        if any(o[2] for o in originals):
            sys.exit("bench: range requests on the original through a download link answered with errors")
        print(f"range requests on the original through a download link (?quality=original, 64 KiB, 50 connections): "
              f"{statistics.median(o[0] for o in originals):,.0f} req/s, p99 {statistics.median(o[1] for o in originals):.1f} ms")

        lua = os.path.join(tmp, "page.lua")
        with open(lua, "w") as f:
            f.write(f"""local paths = {{"/s/{token_s}/api/session", "/s/{token_s}/api/project",
  "/s/{token_s}/api/comments", "/s/{token_s}/api/versions/{version['id']}/waveform?zoom=1024&format=dat"}}
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
""")
        page = [wrk(base + "/", args.seconds, 50, script=lua, headers=["Cookie: " + cookie]) for _ in range(args.runs)]
        if any(p[2] for p in page):
            sys.exit("bench: listening-page API calls answered with errors")
        print(f"listening page API (4 calls round-robin, 50 connections): {statistics.median(p[0] for p in page):,.0f} req/s, "
              f"p99 {statistics.median(p[1] for p in page):.1f} ms")

        post = os.path.join(tmp, "post.lua")
        paced = os.path.join(tmp, "post-paced.lua")
        body = json.dumps({"version_id": version["id"], "start_s": 62.5, "body": "Snare a bit louder here?", "author": "Drummer"})
        common = f"""wrk.method = "POST"
wrk.body = [[{body}]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signoff-CSRF"] = "{share.csrf}"
wrk.headers["Cookie"] = "{cookie}"
"""
        with open(post, "w") as f:
            f.write(common)
        with open(paced, "w") as f:
            # Each client posts, then thinks for a second or so: 200 people commenting at once.
            f.write(common + "function delay() return math.random(500, 1500) end\n")
        for name, script in (("flat out", post), ("each client once a second", paced)):
            runs = [wrk(base + f"/s/{token_s}/api/comments", args.seconds, 200, script=script) for _ in range(args.runs)]
            if any(p[2] for p in runs):
                sys.exit(f"bench: comment posting answered with errors ({[p[2] for p in runs]})")
            print(f"comment posting, 200 concurrent clients, {name} (SQLite): {statistics.median(p[0] for p in runs):,.0f} req/s, "
                  f"p99 {statistics.median(p[1] for p in runs):.1f} ms (goal < 50 ms)")
    finally:
        if nginx:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait()
        server.send_signal(signal.SIGTERM)
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

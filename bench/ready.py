#!/usr/bin/env python3
"""How long a new version takes to be ready on `signoff serve` (issue 12: within 3 s of the upload
finishing, for a 4-minute 48 kHz / 24-bit song, on an idle machine).

Starts a real server on a fresh data directory (SQLite, one analysis worker), then per run makes a
project and uploads two 4-minute 48 kHz / 24-bit WAVs as v1 and v2 (the same song, v2 with a harsh
build-up), each once the one before is ready. It times from the upload's answer (the file is stored
and its job queued) to the version reading "ready": v1 is the check, waveform and preview alone, v2
adds the comparison with v1. Also the CPU time the server process (with the ffmpeg it waited for)
spent meanwhile, which other work on a busy machine inflates far less than the wall time. Prints
each run, the medians and the load average.

Usage: bench/ready.py [--runs 3]   (SIGNOFF=path/to/signoff for another build's launcher)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve import owner_of, start_server, SIGNOFF, WORK  # noqa: E402

SIGNOFF = os.environ.get("SIGNOFF", SIGNOFF)   # another build's launcher, to compare


def song(name, *args):
    path = os.path.join(WORK, name)
    if not os.path.exists(path):
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--rate", "48000", "--bits", "24", *args, path], check=True)
    return path


def java_pid(pid):
    """The JVM of the launcher started as {@code pid}: itself once it has exec'd java, else its child."""
    for _ in range(100):
        for p in [pid] + [int(d) for d in os.listdir("/proc") if d.isdigit()]:
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{p}/comm") as f:
                    comm = f.read().strip()
            except OSError:
                continue
            if comm == "java" and (p == pid or int(fields[1]) == pid):
                return p
        time.sleep(0.1)
    sys.exit("bench: no java process under the launcher")


def cpu_s(pid):
    """User and system time of {@code pid} and of the children it has waited for (ffmpeg), seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def upload_until_ready(owner, project_id, path, pid):
    with open(path, "rb") as f:
        body = f.read()
    v = owner.call("PUT", f"/api/projects/{project_id}/versions?name={os.path.basename(path)}", raw=body,
                   headers={"Content-Type": "application/octet-stream"})
    t0, c0 = time.monotonic(), cpu_s(pid)
    while True:
        versions = owner.call("GET", f"/api/projects/{project_id}")["versions"]
        status = next(x["status"] for x in versions if x["id"] == v["id"])
        if status == "ready":
            return time.monotonic() - t0, cpu_s(pid) - c0
        if status == "failed":
            sys.exit(f"bench: {os.path.basename(path)} failed to analyse")
        time.sleep(0.02)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    v1 = song("song-4min-48k-24bit.wav")
    v2 = song("song-4min-48k-24bit-harsh.wav", "--defect", "HARSH")
    tmp = tempfile.mkdtemp(prefix="signoff-ready-")
    server = start_server(tmp, "--workers", "1")
    try:
        _, owner = owner_of(server)
        pid = java_pid(server.pid)
        firsts, seconds = [], []
        for run in range(args.runs):
            project = owner.call("POST", "/api/projects", {"name": f"Ready {run}", "artist": "Bench", "rounds_agreed": 3})
            firsts.append(upload_until_ready(owner, project["id"], v1, pid))
            seconds.append(upload_until_ready(owner, project["id"], v2, pid))
            print(f"run {run + 1}: v1 ready {firsts[-1][0]:.2f} s ({firsts[-1][1]:.2f} s CPU), "
                  f"v2 (compared with v1) ready {seconds[-1][0]:.2f} s ({seconds[-1][1]:.2f} s CPU), "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
        med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
        print(f"median: v1 {med(firsts, 0):.2f} s ({med(firsts, 1):.2f} s CPU), v2 {med(seconds, 0):.2f} s ({med(seconds, 1):.2f} s CPU), "
              f"{os.cpu_count()} cores")
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark of a version's recall sheet on the review server (issue 14): attaching the 500-track
REAPER session bench/session.py writes (PUT /api/versions/{id}/session: upload, read for its
structure, audit, store) and reading the sheet back with the version's sections (GET).

Starts `signoff serve` on a fresh data directory, uploads a 30 s synthetic song as a version, waits
for its analysis, then alternates --runs PUTs and GETs and prints their medians (wall time of each
request on loopback) and the server JVM's CPU time over the PUTs (user+sys from /proc, the
figure that does not stretch with a loaded machine).

Usage: bench/recall_sheet.py [--runs N]
"""
import argparse
import os
import statistics
import subprocess
import time

from ready import cpu_s, java_pid
from serving import Server, SIGNOFF
from session import reaper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work", "recall")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    song = os.path.join(WORK, "song-30s.wav")
    if not os.path.exists(song):
        subprocess.run([SIGNOFF, "synth", "--seconds", "30", song], check=True)
    session = os.path.join(WORK, "Big", "Big.rpp")
    if not os.path.exists(session):
        os.makedirs(os.path.dirname(session), exist_ok=True)
        reaper(os.path.dirname(session))
    with open(session, "rb") as f:
        body = f.read()

    with Server() as server:
        owner = server.owner
        pid = java_pid(server.process.pid)
        project = owner.call("POST", "/api/projects", {"name": "Recall bench"})
        with open(song, "rb") as f:
            version = owner.call("PUT", f"/api/projects/{project['id']}/versions?name=song.wav", raw=f.read(),
                                 headers={"Content-Type": "application/octet-stream"})
        while any(v["status"] != "ready" for v in owner.call("GET", f"/api/projects/{project['id']}")["versions"]):
            time.sleep(0.5)
        path = f"/api/versions/{version['id']}/session"
        owner.call("PUT", path + "?name=Big.rpp", raw=body, headers={"Content-Type": "application/octet-stream"})   # warm-up
        puts, gets, cpu = [], [], 0.0
        for _ in range(args.runs):
            before = cpu_s(pid)
            t = time.perf_counter()
            sheet = owner.call("PUT", path + "?name=Big.rpp", raw=body, headers={"Content-Type": "application/octet-stream"})
            puts.append(time.perf_counter() - t)
            cpu += cpu_s(pid) - before
            t = time.perf_counter()
            owner.call("GET", path)
            gets.append(time.perf_counter() - t)
        print(f"{len(sheet['tracks']) - 1} tracks, {len(body) / 1024:.0f} KiB session file, {sum(x['from_marker'] for x in sheet['sections'])} of "
              f"{len(sheet['sections'])} sections named by its {len(sheet['markers'])} markers")
        print(f"PUT (attach) median {statistics.median(puts) * 1000:.0f} ms wall, {cpu / args.runs * 1000:.0f} ms server CPU; "
              f"GET (sheet) median {statistics.median(gets) * 1000:.0f} ms wall ({args.runs} runs)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What a cold `signoff check` spends besides the analysis, and how a batch is best run.

Whole processes through the launcher (its start-up cache made first), alternating run by run,
medians of wall and CPU time (user + system, which holds up better on a loaded machine):
  - `signoff --version`: the JVM's start, the jar and the command line, no audio;
  - `signoff check --format json SONG` (the 4-minute 48 kHz / 24-bit song of bench/run.py);
  - 8 copies of the song in one `check`, one file at a time (`-j 1`, the default) and two at once
    (`-j 2`).

The launcher runs on a JDK 25 or later where one is installed; --java names the java to use
(SIGNOFF_JAVA), e.g. a Java 17 to time that path.

Usage: bench/startup.py [--runs N] [--java PATH]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIGNOFF = os.path.join(ROOT, "signoff")
SONG = os.path.join(ROOT, "bench", "work", "song-4min-48k-24bit.wav")
TRAINING = os.path.join(ROOT, "signoff-cli", "target", "signoff.jar.training")


def timed(cmd):
    """Runs cmd with output discarded; returns (wall seconds, CPU seconds of it and what it waited for)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--java")
    args = ap.parse_args()
    if args.java:
        os.environ["SIGNOFF_JAVA"] = args.java
    if not os.path.exists(SONG):
        os.makedirs(os.path.dirname(SONG), exist_ok=True)
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", SONG], check=True, stderr=subprocess.DEVNULL)
    # The first run makes the start-up cache in a background job: wait for it.
    subprocess.run([SIGNOFF, "--version"], check=True, stdout=subprocess.DEVNULL)
    while os.path.exists(TRAINING):
        time.sleep(0.5)
    batch = [SONG] * 8
    cases = [("--version", [SIGNOFF, "--version"]),
             ("check of the song", [SIGNOFF, "check", "--format", "json", SONG]),
             ("batch of 8, -j 1", [SIGNOFF, "check", "--format", "json", "-j", "1", *batch]),
             ("batch of 8, -j 2", [SIGNOFF, "check", "--format", "json", "-j", "2", *batch])]
    walls = {name: [] for name, _ in cases}
    cpus = {name: [] for name, _ in cases}
    for i in range(args.runs):
        for name, cmd in cases if i % 2 == 0 else cases[::-1]:
            w, c = timed(cmd)
            walls[name].append(w)
            cpus[name].append(c)
    for name, _ in cases:
        print(f"{name:20s} wall {statistics.median(walls[name]):.2f} s (min {min(walls[name]):.2f}, max {max(walls[name]):.2f})"
              f"  CPU {statistics.median(cpus[name]):.2f} s")
    j1, j2 = "batch of 8, -j 1", "batch of 8, -j 2"
    pairs_wall = [b / a for a, b in zip(walls[j1], walls[j2])]
    pairs_cpu = [b / a for a, b in zip(cpus[j1], cpus[j2])]
    print(f"-j 2 / -j 1, pair by pair: wall {statistics.median(pairs_wall):.2f}x, CPU {statistics.median(pairs_cpu):.2f}x")


if __name__ == "__main__":
    main()

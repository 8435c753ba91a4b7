#!/usr/bin/env python3
"""Whole-process time of `signoff check --platforms --codecs` against the plain `check` (issue 13,
goal: within 3x) on the 4-minute 48 kHz / 24-bit song of bench/run.py, runs alternating so both
see the same machine. Prints medians and the ratio of the wall time, and of the CPU time (user + sys
of the whole process and its ffmpeg children), the steadier figure on a shared machine.

Usage: bench/streaming.py [--runs N] [--codecs ID,...]
       (bench/run.py writes bench/work/song-4min-48k-24bit.wav)
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import SIGNOFF, WORK, timed_usage  # noqa: E402


def timed(cmd):
    """(wall seconds, CPU seconds of cmd and the ffmpeg processes it waited for)."""
    wall, usage = timed_usage(cmd)
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--codecs", help="only these codecs (as check --codecs ID,...); default all")
    ap.add_argument("--jar", help="time `java -jar JAR` instead of the ./signoff launcher (a copy, while the tree is rebuilt)")
    args = ap.parse_args()
    song = os.path.join(WORK, "song-4min-48k-24bit.wav")
    if not os.path.exists(song):
        sys.exit("bench: run bench/run.py first (it writes " + song + ")")
    launcher = ["java", "-XX:+UseSerialGC", "-jar", args.jar] if args.jar else [SIGNOFF]
    plain_cmd = launcher + ["check", "--format", "json", "-q", song]
    full_cmd = plain_cmd + ["--platforms", "--codecs"] + ([args.codecs] if args.codecs else [])
    timed(plain_cmd)  # warm the page cache and the launcher's start-up cache
    plain, full = [], []
    for _ in range(args.runs):
        plain.append(timed(plain_cmd))
        full.append(timed(full_cmd))
    label = "check --platforms --codecs" + (" " + args.codecs if args.codecs else "")
    for name, runs in (("check", plain), (label, full)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{name:28s} : wall median {statistics.median(walls):.2f} s (runs {', '.join(f'{x:.2f}' for x in walls)}); "
              f"CPU median {statistics.median(cpus):.2f} s (runs {', '.join(f'{x:.2f}' for x in cpus)})")
    ratio = lambda i: statistics.median(f[i] for f in full) / statistics.median(p[i] for p in plain)
    print(f"ratio                        : wall {ratio(0):.2f}x, CPU {ratio(1):.2f}x  (goal < 3x wall)  "
          f"on {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

if __name__ == "__main__":
    main()

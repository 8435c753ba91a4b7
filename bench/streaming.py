#!/usr/bin/env python3
"""Whole-process time of `signoff check --platforms --codecs` against the plain `check` (issue 13,
goal: within 3x) on the 4-minute 48 kHz / 24-bit song of bench/run.py, runs alternating so both
see the same machine. Prints medians and the ratio.

Usage: bench/streaming.py [--runs N]   (bench/run.py writes bench/work/song-4min-48k-24bit.wav)
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import SIGNOFF, WORK, timed  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jar", help="time `java -jar JAR` instead of the ./signoff launcher (a copy, while the tree is rebuilt)")
    args = ap.parse_args()
    song = os.path.join(WORK, "song-4min-48k-24bit.wav")
    if not os.path.exists(song):
        sys.exit("bench: run bench/run.py first (it writes " + song + ")")
    launcher = ["java", "-XX:+UseSerialGC", "-jar", args.jar] if args.jar else [SIGNOFF]
    plain_cmd = launcher + ["check", "--format", "json", "-q", song]
    full_cmd = plain_cmd + ["--platforms", "--codecs"]
    timed(plain_cmd)  # warm the page cache and the launcher's start-up cache
    plain, full = [], []
    for _ in range(args.runs):
        plain.append(timed(plain_cmd)[0])
        full.append(timed(full_cmd)[0])
    p, f = statistics.median(plain), statistics.median(full)
    print(f"check                        : median {p:.2f} s  (runs {', '.join(f'{x:.2f}' for x in plain)})")
    print(f"check --platforms --codecs   : median {f:.2f} s  (runs {', '.join(f'{x:.2f}' for x in full)})")
    print(f"ratio                        : {f / p:.2f}x  (goal < 3x)  on {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Peak memory of `signoff check` against the file's length (issue 10: memory independent of length).

Renders a 4-minute 48 kHz / 24-bit stereo song with Signoff's synthesizer, loops it with ffmpeg
into 1-hour, 6-hour and 24-hour files (RF64 beyond 4 GB; 24 hours is 25 GB), runs
`signoff check --format json` on each as a whole process under the launcher's heap (256 MB), and
prints wall and CPU time (user + system), the whole process's peak RSS (from wait4()), the
largest heap left after a garbage collection (the live heap, from the JVM's GC log) and the peak RSS over the 4-minute
song's (the goal: flat within about 15 %). Each long file is deleted as soon as it
has been checked.

Usage: bench/memory.py [--hours 1,6,24] [--jar PATH] [--tmp DIR]   (--jar runs that jar with the
launcher's JVM options instead of ./signoff, e.g. to measure an older build; --tmp: where the long files are
made, the system's temporary folder unless told)
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SIGNOFF = os.path.join(ROOT, "signoff")
LAUNCHER_OPTS = ["-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-XX:-UsePerfData"]


def check(cmd_prefix, path, gc_log):
    """Runs one check; returns (exit code, wall s, CPU s, peak RSS MiB, largest live heap MiB after a GC)."""
    env = dict(os.environ)
    env["JAVA_TOOL_OPTIONS"] = f"-Xlog:gc:file={gc_log}"
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd_prefix + ["check", "--format", "json", path],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    live = 0.0
    if os.path.exists(gc_log):
        with open(gc_log) as f:
            for line in f:
                m = re.search(r"->(\d+)M\(", line)
                if m:
                    live = max(live, float(m.group(1)))
        os.remove(gc_log)
    if code not in (0, 1):
        lines = [l for l in err.splitlines() if not l.startswith("Picked up")]
        print(f"  exit {code}: {lines[-1] if lines else ''}", file=sys.stderr)
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, live


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", default="1,6,24", help="comma-separated lengths beyond the 4-minute song")
    ap.add_argument("--jar", help="run this jar with the launcher's JVM options instead of ./signoff")
    ap.add_argument("--tmp", default=tempfile.gettempdir(), help="folder for the long files (26 GB free for 24 hours)")
    args = ap.parse_args()
    if not shutil.which("ffmpeg"):
        sys.exit("bench: ffmpeg is needed (apt-get install ffmpeg)")
    os.makedirs(WORK, exist_ok=True)
    prefix = ["java"] + LAUNCHER_OPTS + ["-jar", args.jar] if args.jar else [SIGNOFF]
    song = os.path.join(WORK, "song-4min-48k-24bit.wav")
    if not os.path.exists(song):
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--rate", "48000", "--bits", "24", song], check=True)
    gc_log = os.path.join(args.tmp, f"signoff-memory-gc-{os.getpid()}.log")
    print("length    exit   wall s    CPU s   peak RSS MiB   live heap MiB   RSS / 4 min")
    first_rss = None
    runs = [("4 min", song, None)] + [(f"{h} h", os.path.join(args.tmp, f"signoff-memory-{h}h.wav"), int(h)) for h in args.hours.split(",") if h]
    for label, path, hours in runs:
        try:
            if hours is not None:
                subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "-1", "-i", song, "-t", str(hours * 3600),
                                "-c:a", "pcm_s24le", "-rf64", "auto", path], check=True)
            code, wall, cpu, rss, live = check(prefix, path, gc_log)
            first_rss = first_rss or rss
            print(f"{label:8s}  {code:4d}  {wall:7.1f}  {cpu:7.1f}  {rss:13.0f}  {live:14.0f}  {rss / first_rss:11.2f}", flush=True)
        finally:
            if hours is not None and os.path.exists(path):
                os.remove(path)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Whole-process benchmark of `signoff check` against ffmpeg's EBU R128 meter.

Generates a 4-minute 48 kHz / 24-bit stereo song with Signoff's synthesizer, then runs, alternating,
`signoff check --format json FILE` and `ffmpeg -af ebur128=peak=true -f null -` on the same file.
Both are timed as whole processes (JVM start included) and their peak resident memory is taken
from wait4(). Prints medians and the ratio (wall, and CPU time: user + system, which holds up
better on a loaded machine), then a batch of 8 copies of the song checked in one process against
ffmpeg run 8 times one after the other (issue goal: at most 0.5x), times the same check with two
references and every playback device (issue goal: under 3x the plain check), and checks memory
(and the ratio) on a one-hour file as well.

The launcher runs on a JDK 25 or later where one is installed; --java names the java to use
(SIGNOFF_JAVA), e.g. a Java 17 to time that path.

Usage: bench/run.py [--runs N] [--skip-long] [--skip-refs] [--java PATH]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SIGNOFF = os.path.join(ROOT, "signoff")


def timed(cmd):
    """Runs cmd with output discarded; returns (wall seconds, peak RSS in MiB, CPU seconds)."""
    wall, usage = timed_usage(cmd)
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def timed_usage(cmd):
    """Runs cmd with output discarded; returns (wall seconds, its resource usage, children it waited for included)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1 = the mix has a problem finding, still a complete run
        sys.exit(f"bench: {' '.join(cmd)} exited with {code}")
    return wall, usage


def timed_all(cmds):
    """Runs the commands one after the other; returns (wall seconds, CPU seconds) of them all."""
    wall = cpu = 0.0
    for cmd in cmds:
        w, _, c = timed(cmd)
        wall += w
        cpu += c
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--skip-long", action="store_true", help="skip the one-hour memory run")
    ap.add_argument("--skip-refs", action="store_true", help="skip the check with references and devices")
    ap.add_argument("--java", help="the java the launcher runs on (SIGNOFF_JAVA), e.g. a Java 17")
    args = ap.parse_args()
    if args.java:
        os.environ["SIGNOFF_JAVA"] = args.java
    if not shutil.which("ffmpeg"):
        sys.exit("bench: ffmpeg is needed (apt-get install ffmpeg)")
    os.makedirs(WORK, exist_ok=True)
    song = os.path.join(WORK, "song-4min-48k-24bit.wav")
    if not os.path.exists(song):
        subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--rate", "48000", "--bits", "24", song], check=True)
    subprocess.run([SIGNOFF, "check", "--format", "json", song], stdout=subprocess.DEVNULL, check=False)  # warm caches
    time.sleep(30)  # the launcher's first run trains its start-up cache in the background

    signoff_cmd = [SIGNOFF, "check", "--format", "json", song]
    ffmpeg_cmd = ["ffmpeg", "-nostats", "-hide_banner", "-i", song, "-af", "ebur128=peak=true", "-f", "null", "-"]
    s_times, f_times, s_mem, f_mem, s_cpu, f_cpu = [], [], [], [], [], []
    for i in range(args.runs):
        for name, cmd in (("signoff", signoff_cmd), ("ffmpeg", ffmpeg_cmd)) if i % 2 == 0 else \
                (("ffmpeg", ffmpeg_cmd), ("signoff", signoff_cmd)):
            wall, rss, cpu = timed(cmd)
            (s_times if name == "signoff" else f_times).append(wall)
            (s_mem if name == "signoff" else f_mem).append(rss)
            (s_cpu if name == "signoff" else f_cpu).append(cpu)
    s_med, ff_med = statistics.median(s_times), statistics.median(f_times)
    print(f"file: 4:00 48 kHz 24-bit stereo, {args.runs} alternating runs each")
    print(f"signoff check --format json : median {s_med:.3f} s  (min {min(s_times):.3f}, max {max(s_times):.3f})  "
          f"CPU {statistics.median(s_cpu):.2f} s  peak RSS {max(s_mem):.0f} MiB")
    print(f"ffmpeg ebur128=peak=true    : median {ff_med:.3f} s  (min {min(f_times):.3f}, max {max(f_times):.3f})  "
          f"CPU {statistics.median(f_cpu):.2f} s  peak RSS {max(f_mem):.0f} MiB")
    print(f"ratio signoff/ffmpeg        : {s_med / ff_med:.2f} wall, {statistics.median(s_cpu) / statistics.median(f_cpu):.2f} CPU  (goal <= 1.0)")

    # A batch: 8 copies of the song in one signoff process, against ffmpeg on each one after the other.
    batch = [song] * 8
    b_wall, b_cpu, fb_wall, fb_cpu = [], [], [], []
    for i in range(max(3, args.runs // 2)):
        runs = [(b_wall, b_cpu, [[SIGNOFF, "check", "--format", "json", *batch]]),
                (fb_wall, fb_cpu, [ffmpeg_cmd] * len(batch))]
        for walls, cpus, cmds in runs if i % 2 == 0 else runs[::-1]:
            w, c = timed_all(cmds)
            walls.append(w)
            cpus.append(c)
    bw, fw = statistics.median(b_wall), statistics.median(fb_wall)
    print(f"batch of 8, signoff (one process): median {bw:.2f} s, CPU {statistics.median(b_cpu):.2f} s")
    print(f"batch of 8, ffmpeg one after another: median {fw:.2f} s, CPU {statistics.median(fb_cpu):.2f} s")
    print(f"ratio batch signoff/ffmpeg  : {bw / fw:.2f} wall, {statistics.median(b_cpu) / statistics.median(fb_cpu):.2f} CPU  (goal <= 0.5)")
    if not args.skip_refs:
        # References and devices: the same check with two 4-minute references and every device model.
        refs = [os.path.join(WORK, f"ref-{seed}-4min.wav") for seed in (2, 3)]
        for seed, ref in zip((2, 3), refs):
            if not os.path.exists(ref):
                subprocess.run([SIGNOFF, "synth", "--seconds", "240", "--seed", str(seed), ref], check=True, stderr=subprocess.DEVNULL)
        full_cmd = signoff_cmd + ["--ref", refs[0], "--ref", refs[1], "--devices"]
        full_times = [timed(full_cmd)[0] for _ in range(max(3, args.runs // 2))]
        f_med = statistics.median(full_times)
        print(f"check --ref A --ref B --devices: median {f_med:.3f} s  ({f_med / s_med:.2f}x the plain check; goal < 3x)")

    if not args.skip_long:
        long_file = os.path.join(WORK, "song-60min-48k-24bit.wav")
        if not os.path.exists(long_file):
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "14", "-i", song, "-c", "copy", long_file], check=True)
        wall, rss, _ = timed([SIGNOFF, "check", "--format", "json", long_file])
        f_wall, f_rss, _ = timed(["ffmpeg", "-nostats", "-hide_banner", "-i", long_file, "-af", "ebur128=peak=true", "-f", "null", "-"])
        print(f"one-hour file, signoff      : {wall:.2f} s, peak RSS {rss:.0f} MiB  (goal < 256 MiB)")
        print(f"one-hour file, ffmpeg       : {f_wall:.2f} s, peak RSS {f_rss:.0f} MiB  (ratio {wall / f_wall:.2f})")


if __name__ == "__main__":
    main()

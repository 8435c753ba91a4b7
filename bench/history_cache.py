#!/usr/bin/env python3
"""`signoff history` with its comparison cache, whole processes (docs/performance.md).

    python3 bench/history_cache.py [--runs 5] [--seconds 120]

Renders five versions of a song (`signoff synth`, then ffmpeg: a 2.5 kHz bell growing by 0.4 dB and
a small level change per version) in bench/work/history-cache, then per run, alternately: the first
four read into an empty cache, then all five with three of the four pairs cached (the usual second
run: one new bounce), all five with --no-cache, and all five with every pair cached (the fixed
cost: start, hashing the files, checking the latest version). Medians.
"""
import argparse, os, shutil, statistics, subprocess, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, 'bench', 'work', 'history-cache')
SIGNOFF = os.path.join(ROOT, 'signoff')


def history(folder, *options):
    t0 = time.monotonic()
    subprocess.run([SIGNOFF, 'history', folder, *options], check=True, capture_output=True)
    return time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--seconds', type=int, default=120)
    a = ap.parse_args()
    bounces, cache, spare = os.path.join(WORK, 'bounces'), os.path.join(WORK, 'cache'), os.path.join(WORK, 'v5.wav')
    os.makedirs(bounces, exist_ok=True)
    first = os.path.join(bounces, 'mix v1.wav')
    if not os.path.exists(first):
        subprocess.run([SIGNOFF, 'synth', '--seconds', str(a.seconds), '--seed', '3', first], check=True, capture_output=True)
        for i in range(2, 6):
            subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', '-i', first, '-af',
                            f'equalizer=f=2500:t=q:w=1:g={0.4 * i:.1f},volume=0.{90 + i}', '-c:a', 'pcm_s24le',
                            os.path.join(bounces, f'mix v{i}.wav')], check=True)
    last = os.path.join(bounces, 'mix v5.wav')
    one_new, none, all_cached = [], [], []
    for _ in range(a.runs):
        shutil.rmtree(cache, ignore_errors=True)
        os.rename(last, spare)
        history(bounces, '--cache', cache)
        os.rename(spare, last)
        one_new.append(history(bounces, '--cache', cache))
        none.append(history(bounces, '--no-cache'))
        all_cached.append(history(bounces, '--cache', cache))
    for name, t in (('5 versions, 3 of 4 pairs cached', one_new), ('5 versions, --no-cache', none), ('5 versions, all cached', all_cached)):
        print(f'{name:34s} median {statistics.median(t):5.2f} s  {[round(x, 2) for x in t]}')
    print(f'one new version / no cache: {statistics.median(one_new) / statistics.median(none):.2f}')


if __name__ == '__main__':
    main()

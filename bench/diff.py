#!/usr/bin/env python3
"""`signoff diff` of two 4-minute songs, whole processes (docs/performance.md, docs/diff.md).

    python3 bench/diff.py [--runs 7] [--vs OTHER_SIGNOFF]

Renders a 4-minute 48 kHz / 24-bit song with `signoff synth` (as bench/run.py makes its song) and a
second bounce of it with `--defect HARSH` in bench/work, then times `signoff diff OLD NEW --format
json` as a whole process: wall time, CPU (user+sys of the process and its threads) and peak RSS,
plus the comparison's own `analysis_s` (both passes). `--defect HEAD_SILENCE` times versions that do
not line up as they are (the paired pass runs twice). With --vs, runs of another launcher
(a checkout of main, say: `--vs ../main/signoff`) alternate with this one's, pair by pair, and the
ratios this/other are given per pair and as medians, so a load that changes during the runs hits
both alike. Medians.
"""
import argparse, json, os, statistics, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, 'bench', 'work')
SIGNOFF = os.path.join(ROOT, 'signoff')


def songs(defect):
    os.makedirs(WORK, exist_ok=True)
    old = os.path.join(WORK, 'diff-old.wav')
    new = os.path.join(WORK, 'diff-new.wav' if defect == 'HARSH' else f'diff-{defect.lower()}.wav')
    for path, extra in ((old, []), (new, ['--defect', defect])):
        if not os.path.exists(path):
            subprocess.run([SIGNOFF, 'synth', '--seconds', '240', '--rate', '48000', '--bits', '24', *extra, path],
                           check=True, capture_output=True)
    return old, new


def run(signoff, old, new):
    """One whole `signoff diff`: (wall s, cpu s, peak RSS MB, analysis_s)."""
    with tempfile.TemporaryDirectory() as tmp:
        out, timing = os.path.join(tmp, 'diff.json'), os.path.join(tmp, 'time')
        subprocess.run(['/usr/bin/time', '-o', timing, '-f', '%e %U %S %M', signoff, 'diff', old, new,
                        '--format', 'json', '-o', out], check=True, capture_output=True)
        wall, user, sys_, rss = open(timing).read().split()[-4:]
        return float(wall), float(user) + float(sys_), int(rss) / 1024, json.load(open(out))['analysis_s']


def summary(name, runs):
    med = [statistics.median(r[i] for r in runs) for i in range(4)]
    print(f'{name:8s} median wall {med[0]:5.2f} s  cpu {med[1]:5.2f} s  peak RSS {med[2]:4.0f} MB  analysis_s {med[3]:5.2f}'
          f'   wall {[r[0] for r in runs]}  cpu {[round(r[1], 2) for r in runs]}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=7)
    ap.add_argument('--vs', help='another signoff launcher to alternate with')
    ap.add_argument('--defect', default='HARSH', help="the new version's `signoff synth --defect` (default HARSH)")
    a = ap.parse_args()
    old, new = songs(a.defect)
    # One run each first: the launcher makes its start-up caches (class data / AOT) on first use,
    # the AOT cache in a background job (signoff.jar.training beside the jar while it lasts).
    for launcher in [SIGNOFF] + ([a.vs] if a.vs else []):
        run(launcher, old, new)
        training = os.path.join(os.path.dirname(os.path.realpath(launcher)), 'signoff-cli', 'target', 'signoff.jar.training')
        while os.path.exists(training):
            time.sleep(1)
    this, other = [], []
    for _ in range(a.runs):
        this.append(run(SIGNOFF, old, new))
        if a.vs:
            other.append(run(a.vs, old, new))
    summary('this', this)
    if a.vs:
        summary('other', other)
        wall = [t[0] / o[0] for t, o in zip(this, other)]
        cpu = [t[1] / o[1] for t, o in zip(this, other)]
        print(f'this/other per pair: wall {[round(x, 2) for x in wall]}  cpu {[round(x, 2) for x in cpu]}')
        print(f'this/other medians: wall {statistics.median(wall):.2f}  cpu {statistics.median(cpu):.2f}')


if __name__ == '__main__':
    main()

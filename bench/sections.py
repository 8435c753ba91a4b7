#!/usr/bin/env python3
"""Section statistics of `signoff check --format json` batch runs on real music (docs/sections.md).

    ./signoff check FILES... --format json -o run.json -j 2
    python3 bench/sections.py [-v] before.json after.json

Per run: the share of tracks with 5-12 sections, the median count, the shortest section that is not
a stop, and a listen-free check of the boundaries against the audio: loudness and brightness (the
power of the first difference over the power, a crude spectral tilt) per 0.5 s, compared between
the 8 s before and after each point. Needs numpy; reads 24-bit PCM WAV (plain or extensible) and
caches the curves in bench/work/sections-curves.
"""
import json, os, statistics, struct, sys

import numpy as np

HOP_S = 0.5
HALF = 16                      # 8 s either side, in hops
CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'work', 'sections-curves')


def runs(path):
    d = json.load(open(path))
    return {f['file']: f['sections']['list'] for f in (d['files'] if isinstance(d, dict) else d)}


def curves(path):
    cache = os.path.join(CACHE, os.path.basename(path) + '.npz')
    if os.path.exists(cache):
        d = np.load(cache)
        return d['level'], d['bright']
    with open(path, 'rb') as fh:
        head = fh.read(4096)
    pos, data = 12, None
    while pos < len(head) - 8:
        cid, size = head[pos:pos + 4], struct.unpack('<I', head[pos + 4:pos + 8])[0]
        if cid == b'fmt ':
            ch, fs = struct.unpack('<HI', head[pos + 10:pos + 16])
            width = struct.unpack('<H', head[pos + 22:pos + 24])[0] // 8
        if cid == b'data':
            data = pos + 8
            break
        pos += 8 + size + (size & 1)
    if width != 3 or data is None:
        sys.exit(f'{path}: only 24-bit PCM WAV is read here')
    raw = np.memmap(path, np.uint8, 'r', offset=data)
    n = int(fs * HOP_S) * ch * 3
    level, bright = [], []
    for off in range(0, len(raw) - n + 1, n):
        b = np.asarray(raw[off:off + n]).reshape(-1, 3)
        x = (b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8)
             | (b[:, 2].astype(np.int8).astype(np.int32) << 16)) / 2 ** 23
        x = x.reshape(-1, ch).mean(axis=1)
        p = np.mean(x * x) + 1e-12
        level.append(10 * np.log10(p))
        bright.append(10 * np.log10(np.mean(np.diff(x) ** 2) + 1e-14) - 10 * np.log10(p))
    level, bright = np.array(level), np.array(bright)
    os.makedirs(CACHE, exist_ok=True)
    np.savez(cache, level=level, bright=bright)
    return level, bright


def changes(level, bright):
    """Level change (energy means, dB) and brightness change (medians) between the 8 s either side."""
    n, p = len(level), 10 ** (level / 10)
    dl, db = np.zeros(n), np.zeros(n)
    for i in range(HALF, n - HALF):
        dl[i] = abs(10 * np.log10(p[i:i + HALF].mean() / p[i - HALF:i].mean()))
        db[i] = abs(np.median(bright[i:i + HALF]) - np.median(bright[i - HALF:i]))
    return dl, db


def peaks(v, threshold):
    return [i * HOP_S for i in range(1, len(v) - 1)
            if v[i] >= threshold and v[i] == v[max(0, i - HALF):i + HALF + 1].max()]


def main(args):
    verbose = '-v' in args
    paths = [a for a in args if a != '-v']
    if not paths:
        sys.exit(__doc__)
    results = {p: runs(p) for p in paths}
    for p, r in results.items():
        counts, shortest, short_tracks = [], [], 0
        for name, secs in sorted(r.items()):
            music = [s['end_s'] - s['start_s'] for s in secs if not s['quiet']]
            counts.append(len(secs))
            shortest.append(min(music) if music else float('inf'))
            short_tracks += bool(music) and min(music) < 6
            if verbose:
                print(f"{len(secs):3d} {os.path.basename(name)[:50]:50s} "
                      + ' '.join(f"{s['label']}{s['end_s'] - s['start_s']:.0f}" for s in secs))
        ok = sum(5 <= c <= 12 for c in counts)
        print(f"{p}: {len(counts)} tracks, 5-12 sections on {ok} ({100 * ok / len(counts):.0f} %), "
              f"median {statistics.median(counts)} (range {min(counts)}-{max(counts)}), "
              f"shortest non-stop section {min(shortest):.1f} s, tracks with one under 6 s: {short_tracks}")
    found, big, on_change, bounds = ({p: 0 for p in results} for _ in range(4))
    for name in sorted(next(iter(results.values()))):
        dl, db = changes(*curves(name))
        large = sorted(set(peaks(dl, 6.0)) | set(peaks(db, 3.0)))
        for p, r in results.items():
            b = [s['start_s'] for s in r[name][1:]]
            found[p] += sum(any(abs(t - c) <= 2.0 for t in b) for c in large)
            big[p] += len(large)
            for t in b:
                i = int(round(t / HOP_S))
                lo, hi = max(0, i - 4), min(len(dl), i + 5)
                on_change[p] += bool(dl[lo:hi].max() >= 2.0 or db[lo:hi].max() >= 1.0)
            bounds[p] += len(b)
    for p in results:
        print(f"{p}: large changes (level 6 dB or brightness 3 dB) with a boundary within 2 s: "
              f"{found[p]}/{big[p]} ({100 * found[p] / max(1, big[p]):.0f} %); boundaries within 2 s of a "
              f"change of 2 dB level or 1 dB brightness: {on_change[p]}/{bounds[p]} ({100 * on_change[p] / max(1, bounds[p]):.0f} %)")


if __name__ == '__main__':
    main(sys.argv[1:])

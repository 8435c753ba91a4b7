#!/usr/bin/env python3
"""What a faster encoder setting changes in the codec round trip (issue 13): for each pair of ffmpeg
settings below (the one `check --codecs` used before, a faster one), encodes real tracks with both,
decodes each to 32-bit float, and prints per track the encoder's CPU seconds, the decode's true
peak (4x oversampled, as BS.1770), its clipped samples and its residual (mix minus decode,
aligned), then the largest true-peak difference of the pair. A faster setting is worth taking when
the decode peaks agree within about 0.1 dB.

Usage: bench/codec_settings.py [--tracks N] [--pair NAME ...] [FILE ...]
       (without files: N tracks spread over bench/work/realmusic/clean, see bench/realmusic.py)
Needs: ffmpeg, numpy, scipy.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.signal import resample_poly

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REALMUSIC = os.path.join(ROOT, "bench", "work", "realmusic", "clean")

# name: (extension, reference setting, faster setting)
PAIRS = {
    "aac-256": ("m4a", ["-c:a", "aac", "-b:a", "256k"], ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "256k"]),
    "mp3-320": ("mp3", ["-c:a", "libmp3lame", "-b:a", "320k"], ["-c:a", "libmp3lame", "-compression_level", "5", "-b:a", "320k"]),
    "mp3-128": ("mp3", ["-c:a", "libmp3lame", "-b:a", "128k"], ["-c:a", "libmp3lame", "-compression_level", "5", "-b:a", "128k"]),
    "opus-160": ("opus", ["-c:a", "libopus", "-b:a", "160k"], ["-c:a", "libopus", "-compression_level", "5", "-b:a", "160k"]),
}


def encode(src, args, out):
    """Encodes src to out; returns the encoder's CPU seconds (user + sys)."""
    p = subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", src, "-map", "0:a:0"] + args + [out])
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: ffmpeg could not encode {src}")
    return usage.ru_utime + usage.ru_stime


def decode(path, rate, channels):
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-f", "f32le",
                          "-ac", str(channels), "-ar", str(rate), "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<f4").reshape(-1, channels).T.astype(np.float64)


def true_peak_db(x):
    return 20 * np.log10(max(np.max(np.abs(resample_poly(ch, 4, 1))) for ch in x))


def delay(mix, dec, max_lag=4096, window=8192):
    """The decode's lag behind the mix: best normalised correlation over the loudest window."""
    a, b = mix.sum(axis=0), dec.sum(axis=0)
    n = min(len(a), len(b), 20 * 48000)
    energy = np.convolve(a[:n] ** 2, np.ones(window), "valid")
    start = max_lag + int(np.argmax(energy[max_lag:n - window - max_lag]))
    ref = a[start:start + window]
    best, best_lag = -np.inf, 0
    for lag in range(-max_lag, max_lag + 1):
        seg = b[start + lag:start + lag + window]
        e = np.dot(seg, seg)
        score = np.dot(ref, seg) / np.sqrt(e) if e > 0 else -np.inf
        if score > best:
            best, best_lag = score, lag
    return best_lag


def residual_db(mix, dec):
    d = delay(mix, dec)
    dec = dec[:, d:] if d > 0 else np.pad(dec, ((0, 0), (-d, 0)))
    n = min(mix.shape[1], dec.shape[1])
    r = mix[:, :n] - dec[:, :n]
    return 10 * np.log10(np.sum(r ** 2) / np.sum(mix[:, :n] ** 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--tracks", type=int, default=8)
    ap.add_argument("--pair", action="append", choices=sorted(PAIRS), help="only these codecs (repeatable)")
    args = ap.parse_args()
    files = args.files
    if not files:
        every = sorted(glob.glob(os.path.join(REALMUSIC, "*.wav")))
        if not every:
            sys.exit("bench: no tracks; run bench/realmusic.py first or name files")
        step = max(1, len(every) // args.tracks)
        files = every[::step][:args.tracks]
    pairs = args.pair or list(PAIRS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in pairs:
            ext, ref_args, fast_args = PAIRS[name]
            print(f"{name}: {' '.join(ref_args)}  against  {' '.join(fast_args)}")
            worst, cpu = 0.0, [0.0, 0.0]
            for f in files:
                mix = decode(f, 48000, 2)
                row = []
                for i, enc in enumerate((ref_args, fast_args)):
                    out = os.path.join(tmp, f"{i}.{ext}")
                    cpu[i] += encode(f, enc, out)
                    dec = decode(out, 48000, 2)
                    row.append((true_peak_db(dec), int(np.sum(np.abs(dec) >= 1.0)), residual_db(mix, dec)))
                worst = max(worst, abs(row[0][0] - row[1][0]))
                print(f"  {os.path.basename(f)[:44]:44s} mix {true_peak_db(mix):+6.2f} dBTP | "
                      + " | ".join(f"{tp:+6.2f} dBTP {clip:6d} clipped {res:6.1f} dB" for tp, clip, res in row))
            print(f"  encoder CPU {cpu[0]:.1f} s against {cpu[1]:.1f} s ({cpu[1] / cpu[0]:.2f}x); "
                  f"largest true-peak difference {worst:.2f} dB")


if __name__ == "__main__":
    main()

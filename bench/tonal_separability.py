#!/usr/bin/env python3
"""How well can any long-term-spectrum figure tell a seeded EQ move from a finished record's own
balance? Reads the clean reports that bench/calibrate.py keeps, applies each seeded EQ shape
(the same RBJ biquads) to every track's 1/3-octave band levels, and prints, at 2.5/5/10 % false
alarms on the clean tracks, the recall of

- the plain figures Signoff reports (low end, mud, harsh, air; and a 5-10 kHz hump), and
- the best linear detector for the shape: a Gaussian model of the clean spectra (mean and
  regularised covariance), the shape's maximum-likelihood gain, cross-validated by leaving each
  package out.

Usage: bench/tonal_separability.py [--label current]
"""
import argparse
import json
import os
import sys

import numpy as np
from scipy.signal import sosfreqz

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate as C  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="current")
    args = ap.parse_args()
    reports = list(C.load(os.path.join(C.WORK, args.label, "clean.json")).values())
    fc = np.array([b["center_hz"] for b in reports[0]["spectrum"]["bands"]])
    sel = (fc >= 31.5) & (fc <= 16000)
    fc = fc[sel]
    x = np.array([[b["level_dbfs"] for b in r["spectrum"]["bands"]] for r in reports])[:, sel]
    package = np.array([os.path.basename(r["file"]).split("--")[0] for r in reports])

    def mean_db(v, lo, hi):
        m = (fc >= lo) & (fc <= hi)
        return 10 * np.log10(np.mean(10 ** (v[..., m] / 10), axis=-1))

    x = x - mean_db(x, 500, 1600)[:, None]

    def shape(kind, f0, g, q=0.7071):
        _, h = sosfreqz(C._biquad(kind, f0, g, q), worN=2 * np.pi * fc / C.FS)
        s = 20 * np.log10(np.abs(h))
        return s - mean_db(s[None, :], 500, 1600)[0]

    def excess(v, lo, hi, alo, ahi, blo, bhi):
        a, b, r = mean_db(v, alo, ahi), mean_db(v, blo, bhi), mean_db(v, lo, hi)
        xa, xb, xr = np.log(np.sqrt(alo * ahi)), np.log(np.sqrt(blo * bhi)), np.log(np.sqrt(lo * hi))
        return r - (a + (b - a) * (xr - xa) / (xb - xa))

    def figure(name, v):
        body = mean_db(v, 500, 1600)
        if name == "low end":
            return mean_db(v, 31.5, 100) - body
        if name == "mud":
            return np.minimum(excess(v, 200, 400, 100, 160, 500, 1600), mean_db(v, 200, 400) - body)
        if name == "harsh":
            slope = body - 4.5 * np.log2(np.sqrt(2000 * 5000) / np.sqrt(500 * 1600))
            return np.minimum(excess(v, 2000, 5000, 500, 1600, 8000, 12500), mean_db(v, 2000, 5000) - slope)
        if name == "air":
            return mean_db(v, 8000, 16000) - body
        return excess(v, 5000, 10000, 2000, 4000, 12500, 16000)

    cases = [("HARSH +6 dB bell at 3.5 kHz", shape("peak", 3500, 6, 1.0), "harsh", 1),
             ("MUD +6 dB bell at 300 Hz", shape("peak", 300, 6, 1.0), "mud", 1),
             ("BOOMY +8 dB low shelf at 100 Hz", shape("lowshelf", 100, 8), "low end", 1),
             ("DULL -8 dB high shelf at 8 kHz", shape("highshelf", 8000, -8), "air", -1),
             ("SIBILANT +8 dB bell at 7.35 kHz", shape("peak", 7350, 8, 2.0), "5-10 kHz hump", 1)]
    print(f"{len(x)} clean tracks; recall at 2.5 / 5 / 10 % false alarms")
    for title, s, name, sign in cases:
        clean, seeded = sign * figure(name, x), sign * figure(name, x + s)
        plain = [np.mean(seeded > np.quantile(clean, 1 - fa)) for fa in (0.025, 0.05, 0.10)]
        u = s / np.abs(s).max() * sign
        clean_g, seeded_g = np.zeros(len(x)), np.zeros(len(x))
        for p in set(package):
            train = package != p
            mu = x[train].mean(axis=0)
            inv = np.linalg.inv(np.cov(x[train].T) + 2.0 * np.eye(len(mu)))
            w = inv @ u / (u @ inv @ u)
            clean_g[~train], seeded_g[~train] = (x[~train] - mu) @ w, (x[~train] + s - mu) @ w
        best = [np.mean(seeded_g > np.quantile(clean_g, 1 - fa)) for fa in (0.025, 0.05, 0.10)]
        print(f"{title:34s} plain {name:14s} " + " / ".join(f"{r:4.0%}" for r in plain)
              + "    best linear detector " + " / ".join(f"{r:4.0%}" for r in best))


if __name__ == "__main__":
    main()

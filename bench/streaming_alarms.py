#!/usr/bin/env python3
"""False alarms of the streaming findings on finished records (issue 13).

Runs `signoff check --platforms` over every clean track of the real-music set that
bench/realmusic.py builds, and `--platforms --codecs` over a round-robin subset of it (the codec
round trip encodes each track five times), then counts per code how many tracks raise it as a
warning or problem (a false alarm unless the release really has the fault) and as a note. Also
prints the spread of the figures the findings judge, so a threshold can be read against them.

    python3 bench/realmusic.py           # once: the set, in bench/work/realmusic/
    python3 bench/streaming_alarms.py    # -> the table for docs/findings.md
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate  # noqa: E402  (check(), load(), codes(), subset())

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work", "realmusic")
OUT = os.path.join(ROOT, "bench", "work", "streaming")
CODES = ["LOUDNESS_TURNED_DOWN", "PLATFORM_LIMITING", "CODEC_CLIPPING"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codec-tracks", type=int, default=24, help="tracks of the codec round trip (default 24)")
    args = ap.parse_args()
    with open(os.path.join(WORK, "manifest.json")) as f:
        manifest = json.load(f)
    os.makedirs(OUT, exist_ok=True)
    clean = [os.path.join(WORK, "clean", m["wav"]) for m in manifest]
    platforms = calibrate.check(clean, os.path.join(OUT, "platforms.json"), ("--platforms",))
    subset = [os.path.join(WORK, "clean", w) for w in calibrate.subset(manifest, args.codec_tracks)]
    codecs = calibrate.check(subset, os.path.join(OUT, "codecs.json"), ("--platforms", "--codecs"))

    print(f"- Platforms: {len(platforms)} clean tracks; codec round trip: {len(codecs)} of them (round-robin over the packages).")
    print()
    print("| Code | Tracks | Warnings or problems (false alarms unless real) | Notes |")
    print("|---|---|---|---|")
    for code in CODES:
        reports = codecs if code == "CODEC_CLIPPING" else platforms
        n = len(reports)
        raised = sum(code in calibrate.codes(r) for r in reports.values())
        notes = sum(code in calibrate.codes(r, ("note",)) for r in reports.values())
        print(f"| {code} | {n} | {raised}/{n} ({100 * raised / n:.0f} %) | {notes} |")
    print()
    lufs = [r["loudness"]["integrated_lufs"] for r in platforms.values() if r.get("loudness") and r["loudness"]["integrated_lufs"] is not None]
    loud = [p["limiting_db"] for r in platforms.values() for p in r.get("platforms") or [] if p["service"] == "spotify-loud"]
    print(f"- Integrated loudness: median {statistics.median(lufs):.1f} LUFS, range {min(lufs):.1f} to {max(lufs):.1f}.")
    print(f"- Spotify Loud limiting: engaged on {sum(l > 0 for l in loud)}/{len(loud)} tracks, over 3 dB on {sum(l > 3 for l in loud)}, "
          f"median where engaged {statistics.median([l for l in loud if l > 0] or [0]):.1f} dB.")
    tps = [(c["codec"], c["true_peak_dbtp"], r["peaks"]["true_peak_dbtp"]) for r in codecs.values() for c in r.get("codecs") or []]
    for codec in dict.fromkeys(t[0] for t in tps):
        rise = [t[1] - t[2] for t in tps if t[0] == codec and t[1] is not None and t[2] is not None]
        over = sum(1 for t in tps if t[0] == codec and t[1] is not None and t[1] > 0)
        print(f"- {codec}: decoded true peak minus the master's, median {statistics.median(rise):+.2f} dB, max {max(rise):+.2f} dB; "
              f"over 0 dBTP on {over}/{len(rise)} tracks.")


if __name__ == "__main__":
    main()

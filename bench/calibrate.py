#!/usr/bin/env python3
"""Calibrates Signoff's findings on real recordings: how often it cries wolf, how often it misses.

Runs `signoff check` over the real-music set that bench/realmusic.py builds (finished game
soundtracks from Debian's music packages) and over the same tracks with seeded defects of a
realistic size, then prints per finding code:

- false alarms: the share of clean tracks on which the code is raised as a warning or problem;
- recall: the share of seeded renders on which the expected code is raised (any severity);
- warnings-or-problems per clean track overall (and how many of them are TAIL_CUT on loops that
  simply stop: game music is often cut at its loop point);
- the seeded tonal defects judged with --ref against three clean tracks of other packages;
- the section finder on the 3-5 minute tracks (how many sections, the shortest non-stop section).

Each seeded render is a 90 s excerpt of its track (from 30 % in, faded in and out), which keeps a
run within minutes. The defects are rendered here with numpy/scipy (RBJ cookbook biquads, the same shapes as
SongSynth's defects in signoff-audio) into 32-bit float WAVs, so no boost clips by accident; a
render whose peak would pass full scale is turned down to the clean track's peak. Renders are
deleted after each defect's batch; the check reports are kept in bench/work/calibration/LABEL/, so an
interrupted run resumes, and --table-only prints the table again without running anything
(--fresh starts over, as after a change to a rule).

Usage: bench/calibrate.py [--label NAME] [--per-defect 30] [--ref-per-defect 12] [--skip-refs] [--fresh | --table-only] [--out FILE.md]
Needs: the set (bench/realmusic.py), ffmpeg, numpy, scipy.
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

import numpy as np
from scipy.signal import sosfilt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIGNOFF = os.path.join(ROOT, "signoff")
SET = os.path.join(ROOT, "bench", "work", "realmusic")
WORK = os.path.join(ROOT, "bench", "work", "calibration")
FS = 48000

# ---------------------------------------------------------------- seeded defects
def _biquad(kind, f0, gain_db, q=0.7071):
    """RBJ Audio EQ Cookbook biquad as one scipy SOS row."""
    a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * f0 / FS
    cw, sw = math.cos(w0), math.sin(w0)
    alpha = sw / (2 * q)
    if kind == "peak":
        b = [1 + alpha * a, -2 * cw, 1 - alpha * a]
        den = [1 + alpha / a, -2 * cw, 1 - alpha / a]
    elif kind == "lowshelf":
        sa = 2 * math.sqrt(a) * alpha
        b = [a * ((a + 1) - (a - 1) * cw + sa), 2 * a * ((a - 1) - (a + 1) * cw), a * ((a + 1) - (a - 1) * cw - sa)]
        den = [(a + 1) + (a - 1) * cw + sa, -2 * ((a - 1) + (a + 1) * cw), (a + 1) + (a - 1) * cw - sa]
    elif kind == "highshelf":
        sa = 2 * math.sqrt(a) * alpha
        b = [a * ((a + 1) + (a - 1) * cw + sa), -2 * a * ((a - 1) + (a + 1) * cw), a * ((a + 1) + (a - 1) * cw - sa)]
        den = [(a + 1) - (a - 1) * cw + sa, 2 * ((a - 1) - (a + 1) * cw), (a + 1) - (a - 1) * cw - sa]
    else:
        raise ValueError(kind)
    return np.array([[b[0] / den[0], b[1] / den[0], b[2] / den[0], 1.0, den[1] / den[0], den[2] / den[0]]])


def eq(kind, f0, gain_db, q=0.7071):
    sos = _biquad(kind, f0, gain_db, q)
    return lambda x: sosfilt(sos, x, axis=0)


def side_gain(db):
    def f(x):
        m, s = (x[:, 0] + x[:, 1]) / 2, (x[:, 0] - x[:, 1]) / 2 * 10 ** (db / 20)
        return np.stack([m + s, m - s], axis=1)
    return f


def channel_gain(ch, g):
    def f(x):
        y = x.copy()
        y[:, ch] *= g
        return y
    return f


def stop(x, seconds=3.0, at=0.45):
    """Drops the whole band out for `seconds` (10 ms raised-cosine ramps), as a stop in the song."""
    n, start = int(seconds * FS), int(len(x) * at)
    ramp = int(0.01 * FS)
    g = np.ones(len(x))
    g[start:start + n] = 0.0
    r = 0.5 + 0.5 * np.cos(np.linspace(0, math.pi, ramp))
    g[start - ramp:start] = r
    g[start + n:start + n + ramp] = r[::-1]
    return x * g[:, None]


def with_stop(noise):
    def f(x):
        y = stop(x)
        return y + noise(len(y)) if noise else y
    return f


def hiss(n, dbfs=-60.0):
    rng = np.random.default_rng(7)
    return rng.standard_normal((n, 2)) * 10 ** (dbfs / 20)  # RMS dbfs per channel, white


def hum(n, dbfs=-60.0):
    t = np.arange(n) / FS
    h = sum(10 ** ((dbfs - 6 * k) / 20) * math.sqrt(2) * np.sin(2 * math.pi * 50 * (k + 1) * t + k)
            for k in range(4))  # 50 Hz and three harmonics, each 6 dB under the last
    return np.stack([h, h], axis=1)


DEFECTS = {
    # name: (render, expected codes (any one counts), tonal: judged with --ref as well)
    "HARSH": (eq("peak", 3500, 6, 1.0), {"HARSH_BUILDUP"}, True),
    "MUD": (eq("peak", 300, 6, 1.0), {"MUD"}, True),
    "BOOMY": (eq("lowshelf", 100, 8), {"LOW_END_EXCESS"}, True),
    "DULL": (eq("highshelf", 8000, -8), {"DULL"}, True),
    "SIBILANT": (eq("peak", 7350, 8, 2.0), {"SIBILANCE", "SIZZLE"}, True),
    "WIDE": (side_gain(8), {"WIDTH", "MONO_COMPAT"}, True),
    "BALANCE": (channel_gain(1, 10 ** (-3 / 20)), {"BALANCE"}, False),
    "POLARITY": (channel_gain(1, -1.0), {"MONO_COMPAT"}, False),
    "CLIPPING": (lambda x: np.clip(x * 2.0, -1.0, 1.0), {"CLIPPING"}, False),
    "STOP_HISS": (with_stop(hiss), {"STOP_NOISE"}, False),
    "STOP_HUM": (with_stop(hum), {"HUM"}, False),
    "DC_OFFSET": (lambda x: x + 0.01, {"DC_OFFSET"}, False),
    "TAIL_CUT": (lambda x: x[: int(len(x) * 0.6)], {"TAIL_CUT"}, False),  # stops mid-note, no fade
    "HEAD_SILENCE": (lambda x: np.concatenate([np.zeros((3 * FS, 2)), x]), {"HEAD_SILENCE"}, False),
}
# A silent stop is a control: nothing may be heard in it, and the finder should see the stop.
CONTROLS = {"SILENT_STOP": (with_stop(None), {"STOP_NOISE", "HUM"})}


def read(path):
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "f32le", "-ac", "2", "-ar", str(FS), "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<f4").reshape(-1, 2).astype(np.float64)


def write_float_wav(path, x):
    data = x.astype("<f4").tobytes()
    header = b"RIFF" + (36 + len(data)).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little")
    header += (3).to_bytes(2, "little") + (2).to_bytes(2, "little") + FS.to_bytes(4, "little")
    header += (FS * 8).to_bytes(4, "little") + (8).to_bytes(2, "little") + (32).to_bytes(2, "little")
    with open(path, "wb") as f:
        f.write(header + b"data" + len(data).to_bytes(4, "little"))
        f.write(data)


EXCERPT_S = 90.0


def excerpt(x, name):
    """90 s from 30 % into the track, faded in and out over half a second, so that a seeded render
    costs a fraction of the whole track; TAIL_CUT keeps its abrupt end (it is the defect)."""
    start = int(len(x) * 0.3)
    y = x[start:start + int(EXCERPT_S * FS)].copy()
    ramp = np.linspace(0.0, 1.0, FS // 2)[:, None]
    y[: FS // 2] *= ramp
    if name != "TAIL_CUT":
        y[-(FS // 2):] *= ramp[::-1]
    return y


def render(src, dst, fn, name):
    x = excerpt(read(src), name)
    peak = float(np.max(np.abs(x))) or 1.0
    y = fn(x)
    if name != "CLIPPING":
        p = float(np.max(np.abs(y)))
        if p > min(peak, 1.0):
            y = y * (min(peak, 1.0) / p)
    write_float_wav(dst, y)


# ---------------------------------------------------------------- running the check
def check(files, out_json, extra=()):
    if os.path.exists(out_json):
        return load(out_json)
    tmp = out_json + ".partial"
    r = subprocess.run([SIGNOFF, "check", "--format", "json", "-o", tmp, "-j", "2", "-q", *extra, *files],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1, 2) or not os.path.exists(tmp):
        sys.exit(f"calibrate: signoff check failed ({r.returncode}): {r.stderr.strip()[:500]}")
    os.rename(tmp, out_json)
    return load(out_json)


def load(path):
    with open(path) as f:
        d = json.load(f)
    reports = d if isinstance(d, list) else [d]  # a batch is an array of reports
    return {os.path.basename(r["file"]): r for r in reports}


def codes(report, severities=("warning", "problem")):
    return [f["code"] for f in report.get("findings") or [] if f["severity"] in severities]


def subset(manifest, n):
    """n tracks taken round-robin over the packages, so no one composer dominates."""
    by_pkg = defaultdict(list)
    for m in manifest:
        by_pkg[m["package"]].append(m["wav"])
    out, i = [], 0
    while len(out) < min(n, len(manifest)):
        for p in sorted(by_pkg):
            if i < len(by_pkg[p]) and len(out) < n:
                out.append(by_pkg[p][i])
        i += 1
    return out


def references_for(wav, manifest, k=3):
    """Three clean tracks of other packages, as an engineer picks references from other records."""
    pkg = wav.split("--")[0]
    others = [m["wav"] for m in manifest if m["package"] != pkg]
    start = sum(map(ord, wav)) % len(others)
    return [others[(start + i * 37) % len(others)] for i in range(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-defect", type=int, default=30)
    ap.add_argument("--ref-per-defect", type=int, default=12, help="renders of each tonal defect judged with --ref")
    ap.add_argument("--skip-refs", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="forget this label's kept reports and run everything again")
    ap.add_argument("--table-only", action="store_true", help="print the table from the kept reports only")
    ap.add_argument("--label", default="current", help="folder under bench/work/calibration for this run's reports")
    ap.add_argument("--out", help="also write the tables as Markdown to this file")
    args = ap.parse_args()
    with open(os.path.join(SET, "manifest.json")) as f:
        manifest = json.load(f)
    clean_dir = os.path.join(SET, "clean")
    work = os.path.join(WORK, args.label)
    if args.fresh:
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work, exist_ok=True)

    clean = check([os.path.join(clean_dir, m["wav"]) for m in manifest], os.path.join(work, "clean.json"))
    chosen = subset(manifest, args.per_defect)
    seeded, ref_seeded = {}, {}
    for name, (fn, _, tonal) in list(DEFECTS.items()) + [(k, (v[0], v[1], False)) for k, v in CONTROLS.items()]:
        out_json = os.path.join(work, f"seeded-{name}.json")
        if not os.path.exists(out_json) and args.table_only:
            continue
        with tempfile.TemporaryDirectory(dir=WORK) as tmp:
            paths = []
            if not os.path.exists(out_json):
                for wav in chosen:
                    dst = os.path.join(tmp, wav)
                    render(os.path.join(clean_dir, wav), dst, fn, name)
                    paths.append(dst)
            seeded[name] = check(paths, out_json)
            if tonal and not args.skip_refs:
                ref_seeded[name] = {}
                for wav in chosen[: args.ref_per_defect]:
                    rj = os.path.join(work, f"ref-{name}-{wav}.json")
                    if not os.path.exists(rj) and args.table_only:
                        continue
                    refs = []
                    for r in references_for(wav, manifest):
                        ref = os.path.join(WORK, "ref-excerpts", r)
                        if not os.path.exists(ref):
                            os.makedirs(os.path.dirname(ref), exist_ok=True)
                            render(os.path.join(clean_dir, r), ref, lambda x: x, "REFERENCE")
                        refs += ["--ref", ref]
                    ref_seeded[name].update(check([os.path.join(tmp, wav)], rj, refs))
        print(f"calibrate: {name} done", file=sys.stderr, flush=True)

    print_tables(manifest, clean, seeded, ref_seeded, args.out)


def print_tables(manifest, clean, seeded, ref_seeded, out_path):
    lines = []
    n = len(clean)
    readable = {k: v for k, v in clean.items() if not v.get("error")}
    per_track = [len(codes(r)) for r in readable.values()]
    tail_cuts = sum("TAIL_CUT" in codes(r) for r in readable.values())
    lines.append(f"Clean set: {n} tracks of {len({m['package'] for m in manifest})} packages, "
                 f"{sum(m['seconds'] for m in manifest) / 60:.0f} minutes; {n - len(readable)} unreadable.")
    confirmed = confirmed_faults(readable)
    all_real = sum(len(v) for v in confirmed.values())
    lines.append(f"Warnings or problems per clean track: {statistics.mean(per_track):.2f} on average ({sum(per_track)} in all, "
                 f"{tail_cuts} of them TAIL_CUT; {all_real} are real faults of the releases confirmed below, "
                 f"{(sum(per_track) - all_real) / len(per_track):.2f} per track without them); "
                 f"tracks with none: {sum(1 for c in per_track if c == 0)} of {len(per_track)}.")
    for code, tracks in sorted(confirmed.items()):
        lines.append(f"{code} on clean tracks confirmed by an independent measurement ({CONFIRM_HOW[code]}): "
                     f"{len(tracks)} ({', '.join(sorted(tracks))}).")
    lines.append("")
    lines.append("| Code | False alarms on clean tracks | Notes on clean tracks | Seeded defect | Recall without references | Recall with 3 references |")
    lines.append("|---|---|---|---|---|---|")
    all_codes = Counter(c for r in readable.values() for c in set(codes(r)))
    all_notes = Counter(c for r in readable.values() for c in set(codes(r, ("note",))))
    expected_by_code = defaultdict(list)
    for name, (_, expect, _) in DEFECTS.items():
        expected_by_code[sorted(expect)[0]].append(name)
    rows = sorted(set(all_codes) | set(all_notes) | set(expected_by_code))
    found_total = seeded_total = 0
    for code in rows:
        fa = all_codes.get(code, 0)
        notes = all_notes.get(code, 0)
        defects = expected_by_code.get(code, [])
        recall, ref_recall = [], []
        for name in defects:
            expect = DEFECTS[name][1]
            rep = seeded.get(name, {})
            hits = sum(1 for r in rep.values() if expect & set(codes(r, ("warning", "problem", "note"))))
            if rep:
                recall.append(f"{name} {hits}/{len(rep)} ({100 * hits / len(rep):.0f} %)")
                found_total += hits
                seeded_total += len(rep)
            rr = ref_seeded.get(name, {})
            if rr:
                rh = sum(1 for r in rr.values() if expect & set(codes(r, ("warning", "problem", "note"))))
                ref_recall.append(f"{rh}/{len(rr)} ({100 * rh / len(rr):.0f} %)")
        real = len(confirmed.get(code, ()))
        fa_text = f"{fa}/{len(readable)} ({100 * fa / len(readable):.0f} %)"
        if real:
            fa_text += f"; {fa - real} ({100 * (fa - real) / len(readable):.0f} %) without the {real} confirmed real"
        lines.append(f"| {code} | {fa_text} | {notes} | "
                     f"{', '.join(defects) or '-'} | {'; '.join(recall) or '-'} | {'; '.join(ref_recall) or '-'} |")
    if seeded_total:
        lines.append("")
        lines.append(f"Seeded defects found: {found_total}/{seeded_total} ({100 * found_total / seeded_total:.0f} %).")
    for name, (_, forbidden) in CONTROLS.items():
        rep = seeded.get(name, {})
        if rep:
            bad = sum(1 for r in rep.values() if forbidden & set(codes(r)))
            stops = sum(1 for r in rep.values() if r.get("quiet_passages"))
            lines.append(f"{name} (control): {bad}/{len(rep)} raised {', '.join(sorted(forbidden))}; "
                         f"the stop was found as a quiet passage in {stops}/{len(rep)}.")
    lines.append("")
    lines += section_table(manifest, readable)
    text = "\n".join(lines)
    print(text)
    if out_path:
        with open(out_path, "w") as f:
            f.write(text + "\n")


CONFIRM_HOW = {
    "DC_OFFSET": "the plain mean of a channel over the whole file is above 0.5 % of full scale",
    "TAIL_CUT": "the last 50 ms are within 20 dB of the file's loudest second: the track stops at its loop point",
}


def confirmed_faults(reports):
    """Findings on clean tracks that are real faults of the release, measured here without Signoff."""
    out = defaultdict(set)
    for name, r in reports.items():
        found = set(codes(r))
        if not found & set(CONFIRM_HOW):
            continue
        x = read(os.path.join(SET, "clean", name))
        if "DC_OFFSET" in found and np.max(np.abs(x.mean(axis=0))) > 0.005:
            out["DC_OFFSET"].add(name)
        if "TAIL_CUT" in found:
            tail = np.sqrt(np.mean(x[-int(0.05 * FS):] ** 2))
            sec = x[: len(x) // FS * FS].reshape(-1, FS, 2)
            loudest = np.sqrt(np.max(np.mean(sec ** 2, axis=(1, 2))))
            if tail > 0 and 20 * math.log10(tail / loudest) > -20:
                out["TAIL_CUT"].add(name)
    return out


def section_table(manifest, reports):
    seconds = {m["wav"]: m["seconds"] for m in manifest}
    mid = [r for k, r in reports.items() if 180 <= seconds.get(k, 0) <= 300 and r.get("sections")]
    counts, short = [], 0
    for r in mid:
        secs = r["sections"]["list"]
        counts.append(len(secs))
        short += any((s["end_s"] - s["start_s"]) < 6.0 and not s.get("quiet") for s in secs)
    if not mid:
        return []
    ok = sum(1 for c in counts if 5 <= c <= 12)
    return [f"Sections on the {len(mid)} tracks of 3-5 minutes: 5-12 sections on {ok} ({100 * ok / len(mid):.0f} %), "
            f"median {statistics.median(counts):.0f}, range {min(counts)}-{max(counts)}; "
            f"tracks with a non-stop section under 6 s: {short}."]


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds Signoff's real-music calibration set from Debian's music packages.

Finished game soundtracks packaged by Debian are real mixes, mastered by their composers, under
free licences, and every developer can fetch the same versions: `apt-get download` (no install)
of exactly the packages below, every music track of at least 60 s extracted, decoded with ffmpeg
to 48 kHz / 24-bit stereo WAV (turned down by its peak where the lossy decode passes full scale, so
the conversion adds no clipping), and a manifest (package, version, file, licence, duration, sha256)
written beside them. Nothing here is committed: the set lives in bench/work/realmusic/ (git-ignored).

Usage: bench/realmusic.py [--dir DIR] [--min-seconds 60]
Needs: apt-get (with package lists: `apt-get update` once), dpkg-deb, ffmpeg, ffprobe, numpy.
"""
import argparse
import glob
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ["hyperrogue-music", "singularity-music", "ufoai-music", "colobot-common-sounds",
            "asc-music", "drascula-music", "boswars-data", "extremetuxracer-data", "openclonk-data"]
AUDIO = (".ogg", ".oga", ".mp3", ".flac", ".wav", ".opus", ".xm", ".mod", ".it", ".s3m")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def probe_seconds(path):
    p = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                        "default=nw=1:nk=1", path], capture_output=True, text=True)
    try:
        return float(p.stdout.strip())
    except ValueError:
        return 0.0


def decode(src, wav):
    """src to 48 kHz / 24-bit stereo WAV. A lossy decode can pass full scale (the codec's overs);
    such a track is turned down by its peak first, so that the conversion to integers does not
    make flat-topped clipping that the release does not have."""
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", src, "-vn", "-ar", "48000", "-ac", "2",
                          "-f", "f32le", "-"], check=True, capture_output=True).stdout
    peak = float(np.max(np.abs(np.frombuffer(raw, dtype="<f4")))) if raw else 0.0
    gain_db = min(0.0, -0.1 - 20 * math.log10(peak)) if peak > 0 else 0.0
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "f32le", "-ar", "48000", "-ac", "2", "-i", "-",
                    "-af", f"volume={gain_db:.3f}dB", "-c:a", "pcm_s24le", wav + ".partial.wav"], input=raw, check=True)
    os.rename(wav + ".partial.wav", wav)
    return gain_db


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def licence_of(tree, package):
    """The licence names the package's copyright file declares (DEP-5 'License:' lines)."""
    path = os.path.join(tree, "usr/share/doc", package, "copyright")
    if not os.path.exists(path):
        return "see the package's copyright file"
    with open(path, encoding="utf-8", errors="replace") as f:
        names = []
        for line in f:
            m = re.match(r"License:\s*(\S.*)", line)
            if m and m.group(1).strip() not in names:
                names.append(m.group(1).strip())
    return ", ".join(names[:4]) or "see the package's copyright file"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(ROOT, "bench", "work", "realmusic"))
    ap.add_argument("--min-seconds", type=float, default=60.0)
    args = ap.parse_args()
    for tool in ("apt-get", "dpkg-deb", "ffmpeg", "ffprobe"):
        if not shutil.which(tool):
            sys.exit(f"realmusic: {tool} is needed")
    debs, clean = os.path.join(args.dir, "debs"), os.path.join(args.dir, "clean")
    os.makedirs(debs, exist_ok=True)
    os.makedirs(clean, exist_ok=True)

    missing = [p for p in PACKAGES if not glob.glob(os.path.join(debs, p + "_*.deb"))]
    if missing:
        r = subprocess.run(["apt-get", "download", *missing], cwd=debs)
        if r.returncode != 0:
            sys.exit("realmusic: apt-get download failed (run `apt-get update` first?)")

    manifest, seen = [], set()
    for package in PACKAGES:
        deb = sorted(glob.glob(os.path.join(debs, package + "_*.deb")))[-1]
        version = os.path.basename(deb).split("_")[1]
        tree = os.path.join(args.dir, "x", package)
        if not os.path.isdir(tree):
            os.makedirs(os.path.dirname(tree), exist_ok=True)
            shutil.rmtree(tree + ".partial", ignore_errors=True)
            run(["dpkg-deb", "-x", deb, tree + ".partial"])
            os.rename(tree + ".partial", tree)
        licence = licence_of(tree, package)
        files = []
        for dirpath, _, names in os.walk(tree):
            for name in names:
                path = os.path.join(dirpath, name)
                if name.lower().endswith(AUDIO):
                    files.append((os.path.relpath(path, tree), path))
                elif name.lower().endswith((".pk3", ".zip")):  # UFO:AI keeps its music in a zip
                    with zipfile.ZipFile(path) as z:
                        for member in z.namelist():
                            if member.lower().endswith(AUDIO):
                                out = os.path.join(tree, "_zip", name, member)
                                if not os.path.exists(out):
                                    os.makedirs(os.path.dirname(out), exist_ok=True)
                                    with z.open(member) as src, open(out, "wb") as dst:
                                        shutil.copyfileobj(src, dst)
                                files.append((os.path.relpath(path, tree) + "!" + member, out))
        for rel, path in sorted(files):
            digest = sha256(path)
            if digest in seen:  # the same track shipped twice (Drascula's language folders)
                continue
            seen.add(digest)
            seconds = probe_seconds(path)
            if seconds < args.min_seconds:
                continue
            stem = re.sub(r"[^A-Za-z0-9]+", "-", os.path.splitext(rel.split("!")[-1])[0].split("/")[-1]).strip("-")
            wav = os.path.join(clean, f"{package}--{stem}.wav")
            if not os.path.exists(wav):
                decode(path, wav)
            manifest.append({"package": package, "version": version, "file": rel, "licence": licence,
                             "seconds": round(probe_seconds(wav), 2), "wav": os.path.basename(wav),
                             "source_sha256": digest, "sha256": sha256(wav)})
            print(f"{package:24s} {manifest[-1]['seconds']:7.1f} s  {rel}", flush=True)
    with open(os.path.join(args.dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    total = sum(m["seconds"] for m in manifest)
    print(f"realmusic: {len(manifest)} tracks, {total / 60:.0f} minutes, in {clean}")
    if len(manifest) < 40:
        sys.exit("realmusic: fewer than 40 tracks; the calibration needs at least 40")


if __name__ == "__main__":
    main()

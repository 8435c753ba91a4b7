#!/usr/bin/env python3
"""ALBUM_OUTLIER on the real-music set: each Debian music package of bench/work/realmusic/clean
(bench/realmusic.py) taken as one album, in name order; prints how many tracks each flags and why.

Usage: bench/album.py [JAR]   (default signoff-cli/target/signoff.jar)"""
import collections, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
jar = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "signoff-cli", "target", "signoff.jar")
clean = os.path.join(here, "work", "realmusic", "clean")
albums = collections.defaultdict(list)
for f in sorted(os.listdir(clean)):
    if f.endswith(".wav"):
        albums[f.split("--")[0]].append(os.path.join(clean, f))
total_tracks = total_flagged = 0
for name, files in sorted(albums.items()):
    with tempfile.TemporaryDirectory() as d:
        for f in files:
            os.symlink(os.path.realpath(f), os.path.join(d, os.path.basename(f)))
        out = subprocess.run(["java", "-jar", jar, "album", d, "--format", "json", "-q"], capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    flagged = collections.Counter()
    tracks = set()
    for f in r["findings"]:
        v = f["values"]
        kind = f["message"].split(" than the other")[0].split()[-1]
        flagged[kind] += 1
        tracks.add(f["track"])
    total_tracks += len(files)
    total_flagged += len(tracks)
    print(f"{name:24s} {len(files):3d} tracks  {len(tracks):2d} flagged ({100 * len(tracks) / len(files):3.0f} %)  "
          + ", ".join(f"{k} {n}" for k, n in sorted(flagged.items())), flush=True)
print(f"{'all':24s} {total_tracks:3d} tracks  {total_flagged:2d} flagged ({100 * total_flagged / total_tracks:.0f} %)")

#!/usr/bin/env python3
"""Whole-process benchmark of `signoff session` on a 500-track session (issue 14: under 1 s of wall
time after JVM start).

Writes a 500-track session of each format under bench/work/session/ (REAPER: two takes and two
plugins per track; DAWproject: one clip and two devices per track; Ardour: one region and two
plugins per route), each track with its own media files (0.05 s 48 kHz 24-bit stereo WAV, read for
their sample rate), then times, alternating, `signoff --version` (the JVM's start and the launcher)
and `signoff session FILE --format json`. Prints the medians and their difference: the audit's own
wall time after JVM start. The CPU time of each process is printed beside it: on a shared machine
the wall time stretches with the load, the CPU time does not.

Usage: bench/session.py [--runs N]
"""
import argparse
import os
import shutil
import statistics
import struct
import subprocess
import time
import wave
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work", "session")
SIGNOFF = os.path.join(ROOT, "signoff")
TRACKS = 500


def wav(path, rate=48000, seconds=0.05):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(3)
        w.setframerate(rate)
        w.writeframes(b"\0" * (6 * int(rate * seconds)))


def reaper(folder):
    lines = ["<REAPER_PROJECT 0.1 \"7.22/linux-x86_64\" 1733560000", "  SAMPLERATE 48000 0 0", "  TEMPO 120 4 4",
             "  RECORD_PATH \"Media\" \"\"", "  MARKER 1 0 Intro 0", "  MARKER 2 30 Verse 0"]
    for i in range(1, TRACKS + 1):
        a, b = f"Media/t{i}-a.wav", f"Media/t{i}-b.wav"
        wav(os.path.join(folder, a))
        wav(os.path.join(folder, b))
        lines += [f"  <TRACK", f"    NAME \"Track {i} vox\"", "    MUTESOLO 0 0 0", "    <FXCHAIN"]
        for name in ("VST3: Pro-Q 3 (FabFilter)", "VST3: Pro-C 2 (FabFilter)"):
            lines += ["      BYPASS 0 0 0", f"      <VST \"{name}\" plugin.vst3 0 \"\" 1234{{ABCDEF}} \"\"", "        7ZsrMu9e7f4CAAAAAQAAAAAAAAAC", "      >", "      WAK 0 0"]
        lines += ["    >", "    <ITEM", f"      POSITION {i}", "      LENGTH 4", "      MUTE 0 0", f"      NAME \"t{i}-a.wav\"",
                  "      <SOURCE WAVE", f"        FILE \"{a}\"", "      >", "      TAKE SEL", f"      NAME \"t{i}-b.wav\"",
                  "      <SOURCE WAVE", f"        FILE \"{b}\"", "      >", "    >", "  >"]
    lines.append(">")
    path = os.path.join(folder, "Big.rpp")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def dawproject(folder):
    tracks, lanes = [], []
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "Big.dawproject")
    one = os.path.join(WORK, "one.wav")
    wav(one)
    with zipfile.ZipFile(path, "w") as z:
        for i in range(1, TRACKS + 1):
            tracks.append(f'<Track contentType="audio" loaded="true" id="t{i}" name="Track {i} vox"><Channel role="regular" id="c{i}"><Devices>'
                          f'<Vst3Plugin deviceName="Pro-Q 3" deviceVendor="FabFilter" deviceRole="audioFX" loaded="true" id="d{i}a"><Enabled value="true"/></Vst3Plugin>'
                          f'<ClapPlugin deviceName="Diva" deviceVendor="u-he" deviceRole="instrument" loaded="true" id="d{i}b"><Enabled value="true"/></ClapPlugin>'
                          f'</Devices><Mute value="false"/></Channel></Track>')
            lanes.append(f'<Lanes track="t{i}"><Clips><Clip time="{i}" duration="8"><Audio channels="2" sampleRate="48000" duration="4">'
                         f'<File path="audio/t{i}.wav"/></Audio></Clip></Clips></Lanes>')
            z.write(one, f"audio/t{i}.wav")
        z.writestr("project.xml", '<?xml version="1.0" encoding="UTF-8"?><Project version="1.0"><Application name="Bitwig Studio" version="5.2"/>'
                   '<Transport><Tempo unit="bpm" value="120"/></Transport><Structure>' + "".join(tracks)
                   + '<Channel role="master" id="m" name="Master"/></Structure><Arrangement><Lanes timeUnit="beats">' + "".join(lanes)
                   + '</Lanes><Markers><Marker time="0" name="Intro"/></Markers></Arrangement></Project>')
        z.writestr("metadata.xml", "<MetaData><Title>Big</Title></MetaData>")
    return path


def ardour(folder):
    sources, routes, playlists = [], [], []
    audio = os.path.join(folder, "interchange", "Big", "audiofiles")
    for i in range(1, TRACKS + 1):
        wav(os.path.join(audio, f"t{i}.wav"))
        sources.append(f'<Source name="t{i}.wav" type="audio" flags="" id="s{i}" channel="0" origin=""/>')
        routes.append(f'<Route id="r{i}" name="Track {i} vox" audio-playlist="p{i}"><PresentationInfo order="{i}" flags="AudioTrack,OrderSet" color="0"/>'
                      f'<Controllable name="mute" value="0"/><Processor name="ACE Compressor" active="1" type="lv2"/><Processor name="ACE EQ" active="1" type="lv2"/></Route>')
        playlists.append(f'<Playlist id="p{i}" name="Track {i}" type="audio" orig-track-id="r{i}"><Region name="t{i}" muted="0" position="a{i * 282240000}" length="a1128960000" source-0="s{i}"/></Playlist>')
    path = os.path.join(folder, "Big.ardour")
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><Session version="7002" name="Big" sample-rate="48000"><Sources>' + "".join(sources)
                + '</Sources><Locations><Location name="Intro" start="a0" end="a0" flags="IsMark"/></Locations><Routes>' + "".join(routes)
                + '</Routes><Playlists>' + "".join(playlists) + '</Playlists><TempoMap superclocks-per-second="282240000"><Tempos><Tempo npm="120"/></Tempos></TempoMap></Session>')
    return path


def timed(cmd):
    """Runs cmd with output discarded; returns (wall seconds, CPU seconds of the process)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    files = {"REAPER": reaper(os.path.join(WORK, "reaper")), "DAWproject": dawproject(os.path.join(WORK, "dawproject")),
             "Ardour": ardour(os.path.join(WORK, "ardour"))}
    subprocess.run([SIGNOFF, "--version"], check=True, stdout=subprocess.DEVNULL)  # builds and makes the start-up cache
    for name, path in files.items():
        subprocess.run([SIGNOFF, "session", path, "--format", "json"], stdout=subprocess.DEVNULL)
        start, audit = [], []
        for _ in range(args.runs):
            start.append(timed([SIGNOFF, "--version"]))
            audit.append(timed([SIGNOFF, "session", path, "--format", "json"]))
        s, a = statistics.median(w for w, _ in start), statistics.median(w for w, _ in audit)
        sc, ac = statistics.median(c for _, c in start), statistics.median(c for _, c in audit)
        print(f"{name:10s} {TRACKS} tracks: session {a:.2f} s wall / {ac:.2f} s CPU, JVM start (--version) {s:.2f} s / {sc:.2f} s,"
              f" audit after JVM start {a - s:.2f} s wall / {ac - sc:.2f} s CPU")


if __name__ == "__main__":
    main()

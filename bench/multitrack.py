#!/usr/bin/env python3
"""Calibration of `signoff diff --asked` (the scope check) on real multitrack material.

Renders Debian's LMMS demo projects track by track (one WAV per track of the arrangement), groups
each project's tracks into stems (drums, bass, lead, pads, fx) by their names and, failing that,
their spectra, mixes revision pairs from the stems with known changes, runs
`signoff diff OLD NEW --asked TEXT --format json` on each and prints, per scenario kind, how often
the scope status is right and how often an audible change nobody asked for is reported where there
is none (or missed where there is one).

Renders are cached in bench/work/multitrack/ (git-ignored); rendering is slow (about a minute per
track of a 3-minute song on the 2-core build machine), so it runs at low priority, one project at
a time. Mixes are made from an excerpt of each song (--seconds, from a fifth of the way in) to keep
each comparison short, and at most --stems stems of each are moved.

Usage: bench/multitrack.py [--projects N] [--seconds S] [--stems N] [--no-render] [--only PROJECT]... [--jobs N] [--jar JAR]
Needs: lmms (apt-get install lmms), numpy, ffmpeg (for the re-encoded case).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import wave
from collections import defaultdict

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work", "multitrack")
DEMOS = "/usr/share/lmms/projects/demos"
SIGNOFF = os.path.join(ROOT, "signoff")
RATE = 48000

# Stem by track name, first match wins ("bassdrum" is a drum before it is a bass).
NAME_RULES = [
    ("drums", r"kick|snare|hat|drum|perc|clap|tom|crash|ride|cymbal|beat|loop|shaker|rim|break"),
    ("bass", r"bass|sub|808"),
    ("fx", r"fx|sweep|noise|riser|impact|reverse|wind|vox|speech"),
    ("pads", r"pad|string|keys|piano|organ|chord|choir|rhodes|ep\b"),
    ("lead", r"lead|melod|pluck|arp|solo|guitar|axe|synth|saw|bell"),
]
# The words a client would use for each stem (the vocabulary's element entries).
WORDS = {"drums": "drums", "bass": "bass", "lead": "synth", "pads": "pads"}
VOCABULARY = "vocabulary"
# Asked of each stem moved alone: its own name should come out done, the others not found (or say
# that they share its range and Signoff cannot tell which moved).
VOCABULARY_WORDS = ["drums", "kick", "snare", "bass", "synth", "pads", "guitars", "vocal"]
# Which stem each word names (a synth is the lead stem here; the vocabulary reads it as keys, like pads).
WORD_STEM = {"drums": "drums", "kick": "drums", "snare": "drums", "bass": "bass", "synth": "lead", "pads": "pads"}


def project_list():
    found = sorted(glob.glob(os.path.join(DEMOS, "*.mmp*")) + glob.glob(os.path.join(DEMOS, "*", "*.mmp*")))
    # Small projects first: they render soonest.
    return sorted(found, key=os.path.getsize)


def render(project):
    name = re.sub(r"\.mmpz?$", "", os.path.basename(project))
    out = os.path.join(WORK, name)
    if os.path.exists(os.path.join(out, ".done")):
        return out
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with open(os.path.join(WORK, name + ".log"), "w") as log:
        code = subprocess.call(["nice", "-n", "10", "lmms", "--allowroot", "rendertracks", project, "-o", out + "/",
                                "-f", "wav", "-s", str(RATE)], stdout=log, stderr=log, env=env)
    if code != 0:
        print(f"  lmms failed on {name} ({code})", file=sys.stderr)
        return None
    open(os.path.join(out, ".done"), "w").close()
    return out


def read_wav(path):
    with wave.open(path) as w:
        n, ch, width = w.getnframes(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(n)
    if width == 2:
        x = np.frombuffer(raw, "<i2").astype(np.float64) / 32768
    elif width == 4:
        x = np.frombuffer(raw, "<i4").astype(np.float64) / 2 ** 31
    else:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        x = (b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8) | (b[:, 2].astype(np.int32) << 16))
        x = np.where(x >= 2 ** 23, x - 2 ** 24, x).astype(np.float64) / 2 ** 23
    x = x.reshape(-1, ch).T
    return np.vstack([x, x]) if ch == 1 else x[:2]


def write_wav(path, x, bits=24, dither=False):
    scale = 2 ** (bits - 1)
    y = np.ascontiguousarray(x.T) * scale
    if dither:
        y = y + np.random.default_rng(7).random(y.shape) - np.random.default_rng(8).random(y.shape)
    y = np.clip(np.round(y), -scale, scale - 1).astype(np.int32)
    if bits == 16:
        data = y.astype("<i2").tobytes()
    else:
        b = y.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3]
        data = b.tobytes()
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(bits // 8)
        w.setframerate(RATE)
        w.writeframes(data)


def centroid_hz(x):
    m = x.mean(axis=0)[: RATE * 30]
    spec = np.abs(np.fft.rfft(m)) ** 2
    f = np.fft.rfftfreq(len(m), 1 / RATE)
    return float((spec * f).sum() / max(spec.sum(), 1e-20))


def stems_of(folder, start, seconds):
    stems = defaultdict(lambda: None)
    for path in sorted(glob.glob(os.path.join(folder, "*.wav"))):
        x = read_wav(path)
        x = x[:, int(start * RATE): int((start + seconds) * RATE)]
        if x.shape[1] < RATE * 10 or np.max(np.abs(x)) < 1e-3:
            continue
        name = os.path.basename(path).lower()
        kind = next((k for k, rule in NAME_RULES if re.search(rule, name)), None)
        if kind is None:
            c = centroid_hz(x)
            kind = "bass" if c < 300 else "pads" if c < 1500 else "lead"
        x = pad_to(x, int(seconds * RATE))
        stems[kind] = x if stems[kind] is None else stems[kind] + x
    return {k: v for k, v in stems.items() if v is not None}


MIN_STEM_SHARE_DB = -15


def power_db(x):
    return 10 * np.log10(np.mean(x ** 2) + 1e-30)


def pad_to(x, n):
    return x[:, :n] if x.shape[1] >= n else np.pad(x, ((0, 0), (0, n - x.shape[1])))


def gain(db):
    return 10 ** (db / 20)


def peaking(x, hz, q, db):
    """RBJ peaking EQ, both channels."""
    from scipy.signal import lfilter
    a_ = 10 ** (db / 40)
    w = 2 * np.pi * hz / RATE
    alpha = np.sin(w) / (2 * q)
    b = [1 + alpha * a_, -2 * np.cos(w), 1 - alpha * a_]
    a = [1 + alpha / a_, -2 * np.cos(w), 1 - alpha / a_]
    return lfilter(b, a, x, axis=1)


def high_shelf(x, hz, db):
    from scipy.signal import lfilter
    a_ = 10 ** (db / 40)
    w = 2 * np.pi * hz / RATE
    alpha = np.sin(w) / 2 * np.sqrt(2)
    cw = np.cos(w)
    b = [a_ * ((a_ + 1) + (a_ - 1) * cw + 2 * np.sqrt(a_) * alpha), -2 * a_ * ((a_ - 1) + (a_ + 1) * cw),
         a_ * ((a_ + 1) + (a_ - 1) * cw - 2 * np.sqrt(a_) * alpha)]
    a = [(a_ + 1) - (a_ - 1) * cw + 2 * np.sqrt(a_) * alpha, 2 * ((a_ - 1) - (a_ + 1) * cw),
         (a_ + 1) - (a_ - 1) * cw - 2 * np.sqrt(a_) * alpha]
    return lfilter(b, a, x, axis=1)


def clock(s):
    return f"{int(s // 60)}:{int(s % 60):02d}"


def scenarios(stems, seconds, max_stems):
    """(kind, description, change, asked texts, expected statuses, whether an unasked audible change is expected).

    A change is {stem: dB, stem: (dB, (from_s, to_s)), stem: "eq", "*": dB | "shelf" | "16bit" | "mp3"}.
    Each pair is asked two things where one diff can answer both (the asked way and the other way).
    """
    total = sum(stems.values())
    # A stem under this share of the mix's power hardly moves it (a lead 30 dB down moved 6 dB moves the mix by 0.01 dB): not asked about.
    words = {k: WORDS[k] for k in stems if k in WORDS and power_db(stems[k]) - power_db(total) >= MIN_STEM_SHARE_DB}
    words = dict(list(words.items())[:max_stems])
    out = []
    third = (seconds / 3, 2 * seconds / 3)
    for k, w in words.items():
        for g in (1, 2, 3, 6):
            out.append(("stem moved, asked that way", f"{k} +{g} dB", {k: g}, [f"{w} up {g} dB", f"{w} down a bit"],
                        ["done", "opposite"], False))
            out.append(("stem moved, asked that way", f"{k} -{g} dB", {k: -g}, [f"{w} down {g} dB", f"{w} up a bit"],
                        ["done", "opposite"], False))
        out.append(("stem up in one section", f"{k} +3 dB at {clock(third[0])}-{clock(third[1])}", {k: (3, third)},
                    [f"{w} up 3 dB from {clock(third[0])} to {clock(third[1])}"], ["done"], False))
        out.append(("stem EQ, nobody asked", f"{k} +4 dB bell at its centroid", {k: "eq"}, ["louder"], ["not_found"], True))
        # The vocabulary on real stems: each part's name asked for one stem moved alone (scored apart, VOCABULARY_WORDS).
        out.append((VOCABULARY, f"{k} +3 dB", {k: 3}, [f"{v} up 3 dB" for v in VOCABULARY_WORDS], [k] * len(VOCABULARY_WORDS), None))
    first = next(iter(words), None)
    if first:
        fw = words[first]
        out.append(("whole mix level", "mix +2 dB", {"*": 2}, ["louder", f"{fw} up"], ["done", "not_found"], False))
        out.append(("whole mix tonal", "high shelf +3 dB at 5 kHz", {"*": "shelf"}, ["brighter"], ["done"], False))
        out.append(("nothing moved", "re-bounced to 16 bits with dither", {"*": "16bit"}, [f"{fw} up 2 dB", "louder"], ["not_found", "not_found"], False))
        out.append(("nothing moved", "mix +0.2 dB", {"*": 0.2}, [f"{fw} up 2 dB"], ["not_found"], False))
        out.append(("nothing moved", "re-encoded to MP3 320k", {"*": "mp3"}, [f"{fw} up 2 dB"], ["not_found"], False))
        for o in [k for k in words if k != first][:2]:
            out.append(("one asked + one unasked", f"{first} +3 dB, {o} -3 dB", {first: 3, o: -3}, [f"{fw} up 3 dB"], ["done"], True))
    return out


def mix(stems, change):
    total = None
    for k, x in stems.items():
        c = change.get(k)
        if isinstance(c, (int, float)):
            x = x * gain(c)
        elif isinstance(c, tuple):
            g, (a, b) = c
            x = x.copy()
            i, j = int(a * RATE), int(b * RATE)
            x[:, i:j] *= gain(g)
        elif c == "eq":
            x = peaking(x, min(4000, max(80, centroid_hz(x))), 1.0, 4)
        total = x if total is None else total + x
    c = change.get("*")
    if isinstance(c, (int, float)):
        total = total * gain(c)
    elif c == "shelf":
        total = high_shelf(total, 5000, 3)
    return total


def bench_jar(given):
    """A copy of the jar as built now (or of the one given), so that editing the sources during a long run changes nothing."""
    if not given:
        subprocess.run([SIGNOFF, "--version"], check=True, capture_output=True)
    source = given or os.path.join(ROOT, "signoff-cli", "target", "signoff.jar")
    copy = os.path.join(WORK, f"signoff-bench-{os.getpid()}.jar")
    with open(source, "rb") as a, open(copy, "wb") as b:
        b.write(a.read())
    return copy


JAR = None


def signoff_diffs(jobs, workers):
    """`signoff diff OLD NEW --asked ... --format json` for each (old, new, asked) job, in `workers` JVMs
    (bench/DiffMany.java: a JVM's start and warm-up cost as much as a short comparison)."""
    chunks = [jobs[i::workers] for i in range(workers)]
    procs = []
    for chunk in chunks:
        text = "".join("\t".join([old, new] + list(asked)) + "\n" for old, new, asked in chunk)
        p = subprocess.Popen(["java", "-XX:+UseSerialGC", "-Xmx512m", "-cp", JAR,
                              os.path.join(ROOT, "bench", "DiffMany.java")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        procs.append((p, text))
    outs = [p.communicate(text)[0].splitlines() for p, text in procs]
    results = [None] * len(jobs)
    for w, lines in enumerate(outs):
        for k, line in enumerate(lines):
            d = json.loads(line)
            results[w + k * workers] = RuntimeError(d["error"]) if "error" in d else d
    return results


def print_table(projects, pairs, seconds, right, unasked, noise_only, wrong_lines):
    print(f"\n{projects} projects, {pairs} pairs, {seconds:.0f} s excerpts\n")
    print("| Scenario | Status right | Unasked wrong | of which only noise passages |")
    print("|---|---|---|---|")
    tr = tt = ur = ut = 0
    for kind in right:
        r, t = right[kind]
        u, n = unasked[kind]
        tr, tt, ur, ut = tr + r, tt + t, ur + u, ut + n
        print(f"| {kind} | {r}/{t} ({100 * r / t:.0f} %) | {u}/{n} | {noise_only[kind]} |")
    if tt:
        print(f"| all | {tr}/{tt} ({100 * tr / tt:.0f} %) | {ur}/{ut} | {sum(noise_only.values())} |")
    if wrong_lines:
        print("\nWrong:")
        print("\n".join(wrong_lines))



def print_vocabulary(vocab):
    """Per stem moved alone (+3 dB), what each part's name asked for came out as."""
    stems = sorted({k for k, _ in vocab})
    if not stems:
        return
    print("\nVocabulary: one stem +3 dB, each part's name asked \"<name> up 3 dB\" (counts over projects)\n")
    print("| Stem moved | " + " | ".join(VOCABULARY_WORDS) + " |")
    print("|---" * (len(VOCABULARY_WORDS) + 1) + "|")
    short = {"done": "D", "not_found": "N", "opposite": "O", "not_measurable": "M", "not_understood": "U"}
    for k in stems:
        cells = []
        for w in VOCABULARY_WORDS:
            outcomes = vocab[(k, w)]
            cells.append(" ".join(f"{n}{short.get(o.replace('own ', '').replace(' (says shared)', ''), o)}{'*' if 'shared' in o else ''}{'!' if o.startswith('own') else ''}"
                                  for o, n in sorted(outcomes.items())))
        print(f"| {k} | " + " | ".join(cells) + " |")
    print("\nD done, N not found, O other way; * the message says other parts share the range and Signoff cannot tell "
          "which moved; ! the stem's own name.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--stems", type=int, default=3, help="stems moved per project")
    ap.add_argument("--no-render", action="store_true", help="use only the projects already rendered")
    ap.add_argument("--only", action="append", default=[], help="only this project (repeatable), e.g. Oglsdl-PpTrip")
    ap.add_argument("--jobs", type=int, default=2, help="comparisons run side by side (JVMs)")
    ap.add_argument("--jar", help="compare with this signoff.jar instead of the one built from the sources (a build before a change)")
    ap.add_argument("--pairs", default="pairs", help="folder under bench/work/multitrack for the mixed pairs (two runs side by side need two)")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    global JAR
    JAR = bench_jar(args.jar)
    folders = []
    for p in project_list():
        if len(folders) >= args.projects:
            break
        name = re.sub(r"\.mmpz?$", "", os.path.basename(p))
        if args.only and name not in args.only:
            continue
        done = os.path.exists(os.path.join(WORK, name, ".done"))
        if args.no_render and not done:
            continue
        if not done:
            print(f"rendering {name}...", file=sys.stderr)
        f = render(p)
        if f:
            folders.append(f)

    right = defaultdict(lambda: [0, 0])      # kind -> [right, total]
    unasked = defaultdict(lambda: [0, 0])    # kind -> [wrong, total]
    noise_only = defaultdict(int)            # kind -> wrong only because of noise passages
    vocab = defaultdict(lambda: defaultdict(int))  # (stem moved, word asked) -> outcome -> count
    wrong_lines = []
    pairs = done_projects = 0
    for folder in folders:
        name = os.path.basename(folder)
        length = max(read_wav(p).shape[1] for p in glob.glob(os.path.join(folder, "*.wav"))) / RATE
        if length < 20:
            print(f"{name}: under 20 s, skipped", file=sys.stderr)
            continue
        seconds = min(args.seconds, length)
        start = max(0.0, min(length * 0.2, length - seconds))
        stems = stems_of(folder, start, seconds)
        if len(stems) < 2:
            print(f"{name}: fewer than two stems, skipped", file=sys.stderr)
            continue
        print(f"{name}: stems {', '.join(f'{k}' for k in stems)}", file=sys.stderr)
        pair_dir = os.path.join(WORK, args.pairs, name)
        os.makedirs(pair_dir, exist_ok=True)
        v1 = mix(stems, {})
        headroom = gain(-8) / max(1e-9, np.max(np.abs(v1)))
        stems = {k: x * headroom for k, x in stems.items()}
        v1 = mix(stems, {})
        old = os.path.join(pair_dir, "v1.wav")
        write_wav(old, v1)
        cases, jobs = scenarios(stems, seconds, args.stems), []
        for i, (kind, what, change, asked, expected, has_unasked) in enumerate(cases):
            new = os.path.join(pair_dir, f"v2-{i}.wav")
            special = change.get("*")
            if special == "16bit":
                write_wav(new, v1, bits=16, dither=True)
            elif special == "mp3":
                write_wav(new + ".src.wav", v1)
                subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-i", new + ".src.wav", "-b:a", "320k", new + ".mp3"], check=True)
                subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-i", new + ".mp3", "-c:a", "pcm_s24le", new], check=True)
            else:
                write_wav(new, mix(stems, change))
            jobs.append((old, new, asked))
        for (kind, what, change, asked, expected, has_unasked), d, (_, new, _) in zip(cases, signoff_diffs(jobs, args.jobs), jobs):
            if isinstance(d, RuntimeError):
                print(f"  {name} {what}: {d}", file=sys.stderr)
                continue
            with open(new + ".json", "w") as f:
                json.dump(d, f, indent=1)
            pairs += 1
            if kind == VOCABULARY:
                for word, a in zip(VOCABULARY_WORDS, d["scope"]["asked"]):
                    own = WORD_STEM.get(word) == expected[0]
                    shared = "cannot tell which" in a["message"]
                    vocab[(expected[0], word)][("own " if own else "") + a["status"] + (" (says shared)" if shared else "")] += 1
                continue
            got = [a["status"] for a in d["scope"]["asked"]]
            audible_unasked = [d["changes"][j] for j in d["scope"]["unasked"] if d["changes"][j]["audible"]]
            for a, e, g in zip(asked, expected, got):
                right[kind][1] += 1
                if g == e:
                    right[kind][0] += 1
                else:
                    m = next(x["message"] for x in d["scope"]["asked"] if x["text"] == a)
                    wrong_lines.append(f"  {name}: {what}, asked \"{a}\": {g} (expected {e}): {m}")
            unasked[kind][1] += 1
            if bool(audible_unasked) != has_unasked:
                unasked[kind][0] += 1
                if not has_unasked and all(c["kind"] == "noise" for c in audible_unasked):
                    noise_only[kind] += 1
                if not has_unasked:
                    wrong_lines.append(f"  {name}: {what} ({os.path.basename(new)}): unasked audible {[c['kind'] + ': ' + c['message'] for c in audible_unasked][:3]}")
                else:
                    wrong_lines.append(f"  {name}: {what} ({os.path.basename(new)}): the unasked change was not reported")
            print(f"  {what}: {got}", file=sys.stderr)
        done_projects += 1
        # After each project, so a long run that is stopped still leaves its figures.
        print_table(done_projects, pairs, args.seconds, right, unasked, noise_only, wrong_lines)
        print_vocabulary(vocab)
    os.remove(JAR)

if __name__ == "__main__":
    main()

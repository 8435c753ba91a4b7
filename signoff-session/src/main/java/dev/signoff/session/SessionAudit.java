package dev.signoff.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The session findings, each check written once against the {@link Session} model; worst first. */
public final class SessionAudit {
    private SessionAudit() {}

    /** The words DAWs name new tracks with, longest first so "audio track" is tried before "audio". */
    private static final List<String> DEFAULT_WORDS = List.of("instrument track", "audio track", "midi track", "instrument", "channel", "audio",
            "track", "inst", "midi", "group", "bus", "aux", "fx");
    private static final Pattern NUMBERING = Pattern.compile("\\d+|dup\\d*|copy\\d*");

    /**
     * Whether {@code name} is one DAWs give new tracks ("Audio 3", "Track 12", "Inst 1", "Audio 1-dup",
     * "MIDI 2.1"), or none: a default word followed only by numbers, "dup" and "copy". Read word by
     * word rather than by one regular expression, which backtracks (and overflows the stack) on
     * long names.
     */
    static boolean isDefaultName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) return true;
        for (String word : DEFAULT_WORDS) {
            if (!n.startsWith(word)) continue;
            String rest = n.substring(word.length()).strip();
            if (rest.isEmpty()) return true;
            for (String token : rest.split("[\\s.\\-]+")) if (!token.isEmpty() && !NUMBERING.matcher(token).matches()) return false;
            return true;
        }
        return false;
    }

    /** Master-bus processors that fix a mix's peak level, which mastering wants to set itself. */
    static final Pattern PEAK_CONTROL = Pattern.compile("(?i)limit|maxim|clip|\\bL[1-3]\\b|pro-l|ozone|elevate|barricade|loudmax|fairchild|bx_limiter");
    /** A bounce this much longer than the session holds a reverb tail; more is a different range. */
    static final double TAIL_ALLOWANCE_S = 5;
    /** Shorter than the session by more than this cuts it off. */
    static final double SHORT_ALLOWANCE_S = 0.05;
    /** A bounce sounding earlier than the session's first item by more than this was rendered from a later start. */
    static final double START_ALLOWANCE_S = 0.05;

    public static List<SessionFinding> audit(Session s, Bounce bounce) {
        List<SessionFinding> f = new ArrayList<>();
        media(s, bounce, f);
        for (Track t : s.tracks()) track(s, t, f);
        unused(s, f);
        if (bounce != null) bounce(s, bounce, f);
        if (s.markers().isEmpty()) {
            String offered = bounce == null || bounce.sections().isEmpty() ? "`signoff check` lists the sections it finds in the bounce."
                    : "Signoff found these sections in " + bounce.file().getFileName() + ": " + bounce.sections().stream()
                    .map(m -> m.name() + " " + clock(m.timeS())).reduce((a, b) -> a + ", " + b).orElse("") + ".";
            f.add(new SessionFinding(SessionCode.NO_MARKERS, "", "The session has no markers.",
                    "Mark the sections (verse, chorus...) so revision comments at a time land on a named part; " + offered));
        }
        f.sort(Comparator.comparing(SessionFinding::severity).thenComparing(SessionFinding::code));
        return f;
    }

    private static void media(Session s, Bounce bounce, List<SessionFinding> f) {
        int rate = s.sampleRate() > 0 ? s.sampleRate() : bounce != null ? bounce.sampleRate() : commonRate(s);
        String against = s.sampleRate() > 0 ? "the session runs at " : bounce != null ? "the bounce is " : "most of the media are ";
        Map<String, String> firstUser = new LinkedHashMap<>();
        for (Track t : s.tracks()) {
            for (Item i : t.items()) for (Take k : i.takes()) for (String src : k.sources()) firstUser.putIfAbsent(src, t.name());
        }
        for (MediaFile m : s.usedMedia()) {
            String track = firstUser.getOrDefault(m.written(), "");
            String shown = shown(s, m);
            if (!m.exists()) {
                f.add(new SessionFinding(SessionCode.MISSING_MEDIA, track, shown + " is missing.",
                        "Find the file and put it back (or relink it in the DAW) before the session is archived; the part is silent without it."));
            }
            if (!m.insideProject()) {
                f.add(new SessionFinding(SessionCode.MEDIA_OUTSIDE_PROJECT, track, shown + " lies outside the session folder.", m.exists()
                        ? "Copy it into the session's media folder (--archive does it in the copy); it is lost when the drive changes."
                        : "Copy it into the session's media folder once it is found; a path to another drive or machine breaks at the revision."));
            }
            if (m.exists() && rate > 0 && m.sampleRate() > 0 && m.sampleRate() != rate) {
                f.add(new SessionFinding(SessionCode.SAMPLE_RATE_MISMATCH, track,
                        String.format(Locale.ROOT, "%s is %s, %s%s.", shown, khz(m.sampleRate()), against, khz(rate)),
                        "Convert it to the session's rate, or check the DAW resamples it on playback; otherwise it plays at the wrong pitch and speed."));
            }
        }
    }

    /** The rate most used media files share: the reference where the format records no session rate (DAWproject). */
    private static int commonRate(Session s) {
        Map<Integer, Integer> count = new LinkedHashMap<>();
        for (MediaFile m : s.usedMedia()) if (m.sampleRate() > 0) count.merge(m.sampleRate(), 1, Integer::sum);
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
    }

    private static void track(Session s, Track t, List<SessionFinding> f) {
        String name = t.name();
        if (t.kind() != Track.Kind.MASTER && isDefaultName(name)) {
            f.add(new SessionFinding(SessionCode.UNNAMED_TRACK, name, name.isBlank() ? "A track has no name." : "\"" + name + "\" is the DAW's default name.",
                    "Name it for what it holds (\"Lead vox\", \"Bass DI\"), so a revision months later finds it at once."));
        }
        int takes = 0, items = 0;
        for (Item i : t.items()) if (i.alternateTakes() > 0) { takes += i.alternateTakes(); items++; }
        if (takes > 0) {
            f.add(new SessionFinding(SessionCode.ALTERNATE_TAKES, name, String.format(Locale.ROOT, "%d item%s hold%s %d take%s that do%s not play.",
                    items, items == 1 ? "" : "s", items == 1 ? "s" : "", takes, takes == 1 ? "" : "s", takes == 1 ? "es" : ""),
                    "Comp and clear the unused takes, or keep them on purpose and say so in the recall notes."));
        }
        if (t.alternatePlaylists() > 0) {
            f.add(new SessionFinding(SessionCode.ALTERNATE_TAKES, name, String.format(Locale.ROOT, "%d playlist%s beside the playing one still hold%s regions.",
                    t.alternatePlaylists(), t.alternatePlaylists() == 1 ? "" : "s", t.alternatePlaylists() == 1 ? "s" : ""),
                    "Delete the playlists that are not used, or note which one is the keeper."));
        }
        long withContent = t.items().stream().filter(Item::holdsContent).count();
        if (t.muted() && withContent > 0) {
            f.add(new SessionFinding(SessionCode.MUTED_CONTENT, name, String.format(Locale.ROOT, "The track is muted and holds %d item%s.", withContent, withContent == 1 ? "" : "s"),
                    "Delete it if it is a dead part, or note why it is kept; a muted part surprises at the revision."));
        } else {
            long muted = t.items().stream().filter(i -> i.muted() && i.holdsContent()).count();
            if (muted > 0) {
                f.add(new SessionFinding(SessionCode.MUTED_CONTENT, name, String.format(Locale.ROOT, "%d muted item%s still hold%s audio.",
                        muted, muted == 1 ? "" : "s", muted == 1 ? "s" : ""),
                        "Delete the muted items if they are dead parts, or note why they stay."));
            }
        }
        if (t.holdsParts() && withContent == 0) {
            f.add(new SessionFinding(SessionCode.EMPTY_TRACK, name, "The track holds nothing.", "Delete it, so the session shows only what plays."));
        }
        for (Plugin p : t.plugins()) {
            if (p.offline()) {
                f.add(new SessionFinding(SessionCode.OFFLINE_PLUGIN, name, pluginLabel(p) + " is offline: the DAW could not load it, or it was set offline.",
                        "Install or reactivate it, or print the track with it, before archiving; the track sounds different without it."));
            } else if (p.bypassed()) {
                f.add(new SessionFinding(SessionCode.BYPASSED_PLUGIN, name, pluginLabel(p) + " is bypassed.",
                        "Remove it if it is not used, or note why it is kept off; a bypassed plugin invites guesses at the revision."));
            }
        }
        if (t.kind() == Track.Kind.MASTER) {
            List<String> peak = t.plugins().stream().filter(p -> !p.bypassed() && !p.offline() && PEAK_CONTROL.matcher(p.name()).find())
                    .map(SessionAudit::pluginLabel).toList();
            if (!peak.isEmpty()) {
                f.add(new SessionFinding(SessionCode.MASTER_BUS_PROCESSING, name, "The master bus limits or clips: " + String.join(", ", peak) + ".",
                        "When the mix goes to mastering, bounce a version without it (or tell the mastering engineer it is there)."));
            }
        }
    }

    private static void unused(Session s, List<SessionFinding> f) {
        List<MediaFile> unused = s.media().stream().filter(m -> !m.used()).toList();
        if (unused.isEmpty()) return;
        long bytes = unused.stream().mapToLong(MediaFile::bytes).sum();
        String names = unused.stream().limit(3).map(m -> shown(s, m)).reduce((a, b) -> a + ", " + b).orElse("");
        f.add(new SessionFinding(SessionCode.UNUSED_MEDIA, "", String.format(Locale.ROOT, "%d file%s in the media folder, %s, %s used by no item: %s%s.",
                unused.size(), unused.size() == 1 ? "" : "s", size(bytes), unused.size() == 1 ? "is" : "are", names, unused.size() > 3 ? "..." : ""),
                "Clean up unused media in the DAW if they are not kept on purpose; --archive copies only what the items use."));
    }

    private static void bounce(Session s, Bounce b, List<SessionFinding> f) {
        String file = b.file().getFileName().toString();
        if (s.sampleRate() > 0 && b.sampleRate() != s.sampleRate()) {
            f.add(new SessionFinding(SessionCode.BOUNCE_MISMATCH, "", String.format(Locale.ROOT, "%s is %s, the session runs at %s.", file, khz(b.sampleRate()), khz(s.sampleRate())),
                    "Bounce at the session's rate (or say which conversion was meant), so the revision's bounce matches this one."));
        }
        start(s, b, f);
        double sessionLength = s.rangeEndS() - s.rangeStartS();
        if (sessionLength <= 0) return;
        double diff = b.lengthS() - sessionLength;
        if (diff < -SHORT_ALLOWANCE_S || diff > TAIL_ALLOWANCE_S) {
            f.add(new SessionFinding(SessionCode.BOUNCE_MISMATCH, "", String.format(Locale.ROOT, "%s lasts %s, the session's %s lasts %s (%s%.2f s).", file,
                    clock(b.lengthS()), s.rangeName(), clock(sessionLength), diff > 0 ? "+" : "", diff),
                    diff < 0 ? "The bounce ends before the session's last item: check the render range and re-bounce." : "The bounce runs well past the session's content: check the render range (a tail of a few seconds is normal)."));
        }
    }

    /**
     * The session's first item plays this far into the rendered range, so the bounce must be silent
     * until then. Only a bounce sounding earlier is a mismatch: one sounding later may begin with an
     * item whose first seconds are silent, which the session file cannot tell.
     */
    private static void start(Session s, Bounce b, List<SessionFinding> f) {
        if (Double.isNaN(s.renderStartS()) || Double.isNaN(b.firstSoundS())) return;
        double content = s.tracks().stream().filter(t -> t.holdsParts() && !t.muted()).flatMap(t -> t.items().stream())
                .filter(i -> !i.muted() && i.holdsContent()).mapToDouble(Item::startS).min().orElse(Double.NaN);
        double expected = content - s.renderStartS();
        if (Double.isNaN(expected) || b.firstSoundS() >= expected - START_ALLOWANCE_S) return;
        f.add(new SessionFinding(SessionCode.BOUNCE_MISMATCH, "", String.format(Locale.ROOT, "%s sounds from %s, the session's first item plays from %s of the %s (which starts at %s).",
                b.file().getFileName(), clock(b.firstSoundS()), clock(expected), s.rangeName().equals("content") ? "render range" : s.rangeName(), clock(s.renderStartS())),
                "The bounce was rendered from a later start than the session's: check the render range (or the session range) and re-bounce, so comments' times match the session's."));
    }

    static String pluginLabel(Plugin p) {
        return p.name() + (p.vendor().isEmpty() ? "" : " (" + p.vendor() + ")") + (p.format().isEmpty() ? "" : " [" + p.format() + "]");
    }

    /** A media file as the user knows it: relative to the session folder when inside it. */
    static String shown(Session s, MediaFile m) {
        Path p = m.path();
        if (!m.inContainer() && p.isAbsolute() && p.startsWith(s.folder())) return s.folder().relativize(p).toString();
        return p.toString();
    }

    static String khz(int rate) {
        return rate % 1000 == 0 ? rate / 1000 + " kHz" : String.format(Locale.ROOT, "%.1f kHz", rate / 1000.0);
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f kB", bytes / (double) (1L << 10));
        return bytes + " bytes";
    }

    static String clock(double s) {
        int min = (int) (s / 60);
        return String.format(Locale.ROOT, "%d:%04.1f", min, s - 60 * min);
    }
}

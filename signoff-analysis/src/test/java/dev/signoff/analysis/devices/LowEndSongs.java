package dev.signoff.analysis.devices;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Synthesized songs checked with every built-in device (cached per run), and their true kick onsets. */
final class LowEndSongs {
    private static final Map<String, CheckResult> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, SongSynth.Song> SONGS = new ConcurrentHashMap<>();

    private LowEndSongs() {}

    static SongSynth.Song song(int rate, double seconds, long seed, Defect... defects) {
        Set<Defect> set = defects.length == 0 ? EnumSet.noneOf(Defect.class) : EnumSet.of(defects[0], defects);
        return SONGS.computeIfAbsent(rate + "/" + seconds + "/" + seed + "/" + set, k -> SongSynth.render(rate, seconds, seed, set));
    }

    static CheckResult check(int rate, double seconds, long seed, Defect... defects) {
        SongSynth.Song song = song(rate, seconds, seed, defects);
        return CACHE.computeIfAbsent(rate + "/" + seconds + "/" + seed + "/" + List.of(defects), k -> {
            try {
                Path file = Files.createTempFile("signoff-lowend", ".wav");
                try {
                    try (WavWriter w = WavWriter.open(file, rate, 2, 24)) {
                        w.write(song.channels(), song.frames());
                    }
                    return MixCheck.run(file, (i, f) -> { }, List.of(), DeviceCatalog.builtIn().models());
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Where the synthesizer puts its kicks (its arrangement, see SongSynth.playBar): in the verse
     * on beats 1, 3 and the "and" of 3, in the chorus on every beat, in the bridge on 1 and 3 of each
     * 2 s bar.
     */
    static List<Double> kickOnsets(SongSynth.Song song) {
        List<Double> out = new java.util.ArrayList<>();
        double bar = 2.0;
        for (SongSynth.Section s : song.sections()) {
            double[] beats = switch (s.name()) {
                case "verse" -> new double[]{0, 1, 1.25};
                case "chorus" -> new double[]{0, 0.5, 1, 1.5};
                case "bridge" -> new double[]{0, 1};
                default -> new double[0];
            };
            for (double t0 = s.startS(); t0 < s.endS() - 1e-9; t0 += bar) for (double b : beats) out.add(t0 + b);
        }
        return out;
    }
}

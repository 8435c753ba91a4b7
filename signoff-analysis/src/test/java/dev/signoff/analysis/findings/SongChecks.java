package dev.signoff.analysis.findings;

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

/** Renders test songs with known defects, writes them as 24-bit WAV and checks them (cached per run). */
final class SongChecks {
    private static final Map<String, CheckResult> CACHE = new ConcurrentHashMap<>();

    private SongChecks() {}

    static CheckResult check(int rate, long seed, Defect... defects) {
        Set<Defect> set = defects.length == 0 ? EnumSet.noneOf(Defect.class) : EnumSet.of(defects[0], defects);
        return CACHE.computeIfAbsent(rate + "/" + seed + "/" + set, k -> {
            try {
                SongSynth.Song song = SongSynth.render(rate, 40, seed, set);
                Path file = Files.createTempFile("signoff-song", ".wav");
                try {
                    try (WavWriter w = WavWriter.open(file, rate, 2, 24)) {
                        w.write(song.channels(), song.frames());
                    }
                    return MixCheck.run(file);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static List<FindingCode> codes(CheckResult r, Severity atLeast) {
        return r.findings().stream().filter(f -> f.severity().compareTo(atLeast) <= 0).map(Finding::code).toList();
    }

    static List<Finding> findings(CheckResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).toList();
    }
}

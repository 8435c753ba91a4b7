package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Shared helpers for the analyser tests: feeding planar samples, and checked SongSynth renders. */
public final class TestAudio {
    private TestAudio() {}

    public static final int RATE = 48_000;
    /** Length asked of SongSynth: the shortest arrangement it makes (about 20 s). */
    public static final double SONG_SECONDS = 20;
    public static final long SEED = 7;

    private static final Map<Set<SongSynth.Defect>, CheckResult> CHECKS = new ConcurrentHashMap<>();
    private static final Map<Set<SongSynth.Defect>, SongSynth.Song> SONGS = new ConcurrentHashMap<>();

    public static StreamInfo info(int rate, int channels) {
        return new StreamInfo(rate, channels, 0, true, "test", -1);
    }

    /** Feeds {@code channels} to {@code a} in blocks of {@code blockFrames} and finishes it. */
    public static <A extends Analyser> A feed(A a, float[][] channels, int blockFrames) {
        for (AudioBlock b : Signals.blocks(channels, blockFrames)) a.accept(b);
        a.finish();
        return a;
    }

    public static SongSynth.Song song(SongSynth.Defect... defects) {
        Set<SongSynth.Defect> set = defects.length == 0 ? EnumSet.noneOf(SongSynth.Defect.class) : EnumSet.of(defects[0], defects);
        return SONGS.computeIfAbsent(set, s -> SongSynth.render(RATE, SONG_SECONDS, SEED, s));
    }

    /** The whole check of a SongSynth render written as a 24-bit WAV (cached per defect set). */
    public static CheckResult check(SongSynth.Defect... defects) {
        Set<SongSynth.Defect> set = defects.length == 0 ? EnumSet.noneOf(SongSynth.Defect.class) : EnumSet.of(defects[0], defects);
        return CHECKS.computeIfAbsent(set, s -> {
            try {
                return checkWav(song(defects).channels(), RATE, 24);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes planar samples to a temporary WAV of {@code bits} and runs the whole check on it. */
    public static CheckResult checkWav(float[][] channels, int rate, int bits) throws IOException {
        Path dir = Files.createTempDirectory("signoff-test");
        Path file = dir.resolve("mix.wav");
        try {
            try (WavWriter w = WavWriter.open(file, rate, channels.length, bits)) {
                w.write(channels, channels[0].length);
            }
            return MixCheck.run(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}

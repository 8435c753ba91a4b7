package dev.signoff.analysis.diff;

import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Pairs of versions for the diff tests: a SongSynth render as the old version and the same render
 * with a known change as the new one, written as 24-bit WAV files.
 */
final class VersionPairs {
    static final int RATE = 48_000;
    static final double SECONDS = 40;
    private static final Map<String, SongSynth.Song> SONGS = new ConcurrentHashMap<>();

    private VersionPairs() {}

    static SongSynth.Song song(long seed) {
        return song(seed, SECONDS);
    }

    static SongSynth.Song song(long seed, double seconds) {
        return SONGS.computeIfAbsent(seed + "/" + seconds, k -> SongSynth.render(RATE, seconds, seed));
    }

    static Path write(Path dir, String name, float[][] channels) {
        try {
            Path f = dir.resolve(name);
            try (WavWriter w = WavWriter.open(f, RATE, channels.length, 24)) {
                w.write(channels, channels[0].length);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) out[c] = x[c].clone();
        return out;
    }

    /** The song, and the song changed by {@code change}, as old.wav and new.wav in {@code dir}. */
    static Path[] pair(Path dir, long seed, UnaryOperator<float[][]> change) {
        return pair(dir, song(seed), change);
    }

    /**
     * The song 6 dB down (room for boosts: a clipped new version would rightly read as distortion),
     * and the same changed by {@code change}.
     */
    static Path[] pair(Path dir, SongSynth.Song song, UnaryOperator<float[][]> change) {
        float[][] old = gain(-6).apply(copy(song.channels()));
        return new Path[]{write(dir, "old.wav", old), write(dir, "new.wav", change.apply(copy(old)))};
    }

    // ---------------------------------------------------------------- changes

    static UnaryOperator<float[][]> filter(java.util.function.Supplier<Biquad> design) {
        return x -> {
            for (float[] ch : x) design.get().process(ch);
            return x;
        };
    }

    static UnaryOperator<float[][]> peaking(double hz, double q, double db) {
        return filter(() -> Biquad.peaking(RATE, hz, q, db));
    }

    static UnaryOperator<float[][]> highShelf(double hz, double db) {
        return filter(() -> Biquad.highShelf(RATE, hz, db));
    }

    static UnaryOperator<float[][]> lowShelf(double hz, double db) {
        return filter(() -> Biquad.lowShelf(RATE, hz, db));
    }

    /** The whole mix {@code db} louder (or quieter). */
    static UnaryOperator<float[][]> gain(double db) {
        return x -> {
            float g = (float) Math.pow(10, db / 20);
            for (float[] ch : x) for (int i = 0; i < ch.length; i++) ch[i] *= g;
            return x;
        };
    }

    /** One channel {@code db} down. */
    static UnaryOperator<float[][]> channelGain(int channel, double db) {
        return x -> {
            float g = (float) Math.pow(10, db / 20);
            for (int i = 0; i < x[channel].length; i++) x[channel][i] *= g;
            return x;
        };
    }

    /** The side signal scaled by {@code db}. */
    static UnaryOperator<float[][]> side(double db) {
        return x -> {
            double g = Math.pow(10, db / 20);
            for (int i = 0; i < x[0].length; i++) {
                double m = (x[0][i] + x[1][i]) / 2, s = (x[0][i] - x[1][i]) / 2 * g;
                x[0][i] = (float) (m + s);
                x[1][i] = (float) (m - s);
            }
            return x;
        };
    }

    static UnaryOperator<float[][]> invert(int channel) {
        return x -> {
            for (int i = 0; i < x[channel].length; i++) x[channel][i] = -x[channel][i];
            return x;
        };
    }

    /** White noise of RMS {@code dbfs} added over [fromS, toS), different on each side. */
    static UnaryOperator<float[][]> noise(double dbfs, double fromS, double toS, long seed) {
        return x -> {
            SplittableRandom r = new SplittableRandom(seed);
            double a = Math.pow(10, dbfs / 20) * Math.sqrt(3);
            int from = (int) Math.round(fromS * RATE), to = (int) Math.min(x[0].length, Math.round(toS * RATE));
            for (float[] ch : x) for (int i = from; i < to; i++) ch[i] += (float) (a * (2 * r.nextDouble() - 1));
            return x;
        };
    }

    /** Mains hum at {@code hz} with three harmonics (as the synthesizer's STOP_HUM), the fundamental's peak at {@code dbfs}, on both sides. */
    static UnaryOperator<float[][]> hum(double dbfs, double hz) {
        return x -> {
            double a = Math.pow(10, dbfs / 20);
            for (float[] ch : x) {
                for (int i = 0; i < ch.length; i++) {
                    double w = 2 * Math.PI * hz * i / RATE;
                    ch[i] += (float) (a * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.35 * Math.sin(3 * w) + 0.2 * Math.sin(4 * w)));
                }
            }
            return x;
        };
    }

    /** {@code seconds} of silence put before the music. */
    static UnaryOperator<float[][]> delay(double seconds) {
        return x -> {
            int n = (int) Math.round(seconds * RATE);
            float[][] out = new float[x.length][x[0].length + n];
            for (int c = 0; c < x.length; c++) System.arraycopy(x[c], 0, out[c], n, x[c].length);
            return out;
        };
    }

    /** The change applied only over [fromS, toS) (with the filter run over the whole song and cross-faded in 10 ms). */
    static UnaryOperator<float[][]> only(double fromS, double toS, UnaryOperator<float[][]> change) {
        return x -> {
            float[][] changed = change.apply(copy(x));
            int from = (int) Math.round(fromS * RATE), to = (int) Math.min(x[0].length, Math.round(toS * RATE));
            int fade = RATE / 100;
            for (int c = 0; c < x.length; c++) {
                for (int i = Math.max(0, from - fade); i < Math.min(x[c].length, to + fade); i++) {
                    double w = Math.min(1, Math.min((i - (from - fade)) / (double) fade, ((to + fade) - i) / (double) fade));
                    w = Math.max(0, w);
                    x[c][i] = (float) ((1 - w) * x[c][i] + w * changed[c][i]);
                }
            }
            return x;
        };
    }

    /** The change applied in every section called {@code name} of {@code song} only. */
    static UnaryOperator<float[][]> inSections(SongSynth.Song song, String name, UnaryOperator<float[][]> change) {
        return x -> {
            for (SongSynth.Section s : song.sections(name)) x = only(s.startS(), s.endS(), change).apply(x);
            return x;
        };
    }

    static UnaryOperator<float[][]> then(UnaryOperator<float[][]> a, UnaryOperator<float[][]> b) {
        return x -> b.apply(a.apply(x));
    }
}

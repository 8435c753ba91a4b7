package dev.signoff.analysis.diff;

import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.signoff.analysis.diff.VersionPairs.RATE;
import static dev.signoff.analysis.diff.VersionPairs.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part with a noisy sound (a snare, hats) moved by a few dB leaves, over a second, a part of the new
 * version that no linear change of the old one explains: within a second the snare and the rest
 * come and go independently, so no one gain per frequency turns the old mix into the new. On the
 * LMMS demo stems (bench/multitrack.py, issue 15) such moves were read as noise added or taken out
 * and listed as changes nobody asked for. A part moved by g leaves at most (10^(g/20) - 1)^2 / 4 of
 * the power unexplained (where it is half of what plays); noise louder than that is not its move.
 */
class NoisyPartMoveTest {
    static final double SECONDS = 30;
    @TempDir static Path dir;
    static float[][] backing, snare;
    static Path v1;

    @BeforeAll
    static void stems() {
        backing = SongSynth.renderInstrumental(RATE, SECONDS, 9).channels();
        snare = snare(backing[0].length);
        v1 = write(dir, "v1.wav", mix(0, 0));
    }

    /** A snare of white noise above 1 kHz, on every beat at 120 bpm, decaying in about 80 ms, panned a little left, as loud as the backing above 1 kHz. */
    static float[][] snare(int n) {
        Random random = new Random(11);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            x[i] = (float) (random.nextGaussian() * Math.exp(-(t % 0.5) * 12));
        }
        for (Biquad f : List.of(Biquad.highPass(RATE, 1000, 0.707), Biquad.highPass(RATE, 1000, 0.707))) f.process(x);
        float[] top = backing[0].clone();
        for (Biquad f : List.of(Biquad.highPass(RATE, 1000, 0.707), Biquad.highPass(RATE, 1000, 0.707))) f.process(top);
        double g = Math.sqrt(power(top) / power(x));
        float[][] out = new float[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = (float) (1.2 * g * x[i]);
            out[1][i] = (float) (0.8 * g * x[i]);
        }
        return out;
    }

    private static double power(float[] x) {
        double sum = 0;
        for (float v : x) sum += v * (double) v;
        return sum;
    }

    /** The stems mixed 9 dB down, the snare moved by {@code snareDb}, white noise {@code hissDb} under the backing's level from 10 to 13 s (none at 0). */
    static float[][] mix(double snareDb, double hissDb) {
        double m = Math.pow(10, -9 / 20.0), g = Math.pow(10, snareDb / 20);
        double hiss = hissDb == 0 ? 0 : Math.sqrt(power(backing[0]) / backing[0].length) * Math.pow(10, hissDb / 20);
        Random random = new Random(5);
        float[][] out = new float[2][backing[0].length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < out[c].length; i++) {
                double t = i / (double) RATE;
                double noise = t >= 10 && t < 13 ? hiss * random.nextGaussian() : 0;
                out[c][i] = (float) (m * (backing[c][i] + g * snare[c][i] + noise));
            }
        }
        return out;
    }

    static ScopeCheck.Result check(String name, float[][] v2, String asked) throws Exception {
        DiffResult d = VersionDiff.run(v1, write(dir, name, v2));
        ScopeCheck.Result r = ScopeCheck.checkTexts(d, List.of(asked));
        System.out.printf("%s, asked \"%s\": %s%n  %s%n  changes: %s%n  unasked: %s%n", name, asked, r.asked().get(0).status(),
                r.asked().get(0).message(), d.changes().stream().map(c -> c.message() + (c.noise() == null ? "" : " [" + c.noise().underMusicDb() + " dB under]")).toList(),
                r.unasked().stream().map(Change::message).toList());
        return r;
    }

    @Test
    void aSnareMovedAFewDbIsItsMoveNotNoise() throws Exception {
        for (double db : new double[]{3, -3}) {
            ScopeCheck.Result r = check("snare" + db + ".wav", mix(db, 0), db > 0 ? "snare up 3 dB" : "snare down 3 dB");
            assertThat(r.asked().get(0).status()).isEqualTo(ScopeCheck.Status.DONE);
            assertThat(r.unasked()).noneMatch(Change::audible);
        }
    }

    @Test
    void aNoisyPartMovedInOneStretchIsReadThere() throws Exception {
        for (double db : new double[]{3, 6, -6}) {
            ScopeCheck.Result r = check("snare" + db + "-10-20.wav", mixBetween(db, 10, 20), "snare " + (db > 0 ? "up" : "down") + " " + Math.abs(db) + " dB from 0:10 to 0:20");
            assertThat(r.asked().get(0).status()).isEqualTo(ScopeCheck.Status.DONE);
            assertThat(r.unasked()).noneMatch(Change::audible);
        }
    }

    /** The stems mixed 9 dB down, the snare moved by {@code snareDb} from {@code fromS} to {@code toS}. */
    static float[][] mixBetween(double snareDb, double fromS, double toS) {
        double m = Math.pow(10, -9 / 20.0), g = Math.pow(10, snareDb / 20);
        float[][] out = new float[2][backing[0].length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < out[c].length; i++) {
                double t = i / (double) RATE;
                out[c][i] = (float) (m * (backing[c][i] + (t >= fromS && t < toS ? g : 1) * snare[c][i]));
            }
        }
        return out;
    }

    @Test
    void hissAddedOnTopOfTheSnareMoveStaysListed() throws Exception {
        ScopeCheck.Result r = check("snare+3-hiss.wav", mix(3, -6), "snare up 3 dB");
        assertThat(r.asked().get(0).status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(r.unasked()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.NOISE);
            assertThat(c.startS()).isBetween(8.5, 11.0);
        });
    }
}

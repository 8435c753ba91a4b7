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
 * A wide pad is most of a mix's side signal: moved by g it moves the side against the mid by nearly
 * g. Its reading where it plays is a lower bound (few cells are the pad's alone in a dense mix), so
 * on the LMMS demo stems (bench/multitrack.py, issue 15) pads -6 dB read -4.7 dB and the side's
 * -6.0 dB was listed as a width change nobody asked for.
 */
class WidePartMoveTest {
    static final double SECONDS = 30;
    @TempDir static Path dir;
    static float[][] backing, pad;
    static Path v1;

    @BeforeAll
    static void stems() {
        float[][] song = SongSynth.renderInstrumental(RATE, SECONDS, 3).channels();
        // The backing in mono, with a bed of noise under 4 kHz that leaves the pad few moments of its own: the pad is the mix's side.
        int n = song[0].length;
        float[] bed = new float[n];
        Random random = new Random(4);
        for (int i = 0; i < n; i++) bed[i] = (float) random.nextGaussian();
        Biquad.lowPass(RATE, 4000, 0.707).process(bed);
        float[] mono = new float[n];
        for (int i = 0; i < n; i++) mono[i] = 0.5f * (song[0][i] + song[1][i]);
        double b = Math.sqrt(0.1 * power(mono) / power(bed));
        backing = new float[2][n];
        for (int i = 0; i < n; i++) backing[0][i] = backing[1][i] = (float) (mono[i] + b * bed[i]);
        pad = pad(n);
        v1 = write(dir, "v1.wav", mix(0));
    }

    /** Sawtooth chords (A minor, F, C, G, two seconds each), each side detuned its own way, low-passed at 3 kHz, 12 dB under the backing. */
    static float[][] pad(int n) {
        double[][] chords = {{110, 130.8, 164.8}, {87.3, 110, 130.8}, {130.8, 164.8, 196}, {98, 123.5, 146.8}};
        float[][] out = new float[2][n];
        for (int c = 0; c < 2; c++) {
            double detune = c == 0 ? 1.004 : 0.996;
            double[] phase = new double[3];
            for (int i = 0; i < n; i++) {
                double[] chord = chords[(int) (i / (2.0 * RATE)) % chords.length];
                double x = 0;
                for (int k = 0; k < 3; k++) {
                    phase[k] = (phase[k] + chord[k] * detune / RATE) % 1;
                    x += 2 * phase[k] - 1;
                }
                out[c][i] = (float) x;
            }
            for (Biquad f : List.of(Biquad.lowPass(RATE, 3000, 0.707), Biquad.lowPass(RATE, 3000, 0.707))) f.process(out[c]);
        }
        double g = Math.sqrt(0.06 * power(backing[0]) / power(out[0]));
        for (float[] c : out) for (int i = 0; i < n; i++) c[i] *= (float) g;
        return out;
    }

    private static double power(float[] x) {
        double sum = 0;
        for (float v : x) sum += v * (double) v;
        return sum;
    }

    /** The stems mixed 9 dB down, the pad moved by {@code padDb}. */
    static float[][] mix(double padDb) {
        double m = Math.pow(10, -9 / 20.0), g = Math.pow(10, padDb / 20);
        float[][] out = new float[2][backing[0].length];
        for (int c = 0; c < 2; c++) for (int i = 0; i < out[c].length; i++) out[c][i] = (float) (m * (backing[c][i] + g * pad[c][i]));
        return out;
    }

    static ScopeCheck.Result check(DiffResult d, String asked) {
        ScopeCheck.Result r = ScopeCheck.checkTexts(d, List.of(asked));
        System.out.printf("asked \"%s\": %s%n  changes: %s%n  unasked: %s%n", asked, r.asked().get(0).message(),
                d.changes().stream().map(Change::message).toList(), r.unasked().stream().map(Change::message).toList());
        return r;
    }

    @Test
    void theWidthAWidePadTakesWithItIsItsMoveUpToTheAskedAmount() throws Exception {
        DiffResult d = VersionDiff.run(v1, write(dir, "pad-6.wav", mix(-6)));
        assertThat(d.changes()).anyMatch(c -> c.kind() == ChangeKind.WIDTH && c.audible() && c.db() < -3);
        ScopeCheck.Result asked6 = check(d, "pads down 6 dB");
        assertThat(asked6.asked().get(0).status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(asked6.unasked()).noneMatch(Change::audible);
        // Asked for less than the side moved, the width change stays listed: the move asked for cannot bring it.
        ScopeCheck.Result asked1 = check(d, "pads down 1 dB");
        assertThat(asked1.asked().get(0).status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(asked1.unasked()).anyMatch(c -> c.kind() == ChangeKind.WIDTH && c.audible());
    }
}

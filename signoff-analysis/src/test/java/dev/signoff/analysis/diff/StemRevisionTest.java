package dev.signoff.analysis.diff;

import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static dev.signoff.analysis.diff.VersionPairs.RATE;
import static dev.signoff.analysis.diff.VersionPairs.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions of a dense two-stem mix: a full-band backing (drums, bass, pads, lead) and a distorted
 * guitar stem that overlaps it from 100 Hz to 5 kHz and plays from the first verse on. Version 2 is
 * mixed from the same stems with one known change. In such a mix a move of the guitar moves most
 * bands of the whole mix by nearly as much; read as a whole-mix level change it turns the request
 * around (issue 15).
 */
class StemRevisionTest {
    static final double SECONDS = 40, GUITAR_FROM_S = 8;
    @TempDir static Path dir;
    static float[][] backing, guitar;
    static Path v1;

    @BeforeAll
    static void stems() {
        backing = SongSynth.render(RATE, SECONDS, 11).channels();
        guitar = guitarStem(backing);
        v1 = write(dir, "v1.wav", mix(0, 0));
    }

    /**
     * Power chords (root, fifth, octave) of detuned sawtooths through a tanh drive, band-limited to
     * 100 Hz-5 kHz, double-tracked (the right side a little sharper), 3 dB louder than the backing (a wall of guitars).
     */
    static float[][] guitarStem(float[][] like) {
        int n = like[0].length, from = (int) (GUITAR_FROM_S * RATE);
        double[] roots = {82.41, 98.0, 110.0, 73.42};
        float[][] out = new float[2][n];
        SplittableRandom r = new SplittableRandom(3);
        for (int c = 0; c < 2; c++) {
            double detune = c == 0 ? 1 : 1.003;
            double[] phase = new double[3];
            for (int i = from; i < n; i++) {
                double t = (i - from) / (double) RATE;
                double root = roots[(int) (t / 2) % roots.length] * detune;
                double[] f = {root, root * 1.5, root * 2};
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    phase[k] = (phase[k] + f[k] / RATE) % 1;
                    s += 2 * phase[k] - 1;
                }
                double pick = Math.exp(-((t % 0.25) * 6));   // eighth-note chugs
                out[c][i] = (float) (Math.tanh(3 * s * (0.4 + 0.6 * pick)) + 0.01 * (r.nextDouble() - 0.5));
            }
            for (Biquad f : List.of(Biquad.highPass(RATE, 100, 0.707), Biquad.highPass(RATE, 100, 0.707),
                    Biquad.lowPass(RATE, 5000, 0.707), Biquad.lowPass(RATE, 5000, 0.707))) f.process(out[c]);
        }
        double g = Math.sqrt(2 * power(like, from) / power(out, from));
        for (float[] ch : out) for (int i = 0; i < n; i++) ch[i] *= (float) g;
        return out;
    }

    private static double power(float[][] x, int from) {
        double sum = 0;
        for (float[] ch : x) for (int i = from; i < ch.length; i++) sum += ch[i] * (double) ch[i];
        return sum;
    }

    /** The two stems mixed 9 dB down, the guitar moved by {@code guitarDb} and the whole mix by {@code mixDb}. */
    static float[][] mix(double guitarDb, double mixDb) {
        double m = Math.pow(10, (mixDb - 9) / 20), g = Math.pow(10, guitarDb / 20);
        float[][] out = new float[2][backing[0].length];
        for (int c = 0; c < 2; c++) for (int i = 0; i < out[c].length; i++) out[c][i] = (float) (m * (backing[c][i] + g * guitar[c][i]));
        return out;
    }

    static ScopeCheck.Result check(String name, float[][] v2, String asked) throws Exception {
        DiffResult d = VersionDiff.run(v1, write(dir, name, v2));
        ScopeCheck.Result r = ScopeCheck.checkTexts(d, List.of(asked));
        System.out.printf("%s, asked \"%s\": %s%n  %s%n  level %.2f dB, loudness %+.2f LU, changes: %s%n", name, asked,
                r.asked().get(0).status(), r.asked().get(0).message(), d.levelChangeDb(), d.loudnessChangeLu(),
                d.changes().stream().map(Change::message).toList());
        return r;
    }

    @Test
    void theGuitarTurnedDownWhenAskedUpIsTheOtherWay() throws Exception {
        ScopeCheck.Result r = check("guitar-3.wav", mix(-3, 0), "guitars up a bit");
        assertThat(r.asked().get(0).status()).isEqualTo(ScopeCheck.Status.OPPOSITE);
        assertThat(r.asked().get(0).measuredDb()).isLessThan(-2.0);
    }

    @Test
    void theWholeMixAQuarterOfADbLouderIsNotTheGuitarUp() throws Exception {
        ScopeCheck.Result r = check("mix+0.25.wav", mix(0, 0.25), "guitars up 2 dB");
        assertThat(r.asked().get(0).status()).isEqualTo(ScopeCheck.Status.NOT_FOUND);
    }

    @Test
    void theGuitarUpAsAskedIsDoneAndItsLoudnessIsNoExtraChange() throws Exception {
        ScopeCheck.Result r = check("guitar+3.wav", mix(3, 0), "guitars up 3 dB");
        ScopeCheck.Outcome o = r.asked().get(0);
        assertThat(o.status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(o.measuredDb()).isBetween(2.0, 3.5);
        assertThat(o.message()).contains("guitars +").contains("where they play")
                // The vocal and the keys live where the guitars do: the mix alone cannot say which moved.
                .contains("Vocal").contains("keys").contains("cannot tell which of them moved");
        // The loudness the guitar brings is part of its move, not a level change nobody asked for.
        assertThat(r.unasked()).noneMatch(Change::audible);
    }

    @Test
    void aReBounceOfTheSameMixIsNeverDone() throws Exception {
        // The same mix through 16-bit: nothing moved but the last bits.
        DiffResult d = VersionDiff.run(v1, write16(mix(0, 0)));
        ScopeCheck.Result r = ScopeCheck.checkTexts(d, List.of("guitars up 2 dB", "guitars up a bit", "louder", "vocal down", "more low end"));
        assertThat(r.asked()).extracting(ScopeCheck.Outcome::status).containsOnly(ScopeCheck.Status.NOT_FOUND);
        assertThat(r.unasked()).isEmpty();
    }

    private static Path write16(float[][] x) throws Exception {
        Path f = dir.resolve("rebounce16.wav");
        try (dev.signoff.audio.wav.WavWriter w = dev.signoff.audio.wav.WavWriter.open(f, RATE, 2, 16)) {
            w.write(x, x[0].length);
        }
        return f;
    }
}

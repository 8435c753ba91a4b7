package dev.signoff.analysis.vocal;

import dev.signoff.audio.synth.Biquad;

import java.util.SplittableRandom;

/**
 * A synthesized singer and pure instrument parts, for the lead-vocal detector's tests.
 *
 * <p>The singer follows the source-filter model of the voice (Fant 1960): a glottal pulse train
 * (one impulse per period, through a one-pole low-pass for the source's falling spectrum) whose
 * pitch follows a melody in the singing range with portamento between notes and a 5.5 Hz vibrato
 * of +-3 %, through three formant resonators whose vowel changes with every syllable (4 per
 * second), shaped by a syllable envelope, with a sibilant noise burst (5-9 kHz) before every
 * third syllable.
 */
final class TestVoices {
    private TestVoices() {}

    /** Formant frequencies (Hz) of five vowels: a, i, o, u, e (Peterson and Barney 1952, rounded). */
    private static final double[][] VOWELS = {{730, 1090, 2440}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240}, {530, 1840, 2480}};

    /** A sung line of {@code seconds}, mono, peak about 0.5, fundamental around {@code baseHz} (the melody spans an octave above it). */
    static float[] singer(int rate, double seconds, double baseHz, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) (seconds * rate);
        double syllable = 0.25;
        double[] semitones = {0, 2, 4, 5, 7, 5, 4, 2, 0, 4, 7, 12, 7, 4};
        float[] out = new float[n];
        Biquad[][] formants = new Biquad[VOWELS.length][];
        for (int v = 0; v < VOWELS.length; v++) {
            formants[v] = new Biquad[]{Biquad.bandPass(rate, VOWELS[v][0], 5), Biquad.bandPass(rate, VOWELS[v][1], 8), Biquad.bandPass(rate, VOWELS[v][2], 12)};
        }
        double phase = 0, pitch = baseHz, tilt = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            int s = (int) (t / syllable);
            double target = baseHz * Math.pow(2, semitones[(s / 2) % semitones.length] / 12);
            pitch += (target - pitch) * (1 - Math.exp(-1 / (0.04 * rate)));   // a 40 ms glide to each note
            phase += pitch * (1 + 0.03 * Math.sin(2 * Math.PI * 5.5 * t)) / rate;
            double pulse = 0;
            if (phase >= 1) {
                phase -= 1;
                pulse = 1;
            }
            tilt = 0.9 * tilt + pulse;
            double x = tilt;
            int vowel = s % VOWELS.length;
            double y = 0;
            for (int v = 0; v < VOWELS.length; v++) {
                double a = formants[v][0].process(x), b = formants[v][1].process(x), c = formants[v][2].process(x);
                if (v == vowel) y = a + 0.6 * b + 0.3 * c;
            }
            double inSyllable = t - s * syllable;
            double env = Math.min(1, inSyllable / 0.03) * Math.min(1, Math.max(0, syllable - 0.04 - inSyllable) / 0.05);
            out[i] = (float) (0.5 * env * y);
        }
        Biquad hiss = Biquad.bandPass(rate, 7000, 1.5);
        int burst = (int) (0.07 * rate);
        for (int s = 0; s * syllable < seconds; s += 3) {
            int start = (int) (s * syllable * rate);
            for (int i = 0; i < burst && start + i < n; i++) {
                out[start + i] += (float) (0.15 * Math.sin(Math.PI * i / burst) * hiss.process(random.nextDouble() * 2 - 1));
            }
        }
        return normalise(out, 0.5);
    }

    /** Sustained sawtooth triads (C, G, Am, F), a bar of 2 s each, the same in both channels. */
    static float[] synthChords(int rate, double seconds) {
        double[][] chords = {{261.63, 329.63, 392.00}, {246.94, 293.66, 392.00}, {261.63, 329.63, 440.00}, {261.63, 349.23, 440.00}};
        int n = (int) (seconds * rate);
        float[] out = new float[n];
        double[] phase = new double[3];
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double[] chord = chords[(int) (t / 2) % chords.length];
            double in = t % 2;
            double env = Math.min(1, in / 0.05) * Math.min(1, (2 - in) / 0.05);
            double y = 0;
            for (int k = 0; k < 3; k++) {
                phase[k] = (phase[k] + chord[k] / rate) % 1;
                y += 2 * phase[k] - 1;
            }
            out[i] = (float) (env * y);
        }
        Biquad.lowPass(rate, 4000, 0.7).process(out);
        return normalise(out, 0.5);
    }

    /** A piano-like line: a note every 0.3 s, each a struck string's partials (slightly stretched) decaying over a second or two. */
    static float[] piano(int rate, double seconds) {
        double[] scale = {261.63, 293.66, 329.63, 349.23, 392.00, 440.00, 493.88, 523.25, 392.00, 329.63};
        int n = (int) (seconds * rate);
        float[] out = new float[n];
        int step = (int) (0.3 * rate), len = 2 * rate;
        for (int note = 0; note * step < n; note++) {
            double f = scale[note % scale.length] / (note % 3 == 0 ? 2 : 1);
            for (int h = 1; h <= 12; h++) {
                double fh = f * h * Math.sqrt(1 + 0.0004 * h * h);
                if (fh > rate / 2.5) break;
                for (int i = 0; i < len && note * step + i < n; i++) {
                    double t = i / (double) rate;
                    out[note * step + i] += (float) (Math.exp(-t * (1.5 + 0.6 * h)) * Math.sin(2 * Math.PI * fh * t) / h);
                }
            }
        }
        return normalise(out, 0.5);
    }

    /** Drums alone at 120 BPM: kick on the beats, snare on 2 and 4, closed hats on the eighths. */
    static float[] drums(int rate, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) (seconds * rate);
        float[] out = new float[n];
        int eighth = rate / 4;
        Biquad snareTone = Biquad.highPass(rate, 900, 0.7), hatTone = Biquad.highPass(rate, 7000, 0.7);
        for (int e = 0; e * eighth < n; e++) {
            int start = e * eighth;
            for (int i = 0; i < rate / 2 && start + i < n; i++) {
                double t = i / (double) rate;
                double y = 0;
                if (e % 2 == 0) y += 0.9 * Math.exp(-t / 0.15) * Math.sin(2 * Math.PI * (50 * t + 110 * 0.025 * (1 - Math.exp(-t / 0.025))));
                if (e % 4 == 2) y += (0.3 * Math.sin(2 * Math.PI * 185 * t) + 0.5 * snareTone.process(random.nextDouble() * 2 - 1)) * Math.exp(-t / 0.08);
                y += 0.15 * hatTone.process(random.nextDouble() * 2 - 1) * Math.exp(-t / 0.02);
                out[start + i] += (float) y;
            }
        }
        return normalise(out, 0.5);
    }

    static float[] normalise(float[] x, double peak) {
        double max = 0;
        for (float v : x) max = Math.max(max, Math.abs(v));
        if (max > 0) for (int i = 0; i < x.length; i++) x[i] *= (float) (peak / max);
        return x;
    }
}

package dev.signoff.audio.synth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthesizes a pop-style stereo song with a known structure (intro, verses, choruses, a bridge,
 * a full-band stop, outro) and, on request, known mix defects. It stands in for real bounces in
 * the demo, the tests and the benchmark: kick and bass in the centre, a snare, hats leaning right,
 * wide detuned pads, a formant-filtered lead "vocal" with consonant bursts and a stereo echo. The
 * vocal's pitch wavers with a singer's vibrato (5.5 Hz, +-2 %, a third of a semitone: Sundberg,
 * <i>The Science of the Singing Voice</i>, 1987), which is what tells it from an instrument; the
 * {@linkplain #renderInstrumental instrumental} render plays the same line on a plain synth lead instead.
 *
 * <p>The clean render is meant to look like a well-made mix to every check: mono low end, moderate
 * width, a commercial-like long-term spectrum, peaks at -1 dBFS, a stop that is truly silent and a
 * fade-out ending. Each {@link Defect} adds one audible, well-defined fault.
 */
public final class SongSynth {

    /** Faults that can be built into a render, each one a typical last-five-percent miss. */
    public enum Defect {
        /** The choruses are driven 6 dB into a hard clip (flat-topped runs at full scale). */
        CLIPPING,
        /** An amp track's hiss at about -60 dBFS runs through the song and hangs over the stop. */
        STOP_HISS,
        /** 50 Hz mains hum with harmonics at about -50 dBFS runs through the song. */
        STOP_HUM,
        /** The right channel is 3 dB down. */
        BALANCE_LEFT,
        /** The right channel's polarity is inverted. */
        POLARITY,
        /** The pads' side signal is boosted far past the mid: overbearing on headphones. */
        WIDE,
        /** The bass is different in each channel (stereo low end). */
        STEREO_BASS,
        /** A broad +8 dB build-up around 3 kHz. */
        HARSH,
        /** A +10 dB build-up around 300 Hz (about an octave wide). */
        MUD,
        /** Highs rolled off above 3 kHz (-12 dB shelf). */
        DULL,
        /** +10 dB low shelf below 90 Hz. */
        BOOMY,
        /** Everything below 150 Hz filtered away. */
        THIN,
        /** The vocal's "s" consonants are 18 dB hotter. */
        SIBILANT,
        /** A 1% DC offset on both channels. */
        DC_OFFSET,
        /** The file ends in the middle of the last chorus. */
        TAIL_CUT,
        /** Three seconds of silence before the music. */
        HEAD_SILENCE,
        /** The kick 8 dB hotter in the mix. */
        KICK_HOT,
        /** The snare 8 dB hotter in the mix. */
        SNARE_HOT,
        /**
         * The kick is a pure sub thump: a 48 Hz sine with a soft 6 ms attack, no pitch sweep, no
         * click and no beater, so nothing of it lies above about 100 Hz (an 808-style sub used alone).
         */
        SUB_KICK,
        /** The bass is a pure sine on roots below 60 Hz (G1, A1, F1): no harmonics at all. */
        SUB_BASS
    }

    /** A part of the song: name ("intro", "verse", "chorus", "bridge", "stop", "outro") and time span. */
    public record Section(String name, double startS, double endS) {}

    /** A rendered song: planar stereo samples and where each section lies. */
    public record Song(int sampleRate, float[][] channels, List<Section> sections) {
        public double durationS() { return channels[0].length / (double) sampleRate; }

        public int frames() { return channels[0].length; }

        /** Sections with the given name, in order. */
        public List<Section> sections(String name) {
            return sections.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private static final double BPM = 120;
    private static final double BEAT = 60 / BPM;
    private static final double BAR = 4 * BEAT;
    /** Peak level of the finished clean render. */
    private static final double PEAK_DBFS = -1.0;
    /** The vocal's vibrato extent, a share of its pitch (+-2 %: a third of a semitone, a pop singer's). */
    private static final double VIBRATO = 0.02;
    /** How long the vibrato takes to grow to its full extent after a note starts. */
    private static final double VIBRATO_ONSET_S = 0.2;

    // C - G - Am - F, as bass roots (Hz) and pad triads (Hz).
    private static final double[] BASS_ROOTS = {65.41, 49.00, 55.00, 43.65};
    private static final double[][] TRIADS = {
            {261.63, 329.63, 392.00}, {246.94, 293.66, 392.00}, {261.63, 329.63, 440.00}, {261.63, 349.23, 440.00}};
    private static final double[][] MELODY = {
            {523.25, 587.33, 659.25, 587.33}, {493.88, 587.33, 783.99, 587.33},
            {523.25, 659.25, 880.00, 659.25}, {523.25, 698.46, 880.00, 783.99}};

    private final int fs;
    private final Set<Defect> defects;
    private final SplittableRandom random;
    /** The melody on a synth lead (steady pitch, no formants, no consonants) instead of the vocal. */
    private final boolean instrumental;
    private float[] kick, snare, hats, bassL, bassR, padL, padR, lead, sibilance;
    private float[] crash;
    /** Where the choruses lie, in frames: {start, end} pairs. */
    private final List<int[]> choruses = new ArrayList<>();

    private SongSynth(int sampleRate, long seed, Set<Defect> defects, boolean instrumental) {
        this.fs = sampleRate;
        this.instrumental = instrumental;
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.random = new SplittableRandom(seed);
    }

    /** A clean song of about {@code seconds} (at least 20 s) at {@code sampleRate}. */
    public static Song render(int sampleRate, double seconds, long seed) {
        return render(sampleRate, seconds, seed, Set.of());
    }

    /** A song of about {@code seconds} with the given defects built in. */
    public static Song render(int sampleRate, double seconds, long seed, Set<Defect> defects) {
        return new SongSynth(sampleRate, seed, defects, false).render(seconds);
    }

    /**
     * The clean song without a voice: the vocal's line played by a synth lead (a sawtooth at a
     * steady pitch, low-passed, no consonants), in the centre with the same echo. The drums, bass
     * and pads are the same as in {@link #render(int, double, long)} with the same seed.
     */
    public static Song renderInstrumental(int sampleRate, double seconds, long seed) {
        return new SongSynth(sampleRate, seed, Set.of(), true).render(seconds);
    }

    /** The arrangement: section names and bar counts adding up to about {@code seconds}. */
    static List<String[]> arrangement(double seconds) {
        int bars = Math.max(10, (int) Math.round(seconds / BAR));
        int part = bars >= 40 ? 8 : 4;
        List<String[]> plan = new ArrayList<>();
        int intro = bars >= 40 ? 4 : 2, outro = bars >= 40 ? 4 : 2;
        plan.add(new String[]{"intro", String.valueOf(intro)});
        // Ending: (bridge) stop, last chorus, outro.
        int ending = 1 + part + outro + (bars >= 40 ? part : 0);
        int left = bars - intro - ending;
        boolean verse = true;
        while (left > 0) {
            int n = Math.min(part, left);
            plan.add(new String[]{verse ? "verse" : "chorus", String.valueOf(n)});
            left -= n;
            verse = !verse;
        }
        if (bars >= 40) plan.add(new String[]{"bridge", String.valueOf(part)});
        plan.add(new String[]{"stop", "1"});
        plan.add(new String[]{"chorus", String.valueOf(part)});
        plan.add(new String[]{"outro", String.valueOf(outro)});
        return plan;
    }

    private Song render(double seconds) {
        List<String[]> plan = arrangement(seconds);
        int totalBars = plan.stream().mapToInt(p -> Integer.parseInt(p[1])).sum();
        int n = (int) Math.round((totalBars * BAR + 1.0) * fs);
        kick = new float[n]; snare = new float[n]; hats = new float[n]; crash = new float[n];
        bassL = new float[n]; bassR = new float[n]; padL = new float[n]; padR = new float[n];
        lead = new float[n]; sibilance = new float[n];

        List<Section> sections = new ArrayList<>();
        int bar = 0;
        for (String[] p : plan) {
            String name = p[0];
            int count = Integer.parseInt(p[1]);
            sections.add(new Section(name, bar * BAR, (bar + count) * BAR));
            if (name.equals("chorus")) choruses.add(new int[]{(int) Math.round(bar * BAR * fs), (int) Math.round((bar + count) * BAR * fs)});
            for (int b = 0; b < count; b++) playBar(name, bar + b, b, count);
            bar += count;
        }

        float[][] mix = mixDown(n, totalBars * BAR);
        double end = totalBars * BAR;
        List<Section> finalSections = sections;
        if (defects.contains(Defect.TAIL_CUT)) {
            // Stop half-way through the last chorus, mid-note.
            Section lastChorus = sections.get(sections.size() - 2);
            double cut = lastChorus.startS() + (lastChorus.endS() - lastChorus.startS()) / 2 + 0.23;
            mix = truncate(mix, (int) Math.round(cut * fs));
            finalSections = new ArrayList<>(sections.subList(0, sections.size() - 2));
            finalSections.add(new Section("chorus", lastChorus.startS(), cut));
        } else {
            mix = truncate(mix, (int) Math.round((end + 1.0) * fs));
        }
        if (defects.contains(Defect.HEAD_SILENCE)) {
            double pad = 3.0;
            mix = prepend(mix, (int) Math.round(pad * fs));
            List<Section> shifted = new ArrayList<>();
            for (Section s : finalSections) shifted.add(new Section(s.name(), s.startS() + pad, s.endS() + pad));
            finalSections = shifted;
        }
        return new Song(fs, mix, List.copyOf(finalSections));
    }

    private void playBar(String section, int bar, int barInSection, int barsInSection) {
        double t0 = bar * BAR;
        int chord = bar % 4;
        switch (section) {
            case "intro" -> {
                pad(t0, chord, 0.45);
                for (int e = 0; e < 8; e++) hat(t0 + e * BEAT / 2, e % 2 == 0 ? 0.10 : 0.06);
            }
            case "verse" -> {
                kick(t0); kick(t0 + 2 * BEAT); kick(t0 + 2.5 * BEAT);
                snare(t0 + BEAT, 0.8); snare(t0 + 3 * BEAT, 0.8);
                for (int e = 0; e < 8; e++) hat(t0 + e * BEAT / 2, e % 2 == 0 ? 0.12 : 0.07);
                bass(t0, chord, 0.8);
                pad(t0, chord, 0.35);
                melody(t0, chord, 1.0, 0.55);
            }
            case "chorus" -> {
                if (barInSection == 0) crash(t0);
                for (int q = 0; q < 4; q++) kick(t0 + q * BEAT);
                snare(t0 + BEAT, 1.0); snare(t0 + 3 * BEAT, 1.0);
                for (int e = 0; e < 16; e++) hat(t0 + e * BEAT / 4, e % 2 == 0 ? 0.13 : 0.07);
                bass(t0, chord, 1.0);
                pad(t0, chord, 0.8);
                melody(t0, chord, 2.0, 0.7);
            }
            case "bridge" -> {
                kick(t0); kick(t0 + 2 * BEAT);
                for (int e = 0; e < 8; e++) hat(t0 + e * BEAT / 2, 0.06);
                bass(t0, (chord + 2) % 4, 0.6);
                pad(t0, (chord + 2) % 4, 0.6);
                melody(t0, (chord + 2) % 4, 1.0, 0.5);
            }
            case "stop" -> { /* the whole band stops */ }
            case "outro" -> {
                double fade = 1.0 - (barInSection + 0.5) / barsInSection;
                pad(t0, chord, 0.5 * fade);
                melody(t0, chord, 1.0, 0.4 * fade);
                for (int e = 0; e < 8; e++) hat(t0 + e * BEAT / 2, 0.06 * fade);
            }
            default -> throw new IllegalStateException(section);
        }
    }

    // ---- instruments: each writes into its own bus ----

    private void kick(double t) {
        int start = (int) Math.round(t * fs), len = (int) (0.4 * fs);
        if (defects.contains(Defect.SUB_KICK)) {
            for (int i = 0; i < len && start + i < kick.length; i++) {
                double s = i / (double) fs;
                double attack = s < 0.006 ? 0.5 - 0.5 * Math.cos(Math.PI * s / 0.006) : 1;
                double release = Math.min(1, (len - i) / (0.02 * fs));
                kick[start + i] += (float) (0.95 * attack * release * Math.exp(-s / 0.16) * Math.sin(2 * Math.PI * 48 * s));
            }
            return;
        }
        double phase = 0;
        for (int i = 0; i < len && start + i < kick.length; i++) {
            double s = i / (double) fs;
            double f = 48 + 110 * Math.exp(-s / 0.025);
            phase += 2 * Math.PI * f / fs;
            double click = i < fs * 0.003 ? 0.3 * (random.nextDouble() * 2 - 1) : 0;
            kick[start + i] += (float) (0.95 * Math.exp(-s / 0.16) * Math.sin(phase) + click);
        }
    }

    private void snare(double t, double gain) {
        int start = (int) Math.round(t * fs), len = (int) (0.3 * fs);
        Biquad body = Biquad.highPass(fs, 900, 0.7);
        for (int i = 0; i < len && start + i < snare.length; i++) {
            double s = i / (double) fs;
            double tone = 0.35 * Math.exp(-s / 0.05) * Math.sin(2 * Math.PI * 185 * s);
            double noise = body.process(random.nextDouble() * 2 - 1) * 0.5 * Math.exp(-s / 0.09);
            snare[start + i] += (float) (gain * (tone + noise));
        }
    }

    private void hat(double t, double gain) {
        int start = (int) Math.round(t * fs), len = (int) (0.08 * fs);
        Biquad hp = Biquad.highPass(fs, Math.min(7000, fs * 0.4), 0.7);
        for (int i = 0; i < len && start + i < hats.length; i++) {
            double s = i / (double) fs;
            hats[start + i] += (float) (gain * hp.process(random.nextDouble() * 2 - 1) * Math.exp(-s / 0.025));
        }
    }

    private void crash(double t) {
        int start = (int) Math.round(t * fs), len = (int) (2.0 * fs);
        Biquad hp = Biquad.highPass(fs, Math.min(4000, fs * 0.4), 0.7);
        for (int i = 0; i < len && start + i < crash.length; i++) {
            double s = i / (double) fs;
            crash[start + i] += (float) (0.12 * hp.process(random.nextDouble() * 2 - 1) * Math.exp(-s / 0.6));
        }
    }

    private void bass(double t0, int chord, double gain) {
        double f = BASS_ROOTS[chord];
        boolean stereo = defects.contains(Defect.STEREO_BASS);
        if (defects.contains(Defect.SUB_BASS)) {
            subBass(t0, f > 60 ? SUB_ROOT_FOR_C : f, gain);
            return;
        }
        for (int e = 0; e < 8; e++) {
            int start = (int) Math.round((t0 + e * BEAT / 2) * fs), len = (int) (BEAT / 2 * fs * 0.95);
            for (int i = 0; i < len && start + i < bassL.length; i++) {
                double s = i / (double) fs;
                double env = Math.min(1, s / 0.005) * Math.min(1, (len - i) / (0.01 * fs)) * (0.7 + 0.3 * Math.exp(-s / 0.1));
                double w = 2 * Math.PI * f * s;
                double v = gain * env * (0.75 * Math.tanh(2.2 * Math.sin(w)) + 0.3 * Math.sin(2 * w) + 0.12 * Math.sin(4 * w));
                bassL[start + i] += (float) v;
                if (stereo) {
                    // A chorus-like copy on the right: detuned and shifted, so the low end differs per side.
                    double w2 = 2 * Math.PI * f * 1.03 * s + Math.PI / 2;
                    bassR[start + i] += (float) (gain * env * (0.75 * Math.tanh(1.6 * Math.sin(w2)) + 0.2 * Math.sin(2 * w2)));
                } else {
                    bassR[start + i] += (float) v;
                }
            }
        }
    }

    /** The C chord's bass note when the bass must stay below 60 Hz: G1 (the chord over its fifth). */
    private static final double SUB_ROOT_FOR_C = 49.00;

    /** Eighth notes of a pure sine, as loud (RMS) as the normal bass. */
    private void subBass(double t0, double f, double gain) {
        for (int e = 0; e < 8; e++) {
            int start = (int) Math.round((t0 + e * BEAT / 2) * fs), len = (int) (BEAT / 2 * fs * 0.95);
            for (int i = 0; i < len && start + i < bassL.length; i++) {
                double s = i / (double) fs;
                double env = Math.min(1, s / 0.005) * Math.min(1, (len - i) / (0.01 * fs)) * (0.7 + 0.3 * Math.exp(-s / 0.1));
                double v = gain * env * 0.85 * Math.sin(2 * Math.PI * f * s);
                bassL[start + i] += (float) v;
                bassR[start + i] += (float) v;
            }
        }
    }

    private void pad(double t0, int chord, double gain) {
        int start = (int) Math.round(t0 * fs), len = (int) Math.round(BAR * fs);
        for (double f : TRIADS[chord]) {
            for (int side = 0; side < 2; side++) {
                float[] bus = side == 0 ? padL : padR;
                double detune = side == 0 ? 0.9971 : 1.0029;
                double p1 = random.nextDouble(), p2 = random.nextDouble();
                double inc1 = f * detune / fs, inc2 = f / detune * 1.0015 / fs;
                for (int i = 0; i < len && start + i < bus.length; i++) {
                    double env = Math.min(1, i / (0.08 * fs)) * Math.min(1, (len - i) / (0.05 * fs));
                    p1 += inc1; p1 -= Math.floor(p1);
                    p2 += inc2; p2 -= Math.floor(p2);
                    bus[start + i] += (float) (gain * 0.11 * env * ((2 * p1 - 1) + (2 * p2 - 1)));
                }
            }
        }
    }

    private void melody(double t0, int chord, double octave, double gain) {
        double[] notes = MELODY[chord];
        double sibGain = defects.contains(Defect.SIBILANT) ? 8.0 : 1.0;
        for (int k = 0; k < notes.length; k++) {
            double f = notes[k] * octave / 2;
            int start = (int) Math.round((t0 + k * BEAT) * fs), len = (int) (BEAT * fs * 0.9);
            double phase = random.nextDouble();
            for (int i = 0; i < len && start + i < lead.length; i++) {
                double s = i / (double) fs;
                // Singers start a note straight and let the vibrato grow in.
                double depth = instrumental ? 0 : VIBRATO * Math.min(1, s / VIBRATO_ONSET_S);
                double vib = 1 + depth * Math.sin(2 * Math.PI * 5.5 * s);
                phase += f * vib / fs;
                phase -= Math.floor(phase);
                double env = Math.min(1, s / 0.03) * Math.min(1, (len - i) / (0.04 * fs));
                lead[start + i] += (float) (gain * 0.35 * env * (2 * phase - 1));
            }
            if (k % 2 == 0) {
                // An "s" or "t" consonant ahead of every other note.
                int cs = Math.max(0, start - (int) (0.05 * fs)), clen = (int) (0.07 * fs);
                for (int i = 0; i < clen && cs + i < sibilance.length; i++) {
                    double env = Math.sin(Math.PI * i / clen);
                    double noise = random.nextDouble() * 2 - 1;   // drawn either way: the other parts keep their random sequence
                    if (!instrumental) sibilance[cs + i] += (float) (sibGain * gain * 0.05 * env * noise);
                }
            }
        }
    }

    // ---- mixing and mastering ----

    private float[][] mixDown(int n, double musicEndS) {
        // Voice the buses.
        Biquad kickLp = Biquad.lowPass(fs, 4000, 0.7);
        kickLp.process(kick);
        for (int side = 0; side < 2; side++) {
            float[] pad = side == 0 ? padL : padR;
            Biquad.lowPass(fs, 3200, 0.6).process(pad);
            Biquad.highPass(fs, 110, 0.7).process(pad);
        }
        Biquad.lowPass(fs, 1400, 0.7).process(bassL);
        Biquad.lowPass(fs, 1400, 0.7).process(bassR);
        // Cymbals lose energy towards the top octave, as miked cymbals do.
        Biquad.lowPass(fs, Math.min(11000, fs * 0.45), 0.7).process(hats);
        Biquad.lowPass(fs, Math.min(13000, fs * 0.45), 0.7).process(crash);
        float[] vocal = new float[n];
        Biquad f1 = Biquad.bandPass(fs, 750, 1.6), f2 = Biquad.bandPass(fs, 1250, 2.5), f3 = Biquad.bandPass(fs, 2800, 3.0);
        Biquad body = Biquad.lowPass(fs, 2500, 0.7);
        for (int i = 0; i < n; i++) {
            double x = lead[i];
            double formants = 1.2 * f1.process(x) + 1.0 * f2.process(x) + 0.8 * f3.process(x);
            vocal[i] = (float) (instrumental ? 1.6 * body.process(x) : 0.7 * body.process(x) + formants);
        }
        Biquad s1 = Biquad.bandPass(fs, Math.min(7000, fs * 0.4), 1.2);
        for (int i = 0; i < n; i++) vocal[i] += (float) s1.process(sibilance[i]);

        boolean wide = defects.contains(Defect.WIDE);
        double kickGain = defects.contains(Defect.KICK_HOT) ? 0.9 * 2.5 : 0.9, snareGain = defects.contains(Defect.SNARE_HOT) ? 0.75 * 2.5 : 0.75;
        int echoL = (int) (0.375 * fs), echoR = (int) (0.5 * fs);
        float[] l = new float[n], r = new float[n];
        for (int i = 0; i < n; i++) {
            double pl = padL[i], pr = padR[i];
            if (wide) {
                double m = (pl + pr) / 2, s = (pl - pr) / 2;
                pl = m * 0.5 + s * 4;
                pr = m * 0.5 - s * 4;
            }
            double v = vocal[i];
            double c = kickGain * kick[i] + snareGain * snare[i] + 0.95 * v;
            double el = i >= echoL ? 0.18 * vocal[i - echoL] : 0;
            double er = i >= echoR ? 0.18 * vocal[i - echoR] : 0;
            l[i] = (float) (c + 0.6 * bassL[i] + 0.8 * pl + 0.75 * hats[i] + 0.9 * crash[i] + el);
            r[i] = (float) (c + 0.6 * bassR[i] + 0.8 * pr + 1.0 * hats[i] + 0.8 * crash[i] + er);
        }
        applyEqDefects(l);
        applyEqDefects(r);

        // Gentle bus saturation for density, then normalise the peak.
        for (int i = 0; i < n; i++) {
            l[i] = (float) Math.tanh(l[i] * 0.9);
            r[i] = (float) Math.tanh(r[i] * 0.9);
        }
        // The outro fades to nothing, as a finished master does.
        int fadeEnd = (int) Math.round(musicEndS * fs), fadeStart = Math.max(0, fadeEnd - (int) (4 * BAR * fs / 2));
        for (int i = fadeStart; i < n; i++) {
            double g = i >= fadeEnd ? 0 : Math.cos(0.5 * Math.PI * (i - fadeStart) / (double) (fadeEnd - fadeStart));
            l[i] *= (float) g;
            r[i] *= (float) g;
        }
        double peak = 0;
        for (int i = 0; i < n; i++) peak = Math.max(peak, Math.max(Math.abs(l[i]), Math.abs(r[i])));
        double g = Math.pow(10, PEAK_DBFS / 20) / peak;
        for (int i = 0; i < n; i++) {
            l[i] *= (float) g;
            r[i] *= (float) g;
        }
        applyPostDefects(l, r, n);
        return new float[][]{l, r};
    }

    private void applyEqDefects(float[] x) {
        // The master's gentle top-octave roll-off (most releases fall away above 16 kHz).
        if (fs > 36_000) Biquad.lowPass(fs, 16_000, 0.6).process(x);
        if (defects.contains(Defect.HARSH)) Biquad.peaking(fs, 3500, 1.4, 15).process(x);
        if (defects.contains(Defect.MUD)) Biquad.peaking(fs, 300, 1.0, 18).process(x);
        if (defects.contains(Defect.DULL)) {
            Biquad.highShelf(fs, 3000, -12).process(x);
            Biquad.lowPass(fs, 5000, 0.7).process(x);
        }
        if (defects.contains(Defect.BOOMY)) Biquad.lowShelf(fs, 90, 10).process(x);
        if (defects.contains(Defect.THIN)) {
            Biquad.highPass(fs, 150, 0.7).process(x);
            Biquad.highPass(fs, 150, 0.7).process(x);
        }
    }

    private void applyPostDefects(float[] l, float[] r, int n) {
        SplittableRandom noise = new SplittableRandom(random.nextLong());
        if (defects.contains(Defect.STOP_HISS)) {
            // Broadband amp hiss, -60 dBFS RMS, on both sides (slightly different noise per side).
            double a = Math.pow(10, -60 / 20.0) * Math.sqrt(3);
            for (int i = 0; i < n; i++) {
                l[i] += (float) (a * (noise.nextDouble() * 2 - 1));
                r[i] += (float) (a * (noise.nextDouble() * 2 - 1));
            }
        }
        if (defects.contains(Defect.STOP_HUM)) {
            double a = Math.pow(10, -50 / 20.0);
            for (int i = 0; i < n; i++) {
                double w = 2 * Math.PI * 50 * i / fs;
                double h = a * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.35 * Math.sin(3 * w) + 0.2 * Math.sin(4 * w));
                l[i] += (float) h;
                r[i] += (float) h;
            }
        }
        if (defects.contains(Defect.CLIPPING)) {
            // Choruses pushed 6 dB into a hard ceiling.
            for (int[] c : choruses) {
                for (int i = c[0]; i < Math.min(n, c[1]); i++) {
                    l[i] = (float) Math.max(-1, Math.min(1, l[i] * 2.0));
                    r[i] = (float) Math.max(-1, Math.min(1, r[i] * 2.0));
                }
            }
        }
        if (defects.contains(Defect.BALANCE_LEFT)) {
            float g = (float) Math.pow(10, -3 / 20.0);
            for (int i = 0; i < n; i++) r[i] *= g;
        }
        if (defects.contains(Defect.POLARITY)) {
            for (int i = 0; i < n; i++) r[i] = -r[i];
        }
        if (defects.contains(Defect.DC_OFFSET)) {
            for (int i = 0; i < n; i++) {
                l[i] += 0.01f;
                r[i] += 0.01f;
            }
        }
    }

    private static float[][] truncate(float[][] x, int frames) {
        frames = Math.min(frames, x[0].length);
        return new float[][]{java.util.Arrays.copyOf(x[0], frames), java.util.Arrays.copyOf(x[1], frames)};
    }

    private static float[][] prepend(float[][] x, int frames) {
        float[][] out = new float[2][x[0].length + frames];
        System.arraycopy(x[0], 0, out[0], frames, x[0].length);
        System.arraycopy(x[1], 0, out[1], frames, x[1].length);
        return out;
    }
}

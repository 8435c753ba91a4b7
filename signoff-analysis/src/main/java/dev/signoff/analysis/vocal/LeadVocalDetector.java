package dev.signoff.analysis.vocal;

import dev.signoff.analysis.SpillingSeries;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;

import java.util.List;


/**
 * Whether a mix has a lead voice, and for what share of the music: the condition under which
 * sibilance and de-essing are worth judging (an instrumental's cymbals and synths make 5-10 kHz
 * bursts too, but nobody de-esses them).
 *
 * <p>A window of the music (about {@value #WINDOW_S} s) is voiced when three features of a sung
 * lead hold at once; each is necessary in a finished mix, none is enough alone:
 * <ol>
 *   <li><b>In the centre.</b> Lead vocals are mixed to the middle: in 200 Hz-4 kHz the mid signal
 *       (L+R)/2 carries at least {@value #MIN_CENTRE} of the mid-plus-side power (long frames).</li>
 *   <li><b>Pitch that glides.</b> A voice's partials are never still: vibrato of 4-7 Hz with an
 *       extent of 0.5-1 semitone (Sundberg 1987, <i>The Science of the Singing Voice</i>; Prame
 *       1994, JASA 96) and glides between notes; keyboards, plucked and struck strings and most
 *       synths hold theirs. {@link PartialTracker} follows the partials of the short frames in
 *       {@value #TONAL_LO_HZ}-{@value #TONAL_HI_HZ} Hz (the 2nd to 10th partials of a voice with its
 *       fundamental in the singing range): at least {@value #MIN_GLIDE} of their power must glide.
 *       After the vibrato-based detection of Regnier and Peeters ("Singing voice detection in music
 *       tracks using direct voice vibrato detection", ICASSP 2009) and the fluctogram of Lehner,
 *       Widmer and Sonnleitner ("On the reduction of false positives in singing voice detection",
 *       ICASSP 2014).</li>
 *   <li><b>Syllabic.</b> Words switch the 1-4 kHz band (formants, consonants) on and off at the
 *       syllable rate: its level in the short frames moves by at least {@value #MIN_DEPTH_DB} dB
 *       (standard deviation) with at least {@value #MIN_SYLLABIC} of its 0.75-20 Hz modulation
 *       power at 3-8 Hz (the 4 Hz modulation of speech: Houtgast and Steeneken, the speech
 *       transmission index, IEC 60268-16; Scheirer and Slaney, "Construction and evaluation of a
 *       robust multifeature speech/music discriminator", ICASSP 1997). A held pad or a bowed line
 *       moves more slowly.</li>
 * </ol>
 *
 * <p>Input: the frames of the long {@link Stft} (every channel; the first two are taken as left
 * and right, a mono file is all centre) and of the short mono one, the same frames the spectrum
 * and the sibilance meter read. Output: {@link LeadVocal}: the share of the music's windows
 * (silent ones, mid level more than {@value #SILENCE_DB} dB under the loudest window's, left out)
 * that are voiced, and whether it reaches {@value #MIN_SHARE}. Cost: a pass over the tracked bins
 * of each short frame and a small DFT per window, about 1 % of a check (docs/findings.md); memory: the
 * frames are summed into their window as they come (the syllabic modulation from a ring of the last
 * {@value #MODULATION_FRAMES} short frames), leaving five floats per one-second window.
 *
 * <p>Parameters: the constants below, set between synthesized voices and instruments and checked
 * on the 147 instrumental game tracks of the real-music bench (docs/findings.md, "Lead vocal",
 * for the measured accuracy and the limits).
 */
public final class LeadVocalDetector {
    // Parameters: set between synthesized voices and instruments (LeadVocalDetectorTest) and
    // checked on the 147 instrumental tracks of the real-music bench (docs/findings.md, "Lead vocal").
    /** s: the window that is voiced or not (whole long frames: 6 of 170 ms at 48 kHz). */
    static final double WINDOW_S = 1.0;
    /** Hz: the band of the centre test, the voice's fundamentals and formants up to the presence region. */
    static final double CENTRE_LO_HZ = 200, CENTRE_HI_HZ = 4000;
    /** Share of mid power in mid plus side, 0-1: at least this is "in the centre" (test voices panned and not). */
    static final double MIN_CENTRE = 0.75;
    /** Hz: the partials tracked, the 2nd to 10th of a voice with its fundamental in the singing range. */
    static final double TONAL_LO_HZ = 500, TONAL_HI_HZ = 3500;
    /** Share of the tracked partials' power that glides, 0-1: at least this for a voice (test voices against keyboards and synths). */
    static final double MIN_GLIDE = 0.2;
    /** Hz: the formant and consonant band whose level words switch on and off (short frames). */
    static final double BODY_LO_HZ = 1000, BODY_HI_HZ = 4000;
    /** Hz: the modulation range looked at, and within it the syllable rate (the 4 Hz of speech: IEC 60268-16; Scheirer and Slaney 1997). */
    static final double MODULATION_LO_HZ = 0.75, MODULATION_HI_HZ = 20, SYLLABLE_LO_HZ = 3, SYLLABLE_HI_HZ = 8;
    /** Share of the modulation power at the syllable rate, 0-1: at least this is syllabic. */
    static final double MIN_SYLLABIC = 0.4;
    /** dB, standard deviation of the body band's level: less is a level that hardly moves (a held pad). */
    static final double MIN_DEPTH_DB = 3;
    /** dB under the window's mean: the body level's dips count no deeper (the silence between words). */
    static final double DIP_FLOOR_DB = -30;
    /** dB under the loudest window's mid level: quieter windows are not music and are left out. */
    static final double SILENCE_DB = -35;
    /** Share of the music's windows that are voiced, 0-1: from this on the mix has a lead vocal (a vote, not the time sung). */
    static final double MIN_SHARE = 0.25;
    /** Short frames of the syllabic modulation's DFT: 2.7 s at 21 ms, a few phrases of syllables. */
    static final int MODULATION_FRAMES = 128;

    private final double longFrameS, shortFrameS;
    private final int centreLo, centreHi, bodyLo, bodyHi;
    private final boolean stereo;

    // Per window: mid power and side power in 200 Hz-4 kHz, summed over its long frames.
    private final int perWindow;
    private final WindowValues midSum = new WindowValues(), sideSum = new WindowValues();
    private int longCount;
    // Per window from the short frames: the power of the partials that glide and of those that stay
    // put, and the syllabic share of the 1-4 kHz level's modulation around the window's centre.
    private final WindowValues glidingSum = new WindowValues(), holdingSum = new WindowValues(), syllabic = new WindowValues();
    private LeadVocal decision;
    private final float[] bodyRing = new float[2 * MODULATION_FRAMES];   // the last short frames' 1-4 kHz level, dB
    private int shortCount;
    private int shortWindow;            // the window the next short frame falls in
    private long shortWindowEnd;        // its first short frame after it
    private int syllabicDone;           // windows whose syllabic share is worked out
    private double tailSyllabic;        // the share for windows centred too near the end (the last 128 frames)
    private final PartialTracker partials;

    private final Stft.Listener longListener = new Stft.Listener() {
        @Override public void frame(float[][] spectra, long startFrame, int validFrames) { longFrame(spectra); }
        @Override public void finish() { }
    };
    private final Stft.Listener shortListener = new Stft.Listener() {
        @Override public void frame(float[][] spectra, long startFrame, int validFrames) { shortFrame(spectra[0]); }
        @Override public void finish() { finishShort(); }
    };

    /**
     * @param longStft  the long-term STFT of every channel (the one the spectrum listens to)
     * @param shortStft the short mono STFT (the one the sibilance meter listens to)
     */
    public LeadVocalDetector(StreamInfo info, Stft longStft, Stft shortStft) {
        double rate = info.sampleRate();
        longFrameS = longStft.size() / rate;
        shortFrameS = shortStft.size() / rate;
        double longBinHz = longStft.binHz();
        int nyquistBin = longStft.size() / 2 - 1;
        centreLo = (int) Math.ceil(CENTRE_LO_HZ / longBinHz);
        centreHi = Math.min(nyquistBin, (int) Math.floor(CENTRE_HI_HZ / longBinHz));
        bodyLo = (int) Math.ceil(BODY_LO_HZ / shortStft.binHz());
        bodyHi = Math.min(shortStft.size() / 2 - 1, (int) Math.floor(BODY_HI_HZ / shortStft.binHz()));
        stereo = info.channels() >= 2;
        perWindow = Math.max(1, (int) Math.round(WINDOW_S / longFrameS));
        shortWindowEnd = shortFrameOf(1);
        partials = new PartialTracker((int) Math.ceil(TONAL_LO_HZ / shortStft.binHz()),
                Math.min(shortStft.size() / 2 - 2, (int) Math.floor(TONAL_HI_HZ / shortStft.binHz())));
    }

    /** Listens to the long STFT: add with {@code longStft.addListener(detector.longListener())}. */
    public Stft.Listener longListener() { return longListener; }

    /** Listens to the short mono STFT. */
    public Stft.Listener shortListener() { return shortListener; }

    private void longFrame(float[][] spectra) {
        float[] l = spectra[0], r = stereo ? spectra[1] : spectra[0];
        double pm = 0, ps = 0;
        for (int k = centreLo; k <= centreHi; k++) {
            double mr = l[2 * k] + r[2 * k], mi = l[2 * k + 1] + r[2 * k + 1];
            double sr = l[2 * k] - r[2 * k], si = l[2 * k + 1] - r[2 * k + 1];
            pm += (mr * mr + mi * mi) / 4;
            ps += (sr * sr + si * si) / 4;
        }
        int w = longCount / perWindow;
        midSum.add(w, (float) pm);
        sideSum.add(w, (float) ps);
        longCount++;
    }

    /** The first short frame of window w: where its time, w windows of long frames, falls in short frames. */
    private long shortFrameOf(int w) {
        return Math.round(w * perWindow * longFrameS / shortFrameS);
    }

    private void shortFrame(float[] spectrum) {
        float body = (float) (10 * Math.log10(Stft.bandPower(spectrum, bodyLo, bodyHi) + 1e-20));
        partials.frame(spectrum);
        while (shortCount >= shortWindowEnd) shortWindowEnd = shortFrameOf(++shortWindow + 1);
        glidingSum.add(shortWindow, (float) partials.gliding());
        holdingSum.add(shortWindow, (float) partials.holding());
        bodyRing[shortCount % bodyRing.length] = body;
        shortCount++;
        // A window's syllabic share reads the 128 short frames around its centre: once they are all in.
        while (true) {
            int start = Math.max(0, centreFrame(syllabicDone) - MODULATION_FRAMES / 2);
            if (start + MODULATION_FRAMES > shortCount) break;
            syllabic.add(syllabicDone++, (float) syllabic(start));
        }
    }

    private int centreFrame(int w) {
        return (int) Math.round((w + 0.5) * perWindow * longFrameS / shortFrameS);
    }

    /** Windows centred within 64 frames of the end read the last 128 frames (none when there are fewer). */
    private void finishShort() {
        tailSyllabic = shortCount < MODULATION_FRAMES ? 0 : syllabic(shortCount - MODULATION_FRAMES);
    }

    /**
     * The decision; call after both STFTs have finished (after the pipeline's pass). The first call
     * decides and lets go of the windows (a long file's spill file among them); later calls return
     * the same decision.
     */
    public LeadVocal result() {
        if (decision == null) {
            try {
                decision = decide();
            } finally {
                for (WindowValues v : List.of(midSum, sideSum, glidingSum, holdingSum, syllabic)) v.close();
            }
        }
        return decision;
    }

    private LeadVocal decide() {
        int windows = longCount / perWindow;
        if (windows == 0) return LeadVocal.detected(0, 0, WINDOW_S, new float[0]);
        double loudest = 0;
        for (int w = 0; w < windows; w++) loudest = Math.max(loudest, midSum.get(w));
        float[] score = new float[windows];
        int music = 0, voiced = 0;
        double gate = loudest * Math.pow(10, SILENCE_DB / 10);
        for (int w = 0; w < windows; w++) {
            double m = midSum.get(w), s = sideSum.get(w);
            if (loudest <= 0 || m < gate) {
                score[w] = Float.NaN;
                continue;
            }
            music++;
            double fromS = w * perWindow * longFrameS;
            double centreShare = m / (m + s);
            double g = glidingSum.get(w), h = holdingSum.get(w);
            double glide = g + h > 0 ? g / (g + h) : 0;
            double syllabicShare = w < syllabicDone ? syllabic.get(w) : tailSyllabic;
            boolean voice = centreShare >= MIN_CENTRE && glide >= MIN_GLIDE && syllabicShare >= MIN_SYLLABIC;
            score[w] = voice ? 1 : 0;
            if (voice) voiced++;
            if (DEBUG) System.err.printf(java.util.Locale.ROOT, "%6.1f centre %.2f glide %.2f syll %.2f %s%n",
                    fromS, centreShare, glide, syllabicShare, voice ? "VOICE" : "");
        }
        return LeadVocal.detected(music, voiced, perWindow * longFrameS, score);
    }

    /**
     * One float per window, summed into as frames come, the windows in order; 0 for a window nothing
     * was added to. Windows done go to a {@link SpillingSeries}: in the heap for the first 68 minutes,
     * then to a temporary file, so that a day-long file keeps no more in the heap than an hour
     * (issue 10; each value reads back exactly as added).
     */
    static final class WindowValues {
        private static final int CHUNK = 256, MEMORY_CHUNKS = 16;
        private final SpillingSeries done = new SpillingSeries(CHUNK, MEMORY_CHUNKS);
        private int window;
        private float sum;

        /** @param w the window, never before the last call's */
        void add(int w, float x) {
            while (window < w) {
                done.add(sum);
                sum = 0;
                window++;
            }
            sum += x;
        }

        float get(int w) {
            return w < done.size() ? (float) done.get(w) : w == window ? sum : 0;
        }

        void close() {
            done.close();
        }
    }

    /** Prints each window's features to stderr (-Dsignoff.vocal.debug=true), for tuning on real music. */
    static final boolean DEBUG = Boolean.getBoolean("signoff.vocal.debug");

    /**
     * The share of the 1-4 kHz level's modulation (0.75-20 Hz) that lies at the syllable rate
     * (3-8 Hz), over the {@value #MODULATION_FRAMES} short frames from {@code start} (a window
     * widened to that many frames around its centre); 0 when the level hardly moves (less than
     * {@value #MIN_DEPTH_DB} dB standard deviation).
     */
    private double syllabic(int start) {
        double mean = 0;
        for (int i = 0; i < MODULATION_FRAMES; i++) mean += bodyRing[(start + i) % bodyRing.length];
        mean /= MODULATION_FRAMES;
        double var = 0;
        double[] x = new double[MODULATION_FRAMES];
        for (int i = 0; i < MODULATION_FRAMES; i++) {
            double d = Math.max(bodyRing[(start + i) % bodyRing.length] - mean, DIP_FLOOR_DB);
            var += d * d;
            x[i] = d * (0.5 - 0.5 * COS[i]);
        }
        if (Math.sqrt(var / MODULATION_FRAMES) < MIN_DEPTH_DB) return 0;
        double rate = 1 / shortFrameS, binHz = rate / MODULATION_FRAMES;
        double syllable = 0, all = 0;
        for (int b = 1; b < MODULATION_FRAMES / 2; b++) {
            double hz = b * binHz;
            if (hz < MODULATION_LO_HZ || hz > MODULATION_HI_HZ) continue;
            double re = 0, im = 0;
            for (int i = 0; i < MODULATION_FRAMES; i++) {
                int a = (b * i) % MODULATION_FRAMES;
                re += x[i] * COS[a];
                im -= x[i] * SIN[a];
            }
            double p = re * re + im * im;
            all += p;
            if (hz >= SYLLABLE_LO_HZ && hz <= SYLLABLE_HI_HZ) syllable += p;
        }
        return all > 0 ? syllable / all : 0;
    }

    private static final double[] COS = new double[MODULATION_FRAMES], SIN = new double[MODULATION_FRAMES];
    static {
        for (int i = 0; i < MODULATION_FRAMES; i++) {
            COS[i] = Math.cos(2 * Math.PI * i / MODULATION_FRAMES);
            SIN[i] = Math.sin(2 * Math.PI * i / MODULATION_FRAMES);
        }
    }
}

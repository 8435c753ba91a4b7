package dev.signoff.analysis.vocal;

import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;

import java.util.Arrays;

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
 * of each short frame and a small DFT per window, about 1 % of a check (docs/findings.md); memory: three floats
 * per short frame (about 2 MB an hour).
 *
 * <p>Parameters: the constants below, set between synthesized voices and instruments and checked
 * on the 147 instrumental game tracks of the real-music bench (docs/findings.md, "Lead vocal",
 * for the measured accuracy and the limits).
 */
public final class LeadVocalDetector {
    static final double WINDOW_S = 1.0;
    static final double MIN_CENTRE = 0.75;
    static final double TONAL_LO_HZ = 500, TONAL_HI_HZ = 3500;
    static final double MIN_GLIDE = 0.2;
    static final double MIN_SYLLABIC = 0.4;
    static final double MIN_DEPTH_DB = 3;
    static final double SILENCE_DB = -35;
    static final double MIN_SHARE = 0.25;

    private final double longFrameS, shortFrameS;
    private final int centreLo, centreHi, bodyLo, bodyHi;
    private final boolean stereo;

    // Per long frame: mid power and side power in 200 Hz-4 kHz.
    private float[] mid = new float[256], side = new float[256];
    private int longCount;
    // Per short frame: the 1-4 kHz level (dB), and the power of the partials that glide and of those that stay put.
    private float[] body = new float[2048], gliding = new float[2048], holding = new float[2048];
    private int shortCount;
    private final PartialTracker partials;

    private final Stft.Listener longListener = new Stft.Listener() {
        @Override public void frame(float[][] spectra, long startFrame, int validFrames) { longFrame(spectra); }
        @Override public void finish() { }
    };
    private final Stft.Listener shortListener = new Stft.Listener() {
        @Override public void frame(float[][] spectra, long startFrame, int validFrames) { shortFrame(spectra[0]); }
        @Override public void finish() { }
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
        centreLo = (int) Math.ceil(200 / longBinHz);
        centreHi = Math.min(nyquistBin, (int) Math.floor(4000 / longBinHz));
        bodyLo = (int) Math.ceil(1000 / shortStft.binHz());
        bodyHi = Math.min(shortStft.size() / 2 - 1, (int) Math.floor(4000 / shortStft.binHz()));
        stereo = info.channels() >= 2;
        partials = new PartialTracker((int) Math.ceil(TONAL_LO_HZ / shortStft.binHz()),
                Math.min(shortStft.size() / 2 - 2, (int) Math.floor(TONAL_HI_HZ / shortStft.binHz())));
    }

    /** Listens to the long STFT: add with {@code longStft.addListener(detector.longListener())}. */
    public Stft.Listener longListener() { return longListener; }

    /** Listens to the short mono STFT. */
    public Stft.Listener shortListener() { return shortListener; }

    private void longFrame(float[][] spectra) {
        if (longCount == mid.length) {
            mid = Arrays.copyOf(mid, longCount * 2);
            side = Arrays.copyOf(side, longCount * 2);
        }
        float[] l = spectra[0], r = stereo ? spectra[1] : spectra[0];
        double pm = 0, ps = 0;
        for (int k = centreLo; k <= centreHi; k++) {
            double mr = l[2 * k] + r[2 * k], mi = l[2 * k + 1] + r[2 * k + 1];
            double sr = l[2 * k] - r[2 * k], si = l[2 * k + 1] - r[2 * k + 1];
            pm += (mr * mr + mi * mi) / 4;
            ps += (sr * sr + si * si) / 4;
        }
        mid[longCount] = (float) pm;
        side[longCount] = (float) ps;
        longCount++;
    }

    private void shortFrame(float[] spectrum) {
        if (shortCount == body.length) {
            body = Arrays.copyOf(body, shortCount * 2);
            gliding = Arrays.copyOf(gliding, shortCount * 2);
            holding = Arrays.copyOf(holding, shortCount * 2);
        }
        body[shortCount] = (float) (10 * Math.log10(Stft.bandPower(spectrum, bodyLo, bodyHi) + 1e-20));
        partials.frame(spectrum);
        gliding[shortCount] = (float) partials.gliding();
        holding[shortCount] = (float) partials.holding();
        shortCount++;
    }

    /** The decision; call after both STFTs have finished (after the pipeline's pass). */
    public LeadVocal result() {
        int perWindow = Math.max(1, (int) Math.round(WINDOW_S / longFrameS));
        int windows = longCount / perWindow;
        if (windows == 0) return LeadVocal.detected(0, 0, WINDOW_S, new float[0]);
        double[] level = new double[windows];
        double loudest = 0;
        for (int w = 0; w < windows; w++) {
            for (int i = w * perWindow; i < (w + 1) * perWindow; i++) level[w] += mid[i];
            loudest = Math.max(loudest, level[w]);
        }
        float[] score = new float[windows];
        int music = 0, voiced = 0;
        double gate = loudest * Math.pow(10, SILENCE_DB / 10);
        for (int w = 0; w < windows; w++) {
            if (loudest <= 0 || level[w] < gate) {
                score[w] = Float.NaN;
                continue;
            }
            music++;
            double m = 0, s = 0;
            for (int i = w * perWindow; i < (w + 1) * perWindow; i++) {
                m += mid[i];
                s += side[i];
            }
            double fromS = w * perWindow * longFrameS, toS = (w + 1) * perWindow * longFrameS;
            double centreShare = m / (m + s);
            double glide = glide(fromS, toS);
            double syllabic = syllabic(fromS, toS);
            boolean voice = centreShare >= MIN_CENTRE && glide >= MIN_GLIDE && syllabic >= MIN_SYLLABIC;
            score[w] = voice ? 1 : 0;
            if (voice) voiced++;
            if (DEBUG) System.err.printf(java.util.Locale.ROOT, "%6.1f centre %.2f glide %.2f syll %.2f %s%n",
                    fromS, centreShare, glide, syllabic, voice ? "VOICE" : "");
        }
        return LeadVocal.detected(music, voiced, perWindow * longFrameS, score);
    }

    /** The gliding partials' share of the power of all partials followed over the window's short frames. */
    private double glide(double fromS, double toS) {
        int from = (int) Math.round(fromS / shortFrameS), to = Math.min(shortCount, (int) Math.round(toS / shortFrameS));
        double g = 0, h = 0;
        for (int i = from; i < to; i++) {
            g += gliding[i];
            h += holding[i];
        }
        return g + h > 0 ? g / (g + h) : 0;
    }

    /** Prints each window's features to stderr (-Dsignoff.vocal.debug=true), for tuning on real music. */
    static final boolean DEBUG = Boolean.getBoolean("signoff.vocal.debug");

    /**
     * The share of the 1-4 kHz level's modulation (0.75-20 Hz) that lies at the syllable rate
     * (3-8 Hz), over the short frames of a window widened to {@value #MODULATION_FRAMES} frames; 0
     * when the level hardly moves (less than {@value #MIN_DEPTH_DB} dB standard deviation).
     */
    private double syllabic(double fromS, double toS) {
        double centreS = (fromS + toS) / 2;
        int centreFrame = (int) Math.round(centreS / shortFrameS);
        if (shortCount < MODULATION_FRAMES) return 0;
        int start = Math.max(0, Math.min(shortCount - MODULATION_FRAMES, centreFrame - MODULATION_FRAMES / 2));
        double mean = 0;
        for (int i = 0; i < MODULATION_FRAMES; i++) mean += body[start + i];
        mean /= MODULATION_FRAMES;
        double var = 0;
        double[] x = new double[MODULATION_FRAMES];
        for (int i = 0; i < MODULATION_FRAMES; i++) {
            double d = Math.max(body[start + i] - mean, -30);   // silence between words is not deeper than this
            var += d * d;
            x[i] = d * (0.5 - 0.5 * COS[i]);
        }
        if (Math.sqrt(var / MODULATION_FRAMES) < MIN_DEPTH_DB) return 0;
        double rate = 1 / shortFrameS, binHz = rate / MODULATION_FRAMES;
        double syllable = 0, all = 0;
        for (int b = 1; b < MODULATION_FRAMES / 2; b++) {
            double hz = b * binHz;
            if (hz < 0.75 || hz > 20) continue;
            double re = 0, im = 0;
            for (int i = 0; i < MODULATION_FRAMES; i++) {
                int a = (b * i) % MODULATION_FRAMES;
                re += x[i] * COS[a];
                im -= x[i] * SIN[a];
            }
            double p = re * re + im * im;
            all += p;
            if (hz >= 3 && hz <= 8) syllable += p;
        }
        return all > 0 ? syllable / all : 0;
    }

    static final int MODULATION_FRAMES = 128;
    private static final double[] COS = new double[MODULATION_FRAMES], SIN = new double[MODULATION_FRAMES];
    static {
        for (int i = 0; i < MODULATION_FRAMES; i++) {
            COS[i] = Math.cos(2 * Math.PI * i / MODULATION_FRAMES);
            SIN[i] = Math.sin(2 * Math.PI * i / MODULATION_FRAMES);
        }
    }
}

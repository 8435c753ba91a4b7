package dev.signoff.analysis.devices;

import dev.signoff.analysis.spectrum.Stft;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows the bass line of a mix and measures its partials: for each frame of the long-term
 * {@link Stft} (about 170 ms, 5.9 Hz bins at 48 kHz), the bass note's fundamental and how far each
 * of its first {@value #PARTIALS} partials stands out of the rest of the mix around it. From these
 * {@link LowEndTranslation} works out, per section and device, which of the bass's partials the
 * device still plays (BASS_LOST). A small speaker makes a bass audible through its harmonics: the
 * ear hears the pitch of the missing fundamental from partials 2-5 and above (the "missing
 * fundamental", Schouten's residue pitch), so what matters is whether partials of the bass lie
 * where the device plays.
 *
 * <p>Input: every frame's spectra. Two views of each frame are measured: the mono fold-down
 * (channels summed, as mono devices play it) and the channels one by one (as stereo devices and
 * monitors play them: a partial counts in the channel where it stands out most), so that a bass
 * that differs between the channels is judged on each kind of device as it would sound there.
 *
 * <p>Method, per frame and view:
 * <ul>
 *   <li>Fundamental (in each view, each channel on its own): the candidate from
 *       {@value #F0_LO_HZ} to {@value #F0_HI_HZ} Hz (quarter-bin steps) with the largest harmonic
 *       sum, partials 1-{@value #SALIENCE_PARTIALS} weighted 1/h (subharmonic summation, Hermes
 *       1988), each partial the 3-bin power around the strongest bin within one bin of
 *       h&middot;f0; refined by parabolic interpolation of the log power around the fundamental's
 *       peak.</li>
 *   <li>Partial h = 1..{@value #PARTIALS}: its power (3 bins around the strongest bin within one bin
 *       of h&middot;f0), and its ratio to the rest of the power within one equivalent rectangular
 *       bandwidth around it (ERB = 24.7 (4.37 f/kHz + 1) Hz, Glasberg &amp; Moore 1990; at least 3
 *       bins): the partial's signal-to-masker ratio in its auditory filter.</li>
 *   <li>The frame's total power, for telling a bass from a faint low rumble.</li>
 * </ul>
 *
 * <p>Output: {@link BassFrames}. Memory: about 64 numbers per frame (6 MB per hour).
 */
public final class BassLineMeter implements Stft.Listener {
    static final int PARTIALS = 10;
    static final double F0_LO_HZ = 40, F0_HI_HZ = 120;
    static final int SALIENCE_PARTIALS = 5;

    /**
     * One view of the bass line (mono fold-down or channels), frame by frame.
     *
     * @param totalPower   each frame's power (mean square)
     * @param partialHz    [frame][h-1]: where partial h lies (its peak bin)
     * @param partialPower [frame][h-1]: its power (mean square)
     * @param partialSmrDb [frame][h-1]: its power against the rest of its ERB, dB
     */
    public record View(double[] totalPower, float[][] partialHz, float[][] partialPower, float[][] partialSmrDb) {}

    /**
     * The bass line, frame by frame.
     *
     * @param timeS   each frame's centre
     * @param f0Hz    the fundamental found in each frame (in the mono fold-down)
     * @param mono    the mono fold-down: total power, [frame][h-1] power of partial h (mean square), its SMR in dB
     * @param stereo  the channels: their mean total power, and each partial's power and SMR in the channel where
     *                it stands out most (the same as {@code mono} for a mono file)
     */
    public record BassFrames(double[] timeS, double[] f0Hz, View mono, View stereo) {
        public int frames() { return timeS.length; }

        /** The view a device hears: the fold-down for mono devices, the channels for stereo ones (and monitors). */
        public View view(boolean monoDevice) { return monoDevice ? mono : stereo; }
    }

    private final double binHz, monoScale, channelScale, sampleRate, powerScale;
    private final int size, topBin, channels;
    private final float[] mono;
    private final float[][] perChannel;
    private final List<double[]> meta = new ArrayList<>();   // {time, f0, mono total, stereo total}
    private final List<float[][]> monoPartials = new ArrayList<>(), stereoPartials = new ArrayList<>();
    private BassFrames result;

    public BassLineMeter(double sampleRate, int channels, Stft stft) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.size = stft.size();
        this.binHz = stft.binHz();
        // |sum of channels / channels|^2: the mono fold-down; mean of |channel|^2: the channels' mean power.
        this.monoScale = stft.powerScale() / ((double) channels * channels);
        this.channelScale = stft.powerScale() / channels;
        this.powerScale = stft.powerScale();
        double top = F0_HI_HZ * (PARTIALS + 1) + 200;
        this.topBin = (int) Math.min(size / 2 - 2, Math.ceil(top / binHz));
        this.mono = new float[topBin + 2];
        this.perChannel = new float[channels][topBin + 2];
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        double monoTotal = 0, stereoTotal = 0;
        for (int k = 1; k < size / 2; k++) {
            double re = 0, im = 0, each = 0;
            for (int c = 0; c < spectra.length; c++) {
                float r = spectra[c][2 * k], i = spectra[c][2 * k + 1];
                re += r;
                im += i;
                double p = r * r + i * i;
                each += p;
                if (k <= topBin + 1) perChannel[c][k] = (float) (p * powerScale);
            }
            double m = (re * re + im * im) * monoScale;
            monoTotal += m;
            stereoTotal += each * channelScale;
            if (k <= topBin + 1) mono[k] = (float) m;
        }
        double f0 = fundamental(mono);
        float[][] pm = partials(mono, f0), ps = pm;
        if (channels > 1) {
            // Each channel's speaker plays its own partials (a bass may differ between them): each
            // channel's own fundamental, and a partial counts in the channel where it stands out most.
            ps = null;
            for (int c = 0; c < channels; c++) {
                float[][] pc = partials(perChannel[c], fundamental(perChannel[c]));
                if (ps == null) {
                    ps = pc;
                    continue;
                }
                for (int h = 0; h < PARTIALS; h++) {
                    if (pc[2][h] > ps[2][h]) {
                        ps[0][h] = pc[0][h];
                        ps[1][h] = pc[1][h];
                        ps[2][h] = pc[2][h];
                    }
                }
            }
        }
        meta.add(new double[]{(startFrame + size / 2.0) / sampleRate, f0, monoTotal, channels == 1 ? monoTotal : stereoTotal});
        monoPartials.add(pm);
        stereoPartials.add(ps);
    }

    /** {frequency, power, SMR in dB} of each partial, for one view of the frame. */
    private float[][] partials(float[] spectrum, double f0) {
        float[] hz = new float[PARTIALS], p = new float[PARTIALS], smr = new float[PARTIALS];
        for (int h = 1; h <= PARTIALS; h++) {
            double f = h * f0;
            int peak = peakBin(spectrum, f);
            double power = peakPower(spectrum, peak);
            double half = Math.max(erb(f), 3 * binHz) / 2;
            int lo = Math.max(1, (int) Math.floor((f - half) / binHz)), hi = Math.min(topBin + 1, (int) Math.ceil((f + half) / binHz));
            double band = 0;
            for (int k = lo; k <= hi; k++) band += spectrum[k];
            double rest = Math.max(band - power, 1e-30);
            hz[h - 1] = (float) (peak * binHz);
            p[h - 1] = (float) power;
            smr[h - 1] = (float) (power > 0 ? 10 * Math.log10(power / rest) : -300);
        }
        return new float[][]{hz, p, smr};
    }

    static double erb(double hz) {
        return 24.7 * (4.37 * hz / 1000 + 1);
    }

    /** The strongest bin within one bin of frequency f. */
    private int peakBin(float[] s, double f) {
        int k = (int) Math.round(f / binHz);
        k = Math.max(2, Math.min(topBin, k));
        int best = k;
        if (s[k - 1] > s[best]) best = k - 1;
        if (s[k + 1] > s[best]) best = k + 1;
        return best;
    }

    private double peakPower(float[] s, int k) {
        return s[k - 1] + s[k] + (k + 1 <= topBin + 1 ? s[k + 1] : 0);
    }

    private double fundamental(float[] spectrum) {
        float[] mono = spectrum;
        double best = -1, bestF = F0_LO_HZ;
        for (double c = F0_LO_HZ; c <= F0_HI_HZ; c += binHz / 4) {
            double v = 0;
            for (int h = 1; h <= SALIENCE_PARTIALS; h++) v += peakPower(mono, peakBin(mono, h * c)) / h;
            if (v > best) {
                best = v;
                bestF = c;
            }
        }
        int j = peakBin(mono, bestF);
        double a = Math.log(mono[j - 1] + 1e-30), b = Math.log(mono[j] + 1e-30), c = Math.log(mono[j + 1] + 1e-30);
        double d = a - 2 * b + c;
        double offset = d < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d)) : 0;
        double refined = (j + offset) * binHz;
        // Keep the harmonic-sum estimate when the fundamental's bin is not a peak (weak fundamental).
        return Math.abs(refined - bestF) <= binHz ? refined : bestF;
    }

    @Override
    public void finish() {
        int n = meta.size();
        double[] t = new double[n], f0 = new double[n], monoTotal = new double[n], stereoTotal = new double[n];
        for (int i = 0; i < n; i++) {
            double[] m = meta.get(i);
            t[i] = m[0];
            f0[i] = m[1];
            monoTotal[i] = m[2];
            stereoTotal[i] = m[3];
        }
        View monoView = view(monoTotal, monoPartials), stereoView = view(stereoTotal, stereoPartials);
        result = new BassFrames(t, f0, monoView, stereoView);
        meta.clear();
        monoPartials.clear();
        stereoPartials.clear();
    }

    private static View view(double[] total, List<float[][]> frames) {
        int n = frames.size();
        float[][] hz = new float[n][], p = new float[n][], smr = new float[n][];
        for (int i = 0; i < n; i++) {
            hz[i] = frames.get(i)[0];
            p[i] = frames.get(i)[1];
            smr[i] = frames.get(i)[2];
        }
        return new View(total, hz, p, smr);
    }

    public BassFrames result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}

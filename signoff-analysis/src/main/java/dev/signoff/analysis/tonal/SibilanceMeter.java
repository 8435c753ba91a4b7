package dev.signoff.analysis.tonal;

import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.Arrays;

/**
 * Sibilance: how far the "s" and "t" bursts (5-10 kHz) stick out over the 1-4 kHz body of the
 * mix at the moment they happen. A long-term spectrum cannot see this: the bursts last 50-100 ms
 * and hardly move the average, yet they are what a listener hears as spitty or sharp.
 *
 * <p>Input: the spectra of a mono {@link Stft} (every channel summed: sibilance sits in the centre
 * with the vocal) of consecutive Hann-windowed frames of about {@value #WINDOW_S} s (the power of
 * two nearest to it: 1024 samples at 44.1 and 48 kHz), the time scale of a de-esser's detector.
 * The power of the FFT bins in 5-10 kHz and in 1-4 kHz gives the two band energies of each frame.
 *
 * <p>Output: {@link SibilanceResult}: per frame, the sibilance band's level relative to the
 * body band in the same frame (dB), left out (NaN) when the body is more than
 * {@value #BODY_GATE_DB} dB below its long-term average (silence, the space before the music),
 * and the {@value #PERCENTILE}th percentile of those ratios: the level of the loudest 2 % of
 * moments, which is where the bursts live.
 *
 * <p>Memory independent of the file's length: the frames' two energies are kept for up to
 * {@value #FRAMES} frames (11.6 minutes at 48 kHz, 12.7 at 44.1 kHz, 0.25 MB); beyond, one of each pair of kept frames, and
 * one of every two new ones, then of every four, and so on, drawn at random within each group (as
 * in the drum meter's {@code BoundedSample}: every second frame would alias with a song's
 * loops): an even sample of the whole file, from which the percentile is taken
 * ({@link SibilanceResult#windowS} is then the step between the kept frames, each standing for its
 * group). The gate's average is over every frame.
 *
 * <p>Parameters: at sample rates below 22 kHz the 5-10 kHz band does not exist and the result
 * is empty (NaN).
 */
public final class SibilanceMeter implements Stft.Listener {
    // Parameters (docs/findings.md, "Tonal balance": why a moment and not an average).
    /** s: the frame, about a de-esser detector's time (the nearest power of two of samples). */
    static final double WINDOW_S = 0.02;
    /** dB under the body band's long-term average: quieter frames are not music playing. */
    static final double BODY_GATE_DB = -15;
    /** Percentile of the frames' ratios: the loudest 2 % of moments, where "s" bursts live. */
    static final double PERCENTILE = 98;
    /**
     * Frames kept at most (about 12 minutes, longer than a song), then an even sample: a limit
     * reached early keeps a long file's heap near a song's (docs/performance.md, "Memory against length").
     */
    static final int FRAMES = 1 << 15;
    /** Hz: the "s" and "t" band, where a de-esser listens. */
    static final double SIBILANT_LO_HZ = 5000, SIBILANT_HI_HZ = 10_000;
    /** Hz: the body of the mix the bursts are set against (vocal formants, the presence region). */
    static final double BODY_LO_HZ = 1000, BODY_HI_HZ = 4000;
    /** Hz: at lower sample rates the sibilant band does not fit under Nyquist, and the result is NaN. */
    static final double MIN_SAMPLE_RATE_HZ = 22_000;

    private final boolean measurable;
    private final double frameS;
    private final int sibLo, sibHi, bodyLo, bodyHi;
    private float[] sibEnergy = new float[1024], bodyEnergy = new float[1024];
    private int count;
    private long seen;      // frames measured, kept or not
    private int stride = 1; // one frame kept in this many
    private int pick;       // which one, in the current group
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    private double bodyTotal;
    private SibilanceResult result;

    /** @param shortStft a mono STFT with frames of about {@value #WINDOW_S} s ({@link #shortStft}) */
    public SibilanceMeter(StreamInfo info, Stft shortStft) {
        double rate = info.sampleRate();
        measurable = rate >= MIN_SAMPLE_RATE_HZ;
        frameS = shortStft.size() / rate;
        double binHz = shortStft.binHz();
        sibLo = (int) Math.ceil(SIBILANT_LO_HZ / binHz);
        sibHi = Math.min(shortStft.size() / 2 - 1, (int) Math.floor(SIBILANT_HI_HZ / binHz));
        bodyLo = (int) Math.ceil(BODY_LO_HZ / binHz);
        bodyHi = (int) Math.floor(BODY_HI_HZ / binHz);
    }

    /** The short-frame mono STFT this meter (and the drum-hit meter) listens to. */
    public static Stft shortStft(StreamInfo info) {
        return new Stft(info, Stft.frameSizeFor(info.sampleRate(), WINDOW_S), true);
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        // A last frame that is mostly padding would read quieter than it is.
        if (!measurable || validFrames * 2 < spectra[0].length) return;
        float[] frame = spectra[0];
        float body = (float) Stft.bandPower(frame, bodyLo, bodyHi);
        bodyTotal += body;
        long index = seen++;
        if (index == (long) FRAMES * stride) {
            // Full, with every group complete: one of each pair, and groups twice as long from here.
            for (int i = 0; i < count / 2; i++) {
                int k = 2 * i + (random.nextBoolean() ? 1 : 0);
                sibEnergy[i] = sibEnergy[k];
                bodyEnergy[i] = bodyEnergy[k];
            }
            count /= 2;
            stride *= 2;
        }
        int pos = (int) (index % stride);
        if (pos == 0) pick = stride == 1 ? 0 : random.nextInt(stride);
        if (pos != pick) return;
        if (count == sibEnergy.length) {
            sibEnergy = Arrays.copyOf(sibEnergy, count * 2);
            bodyEnergy = Arrays.copyOf(bodyEnergy, count * 2);
        }
        sibEnergy[count] = (float) Stft.bandPower(frame, sibLo, sibHi);
        bodyEnergy[count] = body;
        count++;
    }


    @Override
    public void finish() {
        if (!measurable) {
            result = new SibilanceResult(frameS, new float[0], Double.NaN);
            return;
        }
        double mean = bodyTotal / Math.max(1, seen);
        double gate = mean * Math.pow(10, BODY_GATE_DB / 10);
        float[] ratio = new float[count];
        double[] kept = new double[count];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (bodyEnergy[i] > 0 && bodyEnergy[i] >= gate) {
                ratio[i] = (float) (10 * Math.log10(Math.max(sibEnergy[i], 1e-20f) / bodyEnergy[i]));
                kept[k++] = ratio[i];
            } else {
                ratio[i] = Float.NaN;
            }
        }
        double p = Double.NaN;
        if (k > 0) {
            Arrays.sort(kept, 0, k);
            p = kept[Math.min(k - 1, (int) Math.floor(PERCENTILE / 100 * k))];
        }
        result = new SibilanceResult(frameS * stride, ratio, p);
        sibEnergy = bodyEnergy = null;
    }

    public SibilanceResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}

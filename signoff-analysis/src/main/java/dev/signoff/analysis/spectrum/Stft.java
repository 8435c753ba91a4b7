package dev.signoff.analysis.spectrum;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import org.jtransforms.fft.FloatFFT_1D;

import java.util.ArrayList;
import java.util.List;

/**
 * The short-time Fourier transform shared by the spectral analysers (the FrameCutter, Windowing
 * and Spectrum chain of Essentia): the stream is cut into consecutive frames of {@link #size()}
 * samples, Hann-windowed and transformed once, and each frame's spectra are handed to every
 * {@link Listener}, so the long-term spectrum and the stereo analysis pay for one FFT per channel
 * per frame between them.
 *
 * <p>Parameters: {@link #LONG_FRAME_S} (the reasons there); frames do not overlap, and a trailing
 * partial frame is zero-padded. A second, mono STFT with short frames (about 20 ms,
 * {@link dev.signoff.analysis.tonal.SibilanceMeter#shortStft}) serves the measures of fast events
 * (sibilance bursts, drum hits).
 *
 * <p>Spectra are in JTransforms' packed real layout: {@code a[0]} = Re(0), {@code a[1]} = Re(N/2),
 * {@code a[2k], a[2k+1]} = Re, Im of bin k.
 */
public final class Stft implements Analyser {
    // Parameters.
    /**
     * s: the long-term frame, as the power of two of samples nearest to it (8192 at 48 kHz: 5.9 Hz
     * bins, fine enough to separate the 1/3-octave bands of IEC 61260-1 down to 31.5 Hz). Frames do
     * not overlap: over a song thousands are averaged, so overlap would double the cost while hardly
     * lowering the variance of the estimate (Welch 1967: the gain from 50 % overlap with a Hann
     * window is below 1 dB of equivalent degrees of freedom once frames number in the hundreds).
     */
    public static final double LONG_FRAME_S = 0.17;

    /** Receives the spectra of each frame, in order. */
    public interface Listener {
        /**
         * @param spectra    packed spectrum of each channel of the stream (do not modify; valid only
         *                   during the call: the next frame is windowed into the same arrays)
         * @param startFrame first sample of the frame
         * @param validFrames samples of real signal in the frame (less than the size only for the last one)
         */
        void frame(float[][] spectra, long startFrame, int validFrames);

        void finish();
    }

    private final int size;
    private final float[] window;
    private final double windowPower;   // sum of w^2
    private final FloatFFT_1D fft;
    /**
     * The frame being filled, then windowed and transformed in place: frames do not overlap, so no
     * other copy of the samples is kept. A mono sum is windowed as it is added up (one pass); the
     * channels are copied as they come and windowed whole, which C1 and C2 both run faster than a
     * loop that multiplies as it copies.
     */
    private final float[][] spectra;
    private final List<Listener> listeners = new ArrayList<>();
    private final double sampleRate;
    private final boolean mono;
    private final int channels;
    private int fill;
    private long frameStart;
    /** The current frame's bin powers summed over the channels, once a listener has asked ({@link #power}). */
    private final float[] power;
    private boolean powerDone;
    private float[] otherPower;

    /** The long-term STFT: every channel, frames of about 170 ms. */
    public Stft(StreamInfo info) {
        this(info, frameSizeFor(info.sampleRate(), LONG_FRAME_S), false);
    }

    /**
     * @param size frame length in samples (a power of two; see {@link #frameSizeFor(int, double)})
     * @param mono true to transform the sum of all channels only (one spectrum per frame), for
     *             measures that concern the centre of the mix (sibilance, drum hits)
     */
    public Stft(StreamInfo info, int size, boolean mono) {
        this.sampleRate = info.sampleRate();
        this.size = size;
        this.mono = mono;
        this.channels = info.channels();
        window = new float[size];
        double wp = 0;
        for (int i = 0; i < size; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
            wp += window[i] * (double) window[i];
        }
        windowPower = wp;
        // One thread: the pipeline already spreads analysers over the cores.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        fft = new FloatFFT_1D(size);
        spectra = new float[mono ? 1 : info.channels()][size];
        power = new float[size / 2];
    }

    /** The power of two nearest to {@code seconds} at {@code sampleRate}. */
    public static int frameSizeFor(int sampleRate, double seconds) {
        double target = Math.max(2, seconds * sampleRate);
        int n = Integer.highestOneBit((int) target);
        return target / n > 1.5 ? n * 2 : n;
    }

    /** Adds a listener; all are added before the first block arrives. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public int size() { return size; }

    /** Sum of |X_k|^2 over bins {@code lo..hi} (inclusive) of a packed spectrum, in the FFT's own units. */
    public static double bandPower(float[] packed, int lo, int hi) {
        double p = 0;
        for (int k = lo; k <= hi; k++) p += packed[2 * k] * packed[2 * k] + packed[2 * k + 1] * packed[2 * k + 1];
        return p;
    }

    /**
     * {@code |X_k|^2} summed over the channels of {@code spectra}, bins k = 1 .. N/2-1 (element 0
     * unused), in float, the channels added in order. For this STFT's own frame it is worked out
     * once and shared by every listener that asks (read only, valid during the frame); for other
     * spectra (a listener's own mix of the channels) it is worked out each call.
     */
    public float[] power(float[][] spectra) {
        if (spectra == this.spectra) {
            if (!powerDone) sumPower(spectra, power);
            powerDone = true;
            return power;
        }
        if (otherPower == null) otherPower = new float[size / 2];
        sumPower(spectra, otherPower);
        return otherPower;
    }

    private static void sumPower(float[][] spectra, float[] power) {
        float[] first = spectra[0];
        for (int k = 1, n = power.length; k < n; k++) {
            float re = first[2 * k], im = first[2 * k + 1];
            power[k] = re * re + im * im;
        }
        for (int c = 1; c < spectra.length; c++) {
            float[] s = spectra[c];
            for (int k = 1, n = power.length; k < n; k++) {
                float re = s[2 * k], im = s[2 * k + 1];
                power[k] += re * re + im * im;
            }
        }
    }

    public double binHz() { return sampleRate / size; }

    /**
     * Scale that turns |X_k|^2 of a one-sided bin into signal power (mean square): 2 / (N * sum w^2).
     * A full-scale sine then reads 0.5 (-3 dBFS) summed over its bins.
     */
    public double powerScale() { return 2.0 / (size * windowPower); }

    /**
     * The share of the window's power that falls on the first {@code validFrames} samples: a
     * zero-padded last frame carries this fraction of a full frame's power, so averages over frames
     * weight it by this much.
     */
    public double windowPowerFraction(int validFrames) {
        if (validFrames >= size) return 1.0;
        double s = 0;
        for (int i = 0; i < validFrames; i++) s += window[i] * (double) window[i];
        return s / windowPower;
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames(), pos = 0;
        while (pos < n) {
            int len = Math.min(n - pos, size - fill);
            if (mono) {
                // The sum of the channels, in channel order, then windowed: the same float operations
                // as summing into a buffer first.
                float[] m = spectra[0], a = block.channel(0);
                if (channels == 1) {
                    for (int i = 0; i < len; i++) m[fill + i] = a[pos + i] * window[fill + i];
                } else if (channels == 2) {
                    float[] b = block.channel(1);
                    for (int i = 0; i < len; i++) m[fill + i] = (a[pos + i] + b[pos + i]) * window[fill + i];
                } else {
                    System.arraycopy(a, pos, m, fill, len);
                    for (int c = 1; c < channels; c++) {
                        float[] ch = block.channel(c);
                        for (int i = 0; i < len; i++) m[fill + i] += ch[pos + i];
                    }
                    for (int i = fill; i < fill + len; i++) m[i] *= window[i];
                }
            } else {
                for (int c = 0; c < spectra.length; c++) System.arraycopy(block.channel(c), pos, spectra[c], fill, len);
            }
            fill += len;
            pos += len;
            if (fill == size) emit(size);
        }
    }

    private void emit(int valid) {
        for (float[] s : spectra) {
            if (!mono) for (int i = 0; i < valid; i++) s[i] *= window[i];
            if (valid < size) java.util.Arrays.fill(s, valid, size, 0f);
            fft.realForward(s);
        }
        powerDone = false;
        for (Listener l : listeners) l.frame(spectra, frameStart, valid);
        frameStart += valid;
        fill = 0;
    }

    @Override
    public void finish() {
        if (fill > 0) emit(fill);
        for (Listener l : listeners) l.finish();
    }
}

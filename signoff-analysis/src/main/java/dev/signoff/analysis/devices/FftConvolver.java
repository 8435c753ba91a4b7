package dev.signoff.analysis.devices;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * FFT overlap-add convolution of one channel with a fixed FIR, a block of {@link #blockSize()}
 * samples at a time. State is one block and the filter's tail, whatever the stream's length.
 */
final class FftConvolver {
    private final int block, fftSize;
    private final DoubleFFT_1D fft;
    private final double[] spectrum;   // the filter, packed as DoubleFFT_1D.realForward leaves it
    private final double[] work;
    private final double[] tail;

    FftConvolver(double[] taps) {
        int b = Integer.highestOneBit(taps.length);
        if (b < taps.length) b <<= 1;
        block = b;
        fftSize = 2 * b;
        fft = new DoubleFFT_1D(fftSize);
        spectrum = new double[fftSize];
        System.arraycopy(taps, 0, spectrum, 0, taps.length);
        fft.realForward(spectrum);
        work = new double[fftSize];
        tail = new double[fftSize - block];
    }

    int blockSize() { return block; }

    /** Filters {@code block} samples of {@code in} into {@code out} (may be the same array). */
    void process(double[] in, double[] out) {
        System.arraycopy(in, 0, work, 0, block);
        java.util.Arrays.fill(work, block, fftSize, 0);
        fft.realForward(work);
        work[0] *= spectrum[0];
        work[1] *= spectrum[1];
        for (int k = 2; k < fftSize; k += 2) {
            double re = work[k], im = work[k + 1], hr = spectrum[k], hi = spectrum[k + 1];
            work[k] = re * hr - im * hi;
            work[k + 1] = re * hi + im * hr;
        }
        fft.realInverse(work, true);
        for (int i = 0; i < block; i++) out[i] = work[i] + tail[i];
        // The new tail: what spills past this block (the filter is at most one block long).
        System.arraycopy(work, block, tail, 0, fftSize - block);
    }
}

package dev.signoff.analysis.devices;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * FFT overlap-add convolution of one input with several FIRs: the input block is transformed once
 * and each filter costs one multiplication and one inverse transform. Single precision: the results
 * serve measurements, not audio files.
 *
 * <p>The transform is four times the longest filter (rounded up to a power of two) and takes
 * three quarters of it in new samples per block: a transform twice the filter, half of it new,
 * cost 1.4x the transforms per sample.
 * The filters' spectra carry the inverse transform's scale ({@code 2 / fftSize}, a power of two,
 * so every product and sum is the scaled one exactly): the inverse then skips its scaling pass.
 */
final class SharedInputConvolver {
    private final int block, fftSize, overlap;
    private final FloatFFT_1D fft;
    private final float[][] spectra, tails;
    private final float[] input, work;

    SharedInputConvolver(double[][] filters) {
        int longest = 1;
        for (double[] f : filters) longest = Math.max(longest, f.length);
        int b = Integer.highestOneBit(longest);
        if (b < longest) b <<= 1;
        overlap = b;
        fftSize = 4 * b;
        block = fftSize - overlap;
        fft = new FloatFFT_1D(fftSize);
        spectra = new float[filters.length][fftSize];
        tails = new float[filters.length][overlap];
        float scale = 2f / fftSize;
        for (int d = 0; d < filters.length; d++) {
            for (int i = 0; i < filters[d].length; i++) spectra[d][i] = (float) filters[d][i];
            fft.realForward(spectra[d]);
            for (int i = 0; i < fftSize; i++) spectra[d][i] *= scale;
        }
        input = new float[fftSize];
        work = new float[fftSize];
    }

    /** Samples per block; a multiple of four (a power of two times three). */
    int blockSize() { return block; }

    /** Filters {@code block} samples of {@code in} with every filter into {@code out[filter]}. */
    void process(float[] in, float[][] out) {
        System.arraycopy(in, 0, input, 0, block);
        java.util.Arrays.fill(input, block, fftSize, 0f);
        fft.realForward(input);
        for (int d = 0; d < spectra.length; d++) {
            float[] h = spectra[d];
            work[0] = input[0] * h[0];
            work[1] = input[1] * h[1];
            for (int k = 2; k < fftSize; k += 2) {
                float re = input[k], im = input[k + 1], hr = h[k], hi = h[k + 1];
                work[k] = re * hr - im * hi;
                work[k + 1] = re * hi + im * hr;
            }
            fft.realInverse(work, false);
            float[] o = out[d], t = tails[d];
            for (int i = 0; i < overlap; i++) o[i] = work[i] + t[i];
            System.arraycopy(work, overlap, o, overlap, block - overlap);
            System.arraycopy(work, block, t, 0, overlap);
        }
    }
}

package dev.signoff.analysis.diff;

import dev.signoff.analysis.spectrum.Stft;

/**
 * The spectrum of the mid (L+R) of each frame of a two-channel {@link Stft}, handed on as a mono
 * frame: the transform is linear, so the sum of the channels' spectra is the spectrum of their sum,
 * and the mid's band levels cost an addition per bin instead of a third FFT per frame.
 */
final class MidSpectra implements Stft.Listener {
    private final Stft.Listener target;
    private final float[][] mid;

    /** @param target a listener made for a mono STFT of {@code stft}'s frame size */
    MidSpectra(Stft stft, Stft.Listener target) {
        this.target = target;
        mid = new float[1][stft.size()];
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        float[] l = spectra[0], r = spectra[1], m = mid[0];
        for (int i = 0; i < m.length; i++) m[i] = l[i] + r[i];
        target.frame(mid, startFrame, validFrames);
    }

    @Override
    public void finish() {
        target.finish();
    }
}

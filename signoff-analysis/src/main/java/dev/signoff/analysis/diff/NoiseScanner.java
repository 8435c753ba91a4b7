package dev.signoff.analysis.diff;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.DoubleSeries;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.spectrum.ThirdOctaveBands;

import java.util.Arrays;

/**
 * Finds what the new version holds that no linear change of the old one explains: added hiss, a
 * noise burst, distortion. Everything a mix revision usually does (gain, EQ, balance, width, a
 * polarity flip, moving one element up or down) is, over a second, close to a linear filter of the
 * old version's two channels; noise is not.
 *
 * <p>Input: both versions' spectra of every frame of a short STFT (frames of about
 * {@value #FRAME_S} s, {@link SpectraPairs}). Output: a {@link NoiseScan}, one value per window of
 * about {@value #WINDOW_S} s.
 *
 * <p>Method: in each window and for each bin from {@value #LO_HZ} Hz to {@value #HI_HZ} Hz (or 0.45 of
 * the rate), each new channel is regressed on both old channels across the window's frames (the
 * multiple coherence of Bendat and Piersol, "Random Data", ch. 7: the conditioned output spectrum
 * is what the best two-input linear model leaves over). What is left, summed over bins and
 * channels, is the unexplained power. The same is done the other way round, each old channel on
 * both new channels: what the old version held that the new one cannot explain (noise taken out).
 * Per bin the two residuals stand in the ratio of the versions' powers there (for one channel each,
 * both are the power times one minus the coherence), so the version with the noise leaves the larger
 * one; where the music hides the noise both leave about the noise's power. The regression sees mid/side and left/right mixing, so width
 * and balance changes leave nothing; a window where the old version is silent leaves all of the new.
 * Its bias is small: with n frames and two inputs an unrelated signal keeps (n - 2)/n of its power.
 * The shape of the unexplained part tells noise from a changed element: its flatness (geometric
 * over arithmetic mean of the bins' powers) in each octave is near 1 for noise averaged over the
 * window's frames and far lower for the harmonics of a voice or an instrument that moved. Below
 * {@value #LO_HZ} Hz the regression is left out: long low-frequency filter responses spill across
 * frames there and hiss is heard in the upper range anyway. The regression itself runs from
 * {@value #BANDS_FROM_HZ} Hz so that every 1/3-octave band above gets its unexplained share per
 * window: where noise is most of what a band holds, its change there is the noise's, not a tonal one.
 */
final class NoiseScanner implements SpectraPairs.Listener {
    static final double FRAME_S = 0.04;
    static final double WINDOW_S = 1.0;
    static final double LO_HZ = 1000, HI_HZ = 16_000;
    /** The regression runs from here up, so each 1/3-octave band above it gets its unexplained share too. */
    static final double BANDS_FROM_HZ = 100;

    private final Stft stft;
    private final int lo, hi, regressionLo, regressionHi, framesPerWindow;
    private final ThirdOctaveBands bands;
    private final int[] bandOfBin;
    private final double[] bandResidual, bandNew, bandOldResidual, bandOld;
    private final java.util.List<double[]> bandShares = new java.util.ArrayList<>();
    private final double scale;
    private final double binHz;
    // Per bin: old auto and cross terms, the new channels' cross term, and per new channel its power and cross terms with the old channels.
    private final double[] a, b, cRe, cIm, dRe, dIm;
    private final double[][] yy, pRe, pIm, qRe, qIm;
    private final double[] residual, oldResidual;
    private int frames;
    private double counted;
    private final DoubleSeries residualDb = new DoubleSeries(), newDb = new DoubleSeries(), oldDb = new DoubleSeries(), flatness = new DoubleSeries();
    private final DoubleSeries oldResidualDb = new DoubleSeries(), oldFlatness = new DoubleSeries();
    private NoiseScan result;

    NoiseScanner(Stft stft, int sampleRate) {
        this.stft = stft;
        binHz = stft.binHz();
        lo = Math.max(1, (int) Math.ceil(LO_HZ / binHz));
        hi = Math.min(stft.size() / 2 - 1, (int) Math.floor(Math.min(HI_HZ, 0.45 * sampleRate) / binHz));
        regressionLo = Math.max(1, (int) Math.ceil(BANDS_FROM_HZ / binHz));
        regressionHi = Math.min(stft.size() / 2 - 1, (int) Math.floor(0.45 * sampleRate / binHz));
        int n = regressionHi + 1;
        bands = new ThirdOctaveBands(sampleRate, stft.size());
        bandOfBin = new int[n];
        for (int k = 0; k < n; k++) {
            bandOfBin[k] = -1;
            double hz = k * binHz;
            for (int b = 0; b < bands.count(); b++) if (hz >= bands.lo(b) && hz < bands.hi(b)) bandOfBin[k] = b;
        }
        bandResidual = new double[bands.count()];
        bandNew = new double[bands.count()];
        bandOldResidual = new double[bands.count()];
        bandOld = new double[bands.count()];
        a = new double[n];
        b = new double[n];
        cRe = new double[n];
        cIm = new double[n];
        dRe = new double[n];
        dIm = new double[n];
        yy = new double[2][n];
        pRe = new double[2][n];
        pIm = new double[2][n];
        qRe = new double[2][n];
        qIm = new double[2][n];
        residual = new double[n];
        oldResidual = new double[n];
        framesPerWindow = Math.max(3, (int) Math.round(WINDOW_S / (stft.size() / (double) sampleRate)));
        scale = stft.powerScale() / 2;
    }

    /** The short STFT this scanner listens to, for a two-channel version stream. */
    static Stft stftFor(dev.signoff.audio.StreamInfo versionInfo) {
        return new Stft(versionInfo, Stft.frameSizeFor(versionInfo.sampleRate(), FRAME_S), false);
    }

    @Override
    public void frames(float[][] older, float[][] newer, long startFrame, int validFrames) {
        // Everything in locals, the two new channels written out: the launcher runs a diff on C1,
        // which neither hoists field loads nor unrolls the inner loop.
        float[] l = older[0], r = older[1], n0 = newer[0], n1 = newer[1];
        double[] a = this.a, b = this.b, cRe = this.cRe, cIm = this.cIm, dRe = this.dRe, dIm = this.dIm;
        double[] yy0 = yy[0], yy1 = yy[1], pRe0 = pRe[0], pRe1 = pRe[1], pIm0 = pIm[0], pIm1 = pIm[1];
        double[] qRe0 = qRe[0], qRe1 = qRe[1], qIm0 = qIm[0], qIm1 = qIm[1];
        for (int k = regressionLo; k <= regressionHi; k++) {
            double lr = l[2 * k], li = l[2 * k + 1], rr = r[2 * k], ri = r[2 * k + 1];
            a[k] += lr * lr + li * li;
            b[k] += rr * rr + ri * ri;
            // c = sum conj(L) R
            cRe[k] += lr * rr + li * ri;
            cIm[k] += lr * ri - li * rr;
            double y0r = n0[2 * k], y0i = n0[2 * k + 1], y1r = n1[2 * k], y1i = n1[2 * k + 1];
            dRe[k] += y0r * y1r + y0i * y1i;
            dIm[k] += y0r * y1i - y0i * y1r;
            // per new channel: its power, p = sum conj(L) Y and q = sum conj(R) Y
            yy0[k] += y0r * y0r + y0i * y0i;
            pRe0[k] += lr * y0r + li * y0i;
            pIm0[k] += lr * y0i - li * y0r;
            qRe0[k] += rr * y0r + ri * y0i;
            qIm0[k] += rr * y0i - ri * y0r;
            yy1[k] += y1r * y1r + y1i * y1i;
            pRe1[k] += lr * y1r + li * y1i;
            pIm1[k] += lr * y1i - li * y1r;
            qRe1[k] += rr * y1r + ri * y1i;
            qIm1[k] += rr * y1i - ri * y1r;
        }
        frames++;
        counted += stft.windowPowerFraction(validFrames);
        if (frames == framesPerWindow) closeWindow();
    }

    private void closeWindow() {
        double res = 0, oldRes = 0, neu = 0, old = 0;
        for (double[] x : new double[][]{bandResidual, bandNew, bandOldResidual, bandOld}) Arrays.fill(x, 0);
        for (int k = regressionLo; k <= regressionHi; k++) {
            double left = 0, oldLeft = 0;
            for (int o = 0; o < 2; o++) {
                left += unexplained(yy[o][k], a[k], b[k], cRe[k], cIm[k], pRe[o][k], pIm[o][k], qRe[o][k], qIm[o][k]);
            }
            // Each old channel on both new channels: its cross terms with them are the conjugates of p and q.
            oldLeft += unexplained(a[k], yy[0][k], yy[1][k], dRe[k], dIm[k], pRe[0][k], -pIm[0][k], pRe[1][k], -pIm[1][k]);
            oldLeft += unexplained(b[k], yy[0][k], yy[1][k], dRe[k], dIm[k], qRe[0][k], -qIm[0][k], qRe[1][k], -qIm[1][k]);
            residual[k] = left;
            oldResidual[k] = oldLeft;
            if (bandOfBin[k] >= 0) {
                bandResidual[bandOfBin[k]] += left;
                bandNew[bandOfBin[k]] += yy[0][k] + yy[1][k];
                bandOldResidual[bandOfBin[k]] += oldLeft;
                bandOld[bandOfBin[k]] += a[k] + b[k];
            }
            if (k < lo || k > hi) continue;
            neu += yy[0][k] + yy[1][k];
            res += left;
            oldRes += oldLeft;
            old += a[k] + b[k];
        }
        double[] share = new double[bands.count()];
        for (int bb = 0; bb < share.length; bb++) share[bb] = Math.max(shareDb(bandResidual[bb], bandNew[bb]), shareDb(bandOldResidual[bb], bandOld[bb]));
        bandShares.add(share);
        double norm = counted > 0 ? scale / counted : 0;
        residualDb.add(Decibels.power(res * norm));
        oldResidualDb.add(Decibels.power(oldRes * norm));
        newDb.add(Decibels.power(neu * norm));
        oldDb.add(Decibels.power(old * norm));
        flatness.add(flatness(residual));
        oldFlatness.add(flatness(oldResidual));
        for (double[] x : new double[][]{a, b, cRe, cIm, dRe, dIm, residual, oldResidual}) Arrays.fill(x, 0);
        for (double[][] x : new double[][][]{yy, pRe, pIm, qRe, qIm}) for (double[] y : x) Arrays.fill(y, 0);
        frames = 0;
        counted = 0;
    }

    /**
     * What of {@code yy} (a channel's power summed over the window's frames) the best linear combination of
     * two other channels leaves unexplained: their powers {@code a} and {@code b}, their cross term
     * {@code c} = sum conj(X1) X2, and the channel's cross terms with them, {@code p} = sum conj(X1) Y and
     * {@code q} = sum conj(X2) Y.
     */
    private static double unexplained(double yy, double a, double b, double cRe, double cIm, double pr, double pi, double qr, double qi) {
        double delta = 1e-9 * (a + b) + 1e-30;
        double aa = a + delta, bb = b + delta;
        double det = aa * bb - (cRe * cRe + cIm * cIm);
        // Re(conj(p) c q)
        double cqr = cRe * qr - cIm * qi, cqi = cRe * qi + cIm * qr;
        double explained = (bb * (pr * pr + pi * pi) + aa * (qr * qr + qi * qi) - 2 * (pr * cqr + pi * cqi)) / det;
        return Math.max(0, yy - Math.max(0, explained));
    }

    /** A band's unexplained share of its power, dB; NaN for an empty band. */
    private static double shareDb(double unexplained, double power) {
        return power > 0 ? 10 * Math.log10(Math.max(unexplained, 1e-300) / power) : Double.NaN;
    }

    /** Median over the octaves from LO_HZ of the residual's flatness; NaN when no octave has anything in it. */
    private double flatness(double[] residual) {
        double[] values = new double[8];
        int n = 0;
        for (double f0 = LO_HZ; n < values.length; f0 *= 2) {
            int k0 = Math.max(lo, (int) Math.ceil(f0 / binHz)), k1 = Math.min(hi, (int) Math.floor(2 * f0 / binHz) - 1);
            if (k0 > hi) break;
            if (k1 - k0 < 3) continue;
            double sum = 0, logSum = 0;
            int count = 0;
            boolean zero = false;
            for (int k = k0; k <= k1; k++) {
                if (residual[k] <= 0) {
                    zero = true;
                    break;
                }
                sum += residual[k];
                logSum += Math.log(residual[k]);
                count++;
            }
            if (zero || count == 0) continue;
            values[n++] = Math.exp(logSum / count) / (sum / count);
        }
        if (n == 0) return Double.NaN;
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    @Override
    public void finish() {
        if (frames > 0) closeWindow();
        double windowS = framesPerWindow / binHz;
        double[] centres = new double[bands.count()];
        for (int b = 0; b < centres.length; b++) centres[b] = bands.lo(b) >= BANDS_FROM_HZ * Math.pow(2, -1 / 6.0) ? bands.nominal(b) : Double.NaN;
        result = new NoiseScan(windowS, lo * binHz, hi * binHz, residualDb.toArray(), newDb.toArray(), oldDb.toArray(), flatness.toArray(),
                oldResidualDb.toArray(), oldFlatness.toArray(), centres, bandShares.toArray(new double[0][]));
    }

    NoiseScan result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}

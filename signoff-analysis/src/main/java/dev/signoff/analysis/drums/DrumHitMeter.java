package dev.signoff.analysis.drums;

import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;

import java.util.Arrays;

/**
 * How far the kick and snare hits stand out of the mix around them: the question behind "is the
 * kick loud enough?", answered the way onset detectors look for drums (band-wise energy rises,
 * as in Klapuri 1999, "Sound onset detection by applying psychoacoustic knowledge", and the
 * spectral-flux family reviewed by Bello et al. 2005, "A tutorial on onset detection in music
 * signals").
 *
 * <p>Input: the spectra of the short-frame mono {@link Stft} (about 21 ms Hann frames, no
 * overlap). Per frame it keeps the energy of three bands and of the whole spectrum:
 * <ul>
 *   <li>low, {@value #KICK_LO_HZ}-{@value #KICK_HI_HZ} Hz: the kick's body;</li>
 *   <li>mid, {@value #SNARE_LO_HZ}-{@value #SNARE_HI_HZ} Hz: the snare's shell tone;</li>
 *   <li>high, {@value #CRACK_LO_HZ}-{@value #CRACK_HI_HZ} Hz: the snare's wires and crack.</li>
 * </ul>
 * A kick hit is a frame whose low band rises at least {@value #ONSET_RISE_DB} dB over the louder
 * of the two frames before it; a snare hit, a frame whose high band rises that much and whose mid
 * band rises at least {@value #SHELL_RISE_DB} dB, while the low band does not (a kick's pitch
 * sweep and click also touch the mid and high bands). A hit's prominence is the energy it adds to
 * its band (kick: low; snare: high, where the snare is heard through a full mix) at the peak of
 * the attack (the hit frame or the next, less the band's energy just before), against the mean
 * energy of the rest of the spectrum over the 3 s around it, in dB: the drum against everything
 * else that plays.
 *
 * <p>Output: {@link DrumHits}: the median prominence of the kick hits and of the snare hits, and
 * how many were found (NaN prominence when fewer than {@value #MIN_HITS}). The numbers mean
 * little on their own (they depend on the drums' sound); they are for comparing a mix with
 * references.
 *
 * <p>Memory: four floats per frame (about 2.7 MB an hour at 48 kHz).
 */
public final class DrumHitMeter implements Stft.Listener {
    static final double KICK_LO_HZ = 40, KICK_HI_HZ = 120;
    static final double SNARE_LO_HZ = 150, SNARE_HI_HZ = 400;
    static final double CRACK_LO_HZ = 1000, CRACK_HI_HZ = 5000;
    /** The snare's shell band only has to move this much with the crack: other parts fill it. */
    static final double SHELL_RISE_DB = 1.5;
    static final double ONSET_RISE_DB = 6;
    static final double CONTEXT_S = 3;
    static final int MIN_HITS = 8;

    private final int[] lo = new int[3], hi = new int[3];
    private final double frameS;
    private float[][] bands = new float[3][4096];
    private float[] total = new float[4096];
    private int count;
    private DrumHits result;

    public DrumHitMeter(StreamInfo info, Stft shortStft) {
        double binHz = shortStft.binHz();
        int top = shortStft.size() / 2 - 1;
        double[][] edges = {{KICK_LO_HZ, KICK_HI_HZ}, {SNARE_LO_HZ, SNARE_HI_HZ}, {CRACK_LO_HZ, CRACK_HI_HZ}};
        for (int b = 0; b < 3; b++) {
            lo[b] = Math.max(1, (int) Math.round(edges[b][0] / binHz));
            hi[b] = Math.max(lo[b], Math.min(top, (int) Math.round(edges[b][1] / binHz)));
        }
        frameS = shortStft.size() / (double) info.sampleRate();
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        float[] s = spectra[0];
        if (count == total.length) {
            total = Arrays.copyOf(total, count * 2);
            for (int b = 0; b < 3; b++) bands[b] = Arrays.copyOf(bands[b], count * 2);
        }
        total[count] = (float) Stft.bandPower(s, 1, s.length / 2 - 1);
        for (int b = 0; b < 3; b++) bands[b][count] = (float) Stft.bandPower(s, lo[b], hi[b]);
        count++;
    }

    @Override
    public void finish() {
        // Per frame, the rest of the mix for each drum: the whole spectrum less the drum's bands.
        double[] kickRest = new double[count + 1], snareRest = new double[count + 1];
        for (int i = 0; i < count; i++) {
            kickRest[i + 1] = kickRest[i] + Math.max(0, total[i] - bands[0][i]);
            snareRest[i + 1] = snareRest[i] + Math.max(0, total[i] - bands[2][i]);
        }
        int half = (int) Math.round(CONTEXT_S / 2 / frameS);
        double[] kick = new double[count], snare = new double[count];
        int kicks = 0, snares = 0;
        for (int i = 2; i + 1 < count; i++) {
            int a = Math.max(0, i - half), z = Math.min(count, i + half + 1);
            if (rise(0, i) >= ONSET_RISE_DB) {
                double context = (kickRest[z] - kickRest[a]) / (z - a);
                double hit = attack(0, i);
                if (context > 0 && hit > 0) kick[kicks++] = db(hit / context);
            } else if (rise(2, i) >= ONSET_RISE_DB && rise(1, i) >= SHELL_RISE_DB) {
                double context = (snareRest[z] - snareRest[a]) / (z - a);
                double hit = attack(2, i);
                if (context > 0 && hit > 0) snare[snares++] = db(hit / context);
            }
        }
        result = new DrumHits(median(kick, kicks), kicks, median(snare, snares), snares);
        bands = null;
        total = null;
    }

    /**
     * The energy the hit adds to band b: the peak of the attack (frame i or the next) less what
     * the band held just before, so the bass or the guitars under the kick and snare do not count.
     */
    private double attack(int b, int i) {
        double before = Math.max(bands[b][i - 1], bands[b][i - 2]);
        return Math.max(bands[b][i], bands[b][i + 1]) - before;
    }

    /** Rise of band b at frame i over the louder of the two frames before, dB. */
    private double rise(int b, int i) {
        double before = Math.max(bands[b][i - 1], bands[b][i - 2]);
        double now = bands[b][i];
        if (!(now > 0)) return Double.NEGATIVE_INFINITY;
        return before > 0 ? db(now / before) : Double.POSITIVE_INFINITY;
    }

    private static double median(double[] v, int n) {
        if (n < MIN_HITS) return Double.NaN;
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double db(double ratio) {
        return 10 * Math.log10(ratio);
    }

    public DrumHits result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}

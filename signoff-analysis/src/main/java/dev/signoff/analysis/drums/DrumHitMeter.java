package dev.signoff.analysis.drums;

import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;


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
 * <p>Memory independent of the file's length: the frames are judged as they come, each once the
 * 1.5 s after it are in, from a ring of the last 3 s of frames; the hits' prominences are kept in a
 * {@link BoundedSample} (all of them up to {@value #SAMPLE} hits, about an hour and a half of a
 * busy song; an even sample of them beyond).
 */
public final class DrumHitMeter implements Stft.Listener {
    // Parameters. Input: the short STFT's spectra (SibilanceMeter.shortStft: about 21 ms frames).
    // Output: DrumHits. The bands are where a kick's and a snare's energy sits (the band-wise onset
    // detection of Klapuri 1999); the rises and the context were chosen on the generated test songs
    // (docs/findings.md, "KICK_PROMINENT, SNARE_PROMINENT", gives the measurements and cites them;
    // ReferenceRulesTest checks that a hot kick or snare is flagged and the hits fall on the tempo).
    /** Hz: the kick's body, its fundamental and the shell's low resonance. */
    static final double KICK_LO_HZ = 40, KICK_HI_HZ = 120;
    /** Hz: the snare's shell tone. */
    static final double SNARE_LO_HZ = 150, SNARE_HI_HZ = 400;
    /** Hz: the snare's wires and crack, where it is heard through a full mix. */
    static final double CRACK_LO_HZ = 1000, CRACK_HI_HZ = 5000;
    /** dB: the snare's shell band only has to move this much with the crack: other parts fill it (test songs). */
    static final double SHELL_RISE_DB = 1.5;
    /** dB: least rise of a band over the louder of the two frames before it for an onset (test songs). */
    static final double ONSET_RISE_DB = 6;
    /** s: the stretch around a hit whose rest-of-mix energy it is measured against (a bar or two at most tempi). */
    static final double CONTEXT_S = 3;
    /** Hits: fewer give no median (NaN), too few for a figure that compares mixes. */
    static final int MIN_HITS = 8;
    /** Hits' prominences kept for the median: all up to this many (about an hour and a half of a busy song), an even sample beyond. */
    static final int SAMPLE = 1 << 15;

    private final int[] lo = new int[3], hi = new int[3];
    private final double frameS;
    /** Frames each side of a hit whose rest-of-mix energy is its context. */
    private final int half;
    /** The last frames' band energies and total, frame i at slot i % ring. */
    private final float[][] bands = new float[3][];
    private final float[] total;
    private final int ring;
    private int count;
    /** Frames judged so far: the next one to judge. */
    private int judged = 2;
    /** Rest-of-mix energy (kick: all but the low band; snare: all but the high band) over the context of frame {@link #judged}. */
    private double kickRestSum, snareRestSum;
    private int contextFrom, contextTo;   // [from, to) frames in those sums
    private final BoundedSample kick = new BoundedSample(SAMPLE), snare = new BoundedSample(SAMPLE);
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
        half = (int) Math.round(CONTEXT_S / 2 / frameS);
        ring = 2 * half + 4;
        total = new float[ring];
        for (int b = 0; b < 3; b++) bands[b] = new float[ring];
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        float[] s = spectra[0];
        int slot = count % ring;
        total[slot] = (float) Stft.bandPower(s, 1, s.length / 2 - 1);
        for (int b = 0; b < 3; b++) bands[b][slot] = (float) Stft.bandPower(s, lo[b], hi[b]);
        count++;
        // Frame i is judged once its context (up to i + half) and its attack's next frame are in.
        while (judged + 1 < count && judged + half + 1 <= count) judge(judged++);
    }

    @Override
    public void finish() {
        while (judged + 1 < count) judge(judged++);
        result = new DrumHits(median(kick), (int) kick.seen(), median(snare), (int) snare.seen());
    }

    /** Frame i: a kick or snare onset? Its prominence over the rest of the mix in the 3 s around it. */
    private void judge(int i) {
        int a = Math.max(0, i - half), z = Math.min(count, i + half + 1);
        while (contextTo < z) {
            kickRestSum += rest(contextTo, 0);
            snareRestSum += rest(contextTo, 2);
            contextTo++;
        }
        while (contextFrom < a) {
            kickRestSum -= rest(contextFrom, 0);
            snareRestSum -= rest(contextFrom, 2);
            contextFrom++;
        }
        if (rise(0, i) >= ONSET_RISE_DB) {
            double context = kickRestSum / (z - a);
            double hit = attack(0, i);
            if (context > 0 && hit > 0) kick.add(db(hit / context));
        } else if (rise(2, i) >= ONSET_RISE_DB && rise(1, i) >= SHELL_RISE_DB) {
            double context = snareRestSum / (z - a);
            double hit = attack(2, i);
            if (context > 0 && hit > 0) snare.add(db(hit / context));
        }
    }

    /** The whole spectrum less band b in frame i: the rest of the mix for that drum. */
    private double rest(int i, int b) {
        return Math.max(0, total[i % ring] - bands[b][i % ring]);
    }

    private float band(int b, int i) {
        return bands[b][i % ring];
    }

    /**
     * The energy the hit adds to band b: the peak of the attack (frame i or the next) less what
     * the band held just before, so the bass or the guitars under the kick and snare do not count.
     */
    private double attack(int b, int i) {
        double before = Math.max(band(b, i - 1), band(b, i - 2));
        return Math.max(band(b, i), band(b, i + 1)) - before;
    }

    /** Rise of band b at frame i over the louder of the two frames before, dB. */
    private double rise(int b, int i) {
        double before = Math.max(band(b, i - 1), band(b, i - 2));
        double now = band(b, i);
        if (!(now > 0)) return Double.NEGATIVE_INFINITY;
        return before > 0 ? db(now / before) : Double.POSITIVE_INFINITY;
    }

    private static double median(BoundedSample hits) {
        if (hits.seen() < MIN_HITS) return Double.NaN;
        double[] s = hits.sorted();
        int n = s.length;
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

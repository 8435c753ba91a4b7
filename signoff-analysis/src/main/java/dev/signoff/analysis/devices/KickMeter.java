package dev.signoff.analysis.devices;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import org.jtransforms.fft.FloatFFT_1D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds the kick hits of a mix and records, for each hit, what the mix holds just after the hit
 * and just before it in the kick's three regions, and how hard each device's limiter holds the
 * device's render down at those moments. From these {@link LowEndTranslation} works out, per
 * section, whether the kick still stands out on each device (KICK_LOST). Runs in the single
 * decoding pass of {@code check --devices}.
 *
 * <p><b>Analysis signal.</b> The mix folded to mono, its rate lowered to 14-28 kHz
 * ({@link Decimator}; the kick's regions end at 5 kHz). Kick and bass sit in the centre, and mono
 * devices play exactly this fold-down.
 *
 * <p><b>Devices.</b> A device is linear apart from its limiter, so over one analysis window the
 * power spectrum of its render is the mix's times the device's power response (applied per bin in
 * {@link LowEndTranslation}) times the limiter's gain squared. Devices with a limiter are therefore
 * rendered as {@link DeviceRenderer} renders them (their FIR designed for the lower rate, then
 * their drive and limiter), only to follow the limiter's gain sample by sample; for each hit's
 * windows the Hann-weighted mean of the squared gain is kept. Two simplifications: the limiter sees
 * the mono fold-down (a stereo device's limiter sees the mid signal), and it sees sample peaks at
 * the lower rate; the test compares the section loudness that results with the full-rate render's.
 * The render's energy going into and out of each limiter in every 0.1 s is kept as well
 * ({@link KickData#limiterDb}), so that the section loudness on the device includes the limiter.
 *
 * <p><b>Kick hits</b> are found on the analysis signal, much as {@code drums/DrumHitMeter} finds
 * them, in {@value #HOP_S} s steps: the energy of the {@value #LOW_LO_HZ}-{@value #LOW_HI_HZ} Hz
 * bins of a 32 ms Hann window rises at least {@value #RISE_DB} dB over the louder of the two
 * windows before it (ending 32 and 64 ms earlier), at a local peak of that rise, at least
 * {@value #MIN_SPACING_S} s after the last hit; the band supplies at least half of the rise of the
 * whole spectrum (not a snare or a chord); and it falls at least {@value #DECAY_DB} dB within
 * {@value #DECAY_S} s (a drum, not a bass note). The onset is then placed to about a millisecond:
 * the 2.5 ms block (in 1.25 ms steps), from 40 ms before the window that rose to its end, whose
 * energy rises most over the three blocks before it; a drum starts abruptly, so a hit whose best
 * rise is under {@value #ONSET_JUMP_DB} dB is dropped (a re-struck bass note under the kick's tail,
 * a swelling chord). Hits quieter than {@value #FLOOR_DB} dB under the song's loud low end (95th
 * percentile of the band's energy) are dropped at the end. On the test songs this keeps 98 % of
 * the kicks of a normal mix and about half of the soft-attack pure-sub kicks, with no hit off the
 * drum grid.
 *
 * <p><b>Per hit</b>: Hann-windowed power spectra of two windows in each region of
 * {@link KickRegion}: "after", starting {@code 0.2 W} before the onset, and "before", ending
 * {@code 0.25 W} before it ({@code W} the region's window, the power of two of samples nearest
 * {@link KickRegion#windowS()}); only the bins inside the region are kept.
 *
 * <p>Memory: rings of about four seconds of the analysis signal and of each limiting device's gain
 * (256 KiB each at 16 kHz; the convolver's blocks are 0.77 s), plus per hit about 80
 * floats and 6 per such device (under 2 MB per hour of music).
 */
public final class KickMeter implements Analyser {
    // Parameters. Inputs: every block of the mix; the device models. Output: KickData.
    // The detection figures are tuned on the generated test songs (LowEndTranslationTest: a normal
    // mix's kicks found, no hit off the drum grid); docs/findings.md, "KICK_LOST", cites them.
    /** Hz: the band whose energy rise marks a kick (its fundamental and the body's low part). */
    static final double LOW_LO_HZ = 40, LOW_HI_HZ = 140;
    /** dB: least rise of that band over the louder of the two windows before (test songs). */
    static final double RISE_DB = 6;
    /** dB: least fall of that band within DECAY_S, a drum and not a held bass note (test songs). */
    static final double DECAY_DB = 4;
    /** dB under the song's loud low end (95th percentile): quieter hits are dropped (test songs). */
    static final double FLOOR_DB = -20;
    /** dB: least broadband rise of the best onset block over the three before it; drums start abruptly (test songs). */
    static final double ONSET_JUMP_DB = 10;
    /** s: the detection step, its window (32 ms, as drums/DrumHitMeter), the onset block, the limiter energy block. */
    static final double HOP_S = 0.004, DETECT_S = 0.032, ONSET_BLOCK_S = 0.0025, LIMITER_BLOCK_S = 0.1;
    /** s: the window DECAY_DB must fall within, and the least spacing of two hits (a 16th at 250 BPM). */
    static final double DECAY_S = 0.12, MIN_SPACING_S = 0.06;

    /**
     * One kick hit.
     *
     * @param timeS    the onset, seconds into the file
     * @param lowPeak  the 40-140 Hz energy at its peak (for the loudness floor)
     * @param after    [region][bin]: power just after the onset in the mix (mono, mean square per bin)
     * @param before   [region][bin]: the same just before it
     * @param gain2    [stream][region]: {after, before} Hann-weighted mean of the squared limiter gain in those
     *                 windows for each device stream with a limiter; null for monitors and devices without one
     */
    public record Hit(double timeS, float lowPeak, float[][] after, float[][] before, float[][][] gain2) {
        /** The squared limiter gain of stream s in region r's after (which 0) or before (which 1) window. */
        public double gain2(int s, int r, int which) {
            return gain2[s] == null ? 1 : gain2[s][r][which];
        }
    }

    /**
     * What the meter found.
     *
     * @param ids            the streams: {@link DeviceTranslation#MONITORS} then each device
     * @param hits           kick hits in time order (before the loudness floor; see {@link #loudHits()})
     * @param floor          low-band energy under which a hit does not count
     * @param driveDb        each device's drive before its limiter (0 without one), by stream index
     * @param limiterEnergy  per device stream with a limiter (null otherwise), the render's energy going into and
     *                       coming out of the limiter in each {@code limiterBlockS} block, interleaved (in, out, in, ...)
     * @param limiterBlockS  the length of those blocks
     * @param limiterStartS  time of the first block's start
     * @param binHz          per region ({@link KickRegion#ordinal()}), the centre frequency of each kept bin
     */
    public record KickData(List<String> ids, List<Hit> hits, double floor, double[] driveDb,
                           float[][] limiterEnergy, double limiterBlockS, double limiterStartS, double[][] binHz) {
        public List<Hit> loudHits() {
            return hits.stream().filter(h -> h.lowPeak() >= floor).toList();
        }

        /** Energy ratio (dB) the limiter takes from device stream {@code s} between two times (0 without a limiter). */
        public double limiterDb(int s, double fromS, double toS) {
            float[] blocks = limiterEnergy[s];
            if (blocks == null) return 0;
            double in = 0, out = 0;
            for (int i = 0; i < blocks.length / 2; i++) {
                double centre = limiterStartS + (i + 0.5) * limiterBlockS;
                if (centre < fromS || centre >= toS) continue;
                in += blocks[2 * i];
                out += blocks[2 * i + 1];
            }
            return in > 0 && out > 0 ? 10 * Math.log10(out / in) : 0;
        }
    }

    private final int rate, factor, streams;
    private final double fa;
    private final List<String> ids = new ArrayList<>();
    private final Decimator decimator;
    private float[] decimated = new float[8192];
    private final int block;
    private final float[] input;
    private long blocksIn;
    private int filled;
    private final float[] mix;                // ring of the analysis signal
    private final int ringMask;
    private long mixSamples;                  // analysis samples received

    // Devices with a limiter: their renders, to follow the limiter's gain.
    private final int[] limited;              // stream index of each
    private final SharedInputConvolver convolver;
    private final int filterDelay;
    private final float[][] filtered;
    private final double[][] limiterBuffer = new double[1][];
    private final double[] gainBuffer;
    private final PeakLimiter[] limiters;     // by stream
    private final double[] drive, driveDb;    // by stream
    private final float[][] gainRings;        // by stream: the gain applied to each aligned sample
    private final long[] gainsKnown;          // by stream: aligned samples whose gain is known
    private final int limiterBlock;
    private final FloatList[] limiterBlocks;
    /** Limiter chunk: the limiter follows the peak of every CHUNK samples. */
    static final int CHUNK = 4;                // limit() reads and writes a chunk's four samples one by one
    private static final int CHUNK_RING_MASK = 4095;
    private final float[][] chunkEnergy;      // by stream: recent chunks' energy, until their gain is known
    private final long[][] openBlock;         // by stream, in/out: the 0.1 s block being summed (-1: none)
    private final double[][] openSum;
    private final long[][] openUntil;         // by stream, in/out: the first chunk past the open block

    // Detection: a short spectrum every hop.
    private final int hop, detectLen, lag, decayHops, spacingHops;
    private final int detectLo, detectHi;
    private final float[] detectWindow, detectWork;
    private final FloatFFT_1D detectFft;
    private final FloatList lowHops = new FloatList(), totalHops = new FloatList();
    private int nextCandidateHop, lastCandidateHop = -1_000_000;

    private record Pending(long onset, float lowPeak) {}

    private final List<Pending> pending = new ArrayList<>();
    private final List<Hit> hits = new ArrayList<>();

    // Spectra.
    private final int[] windowLen, loBin, hiBin;
    private final float[][] hann;
    private final double[] hannPower;
    private final FloatFFT_1D[] ffts;
    private final float[] fftWork;
    private final int maxWindow;

    private KickData result;

    public KickMeter(StreamInfo info, List<DeviceModel> models) {
        rate = info.sampleRate();
        decimator = new Decimator(rate, info.channels());
        factor = decimator.factor();
        fa = rate / (double) factor;
        streams = models.size() + 1;
        ids.add(DeviceTranslation.MONITORS);
        for (DeviceModel m : models) ids.add(m.id());

        limiters = new PeakLimiter[streams];
        drive = new double[streams];
        driveDb = new double[streams];
        double[][] taps = setUpLimiters(models);
        limited = IntStream.range(0, streams).filter(s -> limiters[s] != null).toArray();
        convolver = limited.length == 0 ? null : new SharedInputConvolver(taps);
        block = convolver == null ? 4096 : convolver.blockSize();
        filterDelay = taps.length == 0 ? 0 : (taps[0].length - 1) / 2;
        input = new float[block];
        filtered = new float[Math.max(1, limited.length)][block];
        limiterBuffer[0] = new double[block];
        gainBuffer = new double[block];

        int regions = KickRegion.values().length;
        windowLen = new int[regions];
        loBin = new int[regions];
        hiBin = new int[regions];
        hann = new float[regions][];
        hannPower = new double[regions];
        ffts = new FloatFFT_1D[regions];
        maxWindow = setUpRegionWindows();
        fftWork = new float[maxWindow];

        int ring = Integer.highestOneBit(Math.max(4 * block + 2 * filterDelay + 4 * maxWindow, (int) (2 * fa))) << 1;
        mix = new float[ring];
        ringMask = ring - 1;
        gainRings = new float[streams][];
        gainsKnown = new long[streams];
        limiterBlock = (int) Math.round(LIMITER_BLOCK_S * fa);
        limiterBlocks = new FloatList[streams];
        chunkEnergy = new float[streams][];
        openBlock = new long[streams][];
        openSum = new double[streams][];
        openUntil = new long[streams][];
        setUpLimiterRings(ring);

        hop = (int) Math.round(HOP_S * fa);
        detectLen = nearestPowerOfTwo(DETECT_S * fa);
        lag = Math.max(1, (int) Math.round(detectLen / (double) hop));
        decayHops = (int) Math.round(DECAY_S / HOP_S);
        spacingHops = (int) Math.round(MIN_SPACING_S / HOP_S);
        nextCandidateHop = 2 * lag + 1;
        double detectBin = fa / detectLen;
        detectLo = Math.max(1, (int) Math.ceil(LOW_LO_HZ / detectBin));
        detectHi = Math.max(detectLo, (int) Math.floor(LOW_HI_HZ / detectBin));
        detectWindow = hann(detectLen);
        detectWork = new float[detectLen];
        detectFft = new FloatFFT_1D(detectLen);
    }

    /**
     * Each device with a limiter gets its limiter and drive, by stream; returns their FIR taps,
     * designed for the analysis rate, in stream order.
     */
    private double[][] setUpLimiters(List<DeviceModel> models) {
        int designRate = (int) Math.round(fa);
        List<double[]> taps = new ArrayList<>();
        for (int d = 0; d < models.size(); d++) {
            DeviceModel m = models.get(d);
            if (m.limiter() == null) continue;
            taps.add(DeviceFilter.design(m.response(), designRate).coefficientsUnsafe());
            limiters[d + 1] = new PeakLimiter(1, (int) Math.round(fa / CHUNK), m.limiter());
            driveDb[d + 1] = m.limiter().driveDb();
            drive[d + 1] = Math.pow(10, m.limiter().driveDb() / 20);
        }
        return taps.toArray(double[][]::new);
    }

    /** Each region's window (a power of two near its duration), Hann weights and kept bins; returns the longest window. */
    private int setUpRegionWindows() {
        int longest = 0;
        for (KickRegion r : KickRegion.values()) {
            int i = r.ordinal();
            int n = nearestPowerOfTwo(r.windowS() * fa);
            windowLen[i] = n;
            double binHz = fa / n;
            loBin[i] = (int) Math.ceil(r.loHz() / binHz);
            hiBin[i] = Math.min(n / 2 - 1, (int) Math.ceil(r.hiHz() / binHz) - 1);   // bins with f < hi
            hann[i] = hann(n);
            for (int k = 0; k < n; k++) hannPower[i] += hann[i][k] * (double) hann[i][k];
            ffts[i] = new FloatFFT_1D(n);
            longest = Math.max(longest, n);
        }
        return longest;
    }

    /** The buffers that follow each limited stream's gain and sum its energy into and out of the limiter. */
    private void setUpLimiterRings(int ring) {
        for (int s : limited) {
            chunkEnergy[s] = new float[CHUNK_RING_MASK + 1];
            openBlock[s] = new long[]{-1, -1};
            openSum[s] = new double[2];
            openUntil[s] = new long[2];
            gainRings[s] = new float[ring];
            limiterBlocks[s] = new FloatList();
        }
    }

    /** A periodic Hann window of n samples. */
    private static float[] hann(int n) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) w[k] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * k / n));
        return w;
    }

    static int nearestPowerOfTwo(double samples) {
        int n = Integer.highestOneBit((int) Math.max(2, samples));
        return samples / n > Math.sqrt(2) ? 2 * n : n;
    }

    /** The analysis sample rate (the file's rate over the decimation factor). */
    public double analysisRate() { return fa; }

    @Override
    public void accept(AudioBlock b) {
        if (b.frames() / factor + 2 > decimated.length) decimated = new float[b.frames() / factor + 2];
        int n = decimator.process(b, decimated), pos = 0;
        while (pos < n) {
            int len = Math.min(n - pos, block - filled);
            System.arraycopy(decimated, pos, input, filled, len);
            filled += len;
            pos += len;
            if (filled == block) runBlock(block);
        }
    }

    private void runBlock(int valid) {
        long start = blocksIn * block;
        for (int i = 0; i < block; i++) mix[(int) ((start + i) & ringMask)] = i < valid ? input[i] : 0f;
        mixSamples = start + valid;
        detect();
        if (convolver != null) {
            if (valid < block) Arrays.fill(input, valid, block, 0f);
            convolver.process(input, filtered);
            for (int d = 0; d < limited.length; d++) limit(limited[d], filtered[d], start);
        }
        blocksIn++;
        filled = 0;
        capture(false);
    }

    /**
     * Follows one device's limiter through a filtered block, in chunks of {@link #CHUNK} samples:
     * the limiter sees each chunk's peak (its look-ahead and release span dozens of chunks, so
     * this changes its gain by a fraction of a dB) and its gain is held over the chunk. Keeps the
     * gain of each aligned sample and the render's energy in and out of the limiter.
     */
    private void limit(int s, float[] y, long start) {
        int chunks = block / CHUNK;
        double[] peaks = limiterBuffer[0], sum = openSum[s];
        float[] energies = chunkEnergy[s];
        long[] until = openUntil[s];
        double d = drive[s];
        long pre = start - filterDelay;                              // aligned index of y[0]
        long firstChunk = Math.floorDiv(pre, CHUNK);
        // Loops written out for C1, which inlines neither Math.max nor a per-chunk call: the same sums
        // in the same order (a chunk's energy left to right; the 0.1 s blocks' sums chunk by chunk).
        double inSum = sum[0];
        long inUntil = until[0];
        for (int c = 0, i = 0; c < chunks; c++, i += CHUNK) {
            double v0 = y[i], v1 = y[i + 1], v2 = y[i + 2], v3 = y[i + 3];
            double energy = v0 * v0 + v1 * v1 + v2 * v2 + v3 * v3;
            double a0 = v0 < 0 ? -v0 : v0, a1 = v1 < 0 ? -v1 : v1, a2 = v2 < 0 ? -v2 : v2, a3 = v3 < 0 ? -v3 : v3;
            double peak = a0 > a1 ? a0 : a1, peak2 = a2 > a3 ? a2 : a3;
            peaks[c] = peak > peak2 ? peak : peak2;
            long chunk = firstChunk + c;
            energies[(int) (chunk & CHUNK_RING_MASK)] = (float) energy;
            if (chunk < 0) continue;
            if (chunk >= inUntil) {
                sum[0] = inSum;
                openLimiterBlock(s, 0, chunk);
                inSum = sum[0];
                inUntil = until[0];
            }
            inSum += energy * d * d;
        }
        sum[0] = inSum;
        limiters[s].process(limiterBuffer, chunks, gainBuffer);
        long firstOut = firstChunk - limiters[s].latency();   // chunk whose gain is gainBuffer[0]
        float[] ring = gainRings[s];
        double outSum = sum[1];
        long outUntil = until[1];
        for (int c = 0; c < chunks; c++) {
            long chunk = firstOut + c;
            if (chunk < 0) continue;
            double g = gainBuffer[c];
            float gf = (float) g;
            int a = (int) ((chunk * CHUNK) & ringMask);                 // a chunk never wraps: the ring's length is a multiple of CHUNK
            ring[a] = gf;
            ring[a + 1] = gf;
            ring[a + 2] = gf;
            ring[a + 3] = gf;
            if (chunk >= outUntil) {
                sum[1] = outSum;
                openLimiterBlock(s, 1, chunk);
                outSum = sum[1];
                outUntil = until[1];
            }
            outSum += energies[(int) (chunk & CHUNK_RING_MASK)] * d * d * g * g;
        }
        sum[1] = outSum;
        gainsKnown[s] = Math.max(0, (firstOut + chunks) * CHUNK);
    }

    /**
     * Stream s's energy into (which 0) or out of (which 1) its limiter has reached a chunk past the
     * open 0.1 s block: closes that block when the chunk lies in another, and notes the first chunk past the chunk's block.
     */
    private void openLimiterBlock(int s, int which, long chunk) {
        long index = chunk * CHUNK / limiterBlock;
        if (index != openBlock[s][which]) {
            flushLimiterEnergy(s, which);
            openBlock[s][which] = index;
        }
        openUntil[s][which] = Math.floorDiv((index + 1) * limiterBlock + CHUNK - 1, CHUNK);
    }

    private void flushLimiterEnergy(int s, int which) {
        if (openBlock[s][which] < 0) return;
        int index = (int) openBlock[s][which];
        FloatList list = limiterBlocks[s];
        while (list.size() < 2 * (index + 1)) list.add(0f);
        list.set(2 * index + which, list.get(2 * index + which) + (float) openSum[s][which]);
        openSum[s][which] = 0;
    }

    // ---- hit detection on the analysis signal ----

    private void detect() {
        // One spectrum per hop, of the detectLen samples ending at the hop's end.
        while ((long) (lowHops.size() + 1) * hop <= mixSamples) {
            long from = (long) (lowHops.size() + 1) * hop - detectLen;
            int k0 = (int) Math.max(0, Math.min(detectLen, -from));          // samples before the stream
            Arrays.fill(detectWork, 0, k0, 0f);
            float[] x = detectWork, w = detectWindow;
            int base = (int) (from & ringMask);
            for (int k = k0; k < detectLen; k++) x[k] = mix[(base + k) & ringMask] * w[k];
            detectFft.realForward(detectWork);
            // Bins summed in order as one loop would, in three spans (C1 keeps the band test out of the loop).
            double low = 0, total = 0;
            int half = detectLen / 2, lo = Math.min(Math.max(1, detectLo), half), hi = Math.min(detectHi + 1, half);
            for (int k = 1; k < lo; k++) total += x[2 * k] * (double) x[2 * k] + x[2 * k + 1] * (double) x[2 * k + 1];
            for (int k = lo; k < hi; k++) {
                double p = x[2 * k] * (double) x[2 * k] + x[2 * k + 1] * (double) x[2 * k + 1];
                total += p;
                low += p;
            }
            for (int k = hi; k < half; k++) total += x[2 * k] * (double) x[2 * k] + x[2 * k + 1] * (double) x[2 * k + 1];
            lowHops.add((float) low);
            totalHops.add((float) total);
        }
        evaluateCandidates(false);
    }

    /** Low-band energy of the window ending at hop j (0 outside the stream). */
    private double low(int j) {
        return j < 0 || j >= lowHops.size() ? 0 : lowHops.get(j);
    }

    private double total(int j) {
        return j < 0 || j >= totalHops.size() ? 0 : totalHops.get(j);
    }

    /** Rise of the low band at hop j over the louder of the two windows before it. */
    private double rise(int j) {
        double now = low(j);
        double before = Math.max(low(j - lag), low(j - 2 * lag));
        if (!(now > 0)) return 0;
        return before > 0 ? now / before : Double.POSITIVE_INFINITY;
    }

    private void evaluateCandidates(boolean end) {
        int hops = lowHops.size();
        double minRise = Math.pow(10, RISE_DB / 10);
        while (nextCandidateHop < hops - (end ? 1 : decayHops + 1)) {
            int j = nextCandidateHop++;
            double r = rise(j);
            if (r < minRise || r < rise(j - 1) || r < rise(j + 1) || j - lastCandidateHop < spacingHops) continue;
            double peak = 0;
            for (int k = j; k <= j + lag; k++) peak = Math.max(peak, low(k));
            if (low(j + decayHops) > peak * Math.pow(10, -DECAY_DB / 10)) continue;
            double lowGain = low(j) - Math.max(low(j - lag), low(j - 2 * lag));
            double totalGain = total(j) - Math.max(total(j - lag), total(j - 2 * lag));
            if (lowGain < 0.5 * totalGain) continue;
            long windowEnd = (long) (j + 1) * hop;
            long onset = refineOnset(windowEnd - detectLen, windowEnd);
            if (onset < 0) continue;                         // no abrupt start: a bass note, not a drum
            lastCandidateHop = j;
            pending.add(new Pending(onset, (float) peak));
        }
    }

    /**
     * The start of the 2.5 ms block (in steps of half a block), from 40 ms before the window that
     * rose to its end, whose energy rises most over the three blocks before it; -1 when that rise
     * is under {@value #ONSET_JUMP_DB} dB.
     */
    private long refineOnset(long windowStart, long windowEnd) {
        int b = Math.max(1, (int) Math.round(ONSET_BLOCK_S * fa));
        long from = windowStart - Math.round(0.04 * fa), to = windowEnd;
        long oldest = Math.max(0, mixSamples - mix.length + 1);
        from = Math.max(from, oldest + 3L * b);
        long best = -1;
        double bestRatio = 0;
        for (long p = from; p + b <= Math.min(to, mixSamples); p += Math.max(1, b / 2)) {
            double e = energy(p, b), prior = energy(p - 3L * b, 3 * b) / 3;
            double ratio = e / (prior + 1e-20);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = p;
            }
        }
        return bestRatio >= Math.pow(10, ONSET_JUMP_DB / 10) ? best : -1;
    }

    private double energy(long from, int n) {
        double s = 0;
        for (long i = Math.max(0, from); i < from + n; i++) {
            float v = mix[(int) (i & ringMask)];
            s += v * v;
        }
        return s;
    }

    // ---- spectra around each hit ----

    private void capture(boolean end) {
        for (java.util.Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            long needed = p.onset() + (long) Math.ceil(0.8 * maxWindow) + 1;
            boolean ready = mixSamples >= needed || end;
            for (int s : limited) if (gainsKnown[s] < needed && !end) ready = false;
            if (!ready) continue;
            it.remove();
            hits.add(spectra(p.onset(), p.lowPeak()));
        }
    }

    private Hit spectra(long onset, float lowPeak) {
        KickRegion[] regions = KickRegion.values();
        float[][] after = new float[regions.length][], before = new float[regions.length][];
        float[][][] gain2 = new float[streams][][];
        for (int s : limited) gain2[s] = new float[regions.length][2];
        for (KickRegion r : regions) {
            int i = r.ordinal(), n = windowLen[i];
            long a = onset - Math.round(0.2 * n), b = onset - Math.round(1.25 * n);
            after[i] = power(i, a);
            before[i] = power(i, b);
            for (int s : limited) {
                gain2[s][i][0] = (float) meanGain2(s, i, a);
                gain2[s][i][1] = (float) meanGain2(s, i, b);
            }
        }
        double timeS = (onset * (double) factor - decimator.delay()) / rate;
        return new Hit(timeS, lowPeak, after, before, gain2);
    }

    /** Power per bin (mean square per bin, Hann-weighted) of the analysis signal in region i, window starting at from. */
    private float[] power(int i, long from) {
        int n = windowLen[i];
        float[] w = hann[i], x = fftWork;
        for (int k = 0; k < n; k++) {
            long a = from + k;
            x[k] = a < 0 || a >= mixSamples ? 0f : mix[(int) (a & ringMask)] * w[k];
        }
        ffts[i].realForward(x);
        float[] out = new float[hiBin[i] - loBin[i] + 1];
        double scale = 2.0 / (n * hannPower[i]);
        for (int k = loBin[i]; k <= hiBin[i]; k++) {
            double re = x[2 * k], im = x[2 * k + 1];
            out[k - loBin[i]] = (float) ((re * re + im * im) * scale);
        }
        return out;
    }

    /** Mean of the squared limiter gain of stream s over region i's window starting at from, weighted like the spectrum (Hann squared). */
    private double meanGain2(int s, int i, long from) {
        float[] w = hann[i], ring = gainRings[s];
        double sum = 0, weight = 0;
        for (int k = 0; k < w.length; k++) {
            long a = from + k;
            double g = a < 0 || a >= gainsKnown[s] ? 1 : ring[(int) (a & ringMask)];
            double ww = w[k] * (double) w[k];
            sum += ww * g * g;
            weight += ww;
        }
        return sum / weight;
    }

    @Override
    public void finish() {
        if (result != null) return;
        if (filled > 0) runBlock(filled);
        evaluateCandidates(true);
        long end = mixSamples;
        // Flush the filters and limiters until every render has caught up with the analysis signal.
        for (int guard = 0; convolver != null && guard < 64; guard++) {
            boolean behind = false;
            for (int s : limited) if (gainsKnown[s] < end) behind = true;
            if (!behind) break;
            long start = blocksIn * block;
            Arrays.fill(input, 0f);
            for (int i = 0; i < block; i++) mix[(int) ((start + i) & ringMask)] = 0f;
            convolver.process(input, filtered);
            for (int d = 0; d < limited.length; d++) limit(limited[d], filtered[d], start);
            blocksIn++;
        }
        capture(true);

        float[][] limiterEnergy = new float[streams][];
        for (int s : limited) {
            flushLimiterEnergy(s, 0);
            flushLimiterEnergy(s, 1);
            limiterEnergy[s] = limiterBlocks[s].toArray();
        }
        double floor = percentile(lowHops.toArray(), 0.95) * Math.pow(10, FLOOR_DB / 10);
        double[][] binHz = new double[windowLen.length][];
        for (int i = 0; i < windowLen.length; i++) {
            binHz[i] = new double[hiBin[i] - loBin[i] + 1];
            for (int k = loBin[i]; k <= hiBin[i]; k++) binHz[i][k - loBin[i]] = k * fa / windowLen[i];
        }
        result = new KickData(List.copyOf(ids), List.copyOf(hits), floor, driveDb.clone(), limiterEnergy,
                limiterBlock * (double) factor / rate, -(double) decimator.delay() / rate, binHz);
    }

    private static double percentile(float[] v, double q) {
        if (v.length == 0) return 0;
        float[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }

    public KickData result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    /** A growable float array. */
    static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        float get(int i) { return a[i]; }

        void set(int i, float v) { a[i] = v; }

        int size() { return n; }

        float[] toArray() { return Arrays.copyOf(a, n); }
    }
}

package dev.signoff.analysis.codecs;

import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.PeakResult;
import dev.signoff.analysis.loudness.TruePeakMeter;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.ffmpeg.FfmpegReader;
import dev.signoff.audio.wav.WavWriter;
import org.jtransforms.fft.DoubleFFT_1D;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Encodes a mix with ffmpeg's encoders, decodes it again and compares the decode with the mix,
 * streaming: the decoder's delay (encoder priming the container does not undo, the resampler's
 * latency) is found by cross-correlating a loud stretch near the start, taken out, and then both
 * streams are read side by side in blocks. Per codec: the decoded true peak and overs, the samples
 * at or past full scale, and the residual (mix minus decode) overall and per band.
 */
public final class CodecRoundTrip {
    private static final int BLOCK_FRAMES = 8192;
    /** Aimed below 0 dBTP when lowering a clipping encode, so the next try usually passes. */
    private static final double CLEAN_MARGIN_DB = 0.2;
    private static final int CLEAN_ATTEMPTS = 4;
    /**
     * How much a codec's overshoot may grow per dB the mix is lowered: ffmpeg's AAC on a loud
     * master overshot 0.6 dB more at 2 dB lower (0.3 per dB); a margin is taken on that.
     */
    private static final double OVERSHOOT_GROWTH_PER_DB = 0.5;
    /** Longest decoder delay looked for: LAME's 1105-sample priming and resamplers stay far below. */
    static final int MAX_DELAY_FRAMES = 4096;
    private static final int ALIGN_WINDOW = 8192;
    private static final double HEAD_SECONDS = 20;
    /** The head held for the alignment stays under 8 MB a stereo stream whatever the rate. */
    private static final int MAX_HEAD_FRAMES = 1 << 20;
    private static final int BAND_FFT = 4096;
    private static final double[][] BANDS = {{20, 250}, {250, 2000}, {2000, 8000}, {8000, 20000}};
    private static final String[] BAND_NAMES = {"lows", "low mids", "high mids", "highs"};

    private CodecRoundTrip() {}

    /** ffmpeg on the PATH, or a one-line error saying it is needed. */
    public static Path ffmpeg() throws CodecException {
        return ffmpeg(System.getenv("PATH"));
    }

    /** ffmpeg in {@code searchPath} (a PATH-style list of folders), or the one-line error. */
    static Path ffmpeg(String searchPath) throws CodecException {
        return FfmpegReader.findExecutable("ffmpeg", searchPath)
                .orElseThrow(() -> new CodecException("the codec round trip (--codecs) needs ffmpeg on PATH (apt-get install ffmpeg)"));
    }

    /**
     * Starts round-tripping {@code mix} through every codec on {@code pool}, the costliest first, and
     * returns at once; {@link #collect} waits for the results. Fails at once when ffmpeg is missing.
     *
     * @param renderDir where to write each decode and residual ({@code <mix>.<codec>.wav},
     *                  {@code <mix>.<codec>.residual.wav}), or null
     */
    public static Started start(Path mix, List<Codec> codecs, Path renderDir, ExecutorService pool) throws CodecException {
        Path ffmpeg = ffmpeg();
        Map<Codec, Future<CodecResult>> byCodec = new EnumMap<>(Codec.class);
        codecs.stream().sorted(Comparator.comparingDouble(Codec::ffmpegCpuSeconds).reversed())
                .forEach(c -> byCodec.put(c, pool.submit(() -> roundTrip(ffmpeg, mix, c, renderDir, 0))));
        return new Started(ffmpeg, mix, pool, codecs.stream().map(byCodec::get).toList());
    }

    /** Round trips under way on {@code pool}, in the codecs' order. */
    public record Started(Path ffmpeg, Path mix, ExecutorService pool, List<Future<CodecResult>> futures) {}

    /**
     * The results of {@link #start}, in the codecs' order, with the gain that keeps every decode
     * clean when one clips ({@link #withCeiling}); the first failure cancels the rest.
     */
    public static List<CodecResult> collect(Started started) throws IOException {
        List<CodecResult> first = results(started.futures());
        return withCeiling(first, (codec, gainDb) -> started.pool().submit(() -> decodedPeaks(started.ffmpeg(), started.mix(), codec, gainDb)));
    }

    private static List<CodecResult> results(List<Future<CodecResult>> futures) throws IOException {
        List<CodecResult> out = new ArrayList<>();
        try {
            for (Future<CodecResult> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the codec round trip", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        } finally {
            for (Future<CodecResult> f : futures) f.cancel(true);
        }
        return List.copyOf(out);
    }

    /** A round trip of the mix through {@code codec} at {@code gainDb}, under way. */
    interface LoweredRoundTrip {
        Future<CodecResult> start(Codec codec, double gainDb);
    }

    /**
     * When some decodes clip, the one gain on the mix (0.1 dB steps) that keeps every decode clean
     * ({@link CodecResult#cleanGainDb()}, the same on each clipping codec). It starts from the
     * codec that needs the most headroom (its excess plus {@value #CLEAN_MARGIN_DB} dB) and is
     * verified by encoding again, at that gain, every clipping codec it might not leave clean (its
     * first decode's peak plus the gain is within the margin plus {@value #OVERSHOOT_GROWTH_PER_DB}
     * dB per dB of gain of 0 dBTP; always the one that needed the most). A codec that fails lowers
     * the gain by its new excess and the check repeats, up to {@value #CLEAN_ATTEMPTS} times. A
     * codec's overshoot does not simply follow the level (its quantisation noise falls differently
     * on the peaks), hence the encodes; a codec left further under 0 dBTP is not encoded again, as
     * one whose first decode did not clip is not.
     */
    static List<CodecResult> withCeiling(List<CodecResult> first, LoweredRoundTrip lowered) throws IOException {
        List<CodecResult> clipping = first.stream().filter(CodecResult::clips).toList();
        if (clipping.isEmpty()) return first;
        double gain = 0;
        for (CodecResult r : clipping) gain = Math.min(gain, -excessStep(r.truePeakDbtp()));
        Set<Codec> verified = EnumSet.noneOf(Codec.class);
        for (int attempt = 0; attempt < CLEAN_ATTEMPTS; attempt++) {
            List<Future<CodecResult>> tries = new ArrayList<>();
            for (CodecResult r : clipping) {
                boolean mightClip = r.truePeakDbtp() + gain > -(CLEAN_MARGIN_DB - OVERSHOOT_GROWTH_PER_DB * gain);
                if (mightClip && !verified.contains(r.codec())) tries.add(lowered.start(r.codec(), gain));
            }
            double further = 0;
            for (CodecResult t : results(tries)) {
                if (t.clips()) further = Math.max(further, excessStep(t.truePeakDbtp()));
                else verified.add(t.codec());   // clean at this gain, so at any lower one
            }
            if (further == 0) return withCleanGain(first, gain);
            gain -= further;
        }
        return withCleanGain(first, Double.NaN);
    }

    /** How far to lower a decode peaking at {@code truePeakDbtp} to leave it the margin under 0 dBTP, in 0.1 dB steps. */
    private static double excessStep(double truePeakDbtp) {
        return Math.ceil((Math.max(truePeakDbtp, 0) + CLEAN_MARGIN_DB) * 10) / 10;
    }

    private static List<CodecResult> withCleanGain(List<CodecResult> results, double gainDb) {
        return results.stream().map(r -> r.clips() ? r.withCleanGain(gainDb) : r).toList();
    }

    /**
     * One codec: encode (raised or lowered by {@code gainDb} on the way in) to a temporary file,
     * decode and compare with the mix at that gain.
     */
    public static CodecResult roundTrip(Path ffmpeg, Path mix, Codec codec, Path renderDir, double gainDb) throws IOException {
        return encoded(ffmpeg, mix, codec, gainDb, encoded -> {
            try (AudioReader original = AudioDecoders.open(mix);
                 DecodedPipe decoded = new DecodedPipe(ffmpeg, encoded, codec, original.info())) {
                return compare(codec, original, decoded, (float) Math.pow(10, gainDb / 20),
                        renderDir == null ? null : renderDir.resolve(baseName(mix) + "." + codec.id()));
            }
        });
    }

    /**
     * One codec, lowered by {@code gainDb}: the decode's true peak, overs and clipped samples alone,
     * all that the ceiling's search needs (no alignment, no residual: NaN, no bands).
     */
    static CodecResult decodedPeaks(Path ffmpeg, Path mix, Codec codec, double gainDb) throws IOException {
        StreamInfo info;
        try (AudioReader original = AudioDecoders.open(mix)) {
            info = original.info();
        }
        return encoded(ffmpeg, mix, codec, gainDb, encoded -> {
            try (DecodedPipe decoded = new DecodedPipe(ffmpeg, encoded, codec, info)) {
                TruePeakMeter peaks = new TruePeakMeter(info);
                long clipped = 0;
                AudioBlock b;
                while ((b = decoded.read(BLOCK_FRAMES)) != null) {
                    clipped += clippedSamples(b.samples(), b.frames());
                    peaks.accept(b);
                }
                peaks.finish();
                PeakResult p = peaks.result();
                return new CodecResult(codec, p.truePeakDbtp(), p.overCount(), clipped, Double.NaN, List.of(), 0, 0, null, null,
                        Double.NaN, Double.NaN);
            }
        });
    }

    private interface Decoding {
        CodecResult of(Path encoded) throws IOException;
    }

    /** Encodes {@code mix} (at {@code gainDb}) to a temporary file, hands it to {@code decoding}, then deletes it. */
    private static CodecResult encoded(Path ffmpeg, Path mix, Codec codec, double gainDb, Decoding decoding) throws IOException {
        Path encoded = Files.createTempFile("signoff-codec-", "." + codec.extension());
        encoded.toFile().deleteOnExit();    // also when the check is interrupted mid-encode
        try {
            encode(ffmpeg, mix, codec, encoded, gainDb);
            return decoding.of(encoded);
        } finally {
            Files.deleteIfExists(encoded);
        }
    }

    private static long clippedSamples(float[][] samples, int frames) {
        long n = 0;
        for (float[] ch : samples) for (int i = 0; i < frames; i++) if (Math.abs(ch[i]) >= 1f) n++;
        return n;
    }

    private static void encode(Path ffmpeg, Path mix, Codec codec, Path encoded, double gainDb) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-i", mix.toString(), "-map", "0:a:0"));
        if (gainDb != 0) cmd.addAll(List.of("-af", String.format(java.util.Locale.ROOT, "volume=%.2fdB:precision=double", gainDb)));
        cmd.addAll(codec.encoderArgs());
        cmd.add(encoded.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread d = drain(p.getInputStream(), err);
        try {
            int code = p.waitFor();
            d.join();
            if (code != 0) throw new CodecException("ffmpeg could not encode " + mix.getFileName() + " to " + codec.displayName() + ": " + firstLine(err));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while encoding " + codec.displayName(), e);
        }
    }

    private static CodecResult compare(Codec codec, AudioReader original, AudioReader decoded, float gain, Path renderBase)
            throws IOException {
        StreamInfo info = original.info();
        int channels = info.channels();
        int headFrames = (int) Math.min(MAX_HEAD_FRAMES, Math.round(HEAD_SECONDS * info.sampleRate()));
        Source orig = new Source(original, headFrames), dec = new Source(decoded, headFrames);
        int delay = delay(orig.head, orig.headLen, dec.head, dec.headLen);
        if (delay > 0) dec.skip(delay);
        else orig.skip(-delay);

        TruePeakMeter peaks = new TruePeakMeter(info);
        // Their loudness only levels the players of the files written; without files it is not worth two more meters.
        LoudnessMeter decodedLoudness = renderBase == null ? null : new LoudnessMeter(info);
        LoudnessMeter residualLoudness = renderBase == null ? null : new LoudnessMeter(info);
        Stft mixBands = new Stft(info, BAND_FFT, true), residualBands = new Stft(info, BAND_FFT, true);
        BandPowers mixPower = new BandPowers(mixBands, info.sampleRate()), residualPower = new BandPowers(residualBands, info.sampleRate());
        mixBands.addListener(mixPower);
        residualBands.addListener(residualPower);
        double mixEnergy = 0, residualEnergy = 0;
        long clipped = 0, frame = 0;
        Path decodedFile = renderBase == null ? null : renderBase.resolveSibling(renderBase.getFileName() + ".wav");
        Path residualFile = renderBase == null ? null : renderBase.resolveSibling(renderBase.getFileName() + ".residual.wav");
        try (WavWriter decodedOut = decodedFile == null ? null : WavWriter.open(decodedFile, info.sampleRate(), channels, 32);
             WavWriter residualOut = residualFile == null ? null : WavWriter.open(residualFile, info.sampleRate(), channels, 32)) {
            while (true) {
                float[][] d = new float[channels][BLOCK_FRAMES];
                int n = dec.read(d, BLOCK_FRAMES);
                if (n == 0) break;
                clipped += clippedSamples(d, n);
                peaks.accept(new AudioBlock(d, n, frame));
                if (decodedLoudness != null) decodedLoudness.accept(new AudioBlock(d, n, frame));
                if (decodedOut != null) decodedOut.write(d, n);
                float[][] o = new float[channels][BLOCK_FRAMES];
                int m = orig.read(o, n);
                if (gain != 1f) for (int c = 0; c < channels; c++) for (int i = 0; i < m; i++) o[c][i] *= gain;
                if (m > 0) {
                    float[][] r = new float[channels][m];
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < m; i++) {
                            float diff = o[c][i] - d[c][i];
                            r[c][i] = diff;
                            mixEnergy += o[c][i] * (double) o[c][i];
                            residualEnergy += diff * (double) diff;
                        }
                    }
                    mixBands.accept(new AudioBlock(o, m, frame));
                    residualBands.accept(new AudioBlock(r, m, frame));
                    if (residualLoudness != null) residualLoudness.accept(new AudioBlock(r, m, frame));
                    if (residualOut != null) residualOut.write(r, m);
                }
                frame += n;
            }
        }
        peaks.finish();
        if (decodedLoudness != null) {
            decodedLoudness.finish();
            residualLoudness.finish();
        }
        mixBands.finish();
        residualBands.finish();
        PeakResult p = peaks.result();
        List<CodecResult.BandResidual> bands = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            bands.add(new CodecResult.BandResidual(BAND_NAMES[b], BANDS[b][0], Math.min(BANDS[b][1], info.sampleRate() / 2.0),
                    ratioDb(residualPower.power[b], mixPower.power[b])));
        }
        return new CodecResult(codec, p.truePeakDbtp(), p.overCount(), clipped, ratioDb(residualEnergy, mixEnergy), bands, delay,
                0, decodedFile, residualFile, decodedLoudness == null ? Double.NaN : decodedLoudness.result().integratedLufs(),
                residualLoudness == null ? Double.NaN : residualLoudness.result().integratedLufs());
    }

    private static double ratioDb(double p, double reference) {
        return reference > 0 && p > 0 ? 10 * Math.log10(p / reference) : Double.NaN;
    }

    /**
     * Frames by which the decode runs behind the mix (negative: ahead): the lag of the highest
     * normalised cross-correlation of the channel sums over the loudest {@value #ALIGN_WINDOW}
     * frames of the head. 0 when the head is too short or silent.
     */
    static int delay(float[][] mix, int mixLen, float[][] dec, int decLen) {
        int len = Math.min(mixLen, decLen);
        int maxLag = Math.min(MAX_DELAY_FRAMES, len / 4);
        int window = Math.min(ALIGN_WINDOW, len - 2 * maxLag);
        if (window < 64) return 0;
        float[] a = sum(mix, len), b = sum(dec, len);
        // The loudest window that leaves room for every lag on both sides.
        double[] prefix = new double[len + 1];
        for (int i = 0; i < len; i++) prefix[i + 1] = prefix[i] + a[i] * (double) a[i];
        int start = maxLag;
        double best = -1;
        for (int s = maxLag; s + window + maxLag <= len; s += window / 4) {
            double e = prefix[s + window] - prefix[s];
            if (e > best) {
                best = e;
                start = s;
            }
        }
        if (!(best > 0)) return 0;
        double[] bPrefix = new double[len + 1];
        for (int i = 0; i < len; i++) bPrefix[i + 1] = bPrefix[i] + b[i] * (double) b[i];
        double[] correlation = crossCorrelation(a, start, window, b, start - maxLag, window + 2 * maxLag);
        int bestLag = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            int off = start + lag;
            double e = bPrefix[off + window] - bPrefix[off];
            double score = e > 0 ? correlation[lag + maxLag] / Math.sqrt(e) : Double.NEGATIVE_INFINITY;
            if (score > bestScore) {
                bestScore = score;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    /**
     * {@code c[k] = sum over i < aLen of a[aFrom + i] * b[bFrom + k + i]} for k in [0, bLen - aLen], through
     * one FFT (every lag by direct sums would be aLen times as many multiplications as there are lags).
     */
    private static double[] crossCorrelation(float[] a, int aFrom, int aLen, float[] b, int bFrom, int bLen) {
        int n = Integer.highestOneBit(Math.max(1, bLen - 1)) << 1;  // no wrap-around: every i + k < bLen <= n
        double[] fa = new double[2 * n], fb = new double[2 * n];
        for (int i = 0; i < aLen; i++) fa[2 * i] = a[aFrom + i];
        for (int i = 0; i < bLen; i++) fb[2 * i] = b[bFrom + i];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.complexForward(fa);
        fft.complexForward(fb);
        for (int k = 0; k < n; k++) {   // conj(A) * B
            double re = fa[2 * k], im = fa[2 * k + 1], bre = fb[2 * k], bim = fb[2 * k + 1];
            fb[2 * k] = re * bre + im * bim;
            fb[2 * k + 1] = re * bim - im * bre;
        }
        fft.complexInverse(fb, true);
        double[] c = new double[bLen - aLen + 1];
        for (int k = 0; k < c.length; k++) c[k] = fb[2 * k];
        return c;
    }

    private static float[] sum(float[][] x, int len) {
        float[] s = new float[len];
        for (float[] ch : x) for (int i = 0; i < len; i++) s[i] += ch[i];
        return s;
    }

    /** The mix's file name without its extension. */
    static String baseName(Path mix) {
        String name = mix.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static Thread drain(InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            try {
                byte[] b = in.readAllBytes();
                synchronized (into) {
                    into.append(new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process died; its exit code tells
            }
        }, "signoff-ffmpeg-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String firstLine(StringBuilder s) {
        synchronized (s) {
            String t = s.toString().strip();
            int nl = t.indexOf('\n');
            return t.isEmpty() ? "no message" : nl < 0 ? t : t.substring(0, nl);
        }
    }

    /** A reader with its first frames held in memory (for the alignment), then the rest streamed. */
    private static final class Source {
        final float[][] head;
        final int headLen;
        private final AudioReader reader;
        private int headPos;
        private AudioBlock pending;
        private int pendingPos;

        Source(AudioReader reader, int headFrames) throws IOException {
            this.reader = reader;
            int channels = reader.info().channels();
            float[][] h = new float[channels][headFrames];
            int len = 0;
            while (len < headFrames) {
                AudioBlock b = reader.read(Math.min(BLOCK_FRAMES, headFrames - len));
                if (b == null) break;
                for (int c = 0; c < channels; c++) System.arraycopy(b.samples()[c], 0, h[c], len, b.frames());
                len += b.frames();
            }
            head = h;
            headLen = len;
        }

        void skip(int frames) throws IOException {
            float[][] sink = new float[head.length][Math.max(1, frames)];
            int left = frames;
            while (left > 0) {
                int n = read(sink, left);
                if (n == 0) return;
                left -= n;
            }
        }

        /** Fills up to {@code max} frames of {@code dst}; 0 at the end. */
        int read(float[][] dst, int max) throws IOException {
            int done = 0;
            while (done < max) {
                if (headPos < headLen) {
                    int n = Math.min(max - done, headLen - headPos);
                    for (int c = 0; c < dst.length; c++) System.arraycopy(head[c], headPos, dst[c], done, n);
                    headPos += n;
                    done += n;
                    continue;
                }
                if (pending == null || pendingPos == pending.frames()) {
                    pending = reader.read(BLOCK_FRAMES);
                    pendingPos = 0;
                    if (pending == null) break;
                    continue;
                }
                int n = Math.min(max - done, pending.frames() - pendingPos);
                for (int c = 0; c < dst.length; c++) System.arraycopy(pending.samples()[c], pendingPos, dst[c], done, n);
                pendingPos += n;
                done += n;
            }
            return done;
        }
    }

    /** Signal power per band, summed over the STFT's frames. */
    private static final class BandPowers implements Stft.Listener {
        final double[] power = new double[BANDS.length];
        private final int[][] bins = new int[BANDS.length][2];

        BandPowers(Stft stft, int sampleRate) {
            double binHz = stft.binHz();
            for (int b = 0; b < BANDS.length; b++) {
                bins[b][0] = Math.max(1, (int) Math.ceil(BANDS[b][0] / binHz));
                bins[b][1] = Math.min(stft.size() / 2 - 1, (int) Math.floor(Math.min(BANDS[b][1], sampleRate / 2.0) / binHz));
            }
        }

        @Override
        public void frame(float[][] spectra, long startFrame, int validFrames) {
            for (int b = 0; b < BANDS.length; b++) {
                if (bins[b][1] >= bins[b][0]) power[b] += Stft.bandPower(spectra[0], bins[b][0], bins[b][1]);
            }
        }

        @Override
        public void finish() { }
    }
}

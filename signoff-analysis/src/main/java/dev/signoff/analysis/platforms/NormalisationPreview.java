package dev.signoff.analysis.platforms;

import dev.signoff.analysis.devices.LimiterSettings;
import dev.signoff.analysis.devices.PeakLimiter;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.TruePeakMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every streaming service makes of a track, from its integrated loudness and peaks. Gains and
 * the playback of services without a limiter follow from the two figures; Spotify Loud's limiter
 * is run on the audio itself, and only when it engages (the raised sample peak passes its
 * ceiling), so most tracks are not read again. Usable for a single track ({@code check
 * --platforms}) and for any loudness and peak an album's normalisation hands in.
 */
public final class NormalisationPreview {
    private static final int BLOCK_FRAMES = 8192;

    private NormalisationPreview() {}

    /** Opens the track's audio again from its start, for the limiter. */
    @FunctionalInterface
    public interface AudioSource {
        AudioReader open() throws IOException;
    }

    /**
     * Every service's playback of a track; empty for a track without a measurable loudness (silence).
     *
     * @param samplePeakDbfs the highest sample, which decides whether Spotify Loud's limiter engages
     * @param audio          read only when the limiter engages
     */
    public static List<PlatformPlayback> of(double integratedLufs, double truePeakDbtp, double samplePeakDbfs, AudioSource audio)
            throws IOException {
        if (!Double.isFinite(integratedLufs) || !Double.isFinite(truePeakDbtp)) return List.of();
        List<PlatformPlayback> out = new ArrayList<>();
        for (StreamingService s : StreamingService.values()) {
            double gain = s.gainDb(integratedLufs, truePeakDbtp);
            boolean limits = s.raise() == StreamingService.Raise.THROUGH_LIMITER
                    && samplePeakDbfs + gain > StreamingService.LOUD_LIMITER.ceilingDb();
            out.add(limits ? limited(s, gain, audio)
                    : new PlatformPlayback(s, gain, integratedLufs + gain, truePeakDbtp + gain, 0));
        }
        return List.copyOf(out);
    }

    /** Raises the audio by {@code gainDb} into the service's limiter and measures what comes out. */
    private static PlatformPlayback limited(StreamingService s, double gainDb, AudioSource audio) throws IOException {
        try (AudioReader reader = audio.open()) {
            StreamInfo info = reader.info();
            LimiterSettings l = StreamingService.LOUD_LIMITER;
            PeakLimiter limiter = new PeakLimiter(info.channels(), info.sampleRate(),
                    new LimiterSettings(gainDb, l.ceilingDb(), l.lookAheadMs(), l.releaseMs()));
            LimitedPlayback playback = new LimitedPlayback(info, limiter.latency());
            AudioBlock block;
            while ((block = reader.read(BLOCK_FRAMES)) != null) {
                if (block.frames() > 0) playback.push(limiter, block.samples(), block.frames());
            }
            // The limiter holds back its look-ahead: push silence through to get the last samples out.
            playback.push(limiter, new float[info.channels()][limiter.latency()], limiter.latency());
            return playback.finish(s, gainDb);
        }
    }

    /** The limiter's output, its latency cut off the front, into a loudness and a true-peak meter. */
    private static final class LimitedPlayback {
        private final StreamInfo info;
        private final LoudnessMeter loudness;
        private final TruePeakMeter peaks;
        private long toSkip;
        private long written;
        private double lowestGain = 1;
        private double[][] work = new double[0][];
        private double[] gains = new double[0];

        LimitedPlayback(StreamInfo info, int latency) {
            this.info = info;
            this.loudness = new LoudnessMeter(info);
            this.peaks = new TruePeakMeter(info);
            this.toSkip = latency;
        }

        void push(PeakLimiter limiter, float[][] in, int frames) {
            int channels = info.channels();
            if (gains.length < frames) {
                work = new double[channels][frames];
                gains = new double[frames];
            }
            for (int c = 0; c < channels; c++) for (int i = 0; i < frames; i++) work[c][i] = in[c][i];
            limiter.process(work, frames, gains);
            for (int i = 0; i < frames; i++) lowestGain = Math.min(lowestGain, gains[i]);
            int skip = (int) Math.min(toSkip, frames);
            toSkip -= skip;
            int n = frames - skip;
            if (n == 0) return;
            float[][] outBlock = new float[channels][n];
            for (int c = 0; c < channels; c++) for (int i = 0; i < n; i++) outBlock[c][i] = (float) work[c][skip + i];
            AudioBlock b = new AudioBlock(outBlock, n, written);
            loudness.accept(b);
            peaks.accept(b);
            written += n;
        }

        PlatformPlayback finish(StreamingService s, double gainDb) {
            loudness.finish();
            peaks.finish();
            return new PlatformPlayback(s, gainDb, loudness.result().integratedLufs(), peaks.result().truePeakDbtp(),
                    -20 * Math.log10(lowestGain));
        }
    }
}

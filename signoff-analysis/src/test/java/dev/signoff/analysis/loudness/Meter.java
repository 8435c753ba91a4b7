package dev.signoff.analysis.loudness;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.ChannelLayout;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;

/** Runs the meters over generated planar signals in blocks, as the pipeline does. */
final class Meter {
    private Meter() {}

    static StreamInfo info(int rate, int channels) {
        return new StreamInfo(rate, channels, 24, false, "test", -1);
    }

    static LoudnessResult loudness(int rate, float[]... channels) {
        return loudness(info(rate, channels.length), channels);
    }

    static LoudnessResult loudness(StreamInfo info, float[]... channels) {
        LoudnessMeter m = new LoudnessMeter(info);
        for (AudioBlock b : Signals.blocks(channels, 4096)) m.accept(b);
        m.finish();
        return m.result();
    }

    static PeakResult peaks(int rate, boolean skipping, float[]... channels) {
        TruePeakMeter m = new TruePeakMeter(info(rate, channels.length), skipping);
        for (AudioBlock b : Signals.blocks(channels, 3001)) m.accept(b);
        m.finish();
        return m.result();
    }

    static StreamInfo surround50(int rate) {
        return new StreamInfo(rate, 5, 24, false, "test", -1, ChannelLayout.defaultFor(5));
    }
}

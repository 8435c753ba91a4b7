package dev.signoff.analysis.loudness;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class TruePeakMeter implements Analyser {
    public TruePeakMeter(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public PeakResult result() { throw new UnsupportedOperationException("TruePeakMeter not written yet"); }
}

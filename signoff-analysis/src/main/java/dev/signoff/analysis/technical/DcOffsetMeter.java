package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class DcOffsetMeter implements Analyser {
    public DcOffsetMeter(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public DcOffsetResult result() { throw new UnsupportedOperationException("DcOffsetMeter not written yet"); }
}

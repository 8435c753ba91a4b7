package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class ClippingDetector implements Analyser {
    public ClippingDetector(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public ClippingResult result() { throw new UnsupportedOperationException("ClippingDetector not written yet"); }
}

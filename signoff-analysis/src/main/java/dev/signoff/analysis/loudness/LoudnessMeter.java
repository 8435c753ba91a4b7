package dev.signoff.analysis.loudness;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class LoudnessMeter implements Analyser {
    public LoudnessMeter(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public LoudnessResult result() { throw new UnsupportedOperationException("LoudnessMeter not written yet"); }
}

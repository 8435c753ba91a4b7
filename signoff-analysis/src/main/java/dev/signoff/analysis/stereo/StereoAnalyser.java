package dev.signoff.analysis.stereo;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class StereoAnalyser implements Analyser {
    public StereoAnalyser(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public StereoResult result() { throw new UnsupportedOperationException("StereoAnalyser not written yet"); }
}

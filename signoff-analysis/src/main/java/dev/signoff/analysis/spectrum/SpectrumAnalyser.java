package dev.signoff.analysis.spectrum;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class SpectrumAnalyser implements Analyser {
    public SpectrumAnalyser(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public SpectrumResult result() { throw new UnsupportedOperationException("SpectrumAnalyser not written yet"); }
}

package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class EdgeInspector implements Analyser {
    public EdgeInspector(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public EdgesResult result() { throw new UnsupportedOperationException("EdgeInspector not written yet"); }
}

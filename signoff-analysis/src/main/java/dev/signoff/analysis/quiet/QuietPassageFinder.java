package dev.signoff.analysis.quiet;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/** PLACEHOLDER: to be written. */
public final class QuietPassageFinder implements Analyser {
    public QuietPassageFinder(StreamInfo info) { }
    @Override public void accept(AudioBlock block) { }
    @Override public void finish() { }
    public java.util.List<QuietPassage> result() { return java.util.List.of(); }
}

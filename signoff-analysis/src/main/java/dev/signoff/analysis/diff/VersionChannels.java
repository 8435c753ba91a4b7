package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;

/** Hands one version's two channels of a {@link PairedReader} block to an analyser made for a stereo stream. */
final class VersionChannels implements Analyser {
    private final Analyser target;
    private final int first;

    /** @param first {@link PairedReader#OLD} or {@link PairedReader#NEW} */
    VersionChannels(Analyser target, int first) {
        this.target = target;
        this.first = first;
    }

    @Override
    public void accept(AudioBlock block) {
        target.accept(new AudioBlock(new float[][]{block.channel(first), block.channel(first + 1)}, block.frames(), block.startFrame()));
    }

    @Override
    public void finish() {
        target.finish();
    }
}

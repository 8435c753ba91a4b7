package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;

import java.util.List;

/** Hands one version's two channels of a {@link PairedReader} block to analysers made for a stereo stream. */
final class VersionChannels implements Analyser {
    private final List<Analyser> targets;
    private final int first;

    /** @param first {@link PairedReader#OLD} or {@link PairedReader#NEW} */
    VersionChannels(int first, List<Analyser> targets) {
        this.targets = List.copyOf(targets);
        this.first = first;
    }

    @Override
    public void accept(AudioBlock block) {
        AudioBlock version = new AudioBlock(new float[][]{block.channel(first), block.channel(first + 1)}, block.frames(), block.startFrame());
        for (Analyser a : targets) a.accept(version);
    }

    @Override
    public void finish() {
        for (Analyser a : targets) a.finish();
    }
}

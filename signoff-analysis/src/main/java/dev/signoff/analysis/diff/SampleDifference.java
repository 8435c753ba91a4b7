package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;

/** The largest difference between the aligned samples of the two versions: zero when they are identical. */
final class SampleDifference implements Analyser {
    private double max;

    @Override
    public void accept(AudioBlock block) {
        for (int c = 0; c < 2; c++) {
            float[] o = block.channel(PairedReader.OLD + c), n = block.channel(PairedReader.NEW + c);
            for (int i = 0; i < block.frames(); i++) max = Math.max(max, Math.abs(n[i] - o[i]));
        }
    }

    @Override
    public void finish() {
    }

    double max() {
        return max;
    }
}

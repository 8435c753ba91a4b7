package dev.signoff.analysis;

import dev.signoff.audio.AudioBlock;

/**
 * One measurement over a stream, fed block by block from the single decoding pass. An analyser
 * is built with the stream's {@link dev.signoff.audio.StreamInfo}, receives every block in order
 * through {@link #accept}, and computes its result in {@link #finish}. It never writes to a block
 * (others read the same one, maybe on another thread) and knows nothing about reports or findings.
 */
public interface Analyser {

    void accept(AudioBlock block);

    /** Called once after the last block; results are available afterwards. */
    void finish();
}

package dev.signoff.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A streaming decoder for one file: memory stays bounded by the block size whatever the file's
 * length. One implementation a container/codec, all found through {@link AudioDecoders#open}.
 */
public interface AudioReader extends Closeable {

    /** The stream's format, known once the reader is open. */
    StreamInfo info();

    /**
     * Decodes up to {@code maxFrames} frames into a new block.
     *
     * @return the next block, or null at the end of the stream
     * @throws AudioFileException when the file turns out to be truncated or corrupt
     */
    AudioBlock read(int maxFrames) throws IOException;

    /**
     * What the decoder skipped to keep going ({@link DecodeDamage}); complete once {@link #read}
     * has returned null. Formats without frames to lose (PCM) have none.
     */
    default DecodeDamage damage() {
        return DecodeDamage.NONE;
    }

    /**
     * True when every sample this reader returns is finite by construction (integers scaled to
     * floats: PCM, FLAC), so a consumer need not look for NaN or infinity in its blocks.
     */
    default boolean finiteSamples() {
        return false;
    }

    @Override
    void close() throws IOException;
}

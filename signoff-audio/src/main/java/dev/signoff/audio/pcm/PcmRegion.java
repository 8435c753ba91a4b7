package dev.signoff.audio.pcm;

import dev.signoff.audio.StreamInfo;

/**
 * Where a container keeps its interleaved samples and how they are stored.
 *
 * @param dataStart file offset of the first sample byte
 * @param dataBytes length of the sample data as the container declares it
 * @param encoding  storage of one sample
 * @param info      the stream's format (its frame count is recomputed from {@code dataBytes})
 */
public record PcmRegion(long dataStart, long dataBytes, PcmEncoding encoding, StreamInfo info) {

    public int channels() { return info.channels(); }
}

package dev.signoff.audio;

/**
 * A run of decoded frames, planar: {@code samples[channel][i]} for {@code i < frames}, full scale
 * at +-1.0. Blocks are handed to several analysers, possibly on several threads, so nobody
 * writes to a block once a reader has returned it.
 *
 * @param samples    one array per channel, at least {@code frames} long
 * @param frames     number of valid frames
 * @param startFrame index of the first frame in the whole stream
 */
public record AudioBlock(float[][] samples, int frames, long startFrame) {

    public int channels() { return samples.length; }

    public float[] channel(int c) { return samples[c]; }
}

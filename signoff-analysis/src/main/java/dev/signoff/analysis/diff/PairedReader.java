package dev.signoff.analysis.diff;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;

/**
 * Two versions read side by side over the part they share, as one four-channel stream: channels
 * 0 and 1 are the old version's left and right, 2 and 3 the new version's, sample for sample in
 * line ({@link Alignment}). Each version contributes its front pair; a mono version is read as the
 * same signal on both sides. The stream ends when either version does.
 */
final class PairedReader implements AudioReader {
    /** Channel offsets of each version in the paired blocks. */
    static final int OLD = 0, NEW = 2;

    private final Side older, newer;
    private final StreamInfo info;
    private long position;

    /**
     * @param older the old version, opened at its start
     * @param newer the new version, opened at its start
     */
    PairedReader(AudioReader older, AudioReader newer, Alignment alignment) {
        this.older = new Side(older, alignment.oldSkipFrames());
        this.newer = new Side(newer, alignment.newSkipFrames());
        StreamInfo o = older.info();
        info = new StreamInfo(o.sampleRate(), 4, 32, true, "paired", -1);
    }

    /** {left, right} channel indices compared for a stream: its front pair, or its only channel twice. */
    static int[] comparedChannels(StreamInfo info) {
        int[] pair = info.layout().frontPair();
        return pair == null ? new int[]{0, 0} : pair;
    }

    /** The two-channel format each version is analysed in. */
    static StreamInfo versionInfo(StreamInfo source) {
        return new StreamInfo(source.sampleRate(), 2, source.bitsPerSample(), source.floatingPoint(), source.format(), -1);
    }

    @Override
    public StreamInfo info() {
        return info;
    }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        if (!older.fill() || !newer.fill()) return null;
        int n = Math.min(maxFrames, Math.min(older.available(), newer.available()));
        float[][] out = new float[4][n];
        older.take(out, OLD, n);
        newer.take(out, NEW, n);
        AudioBlock block = new AudioBlock(out, n, position);
        position += n;
        return block;
    }

    @Override
    public void close() throws IOException {
        try {
            older.reader.close();
        } finally {
            newer.reader.close();
        }
    }

    /** One version: its reader, the block being used up and the samples still to skip. */
    private static final class Side {
        final AudioReader reader;
        final int[] pick;
        long skip;
        AudioBlock block;
        int used;

        Side(AudioReader reader, long skip) {
            this.reader = reader;
            this.skip = skip;
            pick = comparedChannels(reader.info());
        }

        /** Makes at least one sample available; false at the end of the stream. */
        boolean fill() throws IOException {
            while (block == null || used >= block.frames()) {
                block = reader.read(65_536);
                used = 0;
                if (block == null) return false;
                if (skip > 0) {
                    int s = (int) Math.min(skip, block.frames());
                    used = s;
                    skip -= s;
                }
            }
            return true;
        }

        int available() {
            return block.frames() - used;
        }

        void take(float[][] out, int offset, int n) {
            for (int c = 0; c < 2; c++) System.arraycopy(block.channel(pick[c]), used, out[offset + c], 0, n);
            used += n;
        }
    }
}

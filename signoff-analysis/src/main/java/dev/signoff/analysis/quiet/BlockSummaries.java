package dev.signoff.analysis.quiet;

import dev.signoff.analysis.SpillingSeries;

/**
 * What the passage classification needs of each 100 ms block, one value per block in each series.
 * Kept in {@link SpillingSeries}: the first minutes stay in the heap, the rest goes to a temporary file
 * (otherwise 1.4 MB an hour, 35 MB over a day-long file, twice that while the arrays grow).
 */
final class BlockSummaries {
    /** Full chunks of each series kept in the heap: 2 x 4096 blocks, 13.6 minutes; a song never touches the disk. */
    private static final int MEMORY_CHUNKS = 2;

    /** K-weighted mean square with the BS.1770-4 channel weights (the loudness meter's). */
    final SpillingSeries kPower;
    /** Mean square of the loudest channel. */
    final SpillingSeries rmsPower;
    /** 1 when every sample is digital silence, else 0. */
    final SpillingSeries silent;
    /** The loudest channel's noise-floor mean square ({@link NoiseFloor}); NaN where not measured. */
    final SpillingSeries floorPower;
    /** That channel's power above the floor's lower edge over the floor there; NaN where not measured. */
    final SpillingSeries tonalRatio;

    /** Each series in chunks of {@link SpillingSeries#CHUNK}, MEMORY_CHUNKS of them in the heap. */
    BlockSummaries() {
        this(SpillingSeries.CHUNK, MEMORY_CHUNKS);
    }

    /** @param chunk values per chunk and @param memoryChunks chunks in the heap, for each series (small in tests) */
    BlockSummaries(int chunk, int memoryChunks) {
        kPower = new SpillingSeries(chunk, memoryChunks);
        rmsPower = new SpillingSeries(chunk, memoryChunks);
        silent = new SpillingSeries(chunk, memoryChunks);
        floorPower = new SpillingSeries(chunk, memoryChunks);
        tonalRatio = new SpillingSeries(chunk, memoryChunks);
    }

    /** Lets the temporary files go. */
    void close() {
        kPower.close();
        rmsPower.close();
        silent.close();
        floorPower.close();
        tonalRatio.close();
    }
}

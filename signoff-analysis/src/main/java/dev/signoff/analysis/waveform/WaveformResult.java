package dev.signoff.analysis.waveform;

import java.util.List;

/**
 * A waveform's peaks at several zoom levels, finest first.
 *
 * @param sampleRate frames per second of the source
 * @param channels   number of channels
 * @param frames     frames in the source
 * @param levels     one per zoom level, ascending samples per point
 */
public record WaveformResult(int sampleRate, int channels, long frames, List<Level> levels) {

    public WaveformResult {
        levels = List.copyOf(levels);
    }

    /**
     * Peaks at one zoom level: {@code min[channel][point]} and {@code max[channel][point]}, full
     * scale at +-1, for {@code points} points of {@code samplesPerPoint} frames (the last may cover fewer).
     */
    public record Level(int samplesPerPoint, int points, float[][] min, float[][] max) {}

    /** The level with exactly {@code samplesPerPoint} frames a point, or null when there is none. */
    public Level level(int samplesPerPoint) {
        return levels.stream().filter(l -> l.samplesPerPoint() == samplesPerPoint).findFirst().orElse(null);
    }
}

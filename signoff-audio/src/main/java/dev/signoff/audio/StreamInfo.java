package dev.signoff.audio;

/**
 * What a decoder knows about a stream before the first sample: rate, channels, the source's
 * sample format and, when the container says so, its length.
 *
 * @param sampleRate     frames per second (8 000 to 384 000 Hz are supported)
 * @param channels       number of interleaved channels in the source
 * @param bitsPerSample  source resolution (16, 24, 32, 64...); 0 when the codec has none (MP3, Vorbis)
 * @param floatingPoint  true when the source samples are IEEE floats
 * @param format         short human name of the container/codec, e.g. "WAV PCM", "RF64 float", "FLAC", "MP3"
 * @param frames         total frames when known from the container, otherwise -1
 * @param layout         which speaker each channel feeds (for BS.1770 channel weights and stereo checks)
 */
public record StreamInfo(int sampleRate, int channels, int bitsPerSample, boolean floatingPoint,
                         String format, long frames, ChannelLayout layout) {

    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 384_000;

    public StreamInfo {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1");
        if (layout == null) layout = ChannelLayout.defaultFor(channels);
        if (layout.channels() != channels) throw new IllegalArgumentException("layout does not match channel count");
    }

    public StreamInfo(int sampleRate, int channels, int bitsPerSample, boolean floatingPoint, String format, long frames) {
        this(sampleRate, channels, bitsPerSample, floatingPoint, format, frames, ChannelLayout.defaultFor(channels));
    }

    /** Duration in seconds when the length is known, otherwise NaN. */
    public double durationSeconds() {
        return frames < 0 ? Double.NaN : frames / (double) sampleRate;
    }

    public StreamInfo withFrames(long totalFrames) {
        return new StreamInfo(sampleRate, channels, bitsPerSample, floatingPoint, format, totalFrames, layout);
    }
}

package dev.signoff.audio;

import java.util.Arrays;
import java.util.List;

/** Which {@link Speaker} each channel of a stream feeds. */
public final class ChannelLayout {
    private final Speaker[] speakers;

    public ChannelLayout(Speaker... speakers) {
        if (speakers.length == 0) throw new IllegalArgumentException("no channels");
        this.speakers = speakers.clone();
    }

    /**
     * The usual order for a channel count when the file does not say: mono, L R, L R C, quad,
     * 5.0, 5.1 (L R C LFE Ls Rs, the WAV/FLAC/SMPTE order), 7.1.
     */
    public static ChannelLayout defaultFor(int channels) {
        Speaker[] s = switch (channels) {
            case 1 -> new Speaker[]{Speaker.FRONT_CENTER};
            case 2 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT};
            case 3 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.FRONT_CENTER};
            case 4 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.BACK_LEFT, Speaker.BACK_RIGHT};
            case 5 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.FRONT_CENTER, Speaker.BACK_LEFT, Speaker.BACK_RIGHT};
            case 6 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.FRONT_CENTER, Speaker.LOW_FREQUENCY, Speaker.BACK_LEFT, Speaker.BACK_RIGHT};
            case 8 -> new Speaker[]{Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.FRONT_CENTER, Speaker.LOW_FREQUENCY, Speaker.BACK_LEFT, Speaker.BACK_RIGHT, Speaker.SIDE_LEFT, Speaker.SIDE_RIGHT};
            default -> {
                Speaker[] u = new Speaker[channels];
                Arrays.fill(u, Speaker.UNKNOWN);
                yield u;
            }
        };
        return new ChannelLayout(s);
    }

    /** Layout from a WAVE_FORMAT_EXTENSIBLE dwChannelMask; channels beyond the mask's bits are UNKNOWN. */
    public static ChannelLayout fromWaveChannelMask(int mask, int channels) {
        if (mask == 0) return defaultFor(channels);
        Speaker[] s = new Speaker[channels];
        int ch = 0;
        Speaker[] all = Speaker.values();
        for (int bit = 0; bit < 18 && ch < channels; bit++) {
            if ((mask & (1 << bit)) != 0) s[ch++] = all[bit];
        }
        while (ch < channels) s[ch++] = Speaker.UNKNOWN;
        return new ChannelLayout(s);
    }

    public int channels() { return speakers.length; }

    public Speaker speaker(int channel) { return speakers[channel]; }

    public List<Speaker> speakers() { return List.of(speakers); }

    /** Index of the channel feeding {@code speaker}, or -1. */
    public int indexOf(Speaker speaker) {
        for (int i = 0; i < speakers.length; i++) if (speakers[i] == speaker) return i;
        return -1;
    }

    /**
     * The front pair used for stereo checks: {left, right} channel indices, or null for mono.
     * Files without positions use channels 0 and 1.
     */
    public int[] frontPair() {
        if (speakers.length < 2) return null;
        int l = indexOf(Speaker.FRONT_LEFT), r = indexOf(Speaker.FRONT_RIGHT);
        if (l >= 0 && r >= 0) return new int[]{l, r};
        return new int[]{0, 1};
    }

    @Override public boolean equals(Object o) {
        return o instanceof ChannelLayout c && Arrays.equals(c.speakers, speakers);
    }

    @Override public int hashCode() { return Arrays.hashCode(speakers); }

    @Override public String toString() { return Arrays.toString(speakers); }
}

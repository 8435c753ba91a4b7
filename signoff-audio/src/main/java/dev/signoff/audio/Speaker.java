package dev.signoff.audio;

/** Loudspeaker positions, in WAVE_FORMAT_EXTENSIBLE channel-mask bit order. */
public enum Speaker {
    FRONT_LEFT, FRONT_RIGHT, FRONT_CENTER, LOW_FREQUENCY, BACK_LEFT, BACK_RIGHT,
    FRONT_LEFT_OF_CENTER, FRONT_RIGHT_OF_CENTER, BACK_CENTER, SIDE_LEFT, SIDE_RIGHT,
    TOP_CENTER, TOP_FRONT_LEFT, TOP_FRONT_CENTER, TOP_FRONT_RIGHT, TOP_BACK_LEFT, TOP_BACK_CENTER, TOP_BACK_RIGHT,
    /** A channel with no position (mask bits exhausted, or a mono file). */
    UNKNOWN;

    /**
     * Channel weight G_i of ITU-R BS.1770-4 (Table 3): 0 for the LFE channel, about +1.5 dB (1.41)
     * for surround channels that sit beside or behind the listener, 1.0 otherwise.
     */
    public double bs1770Weight() {
        return switch (this) {
            case LOW_FREQUENCY -> 0.0;
            case BACK_LEFT, BACK_RIGHT, SIDE_LEFT, SIDE_RIGHT, BACK_CENTER -> 1.41;
            default -> 1.0;
        };
    }
}

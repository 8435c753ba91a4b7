package dev.signoff.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decoder passed over to keep going: places where the stream could not be read as frames
 * (sync lost in an MP3, a FLAC frame whose checksum fails, a Vorbis packet that will not decode),
 * each concealed by going on with the next good frame, as ffmpeg does. The audio around them was
 * decoded; what was in them is missing or garbled.
 *
 * @param count  damaged places (a run of skipped bytes or consecutive rejected frames counts once)
 * @param timesS where the first {@value #MAX_TIMES} of them are, in seconds of decoded audio
 * @param bytes  bytes of the stream passed over (0 when the decoder cannot tell)
 * @param framesPastDeclaredEnd frames the stream holds after the length its header declares
 * @param pastEndRead  true when those frames were read as part of the audio (FLAC, whose frames
 *                     ffmpeg reads whatever STREAMINFO says), false when they were only counted and
 *                     left out, as the header says the audio ends before them (MP3, Vorbis)
 */
public record DecodeDamage(int count, List<Double> timesS, long bytes, long framesPastDeclaredEnd, boolean pastEndRead) {
    public static final int MAX_TIMES = 20;
    public static final DecodeDamage NONE = new DecodeDamage(0, List.of(), 0, 0, false);

    public DecodeDamage {
        timesS = List.copyOf(timesS);
    }

    /** Collects damage as a decoder meets it. */
    public static final class Log {
        private int count;
        private final List<Double> times = new ArrayList<>();
        private long bytes;
        private long pastEnd;
        private boolean pastEndRead;

        /** One damaged place at {@code atS} seconds of decoded audio, {@code skippedBytes} of the stream passed over. */
        public void add(double atS, long skippedBytes) {
            count++;
            if (times.size() < MAX_TIMES) times.add(atS);
            bytes += skippedBytes;
        }

        /** Frames found after the header's declared end; {@code read}: passed on as audio, not left out. */
        public void pastDeclaredEnd(long frames, boolean read) {
            pastEnd += frames;
            pastEndRead = read;
        }

        public DecodeDamage result() {
            return count == 0 && pastEnd == 0 ? NONE : new DecodeDamage(count, times, bytes, pastEnd, pastEndRead);
        }
    }
}

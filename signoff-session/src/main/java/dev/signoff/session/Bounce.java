package dev.signoff.session;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The bounce of the mix, as {@code --bounce} gives it: what the session must match.
 * {@code firstSoundS} is the time of its first sample above {@link #SOUND_FLOOR} (NaN when it never
 * sounds). {@code sections} are the sections Signoff found in it (as markers), offered where the
 * session has none; empty when they were not measured.
 */
public record Bounce(Path file, int sampleRate, double lengthS, double firstSoundS, List<Marker> sections) {

    /** -60 dBFS: above dither and a quiet noise floor, below any part that is meant to be heard. */
    static final double SOUND_FLOOR = 0.001;
    private static final int BLOCK_FRAMES = 65536;

    public Bounce {
        sections = List.copyOf(sections);
    }

    /**
     * Reads the bounce's rate and length from its header and decodes it only until its first sound;
     * a container that does not state its length (some MP3s, Ogg) is decoded to its end.
     */
    public static Bounce read(Path file, List<Marker> sections) throws IOException {
        try (AudioReader r = AudioDecoders.open(file)) {
            int rate = r.info().sampleRate();
            long frames = r.info().frames();
            long counted = 0;
            double firstSound = Double.NaN;
            for (AudioBlock b; (Double.isNaN(firstSound) || frames < 0) && (b = r.read(BLOCK_FRAMES)) != null; ) {
                if (Double.isNaN(firstSound)) {
                    int at = firstAboveFloor(b);
                    if (at >= 0) firstSound = (counted + at) / (double) rate;
                }
                counted += b.frames();
            }
            return new Bounce(file, rate, (frames < 0 ? counted : frames) / (double) rate, firstSound, sections);
        }
    }

    private static int firstAboveFloor(AudioBlock b) {
        int first = -1;
        for (int c = 0; c < b.channels(); c++) {
            float[] x = b.channel(c);
            int end = first < 0 ? b.frames() : first;
            for (int i = 0; i < end; i++) {
                if (Math.abs(x[i]) > SOUND_FLOOR) {
                    first = i;
                    break;
                }
            }
        }
        return first;
    }
}

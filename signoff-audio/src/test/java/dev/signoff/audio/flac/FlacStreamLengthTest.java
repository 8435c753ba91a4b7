package dev.signoff.audio.flac;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10: where the FLAC frames and the STREAMINFO header disagree, the frames are read as ffmpeg
 * reads them and the disagreement is said, never hidden; a stream that changes channels or rate
 * half way is refused with the byte where it changes.
 */
class FlacStreamLengthTest {
    @TempDir Path dir;

    private Path flac(float[][] x, int rate, String name) throws Exception {
        return encode(dir, x, rate, 16, name, "flac", "-s", "-f", "-5", "-o", OUT, IN);
    }

    @Test
    void framesPastTheDeclaredTotalAreReadAndCountedAsPastIt() throws Exception {
        float[][] x = signal(2, 48000, 4.0);
        byte[] b = Files.readAllBytes(flac(x, 48000, "four.flac"));
        // STREAMINFO's 36-bit total sample count: the low bits of the 64-bit word at byte 18.
        ByteBuffer si = ByteBuffer.wrap(b);
        long word = si.getLong(18);
        assertThat(word & 0xFFFFFFFFFL).isEqualTo(x[0].length);
        si.putLong(18, (word & ~0xFFFFFFFFFL) | 96_000);
        Path says2 = Files.write(dir.resolve("says-two.flac"), b);
        try (AudioReader r = AudioDecoders.open(says2)) {
            assertThat(r.info().frames()).isEqualTo(96_000);
            assertSameSamples(quantize(x, 16), readAll(r, 5000));
            assertThat(r.damage().framesPastDeclaredEnd()).isEqualTo(x[0].length - 96_000);
            assertThat(r.damage().pastEndRead()).isTrue();
            assertThat(r.damage().count()).isZero();
        }
    }

    @Test
    void aTrailingTagAfterTheLastFrameEndsTheStreamQuietly() throws Exception {
        float[][] x = signal(2, 44100, 1.0);
        byte[] b = Files.readAllBytes(flac(x, 44100, "tagged.flac"));
        byte[] tag = new byte[128];
        System.arraycopy("TAGtitle".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, tag, 0, 8);
        Path f = Files.write(dir.resolve("id3v1.flac"), concat(b, tag));
        try (AudioReader r = AudioDecoders.open(f)) {
            assertSameSamples(quantize(x, 16), readAll(r, 4096));
            assertThat(r.damage().framesPastDeclaredEnd()).isZero();
            assertThat(r.damage().count()).isZero();
        }
    }

    @Test
    void aStreamThatTurnsMonoHalfWayIsRefusedAtTheByteWhereItChanges() throws Exception {
        byte[] stereo = Files.readAllBytes(flac(signal(2, 48000, 2.0), 48000, "stereo.flac"));
        byte[] mono = Files.readAllBytes(flac(signal(1, 48000, 1.0), 48000, "mono.flac"));
        Path joined = Files.write(dir.resolve("joined.flac"), concat(stereo, frames(mono)));
        assertThatThrownBy(() -> decode(joined))
                .isInstanceOf(AudioFileException.class)
                .hasMessage("joined.flac: the FLAC stream changes from stereo at 48.0 kHz to mono at 48.0 kHz at byte "
                        + stereo.length + " (0:02.0): two streams joined in one file; export the mix again as one file");
    }

    @Test
    void aStreamThatChangesRateHalfWayIsRefusedAtTheByteWhereItChanges() throws Exception {
        byte[] first = Files.readAllBytes(flac(signal(2, 48000, 2.0), 48000, "first.flac"));
        byte[] second = Files.readAllBytes(flac(signal(2, 44100, 1.0), 44100, "second.flac"));
        Path joined = Files.write(dir.resolve("rates.flac"), concat(first, frames(second)));
        assertThatThrownBy(() -> decode(joined))
                .isInstanceOf(AudioFileException.class)
                .hasMessage("rates.flac: the FLAC stream changes from stereo at 48.0 kHz to stereo at 44.1 kHz at byte "
                        + first.length + " (0:02.0): two streams joined in one file; export the mix again as one file");
    }

    /** The frames of a FLAC file: what follows "fLaC" and its metadata blocks. */
    private static byte[] frames(byte[] flac) {
        int pos = 4;
        while (true) {
            int head = flac[pos] & 0xFF;
            int length = (flac[pos + 1] & 0xFF) << 16 | (flac[pos + 2] & 0xFF) << 8 | (flac[pos + 3] & 0xFF);
            pos += 4 + length;
            if ((head & 0x80) != 0) return Arrays.copyOfRange(flac, pos, flac.length);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package dev.signoff.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Header fields that declare sizes far beyond the file are refused with a plain error before any
 * decoder allocates them (a 1 GiB string in a header of a few dozen bytes ran the JVM out of heap).
 */
class HostileHeaderTest {
    @TempDir Path dir;

    /** Offset of the first metadata block of {@code type} in a FLAC file made by the flac tool. */
    private static int block(byte[] flac, int type) {
        int pos = 4;
        while (true) {
            int t = flac[pos] & 0x7F;
            int length = ByteBuffer.wrap(flac, pos, 4).getInt() & 0xFF_FFFF;
            if (t == type) return pos;
            if ((flac[pos] & 0x80) != 0) throw new AssertionError("no block of type " + type);
            pos += 4 + length;
        }
    }

    private Path flac(String name) throws Exception {
        return encode(dir, signal(2, 44100, 2.0), 44100, 16, name, "flac", "--silent", "-f", "-o", OUT, IN);
    }

    private static void assertRefused(Path f, String... words) {
        assertThatThrownBy(() -> { try (AudioReader r = AudioDecoders.open(f)) { while (r.read(8192) != null) { } } })
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith(f.getFileName() + ": ")
                .hasMessageContainingAll(words)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aFlacVorbisCommentVendorOfOneGibIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(flac("vendor.flac"));
        int comment = block(b, 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(comment + 4, 1 << 30);
        assertRefused(Files.write(dir.resolve("vendor.flac"), b), "VORBIS_COMMENT", "vendor string of 1073741824 bytes");
    }

    @Test
    void aFlacVorbisCommentCountOfTwoBillionIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(flac("count.flac"));
        int comment = block(b, 4);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int vendor = le.getInt(comment + 4);
        le.putInt(comment + 8 + vendor, 0x7FFF_FFFF);
        assertRefused(Files.write(dir.resolve("count.flac"), b), "2147483647 comments");
    }

    @Test
    void aFlacPictureDeclaringHalfAGibIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(flac("picture.flac"));
        int comment = block(b, 4);
        b[comment] = (byte) ((b[comment] & 0x80) | 6);   // the comment block relabelled PICTURE: its lengths read big-endian
        assertRefused(Files.write(dir.resolve("picture.flac"), b), "PICTURE", "bytes");
    }

    @Test
    void aFlacBlockLongerThanTheFileIsTruncated() throws Exception {
        byte[] b = Files.readAllBytes(flac("long.flac"));
        int comment = block(b, 4);
        b[comment + 1] = (byte) 0xFF;   // 16 MiB block
        assertRefused(Files.write(dir.resolve("long.flac"), b), "truncated", "VORBIS_COMMENT");
    }

    @Test
    void anUntouchedFlacStillReads() throws Exception {
        Path f = flac("fine.flac");
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(readAll(r, 8192)[0]).hasSize(88200);
        }
    }
}

package dev.signoff.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** Every sample of {@code f}, channel by channel, decoded to the end. */
    private static float[][] decodeAll(Path f) throws IOException {
        try (AudioReader r = AudioDecoders.open(f)) {
            int channels = r.info().channels();
            float[][] all = new float[channels][0];
            AudioBlock b;
            while ((b = r.read(8192)) != null) {
                for (int c = 0; c < channels; c++) {
                    float[] grown = java.util.Arrays.copyOf(all[c], all[c].length + b.frames());
                    System.arraycopy(b.channel(c), 0, grown, all[c].length, b.frames());
                    all[c] = grown;
                }
            }
            return all;
        }
    }

    /**
     * Metadata blocks whose sizes lie (a 1 GiB vendor string, two billion comments, a picture of
     * half a GiB) are never read: the audio decodes sample for sample as in the untouched file,
     * with nothing allocated at the lied-about sizes (this test runs in a 1 GiB heap).
     */
    @Test
    void aFlacWithLyingCommentAndPictureSizesDecodesItsAudioUntouched() throws Exception {
        Path untouched = flac("untouched.flac");
        float[][] expected = decodeAll(untouched);
        byte[] vendor = Files.readAllBytes(untouched);
        ByteBuffer.wrap(vendor).order(ByteOrder.LITTLE_ENDIAN).putInt(block(vendor, 4) + 4, 1 << 30);
        byte[] count = Files.readAllBytes(untouched);
        int comment = block(count, 4);
        ByteBuffer le = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(comment + 8 + le.getInt(comment + 4), 0x7FFF_FFFF);
        byte[] picture = Files.readAllBytes(untouched);
        comment = block(picture, 4);
        picture[comment] = (byte) ((picture[comment] & 0x80) | 6);   // the comment block relabelled PICTURE: its lengths read big-endian
        for (byte[] hostile : List.of(vendor, count, picture)) {
            float[][] got = decodeAll(Files.write(dir.resolve("hostile.flac"), hostile));
            assertThat(got.length).isEqualTo(expected.length);
            for (int c = 0; c < got.length; c++) assertThat(got[c]).containsExactly(expected[c]);
        }
    }

    /**
     * The fuzzer's second find: an 18-byte PICTURE block (too short for a picture's fixed fields)
     * had jFLAC read a picture size of 2 GB from the next block. Inserted before the comment block,
     * it is skipped by its declared length.
     */
    @Test
    void aFlacPictureBlockTooShortForAPictureIsSkipped() throws Exception {
        Path untouched = flac("untouched.flac");
        byte[] b = Files.readAllBytes(untouched);
        int comment = block(b, 4);
        byte[] picture = new byte[4 + 18];
        picture[0] = 6;
        picture[3] = 18;
        byte[] out = new byte[b.length + picture.length];
        System.arraycopy(b, 0, out, 0, comment);
        System.arraycopy(picture, 0, out, comment, picture.length);
        System.arraycopy(b, comment, out, comment + picture.length, b.length - comment);
        float[][] got = decodeAll(Files.write(dir.resolve("short-picture.flac"), out));
        assertThat(got[0]).containsExactly(decodeAll(untouched)[0]);
    }

    @Test
    void aFlacBlockLongerThanTheFileIsTruncated() throws Exception {
        byte[] b = Files.readAllBytes(flac("long.flac"));
        int comment = block(b, 4);
        b[comment + 1] = (byte) 0xFF;   // 16 MiB block
        assertRefused(Files.write(dir.resolve("long.flac"), b), "truncated", "VORBIS_COMMENT");
    }

    /** The fuzzer's first find: jFLAC reads 34 bytes for any STREAMINFO, so a short one desynchronised it into a 512 MB "comment". */
    @Test
    void aFlacStreamInfoOfTheWrongLengthIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(flac("streaminfo.flac"));
        ByteBuffer.wrap(b).putInt(4, 20);   // the first block, STREAMINFO, said to be 20 bytes
        assertRefused(Files.write(dir.resolve("streaminfo.flac"), b), "STREAMINFO block is 20 bytes long", "34");
    }

    @Test
    void anUntouchedFlacStillReads() throws Exception {
        Path f = flac("fine.flac");
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(readAll(r, 8192)[0]).hasSize(88200);
        }
    }
}

package dev.signoff.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static dev.signoff.audio.WavBytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Headers that contradict the stream: read as ffmpeg reads them, or refused naming the field; never decoded as garbage. */
class InconsistentHeaderTest {
    @TempDir Path dir;

    private static byte[] pcm16(float[][] x) {
        int frames = x[0].length;
        ByteBuffer b = ByteBuffer.allocate(frames * x.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) for (float[] c : x) b.putShort((short) Math.round(c[i] * 32767));
        return b.array();
    }

    @Test
    void aStereo16BitWavWithBlockAlign6IsReadByItsBitsAsFfmpegDoes() throws IOException {
        float[][] x = signal(2, 48000, 8.0);
        Path f = dir.resolve("align6.wav");
        Files.write(f, wav(fmt(1, 2, 48000, 48000 * 6, 6, 16), pcm16(x)));
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().channels()).isEqualTo(2);
            assertThat(r.info().durationSeconds()).isCloseTo(8.0, within(1e-9));
            float[][] y = readAll(r, 8192);
            assertThat(maxAbsDiff(x[0], y[0])).isLessThan(1e-4);
            assertThat(maxAbsDiff(x[1], y[1])).isLessThan(1e-4);
        }
    }

    @Test
    void aBlockAlignThatFitsNoSampleSizeIsRefusedNamingTheField() throws IOException {
        Path f = dir.resolve("align7.wav");
        Files.write(f, wav(fmt(1, 2, 48000, 48000 * 7, 7, 0), new byte[7000]));
        assertThatThrownBy(() -> AudioDecoders.open(f).close())
                .isInstanceOf(AudioFileException.class)
                .hasMessageContaining("align7.wav: corrupt header")
                .hasMessageContaining("block align");
    }

    @Test
    void aWavDataSizeOfZeroIsReadToTheEndOfTheFile() throws IOException {
        float[][] x = signal(2, 44100, 3.0);
        byte[] bytes = wav(fmt(1, 2, 44100, 16), pcm16(x));
        int dataSize = bytes.length - 4 - pcm16(x).length;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(dataSize, 0);
        Path f = Files.write(dir.resolve("streamed.wav"), bytes);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().durationSeconds()).isCloseTo(3.0, within(1e-9));
            assertThat(readAll(r, 8192)[0]).hasSize(3 * 44100);
        }
    }

    @Test
    void anMp3WhoseInfoFrameSaysMonoIsReadAsItsStereoStream() throws Exception {
        float[][] x = signal(2, 44100, 6.0);
        Path mp3 = encode(dir, x, 44100, 16, "st.mp3", "lame", "--quiet", "-b", "128", IN, OUT);
        byte[] b = Files.readAllBytes(mp3);
        assertThat(b[0] & 0xFF).isEqualTo(0xFF);
        b[3] |= (byte) 0xC0;   // channel mode of the first (Info) frame: single channel
        Path f = Files.write(dir.resolve("infomono.mp3"), b);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().channels()).isEqualTo(2);
            float[][] y = readAll(r, 8192);
            assertThat(y[0].length / 44100.0).isCloseTo(6.0, within(0.01));
            assertThat(correlation(x[1], y[1], 0)).isGreaterThan(0.9);
        }
    }

    @Test
    void twoMp3sJoinedWithCatAreRefusedNamingTheJoinNotReadToIt() throws Exception {
        Path mono = encode(dir, signal(1, 44100, 5.0), 44100, 16, "mono.mp3", "lame", "--quiet", "-b", "128", IN, OUT);
        Path stereo = encode(dir, signal(2, 44100, 5.0), 44100, 16, "stereo.mp3", "lame", "--quiet", "-b", "128", IN, OUT);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(Files.readAllBytes(mono));
        joined.write(Files.readAllBytes(stereo));
        Path f = Files.write(dir.resolve("joined.mp3"), joined.toByteArray());
        assertThatThrownBy(() -> { try (AudioReader r = AudioDecoders.open(f)) { while (r.read(8192) != null) { } } })
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith("joined.mp3: ")
                .hasMessageContaining("byte " + Files.size(mono))
                .hasMessageContaining("stereo");
    }

    @Test
    void anMp3WithoutTagWhoseSecondHalfIsAnotherStreamIsRefused() throws Exception {
        Path stereo = encode(dir, signal(2, 44100, 5.0), 44100, 16, "stereo.mp3", "lame", "--quiet", "-t", "-b", "128", IN, OUT);
        Path mono = encode(dir, signal(1, 44100, 5.0), 44100, 16, "mono.mp3", "lame", "--quiet", "-t", "-b", "128", IN, OUT);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(Files.readAllBytes(stereo));
        joined.write(Files.readAllBytes(mono));
        Path f = Files.write(dir.resolve("joined-notag.mp3"), joined.toByteArray());
        assertThatThrownBy(() -> { try (AudioReader r = AudioDecoders.open(f)) { while (r.read(8192) != null) { } } })
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith("joined-notag.mp3: the MPEG stream changes from stereo at 44.1 kHz to mono at 44.1 kHz at byte "
                        + Files.size(stereo) + " (0:0");
    }

    @Test
    void twoOggFilesJoinedWithCatAreRefusedNamingTheByteWhereTheSecondStarts() throws Exception {
        Path stereo = encode(dir, signal(2, 44100, 3.0), 44100, 16, "st.ogg", "oggenc", "-Q", "-o", OUT, IN);
        Path mono = encode(dir, signal(1, 48000, 2.0), 48000, 16, "mono.ogg", "oggenc", "-Q", "-o", OUT, IN);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(Files.readAllBytes(stereo));
        joined.write(Files.readAllBytes(mono));
        Path f = Files.write(dir.resolve("chained.ogg"), joined.toByteArray());
        assertThatThrownBy(() -> { try (AudioReader r = AudioDecoders.open(f)) { while (r.read(8192) != null) { } } })
                .isInstanceOf(AudioFileException.class)
                .hasMessage("chained.ogg: the Ogg file goes on with a second stream (mono at 48.0 kHz) at byte " + Files.size(stereo)
                        + ", after the first (stereo at 44.1 kHz) ends at 0:03.0: two files joined in one; export the mix again as one file");
    }

    /** The Ogg file with the Vorbis identification header's channel count replaced and its page's checksum made right again. */
    private static byte[] withVorbisChannels(byte[] ogg, int channels) {
        int segments = ogg[26] & 0xFF;
        int body = 0;
        for (int i = 0; i < segments; i++) body += ogg[27 + i] & 0xFF;
        int packet = 27 + segments;
        assertThat(new String(ogg, packet + 1, 6, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("vorbis");
        ogg[packet + 11] = (byte) channels;
        for (int i = 22; i < 26; i++) ogg[i] = 0;
        int crc = 0;
        for (int i = 0; i < packet + body; i++) {
            crc ^= (ogg[i] & 0xFF) << 24;
            for (int b = 0; b < 8; b++) crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
        }
        ByteBuffer.wrap(ogg).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
        return ogg;
    }

    @Test
    void aVorbisHeaderDeclaringThreeChannelsForAStereoStreamIsRefusedNamingTheCount() throws Exception {
        Path ogg = encode(dir, signal(2, 44100, 3.0), 44100, 16, "st.ogg", "oggenc", "-Q", "-o", OUT, IN);
        Path f = Files.write(dir.resolve("ch3.ogg"), withVorbisChannels(Files.readAllBytes(ogg), 3));
        assertThatThrownBy(() -> AudioDecoders.open(f).close())
                .isInstanceOf(AudioFileException.class)
                .hasMessage("ch3.ogg: corrupt Vorbis header: the identification header declares 3 channels, which the setup header does not fit");
    }

    /** Six channels are left out: JOrbis itself refuses oggenc's 5.1 setup header at 44.1 kHz (see docs/formats.md). */
    @Test
    void vorbisFilesOfOneToFiveChannelsPassTheSetupCheck() throws Exception {
        for (int channels : new int[]{1, 2, 3, 4, 5}) {
            Path ogg = encode(dir, signal(channels, 44100, 1.0), 44100, 16, "c" + channels + ".ogg", "oggenc", "-Q", "-o", OUT, IN);
            try (AudioReader r = AudioDecoders.open(ogg)) {
                assertThat(r.info().channels()).isEqualTo(channels);
            }
        }
    }
}

package dev.signoff.audio;

import dev.signoff.audio.ffmpeg.FfmpegReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MP3, Ogg Vorbis, Opus and AAC encoded by the reference command-line tools from a WAV we wrote:
 * after the readers' delay handling the decoded audio lines up with the source (best lag 0),
 * correlates above 0.99, has the source's length within a few ms and its level within 0.5 dB.
 */
class LossyFormatsTest {
    @TempDir Path dir;

    private void assertMatches(float[][] x, int rate, Path encoded, String format, double lengthToleranceMs) throws Exception {
        try (AudioReader r = AudioDecoders.open(encoded)) {
            assertThat(r.info().format()).isEqualTo(format);
            assertThat(r.info().sampleRate()).isEqualTo(rate);
            assertThat(r.info().channels()).isEqualTo(x.length);
            float[][] y = readAll(r, 4096);
            double lengthMs = 1000.0 * (y[0].length - x[0].length) / rate;
            assertThat(Math.abs(lengthMs)).as("length difference in ms").isLessThanOrEqualTo(lengthToleranceMs);
            if (r.info().frames() >= 0) assertThat(r.info().frames()).isEqualTo(y[0].length);
            for (int c = 0; c < x.length; c++) {
                assertThat(bestLag(x[c], y[c], 1200)).as("lag of channel %d", c).isZero();
                assertThat(correlation(x[c], y[c], 0)).as("correlation of channel %d", c).isGreaterThan(0.99);
                assertThat(rmsDb(y[c]) - rmsDb(x[c])).as("level of channel %d", c).isBetween(-0.5, 0.5);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"44100, 2, 192", "48000, 2, 256", "22050, 1, 96", "32000, 1, 128"})
    void mp3WithLameTagIsTrimmedToTheSourceExactly(int rate, int channels, int kbps) throws Exception {
        float[][] x = signal(channels, rate, 1.5);
        Path mp3 = encode(dir, x, rate, 16, "enc.mp3", "lame", "--quiet", "-b", Integer.toString(kbps), "-q", "2", IN, OUT);
        assertMatches(x, rate, mp3, "MP3", 0);
    }

    @Test
    void mp3WithId3v1AndId3v2TagsKeepsItsLastFrame() throws Exception {
        float[][] x = signal(2, 44100, 1.3);
        Path mp3 = encode(dir, x, 44100, 16, "tagged.mp3",
                "lame", "--quiet", "-b", "192", "--tt", "Mix v3", "--ta", "Band", "--add-id3v2", "--pad-id3v2-size", "2000", IN, OUT);
        assertMatches(x, 44100, mp3, "MP3", 0);
    }

    @Test
    void mp3WithoutTagLosesOnlyTheStandardDelay() throws Exception {
        float[][] x = signal(2, 44100, 1.5);
        Path mp3 = encode(dir, x, 44100, 16, "notag.mp3", "lame", "--quiet", "-t", "-b", "192", IN, OUT);
        // without the tag the end padding stays: up to one frame plus LAME's lookahead
        assertMatches(x, 44100, mp3, "MP3", 1000.0 * 2 * 1152 / 44100);
    }

    @Test
    void mp3FromFfmpegUsesItsInfoTag() throws Exception {
        float[][] x = signal(2, 48000, 1.2);
        Path mp3 = encode(dir, x, 48000, 24, "ff.mp3", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "libmp3lame", "-b:a", "224k", OUT);
        assertMatches(x, 48000, mp3, "MP3", 0);
    }

    @Test
    void mp3KeepsOversAboveFullScale() throws Exception {
        float[][] x = {dev.signoff.audio.synth.Signals.sine(997, 0.999, 1.0, 44100), dev.signoff.audio.synth.Signals.sine(997, 0.999, 1.0, 44100)};
        for (float[] c : x) for (int i = 0; i < c.length; i += 37) c[i] = (i / 37) % 2 == 0 ? 1f : -1f;
        float[][] y = decode(encode(dir, x, 44100, 16, "hot.mp3", "lame", "--quiet", "-b", "128", IN, OUT));
        float peak = 0;
        for (float v : y[0]) peak = Math.max(peak, Math.abs(v));
        assertThat(peak).isGreaterThan(1.0f);
    }

    @ParameterizedTest
    @CsvSource({"44100, 2", "48000, 1", "96000, 2"})
    void oggVorbis(int rate, int channels) throws Exception {
        float[][] x = signal(channels, rate, 1.5);
        Path ogg = encode(dir, x, rate, 16, "enc.ogg", "oggenc", "-Q", "-q", "6", "-o", OUT, IN);
        assertMatches(x, rate, ogg, "Ogg Vorbis", 0);
    }

    @Test
    void oggVorbisSixChannelsComeOutInWavOrder() throws Exception {
        float[][] x = signal(6, 48000, 1.0);
        Path ogg = encode(dir, x, 48000, 16, "six.ogg", "oggenc", "-Q", "-q", "6", "-o", OUT, IN);
        try (AudioReader r = AudioDecoders.open(ogg)) {
            assertThat(r.info().layout()).isEqualTo(ChannelLayout.defaultFor(6));
            float[][] y = readAll(r, 4096);
            for (int c = 0; c < 6; c++) {
                if (c == 3) continue; // the LFE channel is low-passed by the encoder
                assertThat(correlation(x[c], y[c], 0)).as("channel %d", c).isGreaterThan(0.99);
            }
        }
    }

    @Test
    void opusGoesThroughFfmpeg() throws Exception {
        float[][] x = signal(2, 48000, 1.5);
        Path opus = encode(dir, x, 48000, 16, "enc.opus", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "libopus", "-b:a", "192k", OUT);
        assertMatches(x, 48000, opus, "Opus", 0);
    }

    @Test
    void aacInMp4GoesThroughFfmpeg() throws Exception {
        float[][] x = signal(2, 44100, 1.5);
        Path m4a = encode(dir, x, 44100, 16, "enc.m4a", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "aac", "-b:a", "256k", OUT);
        // ffmpeg's MP4 edit list trims the AAC priming but not the last frame's padding (< 1024 samples)
        assertMatches(x, 44100, m4a, "MP4/M4A (AAC or ALAC)", 1000.0 * 1024 / 44100);
    }

    @Test
    void alacIsLosslessThroughFfmpeg() throws Exception {
        float[][] x = signal(2, 48000, 0.5);
        Path m4a = encode(dir, x, 48000, 24, "alac.m4a", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "alac", OUT);
        assertSameSamples(quantize(x, 24), decode(m4a));
    }

    @Test
    void opusWithoutFfmpegSaysWhatToInstall() throws Exception {
        float[][] x = signal(1, 48000, 0.2);
        Path opus = encode(dir, x, 48000, 16, "voice.opus", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "libopus", OUT);
        assertThatThrownBy(() -> FfmpegReader.open(opus, "Opus", dir.resolve("no-such-dir").toString()))
                .isInstanceOf(AudioFileException.class)
                .hasMessage("voice.opus: is an Opus file; decoding it needs ffmpeg on PATH (apt-get install ffmpeg)");
    }

    @Test
    void ffmpegFailureBecomesOneLine() throws Exception {
        float[][] x = signal(2, 48000, 1.0);
        Path m4a = encode(dir, x, 48000, 16, "enc.m4a", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "aac", OUT);
        byte[] all = java.nio.file.Files.readAllBytes(m4a);
        Path cut = dir.resolve("cut.m4a");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(all, 64));
        assertThatThrownBy(() -> { try (AudioReader r = AudioDecoders.open(cut)) { while (r.read(4096) != null) { } } })
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith("cut.m4a: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void withoutFfprobeTheFormatComesFromFfmpegItself() throws Exception {
        assumeTrue(onPath("ffmpeg"));
        float[][] x = signal(2, 48000, 0.5);
        Path opus = encode(dir, x, 48000, 16, "enc.opus", "ffmpeg", "-v", "error", "-y", "-i", IN, "-c:a", "libopus", "-b:a", "160k", OUT);
        Path bin = java.nio.file.Files.createDirectory(dir.resolve("bin"));
        java.nio.file.Files.createSymbolicLink(bin.resolve("ffmpeg"), FfmpegReader.findExecutable("ffmpeg", System.getenv("PATH")).orElseThrow());
        try (AudioReader r = FfmpegReader.open(opus, "Opus", bin.toString())) {
            assertThat(r.info().sampleRate()).isEqualTo(48000);
            assertThat(r.info().layout()).isEqualTo(ChannelLayout.defaultFor(2));
            float[][] y = readAll(r, 4096);
            assertThat(y[0]).hasSize(x[0].length);
            assertThat(correlation(x[1], y[1], 0)).isGreaterThan(0.99);
        }
    }

    @Test
    void corruptMp3IsAnErrorOrDecodesWithoutLeakingLibraryExceptions() throws Exception {
        byte[] junk = new byte[20000];
        new java.util.SplittableRandom(5).nextBytes(junk);
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xFB;
        junk[2] = (byte) 0x90;
        Path fake = dir.resolve("fake.mp3");
        java.nio.file.Files.write(fake, junk);
        assertThatThrownBy(() -> decode(fake))
                .isInstanceOf(AudioFileException.class)
                .hasMessage("fake.mp3: no MPEG audio frame found in the first 64 KiB; not an MP3 file");
    }

    @Test
    void truncatedMp3AndOggAreReported() throws Exception {
        float[][] x = signal(2, 44100, 4.0);
        Path mp3 = encode(dir, x, 44100, 16, "enc.mp3", "lame", "--quiet", "-V", "2", IN, OUT);
        Path ogg = encode(dir, x, 44100, 16, "enc.ogg", "oggenc", "-Q", "-o", OUT, IN);
        Path cutMp3 = cutInHalf(mp3, "cut.mp3");
        assertThatThrownBy(() -> decode(cutMp3)).isInstanceOf(AudioFileException.class)
                .hasMessageMatching("cut\\.mp3: truncated: MP3 header declares 4\\.0 s but the stream ends at [12]\\.\\d s");
        Path cutOgg = cutInHalf(ogg, "cut.ogg");
        assertThatThrownBy(() -> decode(cutOgg)).isInstanceOf(AudioFileException.class)
                .hasMessageMatching("cut\\.ogg: truncated: the Ogg stream stops at [12]\\.\\d s without its end-of-stream page");
    }

    @Test
    void corruptOggIsAnErrorAndCorruptMp3NeverLeaksLibraryExceptions() throws Exception {
        float[][] x = signal(2, 44100, 3.0);
        Path ogg = encode(dir, x, 44100, 16, "enc.ogg", "oggenc", "-Q", "-o", OUT, IN);
        Path badOgg = corruptMiddle(ogg, "bad.ogg", 200, 0x3C);
        assertThatThrownBy(() -> decode(badOgg)).isInstanceOf(AudioFileException.class)
                .hasMessageMatching("bad\\.ogg: corrupt Ogg Vorbis data at 0:01\\.\\d \\(.*\\)");

        Path mp3 = encode(dir, x, 44100, 16, "enc.mp3", "lame", "--quiet", "-b", "160", IN, OUT);
        Path badMp3 = corruptMiddle(mp3, "bad.mp3", 200, 0x3C);
        try {
            float[][] y = decode(badMp3);
            // JLayer resynchronises on damaged frames: what decodes must still be the signal around the damage
            assertThat(correlation(x[0], y[0], 0)).isGreaterThan(0.9);
        } catch (AudioFileException e) {
            assertThat(e.getMessage()).startsWith("bad.mp3: ").doesNotContain("\n");
        }
    }
}

package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.technical.TestAudio;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Audio that could not be measured (not numbers, or nothing but zeros) is a problem, never a clean pass. */
class DecodeRulesTest {
    private static final int RATE = TestAudio.RATE;

    private static float[][] song() {
        SongSynth.Song s = TestAudio.song();
        return new float[][]{s.channels()[0].clone(), s.channels()[1].clone()};
    }

    private static List<Finding> of(CheckResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void tenNanSamplesInAFloatWavAreAProblemAndTheLoudnessIsThatOfTheFiniteSamples() throws IOException {
        float[][] x = song();
        CheckResult clean = TestAudio.checkWav(x, RATE, 32);
        for (int i = 0; i < 10; i++) x[i % 2][RATE * 3 + 1000 * i] = Float.NaN;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.values().get("non_finite_samples")).isEqualTo(10.0);
            assertThat(f.startS()).isCloseTo(3.0, within(0.001));
            assertThat(f.message()).contains("10 samples").contains("0:03.0").contains("finite samples");
        });
        assertThat(r.measurements().peaks().samplePeakDbfs()).isFinite()
                .isCloseTo(clean.measurements().peaks().samplePeakDbfs(), within(0.01));
        assertThat(r.measurements().peaks().truePeakDbtp()).isFinite();
        assertThat(r.measurements().loudness().integratedLufs())
                .isCloseTo(clean.measurements().loudness().integratedLufs(), within(0.02));
    }

    @Test
    void infiniteSamplesLeaveThePeaksMeasured() throws IOException {
        float[][] x = song();
        x[0][RATE] = Float.POSITIVE_INFINITY;
        x[1][RATE * 2] = Float.NEGATIVE_INFINITY;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement()
                .satisfies(f -> assertThat(f.values().get("non_finite_samples")).isEqualTo(2.0));
        assertThat(r.measurements().peaks().samplePeakDbfs()).isFinite().isLessThan(0.0);
        assertThat(r.measurements().peaks().truePeakDbtp()).isFinite().isLessThan(1.0);
        assertThat(of(r, FindingCode.CLIPPING)).as("an infinite sample is not clipping").isEmpty();
    }

    @Test
    void anAllNanFileIsNotANumberAndSilent() throws IOException {
        float[][] x = new float[2][RATE * 5];
        for (float[] c : x) java.util.Arrays.fill(c, Float.NaN);
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement()
                .satisfies(f -> assertThat(f.values().get("non_finite_samples")).isEqualTo(2.0 * RATE * 5));
        assertThat(of(r, FindingCode.SILENT)).hasSize(1);
    }

    @Test
    void tenSecondsOfDigitalZerosAreSilentNotClean() throws IOException {
        CheckResult r = TestAudio.checkWav(new float[2][RATE * 10], RATE, 16);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.SILENT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.message()).contains("silence").contains("0:10.0");
        });
    }

    @Test
    void aCleanSongRaisesNeither() {
        CheckResult r = TestAudio.check();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).isEmpty();
        assertThat(of(r, FindingCode.SILENT)).isEmpty();
    }

    @Test
    void aQuietButNotSilentFileIsNotSilent() throws IOException {
        float[][] x = new float[1][RATE * 3];
        x[0][RATE] = 1e-6f;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(of(r, FindingCode.SILENT)).isEmpty();
    }

    /** The song bounced to WAV and encoded by LAME without a Xing header ({@code -t}) or with one. */
    private static java.nio.file.Path mp3(java.nio.file.Path dir, String name, boolean xing) throws Exception {
        java.nio.file.Path wav = dir.resolve(name + ".wav"), mp3 = dir.resolve(name);
        try (dev.signoff.audio.wav.WavWriter w = dev.signoff.audio.wav.WavWriter.open(wav, RATE, 2, 16)) {
            float[][] x = song();
            w.write(x, x[0].length);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("lame", "--quiet", "-b", "128"));
        if (!xing) cmd.add("-t");
        cmd.addAll(List.of(wav.toString(), mp3.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        return mp3;
    }

    @Test
    void twoThousandCorruptBytesInAnMp3AreADecodeErrorsWarningWithTheirTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path clean = mp3(dir, "clean.mp3", false);
        assertThat(of(dev.signoff.analysis.MixCheck.run(clean), FindingCode.DECODE_ERRORS)).isEmpty();
        byte[] b = java.nio.file.Files.readAllBytes(clean);
        java.util.Random random = new java.util.Random(7);
        int from = b.length / 2;
        for (int i = 0; i < 2000; i++) b[from + i] = (byte) random.nextInt(256);
        java.nio.file.Path bad = java.nio.file.Files.write(dir.resolve("bad.mp3"), b);
        double middleS = from / (double) b.length * clean.toFile().length() * 8 / 128_000;
        CheckResult r = dev.signoff.analysis.MixCheck.run(bad);
        assertThat(of(r, FindingCode.DECODE_ERRORS)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.startS()).isCloseTo(middleS, within(0.5));
            assertThat(f.values().get("damaged_places")).isPositive();
            assertThat(f.values().get("skipped_bytes")).isBetween(1.0, 2000.0 + 2 * 1441);
            assertThat(f.message()).contains(Clock.format(f.startS())).contains("skipped");
        });
    }

    @Test
    void anMp3LongerThanItsXingFrameCountIsADecodeMismatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path mp3 = mp3(dir, "tagged.mp3", true);
        assertThat(of(dev.signoff.analysis.MixCheck.run(mp3), FindingCode.DECODE_MISMATCH)).as("padding is no mismatch").isEmpty();
        byte[] b = java.nio.file.Files.readAllBytes(mp3);
        int tag = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Info");
        java.nio.ByteBuffer xing = java.nio.ByteBuffer.wrap(b);
        xing.putInt(tag + 8, xing.getInt(tag + 8) / 2);
        CheckResult r = dev.signoff.analysis.MixCheck.run(java.nio.file.Files.write(dir.resolve("half.mp3"), b));
        double full = TestAudio.song().channels()[0].length / (double) RATE;
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.DECODE_MISMATCH)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.values().get("declared_s") + f.values().get("past_declared_end_s")).isCloseTo(full, within(0.1));
            assertThat(f.message()).contains("declares").contains("only the declared");
        });
    }

    @Test
    void aFlacLongerThanItsStreamInfoIsCheckedWholeAndTheHeaderIsAMismatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path wav = dir.resolve("song.wav"), flac = dir.resolve("song.flac");
        float[][] x = song();
        try (dev.signoff.audio.wav.WavWriter w = dev.signoff.audio.wav.WavWriter.open(wav, RATE, 2, 16)) {
            w.write(x, x[0].length);
        }
        Process p = new ProcessBuilder("flac", "-s", "-f", "-o", flac.toString(), wav.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        byte[] b = java.nio.file.Files.readAllBytes(flac);
        // STREAMINFO's 36-bit total sample count, the low bits of the 64-bit word at byte 18: half the song.
        java.nio.ByteBuffer si = java.nio.ByteBuffer.wrap(b);
        long word = si.getLong(18);
        si.putLong(18, (word & ~0xFFFFFFFFFL) | (x[0].length / 2));
        CheckResult r = dev.signoff.analysis.MixCheck.run(java.nio.file.Files.write(dir.resolve("half.flac"), b));
        double full = x[0].length / (double) RATE;
        assertThat(r.measurements().durationS()).as("every frame is checked, as ffmpeg reads them").isCloseTo(full, within(0.001));
        assertThat(of(r, FindingCode.DECODE_MISMATCH)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.values().get("declared_s")).isCloseTo(full / 2, within(0.001));
            assertThat(f.values().get("past_declared_end_s")).isCloseTo(full / 2, within(0.001));
            assertThat(f.message()).contains("declares").contains("all of it was checked").doesNotContain("only the declared");
        });
    }
}

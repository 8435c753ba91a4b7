package dev.signoff.analysis.codecs;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.StreamingChecks;
import dev.signoff.analysis.StreamingSongs;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The codec round trip on a loud master (about -8 LUFS, -0.1 dBFS ceiling): what it reports
 * against ffmpeg's own measurement of the same encodes, and the ceiling it advises.
 */
class CodecRoundTripTest {

    @TempDir static Path dir;
    static Path master;
    static CheckResult check;

    @BeforeAll
    static void checkTheLoudMaster() throws Exception {
        master = StreamingSongs.loudMaster(dir, 30, -8);
        Path renders = Files.createDirectories(dir.resolve("renders"));
        check = MixCheck.run(master, (i, f) -> { }, List.of(), List.of(), VocalChoice.DETECT,
                new StreamingChecks(false, List.of(Codec.values()), renders));
    }

    @Test
    void aacOfALoudMasterGoesOverZeroDbtpAsFfmpegMeasuresItsOwnEncode() throws Exception {
        CodecResult aac = result(Codec.AAC_256);
        assertThat(aac.truePeakDbtp()).isGreaterThan(0);
        assertThat(aac.overs()).isPositive();
        Path encoded = dir.resolve("ffmpeg-own.m4a");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", master.toString()));
        cmd.addAll(Codec.AAC_256.encoderArgs());
        cmd.add(encoded.toString());
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
        assertThat(aac.truePeakDbtp()).isCloseTo(StreamingSongs.ffmpegLoudnessAndTruePeak(encoded)[1], within(0.2));

        Finding f = check.findings().stream().filter(x -> x.code() == FindingCode.CODEC_CLIPPING).findFirst().orElseThrow();
        double masterTp = check.measurements().peaks().truePeakDbtp();
        double lower = check.codecs().stream().mapToDouble(CodecResult::cleanGainDb).min().orElseThrow();
        assertThat(lower).isLessThanOrEqualTo(-aac.truePeakDbtp());
        assertThat(f.values().get("ceiling_dbtp")).isCloseTo(masterTp + lower, within(1e-9));
        assertThat(f.message()).contains("AAC 256");
    }

    @Test
    void theAdvisedCeilingKeepsTheAacDecodeUnderZero() throws Exception {
        Finding f = check.findings().stream().filter(x -> x.code() == FindingCode.CODEC_CLIPPING).findFirst().orElseThrow();
        double lower = -f.values().get("lower_by_db");
        Path quieter = dir.resolve("lowered.wav");
        try (var in = dev.signoff.audio.AudioDecoders.open(master);
             var out = dev.signoff.audio.wav.WavWriter.open(quieter, in.info().sampleRate(), in.info().channels(), 32)) {
            dev.signoff.audio.AudioBlock b;
            float g = (float) Signals.dbToLinear(lower);
            while ((b = in.read(8192)) != null) {
                float[][] s = new float[b.channels()][];
                for (int c = 0; c < s.length; c++) {
                    s[c] = Arrays.copyOf(b.samples()[c], b.frames());
                    for (int i = 0; i < b.frames(); i++) s[c][i] *= g;
                }
                out.write(s, b.frames());
            }
        }
        for (Codec c : Codec.values()) {
            CodecResult r = CodecRoundTrip.roundTrip(CodecRoundTrip.ffmpeg(), quieter, c, null, 0);
            assertThat(r.truePeakDbtp()).as(c.id()).isLessThanOrEqualTo(0.0);
        }
    }

    @Test
    void theCeilingIsOneGainFoundWithFewerEncodesThanClippingCodecs() throws Exception {
        List<CodecResult> clipping = check.codecs().stream().filter(CodecResult::clips).toList();
        assertThat(clipping).hasSizeGreaterThan(2);
        assertThat(clipping).extracting(CodecResult::cleanGainDb).containsOnly(clipping.get(0).cleanGainDb());

        // the same search again, counting its encodes: one per clipping codec and try would be the old way
        Path ffmpeg = CodecRoundTrip.ffmpeg();
        List<Codec> encoded = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CodecResult> again = CodecRoundTrip.withCeiling(check.codecs(), (codec, gain) -> {
                encoded.add(codec);
                return pool.submit(() -> CodecRoundTrip.decodedPeaks(ffmpeg, master, codec, gain));
            });
            assertThat(again).extracting(CodecResult::cleanGainDb).containsExactlyElementsOf(
                    check.codecs().stream().map(CodecResult::cleanGainDb).toList());
        } finally {
            pool.shutdownNow();
        }
        Codec neediest = clipping.stream().max(Comparator.comparingDouble(CodecResult::truePeakDbtp)).orElseThrow().codec();
        assertThat(encoded).contains(neediest).hasSizeLessThan(clipping.size());
    }

    @Test
    void decodesAreAlignedAndTheResidualFollowsTheBitrate() {
        for (CodecResult c : check.codecs()) {
            // aligned: a decode off by even one sample leaves a residual near the music's own level at the top
            assertThat(c.residualDb()).as(c.codec().id()).isLessThan(-15);
            assertThat(c.bands()).hasSize(4);
        }
        assertThat(result(Codec.MP3_128).residualDb()).isGreaterThan(result(Codec.MP3_320).residualDb());
        // MP3 at 128 kbps throws away the top octave: its residual there is nearly the music itself
        CodecResult.BandResidual highs = result(Codec.MP3_128).bands().get(3);
        assertThat(highs.residualDb()).isGreaterThan(result(Codec.MP3_128).bands().get(0).residualDb());
    }

    @Test
    void renderDirHoldsEachDecodeAndResidualAsMeasured() throws Exception {
        for (CodecResult c : check.codecs()) {
            assertThat(c.decodedFile()).exists().hasFileName("loud-master." + c.codec().id() + ".wav");
            assertThat(c.residualFile()).exists().hasFileName("loud-master." + c.codec().id() + ".residual.wav");
        }
        CodecResult opus = result(Codec.OPUS_160);
        assertThat(StreamingSongs.ffmpegLoudnessAndTruePeak(opus.decodedFile())[1]).isCloseTo(opus.truePeakDbtp(), within(0.1));
    }

    @Test
    void theDelayIsFoundToTheSample() {
        float[] x = Signals.pinkNoise(0.2, 3, 48_000, 3);
        for (int shift : new int[]{0, 1105, -300, 2112}) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                int j = i - shift;
                y[i] = j >= 0 && j < x.length ? x[j] * 0.9f : 0;
            }
            assertThat(CodecRoundTrip.delay(new float[][]{x}, x.length, new float[][]{y}, y.length)).isEqualTo(shift);
        }
    }

    @Test
    void withoutFfmpegTheErrorNamesIt() {
        assertThatThrownBy(() -> CodecRoundTrip.ffmpeg(dir.toString())).isInstanceOf(CodecException.class)
                .hasMessageContaining("needs ffmpeg on PATH").hasMessageNotContaining("\n");
    }

    private static CodecResult result(Codec c) {
        return check.codecs().stream().filter(r -> r.codec() == c).findFirst().orElseThrow();
    }
}

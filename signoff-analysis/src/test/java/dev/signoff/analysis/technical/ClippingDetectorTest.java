package dev.signoff.analysis.technical;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClippingDetectorTest {
    private static final int RATE = 48_000;

    @Test
    void runsOfThreeOrMoreFullScaleSamplesAreFoundWithTimeAndChannel() {
        float[] l = Signals.sine(1000, 0.5, 1.0, RATE), r = Signals.sine(1000, 0.5, 1.0, RATE);
        // Left: a flat top of 5 samples at +1 at 0.25 s; a lone full-scale sample and a pair (no runs).
        for (int i = 0; i < 5; i++) l[12_000 + i] = 1.0f;
        l[20_000] = 1.0f;
        l[30_000] = -1.0f;
        l[30_001] = -1.0f;
        // Right: 4 samples at -1 at 0.75 s.
        for (int i = 0; i < 4; i++) r[36_000 + i] = -1.0f;
        ClippingResult res = TestAudio.feed(new ClippingDetector(TestAudio.info(RATE, 2)), new float[][]{l, r}, 1000).result();

        assertThat(res.runCount()).isEqualTo(2);
        assertThat(res.clippedFrames()).isEqualTo(9);
        ClippingResult.Run a = res.runs().get(0), b = res.runs().get(1);
        assertThat(a.channel()).isZero();
        assertThat(a.length()).isEqualTo(5);
        assertThat(a.startS()).isCloseTo(0.25, within(1e-9));
        assertThat(a.endS()).isCloseTo(12_005 / (double) RATE, within(1e-9));
        assertThat(b.channel()).isEqualTo(1);
        assertThat(b.length()).isEqualTo(4);
        assertThat(b.startS()).isCloseTo(0.75, within(1e-9));
        assertThat(res.passages()).hasSize(1);
        assertThat(res.passages().get(0).runs()).isEqualTo(2);
    }

    @Test
    void aRunAcrossABlockBoundaryIsOneRun() {
        float[] x = Signals.sine(440, 0.5, 0.5, RATE);
        for (int i = 998; i < 1004; i++) x[i] = 1.0f;
        ClippingResult res = TestAudio.feed(new ClippingDetector(TestAudio.info(RATE, 1)), new float[][]{x}, 1000).result();
        assertThat(res.runCount()).isEqualTo(1);
        assertThat(res.runs().get(0).length()).isEqualTo(6);
        assertThat(res.runs().get(0).startS()).isCloseTo(998.0 / RATE, within(1e-9));
    }

    @Test
    void aSinePeakingJustUnderFullScaleIsNotClipped() {
        float[] x = Signals.sine(997, Signals.dbToLinear(-0.1), 2.0, RATE);
        ClippingResult res = TestAudio.feed(new ClippingDetector(TestAudio.info(RATE, 1)), new float[][]{x}, 4096).result();
        assertThat(res.runCount()).isZero();
        assertThat(res.runs()).isEmpty();
    }

    @Test
    void aQuantisedLowSineIsNotMistakenForAStuckRun() {
        // At 16 bits a 20-30 Hz sine's top rounds to one code for several samples: not clipping.
        StreamInfo info = new StreamInfo(RATE, 1, 16, false, "test", -1);
        for (double hz : new double[]{20, 30, 50}) {
            float[] x = Signals.sine(hz, Signals.dbToLinear(-0.1), 2.0, RATE);
            for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i] * 32768f) / 32768f;
            assertThat(TestAudio.feed(new ClippingDetector(info), new float[][]{x}, 4096).result().runCount())
                    .as("%s Hz", hz).isZero();
        }
        assertThat(ClippingDetector.minFlatRun(info)).isEqualTo(7);
        assertThat(ClippingDetector.minFlatRun(TestAudio.info(RATE, 1))).isEqualTo(ClippingDetector.MIN_RUN);
    }

    @Test
    void aClippedMixTurnedDownStillShowsItsFlatTops() {
        float[] x = Signals.sine(100, 2.0, 1.0, RATE);
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i])) * 0.95f;
        ClippingResult res = TestAudio.feed(new ClippingDetector(TestAudio.info(RATE, 1)), new float[][]{x}, 4096).result();
        // 100 half-cycles, each flat for a third of its length.
        assertThat(res.runCount()).isEqualTo(200);
        assertThat(res.runs().get(0).length()).isGreaterThan(100);
    }

    @Test
    void sixteenBitFullScaleOnBothSidesIsDetectedFromAFile() throws IOException {
        float[] x = Signals.sine(200, 0.5, 3.0, RATE);
        // +32767 and -32768 as the 16-bit file stores them.
        for (int i = 0; i < 6; i++) x[RATE + i] = 32767f / 32768f;
        for (int i = 0; i < 3; i++) x[2 * RATE + i] = -1.0f;
        CheckResult r = TestAudio.checkWav(new float[][]{x, x.clone()}, RATE, 16);
        ClippingResult res = r.measurements().clipping();
        assertThat(res.runCount()).isEqualTo(4);
        assertThat(res.runs()).extracting(ClippingResult.Run::length).containsExactlyInAnyOrder(6, 6, 3, 3);
        assertThat(res.runs().get(0).startS()).isCloseTo(1.0, within(1e-9));
        assertThat(res.runs().get(3).startS()).isCloseTo(2.0, within(1e-9));
        assertThat(res.passages()).hasSize(1);
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.CLIPPING).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PROBLEM));
    }

    @Test
    void theClippedSongsRunsLieInItsChorusesAndMakeOneProblemPerPassage() {
        CheckResult r = TestAudio.check(Defect.CLIPPING);
        List<SongSynth.Section> choruses = TestAudio.song(Defect.CLIPPING).sections("chorus");
        ClippingResult c = r.measurements().clipping();
        assertThat(c.runCount()).isGreaterThan(ClippingDetector.MAX_RUNS);
        assertThat(c.runs()).hasSize(ClippingDetector.MAX_RUNS);
        for (ClippingResult.Run run : c.runs()) {
            assertThat(choruses).as("run at %s", run.startS())
                    .anySatisfy(s -> assertThat(run.startS()).isBetween(s.startS(), s.endS()));
        }
        // Passages cover all runs, not only the listed ones: the whole chorus.
        assertThat(c.passages().stream().mapToInt(ClippingResult.Passage::runs).sum()).isEqualTo(c.runCount());
        assertThat(c.passages().stream().mapToLong(ClippingResult.Passage::samples).sum()).isEqualTo(c.clippedFrames());
        List<Finding> clipping = r.findings().stream().filter(f -> f.code() == FindingCode.CLIPPING).toList();
        assertThat(clipping).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PROBLEM));
        Finding first = clipping.get(0);
        SongSynth.Section chorus = choruses.get(0);
        assertThat(first.startS()).isBetween(chorus.startS(), chorus.startS() + 0.5);
        assertThat(first.endS()).isBetween(chorus.endS() - 1.0, chorus.endS());
        assertThat(first.values().get("total_runs")).isEqualTo((double) c.runCount());
    }

    @Test
    void aCleanSongHasNoClipping() {
        CheckResult r = TestAudio.check();
        assertThat(r.measurements().clipping().runCount()).isZero();
        assertThat(r.findings()).noneMatch(f -> f.code() == FindingCode.CLIPPING);
    }

    @Test
    void passagesGroupRunsCloserThanTheGap() {
        List<ClippingResult.Run> runs = List.of(
                new ClippingResult.Run(1.0, 1.1, 0, 5), new ClippingResult.Run(2.5, 2.6, 1, 4),
                new ClippingResult.Run(10.0, 10.1, 0, 3));
        ClippingResult r = new ClippingResult(runs, 3, 12);
        assertThat(r.passages()).containsExactly(new ClippingResult.Passage(1.0, 2.6, 2, 9),
                new ClippingResult.Passage(10.0, 10.1, 1, 3));
    }
}

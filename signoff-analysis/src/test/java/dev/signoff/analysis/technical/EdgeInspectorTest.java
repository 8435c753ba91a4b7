package dev.signoff.analysis.technical;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EdgeInspectorTest {
    private static final int RATE = 48_000;

    @Test
    void headSilenceOfThreeSecondsIsANote() {
        CheckResult r = TestAudio.check(Defect.HEAD_SILENCE);
        EdgesResult e = r.measurements().edges();
        assertThat(e.headSilenceS()).isCloseTo(3.0, within(0.05));
        assertThat(e.tailCut()).isFalse();
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.HEAD_SILENCE).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.startS()).isZero();
                    assertThat(f.endS()).isCloseTo(3.0, within(0.05));
                    assertThat(f.message()).contains("3.0 s");
                });
        assertThat(r.findings()).noneMatch(f -> f.code() == FindingCode.TAIL_CUT);
    }

    @Test
    void aCutEndingIsAProblemAtTheEnd() {
        CheckResult r = TestAudio.check(Defect.TAIL_CUT);
        EdgesResult e = r.measurements().edges();
        assertThat(e.tailCut()).isTrue();
        assertThat(e.tailSilenceS()).isLessThan(0.01);
        assertThat(e.bodyLevelDbfs() - e.tailLevelDbfs()).isLessThan(EdgeInspector.CUT_BELOW_BODY_DB);
        Finding f = r.findings().stream().filter(x -> x.code() == FindingCode.TAIL_CUT).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
        assertThat(f.endS()).isCloseTo(e.durationS(), within(0.01));
        assertThat(r.findings()).noneMatch(x -> x.code() == FindingCode.HEAD_SILENCE);
    }

    @Test
    void aCleanSongWithAFadeOutHasNeither() {
        CheckResult r = TestAudio.check();
        EdgesResult e = r.measurements().edges();
        assertThat(e.tailCut()).isFalse();
        assertThat(e.headSilenceS()).isLessThan(0.1);
        assertThat(e.tailSilenceS()).isBetween(0.5, 1.5);
        assertThat(e.tailLevelDbfs()).isLessThan(e.bodyLevelDbfs() - EdgeInspector.CUT_BELOW_BODY_DB);
        assertThat(r.findings()).noneMatch(f -> f.code() == FindingCode.TAIL_CUT || f.code() == FindingCode.HEAD_SILENCE);
    }

    @Test
    void aNoteDecayingToSilenceIsNotCutButAToneStoppingDeadIs() {
        float[] body = Signals.pinkNoise(0.2, 4.0, RATE, 5);
        float[] decay = Signals.pinkNoise(0.2, 2.0, RATE, 6);
        for (int i = 0; i < decay.length; i++) decay[i] *= (float) Math.exp(-i / (0.15 * RATE));
        EdgesResult natural = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)),
                new float[][]{Signals.concat(body, decay, new float[RATE])}, 4096).result();
        assertThat(natural.tailCut()).isFalse();
        assertThat(natural.tailSilenceS()).isBetween(1.5, 2.7);

        EdgesResult cut = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)),
                new float[][]{Signals.pinkNoise(0.2, 5.0, RATE, 7)}, 4096).result();
        assertThat(cut.tailCut()).isTrue();
        assertThat(cut.tailLevelDbfs()).isCloseTo(20 * Math.log10(0.2), within(1.5));
        assertThat(cut.bodyLevelDbfs()).isCloseTo(20 * Math.log10(0.2), within(0.5));
    }

    @Test
    void aDcOffsetIsNotSoundAtEitherEnd() {
        float[] body = Signals.pinkNoise(0.2, 4.0, RATE, 5);
        float[] decay = Signals.pinkNoise(0.2, 2.0, RATE, 6);
        for (int i = 0; i < decay.length; i++) decay[i] *= (float) Math.exp(-i / (0.15 * RATE));
        float[] x = Signals.concat(new float[RATE], body, decay, new float[RATE]);
        EdgesResult clean = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)), new float[][]{x}, 4096).result();
        for (int i = 0; i < x.length; i++) x[i] += 0.05f;   // -26 dBFS, 30 dB over the silence threshold
        EdgesResult offset = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)), new float[][]{x}, 4096).result();
        assertThat(offset.tailCut()).isFalse();
        assertThat(offset.headSilenceS()).isCloseTo(clean.headSilenceS(), within(0.01));
        assertThat(offset.tailSilenceS()).isCloseTo(clean.tailSilenceS(), within(0.1));
        assertThat(offset.bodyLevelDbfs()).isCloseTo(clean.bodyLevelDbfs(), within(0.2));

        float[] cut = Signals.pinkNoise(0.2, 5.0, RATE, 7);
        for (int i = 0; i < cut.length; i++) cut[i] += 0.05f;
        assertThat(TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)), new float[][]{cut}, 4096).result().tailCut()).isTrue();
    }

    @Test
    void headSilenceIsMeasuredToTheFirstSampleOverTheThreshold() {
        float[] x = Signals.concat(new float[(int) (2.5 * RATE)], Signals.sine(440, 0.5, 3.0, RATE));
        EdgesResult e = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 2)), new float[][]{x, x}, 1000).result();
        // sin(w i) passes 0.001 at the second sample.
        assertThat(e.headSilenceS()).isCloseTo(2.5, within(1e-3));
        assertThat(e.durationS()).isCloseTo(5.5, within(1e-9));
    }

    @Test
    void aShortFileOfDigitalSilenceDoesNotCrashAndReadsAsAllSilence() throws IOException {
        float[] x = new float[RATE / 2];
        CheckResult r = TestAudio.checkWav(new float[][]{x, x}, RATE, 16);
        EdgesResult e = r.measurements().edges();
        assertThat(e.durationS()).isCloseTo(0.5, within(1e-9));
        assertThat(e.headSilenceS()).isCloseTo(0.5, within(1e-9));
        assertThat(e.tailSilenceS()).isCloseTo(0.5, within(1e-9));
        assertThat(e.tailLevelDbfs()).isNaN();
        assertThat(e.bodyLevelDbfs()).isNaN();
        assertThat(e.tailCut()).isFalse();
        assertThat(r.measurements().clipping().runCount()).isZero();
        assertThat(r.measurements().dcOffset().offsetDbfs()).containsOnly(Double.NaN);
        assertThat(r.findings()).noneMatch(f -> f.code() == FindingCode.TAIL_CUT || f.code() == FindingCode.HEAD_SILENCE
                || f.code() == FindingCode.CLIPPING || f.code() == FindingCode.DC_OFFSET || f.code() == FindingCode.TRUE_PEAK_OVER);
        EdgesResult empty = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)), new float[][]{new float[0]}, 1000).result();
        assertThat(empty.durationS()).isZero();
        assertThat(empty.tailCut()).isFalse();
    }

    @Test
    void aShortSoundingFileUsesItsWholeLengthAsTheBody() {
        float[] x = Signals.sine(440, 0.5, 0.5, RATE);
        EdgesResult e = TestAudio.feed(new EdgeInspector(TestAudio.info(RATE, 1)), new float[][]{x}, 1000).result();
        assertThat(e.bodyLevelDbfs()).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.1));
        assertThat(e.tailCut()).isFalse();   // too short to judge
    }
}

package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static dev.signoff.analysis.findings.SongChecks.check;
import static dev.signoff.analysis.findings.SongChecks.codes;
import static dev.signoff.analysis.findings.SongChecks.findings;
import static org.assertj.core.api.Assertions.assertThat;

class StereoRulesTest {

    @Test
    void cleanMixHasNoStereoFindings() {
        for (long seed : new long[]{1, 2}) {
            CheckResult r = check(48_000, seed);
            assertThat(codes(r, Severity.NOTE)).doesNotContain(FindingCode.BALANCE, FindingCode.WIDTH,
                    FindingCode.MONO_COMPAT, FindingCode.LOW_END_STEREO);
        }
        assertThat(check(48_000, 1).measurements().stereo().correlation()).isGreaterThan(0.8);
    }

    @Test
    void rightChannelThreeDbDownIsABalanceWarningLeaningLeft() {
        CheckResult r = check(48_000, 1, Defect.BALANCE_LEFT);
        assertThat(r.measurements().stereo().balanceDb()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        Finding f = findings(r, FindingCode.BALANCE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("leans left").contains("3.0 dB");
    }

    @Test
    void flippedPolarityIsAMonoCompatibilityProblemAndNothingElseStereo() {
        CheckResult r = check(48_000, 1, Defect.POLARITY);
        assertThat(findings(r, FindingCode.MONO_COMPAT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PROBLEM));
        assertThat(codes(r, Severity.NOTE)).doesNotContain(FindingCode.WIDTH, FindingCode.LOW_END_STEREO);
        assertThat(r.hasProblem()).isTrue();
        assertThat(r.measurements().stereo().monoLossDb()).isGreaterThan(10);
    }

    @Test
    void overWidePadsRaiseWidth() {
        CheckResult r = check(48_000, 1, Defect.WIDE);
        assertThat(findings(r, FindingCode.WIDTH)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(r.hasProblem()).isFalse();
    }

    @Test
    void stereoBassRaisesLowEndStereo() {
        CheckResult r = check(48_000, 1, Defect.STEREO_BASS);
        assertThat(findings(r, FindingCode.LOW_END_STEREO)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("below 120 Hz"));
        assertThat(r.measurements().stereo().lowEndCorrelation()).isLessThan(0.5);
    }

    @Test
    void aLongPassageWithTheSideOverTheMidIsAWidthWarningAndAShortOneIsNot() throws Exception {
        // The side pushed up 15 dB (over the mid) for 12 s, then for 5 s: finished records reach the
        // mid in passages of a few seconds (reverb swells, wide intros), so only the long one counts.
        Finding wide = findings(widened(12.0), FindingCode.WIDTH).get(0);
        assertThat(wide.startS()).isBetween(14.0, 16.5);
        assertThat(wide.endS() - wide.startS()).isGreaterThanOrEqualTo(StereoRules.WIDE_PASSAGE_MIN_S);
        assertThat(wide.message()).contains("as loud as the mid or louder");
        assertThat(findings(widened(5.0), FindingCode.WIDTH)).isEmpty();
    }

    /** The clean song with its side raised 15 dB from 15 s on, for {@code seconds}. */
    private static CheckResult widened(double seconds) throws Exception {
        SongSynth.Song song = SongSynth.render(48_000, 40, 1, EnumSet.noneOf(Defect.class));
        float[] l = song.channels()[0], r = song.channels()[1];
        double g = Math.pow(10, 15 / 20.0);
        for (int i = 15 * 48_000; i < (int) ((15 + seconds) * 48_000); i++) {
            float m = (l[i] + r[i]) / 2, side = (float) ((l[i] - r[i]) / 2 * g);
            l[i] = (m + side) * 0.5f;
            r[i] = (m - side) * 0.5f;
        }
        Path file = Files.createTempFile("signoff-wide-passage", ".wav");
        try {
            try (WavWriter w = WavWriter.open(file, 48_000, 2, 24)) {
                w.write(song.channels(), song.frames());
            }
            return MixCheck.run(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package dev.signoff.analysis.findings;

import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.CheckResult;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.signoff.analysis.findings.ReferenceRulesTest.judge;
import static dev.signoff.analysis.findings.ReferenceRulesTest.ref;
import static dev.signoff.analysis.findings.SongChecks.check;
import static org.assertj.core.api.Assertions.assertThat;

/** Generated songs with one defect each raise one finding for it, carrying every figure the rules measured. */
class OneFindingPerCauseTest {
    private static final Set<FindingCode> STEREO = Set.of(FindingCode.WIDTH, FindingCode.MONO_COMPAT, FindingCode.LOW_END_STEREO);

    private static List<Finding> of(List<Finding> findings, Set<FindingCode> codes) {
        return findings.stream().filter(f -> codes.contains(f.code()) || f.merged().stream().anyMatch(codes::contains)).toList();
    }

    @Test
    void overWidePadsAreOneWidthFindingWithTheMonoLoss() {
        for (long seed : new long[]{1, 2}) {
            CheckResult r = check(48_000, seed, Defect.WIDE);
            assertThat(of(r.findings(), STEREO)).as("seed %d", seed).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(FindingCode.WIDTH);
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.merged()).containsExactly(FindingCode.MONO_COMPAT);
                assertThat(f.values()).containsKeys("side_to_mid_db", "mono_loss_db", "correlation", "lo_hz");
                assertThat(f.message()).contains("side signal").contains("In mono");
            });
        }
    }

    @Test
    void stereoBassIsOneLowEndStereoFinding() {
        // The stereo bass also widens the whole mix (side 3.7 dB under the mid), which the
        // calibrated width limit leaves alone: one finding, about the low end.
        CheckResult r = check(48_000, 1, Defect.STEREO_BASS);
        assertThat(of(r.findings(), STEREO)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.LOW_END_STEREO);
            assertThat(f.values()).containsKeys("low_end_correlation", "low_end_side_to_mid_db");
        });
    }

    @Test
    void flippedPolarityStaysOneMonoCompatProblem() {
        CheckResult r = check(48_000, 1, Defect.POLARITY);
        assertThat(of(r.findings(), STEREO)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MONO_COMPAT);
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.values()).containsKeys("correlation", "mono_loss_db");
        });
    }

    @Test
    void aPresenceBuildUpAgainstReferencesIsOneRowWithTheBuiltInLimitAndTheSnare() {
        List<Finding> f = judge(check(48_000, 1, Defect.HARSH).measurements(), ref(2), ref(3));
        List<Finding> presence = of(f, Set.of(FindingCode.HARSH_BUILDUP, FindingCode.SNARE_PROMINENT));
        assertThat(presence).singleElement().satisfies(h -> {
            assertThat(h.code()).isEqualTo(FindingCode.HARSH_BUILDUP);
            // The build-up also lowers the "s" sounds against the 1-4 kHz body: the same cause.
            assertThat(h.merged()).containsExactlyInAnyOrder(FindingCode.SNARE_PROMINENT, FindingCode.OVER_DEESSED);
            assertThat(h.message()).contains("your 2 references").contains("snare");
            assertThat(h.values()).containsKeys("harsh_db", "limit_db", "builtin_limit_db", "snare_prominence_db", "references_max_db");
            assertThat(h.values().get("builtin_limit_db")).isEqualTo(TonalRange.builtIn().harshMaxDb());
            assertThat(h.values().get("limit_db")).isNotEqualTo(h.values().get("builtin_limit_db"));
        });
        assertThat(f.stream().map(Finding::code).toList()).doesNotHaveDuplicates();
    }

    @Test
    void withoutReferencesTheTonalFindingCarriesNoSecondLimit() {
        Finding harsh = SongChecks.findings(check(48_000, 1, Defect.HARSH), FindingCode.HARSH_BUILDUP).get(0);
        assertThat(harsh.values()).containsKeys("harsh_db", "limit_db").doesNotContainKey("builtin_limit_db");
    }
}

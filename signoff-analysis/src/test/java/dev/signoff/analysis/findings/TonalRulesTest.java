package dev.signoff.analysis.findings;

import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.CheckResult;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static dev.signoff.analysis.findings.SongChecks.check;
import static dev.signoff.analysis.findings.SongChecks.codes;
import static dev.signoff.analysis.findings.SongChecks.findings;
import static org.assertj.core.api.Assertions.assertThat;

class TonalRulesTest {
    private static final EnumSet<FindingCode> TONAL = EnumSet.of(FindingCode.HARSH_BUILDUP, FindingCode.SIBILANCE,
            FindingCode.DULL, FindingCode.MUD, FindingCode.LOW_END_EXCESS, FindingCode.LOW_END_WEAK);

    @ParameterizedTest(name = "clean song at {0} Hz, seed {1}")
    @CsvSource({"48000, 1", "48000, 2", "44100, 3", "96000, 4"})
    void cleanMixesRaiseNoTonalFindingAndNoWarnings(int rate, long seed) {
        CheckResult r = check(rate, seed);
        assertThat(codes(r, Severity.NOTE)).doesNotContainAnyElementsOf(TONAL);
        assertThat(codes(r, Severity.WARNING)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"HARSH, HARSH_BUILDUP", "SIBILANT, SIBILANCE", "DULL, DULL", "MUD, MUD",
            "BOOMY, LOW_END_EXCESS", "THIN, LOW_END_WEAK"})
    void eachTonalDefectRaisesItsCode(Defect defect, FindingCode expected) {
        for (long seed : new long[]{1, 2}) {
            CheckResult r = check(48_000, seed, defect);
            List<Finding> hits = findings(r, expected);
            assertThat(hits).as("%s with seed %d: %s", defect, seed, r.findings()).hasSize(1);
            assertThat(hits.get(0).severity()).isEqualTo(Severity.WARNING);
            assertThat(hits.get(0).message()).contains("the built-in range").containsPattern("\\d+\\.\\d dB");
            // One defect, one tonal diagnosis: a boomy mix is not also called thin or muddy.
            assertThat(codes(r, Severity.NOTE).stream().filter(TONAL::contains)).containsExactly(expected);
        }
    }

    @Test
    void sibilanceFindingPointsAtABurstInsideTheVocal() {
        CheckResult r = check(48_000, 1, Defect.SIBILANT);
        Finding f = findings(r, FindingCode.SIBILANCE).get(0);
        assertThat(f.startS()).isNotNull().isBetween(0.0, r.measurements().durationS());
        assertThat(f.values().get("bursts")).isGreaterThan(5.0);
        assertThat(r.measurements().tonalBalance().sibilanceDb())
                .isGreaterThan(check(48_000, 1).measurements().tonalBalance().sibilanceDb() + 5);
    }

    @Test
    void referenceRangeChangesTheJudgement() {
        // The same boomy mix is fine against a range that allows that much low end.
        CheckResult r = check(48_000, 1, Defect.BOOMY);
        TonalRange generous = new TonalRange("the references", -6, 20, 0, 0, -26, 2.5);
        assertThat(new TonalRules(generous).judge(r.measurements())).isEmpty();
        assertThat(new TonalRules(TonalRange.builtIn()).judge(r.measurements()))
                .extracting(Finding::code).containsExactly(FindingCode.LOW_END_EXCESS);
    }
}

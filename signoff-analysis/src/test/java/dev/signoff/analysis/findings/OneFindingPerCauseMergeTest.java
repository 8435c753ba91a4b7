package dev.signoff.analysis.findings;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge step on its own: which findings become one, and what the one keeps. */
class OneFindingPerCauseMergeTest {
    private static final Cause SIDE = new Cause("side excess in the 120 Hz-500 Hz band", FindingCode.WIDTH);

    private static Finding at(FindingCode code, Severity s, double start, double end, Map<String, Double> values) {
        return Finding.at(code, s, start, end, code + " at " + start + ".", "Listen to " + code + ".", values);
    }

    @Test
    void passagesOfOneCauseAtDifferentTimesStayApart() {
        Cause clipped = new Cause("clipped master", FindingCode.CLIPPING);
        List<Finding> f = OneFindingPerCause.merge(List.of(
                at(FindingCode.CLIPPING, Severity.PROBLEM, 10, 12, Map.of("runs", 3.0)).because(clipped),
                at(FindingCode.CLIPPING, Severity.PROBLEM, 40, 41, Map.of("runs", 9.0)).because(clipped)));
        assertThat(f).hasSize(2).allSatisfy(x -> assertThat(x.merged()).isEmpty());
    }

    @Test
    void overlappingFindingsOfOneCauseBecomeOneUnderTheRootCode() {
        List<Finding> f = OneFindingPerCause.merge(List.of(
                at(FindingCode.MONO_COMPAT, Severity.WARNING, 30, 40, Map.of("mono_loss_db", 4.8, "lo_hz", 120.0)).because(SIDE),
                at(FindingCode.WIDTH, Severity.WARNING, 35, 50, Map.of("side_to_mid_db", 3.0, "lo_hz", 120.0)).because(SIDE)));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(FindingCode.WIDTH);
            assertThat(x.merged()).containsExactly(FindingCode.MONO_COMPAT);
            assertThat(x.startS()).isEqualTo(30.0);
            assertThat(x.endS()).isEqualTo(50.0);
            assertThat(x.message()).isEqualTo("WIDTH at 35.0. MONO_COMPAT at 30.0.");
            assertThat(x.hint()).isEqualTo("Listen to WIDTH. Listen to MONO_COMPAT.");
            assertThat(x.values()).containsOnly(Map.entry("mono_loss_db", 4.8), Map.entry("lo_hz", 120.0), Map.entry("side_to_mid_db", 3.0));
        });
    }

    @Test
    void theWorstFindingLeadsAndAClashingFigureIsKeptUnderItsCode() {
        Finding problem = Finding.whole(FindingCode.MONO_COMPAT, Severity.PROBLEM, "Cancels.", null, Map.of("correlation", -0.9)).because(SIDE);
        Finding width = at(FindingCode.WIDTH, Severity.WARNING, 5, 9, Map.of("correlation", 0.1)).because(SIDE);
        assertThat(OneFindingPerCause.merge(List.of(problem, width))).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(FindingCode.MONO_COMPAT);
            assertThat(x.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(x.merged()).containsExactly(FindingCode.WIDTH);
            assertThat(x.startS()).as("a whole-mix finding makes it about the whole mix").isNull();
            assertThat(x.values()).containsOnly(Map.entry("correlation", -0.9), Map.entry("width_correlation", 0.1));
        });
    }

    @Test
    void findingsOfOneCodeKeepEachOfTheirFigures() {
        Cause lost = new Cause("kick lost in section B", FindingCode.KICK_LOST);
        List<Finding> f = OneFindingPerCause.merge(List.of(
                at(FindingCode.KICK_LOST, Severity.WARNING, 8, 24, Map.of("kept_db", -18.0)).because(lost),
                at(FindingCode.KICK_LOST, Severity.WARNING, 8, 24, Map.of("kept_db", -30.0)).because(lost),
                at(FindingCode.KICK_LOST, Severity.WARNING, 8, 24, Map.of("kept_db", -60.0)).because(lost)));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.merged()).isEmpty();
            assertThat(x.values()).containsOnly(Map.entry("kept_db", -18.0), Map.entry("kick_lost_kept_db", -30.0),
                    Map.entry("kick_lost_kept_db_2", -60.0));
        });
    }

    @Test
    void findingsWithoutACauseOrOfAnotherCauseAreLeftAlone() {
        Finding a = at(FindingCode.KICK_LOST, Severity.WARNING, 8, 24, Map.of());
        Finding b = at(FindingCode.KICK_LOST, Severity.WARNING, 8, 24, Map.of());
        Finding c = at(FindingCode.WIDTH, Severity.WARNING, 8, 24, Map.of()).because(SIDE);
        Finding d = at(FindingCode.LOW_END_STEREO, Severity.WARNING, 8, 24, Map.of()).because(new Cause("side excess below 120 Hz", FindingCode.LOW_END_STEREO));
        assertThat(OneFindingPerCause.merge(List.of(a, b, c, d))).containsExactlyInAnyOrder(a, b, c, d);
    }

    @Test
    void aFindingBetweenTwoGroupsJoinsThem() {
        List<Finding> f = OneFindingPerCause.merge(List.of(
                at(FindingCode.WIDTH, Severity.WARNING, 0, 10, Map.of()).because(SIDE),
                at(FindingCode.WIDTH, Severity.WARNING, 20, 30, Map.of()).because(SIDE),
                at(FindingCode.MONO_COMPAT, Severity.WARNING, 5, 25, Map.of()).because(SIDE)));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.startS()).isEqualTo(0.0);
            assertThat(x.endS()).isEqualTo(30.0);
            assertThat(x.merged()).containsExactly(FindingCode.MONO_COMPAT);
        });
    }
}

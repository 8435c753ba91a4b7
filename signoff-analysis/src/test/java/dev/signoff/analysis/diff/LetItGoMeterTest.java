package dev.signoff.analysis.diff;

import dev.signoff.analysis.history.LetItGoMeter;
import dev.signoff.analysis.history.LetItGoMeter.Verdict;
import dev.signoff.analysis.history.VersionOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;

class LetItGoMeterTest {
    @TempDir Path dir;

    @Test
    void twoInaudibleStepsInARowWithNoProblemSayLetItGo() throws Exception {
        float[][] v1 = gain(-6).apply(copy(song(7).channels()));
        float[][] v2 = peaking(3000, 1, 4).apply(copy(v1));          // audible: +4 dB of presence
        float[][] v3 = peaking(1000, 1.4, 0.6).apply(copy(v2));      // a 0.6 dB nudge
        float[][] v4 = gain(0.4).apply(copy(v3));                    // and 0.4 dB louder
        List<Path> files = List.of(write(dir, "song v1.wav", v1), write(dir, "song v2.wav", v2), write(dir, "song v3.wav", v3), write(dir, "song v4.wav", v4));
        LetItGoMeter.Result r = LetItGoMeter.measure(files);
        assertThat(r.steps()).hasSize(4);
        assertThat(r.steps().get(0).jnd()).isNaN();
        assertThat(r.steps().get(1).jnd()).isGreaterThan(3);
        assertThat(r.steps().get(2).jnd()).isLessThan(1);
        assertThat(r.steps().get(3).jnd()).isLessThan(1);
        System.out.printf("let it go: steps %.2f %.2f %.2f JND -> %s%n", r.steps().get(1).jnd(), r.steps().get(2).jnd(), r.steps().get(3).jnd(), r.verdict());
        assertThat(r.verdict()).isEqualTo(Verdict.LET_IT_GO);
        assertThat(r.message()).contains("polished, not improved - time to sign it off");
        // Stop at v3: one small step after a big one is settling, not yet letting go.
        assertThat(LetItGoMeter.measure(files.subList(0, 3)).verdict()).isEqualTo(Verdict.SETTLING);
        assertThat(LetItGoMeter.measure(files.subList(0, 2)).verdict()).isEqualTo(Verdict.STILL_CHANGING);
    }

    @Test
    void hissTakenOutIsTheStepsLargestChangeAndSaysRemoved() throws Exception {
        float[][] clean = gain(-6).apply(copy(song(7).channels()));
        float[][] hissy = noise(-60, 0, 60, 3).apply(copy(clean));
        LetItGoMeter.Result r = LetItGoMeter.measure(List.of(write(dir, "take v1.wav", hissy), write(dir, "take v2.wav", clean)));
        var step = r.steps().get(1);
        assertThat(step.largest().kind()).as(String.valueOf(step.fromPrevious())).isEqualTo(ChangeKind.NOISE);
        assertThat(step.largest().noise().direction()).isEqualTo(NoiseChange.Direction.REMOVED);
        assertThat(step.jnd()).isGreaterThanOrEqualTo(1);
        assertThat(r.verdict()).isEqualTo(Verdict.STILL_CHANGING);
        System.out.println("let it go, hiss taken out: " + r.message());
        assertThat(r.message()).contains("that ran through the whole old version").contains("is gone").doesNotContain("whole new version");
    }

    @Test
    void aProblemInTheLatestVersionComesFirst() throws Exception {
        float[][] v1 = copy(song(7).channels());
        float[][] clipped = gain(6).apply(copy(v1));   // 5 dB over full scale: clipped when written
        LetItGoMeter.Result r = LetItGoMeter.measure(List.of(write(dir, "a1.wav", v1), write(dir, "a2.wav", clipped)));
        assertThat(r.verdict()).isEqualTo(Verdict.FIX_PROBLEMS_FIRST);
        assertThat(r.message()).contains("CLIPPING").contains("fix");
    }

    @Test
    void theVerdictFollowsTheSteps() {
        double n = Double.NaN;
        assertThat(LetItGoMeter.judge(new double[]{n}, false)).isEqualTo(Verdict.ONE_VERSION);
        assertThat(LetItGoMeter.judge(new double[]{n, 0.3}, false)).isEqualTo(Verdict.LET_IT_GO);
        assertThat(LetItGoMeter.judge(new double[]{n, 0.3}, true)).isEqualTo(Verdict.FIX_PROBLEMS_FIRST);
        assertThat(LetItGoMeter.judge(new double[]{n, 4, 0.9}, false)).isEqualTo(Verdict.SETTLING);
        assertThat(LetItGoMeter.judge(new double[]{n, 4, 0.9, 0.2}, false)).isEqualTo(Verdict.LET_IT_GO);
        assertThat(LetItGoMeter.judge(new double[]{n, 0.2, 0.2, 1.0}, false)).isEqualTo(Verdict.STILL_CHANGING);
    }

    @Test
    void versionsSortNaturally() {
        List<Path> sorted = VersionOrder.sorted(List.of(Path.of("mix v10.wav"), Path.of("Mix v2.wav"), Path.of("mix v1.wav"),
                Path.of("mix v2b.wav"), Path.of("mix final.wav"), Path.of("mix v02.flac")));
        assertThat(sorted).extracting(Path::toString)
                .containsExactly("mix final.wav", "mix v1.wav", "mix v02.flac", "Mix v2.wav", "mix v2b.wav", "mix v10.wav");
    }
}

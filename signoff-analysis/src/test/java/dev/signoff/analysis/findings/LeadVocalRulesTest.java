package dev.signoff.analysis.findings;

import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.vocal.LeadVocal;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static dev.signoff.analysis.findings.SongChecks.check;
import static dev.signoff.analysis.findings.SongChecks.findings;
import static org.assertj.core.api.Assertions.assertThat;

/** SIBILANCE and OVER_DEESSED are judged only where the mix has a lead voice. */
class LeadVocalRulesTest {
    @TempDir static Path dir;
    static Path brightInstrumental;

    /**
     * An instrumental with bright, splashy cymbals: SongSynth's instrumental render with a burst of
     * 5-10 kHz noise (different in each channel, as overheads are) on every eighth note.
     */
    @BeforeAll
    static void render() throws Exception {
        SongSynth.Song song = SongSynth.renderInstrumental(48_000, 30, 4);
        float[][] x = song.channels();
        SplittableRandom random = new SplittableRandom(9);
        int eighth = 48_000 / 4, len = (int) (0.08 * 48_000);
        for (int c = 0; c < 2; c++) {
            Biquad band = Biquad.bandPass(48_000, 7000, 1.0);
            for (int start = 2 * 48_000; start + len < x[c].length - 3 * 48_000; start += eighth) {
                for (int i = 0; i < len; i++) {
                    x[c][start + i] += (float) (0.35 * Math.exp(-i / (0.02 * 48_000)) * band.process(random.nextDouble() * 2 - 1));
                }
            }
        }
        brightInstrumental = dir.resolve("bright instrumental.wav");
        try (WavWriter w = WavWriter.open(brightInstrumental, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
    }

    @Test
    void cymbalsInAnInstrumentalRaiseNoSibilance() throws Exception {
        CheckResult detected = MixCheck.run(brightInstrumental, (i, f) -> { }, List.of(), List.of(), VocalChoice.DETECT);
        assertThat(detected.measurements().leadVocal().found()).as("share %.2f", detected.measurements().leadVocal().share()).isFalse();
        assertThat(findings(detected, FindingCode.SIBILANCE)).isEmpty();
        // The bursts are there: judged as a vocal mix (check --vocal), the same file raises SIBILANCE.
        CheckResult asVocal = MixCheck.run(brightInstrumental, (i, f) -> { }, List.of(), List.of(), VocalChoice.VOCAL);
        assertThat(findings(asVocal, FindingCode.SIBILANCE)).hasSize(1);
        assertThat(asVocal.measurements().leadVocal().forced()).isTrue();
    }

    @Test
    void theSibilantSongHasALeadVocalAndRaisesSibilance() {
        CheckResult r = check(48_000, 1, Defect.SIBILANT);
        assertThat(r.measurements().leadVocal().found()).isTrue();
        assertThat(findings(r, FindingCode.SIBILANCE)).hasSize(1);
    }

    @Test
    void sayingTheMixIsInstrumentalSkipsTheSibilanceJudgement() {
        Measurements sibilant = check(48_000, 1, Defect.SIBILANT).measurements();
        Measurements instrumental = sibilant.withLeadVocal(VocalChoice.INSTRUMENTAL.apply(sibilant.leadVocal()));
        assertThat(instrumental.leadVocal().found()).isFalse();
        assertThat(instrumental.leadVocal().forced()).isTrue();
        assertThat(new TonalRules(TonalRange.builtIn()).judge(instrumental)).extracting(Finding::code).doesNotContain(FindingCode.SIBILANCE);
    }

    @Test
    void anInstrumentalIsNotOverDeEssedAgainstSibilantReferences() {
        Measurements mix = check(48_000, 1).measurements();
        List<Reference> refs = List.of(new Reference(Path.of("a.wav"), check(48_000, 2, Defect.SIBILANT).measurements()),
                new Reference(Path.of("b.wav"), check(48_000, 3, Defect.SIBILANT).measurements()));
        assertThat(new ReferenceRules(ReferenceComparison.of(mix, refs)).judge(mix)).extracting(Finding::code).contains(FindingCode.OVER_DEESSED);
        Measurements instrumental = mix.withLeadVocal(LeadVocal.forced(false));
        assertThat(new ReferenceRules(ReferenceComparison.of(instrumental, refs)).judge(instrumental))
                .extracting(Finding::code).doesNotContain(FindingCode.OVER_DEESSED);
    }
}

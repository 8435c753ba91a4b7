package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.analysis.findings.SongChecks.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReferenceRulesTest {

    static Reference ref(long seed, Defect... defects) {
        CheckResult r = check(48_000, seed, defects);
        return new Reference(Path.of("ref-" + seed + ".wav"), r.measurements());
    }

    static List<Finding> judge(Measurements mix, Reference... refs) {
        return FindingRules.forCheck(ReferenceComparison.of(mix, List.of(refs)), null).judge(mix);
    }

    static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Severity.NOTE).map(Finding::code).toList();
    }

    @Test
    void cleanMixAgainstCleanReferencesRaisesNoWarning() {
        assertThat(codes(judge(check(48_000, 1).measurements(), ref(2), ref(3)))).isEmpty();
    }

    @Test
    void harshMixIsJudgedAgainstTheReferences() {
        List<Finding> f = judge(check(48_000, 1, Defect.HARSH).measurements(), ref(2), ref(3));
        // +8 dB at 3 kHz also lifts the snare's crack: that is part of the same finding (OneFindingPerCauseTest).
        assertThat(codes(f)).contains(FindingCode.HARSH_BUILDUP)
                .doesNotContain(FindingCode.MUD, FindingCode.DULL, FindingCode.SIBILANCE, FindingCode.LOW_END_EXCESS, FindingCode.LOW_END_WEAK);
        assertThat(f.stream().filter(x -> x.code() == FindingCode.HARSH_BUILDUP).findFirst().orElseThrow().message()).contains("your 2 references");
    }

    @Test
    void referencesThatShareTheBoomWidenTheRange() {
        Measurements boomy = check(48_000, 1, Defect.BOOMY).measurements();
        assertThat(codes(FindingRules.forCheck(null, null).judge(boomy))).contains(FindingCode.LOW_END_EXCESS);
        assertThat(codes(judge(boomy, ref(2, Defect.BOOMY), ref(3)))).doesNotContain(FindingCode.LOW_END_EXCESS);
    }

    @Test
    void aMixFarLessSibilantThanItsReferencesIsOverDeEssed() {
        List<Finding> f = judge(check(48_000, 1).measurements(), ref(2, Defect.SIBILANT), ref(3, Defect.SIBILANT));
        assertThat(codes(f)).containsExactly(FindingCode.OVER_DEESSED);
        assertThat(codes(judge(check(48_000, 1).measurements(), ref(2), ref(3, Defect.SIBILANT)))).isEmpty();
    }

    @Test
    void aSquashedMixIsOverCompressedAgainstDynamicReferences(@TempDir Path dir) throws Exception {
        // The clean song driven hard into a soft clipper, then brought back to -1 dBFS peak.
        SongSynth.Song song = SongSynth.render(48_000, 40, 1);
        float[][] x = song.channels();
        double peak = 0;
        for (float[] ch : x) for (int i = 0; i < ch.length; i++) {
            ch[i] = (float) Math.tanh(ch[i] * 6.0);
            peak = Math.max(peak, Math.abs(ch[i]));
        }
        float g = (float) (Math.pow(10, -1 / 20.0) / peak);
        for (float[] ch : x) for (int i = 0; i < ch.length; i++) ch[i] *= g;
        Path file = dir.resolve("squashed.wav");
        try (WavWriter w = WavWriter.open(file, 48_000, 2, 24)) {
            w.write(x, song.frames());
        }
        Measurements squashed = MixCheck.measure(file, (i, f) -> { });
        List<Finding> f = judge(squashed, ref(2), ref(3));
        assertThat(codes(f)).contains(FindingCode.OVER_COMPRESSED);
        Finding over = f.stream().filter(x2 -> x2.code() == FindingCode.OVER_COMPRESSED).findFirst().orElseThrow();
        assertThat(over.values().get("plr_db")).isLessThan(over.values().get("references_min_plr_db") - 2);
    }

    /**
     * A reference is measured only for what the comparison reads ({@link ReferenceComparison#MEASURES}):
     * the comparison and the findings come out exactly as from references measured by a whole check,
     * on a mix whose tonal, dynamics, drum and sibilance rules all have something to say.
     */
    @Test
    void referencesMeasuredForTheComparisonAloneJudgeAsWhollyCheckedOnes(@TempDir Path dir) throws Exception {
        Measurements mix = check(48_000, 1, Defect.HARSH, Defect.KICK_HOT).measurements();
        List<Reference> whole = new java.util.ArrayList<>(), asked = new java.util.ArrayList<>();
        for (long seed : new long[]{2, 3}) {
            SongSynth.Song song = SongSynth.render(48_000, 40, seed, seed == 3 ? java.util.EnumSet.of(Defect.SIBILANT) : java.util.EnumSet.noneOf(Defect.class));
            Path file = dir.resolve("ref-" + seed + ".wav");
            try (WavWriter w = WavWriter.open(file, 48_000, 2, 24)) {
                w.write(song.channels(), song.frames());
            }
            whole.add(new Reference(file, MixCheck.measure(file, (i, f) -> { })));
            asked.add(new Reference(file, dev.signoff.analysis.MeasurementPlan.of(ReferenceComparison.MEASURES).measure(file, (i, f) -> { })));
        }
        assertThat(asked.get(0).measurements().sections()).as("not asked, not measured").isNull();
        ReferenceComparison a = ReferenceComparison.of(mix, asked), w = ReferenceComparison.of(mix, whole);
        assertThat(a.tonal()).isEqualTo(w.tonal());
        assertThat(a.dynamics()).isEqualTo(w.dynamics());
        assertThat(a.drums()).isEqualTo(w.drums());
        assertThat(a.stereo()).isEqualTo(w.stereo());
        assertThat(a.bands()).isEqualTo(w.bands());
        assertThat(judge(mix, asked.toArray(Reference[]::new))).isEqualTo(judge(mix, whole.toArray(Reference[]::new)))
                .extracting(Finding::code).contains(FindingCode.HARSH_BUILDUP);
    }

    /** The findings that raise {@code code}, under its own code or merged into another of the same cause. */
    static List<Finding> raising(List<Finding> findings, FindingCode code) {
        return findings.stream().filter(f -> f.code() == code || f.merged().contains(code)).toList();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"KICK_HOT, KICK_PROMINENT, kick", "SNARE_HOT, SNARE_PROMINENT, snare"})
    void aDrumFarHotterThanInTheReferencesIsProminent(Defect defect, FindingCode code, String drum) {
        List<Finding> f = judge(check(48_000, 1, defect).measurements(), ref(2), ref(3));
        // A kick 8 dB hotter also lifts the low end past the references: one finding, LOW_END_EXCESS, says both.
        assertThat(raising(f, code)).singleElement().satisfies(hit -> {
            assertThat(hit.message()).contains("The " + drum + " hits").contains("your 2 references");
            assertThat(hit.values()).containsKeys(drum + "_prominence_db", "references_max_db");
        });
        // The same hot drum in a reference makes it the engineer's sound.
        assertThat(raising(judge(check(48_000, 1, defect).measurements(), ref(2, defect), ref(3)), code)).isEmpty();
    }

    @Test
    void drumHitsAreFoundAtTheSongsTempo() {
        // 40 s at 120 BPM: a kick on every beat, a snare on 2 and 4 over most of the song.
        var drums = check(48_000, 1).measurements().drums();
        assertThat(drums.kickHits()).isBetween(40, 90);
        assertThat(drums.snareHits()).isBetween(15, 45);
    }

    @Test
    void theComparisonShowsTheReferencesRangeBandByBand() {
        Measurements mix = check(48_000, 1).measurements();
        ReferenceComparison c = ReferenceComparison.of(mix, List.of(new Reference(Path.of("self.wav"), mix), ref(2, Defect.DULL)));
        assertThat(c.bands()).isNotEmpty().allSatisfy(b -> {
            if (!Double.isNaN(b.mixDb())) assertThat(b.mixDb()).isBetween(b.minDb() - 1e-9, b.maxDb() + 1e-9);
        });
        // The dull reference pulls the range's floor down in the top octave only.
        ReferenceComparison.BandSpread top = c.bands().stream().filter(b -> b.centerHz() == 10_000).findFirst().orElseThrow();
        assertThat(top.maxDb() - top.minDb()).isGreaterThan(15);
        ReferenceComparison.BandSpread mid = c.bands().stream().filter(b -> b.centerHz() == 1_000).findFirst().orElseThrow();
        assertThat(mid.maxDb() - mid.minDb()).isLessThan(1.5);
        assertThat(c.tonal("air_db").min()).isCloseTo(check(48_000, 2, Defect.DULL).measurements().tonalBalance().airDb(), within(1e-9));
    }
}

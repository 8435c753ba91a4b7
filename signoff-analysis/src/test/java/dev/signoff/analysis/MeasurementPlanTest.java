package dev.signoff.analysis;

import dev.signoff.analysis.diff.BounceSketch;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.FindingRules;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.FeedbackTranslator;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.analysis.waveform.WaveformPeaks;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A pass measures what it is asked for, with what that requires, and nothing else. */
class MeasurementPlanTest {
    private static final MixCheck.ProgressListener QUIET = (info, frames) -> { };
    @TempDir static Path dir;
    private static Path clipped, mono;
    private static Measurements full;

    @BeforeAll
    static void songs() throws IOException {
        SongSynth.Song song = SongSynth.render(48_000, 30, 7, EnumSet.of(SongSynth.Defect.CLIPPING));
        clipped = dir.resolve("clipped.wav");
        try (WavWriter w = WavWriter.open(clipped, 48_000, 2, 24)) {
            w.write(song.channels(), song.frames());
        }
        mono = dir.resolve("mono.wav");
        try (WavWriter w = WavWriter.open(mono, 48_000, 1, 24)) {
            w.write(new float[][]{song.channels()[0]}, song.frames());
        }
        full = MixCheck.measure(clipped, QUIET);
    }

    @Test
    void onlyWhatIsAskedIsMeasuredAndItMatchesTheFullPass() throws IOException {
        Measurements loudnessOnly = MeasurementPlan.of(EnumSet.of(Measure.LOUDNESS)).measure(clipped, QUIET);
        assertThat(loudnessOnly.measured()).containsExactly(Measure.LOUDNESS);
        assertThat(loudnessOnly.loudness().integratedLufs()).isEqualTo(full.loudness().integratedLufs());
        assertThat(loudnessOnly.peaks()).isNull();
        assertThat(loudnessOnly.spectrum()).isNull();
        assertThat(loudnessOnly.has(Measure.TRUE_PEAK)).isFalse();
        assertThat(full.has(Measure.TRUE_PEAK)).isTrue();
        assertThat(loudnessOnly.durationS()).isEqualTo(full.durationS());
    }

    @Test
    void theCheckDrawsTheWaveformFromTheSamePassAndLongFilesGetCoarserPoints() {
        var w = full.waveform();
        assertThat(w).isNotNull();
        var level = w.levels().get(0);
        assertThat(level.samplesPerPoint()).isEqualTo(MeasurementPlan.WAVEFORM_FRAMES_PER_POINT);
        assertThat(level.points()).isEqualTo((int) Math.ceil(full.durationS() * 48_000 / MeasurementPlan.WAVEFORM_FRAMES_PER_POINT));
        // the clipped song's extremes are its sample peak, at full scale
        float top = Float.NEGATIVE_INFINITY;
        for (float[] ch : level.max()) for (int p = 0; p < level.points(); p++) top = Math.max(top, ch[p]);
        assertThat(20 * Math.log10(top)).isCloseTo(full.peaks().samplePeakDbfs(), org.assertj.core.data.Offset.offset(0.01));
        // a day at 48 kHz: whole multiples of the finest step, never more than the cap of points
        StreamInfo day = new StreamInfo(48_000, 2, 24, false, "WAV PCM", 24L * 3600 * 48_000);
        int step = MeasurementPlan.waveformFramesPerPoint(day);
        assertThat(step % MeasurementPlan.WAVEFORM_FRAMES_PER_POINT).isZero();
        assertThat(Math.ceil(day.frames() / (double) step)).isLessThanOrEqualTo(MeasurementPlan.WAVEFORM_MAX_POINTS);
        assertThat(MeasurementPlan.waveformFramesPerPoint(day.withFrames(-1))).isEqualTo(MeasurementPlan.WAVEFORM_FRAMES_PER_POINT);
        assertThat(MeasurementPlan.of(EnumSet.of(Measure.LOUDNESS)).measures()).doesNotContain(Measure.WAVEFORM);
    }

    @Test
    void aMeasureBringsWhatItIsBuiltFrom() {
        assertThat(MeasurementPlan.of(EnumSet.of(Measure.SECTIONS)).measures()).containsExactlyInAnyOrder(Measure.SECTIONS, Measure.LOUDNESS);
        assertThat(MeasurementPlan.of(EnumSet.of(Measure.QUIET_PASSAGES)).measures()).contains(Measure.LOUDNESS);
        assertThat(MeasurementPlan.of(Set.of(Measure.DEVICE_LOW_END)).measures()).as("device readings need devices").isEmpty();
    }

    @Test
    void notAskedIsToldApartFromNotApplicable() throws IOException {
        Measurements asked = MeasurementPlan.of(EnumSet.of(Measure.STEREO)).measure(mono, QUIET);
        Measurements notAsked = MeasurementPlan.of(EnumSet.of(Measure.LOUDNESS)).measure(mono, QUIET);
        assertThat(asked.stereo()).isNull();
        assertThat(notAsked.stereo()).isNull();
        assertThat(asked.has(Measure.STEREO)).as("mono: measured, not applicable").isTrue();
        assertThat(notAsked.has(Measure.STEREO)).as("not asked").isFalse();
    }

    @Test
    void rulesWhoseMeasuresWereNotTakenStaySilent() throws IOException {
        List<FindingCode> all = FindingRules.forCheck(null, null).judge(full).stream().map(Finding::code).toList();
        assertThat(all).as("the full pass finds the clipping").contains(FindingCode.CLIPPING);
        Measurements partial = MeasurementPlan.of(EnumSet.of(Measure.LOUDNESS, Measure.SPECTRUM)).measure(clipped, QUIET);
        List<FindingCode> some = FindingRules.forCheck(null, null).judge(partial).stream().map(Finding::code).toList();
        assertThat(some).doesNotContain(FindingCode.CLIPPING, FindingCode.TRUE_PEAK_OVER, FindingCode.WIDTH, FindingCode.STOP_NOISE);
    }

    @Test
    void feedbackWordsReadTheSameFromTheirOwnSmallerPass() throws IOException {
        Measurements words = MeasurementPlan.of(FeedbackTranslator.MEASURES).measure(clipped, QUIET);
        assertThat(words.has(Measure.TRUE_PEAK)).isFalse();
        for (String comment : List.of("the chorus is muddy", "too wide", "vocal is buried", "more punch")) {
            RevisionItem item = new RevisionItem(comment, 12.0, null);
            assertThat(FeedbackTranslator.translate(words, List.<Reference>of(), item).toString())
                    .isEqualTo(FeedbackTranslator.translate(full, List.of(), item).toString());
        }
    }

    @Test
    void theCallersOwnAnalysersRideTheSamePassAndGetWhatTheirOwnPassesWould() throws IOException {
        var peaks = new java.util.concurrent.atomic.AtomicReference<WaveformPeaks>();
        var sketcher = new java.util.concurrent.atomic.AtomicReference<BounceSketch.Sketcher>();
        Measurements m = MeasurementPlan.forCheck(List.of()).measure(clipped, info -> {
            peaks.set(new WaveformPeaks(info));
            sketcher.set(new BounceSketch.Sketcher(info));
            return List.of(peaks.get(), sketcher.get());
        }, QUIET);
        assertThat(m.loudness().integratedLufs()).isEqualTo(full.loudness().integratedLufs());
        assertThat(m.peaks().truePeakDbtp()).isEqualTo(full.peaks().truePeakDbtp());
        assertThat(MixCheck.judge(clipped, m, List.of(), List.of(), VocalChoice.DETECT, System.nanoTime()).findings())
                .isEqualTo(MixCheck.run(clipped).findings());

        BounceSketch alone = BounceSketch.of(clipped), alongside = sketcher.get().result(clipped);
        assertThat(alongside.frames()).isEqualTo(alone.frames()).isEqualTo(Math.round(full.durationS() * 48_000));
        assertThat(alongside.hopFrames()).isEqualTo(alone.hopFrames());
        assertThat(alongside.flux()).isEqualTo(alone.flux());
        assertThat(alongside.levelDb()).isEqualTo(alone.levelDb());

        WaveformPeaks own = new WaveformPeaks(full.info());
        try (var reader = dev.signoff.audio.AudioDecoders.open(clipped)) {
            new AnalysisPipeline(List.of(own)).run(reader, MixCheck.BLOCK_FRAMES, done -> { });
        }
        assertThat(peaks.get().result()).usingRecursiveComparison().isEqualTo(own.result());
    }
}


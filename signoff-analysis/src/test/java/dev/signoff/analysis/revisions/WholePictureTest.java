package dev.signoff.analysis.revisions;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.references.Reference;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a client wrote "harsh and piercing" about a song whose own check finds the whole of it
 * harsh (HARSH_BUILDUP); the reading said "2-5 kHz is about 0 dB here" against the rest of the same
 * song, which reads as "the complaint is baseless". The reading must also set the moment and the
 * song against the range the findings cite, and name the finding.
 */
class WholePictureTest {
    @TempDir static Path dir;
    static Measurements harsh, clean;

    @BeforeAll
    static void measure() throws Exception {
        MeasurementPlan plan = MeasurementPlan.of(FeedbackTranslator.MEASURES);
        harsh = plan.measure(write("harsh.wav", SongSynth.render(44_100, 24, 3, Set.of(SongSynth.Defect.HARSH))), (i, f) -> { });
        clean = plan.measure(write("clean.wav", SongSynth.render(44_100, 24, 3)), (i, f) -> { });
    }

    static Path write(String name, SongSynth.Song s) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, s.sampleRate(), 2, 16)) {
            w.write(s.channels(), s.frames());
        }
        return f;
    }

    @Test
    void aHarshCommentOnAWhollyHarshSongNamesTheFindingAndTheRange() {
        FeedbackTranslator.Translation t = FeedbackTranslator.translate(harsh, List.of(), new RevisionItem("harsh and piercing", 12.0, null));
        FeedbackTranslator.Reading r = t.readings().get(0);
        assertThat(r.word().name()).isEqualTo("harsh");
        // The old reading on its own: nothing stands out here against the rest of the (equally harsh) song.
        assertThat(Math.abs(r.difference())).as(r.sentence()).isLessThan(2);
        WholePicture p = r.picture();
        assertThat(p).as(r.sentence()).isNotNull();
        assertThat(p.songDb()).as("the whole song's presence build-up").isGreaterThan(p.limitDb());
        assertThat(p.hereDb()).as("the moment's").isGreaterThan(p.limitDb());
        assertThat(p.rangeSource()).isEqualTo("the built-in range");
        assertThat(p.findings()).singleElement().satisfies(f -> assertThat(f.code().name()).isEqualTo("HARSH_BUILDUP"));
        assertThat(p.sentence()).contains("the whole mix is harsh: HARSH_BUILDUP, +").contains("the built-in range");
        // "piercing" (3-8 kHz) reads the same figure: one picture per comment is enough, but both words show it.
        assertThat(t.readings()).extracting(x -> x.word().name()).contains("piercing");
        assertThat(t.readings().get(1).picture().findings()).hasSize(1);
    }

    @Test
    void onACleanSongTheSameWordsSayTheSongIsInsideTheRange() {
        FeedbackTranslator.Reading r = FeedbackTranslator.translate(clean, List.of(), new RevisionItem("harsh", 12.0, null)).readings().get(0);
        assertThat(r.picture().findings()).isEmpty();
        assertThat(r.picture().songDb()).isLessThan(r.picture().limitDb());
        assertThat(r.picture().sentence()).contains("within the built-in range").contains("no finding");
    }

    @Test
    void withReferencesTheRangeIsTheirs() {
        List<Reference> refs = List.of(new Reference(dir.resolve("clean.wav"), clean));
        FeedbackTranslator.Reading r = FeedbackTranslator.translate(harsh, refs, new RevisionItem("harsh", 12.0, null)).readings().get(0);
        assertThat(r.picture().rangeSource()).isEqualTo("your reference");
        assertThat(r.picture().limitDb()).isLessThan(5.0);
        assertThat(r.picture().findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("your reference"));
    }

    @Test
    void wordsWithoutATonalFigureHaveNoPicture() {
        FeedbackTranslator.Translation t = FeedbackTranslator.translate(harsh, List.of(), new RevisionItem("too much reverb, vocal buried", 12.0, null));
        assertThat(t.readings()).isNotEmpty().allSatisfy(r -> assertThat(r.picture()).isNull());
    }
}

package dev.signoff.analysis.diff;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.FeedbackTranslator;
import dev.signoff.analysis.revisions.RevisionItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback translation on a mix that really is muddy in one passage (+8 dB at 300 Hz from 20 to
 * 28 s) and wide in another (side +8 dB from 30 to 38 s), with the clean mix as the reference.
 */
class FeedbackTranslatorTest {
    @TempDir static Path dir;
    static Measurements mix;
    static List<Reference> refs;

    @BeforeAll
    static void measure() throws Exception {
        float[][] clean = song(7).channels();
        float[][] changed = then(only(20, 28, peaking(300, 1.0, 8)), only(30, 38, side(8))).apply(gain(-6).apply(copy(clean)));
        Path mixFile = write(dir, "mix.wav", changed);
        Path refFile = write(dir, "ref.wav", gain(-6).apply(copy(clean)));
        mix = MixCheck.measure(mixFile, (i, f) -> { });
        refs = List.of(new Reference(refFile, MixCheck.measure(refFile, (i, f) -> { })));
    }

    @Test
    void muddyHereReadsTheLowMidsAtThatTimeAgainstTheRestAndTheReference() {
        FeedbackTranslator.Translation t = FeedbackTranslator.translate(mix, refs, RevisionItem.of("sounds muddy here at 0:24"));
        assertThat(t.request().target().dimension()).isEqualTo("low mids");
        assertThat(t.request().direction()).isEqualTo(-1);
        assertThat(t.here().startS()).isEqualTo(21.0);
        assertThat(t.readings()).singleElement().satisfies(r -> {
            assertThat(r.word().name()).isEqualTo("muddy");
            assertThat(r.difference()).as("the passage is muddier than the rest").isGreaterThan(3);
            assertThat(r.here()).isGreaterThan(r.refMax());
            assertThat(r.sentence()).startsWith("200-500 Hz against the whole mix:").contains("here against").contains("your reference:");
        });
        // Somewhere else the low mids are as usual.
        FeedbackTranslator.Translation elsewhere = FeedbackTranslator.translate(mix, refs, new RevisionItem("muddy?", 8.0, null));
        assertThat(Math.abs(elsewhere.readings().get(0).difference())).isLessThan(2);
    }

    @Test
    void tooMuchReverbReadsTheSide() {
        FeedbackTranslator.Translation t = FeedbackTranslator.translate(mix, refs, new RevisionItem("too much reverb in this bit", 34.0, null));
        assertThat(t.request().target().dimension()).isEqualTo("reverb");
        assertThat(t.readings()).singleElement().satisfies(r -> {
            assertThat(r.measure()).isEqualTo("side against mid");
            assertThat(r.difference()).isGreaterThan(4);
        });
    }

    @Test
    void eachMeasureHasAReadingAndAPlainCommentHasNone() {
        for (String words : List.of("needs more punch", "a bit sibilant", "vocal too quiet", "lopsided", "too loud here")) {
            FeedbackTranslator.Translation t = FeedbackTranslator.translate(mix, refs, new RevisionItem(words, 15.0, null));
            assertThat(t.readings()).as(words).isNotEmpty();
            assertThat(t.readings()).as(words).allSatisfy(r -> assertThat(Double.isFinite(r.rest())).isTrue());
        }
        assertThat(FeedbackTranslator.translate(mix, refs, RevisionItem.of("love it")).readings()).isEmpty();
        // Without a time the song is set against the references only.
        FeedbackTranslator.Translation whole = FeedbackTranslator.translate(mix, refs, RevisionItem.of("harsh"));
        assertThat(whole.here()).isNull();
        assertThat(whole.readings().get(0).sentence()).contains("over the song").contains("your reference");
    }
}

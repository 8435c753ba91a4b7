package dev.signoff.analysis.diff;

import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope check on a revision: the engineer was asked for the vocal up in the choruses and did
 * it (a broad +1.5 dB at 2 kHz in the choruses, where the vocal lives), and also brightened the
 * whole mix (+3 dB above 8 kHz), which nobody asked for.
 */
class ScopeCheckTest {
    @TempDir static Path dir;
    static DiffResult diff;

    @BeforeAll
    static void revise() throws Exception {
        SongSynth.Song song = song(7, 90);
        Path[] p = pair(dir, song, then(inSections(song, "chorus", peaking(2000, 0.7, 1.5)), highShelf(8000, 3)));
        diff = VersionDiff.run(p[0], p[1]);
    }

    @Test
    void theAskedChangeIsDoneAndTheUnaskedOneIsListed() {
        ScopeCheck.Result r = ScopeCheck.checkTexts(diff, List.of("vocal up 1 dB in choruses"));
        ScopeCheck.Outcome vocal = r.asked().get(0);
        assertThat(vocal.status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(vocal.where()).isEqualTo("choruses only");
        assertThat(vocal.measuredDb()).isPositive();
        assertThat(r.unasked()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.TONAL);
            assertThat(c.message()).contains("above");
            assertThat(c.freqLoHz()).isBetween(6000.0, 10000.0);
        });
    }

    @Test
    void whatDidNotHappenOrWentTheOtherWayIsSaid() {
        ScopeCheck.Result r = ScopeCheck.check(diff, List.of(
                RevisionItem.of("bass down 2 dB"),
                RevisionItem.of("less top end"),
                RevisionItem.of("vocal down in the choruses"),
                RevisionItem.of("more punch"),
                RevisionItem.of("great job")));
        assertThat(r.asked()).extracting(ScopeCheck.Outcome::status).containsExactly(
                ScopeCheck.Status.NOT_FOUND, ScopeCheck.Status.OPPOSITE, ScopeCheck.Status.OPPOSITE,
                ScopeCheck.Status.NOT_MEASURABLE, ScopeCheck.Status.NOT_UNDERSTOOD);
        assertThat(r.asked().get(0).message()).startsWith("Not found");
        // "less top end" is answered (the other way) by the shelf, so nothing is left unasked but the chorus change.
        assertThat(r.unasked()).noneMatch(c -> c.freqLoHz() != null && c.freqLoHz() > 6000);
    }

    @Test
    void anItemWithATimeFromTheServerLooksAtItsSection() {
        double chorus = song(7, 90).sections("chorus").get(1).startS() + 5;
        ScopeCheck.Outcome o = ScopeCheck.check(diff, List.of(new RevisionItem("vocal up here", chorus, null))).asked().get(0);
        assertThat(o.status()).isEqualTo(ScopeCheck.Status.DONE);
        assertThat(o.spans()).singleElement().satisfies(s -> assertThat(s.startS()).isLessThan(chorus));
        ScopeCheck.Outcome verse = ScopeCheck.check(diff, List.of(new RevisionItem("vocal up here", 12.0, null))).asked().get(0);
        assertThat(verse.status()).as(verse.message()).isEqualTo(ScopeCheck.Status.NOT_FOUND);
    }
}

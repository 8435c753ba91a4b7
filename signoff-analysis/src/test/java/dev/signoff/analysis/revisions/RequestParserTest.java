package dev.signoff.analysis.revisions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestParserTest {
    private final RequestParser parser = RequestParser.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // text; target dimension; direction; amount (or empty); section (or empty); ordinal
            "vocal up 1 dB in choruses; vocal; 1; 1.0; chorus; 0",
            "Vocal up a dB in the chorus please; vocal; 1; 1.0; chorus; 0",
            "bring the bass down 2dB in the verses; bass; -1; 2.0; verse; 0",
            "kick too loud; kick; -1; ; ; 0",
            "vocal louder; vocal; 1; ; ; 0",
            "sounds muddy; low mids; -1; ; ; 0",
            "a bit thin in the intro; body; 1; ; intro; 0",
            "too much reverb on the vocal; reverb; -1; ; ; 0",
            "could be wetter in the bridge; reverb; 1; ; bridge; 0",
            "make it wider; width; 1; ; ; 0",
            "too wide; width; -1; ; ; 0",
            "not bright enough; highs; 1; ; ; 0",
            "too bright; highs; -1; ; ; 0",
            "needs more punch in the first chorus; punch; 1; ; chorus; 1",
            "the vocal is buried; vocal; 1; ; ; 0",
            "less low end; low end; -1; ; ; 0",
            "master -0.5 dB; level; -1; 0.5; ; 0",
            "harsh at 1:23; presence; -1; ; ; 0",
            "more snare; snare; 1; ; ; 0",
    })
    void readsTargetDirectionAmountAndWhere(String text, String dimension, int direction, Double amount, String section, int ordinal) {
        RevisionRequest r = parser.parse(RevisionItem.of(text));
        assertThat(r.target()).as(text).isNotNull();
        assertThat(r.target().dimension()).as(text).isEqualTo(dimension);
        assertThat(r.direction()).as(text).isEqualTo(direction);
        assertThat(r.amountDb()).as(text).isEqualTo(amount);
        assertThat(r.scope().section()).as(text).isEqualTo(section == null || section.isBlank() ? null : section);
        if (section != null && !section.isBlank()) assertThat(r.scope().ordinal()).isEqualTo(ordinal);
    }

    @Test
    void tooQuietAsksForMoreAndTooLoudForLess() {
        RevisionRequest quiet = parser.parse(RevisionItem.of("the vocal is too quiet in the last chorus"));
        assertThat(quiet.direction()).isEqualTo(1);
        assertThat(quiet.scope().ordinal()).isEqualTo(-1);
        assertThat(quiet.scope().section()).isEqualTo("chorus");
        assertThat(parser.parse(RevisionItem.of("guitars too loud")).direction()).isEqualTo(-1);
    }

    @Test
    void timesInTheTextOrFromTheServerGiveTheScope() {
        RevisionRequest at = parser.parse(RevisionItem.of("harsh at 1:23"));
        assertThat(at.scope().startS()).isEqualTo(83.0);
        assertThat(at.scope().endS()).isNull();
        RevisionRequest range = parser.parse(RevisionItem.of("vocal down from 1:00 to 1:30.5"));
        assertThat(range.scope().startS()).isEqualTo(60.0);
        assertThat(range.scope().endS()).isEqualTo(90.5);
        RevisionRequest item = parser.parse(new RevisionItem("more bass here", 42.0, null));
        assertThat(item.scope().startS()).isEqualTo(42.0);
        assertThat(item.direction()).isEqualTo(1);
    }

    @Test
    void whatItCannotReadIsSaid() {
        RevisionRequest r = parser.parse(RevisionItem.of("love it, great job!"));
        assertThat(r.understood()).isFalse();
        assertThat(r.summary()).isEqualTo("not understood");
        assertThat(parser.parse(RevisionItem.of("the vocal?")).summary()).isEqualTo("vocal (which way?)");
        assertThat(parser.parse(RevisionItem.of("not muddy at all")).understood()).isFalse();
    }

    @Test
    void summariesSayItPlainly() {
        assertThat(parser.parse(RevisionItem.of("vocal up 1 dB in choruses")).summary()).isEqualTo("vocal up 1.0 db in the choruses");
        assertThat(parser.parse(RevisionItem.of("sounds muddy")).summary()).isEqualTo("low mids down in the whole song");
        assertThat(parser.parse(RevisionItem.of("drier please")).summary()).isEqualTo("less reverb in the whole song");
    }

    @Test
    void conflictsAreOppositeWaysOnTheSameDimensionAndPlace() {
        List<Conflicts.Conflict> c = Conflicts.find(List.of(
                RevisionItem.of("vocal up in the chorus"),
                RevisionItem.of("vocal a bit lower in the choruses"),
                RevisionItem.of("wetter"),
                RevisionItem.of("too much reverb"),
                RevisionItem.of("more bass in the verses"),
                RevisionItem.of("less bass in the chorus"),
                RevisionItem.of("kick up")), null);
        assertThat(c).extracting(Conflicts.Conflict::dimension).containsExactly("vocal", "reverb");
        assertThat(c.get(0).message()).contains("\"vocal up in the chorus\"").contains("\"vocal a bit lower in the choruses\"").contains("opposite ways");
        // Muddy (too much low mids) against thin (too little body) on the same part is not a conflict
        // of dimensions here; muddy against warmer is.
        assertThat(Conflicts.find(List.of(RevisionItem.of("muddy"), RevisionItem.of("fuller low mids please")), null)).isEmpty();
        assertThat(Conflicts.find(List.of(RevisionItem.of("more bass at 1:00"), RevisionItem.of("bass down at 2:30")), null)).isEmpty();
        assertThat(Conflicts.find(List.of(RevisionItem.of("more bass at 1:00"), RevisionItem.of("bass down at 1:02")), null))
                .singleElement().satisfies(k -> assertThat(k.message()).contains("opposite ways at 1:00.0: "));
    }
}

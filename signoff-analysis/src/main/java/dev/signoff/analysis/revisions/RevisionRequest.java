package dev.signoff.analysis.revisions;

import dev.signoff.analysis.findings.Clock;

import java.util.List;
import java.util.Locale;

/**
 * A revision request as Signoff understands it: what it is about, which way, how much, where.
 *
 * @param item      the request as written
 * @param target    the vocabulary entry it is about, or null when none was recognised
 * @param direction +1 more of it, -1 less, 0 unknown
 * @param amountDb  how much, when the request says (always positive; the direction gives the sign), or null
 * @param scope     where in the song
 * @param words     every vocabulary entry found in the text, in order
 */
public record RevisionRequest(RevisionItem item, Vocabulary.Entry target, int direction, Double amountDb, Scope scope,
                              List<Vocabulary.Entry> words) {

    public RevisionRequest {
        words = List.copyOf(words);
    }

    /** Whether Signoff knows what to look for: a target and a direction. */
    public boolean understood() {
        return target != null && direction != 0;
    }

    /** "vocal up 1.0 dB in the choruses", "low mids down in the whole song", "not understood". */
    public String summary() {
        if (!understood()) return target == null ? "not understood" : target.name() + " (which way?)";
        String amount = amountDb == null ? "" : " " + Clock.db(amountDb) + " dB";
        String dir = switch (target.measure()) {
            case WIDTH -> target.dimension().equals("reverb") ? (direction > 0 ? "more" : "less") : (direction > 0 ? "wider" : "narrower");
            default -> direction > 0 ? "up" : "down";
        };
        String what = target.kind() == Vocabulary.Kind.QUALITY || target.kind() == Vocabulary.Kind.EFFECT || target.kind() == Vocabulary.Kind.STEREO
                ? target.dimension() : target.name();
        String phrase = target.measure() == Vocabulary.Measure.WIDTH && !target.dimension().equals("reverb") ? "width " + dir
                : target.dimension().equals("reverb") ? dir + " reverb" : what + " " + dir;
        return (phrase + amount + " in " + scope.describe()).toLowerCase(Locale.ROOT).replace("in at ", "at ");
    }
}

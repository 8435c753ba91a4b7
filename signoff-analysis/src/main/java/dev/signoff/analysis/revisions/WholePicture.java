package dev.signoff.analysis.revisions;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.TonalRules;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.tonal.TonalRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A feedback word's band in the whole picture: the {@link TonalBalance} figure the findings cite for
 * that band, at the comment's stretch and over the whole song, against the range a check judges it
 * by (the built-in one, or the references'), and the version's own findings on it. A reading against
 * the rest of the same song alone reads a complaint about a mix that is harsh all the way through as
 * baseless ("2-5 kHz is -0.4 dB here"); this says the whole mix is harsh.
 *
 * @param figure      the figure's name in reports ("harsh_db")
 * @param what        the figure in words ("the presence region (2-5 kHz) above its neighbours")
 * @param hereDb      the figure over the comment's stretch, NaN without a time or for sibilance (the
 *                    reading itself measures the bursts there)
 * @param songDb      over the whole song
 * @param lowDb       the range's lower limit, NaN when the figure has none
 * @param highDb      its upper limit, NaN when none
 * @param rangeSource the range's name ("the built-in range", "your 2 references")
 * @param findings    the version's findings on the band: what a check with the same references finds
 * @param verdict     the findings named ("the whole mix is harsh: HARSH_BUILDUP, +10.5 dB"), or "no finding on this band"
 * @param sentence    all of it in one plain sentence
 */
public record WholePicture(String figure, String what, double hereDb, double songDb, double lowDb, double highDb,
                           String rangeSource, List<Finding> findings, String verdict, String sentence) {

    /** The limit a finding on this figure crosses: the upper one when there is one. */
    public double limitDb() {
        return Double.isNaN(highDb) ? lowDb : highDb;
    }

    /**
     * The tonal figures, each with the vocabulary dimensions read through it and the finding codes
     * judged on it. Dimensions not listed (the body, the mids, a vocal's range) have no figure of
     * their own in a check, so their readings have no picture.
     */
    private enum Figure {
        LOW_END("low_end_db", "the low end (31.5-100 Hz) against the midrange body", Set.of("low end", "bass", "kick"),
                TonalBalance::lowEndDb, TonalRange::lowEndMinDb, TonalRange::lowEndMaxDb, FindingCode.LOW_END_EXCESS, FindingCode.LOW_END_WEAK),
        MUD("mud_db", "the low mids (200-400 Hz) above their neighbours", Set.of("low mids"),
                TonalBalance::mudDb, r -> Double.NaN, TonalRange::mudMaxDb, FindingCode.MUD),
        HARSH("harsh_db", "the presence region (2-5 kHz) above its neighbours", Set.of("presence", "piercing"),
                TonalBalance::harshDb, r -> Double.NaN, TonalRange::harshMaxDb, FindingCode.HARSH_BUILDUP),
        AIR("air_db", "the top end (8-16 kHz) against the midrange body", Set.of("highs", "cymbals"),
                TonalBalance::airDb, TonalRange::airMinDb, r -> Double.NaN, FindingCode.DULL),
        SIBILANCE("sibilance_db", "the loudest 5-10 kHz bursts over the 1-4 kHz body", Set.of("sibilance"),
                TonalBalance::sibilanceDb, r -> Double.NaN, TonalRange::sibilanceMaxDb, FindingCode.SIBILANCE);

        final String key, what;
        final Set<String> dimensions;
        final ToDoubleFunction<TonalBalance> value;
        final ToDoubleFunction<TonalRange> low, high;
        final Set<FindingCode> codes;

        Figure(String key, String what, Set<String> dimensions, ToDoubleFunction<TonalBalance> value,
               ToDoubleFunction<TonalRange> low, ToDoubleFunction<TonalRange> high, FindingCode... codes) {
            this.key = key;
            this.what = what;
            this.dimensions = dimensions;
            this.value = value;
            this.low = low;
            this.high = high;
            this.codes = Set.of(codes);
        }

        static Figure of(Vocabulary.Entry e) {
            for (Figure f : values()) if (f.dimensions.contains(e.dimension())) return f;
            return null;
        }
    }

    /** What the judging needs once per translation: the range and the findings against it. */
    record Judged(TonalRange range, List<Finding> findings) {
        static Judged of(Measurements m, List<Reference> references) {
            TonalRange range = ReferenceComparison.tonalRange(references);
            return new Judged(range, new TonalRules(range).judge(m));
        }
    }

    /** The picture for a word, or null when its band has no figure of its own. */
    static WholePicture of(Measurements m, Judged judged, Vocabulary.Entry e, Span here) {
        Figure f = Figure.of(e);
        if (f == null || m.spectrum() == null) return null;
        double song = f.value.applyAsDouble(m.tonalBalance());
        if (!Double.isFinite(song)) return null;   // the file's bandwidth does not reach the band
        double hereDb = here == null || f == Figure.SIBILANCE ? Double.NaN
                : f.value.applyAsDouble(TonalBalance.of(over(m.spectrum(), here), null));
        double low = f.low.applyAsDouble(judged.range()), high = f.high.applyAsDouble(judged.range());
        List<Finding> findings = judged.findings().stream().filter(x -> f.codes.contains(x.code())).toList();
        String verdict = verdict(f, findings);
        return new WholePicture(f.key, f.what, hereDb, song, low, high, judged.range().source(), findings, verdict,
                sentence(f, hereDb, song, low, high, judged.range().source(), verdict));
    }

    private static String sentence(Figure f, double here, double song, double low, double high, String source, String verdict) {
        StringBuilder sb = new StringBuilder(Character.toUpperCase(f.what.charAt(0)) + f.what.substring(1)).append(": ");
        if (Double.isFinite(here)) sb.append(Clock.signedDb(here)).append(" dB here, ");
        sb.append(Clock.signedDb(song)).append(" dB over the whole song, ");
        boolean inside = !(song > high) && !(song < low);
        sb.append(inside ? "within " : "outside ").append(source).append(" (").append(limits(low, high)).append("); ");
        return sb.append(verdict).append('.').toString();
    }

    /** The range's limits in words: "up to +5.0 dB". */
    public String limits() {
        return limits(lowDb, highDb);
    }

    private static String limits(double low, double high) {
        if (Double.isNaN(low)) return "up to " + Clock.signedDb(high) + " dB";
        if (Double.isNaN(high)) return "down to " + Clock.signedDb(low) + " dB";
        return "from " + Clock.signedDb(low) + " to " + Clock.signedDb(high) + " dB";
    }

    private static String verdict(Figure f, List<Finding> findings) {
        if (findings.isEmpty()) return "no finding on this band";
        List<String> named = new ArrayList<>();
        for (Finding x : findings) named.add(named(f, x));
        return String.join("; ", named);
    }

    /** "the whole mix is harsh: HARSH_BUILDUP, +10.5 dB". */
    private static String named(Figure f, Finding x) {
        String where = x.startS() == null ? "the whole mix is " : "the mix is ";
        String when = x.startS() == null ? "" : " at " + Clock.format(x.startS());
        double v = value(f.key, x);
        return where + adjective(x.code()) + when + ": " + x.code().name() + (Double.isFinite(v) ? ", " + Clock.signedDb(v) + " dB" : "");
    }

    /** A finding's figure, dB (NaN when it carries none). */
    public double value(Finding x) {
        return value(figure, x);
    }

    private static double value(String key, Finding x) {
        Double v = x.values().get(key);
        return v == null ? Double.NaN : v;
    }

    private static String adjective(FindingCode c) {
        return switch (c) {
            case HARSH_BUILDUP -> "harsh";
            case MUD -> "muddy";
            case LOW_END_EXCESS -> "heavy in the low end";
            case LOW_END_WEAK -> "light in the low end";
            case DULL -> "dull";
            case SIBILANCE -> "sibilant";
            default -> c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The long-term spectrum of a stretch: each band's power mean over the steps inside it. */
    private static SpectrumResult over(SpectrumResult s, Span span) {
        List<SpectrumResult.Band> bands = new ArrayList<>();
        for (SpectrumResult.Band b : s.bands()) {
            double p = 0;
            int n = 0;
            for (int t = 0; t < b.overTimeDb().length; t++) {
                double mid = (t + 0.5) * s.stepS();
                float v = b.overTimeDb()[t];
                if (mid < span.startS() || mid >= span.endS() || Float.isNaN(v)) continue;
                p += Math.pow(10, v / 10.0);
                n++;
            }
            bands.add(new SpectrumResult.Band(b.centerHz(), b.loHz(), b.hiHz(), n == 0 ? Double.NaN : Decibels.power(p / n), new float[0]));
        }
        return new SpectrumResult(bands, s.stepS());
    }
}

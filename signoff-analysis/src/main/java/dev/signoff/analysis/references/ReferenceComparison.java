package dev.signoff.analysis.references;

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.analysis.tonal.TonalBalance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The mix set against the references the engineer trusts. Every comparison is loudness-matched:
 * tonal figures are level differences inside each track, the spectrum is taken relative to each
 * track's own integrated loudness, and dynamics (PLR, LRA) do not depend on level. Signoff shows
 * the references' range, never a single target curve, and never corrects anything: it points at
 * where the mix leaves the range and leaves taste to the engineer.
 *
 * @param references the references, as measured
 * @param tonal      the tonal balance figures: mix and the references' range
 * @param dynamics   PLR and LRA
 * @param drums      kick and snare prominence ({@link dev.signoff.analysis.drums.DrumHitMeter})
 * @param stereo     side/mid overall and per band, low-end correlation (empty for mono mixes)
 * @param bands      per 1/3-octave band: the mix's level and the references' range, relative to integrated loudness
 */
public record ReferenceComparison(List<Reference> references, List<Spread> tonal, List<Spread> dynamics, List<Spread> drums,
                                  List<Spread> stereo, List<BandSpread> bands) {

    /** One 1/3-octave band of the loudness-normalised spectrum: mix and the references' range, dB re LUFS. */
    public record BandSpread(double centerHz, double mixDb, double minDb, double maxDb) {}

    /**
     * How much wider than the references' own spread the tonal range is taken, dB each side: a
     * handful of references understates how far good mixes differ, and 2 dB is about the smallest
     * broadband balance change listeners reliably notice in music.
     */
    public static final double TONAL_MARGIN_DB = 2.0;

    /**
     * What a reference is measured for: all this comparison reads of it (loudness and true peak for
     * the dynamics, the spectrum and sibilance for the tonal balance, stereo, drums). A reference is
     * never judged, so its sections, quiet passages, edges, clipping, DC and waveform would be paid
     * for and thrown away.
     */
    public static final Set<Measure> MEASURES = EnumSet.of(Measure.LOUDNESS, Measure.TRUE_PEAK, Measure.SPECTRUM,
            Measure.STEREO, Measure.SIBILANCE, Measure.DRUMS);

    public static ReferenceComparison of(Measurements mix, List<Reference> references) {
        if (references.isEmpty()) throw new IllegalArgumentException("no references");
        List<Measurements> refs = references.stream().map(Reference::measurements).toList();
        List<Spread> tonal = tonal(mix.tonalBalance(), refs);
        List<Spread> dynamics = List.of(
                Spread.of("plr_db", mix, refs, Measurements::plrDb),
                Spread.of("lra_lu", mix, refs, m -> m.loudness().lraLu()));
        List<Spread> drums = List.of(
                Spread.of("kick_prominence_db", mix, refs, m -> m.drums() == null ? Double.NaN : m.drums().kickProminenceDb()),
                Spread.of("snare_prominence_db", mix, refs, m -> m.drums() == null ? Double.NaN : m.drums().snareProminenceDb()));
        List<Spread> stereo = new ArrayList<>();
        List<Measurements> stereoRefs = refs.stream().filter(m -> m.stereo() != null).toList();
        if (mix.stereo() != null && !stereoRefs.isEmpty()) {
            stereo.add(Spread.of("side_to_mid_db", mix, stereoRefs, m -> m.stereo().sideToMidDb()));
            stereo.add(Spread.of("low_end_correlation", mix, stereoRefs, m -> m.stereo().lowEndCorrelation()));
            for (int b = 0; b < mix.stereo().bands().size(); b++) {
                int band = b;
                StereoResult.Band mb = mix.stereo().bands().get(b);
                String name = "side_to_mid_db_" + (mb.loHz() <= 0 ? "below_" + (int) mb.hiHz()
                        : Double.isInfinite(mb.hiHz()) ? "above_" + (int) mb.loHz() : (int) mb.loHz() + "_" + (int) mb.hiHz());
                stereo.add(Spread.of(name, mix, stereoRefs, m -> m.stereo().bands().size() > band ? m.stereo().bands().get(band).sideToMidDb() : Double.NaN));
            }
        }
        return new ReferenceComparison(List.copyOf(references), tonal, dynamics, drums, List.copyOf(stereo), bands(mix, refs));
    }

    private static List<Spread> tonal(TonalBalance mixTonal, List<Measurements> refs) {
        List<TonalBalance> refTonal = refs.stream().map(Measurements::tonalBalance).toList();
        return List.of(
                Spread.of("low_end_db", mixTonal, refTonal, TonalBalance::lowEndDb),
                Spread.of("mud_db", mixTonal, refTonal, TonalBalance::mudDb),
                Spread.of("harsh_db", mixTonal, refTonal, TonalBalance::harshDb),
                Spread.of("air_db", mixTonal, refTonal, TonalBalance::airDb),
                Spread.of("sibilance_db", mixTonal, refTonal, TonalBalance::sibilanceDb));
    }

    private static List<BandSpread> bands(Measurements mix, List<Measurements> refs) {
        List<BandSpread> out = new ArrayList<>();
        double[] mixRel = mix.spectrum().relativeTo(mix.loudness().integratedLufs());
        for (int b = 0; b < mixRel.length; b++) {
            double center = mix.spectrum().bands().get(b).centerHz();
            double lo = Double.NaN, hi = Double.NaN;
            for (Measurements r : refs) {
                double v = bandRelative(r, center);
                if (Double.isNaN(v)) continue;
                lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                hi = Double.isNaN(hi) ? v : Math.max(hi, v);
            }
            out.add(new BandSpread(center, mixRel[b], lo, hi));
        }
        return List.copyOf(out);
    }

    private static double bandRelative(Measurements m, double centerHz) {
        for (SpectrumResult.Band b : m.spectrum().bands()) {
            if (b.centerHz() == centerHz) return b.levelDb() - m.loudness().integratedLufs();
        }
        return Double.NaN;   // a reference at a lower sample rate has no such band
    }

    public Spread tonal(String name) {
        return find(tonal, name);
    }

    public Spread dynamics(String name) {
        return find(dynamics, name);
    }

    public Spread drums(String name) {
        return find(drums, name);
    }

    private static Spread find(List<Spread> list, String name) {
        return list.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The tonal range the rules judge against: the references' own range widened by
     * {@link #TONAL_MARGIN_DB} each side. Where no reference has a figure (e.g. sibilance in
     * references sampled below 22 kHz), the built-in limit stands.
     */
    public TonalRange tonalRange() {
        return tonalRange(references.size(), tonal);
    }

    /**
     * The same range from the references alone, for readers that measured only the tonal figures
     * (feedback words): nothing else of the mix or the references is needed.
     */
    public static TonalRange tonalRange(List<Reference> references) {
        if (references.isEmpty()) return TonalRange.builtIn();
        List<Measurements> refs = references.stream().map(Reference::measurements).toList();
        return tonalRange(references.size(), tonal(refs.get(0).tonalBalance(), refs));
    }

    private static TonalRange tonalRange(int count, List<Spread> tonal) {
        TonalRange builtIn = TonalRange.builtIn();
        String source = count == 1 ? "your reference" : "your " + count + " references";
        return new TonalRange(source,
                low(find(tonal, "low_end_db"), builtIn.lowEndMinDb()), high(find(tonal, "low_end_db"), builtIn.lowEndMaxDb()),
                high(find(tonal, "mud_db"), builtIn.mudMaxDb()), high(find(tonal, "harsh_db"), builtIn.harshMaxDb()),
                low(find(tonal, "air_db"), builtIn.airMinDb()), high(find(tonal, "sibilance_db"), builtIn.sibilanceMaxDb()));
    }

    private static double low(Spread s, double fallback) {
        return Double.isNaN(s.min()) ? fallback : s.min() - TONAL_MARGIN_DB;
    }

    private static double high(Spread s, double fallback) {
        return Double.isNaN(s.max()) ? fallback : s.max() + TONAL_MARGIN_DB;
    }
}

package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import java.util.EnumSet;
import java.util.Set;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.technical.ClippingResult;
import dev.signoff.analysis.technical.EdgesResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLIPPING, DC_OFFSET, TAIL_CUT and HEAD_SILENCE: faults of the file itself rather than of the
 * mix's balance. Thresholds and their reasons are in docs/findings.md (docs/findings-technical.md):
 * <ul>
 *   <li>CLIPPING: problem for every clipped passage (runs closer than
 *       {@link ClippingResult#PASSAGE_GAP_S} s), the {@value #MAX_CLIP_FINDINGS} with most runs shown;</li>
 *   <li>DC_OFFSET: warning above {@value #DC_WARNING_DBFS} dBFS, note above {@value #DC_NOTE_DBFS} dBFS
 *       (offset as measured by {@link dev.signoff.analysis.technical.DcOffsetMeter}, worst channel);</li>
 *   <li>TAIL_CUT: problem when {@link EdgesResult#tailCut()};</li>
 *   <li>HEAD_SILENCE: note above {@value #HEAD_SILENCE_NOTE_S} s of leading silence.</li>
 * </ul>
 */
final class TechnicalRules implements FindingRule {
    /** DC above -46 dBFS (0.5 % of full scale) costs headroom and clicks at edits. */
    static final double DC_WARNING_DBFS = -46.0;
    /** DC above -60 dBFS is worth knowing (a faulty plug-in or converter) but inaudible. */
    static final double DC_NOTE_DBFS = -60.0;
    /** Silence before the music longer than this delays playback on every share link. */
    static final double HEAD_SILENCE_NOTE_S = 2.0;
    /** Runs closer than this form one clipped passage (grouped by the detector). */
    static final double CLIP_CLUSTER_GAP_S = ClippingResult.PASSAGE_GAP_S;
    private static final int MAX_CLIP_FINDINGS = 3;

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.CLIPPING, Measure.DC_OFFSET, Measure.EDGES);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<Finding> out = new ArrayList<>();
        clipping(m.clipping(), out);
        dc(m, out);
        edges(m.edges(), out);
        return out;
    }

    private static void clipping(ClippingResult c, List<Finding> out) {
        if (c.runCount() == 0) return;
        // The detector groups all runs (not only the listed ones) into passages, so a clipped
        // chorus is one finding, not hundreds; show the passages with the most runs.
        List<ClippingResult.Passage> passages = new ArrayList<>(c.passages());
        passages.sort(java.util.Comparator.comparingInt(ClippingResult.Passage::runs).reversed()
                .thenComparingDouble(ClippingResult.Passage::startS));
        for (ClippingResult.Passage p : passages.subList(0, Math.min(MAX_CLIP_FINDINGS, passages.size()))) {
            String msg = String.format(Locale.ROOT, "%d clipped run%s (flat tops at full scale) at %s%s.",
                    p.runs(), p.runs() == 1 ? "" : "s", Clock.range(p.startS(), p.endS()),
                    passages.size() > 1 ? String.format(Locale.ROOT, "; %d runs in %d passages in all", c.runCount(), passages.size()) : "");
            out.add(Finding.at(FindingCode.CLIPPING, Severity.PROBLEM, p.startS(), p.endS(), msg,
                    "Listen at " + Clock.format(p.startS()) + " for crackle on the loudest hits; pull the master fader or the limiter's input down and re-bounce.",
                    Map.of("runs", (double) p.runs(), "total_runs", (double) c.runCount(), "clipped_samples", (double) c.clippedFrames())));
        }
    }

    private static void dc(Measurements m, List<Finding> out) {
        double[] db = m.dcOffset().offsetDbfs();
        double worst = Double.NEGATIVE_INFINITY;
        int channel = 0;
        for (int c = 0; c < db.length; c++) if (!Double.isNaN(db[c]) && db[c] > worst) { worst = db[c]; channel = c; }
        if (worst <= DC_NOTE_DBFS) return;
        Severity sev = worst > DC_WARNING_DBFS ? Severity.WARNING : Severity.NOTE;
        double pct = Math.abs(m.dcOffset().offset()[channel]) * 100;
        out.add(Finding.whole(FindingCode.DC_OFFSET, sev,
                String.format(Locale.ROOT, "DC offset of %s dBFS (%.2f %% of full scale) on %s.", Clock.db(worst), pct, channelName(m, channel)),
                "A constant offset wastes headroom and makes edits click; look for a faulty plug-in or converter on the mix bus, or high-pass the master at a few Hz.",
                Map.of("dc_offset_dbfs", worst, "channel", (double) channel)));
    }

    private static String channelName(Measurements m, int channel) {
        if (m.info().channels() == 2) return channel == 0 ? "the left channel" : "the right channel";
        if (m.info().channels() == 1) return "the channel";
        return "channel " + (channel + 1);
    }

    private static void edges(EdgesResult e, List<Finding> out) {
        if (e.tailCut()) {
            double at = e.durationS() - e.tailSilenceS();
            out.add(Finding.at(FindingCode.TAIL_CUT, Severity.PROBLEM, Math.max(0, at - 0.5), at,
                    String.format(Locale.ROOT, "The music stops abruptly at %s while still sounding at %s dBFS (%s dB below the loudest second): the last note or its tail is cut off.",
                            Clock.format(at), Clock.db(e.tailLevelDbfs()), Clock.db(e.bodyLevelDbfs() - e.tailLevelDbfs())),
                    "Listen to the last seconds: extend the bounce range past the final reverb and delay tails, or add a fade.",
                    Map.of("tail_level_dbfs", e.tailLevelDbfs(), "body_level_dbfs", e.bodyLevelDbfs())));
        }
        if (e.headSilenceS() > HEAD_SILENCE_NOTE_S && e.headSilenceS() < e.durationS()) {
            out.add(Finding.at(FindingCode.HEAD_SILENCE, Severity.NOTE, 0.0, e.headSilenceS(),
                    String.format(Locale.ROOT, "%.1f s of silence before the music starts.", e.headSilenceS()),
                    "Trim the bounce so the song starts promptly when the client presses play (keep a short lead-in if the count-in matters).",
                    Map.of("head_silence_s", e.headSilenceS())));
        }
    }
}

package dev.signoff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.devices.LowEndTranslation;
import dev.signoff.analysis.drums.DrumHits;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.sections.SectionsResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.vocal.LeadVocal;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.references.Spread;
import dev.signoff.analysis.loudness.LoudnessResult;
import dev.signoff.analysis.loudness.PeakResult;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.analysis.technical.ClippingResult;
import dev.signoff.analysis.technical.EdgesResult;
import dev.signoff.audio.StreamInfo;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine-readable report, schema {@value #SCHEMA}; docs/json-schema.md documents every
 * field. One file gives one object, several give an array of objects in the order given.
 * Every number that is not finite (silence, no data) is written as null.
 */
public final class JsonReport {
    public static final String SCHEMA = "signoff.check/1";
    /** Clipping runs and true-peak overs listed per file at most (the counts are always complete). */
    public static final int MAX_LISTED_EVENTS = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReport() {}

    public static String render(List<FileOutcome> outcomes) {
        try {
            Object tree;
            if (outcomes.size() == 1) {
                tree = toJson(outcomes.get(0));
            } else {
                ArrayNode arr = NODES.arrayNode();
                for (FileOutcome o : outcomes) arr.add(toJson(o));
                tree = arr;
            }
            return MAPPER.writeValueAsString(tree) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object for one file (also used by other reports that embed checks). */
    public static ObjectNode toJson(FileOutcome outcome) {
        ObjectNode o = NODES.objectNode();
        o.put("schema", SCHEMA);
        o.put("file", outcome.file().toString());
        if (!outcome.ok()) {
            o.put("error", outcome.error());
            return o;
        }
        CheckResult r = outcome.result();
        Measurements m = r.measurements();
        o.set("format", format(m.info(), m.durationS()));
        o.set("loudness", loudness(m));
        o.set("peaks", peaks(m.peaks()));
        o.set("technical", technical(m));
        o.set("stereo", m.stereo() == null ? NODES.nullNode() : stereo(m.stereo()));
        o.set("spectrum", spectrum(m.spectrum(), m.loudness().integratedLufs()));
        o.set("tonal_balance", tonalBalance(m.tonalBalance()));
        o.set("lead_vocal", m.leadVocal() == null ? NODES.nullNode() : leadVocal(m.leadVocal()));
        o.set("sections", m.sections() == null ? NODES.nullNode() : sections(m.sections()));
        o.set("drums", m.drums() == null ? NODES.nullNode() : drums(m.drums()));
        ArrayNode quiet = o.putArray("quiet_passages");
        if (m.quietPassages() != null) for (QuietPassage q : m.quietPassages()) quiet.add(quiet(q));
        o.set("references", r.references() == null ? NODES.nullNode() : references(r.references()));
        o.set("devices", r.devices() == null ? NODES.nullNode() : devices(r.devices(), outcome.renders()));
        o.set("platforms", r.platforms() == null ? NODES.nullNode() : StreamingSections.platformsJson(r.platforms()));
        o.set("codecs", r.codecs() == null ? NODES.nullNode() : StreamingSections.codecsJson(r.codecs()));
        ArrayNode findings = o.putArray("findings");
        for (Finding f : r.findings()) findings.add(finding(f));
        put(o, "analysis_s", r.analysisSeconds(), 3);
        return o;
    }

    private static ObjectNode format(StreamInfo info, double durationS) {
        ObjectNode f = NODES.objectNode();
        f.put("sample_rate", info.sampleRate());
        f.put("channels", info.channels());
        f.put("bits_per_sample", info.bitsPerSample());
        f.put("floating_point", info.floatingPoint());
        f.put("container", info.format());
        put(f, "duration_s", durationS, 3);
        return f;
    }

    private static ObjectNode loudness(Measurements m) {
        LoudnessResult l = m.loudness();
        ObjectNode n = NODES.objectNode();
        put(n, "integrated_lufs", l.integratedLufs(), 2);
        put(n, "lra_lu", l.lraLu(), 2);
        put(n, "lra_low_lufs", l.lraLowLufs(), 2);
        put(n, "lra_high_lufs", l.lraHighLufs(), 2);
        put(n, "true_peak_dbtp", m.peaks().truePeakDbtp(), 2);
        put(n, "sample_peak_dbfs", m.peaks().samplePeakDbfs(), 2);
        put(n, "max_momentary_lufs", l.maxMomentaryLufs(), 2);
        put(n, "max_short_term_lufs", l.maxShortTermLufs(), 2);
        put(n, "plr_db", m.plrDb(), 2);
        n.set("short_term", series(l.shortTerm(), 1));
        return n;
    }

    private static ObjectNode peaks(PeakResult p) {
        ObjectNode n = NODES.objectNode();
        put(n, "true_peak_dbtp", p.truePeakDbtp(), 2);
        put(n, "sample_peak_dbfs", p.samplePeakDbfs(), 2);
        n.set("true_peak_dbtp_by_channel", array(p.truePeakDbtpByChannel(), 2));
        n.set("sample_peak_dbfs_by_channel", array(p.samplePeakDbfsByChannel(), 2));
        n.put("over_count", p.overCount());
        ArrayNode overs = n.putArray("overs");
        if (p.overs() != null) {
            for (PeakResult.Over ov : p.overs()) {
                if (overs.size() >= MAX_LISTED_EVENTS) break;
                ObjectNode e = overs.addObject();
                put(e, "start_s", ov.startS(), 3);
                put(e, "end_s", ov.endS(), 3);
                e.put("channel", ov.channel());
                put(e, "peak_dbtp", ov.peakDbtp(), 2);
            }
        }
        return n;
    }

    private static ObjectNode technical(Measurements m) {
        ObjectNode n = NODES.objectNode();
        ClippingResult c = m.clipping();
        ObjectNode clip = n.putObject("clipping");
        clip.put("run_count", c.runCount());
        clip.put("clipped_samples", c.clippedFrames());
        ArrayNode runs = clip.putArray("runs");
        if (c.runs() != null) {
            for (ClippingResult.Run run : c.runs()) {
                if (runs.size() >= MAX_LISTED_EVENTS) break;
                ObjectNode e = runs.addObject();
                put(e, "start_s", run.startS(), 3);
                put(e, "end_s", run.endS(), 3);
                e.put("channel", run.channel());
                e.put("length", run.length());
            }
        }
        n.set("dc_offset", array(m.dcOffset().offset(), 6));
        n.set("dc_offset_dbfs", array(m.dcOffset().offsetDbfs(), 2));
        EdgesResult e = m.edges();
        put(n, "head_silence_s", e.headSilenceS(), 3);
        put(n, "tail_silence_s", e.tailSilenceS(), 3);
        put(n, "tail_level_dbfs", e.tailLevelDbfs(), 2);
        put(n, "body_level_dbfs", e.bodyLevelDbfs(), 2);
        n.put("tail_cut", e.tailCut());
        return n;
    }

    private static ObjectNode stereo(StereoResult s) {
        ObjectNode n = NODES.objectNode();
        put(n, "balance_db", s.balanceDb(), 2);
        put(n, "correlation", s.correlation(), 3);
        put(n, "side_to_mid_db", s.sideToMidDb(), 2);
        put(n, "mono_loss_db", s.monoLossDb(), 2);
        ObjectNode low = n.putObject("low_end");
        put(low, "below_hz", s.lowEndHz(), 1);
        put(low, "correlation", s.lowEndCorrelation(), 3);
        put(low, "side_to_mid_db", s.lowEndSideToMidDb(), 2);
        ArrayNode bands = n.putArray("bands");
        for (StereoResult.Band b : s.bands()) {
            ObjectNode e = bands.addObject();
            put(e, "lo_hz", b.loHz(), 1);
            put(e, "hi_hz", b.hiHz() >= Double.MAX_VALUE ? Double.NaN : b.hiHz(), 1);
            put(e, "correlation", b.correlation(), 3);
            put(e, "side_to_mid_db", b.sideToMidDb(), 2);
            put(e, "mono_loss_db", b.monoLossDb(), 2);
            put(e, "share_db", b.shareDb(), 2);
        }
        n.set("correlation_over_time", series(s.correlationOverTime(), 2));
        return n;
    }

    private static ObjectNode spectrum(SpectrumResult s, double integratedLufs) {
        ObjectNode n = NODES.objectNode();
        put(n, "step_s", s.stepS(), 3);
        ArrayNode bands = n.putArray("bands");
        for (SpectrumResult.Band b : s.bands()) {
            ObjectNode e = bands.addObject();
            put(e, "center_hz", b.centerHz(), 1);
            put(e, "lo_hz", b.loHz(), 1);
            put(e, "hi_hz", b.hiHz(), 1);
            put(e, "level_dbfs", b.levelDb(), 2);
            put(e, "relative_db", b.levelDb() - integratedLufs, 2);
        }
        return n;
    }

    private static ObjectNode leadVocal(LeadVocal v) {
        ObjectNode o = NODES.objectNode();
        o.put("found", v.found());
        put(o, "share", v.share(), 3);
        put(o, "window_s", v.windowS(), 3);
        o.put("decided_by", v.forced() ? "engineer" : "detector");
        return o;
    }

    private static ObjectNode tonalBalance(TonalBalance t) {
        ObjectNode o = NODES.objectNode();
        put(o, "low_end_db", t.lowEndDb(), 2);
        put(o, "mud_db", t.mudDb(), 2);
        put(o, "harsh_db", t.harshDb(), 2);
        put(o, "air_db", t.airDb(), 2);
        put(o, "sibilance_db", t.sibilanceDb(), 2);
        return o;
    }

    private static ObjectNode sections(SectionsResult r) {
        ObjectNode o = NODES.objectNode();
        o.put("chorus_label", r.chorusLabel());
        ArrayNode list = o.putArray("list");
        for (Section s : r.sections()) {
            ObjectNode n = list.addObject();
            put(n, "start_s", s.startS(), 2);
            put(n, "end_s", s.endS(), 2);
            n.put("label", s.label());
            n.put("quiet", s.quiet());
            put(n, "loudness_lufs", s.loudnessLufs(), 2);
            n.put("energy_rank", s.energyRank());
            n.put("chorus", s.chorus());
        }
        return o;
    }

    private static ObjectNode devices(DeviceTranslation t, Map<String, RenderLink> renders) {
        ObjectNode o = NODES.objectNode();
        ArrayNode sections = o.putArray("sections");
        for (Section s : t.sections()) {
            ObjectNode n = sections.addObject();
            put(n, "start_s", s.startS(), 2);
            put(n, "end_s", s.endS(), 2);
            n.put("label", s.label());
            n.put("chorus", s.chorus());
        }
        ArrayNode readings = o.putArray("readings");
        for (DeviceTranslation.DeviceReading d : t.devices()) {
            ObjectNode n = readings.addObject();
            n.put("id", d.id());
            n.put("name", d.name());
            n.put("mono", d.mono());
            put(n, "chorus_lift_lu", d.chorusLiftLu(), 2);
            n.set("section_lufs", array(d.sectionLufs(), 2));
            ArrayNode kickDb = n.putArray("section_kick_db"), kickRegion = n.putArray("section_kick_region"), kickLost = n.putArray("section_kick_lost");
            ArrayNode bassDb = n.putArray("section_bass_db"), bassLost = n.putArray("section_bass_lost");
            for (int i = 0; i < t.sections().size(); i++) {
                LowEndTranslation.SectionLowEnd le = d.lowEnd(i);
                addNumber(kickDb, le.kickDb(), 2);
                if (le.kickRegion() == null) kickRegion.addNull();
                else kickRegion.add(le.kickRegion().id());
                kickLost.add(le.kickLost());
                addNumber(bassDb, le.bassDb(), 2);
                bassLost.add(le.bassLost());
            }
            n.set("section_vocal_db", array(d.sectionVocalDb(), 2));
            n.put("render", renders.containsKey(d.id()) ? renders.get(d.id()).href() : null);
        }
        return o;
    }

    private static ObjectNode drums(DrumHits d) {
        ObjectNode o = NODES.objectNode();
        put(o, "kick_prominence_db", d.kickProminenceDb(), 2);
        o.put("kick_hits", d.kickHits());
        put(o, "snare_prominence_db", d.snareProminenceDb(), 2);
        o.put("snare_hits", d.snareHits());
        return o;
    }

    private static ObjectNode references(ReferenceComparison c) {
        ObjectNode o = NODES.objectNode();
        ArrayNode files = o.putArray("files");
        for (Reference r : c.references()) {
            ObjectNode f = files.addObject();
            f.put("file", r.file().toString());
            put(f, "integrated_lufs", r.measurements().loudness().integratedLufs(), 2);
            put(f, "plr_db", r.measurements().plrDb(), 2);
            put(f, "lra_lu", r.measurements().loudness().lraLu(), 2);
        }
        o.put("tonal_range_source", c.tonalRange().source());
        o.set("tonal", spreads(c.tonal()));
        o.set("dynamics", spreads(c.dynamics()));
        o.set("drums", spreads(c.drums()));
        o.set("stereo", spreads(c.stereo()));
        ArrayNode bands = o.putArray("bands");
        for (ReferenceComparison.BandSpread b : c.bands()) {
            ObjectNode n = bands.addObject();
            put(n, "center_hz", b.centerHz(), 1);
            put(n, "mix_db", b.mixDb(), 2);
            put(n, "min_db", b.minDb(), 2);
            put(n, "max_db", b.maxDb(), 2);
        }
        return o;
    }

    private static ArrayNode spreads(List<Spread> spreads) {
        ArrayNode a = NODES.arrayNode();
        for (Spread s : spreads) {
            ObjectNode n = a.addObject();
            n.put("name", s.name());
            put(n, "mix", s.mix(), 2);
            put(n, "min", s.min(), 2);
            put(n, "max", s.max(), 2);
            put(n, "outside", s.outsideDb(), 2);
        }
        return a;
    }

    private static ObjectNode quiet(QuietPassage q) {
        ObjectNode e = NODES.objectNode();
        put(e, "start_s", q.startS(), 3);
        put(e, "end_s", q.endS(), 3);
        e.put("content", q.content() == null ? null : q.content().name().toLowerCase(Locale.ROOT));
        put(e, "loudness_lufs", q.loudnessLufs(), 2);
        put(e, "surrounding_lufs", q.surroundingLufs(), 2);
        put(e, "level_dbfs", q.levelDbfs(), 2);
        put(e, "hiss_dbfs", q.hissDbfs(), 2);
        put(e, "hum_hz", q.humHz(), 1);
        put(e, "hum_dbfs", q.humDbfs(), 2);
        return e;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode e = NODES.objectNode();
        e.put("code", f.code().name());
        e.put("severity", f.severity().id());
        put(e, "start_s", f.startS(), 3);
        put(e, "end_s", f.endS(), 3);
        e.put("message", f.message());
        e.put("hint", f.hint());
        ObjectNode values = e.putObject("values");
        for (Map.Entry<String, Double> v : new TreeMap<>(f.values()).entrySet()) put(values, v.getKey(), v.getValue(), 3);
        ArrayNode merged = e.putArray("merged");
        for (FindingCode c : f.merged()) merged.add(c.name());
        return e;
    }

    private static ObjectNode series(TimeSeries ts, int decimals) {
        ObjectNode n = NODES.objectNode();
        if (ts == null) {
            n.putNull("step_s");
            n.putArray("values");
            return n;
        }
        put(n, "step_s", ts.stepS(), 3);
        n.set("values", array(ts.values(), decimals));
        return n;
    }

    static ArrayNode array(double[] values, int decimals) {
        ArrayNode a = NODES.arrayNode();
        if (values == null) return a;
        for (double v : values) {
            if (Double.isFinite(v)) a.add(round(v, decimals));
            else a.addNull();
        }
        return a;
    }

    private static void addNumber(ArrayNode a, double v, int decimals) {
        if (Double.isFinite(v)) a.add(round(v, decimals));
        else a.addNull();
    }

    static void put(ObjectNode n, String name, Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) n.putNull(name);
        else n.put(name, round(v, decimals));
    }

    /** Rounds half away from zero to the given decimals; -0.0 becomes 0.0. */
    static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        double r = Math.round(Math.abs(v) * scale) / scale;
        r = v < 0 ? -r : r;
        return r == 0 ? 0.0 : r;
    }
}

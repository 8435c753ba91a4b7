package dev.signoff.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JsonReportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode one(CheckResult r) throws Exception {
        return JSON.readTree(JsonReport.render(List.of(FileOutcome.of(r))));
    }

    @Test
    void oneFileIsOneObjectWithEveryDocumentedField() throws Exception {
        JsonNode j = one(Mixes.CLIPPED);
        assertThat(j.isObject()).isTrue();
        assertThat(j.get("schema").asText()).isEqualTo("signoff.check/1");
        assertThat(j.get("file").asText()).endsWith("clipped.wav");
        for (String f : List.of("format", "loudness", "peaks", "technical", "stereo", "spectrum", "quiet_passages", "findings", "analysis_s")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        for (String f : List.of("sample_rate", "channels", "bits_per_sample", "floating_point", "container", "duration_s")) {
            assertThat(j.get("format").has(f)).as(f).isTrue();
        }
        for (String f : List.of("integrated_lufs", "lra_lu", "true_peak_dbtp", "sample_peak_dbfs", "max_momentary_lufs", "max_short_term_lufs", "plr_db")) {
            assertThat(j.get("loudness").get(f).isNumber()).as(f).isTrue();
        }
        for (String f : List.of("true_peak_dbtp_by_channel", "sample_peak_dbfs_by_channel", "overs")) {
            assertThat(j.get("peaks").get(f).isArray()).as(f).isTrue();
        }
        JsonNode t = j.get("technical");
        assertThat(t.get("clipping").get("run_count").isInt()).isTrue();
        assertThat(t.get("clipping").get("runs").isArray()).isTrue();
        assertThat(t.get("dc_offset_dbfs").isArray()).isTrue();
        assertThat(t.get("tail_cut").isBoolean()).isTrue();
        for (String f : List.of("head_silence_s", "tail_silence_s")) assertThat(t.get(f).isNumber()).as(f).isTrue();
        JsonNode s = j.get("stereo");
        for (String f : List.of("balance_db", "correlation", "side_to_mid_db", "mono_loss_db")) assertThat(s.has(f)).as(f).isTrue();
        for (String f : List.of("below_hz", "correlation", "side_to_mid_db")) assertThat(s.get("low_end").has(f)).as(f).isTrue();
        for (JsonNode b : s.get("bands")) {
            for (String f : List.of("lo_hz", "hi_hz", "correlation", "side_to_mid_db", "mono_loss_db", "share_db")) assertThat(b.has(f)).as(f).isTrue();
        }
        assertThat(s.get("correlation_over_time").get("values").isArray()).isTrue();
        assertThat(j.get("spectrum").get("step_s").isNumber()).isTrue();
        for (JsonNode b : j.get("spectrum").get("bands")) {
            for (String f : List.of("center_hz", "lo_hz", "hi_hz", "level_dbfs", "relative_db")) assertThat(b.has(f)).as(f).isTrue();
        }
        assertThat(j.get("analysis_s").isNumber()).isTrue();
    }

    @Test
    void numbersMatchTheCheck() throws Exception {
        CheckResult r = Mixes.CLIPPED;
        Measurements m = r.measurements();
        JsonNode j = one(r);
        assertThat(j.at("/format/sample_rate").asInt()).isEqualTo(48_000);
        assertThat(j.at("/format/channels").asInt()).isEqualTo(2);
        assertThat(j.at("/format/bits_per_sample").asInt()).isEqualTo(24);
        assertThat(j.at("/format/duration_s").asDouble()).isCloseTo(m.durationS(), within(0.001));
        JsonNode l = j.get("loudness");
        assertThat(l.get("integrated_lufs").asDouble()).isCloseTo(m.loudness().integratedLufs(), within(0.005));
        assertThat(l.get("lra_lu").asDouble()).isCloseTo(m.loudness().lraLu(), within(0.005));
        assertThat(l.get("true_peak_dbtp").asDouble()).isCloseTo(m.peaks().truePeakDbtp(), within(0.005));
        assertThat(l.get("sample_peak_dbfs").asDouble()).isCloseTo(m.peaks().samplePeakDbfs(), within(0.005));
        assertThat(l.get("plr_db").asDouble()).isCloseTo(m.plrDb(), within(0.005));
        double[] st = m.loudness().shortTerm().values();
        JsonNode stJson = l.get("short_term").get("values");
        assertThat(l.get("short_term").get("step_s").asDouble()).isCloseTo(m.loudness().shortTerm().stepS(), within(1e-9));
        assertThat(stJson.size()).isEqualTo(st.length);
        for (int i = 0; i < st.length; i++) {
            if (Double.isFinite(st[i])) assertThat(stJson.get(i).asDouble()).as("short-term %d", i).isCloseTo(st[i], within(0.051));
            else assertThat(stJson.get(i).isNull()).as("short-term %d", i).isTrue();
        }
        JsonNode p = j.get("peaks");
        assertThat(p.get("over_count").asInt()).isEqualTo(m.peaks().overCount());
        assertThat(p.get("true_peak_dbtp_by_channel").size()).isEqualTo(2);
        assertThat(p.get("true_peak_dbtp_by_channel").get(1).asDouble()).isCloseTo(m.peaks().truePeakDbtpByChannel()[1], within(0.005));
        assertThat(j.at("/technical/clipping/run_count").asInt()).isEqualTo(m.clipping().runCount()).isPositive();
        assertThat(j.at("/technical/clipping/runs").size()).isLessThanOrEqualTo(JsonReport.MAX_LISTED_EVENTS).isPositive();

        StereoResult s = m.stereo();
        assertThat(j.at("/stereo/correlation").asDouble()).isCloseTo(s.correlation(), within(0.0005));
        assertThat(j.at("/stereo/bands").size()).isEqualTo(s.bands().size());
        JsonNode lastBand = j.at("/stereo/bands").get(s.bands().size() - 1);
        assertThat(lastBand.get("hi_hz").isNull()).as("open-ended top band").isTrue();
        assertThat(j.at("/stereo/correlation_over_time/values").size()).isEqualTo(s.correlationOverTime().size());

        List<SpectrumResult.Band> bands = m.spectrum().bands();
        JsonNode sb = j.at("/spectrum/bands");
        assertThat(sb.size()).isEqualTo(bands.size());
        for (int b = 0; b < bands.size(); b++) {
            double level = bands.get(b).levelDb();
            if (!Double.isFinite(level)) continue;
            assertThat(sb.get(b).get("level_dbfs").asDouble()).isCloseTo(level, within(0.005));
            assertThat(sb.get(b).get("relative_db").asDouble()).isCloseTo(level - m.loudness().integratedLufs(), within(0.011));
        }

        List<String> codes = new ArrayList<>();
        j.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).isEqualTo(r.findings().stream().map(f -> f.code().name()).toList()).contains("CLIPPING");
        JsonNode clip = j.get("findings").get(codes.indexOf("CLIPPING"));
        assertThat(clip.get("severity").asText()).isEqualTo("problem");
        Finding cf = r.findings().stream().filter(f -> f.code().name().equals("CLIPPING")).findFirst().orElseThrow();
        assertThat(clip.get("message").asText()).isEqualTo(cf.message());
        assertThat(clip.get("hint").asText()).isEqualTo(cf.hint());
    }

    @Test
    void nonFiniteNumbersAreNullAndQuietPassagesAndValuesAreWritten() throws Exception {
        JsonNode j = one(Mixes.GENERAL);
        JsonNode q = j.get("quiet_passages");
        assertThat(q.size()).isEqualTo(2);
        JsonNode hiss = q.get(0);
        assertThat(hiss.get("content").asText()).isEqualTo("hiss");
        assertThat(hiss.get("start_s").asDouble()).isEqualTo(10.0);
        assertThat(hiss.get("end_s").asDouble()).isEqualTo(12.5);
        assertThat(hiss.get("loudness_lufs").isNull()).isTrue();
        assertThat(hiss.get("surrounding_lufs").asDouble()).isEqualTo(-14.2);
        assertThat(hiss.get("hiss_dbfs").asDouble()).isEqualTo(-61.04);
        assertThat(hiss.get("hum_hz").isNull()).isTrue();
        assertThat(hiss.get("hum_dbfs").isNull()).isTrue();
        assertThat(q.get(1).get("content").asText()).isEqualTo("hum");
        assertThat(q.get(1).get("hum_hz").asDouble()).isEqualTo(50.0);

        JsonNode findings = j.get("findings");
        List<String> severities = new ArrayList<>();
        findings.forEach(f -> severities.add(f.get("severity").asText()));
        assertThat(severities).containsExactly("note", "warning", "problem", "warning"); // as ranked by the analysis
        JsonNode stop = findings.get(1);
        assertThat(stop.get("code").asText()).isEqualTo("STOP_NOISE");
        assertThat(stop.get("start_s").asDouble()).isEqualTo(10.0);
        assertThat(stop.get("values").get("hiss_dbfs").asDouble()).isEqualTo(-61.04);
        assertThat(stop.get("values").get("unmeasured").isNull()).isTrue();
        assertThat(stop.get("message").asText()).contains("<at>").contains("\"after\"");
        JsonNode whole = findings.get(0);
        assertThat(whole.get("start_s").isNull()).isTrue();
        assertThat(whole.get("end_s").isNull()).isTrue();
        // Nothing in the whole document is NaN or Infinity (Jackson would write them as bare tokens).
        assertThat(JsonReport.render(List.of(FileOutcome.of(Mixes.GENERAL)))).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void aFindingMergedFromTwoKeepsEveryFigureAndNamesTheMergedCode() throws Exception {
        JsonNode j = one(Mixes.check("wide.wav", 1, java.util.EnumSet.of(dev.signoff.audio.synth.SongSynth.Defect.WIDE), 2));
        List<JsonNode> stereo = new ArrayList<>();
        j.get("findings").forEach(f -> {
            if (List.of("WIDTH", "MONO_COMPAT", "LOW_END_STEREO").contains(f.get("code").asText())) stereo.add(f);
        });
        assertThat(stereo).singleElement().satisfies(w -> {
            assertThat(w.get("code").asText()).isEqualTo("WIDTH");
            assertThat(w.get("merged").size()).isEqualTo(1);
            assertThat(w.get("merged").get(0).asText()).isEqualTo("MONO_COMPAT");
            for (String v : List.of("side_to_mid_db", "mono_loss_db", "correlation")) assertThat(w.get("values").get(v).isNumber()).as(v).isTrue();
        });
        j.get("findings").forEach(f -> assertThat(f.get("merged").isArray()).isTrue());
    }

    @Test
    void monoHasNullStereo() throws Exception {
        JsonNode j = one(Mixes.MONO);
        assertThat(j.get("stereo").isNull()).isTrue();
        assertThat(j.at("/format/channels").asInt()).isEqualTo(1);
        assertThat(j.at("/peaks/true_peak_dbtp_by_channel").size()).isEqualTo(1);
    }

    @Test
    void severalFilesGiveAnArrayInOrderWithErrorObjects() throws Exception {
        Path bad = Path.of("folder", "broken.wav");
        String out = JsonReport.render(List.of(FileOutcome.of(Mixes.CLIPPED), FileOutcome.failed(bad, "broken.wav: not a WAV file"), FileOutcome.of(Mixes.MONO)));
        JsonNode arr = JSON.readTree(out);
        assertThat(arr.isArray()).isTrue();
        assertThat(arr.size()).isEqualTo(3);
        assertThat(arr.get(0).get("file").asText()).endsWith("clipped.wav");
        assertThat(arr.get(2).get("file").asText()).endsWith("mono.wav");
        JsonNode err = arr.get(1);
        assertThat(err.get("schema").asText()).isEqualTo("signoff.check/1");
        assertThat(err.get("file").asText()).isEqualTo(bad.toString());
        assertThat(err.get("error").asText()).isEqualTo("broken.wav: not a WAV file");
        List<String> fields = new ArrayList<>();
        err.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema", "file", "error");
        for (JsonNode o : List.of(arr.get(0), arr.get(2))) assertThat(o.has("error")).isFalse();
    }

    @Test
    void oneFailedFileIsOneErrorObject() throws Exception {
        JsonNode j = JSON.readTree(JsonReport.render(List.of(FileOutcome.failed(Path.of("gone.flac"), "gone.flac: no such file"))));
        assertThat(j.isObject()).isTrue();
        assertThat(j.get("error").asText()).isEqualTo("gone.flac: no such file");
    }

    @Test
    void roundingKeepsSignAndDropsNegativeZero() {
        assertThat(JsonReport.round(-0.004, 2)).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(JsonReport.round(-0.004, 2))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(JsonReport.round(-1.005, 1)).isEqualTo(-1.0);
        assertThat(JsonReport.round(-1.25, 1)).isEqualTo(-1.3);
        assertThat(JsonReport.round(12.3456, 2)).isEqualTo(12.35);
    }
}

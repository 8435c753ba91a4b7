package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** `signoff diff` end to end, and docs/diff.md's JSON tables against what it prints. */
class DiffCommandTest {
    @TempDir static Path dir;
    static Path v1, v2;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void versions() throws Exception {
        SongSynth.Song song = SongSynth.render(48_000, 30, 5);
        float[][] a = song.channels();
        float[][] b = {a[0].clone(), a[1].clone()};
        for (float[] ch : b) {
            Biquad.peaking(48_000, 3000, 1.0, 4).process(ch);
            for (int i = 0; i < ch.length; i++) ch[i] *= 0.7f;
        }
        v1 = write("mix v1.wav", a);
        v2 = write("mix v2.wav", b);
    }

    private static Path write(String name, float[][] x) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        return f;
    }

    @Test
    void textSaysWhatChangedWithItsNumbers() {
        CliRun run = CliRun.of("diff", v1.toString(), v2.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("mix v2.wav against mix v1.wav")
                .contains("lined up as they are (to the sample)")
                .containsPattern("TONAL +\\+[34]\\.\\d dB at .*kHz \\(most at 3(\\.\\d)? kHz\\), whole song\\.")
                .containsPattern("LEVEL +The whole mix is 3\\.\\d dB quieter")
                .contains("audible change");
    }

    @Test
    void identicalVersionsSayNothingChanged() {
        CliRun run = CliRun.of("diff", v1.toString(), v1.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("The two versions are identical, sample for sample.").doesNotContain("TONAL");
    }

    @Test
    void askedRequestsGetTheScopeCheck() {
        CliRun run = CliRun.of("diff", v1.toString(), v2.toString(), "--asked", "more presence", "--asked", "bass down 2 dB");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("What was asked (scope check):")
                .containsPattern("DONE +\"more presence\" +Done: \\+")
                .containsPattern("NOT FOUND +\"bass down 2 dB\"")
                .contains("Nobody asked for:").containsPattern("LEVEL +The whole mix is 3\\.\\d dB quieter");
    }

    @Test
    void htmlHasTheChangeMapAndTheList() throws Exception {
        Path out = dir.resolve("diff.html");
        CliRun run = CliRun.of("diff", v1.toString(), v2.toString(), "--format", "html", "-o", out.toString(), "--asked", "more presence");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Change map").contains("What changed")
                .contains("Scope check").contains("mix v2.wav").doesNotContain("<script");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not audio");
        for (String[] args : new String[][]{{"diff", v1.toString(), junk.toString()}, {"diff", v1.toString(), dir.resolve("nope.wav").toString()},
                {"diff", v1.toString()}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines().filter(l -> l.startsWith("signoff:")).count()).isEqualTo(1);
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        SongSynth.Song other = SongSynth.render(44_100, 20, 5);
        Path real = dir.resolve("cd.wav");
        try (WavWriter w = WavWriter.open(real, 44_100, 2, 16)) {
            w.write(other.channels(), other.frames());
        }
        CliRun rates = CliRun.of("diff", v1.toString(), real.toString());
        assertThat(rates.exitCode()).isEqualTo(2);
        assertThat(rates.err()).contains("same sample rate");
    }

    // ------------------------------------------------------------------ the JSON contract

    @Test
    void jsonMatchesDocsDiffMdBothWays() throws Exception {
        Map<String, String> spec = readSpec(Path.of("..", "docs", "diff.md"), "## JSON report");
        assertThat(spec).as("docs/diff.md field table").hasSizeGreaterThan(30).containsKeys("changes[].kind", "changes[].freq_lo_hz", "changes[].db");
        JsonNode plain = JSON.readTree(CliRun.of("diff", v1.toString(), v2.toString(), "--format", "json").out());
        JsonNode asked = JSON.readTree(CliRun.of("diff", v1.toString(), v2.toString(), "--format", "json", "--asked", "more presence").out());
        assertThat(plain.get("schema").asText()).isEqualTo("signoff.diff/1");
        assertThat(plain.get("scope").isNull()).isTrue();
        assertThat(plain.get("changes").size()).isPositive();
        assertThat(asked.at("/scope/asked/0/status").asText()).isEqualTo("done");
        assertMatches(plain, spec);
        assertMatches(asked, spec);
        // The changes the scope check points at are the report's own.
        int i = asked.at("/scope/asked/0/changes/0").asInt();
        assertThat(asked.at("/changes/" + i + "/kind").asText()).isEqualTo("tonal");
    }

    @Test
    void noiseTakenOutIsRemovedInTextAndJson() throws Exception {
        // The first version with hiss at -60 dBFS throughout, the second the same mix without it.
        float[][] clean = SongSynth.render(48_000, 30, 5).channels();
        float[][] hissy = {clean[0].clone(), clean[1].clone()};
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double a = Math.pow(10, -60 / 20.0) * Math.sqrt(3);
        for (float[] ch : hissy) for (int i = 0; i < ch.length; i++) ch[i] += (float) (a * (2 * r.nextDouble() - 1));
        Path noisy = write("hiss v1.wav", hissy), cleaned = write("hiss v2.wav", clean);
        CliRun text = CliRun.of("diff", noisy.toString(), cleaned.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("NOISE +The noise at -6\\d\\.\\d dBFS \\(above 1 kHz\\) that ran through the whole old version.*is gone")
                .doesNotContain("whole new version");
        JsonNode removed = JSON.readTree(CliRun.of("diff", noisy.toString(), cleaned.toString(), "--format", "json").out());
        JsonNode noise = null;
        for (JsonNode c : removed.get("changes")) if (c.get("kind").asText().equals("noise")) noise = c;
        assertThat(noise).as(removed.get("changes").toString()).isNotNull();
        assertThat(noise.at("/noise/direction").asText()).isEqualTo("removed");
        assertThat(noise.at("/noise/new_dbfs").isNull()).isTrue();
        assertThat(noise.at("/noise/old_dbfs").asDouble()).isBetween(-64.0, -60.0);
        assertThat(noise.get("db").asDouble()).isEqualTo(noise.at("/noise/old_dbfs").asDouble());
        assertMatches(removed, readSpec(Path.of("..", "docs", "diff.md"), "## JSON report"));
        JsonNode added = JSON.readTree(CliRun.of("diff", cleaned.toString(), noisy.toString(), "--format", "json").out());
        assertThat(added.toString()).contains("\"direction\":\"added\"").doesNotContain("\"direction\":\"removed\"");
    }

    /** The field table under the heading starting with {@code heading} in the document: path -> type. */
    static Map<String, String> readSpec(Path doc, String heading) throws Exception {
        Map<String, String> spec = new LinkedHashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) in = line.startsWith(heading);
            if (!in || !line.startsWith("| `")) continue;
            String[] cols = line.split("(?<!\\\\)\\|");
            spec.put(cols[1].strip().replace("`", ""), cols[2].strip().replace("\\|", "|"));
        }
        return spec;
    }

    /** Every path in the output is documented with a type it has, and every documented path is in the output. */
    static void assertMatches(JsonNode root, Map<String, String> spec) {
        Map<String, Set<String>> seen = new TreeMap<>();
        walk(root, "", seen);
        List<String> problems = new ArrayList<>();
        for (var e : seen.entrySet()) {
            String type = spec.get(e.getKey());
            if (type == null) {
                problems.add(e.getKey() + ": in the output but not documented");
                continue;
            }
            for (String t : e.getValue()) {
                boolean ok = t.equals("null") ? type.endsWith("|null") : type.replace("|null", "").equals(t) || (t.equals("integer") && type.startsWith("number"));
                if (!ok) problems.add(e.getKey() + ": documented " + type + " but was " + t);
            }
        }
        for (String p : spec.keySet()) {
            boolean inside = seen.keySet().stream().anyMatch(s -> s.equals(p));
            // Fields inside arrays that are empty in this output, or inside null objects, cannot be seen.
            String parent = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "";
            boolean underNull = Set.of("null").equals(seen.get(parent));
            boolean underEmpty = (p.startsWith("scope.") && root.has("scope") && root.get("scope").isNull()) || p.contains("spans[]")
                    || p.equals("latest.problem_codes[]") || underNull;
            if (!inside && !underEmpty) problems.add(p + ": documented but not in the output");
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    /** Every path and the types found there; an array's object elements are documented through their fields, not as "x[]". */
    private static void walk(JsonNode n, String path, Map<String, Set<String>> seen) {
        if (!path.isEmpty() && !(n.isObject() && path.endsWith("[]"))) seen.computeIfAbsent(path, k -> new TreeSet<>()).add(type(n));
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), seen);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) walk(e, path + "[]", seen);
        }
    }

    private static String type(JsonNode n) {
        if (n.isNull()) return "null";
        if (n.isTextual()) return "string";
        if (n.isIntegralNumber()) return "integer";
        if (n.isNumber()) return "number";
        if (n.isBoolean()) return "boolean";
        if (n.isObject()) return "object";
        return "array";
    }
}

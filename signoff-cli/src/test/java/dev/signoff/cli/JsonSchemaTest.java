package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The JSON report as a contract: docs/json-schema.md is read and checked against what
 * `signoff check --format json` really prints, both ways.
 */
class JsonSchemaTest {
    @TempDir static Path dir;
    static Path stereo, mono;
    static Map<String, String> resultSpec, errorSpec;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        stereo = dir.resolve("stereo mix.wav");
        // Clipped, and wide enough for one finding merged from two (findings[].merged[]).
        SongFiles.write(SongSynth.render(48_000, 30, 11, EnumSet.of(Defect.CLIPPING, Defect.WIDE)), stereo, 24);
        mono = dir.resolve("mono mix.wav");
        SongSynth.Song song = SongSynth.render(44_100, 20, 12);
        float[] m = new float[song.frames()];
        for (int i = 0; i < m.length; i++) m[i] = 0.5f * (song.channels()[0][i] + song.channels()[1][i]);
        try (WavWriter w = WavWriter.open(mono, song.sampleRate(), 1, 16)) {
            w.write(new float[][]{m}, m.length);
        }
        readSpec(Path.of("..", "docs", "json-schema.md"));
    }

    /** The field tables of the document: path -> type, for error objects and for checked files. */
    static void readSpec(Path doc) throws Exception {
        assertThat(doc).as("docs/json-schema.md").exists();
        resultSpec = new LinkedHashMap<>();
        errorSpec = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## A file that could not be read")) current = errorSpec;
            else if (line.startsWith("## A checked file")) current = resultSpec;
            else if (line.startsWith("## ")) current = null;
            if (current == null || !line.startsWith("| `")) continue;
            String[] cols = line.split("(?<!\\\\)\\|");
            String field = cols[1].strip().replace("`", "");
            String type = cols[2].strip().replace("\\|", "|");
            assertThat(type).as("type of " + field).matches("(string|integer|number|boolean|object|array)(\\|null)?");
            current.put(field, type);
        }
        assertThat(errorSpec).containsOnlyKeys("schema", "file", "error");
        assertThat(resultSpec).hasSizeGreaterThan(80).containsKeys("loudness.integrated_lufs", "findings[].severity", "stereo.bands[].hi_hz");
    }

    static JsonNode run(String... files) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        args.addAll(List.of(files));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.out()).as(run.err()).isNotBlank();
        return JSON.readTree(run.out());
    }

    @Test
    void stereoMixMatchesTheDocumentBothWays() throws Exception {
        JsonNode j = run(stereo.toString());
        assertThat(j.isObject()).isTrue();
        assertThat(j.get("schema").asText()).isEqualTo("signoff.check/1");
        assertThat(j.get("stereo").isObject()).isTrue();
        assertThat(j.get("findings").size()).as("the clipped mix has findings to check").isPositive();
        assertThat(j.at("/technical/clipping/runs").size()).isPositive();
        assertThat(j.at("/stereo/bands").size()).isPositive();
        List<String> merged = new ArrayList<>();
        j.get("findings").forEach(f -> f.get("merged").forEach(c -> merged.add(c.asText())));
        assertThat(merged).as("a merged finding to check").isNotEmpty();
        assertMatchesSpec(j, resultSpec);
        assertThat(j.at("/format/channels").asInt()).isEqualTo(2);
        assertThat(j.at("/loudness/short_term/step_s").asDouble()).isPositive();
    }

    @Test
    void monoMixHasNullStereoAndOtherwiseTheSameFields() throws Exception {
        JsonNode j = run(mono.toString());
        assertThat(j.get("stereo").isNull()).isTrue();
        assertThat(j.at("/format/channels").asInt()).isEqualTo(1);
        assertThat(j.at("/format/bits_per_sample").asInt()).isEqualTo(16);
        assertThat(j.at("/format/sample_rate").asInt()).isEqualTo(44_100);
        assertMatchesSpec(j, resultSpec);
    }

    @Test
    void referencesAddTheirComparisonWithTheDocumentedFields() throws Exception {
        JsonNode j = run(stereo.toString(), "--ref", mono.toString(), "--ref", stereo.toString());
        assertThat(j.get("references").isObject()).isTrue();
        assertThat(j.at("/references/files").size()).isEqualTo(2);
        assertThat(j.at("/references/tonal_range_source").asText()).isEqualTo("your 2 references");
        assertThat(j.at("/references/bands").size()).isPositive();
        assertMatchesSpec(j, resultSpec);
        assertThat(run(stereo.toString()).get("references").isNull()).isTrue();
    }

    @Test
    void devicesAddTheirReadingsWithTheDocumentedFields() throws Exception {
        JsonNode j = run(stereo.toString(), "--device", "phone,car");
        assertThat(j.at("/devices/readings").size()).isEqualTo(3);
        assertThat(j.at("/devices/readings/0/id").asText()).isEqualTo("monitors");
        assertThat(j.at("/devices/readings/1/section_lufs").size()).isEqualTo(j.at("/devices/sections").size());
        assertMatchesSpec(j, resultSpec);
        assertThat(run(stereo.toString()).get("devices").isNull()).isTrue();
    }

    @Test
    void streamingPreviewsAddTheirFiguresWithTheDocumentedFields() throws Exception {
        Path renders = dir.resolve("renders");
        JsonNode j = run(stereo.toString(), "--platforms", "--codecs", "--render-dir", renders.toString());
        List<String> services = new ArrayList<>(), codecs = new ArrayList<>();
        j.get("platforms").forEach(p -> services.add(p.get("service").asText()));
        j.get("codecs").forEach(c -> codecs.add(c.get("codec").asText()));
        assertThat(services).containsExactly("spotify-normal", "spotify-loud", "spotify-quiet", "apple-music", "youtube", "tidal",
                "amazon-music", "deezer");
        assertThat(codecs).containsExactly("aac-256", "vorbis-320", "opus-160", "mp3-320", "mp3-128");
        assertThat(j.at("/platforms/0/gain_db").asDouble()).isCloseTo(-14 - j.at("/loudness/integrated_lufs").asDouble(), within(0.02));
        assertThat(Path.of(j.at("/codecs/0/decoded").asText())).isRegularFile();
        assertThat(Path.of(j.at("/codecs/0/residual").asText())).isRegularFile();
        assertMatchesSpec(j, resultSpec);
        JsonNode plain = run(stereo.toString());
        assertThat(plain.get("platforms").isNull()).isTrue();
        assertThat(plain.get("codecs").isNull()).isTrue();
    }

    @Test
    void digitalSilenceIsAProblemWithNullFiguresAndTheDocumentedFields() throws Exception {
        Path silent = dir.resolve("silent.wav");
        try (WavWriter w = WavWriter.open(silent, 48_000, 2, 16)) {
            w.write(new float[2][48_000 * 10], 48_000 * 10);
        }
        JsonNode j = run(silent.toString());
        assertMatchesSpec(j, resultSpec);
        assertThat(j.at("/findings/0/code").asText()).isEqualTo("SILENT");
        assertThat(j.at("/findings/0/severity").asText()).isEqualTo("problem");
        assertThat(j.at("/loudness/integrated_lufs").isNull()).isTrue();
    }

    @Test
    void severalFilesAreAnArrayAndUnreadableOnesAreErrorObjects() throws Exception {
        Path broken = dir.resolve("broken.wav");
        Files.writeString(broken, "not audio at all");
        JsonNode arr = run(mono.toString(), broken.toString());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr.size()).isEqualTo(2);
        assertMatchesSpec(arr.get(0), resultSpec);
        JsonNode err = arr.get(1);
        assertMatchesSpec(err, errorSpec);
        assertThat(err.get("schema").asText()).isEqualTo("signoff.check/1");
        assertThat(err.get("file").asText()).isEqualTo(broken.toString());
        assertThat(err.get("error").asText()).contains("broken.wav");
    }

    /** Every documented field is there with its type, and every field there is documented. */
    static void assertMatchesSpec(JsonNode root, Map<String, String> spec) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.entrySet()) {
            List<JsonNode> nodes = resolve(root, e.getKey(), problems);
            for (JsonNode n : nodes) {
                if (!hasType(n, e.getValue())) problems.add(e.getKey() + ": expected " + e.getValue() + " but was " + n.getNodeType() + " " + abbreviate(n));
            }
        }
        Set<String> seen = new TreeSet<>();
        collectPaths(root, "", seen);
        for (String p : seen) if (!spec.containsKey(p)) problems.add(p + ": in the output but not documented in docs/json-schema.md");
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    /** The nodes at a documented path ("a.b[].c", "x.values.*"); a missing field is a problem, a null parent is not. */
    static List<JsonNode> resolve(JsonNode root, String path, List<String> problems) {
        List<JsonNode> current = List.of(root);
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean each = part.endsWith("[]");
            String name = each ? part.substring(0, part.length() - 2) : part;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if (n.isNull()) continue; // e.g. stereo for mono files
                if (name.equals("*")) {
                    n.elements().forEachRemaining(next::add);
                    continue;
                }
                JsonNode child = n.get(name);
                if (child == null) {
                    problems.add(path + ": missing");
                    continue;
                }
                if (each) {
                    if (child.isNull()) continue; // an array|null field left out (platforms without --platforms)
                    if (!child.isArray()) problems.add(path + ": " + name + " is not an array");
                    else child.elements().forEachRemaining(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    static void collectPaths(JsonNode n, String prefix, Set<String> out) {
        if (n.isObject()) {
            boolean freeKeys = prefix.equals("findings[].values");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = (prefix.isEmpty() ? "" : prefix + ".") + (freeKeys ? "*" : e.getKey());
                out.add(p);
                collectPaths(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                // Arrays of objects are documented through their elements' fields, arrays of values as "x[]".
                if (!e.isObject()) out.add(prefix + "[]");
                collectPaths(e, prefix + "[]", out);
            }
        }
    }

    static boolean hasType(JsonNode n, String type) {
        boolean nullable = type.endsWith("|null");
        if (n.isNull()) return nullable;
        return switch (nullable ? type.substring(0, type.length() - 5) : type) {
            case "string" -> n.isTextual();
            case "integer" -> n.isIntegralNumber();
            case "number" -> n.isNumber();
            case "boolean" -> n.isBoolean();
            case "object" -> n.isObject();
            case "array" -> n.isArray();
            default -> false;
        };
    }

    static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    @Test
    void theDocumentSaysHowVersionsChange() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "json-schema.md"));
        assertThat(doc).contains("signoff.check/1").contains("signoff.check/2").contains("Additive changes keep");
        assertThat(Arrays.asList("null", "NaN")).allMatch(doc::contains);
    }
}

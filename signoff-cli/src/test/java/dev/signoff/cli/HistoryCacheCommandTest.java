package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff history`'s cache of comparisons: each pair compared once, a damaged entry ignored and rewritten. */
class HistoryCacheCommandTest {
    @TempDir Path dir;

    @Test
    void aSecondRunWithOneNewVersionComparesOnlyThatOne() throws Exception {
        Path bounces = Files.createDirectory(dir.resolve("bounces")), cache = dir.resolve("cache");
        float[][] v1 = SongSynth.render(48_000, 24, 6).channels();
        for (float[] ch : v1) for (int i = 0; i < ch.length; i++) ch[i] *= 0.5f;
        float[][] v2 = copy(v1);
        for (float[] ch : v2) Biquad.peaking(48_000, 2500, 1.0, 5).process(ch);
        float[][] v3 = copy(v2);
        for (float[] ch : v3) for (int i = 0; i < ch.length; i++) ch[i] *= 0.8f;
        float[][] v4 = copy(v3);
        for (float[] ch : v4) Biquad.peaking(48_000, 800, 1.4, 0.5).process(ch);
        write(bounces.resolve("mix v1.wav"), v1);
        write(bounces.resolve("mix v2.wav"), v2);
        write(bounces.resolve("mix v3.wav"), v3);

        JsonNode first = history(bounces, "--cache", cache.toString());
        assertThat(cachedFlags(first)).containsExactly(false, false, false);
        assertThat(entries(cache)).hasSize(2);

        write(bounces.resolve("mix v4.wav"), v4);
        JsonNode second = history(bounces, "--cache", cache.toString());
        assertThat(cachedFlags(second)).as("one comparison made, two read").containsExactly(false, true, true, false);
        assertThat(entries(cache)).hasSize(3);
        JsonNode uncached = history(bounces, "--no-cache");
        assertThat(cachedFlags(uncached)).containsExactly(false, false, false, false);
        assertThat(withoutCached(second)).isEqualTo(withoutCached(uncached));
        assertThat(entries(cache)).as("--no-cache keeps nothing").hasSize(3);
        CliRun text = CliRun.of("history", bounces.toString(), "--cache", cache.toString());
        assertThat(text.out()).isEqualTo(CliRun.of("history", bounces.toString(), "--no-cache").out());

        // Damage every entry a different way: each is a miss, compared again and rewritten, never an error.
        List<Path> kept = entries(cache);
        Files.write(kept.get(0), new byte[0]);
        byte[] flipped = Files.readAllBytes(kept.get(1));
        flipped[flipped.length / 2] ^= 0x5a;
        Files.write(kept.get(1), flipped);
        byte[] cut = Files.readAllBytes(kept.get(2));
        Files.write(kept.get(2), java.util.Arrays.copyOf(cut, cut.length - 3));
        JsonNode afterDamage = history(bounces, "--cache", cache.toString());
        assertThat(cachedFlags(afterDamage)).containsExactly(false, false, false, false);
        assertThat(withoutCached(afterDamage)).isEqualTo(withoutCached(uncached));
        assertThat(cachedFlags(history(bounces, "--cache", cache.toString()))).as("rewritten").containsExactly(false, true, true, true);
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.filter(p -> p.toString().endsWith(".tmp")).toList()).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void cacheAndNoCacheTogetherAreAUsageError() throws Exception {
        Path bounces = Files.createDirectory(dir.resolve("two"));
        float[][] v1 = SongSynth.render(48_000, 24, 3).channels();
        write(bounces.resolve("a1.wav"), v1);
        write(bounces.resolve("a2.wav"), v1);
        CliRun run = CliRun.of("history", bounces.toString(), "--no-cache", "--cache", dir.resolve("c").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("either --cache or --no-cache");
    }

    private static JsonNode history(Path bounces, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("history", bounces.toString(), "--format", "json"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    private static List<Boolean> cachedFlags(JsonNode history) {
        List<Boolean> flags = new ArrayList<>();
        history.get("versions").forEach(v -> flags.add(v.get("cached").asBoolean()));
        return flags;
    }

    private static JsonNode withoutCached(JsonNode history) {
        JsonNode copy = history.deepCopy();
        copy.get("versions").forEach(v -> ((ObjectNode) v).remove("cached"));
        return copy;
    }

    private static List<Path> entries(Path cache) throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".step")).sorted().toList();
        }
    }

    private static float[][] copy(float[][] x) {
        return new float[][]{x[0].clone(), x[1].clone()};
    }

    private static void write(Path file, float[][] x) throws Exception {
        try (WavWriter w = WavWriter.open(file, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
    }
}

package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file crafted to exhaust memory (an Ogg Vorbis comment header declaring a 1 GiB vendor string)
 * in the middle of a batch: it fails alone, with a plain message, and every other file is reported.
 */
class HostileFileBatchTest {
    @TempDir static Path dir;
    static Path good, good2, bad;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void files() throws Exception {
        good = dir.resolve("good.wav");
        SongFiles.write(SongSynth.render(48_000, 20, 5), good, 24);
        good2 = dir.resolve("good2.wav");
        SongFiles.write(SongSynth.render(44_100, 20, 6), good2, 16);
        Path ogg = dir.resolve("src.ogg");
        Process p = new ProcessBuilder("oggenc", "-Q", "-o", ogg.toString(), good2.toString()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "oggenc is needed to make the Ogg file");
        bad = Files.write(dir.resolve("bad.ogg"), withVendorLength(Files.readAllBytes(ogg), 1 << 30));
    }

    /** The Ogg file with the comment header's vendor length replaced and its page's checksum made right again. */
    static byte[] withVendorLength(byte[] ogg, int length) {
        int page = nextPage(ogg, 0);                       // the second page starts with the comment header
        int segments = ogg[page + 26] & 0xFF;
        int packet = page + 27 + segments;
        assertThat(new String(ogg, packet, 7, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("\u0003vorbis");
        ByteBuffer.wrap(ogg).order(ByteOrder.LITTLE_ENDIAN).putInt(packet + 7, length);
        int end = nextPage(ogg, page);
        for (int i = 22; i < 26; i++) ogg[page + i] = 0;
        int crc = 0;
        for (int i = page; i < end; i++) {
            crc ^= (ogg[i] & 0xFF) << 24;
            for (int b = 0; b < 8; b++) crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
        }
        ByteBuffer.wrap(ogg).order(ByteOrder.LITTLE_ENDIAN).putInt(page + 22, crc);
        return ogg;
    }

    private static int nextPage(byte[] ogg, int page) {
        int segments = ogg[page + 26] & 0xFF;
        int body = 0;
        for (int i = 0; i < segments; i++) body += ogg[page + 27 + i] & 0xFF;
        return page + 27 + segments + body;
    }

    private static CliRun check(String... options) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(options));
        args.addAll(List.of(good.toString(), bad.toString(), good2.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertPlainError(String message) {
        assertThat(message).startsWith("bad.ogg: ").contains("vendor").contains("1073741824")
                .doesNotContain("Exception").doesNotContain("OutOfMemory").doesNotContain("--seconds").doesNotContain("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void jsonReportsBothGoodFilesAndTheBadOneAsAnError(String jobs) throws Exception {
        CliRun run = check("--format", "json", "-j", jobs);
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode arr = JSON.readTree(run.out());
        assertThat(arr.size()).isEqualTo(3);
        assertThat(arr.get(0).at("/loudness/integrated_lufs").isNumber()).isTrue();
        assertPlainError(arr.get(1).get("error").asText());
        assertThat(arr.get(2).at("/loudness/integrated_lufs").isNumber()).isTrue();
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void textReportsBothGoodFilesAndTheBadOne(String jobs) {
        CliRun run = check("--format", "text", "-j", jobs);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("good.wav  0:").contains("good2.wav  0:").contains("LUFS integrated");
        assertThat(run.err().strip()).startsWith("signoff: ");
        assertPlainError(run.err().strip().substring("signoff: ".length()));
    }

    @Test
    void theReportFileHasEveryFile() throws Exception {
        Path out = dir.resolve("report.json");
        CliRun run = check("--format", "json", "-j", "2", "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode arr = JSON.readTree(out.toFile());
        assertThat(arr.size()).isEqualTo(3);
        assertThat(arr.get(0).has("loudness")).isTrue();
        assertThat(arr.get(2).has("loudness")).isTrue();
        assertPlainError(arr.get(1).get("error").asText());
    }
}

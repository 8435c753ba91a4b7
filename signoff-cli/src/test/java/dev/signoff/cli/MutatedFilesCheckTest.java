package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random header bytes over small WAV, FLAC, MP3 and Ogg files, checked end to end: the exit code
 * is 0, 1 or 2, nothing prints a stack trace, and no report carries an impossible figure
 * (loudness above +3 LUFS, true peak above +30 dBTP, a negative or non-numeric duration).
 */
class MutatedFilesCheckTest {
    @TempDir Path dir;
    static final ObjectMapper JSON = new ObjectMapper();

    private Path seed(Path wav, String name, String... command) throws Exception {
        Path out = dir.resolve(name);
        List<String> line = new ArrayList<>();
        for (String c : command) line.add(c.equals("IN") ? wav.toString() : c.equals("OUT") ? out.toString() : c);
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;   // the encoder is not installed: that format is left out
        }
    }

    @Test
    void mutantsExitCleanlyWithPossibleFiguresOnly() throws Exception {
        float[] l = Signals.sine(440, 0.3, 2.0, 44100), r = Signals.sine(660, 0.3, 2.0, 44100);
        Path wav = dir.resolve("seed.wav");
        try (WavWriter w = WavWriter.open(wav, 44100, 2, 16)) {
            w.write(new float[][]{l, r}, l.length);
        }
        List<Path> seeds = new ArrayList<>(List.of(wav));
        for (Path p : new Path[]{
                seed(wav, "seed.flac", "flac", "--silent", "-f", "-o", "OUT", "IN"),
                seed(wav, "seed.mp3", "lame", "--quiet", "-b", "96", "IN", "OUT"),
                seed(wav, "seed.ogg", "oggenc", "-Q", "-o", "OUT", "IN")}) {
            if (p != null) seeds.add(p);
        }
        SplittableRandom random = new SplittableRandom(20);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path seed : seeds) {
            byte[] original = Files.readAllBytes(seed);
            for (int n = 0; n < 25; n++) {
                byte[] b = original.clone();
                for (int i = 0, flips = 1 + random.nextInt(3); i < flips; i++) b[random.nextInt(Math.min(b.length, 200))] = (byte) random.nextInt(256);
                Path f = Files.write(dir.resolve("m" + n + "-" + seed.getFileName()), b);
                CliRun run = CliRun.of("check", "--format", "json", "-q", f.toString());
                checked++;
                String what = f.getFileName() + " (exit " + run.exitCode() + "): ";
                if (run.exitCode() < 0 || run.exitCode() > 2) wrong.add(what + "exit code");
                if (run.err().contains("\tat ") || run.err().contains("Exception")) wrong.add(what + run.err().strip());
                JsonNode j = JSON.readTree(run.out());
                if (j.has("error")) continue;
                double lufs = j.at("/loudness/integrated_lufs").asDouble(-70);
                double tp = j.at("/loudness/true_peak_dbtp").asDouble(-70);
                JsonNode duration = j.at("/format/duration_s");
                if (lufs > 3) wrong.add(what + "integrated loudness " + lufs + " LUFS");
                if (tp > 30) wrong.add(what + "true peak " + tp + " dBTP");
                if (!duration.isNumber() || duration.asDouble() < 0) wrong.add(what + "duration " + duration);
                Files.delete(f);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        assertThat(wrong).isEmpty();
    }
}

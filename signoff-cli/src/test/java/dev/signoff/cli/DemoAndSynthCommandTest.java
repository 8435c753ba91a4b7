package dev.signoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAndSynthCommandTest {
    @TempDir Path dir;

    @Test
    void demoRendersChecksAndReportsTheBuiltInDefects() throws Exception {
        CliRun run = CliRun.of("demo", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo-mix.wav").contains("CLIPPING").contains("STOP_NOISE");
        assertThat(Files.size(dir.resolve("demo-mix.wav"))).isGreaterThan(1_000_000);
        assertThat(Files.readString(dir.resolve("demo-report.html"))).contains("<svg");
    }

    @Test
    void synthWritesTheRequestedFormatAndRejectsBadArguments() throws Exception {
        Path out = dir.resolve("s.wav");
        CliRun ok = CliRun.of("synth", "--seconds", "20", "--rate", "44100", "--bits", "16", "--defect", "harsh", out.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(Files.size(out)).isBetween(44_100L * 4 * 20, 44_100L * 4 * 30);
        assertThat(CliRun.of("synth", "--bits", "12", dir.resolve("x.wav").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("synth", "--defect", "nonsense", dir.resolve("x.wav").toString()).exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.wav"))).isFalse();
    }
}

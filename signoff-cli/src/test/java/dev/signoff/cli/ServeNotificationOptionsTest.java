package dev.signoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff serve --smtp URL --notify-to ADDRESS`: clear one-line errors, and the mail server printed without its password. */
class ServeNotificationOptionsTest {
    @TempDir Path dir;

    private CliRun serve(String... extra) {
        String[] args = new String[5 + extra.length];
        System.arraycopy(new String[]{"serve", "--data", dir.resolve("data").toString(), "--port", "0"}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.of(args);
    }

    @Test
    void badMailSettingsAreOneClearLineAndExitCodeTwo() {
        CliRun scheme = serve("--smtp", "http://mail.example.com");
        assertThat(scheme.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(scheme.err()).isEqualTo("signoff: --smtp must start with smtp:// or smtps://\n");
        CliRun noHost = serve("--smtp", "smtp://");
        assertThat(noHost.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(noHost.err()).hasLineCount(1).startsWith("signoff: --smtp");
        CliRun address = serve("--smtp", "smtp://mail.example.com", "--notify-to", "engineer at example");
        assertThat(address.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(address.err()).isEqualTo("signoff: --notify-to is not an email address like engineer@example.com\n");
        CliRun alone = serve("--notify-to", "engineer@example.com");
        assertThat(alone.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(alone.err()).isEqualTo("signoff: --notify-to needs --smtp (the mail server to send through)\n");
        CliRun from = serve("--smtp", "smtp://mail.example.com", "--mail-from", "Studio <studio@example.com>");
        assertThat(from.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(from.err()).isEqualTo("signoff: --mail-from is not an email address like engineer@example.com\n");
    }

    @Test
    void serveSaysWhereNotificationsGoWithoutTheSmtpPassword() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Thread t = new Thread(() -> Main.run(new String[]{"serve", "--data", dir.resolve("data").toString(), "--port", "0", "--workers", "0", "--qr", "off",
                "--smtp", "smtps://signoff%40example.com:s3cr%3At@mail.example.com", "--notify-to", "engineer@example.com"},
                new PrintWriter(out, true), new PrintWriter(err, true)));
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!out.toString().contains("Stop with Ctrl-C.") && t.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        t.interrupt();
        t.join(30_000);
        assertThat(out.toString()).as(err.toString())
                .contains("Notifications:     by email through smtps://signoff%40example.com@mail.example.com:465 to engineer@example.com")
                .doesNotContain("s3cr");
    }
}

package dev.signoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff serve --storage s3://... --s3-endpoint URL` (and watch): bad or unreachable storage is one clear line and exit 2, before anything is served. */
class ServeObjectStorageOptionsTest {
    @TempDir Path dir;

    private CliRun serve(String... extra) {
        String[] args = new String[7 + extra.length];
        System.arraycopy(new String[]{"serve", "--data", dir.resolve("data").toString(), "--port", "0", "--qr", "off"}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        return CliRun.of(args);
    }

    @Test
    void badStorageOptionsAreOneClearLine() {
        CliRun scheme = serve("--storage", "https://bucket.example.com/mixes");
        assertThat(scheme.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(scheme.err()).isEqualTo("signoff: --storage must be s3://bucket or s3://bucket/prefix (got 'https://bucket.example.com/mixes')\n");
        CliRun bucket = serve("--storage", "s3://My_Bucket");
        assertThat(bucket.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(bucket.err()).hasLineCount(1).contains("a bucket name is 3-63 lower-case letters");
        CliRun alone = serve("--s3-endpoint", "http://127.0.0.1:9000");
        assertThat(alone.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(alone.err()).isEqualTo("signoff: --s3-endpoint needs --storage s3://bucket (the bucket to keep the audio in)\n");
        CliRun endpoint = serve("--storage", "s3://mixes", "--s3-endpoint", "minio.lan:9000");
        CliRun spaces = serve("--storage", "s3://mixes", "--s3-endpoint", "http://minio lan:9000");
        assertThat(spaces.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(spaces.err()).isEqualTo("signoff: --s3-endpoint must be an http:// or https:// address (got 'http://minio lan:9000')\n");
        assertThat(endpoint.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(endpoint.err()).isEqualTo("signoff: --s3-endpoint must be an http:// or https:// address (got 'minio.lan:9000')\n");
        CliRun tooLarge = serve("--storage", "s3://mixes", "--max-upload-mb", "6000");
        assertThat(tooLarge.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(tooLarge.err()).isEqualTo("signoff: --max-upload-mb can be at most 5120 with --storage (one object holds at most 5 GB)\n");
    }

    @Test
    void anUnreachableStoreIsOneLineAndNothingIsServed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) { closed = s.getLocalPort(); }
        CliRun run = serve("--storage", "s3://mixes/studio", "--s3-endpoint", "http://127.0.0.1:" + closed);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(run.err()).hasLineCount(1).startsWith("signoff: object storage: cannot reach s3://mixes/studio/ at http://127.0.0.1:" + closed + " (");
        assertThat(run.out()).doesNotContain("running");
        CliRun watch = CliRun.of("watch", Files.createDirectories(dir.resolve("bounces")).toString(), "--project", "Song",
                "--data", dir.resolve("data").toString(), "--storage", "s3://mixes", "--s3-endpoint", "http://127.0.0.1:" + closed);
        assertThat(watch.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(watch.err()).hasLineCount(1).startsWith("signoff: object storage: cannot reach s3://mixes/ at");
    }
}

package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `signoff serve` in-process: what it prints, that the printed token sets up the owner, clear start-up errors. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    /** A serve command running on its own thread; interrupting the thread stops it. */
    private static final class Running implements AutoCloseable {
        final StringWriter out = new StringWriter(), err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            thread = new Thread(() -> exit.set(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))), "serve-under-test");
            thread.start();
        }

        String awaitStarted() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!out.toString().contains("Stop with Ctrl-C.")) {
                assertThat(thread.isAlive()).as("serve stopped early: " + err).isTrue();
                assertThat(System.nanoTime()).as("serve did not start in time: " + out).isLessThan(deadline);
                Thread.sleep(50);
            }
            return out.toString();
        }

        @Override public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    @Test
    void servePrintsWhereToOpenItTheOwnerTokenAndTheDataAndStopsCleanly() throws Exception {
        Path data = dir.resolve("data");
        String printed;
        try (Running serve = new Running("serve", "--data", data.toString(), "--port", "0", "--workers", "0")) {
            printed = serve.awaitStarted();
            Matcher local = Pattern.compile("On this computer: +http://localhost:(\\d+)/").matcher(printed);
            assertThat(local.find()).as(printed).isTrue();
            String base = "http://127.0.0.1:" + local.group(1);
            assertThat(printed).contains("Data:              " + data.toAbsolutePath() + " (SQLite database signoff.db");
            if (LanAddresses.find().isEmpty()) assertThat(printed).contains("no LAN address found");
            else assertThat(printed).containsPattern("On your network: +http://(192\\.168|10|172)\\.[0-9.]+:" + local.group(1) + "/");

            Matcher token = Pattern.compile("enter this owner token to choose your password:\\s+([A-Za-z0-9_-]{22})\\s").matcher(printed);
            assertThat(token.find()).as(printed).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            JsonNode session = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(session.get("setup_needed").asBoolean()).isTrue();
            var setup = http.send(HttpRequest.newBuilder(URI.create(base + "/api/setup")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token.group(1) + "\",\"password\":\"long enough pw\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
            serve.close();
            assertThat(serve.thread.isAlive()).isFalse();
            assertThat(serve.exit.get()).isEqualTo(Main.OK);
            assertThat(serve.err.toString()).isEmpty();
        }
        assertThat(data.resolve("signoff.db")).exists();

        assertThat(printed).doesNotContain("For clients:");

        // A second start on the same data: the password is set, so no token is printed; the public address is.
        try (Running again = new Running("serve", "--data", data.toString(), "--port", "0", "--workers", "0", "--public-url", "https://mixes.example.com/")) {
            assertThat(again.awaitStarted()).doesNotContain("owner token")
                    .contains("  For clients:       https://mixes.example.com/ (share links use this address)");
        }
    }

    /** DNS rebinding: a name the server was not told about is refused; --allowed-host adds one (issue 11, failure 9). */
    @Test
    void serveAnswersToTheNamesItIsGivenAndRefusesOthers() throws Exception {
        try (Running serve = new Running("serve", "--data", dir.resolve("data").toString(), "--port", "0", "--workers", "0",
                "--allowed-host", "studio.example", "--allowed-host", "mixes.example.org")) {
            Matcher local = Pattern.compile("On this computer: +http://localhost:(\\d+)/").matcher(serve.awaitStarted());
            assertThat(local.find()).isTrue();
            int port = Integer.parseInt(local.group(1));
            for (String host : List.of("studio.example", "mixes.example.org:" + port, "localhost:" + port, "127.0.0.1:" + port))
                assertThat(statusFor(port, host)).as(host).isEqualTo(200);
            assertThat(statusFor(port, "evil.example:" + port)).isEqualTo(421);
        }
    }

    private static int statusFor(int port, String host) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /api/session HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String head = new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @Test
    void onAnAddressOfThisMachineServePrintsAQrCodeThatDecodesToItsUrl() throws Exception {
        String address = nonLoopbackAddress();
        assumeTrue(address != null, "this machine has no non-loopback IPv4 address");
        try (Running serve = new Running("serve", "--data", dir.resolve("data").toString(), "--host", address, "--port", "0", "--workers", "0", "--qr", "unicode")) {
            String printed = serve.awaitStarted();
            Matcher url = Pattern.compile("On your network: +(http://" + Pattern.quote(address) + ":\\d+/)").matcher(printed);
            assertThat(url.find()).as(printed).isTrue();
            assertThat(printed).doesNotContain("On this computer");
            List<String> qr = printed.lines().filter(l -> l.matches("  [\u2588\u2580\u2584 ]{20,}")).map(l -> l.substring(2)).toList();
            assertThat(decode(qr, TerminalQr.Glyphs.UNICODE)).isEqualTo(url.group(1));
        }
    }

    @Test
    void theQrCodeDecodesInUnicodeAndInAscii() throws Exception {
        String url = "http://192.168.1.23:8080/";
        for (TerminalQr.Glyphs glyphs : TerminalQr.Glyphs.values()) {
            String text = TerminalQr.render(url, glyphs, false);
            assertThat(decode(text.lines().toList(), glyphs)).as(glyphs.name()).isEqualTo(url);
            assertThat(scan(text.lines().toList(), glyphs)).as(glyphs.name()).isEqualTo(url);
            if (glyphs == TerminalQr.Glyphs.ASCII) assertThat(text).matches("[# \\n]+");
        }
        String coloured = TerminalQr.render(url, TerminalQr.Glyphs.UNICODE, true);
        assertThat(coloured.lines()).allSatisfy(l -> assertThat(l).startsWith("\u001b[97;40m").endsWith("\u001b[0m"));
        int modules = TerminalQr.encode(url).getWidth();
        assertThat(TerminalQr.render(url, TerminalQr.Glyphs.UNICODE, false).lines()).hasSize((modules + 1) / 2)
                .allSatisfy(l -> assertThat(l).hasSize(modules));
    }

    @Test
    void aBusyPortOrAnUnusableDataDirectoryIsOneClearLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun run = CliRun.of("serve", "--data", dir.resolve("data").toString(), "--port", Integer.toString(taken.getLocalPort()), "--workers", "0");
            assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
            assertThat(run.err()).isEqualTo("signoff: port " + taken.getLocalPort() + " is already in use (is another signoff serve running?); choose another with --port\n");
        }
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        CliRun notDir = CliRun.of("serve", "--data", file.resolve("data").toString(), "--port", "0");
        assertThat(notDir.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(notDir.err()).isEqualTo("signoff: data directory: cannot write to " + file.resolve("data") + " (" + file + " is a file, not a directory)\n");
        CliRun badDb = CliRun.of("serve", "--data", dir.resolve("data2").toString(), "--db", "jdbc:mysql://x/y", "--port", "0");
        assertThat(badDb.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(badDb.err()).startsWith("signoff: --db must be a jdbc:postgresql:// URL").hasLineCount(1);
        CliRun badPublicUrl = CliRun.of("serve", "--data", dir.resolve("data3").toString(), "--port", "0", "--public-url", "https://mixes.example.com/review");
        assertThat(badPublicUrl.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(badPublicUrl.err()).isEqualTo("signoff: --public-url must be an http:// or https:// address with no path or query, "
                + "such as https://mixes.example.com (got 'https://mixes.example.com/review')\n");
        assertThat(dir.resolve("data3")).as("nothing created").doesNotExist();
    }

    @Test
    void theDatabaseUrlIsPrintedWithoutCredentialsAndLanInterfacesSkipBridgesAndTunnels() {
        assertThat(ServeCommand.withoutCredentials("jdbc:postgresql://db.local:5432/signoff?user=me&password=secret")).isEqualTo("postgresql://db.local:5432/signoff");
        for (String name : List.of("eth0", "wlan0", "en0", "enp3s0", "wlp2s0"))
            assertThat(LanAddresses.isLanInterface(name)).as(name).isTrue();
        for (String name : List.of("docker0", "br-1a2b3c", "veth12ab", "virbr0", "vmnet8", "vboxnet0", "tun0", "utun3", "wg0", "tailscale0", "zt7nnig26"))
            assertThat(LanAddresses.isLanInterface(name)).as(name).isFalse();
        assertThat(LanAddresses.find()).allSatisfy(a -> assertThat(a.isSiteLocalAddress()).isTrue());
    }

    /**
     * Reads the printed modules back (a glyph is a light module), checks the quiet zone and decodes
     * the symbol from its exact modules, so the check does not depend on a camera-style detector.
     */
    private static String decode(List<String> lines, TerminalQr.Glyphs glyphs) throws Exception {
        boolean[][] light = modules(lines, glyphs);
        int size = light[0].length - 2 * TerminalQr.MARGIN;
        BitMatrix symbol = new BitMatrix(size);
        for (int r = 0; r < light.length; r++)
            for (int c = 0; c < light[r].length; c++) {
                int y = r - TerminalQr.MARGIN, x = c - TerminalQr.MARGIN;
                boolean inQuietZone = x < 0 || y < 0 || x >= size || y >= size;
                if (inQuietZone) assertThat(light[r][c]).as("quiet zone at row %d, column %d", r, c).isTrue();
                else if (!light[r][c]) symbol.set(x, y);
            }
        return new Decoder().decode(symbol).getText();
    }

    /** A phone-camera-style read of the printed code, drawn 4 pixels a module. */
    private static String scan(List<String> lines, TerminalQr.Glyphs glyphs) throws Exception {
        boolean[][] light = modules(lines, glyphs);
        int scale = 4, rows = light.length, cols = light[0].length;
        int[] pixels = new int[cols * scale * rows * scale];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++)
                        pixels[(r * scale + dy) * cols * scale + c * scale + dx] = light[r][c] ? 0xFFFFFFFF : 0xFF000000;
        var source = new RGBLuminanceSource(cols * scale, rows * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    private static boolean[][] modules(List<String> lines, TerminalQr.Glyphs glyphs) {
        int cols = glyphs == TerminalQr.Glyphs.ASCII ? lines.get(0).length() / 2 : lines.get(0).length();
        // Half blocks pack two rows a line: an odd-sized code leaves the last line's lower half unused.
        int rows = glyphs == TerminalQr.Glyphs.ASCII ? lines.size() : Math.min(lines.size() * 2, cols);
        boolean[][] light = new boolean[rows][cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                if (glyphs == TerminalQr.Glyphs.ASCII) light[r][c] = lines.get(r).charAt(2 * c) == '#';
                else {
                    char ch = lines.get(r / 2).charAt(c);
                    light[r][c] = ch == '\u2588' || (r % 2 == 0 ? ch == '\u2580' : ch == '\u2584');
                }
            }
        return light;
    }

    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) if (a instanceof Inet4Address) return a.getHostAddress();
        }
        return null;
    }
}

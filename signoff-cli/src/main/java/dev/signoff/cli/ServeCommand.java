package dev.signoff.cli;

import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.notify.MailSettings;
import dev.signoff.server.notify.SmtpServer;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.storage.S3Storage;
import io.javalin.util.JavalinBindException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.Inet4Address;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * `signoff serve`: the review server, on SQLite in the data directory unless --db names PostgreSQL.
 * Prints where to open it (this machine, and the LAN address with a QR code for a phone), the owner
 * token on first start, and where the data lives. It runs until Ctrl-C (or, in-process, until its
 * thread is interrupted).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Start the review server for sharing versions with clients.",
        description = {"Start the review server: share versions with clients, collect time-stamped feedback,",
                "run revision rounds to sign-off. Works with no configuration (SQLite and audio under --data)."})
final class ServeCommand implements Callable<Integer> {

    enum QrMode { AUTO, UNICODE, ASCII, OFF }

    @Spec CommandSpec spec;

    @Mixin ServerStorage storage;

    @Mixin ObjectStorageOptions objectStorage;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}, reachable from your phone on the same network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-upload-mb", defaultValue = "2048", description = "Largest accepted upload in MB (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Option(names = "--workers", defaultValue = "1", description = "Background analysis threads in this instance (default: ${DEFAULT-VALUE}; 0: serve only).")
    int workers;

    @Option(names = "--trust-proxy", description = {"Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry",
            "(rate limits count per client) and the scheme from X-Forwarded-Proto. Never use it without a proxy in front."})
    boolean trustProxy;

    @Option(names = "--allowed-host", paramLabel = "NAME", description = {"A name clients open the server by (e.g. studio.local, or the proxy's public name",
            "when the proxy passes it on as Host); repeatable. IP addresses and localhost always work; other names are refused (DNS rebinding)."})
    List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--public-url", paramLabel = "URL",
            description = {"The address clients open, e.g. https://mixes.example.com (a proxy, a port forward, a domain name):",
                    "share links and their drafted messages use it. Default: the address your browser reached the server at."})
    String publicUrl;
    @Option(names = "--smtp", paramLabel = "URL",
            description = {"Email the engineer about feedback, approvals and first openings through this mail server:",
                    "smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465."})
    String smtp;

    @Option(names = "--notify-to", paramLabel = "ADDRESS", description = "Where notification emails go unless the owner's settings name another address.")
    String notifyTo;

    @Option(names = "--mail-from", paramLabel = "ADDRESS",
            description = "The notifications' sender (default: the SMTP user when it is an address, else signoff@ the mail server's host).")
    String mailFrom;

    @Option(names = "--qr", defaultValue = "auto", paramLabel = "MODE",
            description = "QR code of the LAN address: auto (Unicode on a UTF-8 terminal, else ASCII), unicode, ascii, off (default: ${DEFAULT-VALUE}).")
    QrMode qr;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String publicOrigin = publicUrl == null ? null : ServerConfig.publicOrigin(publicUrl);   // before the data directory is made
        if ((notifyTo != null || mailFrom != null) && smtp == null)
            throw new IllegalArgumentException((notifyTo != null ? "--notify-to" : "--mail-from") + " needs --smtp (the mail server to send through)");
        MailSettings mail = smtp == null ? null : new MailSettings(SmtpServer.parse(smtp), notifyTo, mailFrom);
        S3Storage.Location bucket = objectStorage.bucket();
        if (bucket != null && (maxUploadMb << 20) > S3Storage.MAX_OBJECT_BYTES)
            throw new IllegalArgumentException("--max-upload-mb can be at most 5120 with --storage (one object holds at most 5 GB)");
        var config = ServerConfig.builder(storage.directory()).databaseUrl(storage.db).host(host).port(port)
                .maxUploadBytes(maxUploadMb << 20).analysisWorkers(workers).trustProxy(trustProxy).publicUrl(publicOrigin)
                .allowedHosts(allowedHosts).mail(mail).build();
        SignoffServer server;
        try {
            server = SignoffServer.start(config, Clock.systemUTC(), PreviewEncoder.onPath(), ObjectStorageOptions.open(bucket, config.dataDir()));
        } catch (JavalinBindException e) {
            throw new IllegalStateException("port " + port + " is already in use (is another signoff serve running?); choose another with --port", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "signoff-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printWelcome(out, server, config, bucket);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped from inside the process (an embedding program, a test): do what the hook would have done.
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private void printWelcome(PrintWriter out, SignoffServer server, ServerConfig config, S3Storage.Location bucket) {
        int p = server.port();
        boolean anyAddress = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        out.println("Signoff review server is running.");
        out.println();
        if (anyAddress || host.equals("localhost") || host.startsWith("127.")) out.println("  On this computer:  http://localhost:" + p + "/");
        List<String> lan = anyAddress ? LanAddresses.find().stream().map(Inet4Address::getHostAddress).toList()
                : host.equals("localhost") || host.startsWith("127.") ? List.of() : List.of(host);
        for (String address : lan) out.println("  On your network:   http://" + address + ":" + p + "/");
        if (lan.isEmpty() && anyAddress) out.println("  On your network:   no LAN address found (connect to Wi-Fi or Ethernet to open it from a phone)");
        if (config.publicUrl() != null) out.println("  For clients:       " + config.publicUrl() + "/ (share links use this address)");
        if (!lan.isEmpty() && qr != QrMode.OFF) {
            out.println();
            out.println("  Scan with your phone (on the same Wi-Fi) to open http://" + lan.get(0) + ":" + p + "/");
            out.println();
            TerminalQr.Glyphs glyphs = switch (qr) {
                case UNICODE -> TerminalQr.Glyphs.UNICODE;
                case ASCII -> TerminalQr.Glyphs.ASCII;
                default -> utf8Terminal() ? TerminalQr.Glyphs.UNICODE : TerminalQr.Glyphs.ASCII;
            };
            TerminalQr.render("http://" + lan.get(0) + ":" + p + "/", glyphs, System.console() != null && !"dumb".equals(System.getenv("TERM")))
                    .lines().forEach(line -> out.println("  " + line));
        }
        out.println();
        String files = bucket == null ? "audio/, waveforms/, previews/" : "uploads in progress";
        out.println("  Data:              " + config.dataDir().root() + (config.databaseUrl() == null ? " (SQLite database signoff.db, " + files + ")" : " (" + files + ")"));
        if (bucket != null) out.println("  Audio:             " + bucket + " (originals, previews, waveforms)");
        if (config.databaseUrl() != null) out.println("  Database:          PostgreSQL " + withoutCredentials(config.databaseUrl()));
        if (config.mail() != null) out.println("  Notifications:     by email through " + config.mail().smtp()
                + (config.mail().notifyTo() == null ? " (choose the address in the account menu)" : " to " + config.mail().notifyTo()));
        server.setupToken().ifPresent(t -> {
            out.println();
            out.println("First start: open /setup at the address above and enter this owner token to choose your password:");
            out.println();
            out.println("  " + t);
        });
        out.println();
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    /** The database URL without its user, password or other parameters: fit for a terminal or a log. */
    static String withoutCredentials(String jdbcUrl) {
        String u = jdbcUrl.replaceFirst("^jdbc:", "");
        int query = u.indexOf('?');
        if (query >= 0) u = u.substring(0, query);
        return u.replaceFirst("//[^/@]*@", "//");
    }

    /** Whether the terminal's locale is UTF-8 (so half blocks print); the JVM's own default says nothing about it. */
    static boolean utf8Terminal() {
        for (String name : new String[]{"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(name);
            if (v != null && !v.isEmpty()) return v.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
        }
        return System.getProperty("native.encoding", "").toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
    }
}

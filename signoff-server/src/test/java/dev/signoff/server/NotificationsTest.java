package dev.signoff.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.signoff.server.notify.MailSettings;
import dev.signoff.server.notify.Notices;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.AdjustableClock;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.signoff.server.FeedbackCommentsTest.comment;
import static dev.signoff.server.FeedbackCommentsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email notifications through a real SMTP server (GreenMail, started here): feedback, a band's round,
 * approval and a link's first opening each reach the engineer's inbox; an SMTP server that is down or
 * hangs delays the emails, never the requests.
 */
class NotificationsTest {
    private static final String ENGINEER = "engineer@example.com";
    /** Generous: the first email of a JVM loads Jakarta Mail, and the test machines are shared. */
    private static final long WAIT_MS = 30_000;
    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AdjustableClock clock = new AdjustableClock(Instant.now());

    @AfterEach void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private TestServer server(Database.Kind kind, int smtpPort, String notifyTo) {
        var mail = MailSettings.of("smtp://signoff:secret@127.0.0.1:" + smtpPort, notifyTo);
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).mail(mail).build();
        TestServer server = TestServer.start(config, clock);
        open.add(server);
        return server;
    }

    private GreenMail smtp(int port) {
        GreenMail green = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        green.setUser("signoff", "secret");
        green.start();
        open.add(green::stop);
        return green;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aPersonsBurstOfCommentsArrivesAsOneEmailWithTheProjectVersionPersonCommentsAndALink(Database.Kind kind) throws Exception {
        int port = freePort();
        GreenMail green = smtp(port);
        TestServer server = server(kind, port, ENGINEER);
        HttpSession owner = server.owner();
        assertThat(owner.get("/api/settings/notifications").status()).isEqualTo(200);   // the engineer's address for the server, for links
        var fx = new FeedbackFixture(server);
        String project = fx.project("Midnight Drive", 3);
        fx.version(project, 1, 100);
        String v2 = fx.version(project, 2, 100);
        ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
        HttpSession client = fx.listener(sam);

        String longComment = "The snare is far too loud in the second chorus. " + "It drowns the vocal and the guitars. ".repeat(12);
        var first = client.post(path(sam, "comments"), comment(v2, 42, null, longComment, "Sam"));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(50));
        assertThat(client.post(path(sam, "comments"), comment(v2, 70, 85.0, "Love the outro, keep it", "Sam")).status()).isEqualTo(201);

        // Still within the burst: nothing yet.
        Thread.sleep(2_500);
        assertThat(green.getReceivedMessages()).isEmpty();

        clock.advance(Notices.QUIET.plusSeconds(1));
        assertThat(green.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        Thread.sleep(1_500);
        MimeMessage[] got = green.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(to(got[0])).isEqualTo(ENGINEER);
        assertThat(subject(got[0])).isEqualTo("Sam: 2 comments on v2 of \u201CMidnight Drive\u201D by The Testers");
        String text = body(got[0]);
        assertThat(text).contains("Sam wrote 2 comments on v2 of \u201CMidnight Drive\u201D by The Testers:")
                .contains("  0:42  Sam: The snare is far too loud in the second chorus. It drowns the vocal")
                .contains("  1:10\u20131:25  Sam: Love the outro, keep it")
                .contains("Open the project: " + server.base() + "/projects/" + project);
        assertThat(text).doesNotContain("guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns the vocal and the guitars. It drowns")
                .contains("\u2026");

        // A comment after the email went starts the next one.
        client.post(path(sam, "comments"), comment(v2, 5, null, "Intro is perfect now", "Sam"));
        clock.advance(Notices.QUIET.plusSeconds(1));
        assertThat(green.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(body(green.getReceivedMessages()[1])).contains("Sam wrote a comment on v2").contains("0:05  Sam: Intro is perfect now")
                .doesNotContain("snare");
    }

    @Test
    void aBandsRoundApprovalAndFirstOpeningEachSendOneEmailAndTheSettingsChooseWhich() throws Exception {
        int port = freePort();
        GreenMail green = smtp(port);
        TestServer server = server(Database.Kind.SQLITE, port, null);
        HttpSession owner = server.owner();
        var fx = new FeedbackFixture(server);
        String project = fx.project("Harbour Lights", 2);
        String v1 = fx.version(project, 1, 40);
        ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
        ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);

        // No address yet (no --notify-to, none in the settings): nothing is owed.
        HttpSession jo = fx.listener(band);
        jo.post(path(band, "listening"), Map.of("event", "open"));
        assertThat(fx.count("mail_outbox", project)).isZero();

        var saved = owner.put("/api/settings/notifications", Map.of("email", ENGINEER, "on_first_open", false));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("email").asText()).isEqualTo(ENGINEER);
        assertThat(saved.json().get("smtp").asText()).isEqualTo("smtp://signoff@127.0.0.1:" + port);
        assertThat(saved.text()).doesNotContain("secret");
        assertThat(owner.put("/api/settings/notifications", Map.of("email", "not an address")).status()).isEqualTo(400);

        HttpSession client = fx.listener(sam);
        assertThat(client.post(path(sam, "listening"), Map.of("event", "open")).status()).isEqualTo(204);   // first open, but switched off

        jo.post(path(band, "comments"), comment(v1, 3, null, "Bass too boomy", "Jo"));
        jo.post(path(band, "comments"), comment(v1, 20, null, "Vocal could be louder", "Jo"));
        assertThat(jo.post(path(band, "rounds"), Map.of("name", "Jo")).status()).isEqualTo(201);
        assertThat(green.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage round = green.getReceivedMessages()[0];
        assertThat(subject(round)).isEqualTo("The Band sent 2 notes on v1 of \u201CHarbour Lights\u201D by The Testers");
        assertThat(body(round)).contains("0:03  Jo: Bass too boomy").contains("0:20  Jo: Vocal could be louder");

        owner.put("/api/settings/notifications", Map.of("on_first_open", true));
        ShareLink alex = fx.link(project, "Alex", Audience.PERSON, true);
        HttpSession alexPhone = fx.listener(alex);
        alexPhone.send("POST", path(alex, "listening"), "{\"event\":\"open\"}".getBytes(), "Content-Type", "application/json",
                "User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148");
        assertThat(green.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        MimeMessage opened = green.getReceivedMessages()[1];
        assertThat(subject(opened)).isEqualTo("Alex opened the link to \u201CHarbour Lights\u201D by The Testers");
        assertThat(body(opened)).contains("The link you made for Alex was opened for the first time, on a phone");
        // Opening it again, or from another browser, sends nothing more.
        fx.listener(alex).post(path(alex, "listening"), Map.of("event", "open"));

        assertThat(client.post(path(sam, "approve"), Map.of("version_id", v1, "name", "Sam", "note", "Perfect, ship it")).status()).isEqualTo(201);
        assertThat(green.waitForIncomingEmail(WAIT_MS, 3)).isTrue();
        Thread.sleep(1_500);
        MimeMessage[] all = green.getReceivedMessages();
        assertThat(all).hasSize(3);
        assertThat(subject(all[2])).isEqualTo("Sam approved v1 of \u201CHarbour Lights\u201D by The Testers as the final mix");
        assertThat(body(all[2])).contains("Their note: Perfect, ship it");
        assertThat(to(all[2])).isEqualTo(ENGINEER);
    }

    @Test
    void anSmtpServerThatIsDownAtFirstGetsTheEmailOnALaterRetry() throws Exception {
        int port = freePort();
        TestServer server = server(Database.Kind.SQLITE, port, ENGINEER);
        var fx = new FeedbackFixture(server);
        String project = fx.project("Slow Mail", 3);
        String v1 = fx.version(project, 1, 30);
        ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
        assertThat(fx.listener(sam).post(path(sam, "approve"), Map.of("version_id", v1, "name", "Sam")).status()).isEqualTo(201);

        long deadline = System.currentTimeMillis() + 10_000;
        while (attempts(fx) < 1 && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(attempts(fx)).isEqualTo(1);
        assertThat(lastError(fx)).isNotBlank();

        GreenMail green = smtp(port);
        Thread.sleep(2_000);
        assertThat(green.getReceivedMessages()).isEmpty();   // waiting for the retry, not hammering the server
        clock.advance(Duration.ofSeconds(31));
        assertThat(green.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(subject(green.getReceivedMessages()[0])).isEqualTo("Sam approved v1 of \u201CSlow Mail\u201D by The Testers as the final mix");
        Thread.sleep(500);
        int sent = fx.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL").mapTo(Integer.class).one());
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void aHangingSmtpServerLeavesTheRequestsAsFastAsWithoutNotifications() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(hanging.accept());   // accepts and never says a word
                } catch (IOException e) { /* closed */ }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TestServer server = server(Database.Kind.SQLITE, hanging.getLocalPort(), ENGINEER);
            var fx = new FeedbackFixture(server);
            String project = fx.project("Hang On", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            ShareLink alex = fx.link(project, "Alex", Audience.PERSON, true);
            HttpSession client = fx.listener(sam);
            List<Long> before = timeComments(client, sam, v1, 10);
            HttpSession alexClient = fx.listener(alex);
            assertThat(alexClient.post(path(alex, "listening"), Map.of("event", "open")).status()).isEqualTo(204);   // first open: an email owed now
            long waitUntil = System.currentTimeMillis() + 5_000;
            while (accepted.isEmpty() && System.currentTimeMillis() < waitUntil) Thread.sleep(50);
            assertThat(accepted).isNotEmpty();   // the sender is now stuck talking to the hanging server

            List<Long> during = timeComments(client, sam, v1, 20);
            System.out.println("comment requests while the SMTP server hangs: median " + during.get(during.size() / 2)
                    + " ms, slowest " + during.get(during.size() - 1) + " ms (before it: median " + before.get(before.size() / 2) + " ms)");
            // Waiting on the mail server would take its 10 s connect or 30 s read timeout.
            assertThat(during.get(during.size() - 1)).isLessThan(5_000);
            for (Socket s : accepted) s.close();
        }
    }

    /** Times {@code n} comment requests, sorted, in ms. */
    private static List<Long> timeComments(HttpSession client, ShareLink link, String versionId, int n) {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            var r = client.post(path(link, "comments"), comment(versionId, i, null, "note " + i, "Sam"));
            ms.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).isEqualTo(201);
        }
        ms.sort(null);
        return ms;
    }

    private static int attempts(FeedbackFixture fx) {
        return fx.jdbi().withHandle(h -> h.createQuery("SELECT MAX(attempts) FROM mail_outbox").mapTo(Integer.class).findOne().orElse(0));
    }

    private static String lastError(FeedbackFixture fx) {
        return fx.jdbi().withHandle(h -> h.createQuery("SELECT last_error FROM mail_outbox").mapTo(String.class).one());
    }
}

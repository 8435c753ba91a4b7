package dev.signoff.server.access;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that name another site (issue 11, failure 9): a DNS-rebinding page reaches the server
 * under its own domain name, so a Host the server does not answer to is refused before any session
 * exists; an Origin must match scheme, host and port; the HTML under /assets keeps the pages' CSP.
 */
class HostAndOriginTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aHostTheServerDoesNotAnswerToIsRefusedBeforeAnythingElse(Database.Kind kind) {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).allowedHosts(List.of("Studio.Example")).build();
        try (TestServer server = TestServer.start(config)) {
            int port = server.server().port();
            for (String target : List.of("/", "/login", "/api/session", "/assets/app.css", "/s/AAAAAAAAAAAAAAAAAAAAAA/api/session")) {
                Raw refused = Raw.send(port, "GET", target, "rebind.evil.example:" + port, null);
                assertThat(refused.status()).as(target).isEqualTo(421);
                assertThat(refused.body()).as(target).contains("{\"error\":\"this server does not answer to the name 'rebind.evil.example'; "
                        + "open it by its address, or start it with --allowed-host rebind.evil.example\"}");
                assertThat(refused.head()).as(target).doesNotContainIgnoringCase("Set-Cookie");
            }
            Raw login = Raw.send(port, "POST", "/api/login", "rebind.evil.example:" + port, "{\"password\":\"" + TestServer.OWNER_PASSWORD + "\"}");
            assertThat(login.status()).isEqualTo(421);
            assertThat(Raw.send(port, "GET", "/", "rebind.evil.example", null).status()).as("without a port").isEqualTo(421);

            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "studio.example:" + port,
                    "192.168.1.20:" + port, "[fe80::1]:" + port))
                assertThat(Raw.send(port, "GET", "/api/session", host, null).status()).as(host).isEqualTo(200);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void anOriginMustMatchSchemeHostAndPort(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String self = server.base();
            for (String origin : List.of(self.replace("http://", "https://"), self.replace("http://", "ftp://"), self + "1", "http://127.0.0.1"))
                assertThat(owner.send("POST", "/api/projects", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        "Content-Type", "application/json", "Origin", origin).status()).as(origin).isEqualTo(403);
            var same = owner.send("POST", "/api/projects", "{\"name\":\"Same Site\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Origin", self);
            assertThat(same.status()).as(same.text()).isEqualTo(201);
            // Behind a TLS proxy the browser's origin is https, and the proxy says so.
            var proxied = owner.send("POST", "/api/projects", "{\"name\":\"Via Proxy\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Origin", self.replace("http://", "https://"), "X-Forwarded-Proto", "https");
            assertThat(proxied.status()).as(proxied.text()).isEqualTo(201);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void theHtmlUnderAssetsCarriesThePagesPolicy(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession visitor = server.visitor();
            String pagePolicy = visitor.get("/login").header("Content-Security-Policy");
            assertThat(pagePolicy).contains("script-src 'self'");
            for (String asset : List.of("/assets/listen.html", "/assets/project.html", "/assets/index.html", "/assets/login.html", "/assets/setup.html")) {
                var reply = visitor.get(asset);
                assertThat(reply.status()).as(asset).isEqualTo(200);
                assertThat(reply.header("Content-Security-Policy")).as(asset).isEqualTo(pagePolicy);
            }
            assertThat(visitor.get("/assets/app.css").header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        }
    }

    /** One request written by hand: the JDK's client will not send a Host of our choosing. */
    private record Raw(int status, String head, String body) {
        static Raw send(int port, String method, String target, String host, String json) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5000);
                byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                        + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                s.getInputStream().transferTo(all);
                String text = all.toString(StandardCharsets.UTF_8);
                int split = text.indexOf("\r\n\r\n");
                return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(0, split), text.substring(split + 4));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

package dev.signoff.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.server.SignoffServer.Route;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access attacks of issue 4, tried against every route the server registers (so routes added
 * later are covered too): a share token reaching another project, share sessions on the owner API,
 * requests without the CSRF value or from another site, and paths into the data directory.
 */
class AccessAttacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Owner routes anyone may call: the session probe and the two ways to sign in. */
    private static final Set<String> PUBLIC_OWNER_ROUTES = Set.of("GET /api/session", "POST /api/setup", "POST /api/login");
    /** Path parameter values that try to climb out of whatever directory an id might be joined to. */
    private static final List<String> CRAFTED_IDS = List.of("..%2F..%2Fsignoff.db", "%2E%2E%2F%2E%2E%2Fsignoff.db", "..%5C..%5Csignoff.db",
            "..", "signoff.db", "..%252F..%252Fsignoff.db", "%00");
    private static final String SQLITE_MAGIC = "SQLite format 3";

    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aShareTokenCannotReadOrChangeAnotherProjectThroughAnyShareRoute(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            Jdbi jdbi = server.server().context().db().jdbi();
            Fixtures.Project mine = Fixtures.project(jdbi, "Mine"), theirs = Fixtures.project(jdbi, "Theirs-" + System.nanoTime());
            HttpSession owner = server.owner();
            String myToken = token(owner.post("/api/projects/" + mine.id() + "/links", Map.of("label", "Mallory", "can_download", true)).json());
            String theirToken = personLink(server.server().context(), theirs.id(), "Victim", false).token();
            Listener mallory = Listener.open(server, myToken);
            String before = snapshot(jdbi, theirs.id());

            List<String> tried = new ArrayList<>();
            for (Route route : shareRoutes(server)) {
                List<String> params = params(route.path());
                List<String> values = new ArrayList<>(List.of(theirs.id(), theirs.versionId(), theirs.commentId(), theirs.itemId(),
                        theirs.roundId(), theirs.approvalId(), theirToken));
                if (!params.isEmpty()) values.addAll(CRAFTED_IDS);
                if (params.isEmpty() && route.method().equals("GET") && route.path().endsWith("/events")) continue; // a stream of this link's revision numbers only
                for (String value : params.isEmpty() ? List.of("") : values) {
                    String path = fill(route.path(), myToken, p -> value) + (route.method().equals("GET") ? query(theirs) : "");
                    Probe.Answer a = mallory.send(route.method(), path, body(theirs));
                    tried.add(route.method() + " " + path + " -> " + a.status());
                    assertThat(a.status()).as(route + " with " + value).isBetween(params.isEmpty() ? 200 : 400, 499);
                    assertThat(a.body()).as(route + " with " + value).doesNotContain(theirs.name()).doesNotContain("secret note of " + theirs.name())
                            .doesNotContain(theirToken).doesNotContain(SQLITE_MAGIC);
                }
            }
            assertThat(tried).isNotEmpty();
            assertThat(snapshot(jdbi, theirs.id())).as("the other project is unchanged after:\n" + String.join("\n", tried)).isEqualTo(before);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void theOwnerApiRefusesShareSessionsAndStrangers(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            Jdbi jdbi = server.server().context().db().jdbi();
            Fixtures.Project song = Fixtures.project(jdbi, "Mine");
            HttpSession owner = server.owner();
            JsonNode link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Mallory")).json();
            Listener listener = Listener.open(server, token(link));
            String before = snapshot(jdbi, song.id());
            int swept = 0;
            for (Route route : server.server().routes()) {
                if (!route.path().startsWith("/api/") || PUBLIC_OWNER_ROUTES.contains(route.method() + " " + route.path())) continue;
                String path = fill(route.path(), token(link), p -> realId(route.path(), p, song, link.get("id").asText()));
                Probe.Answer withShareCookie = Probe.send(server.base(), route.method(), path, body(song),
                        "Content-Type", "application/json", "Cookie", Guards.OWNER_COOKIE + "=" + listener.cookie + "; " + Guards.SHARE_COOKIE + "=" + listener.cookie,
                        Guards.CSRF_HEADER, listener.csrf);
                assertThat(withShareCookie.status()).as(route + " with a share session").isEqualTo(401);
                Probe.Answer stranger = Probe.send(server.base(), route.method(), path, body(song), "Content-Type", "application/json");
                assertThat(stranger.status()).as(route + " with no session").isEqualTo(401);
                swept++;
            }
            assertThat(swept).isGreaterThanOrEqualTo(6);
            assertThat(snapshot(jdbi, song.id())).isEqualTo(before);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void writesWithoutTheCsrfValueOrFromAnotherSiteAreRefusedEverywhere(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            Jdbi jdbi = server.server().context().db().jdbi();
            Fixtures.Project song = Fixtures.project(jdbi, "Mine");
            HttpSession owner = server.owner();
            JsonNode link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json();
            String ownerCookie = ownerCookie(server);
            String ownerCsrf = Probe.send(server.base(), "GET", "/api/session", null, "Cookie", Guards.OWNER_COOKIE + "=" + ownerCookie).body()
                    .replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
            Listener listener = Listener.open(server, token(link));
            String before = snapshot(jdbi, song.id());
            int swept = 0;
            for (Route route : server.server().routes()) {
                if (route.method().equals("GET") || route.method().equals("HEAD") || route.method().equals("OPTIONS")) continue;
                boolean share = route.path().startsWith("/s/");
                String path = fill(route.path(), token(link), p -> realId(route.path(), p, song, link.get("id").asText()));
                String cookie = share ? Guards.SHARE_COOKIE + "=" + listener.cookie : Guards.OWNER_COOKIE + "=" + ownerCookie;
                String csrf = share ? listener.csrf : ownerCsrf;
                String key = route.method() + " " + route.path();
                boolean beforeSession = PUBLIC_OWNER_ROUTES.contains(key) || key.equals("POST /s/{token}/api/unlock");
                if (!beforeSession) {
                    assertThat(Probe.send(server.base(), route.method(), path, body(song), "Cookie", cookie).status()).as(key + " without CSRF").isEqualTo(403);
                    assertThat(Probe.send(server.base(), route.method(), path, body(song), "Cookie", cookie, Guards.CSRF_HEADER, csrf + "x").status())
                            .as(key + " with a wrong CSRF value").isEqualTo(403);
                }
                for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1.evil.example", server.base().replace("http://", "https://")))
                    assertThat(Probe.send(server.base(), route.method(), path, body(song), "Cookie", cookie, Guards.CSRF_HEADER, csrf,
                            "Origin", origin, "Content-Type", "application/json").status()).as(key + " from " + origin).isEqualTo(403);
                swept++;
            }
            assertThat(swept).isGreaterThanOrEqualTo(6);
            assertThat(snapshot(jdbi, song.id())).isEqualTo(before);
            assertThat(owner.get("/api/session").json().get("owner").asBoolean()).as("the owner is still signed in").isTrue();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void noPathReachesTheDataDirectoryOrTheServersOwnFiles(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            Path data = server.server().context().dataDir().root();
            Files.writeString(data.resolve("audio").resolve("marker.wav"), "RIFF private audio marker");
            int port = server.server().port();
            List<String> targets = List.of(
                    "/assets/../signoff.db", "/assets/%2e%2e/signoff.db", "/assets/%2E%2E%2Fsignoff.db", "/assets/..%2fsignoff.db",
                    "/assets/..%5csignoff.db", "/assets/%252e%252e/signoff.db", "/assets/....//signoff.db", "/%2e%2e/signoff.db",
                    "/assets/../audio/marker.wav", "/assets/%2e%2e/%2e%2e/data/audio/marker.wav", "/audio/marker.wav", "/signoff.db",
                    "/assets/../db/migration/V1__review_schema.sql", "/assets/%2e%2e/db/migration/V1__review_schema.sql",
                    "/assets/../dev/signoff/server/SignoffServer.class", "/assets/%2e%2e/simplelogger.properties",
                    "/assets/" + data.resolve("signoff.db"), "/assets//" + data.resolve("signoff.db"), "/assets/file:" + data.resolve("signoff.db"),
                    "/s/..%2Fsignoff.db", "/s/%2e%2e/signoff.db", "/projects/..%2F..%2Fsignoff.db");
            for (String target : targets) {
                Probe.Answer a = Probe.rawGet(port, target);
                assertThat(a.status()).as(target).isBetween(200, 499);
                // A 200 can only be a page shell: /s/{anything} and /projects/{anything} are pages whose scripts ask the API.
                if (a.status() == 200) assertThat(a.body()).as(target).startsWith("<!doctype html>");
                assertThat(a.body()).as(target).doesNotContain(SQLITE_MAGIC).doesNotContain("private audio marker")
                        .doesNotContain("CREATE TABLE").doesNotContain("\u00ca\u00fe\u00ba\u00be").doesNotContain("simpleLogger");
            }
            assertThat(Probe.rawGet(port, "/assets/app.css").status()).as("the real assets still load").isEqualTo(200);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void everyResponseCarriesTheSecurityHeadersAndApiAnswersAreNeverStored(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Mine");
            HttpSession owner = server.owner();
            String path = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json().get("path").asText();
            HttpSession visitor = server.visitor();
            for (var reply : List.of(owner.get("/api/session"), owner.get("/api/projects/" + song.id() + "/links"), visitor.get("/api/nothing-here"),
                    visitor.get(path + "/api/session"), visitor.get("/s/AAAAAAAAAAAAAAAAAAAAAA/api/session"), visitor.post("/api/login", Map.of("password", "x")))) {
                assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
                assertThat(reply.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'none'");
                assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(reply.header("Content-Type")).startsWith("application/json");
            }
            var css = visitor.get("/assets/app.css");
            assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(css.header("Content-Type")).startsWith("text/css");
            for (String page : List.of("/", "/login", "/setup", "/projects/" + song.id(), path)) {
                var p = visitor.get(page);
                assertThat(p.header("Content-Security-Policy")).as(page).contains("script-src 'self'").contains("frame-ancestors 'none'");
                assertThat(p.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(p.header("Referrer-Policy")).isEqualTo("no-referrer");
            }
        }
    }

    /** A listener who opened a share link: the session cookie and CSRF value the link's page got. */
    private record Listener(String base, String cookie, String csrf) {
        static Listener open(TestServer server, String token) {
            HttpSession s = server.visitor();
            var reply = s.get("/s/" + token + "/api/session");
            return new Listener(server.base(), Probe.cookie(reply.headers(), Guards.SHARE_COOKIE), reply.json().get("csrf").asText());
        }

        Probe.Answer send(String method, String path, byte[] body) {
            return Probe.send(base, method, path, body, "Cookie", Guards.SHARE_COOKIE + "=" + cookie, Guards.CSRF_HEADER, csrf,
                    "Content-Type", "application/json");
        }
    }

    private static List<Route> shareRoutes(TestServer server) {
        return server.server().routes().stream().filter(r -> r.path().startsWith("/s/{token}/api/")).toList();
    }

    private static List<String> params(String path) {
        List<String> out = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) if (!m.group(1).equals("token")) out.add(m.group(1));
        return out;
    }

    private static String fill(String path, String token, java.util.function.Function<String, String> value) {
        return PARAM.matcher(path).replaceAll(m -> Matcher.quoteReplacement(m.group(1).equals("token") ? token : value.apply(m.group(1))));
    }

    /** A real id of the kind the parameter names, so a route that forgot its guard would succeed. */
    private static String realId(String path, String param, Fixtures.Project p, String linkId) {
        String before = path.substring(0, path.indexOf("{" + param + "}"));
        String context = (param.equals("id") ? before.replaceAll(".*/([^/]+)/$", "$1") : param).toLowerCase();
        if (context.contains("link")) return linkId;
        if (context.contains("version")) return p.versionId();
        if (context.contains("comment")) return p.commentId();
        if (context.contains("item") || context.contains("revision")) return p.itemId();
        if (context.contains("round")) return p.roundId();
        if (context.contains("approval")) return p.approvalId();
        return p.id();
    }

    /** Query parameters naming the other project's things, for routes that read ids from the query. */
    private static String query(Fixtures.Project p) {
        return "?project=" + p.id() + "&project_id=" + p.id() + "&version=" + p.versionId() + "&version_id=" + p.versionId()
                + "&comment_id=" + p.commentId() + "&id=" + p.id() + "&link=" + p.id();
    }

    /** A JSON body that names the other project's things in every field a write might read. */
    private static byte[] body(Fixtures.Project p) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project_id", p.id());
        body.put("version_id", p.versionId());
        body.put("comment_id", p.commentId());
        body.put("parent_id", p.commentId());
        body.put("item_id", p.itemId());
        body.put("round_id", p.roundId());
        body.put("item_ids", List.of(p.itemId()));
        body.put("text", "pwned");
        body.put("body", "pwned");
        body.put("name", "Mallory");
        body.put("author", "Mallory");
        body.put("start_s", 1.0);
        body.put("status", "done");
        body.put("password", "not the password");
        body.put("label", "Mallory");
        return JSON.writeValueAsBytes(body);
    }

    /** Every row that belongs to the project, as text: equal snapshots mean nothing changed. */
    private static String snapshot(Jdbi jdbi, String projectId) {
        StringBuilder out = new StringBuilder();
        jdbi.useHandle(h -> {
            out.append(h.createQuery("SELECT * FROM projects WHERE id = :p").bind("p", projectId).mapToMap().list());
            for (String table : List.of("versions", "uploads", "share_links", "rounds", "comments", "revision_items", "approvals"))
                out.append(table).append(h.createQuery("SELECT * FROM " + table + " WHERE project_id = :p ORDER BY id").bind("p", projectId).mapToMap().list());
        });
        return out.toString();
    }

    private static String token(JsonNode link) { return link.get("path").asText().substring(3); }

    /** A second owner session's cookie (an HttpSession keeps its cookies to itself). */
    private static String ownerCookie(TestServer server) {
        var reply = server.visitor().post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        return Probe.cookie(reply.headers(), Guards.OWNER_COOKIE);
    }
}

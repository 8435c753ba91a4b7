package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.signoff.server.FeedbackCommentsTest.comment;
import static dev.signoff.server.FeedbackCommentsTest.error;
import static dev.signoff.server.FeedbackCommentsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

/** Sign-off: approval makes one version final and locked; the engineer can reopen; every change reaches live pages. */
class FeedbackApprovalTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void approvalLocksTheVersionAsFinalAndClosesFeedbackUntilReopened(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Sign Here", 3);
            String v1 = fx.version(project, 1, 20), v2 = fx.version(project, 2, 20);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession client = fx.listener(sam), member = fx.listener(band);
            member.post(path(band, "comments"), comment(v2, 3, null, "still collating", "Jo"));

            assertThat(error(client.post(path(sam, "approve"), Map.of("version_id", v2)))).isEqualTo("400 'name' is required");
            var approved = client.post(path(sam, "approve"), Map.of("version_id", v2, "name", "Sam", "note", "That's the one!"));
            assertThat(approved.status()).isEqualTo(201);
            assertThat(approved.json().get("version_number").asInt()).isEqualTo(2);
            assertThat(approved.json().get("name").asText()).isEqualTo("Sam");
            assertThat(approved.json().get("reopened_at").isNull()).isTrue();
            assertThat(finalVersion(fx, project)).isEqualTo(v2);
            assertThat(locked(fx, v2)).isTrue();
            assertThat(locked(fx, v1)).isFalse();

            assertThat(error(client.post(path(sam, "approve"), Map.of("version_id", v1, "name", "Sam"))))
                    .isEqualTo("409 v2 is already approved as the final mix (by Sam); if something should still change, ask the engineer to reopen the project");
            assertThat(member.post(path(band, "approve"), Map.of("version_id", v2, "name", "Jo")).status()).isEqualTo(409);
            assertThat(error(client.post(path(sam, "comments"), comment(v2, 1, null, "one more thing", "Sam"))))
                    .isEqualTo("409 v2 is approved as the final mix, so feedback is closed; ask the engineer to reopen the project if something should still change");
            assertThat(member.post(path(band, "rounds"), Map.of("name", "Jo")).status()).isEqualTo(409);
            assertThat(fx.count("approvals", project)).isEqualTo(1);

            JsonNode samSees = client.get(path(sam, "comments")).json().get("final_version");
            assertThat(samSees.get("version_id").asText()).isEqualTo(v2);
            assertThat(samSees.get("approved_by").asText()).isEqualTo("Sam");
            JsonNode bandSees = member.get(path(band, "comments")).json().get("final_version");
            assertThat(bandSees.get("version_number").asInt()).isEqualTo(2);
            assertThat(bandSees.get("approved_by").isNull()).isTrue();

            HttpSession owner = server.owner();
            assertThat(server.visitor().post("/api/projects/" + project + "/reopen", "").status()).isEqualTo(401);
            String csrf = owner.csrf();
            owner.csrf(null);
            assertThat(owner.post("/api/projects/" + project + "/reopen", "").status()).isEqualTo(403);
            owner.csrf(csrf);
            var reopened = owner.post("/api/projects/" + project + "/reopen", "");
            assertThat(reopened.status()).isEqualTo(200);
            assertThat(reopened.json().get("reopened_at").isNumber()).isTrue();
            assertThat(finalVersion(fx, project)).isNull();
            assertThat(locked(fx, v2)).isFalse();
            assertThat(error(owner.post("/api/projects/" + project + "/reopen", ""))).isEqualTo("409 no version is approved, so there is nothing to reopen");

            // Feedback flows again, and a new approval stands beside the reopened one in the history.
            assertThat(member.post(path(band, "rounds"), Map.of("name", "Jo")).status()).isEqualTo(201);
            assertThat(client.post(path(sam, "comments"), comment(v1, 2, null, "actually v1's intro", "Sam")).status()).isEqualTo(201);
            assertThat(member.post(path(band, "approve"), Map.of("version_id", v1, "name", "Jo")).status()).isEqualTo(201);
            assertThat(finalVersion(fx, project)).isEqualTo(v1);
            assertThat(locked(fx, v1)).isTrue();
            JsonNode history = owner.get("/api/projects/" + project + "/approvals").json();
            assertThat(history.get("final_version_id").asText()).isEqualTo(v1);
            assertThat(history.get("approvals")).hasSize(2);
            JsonNode latest = history.get("approvals").get(0), earlier = history.get("approvals").get(1);
            assertThat(latest.get("name").asText()).isEqualTo("Jo");
            assertThat(latest.get("link_label").asText()).isEqualTo("The Band");
            assertThat(latest.get("reopened_at").isNull()).isTrue();
            assertThat(earlier.get("name").asText()).isEqualTo("Sam");
            assertThat(earlier.get("note").asText()).isEqualTo("That's the one!");
            assertThat(earlier.get("reopened_at").isNumber()).isTrue();
            assertThat(owner.get("/api/projects/" + project + "/revisions").json().get("final_version_id").asText()).isEqualTo(v1);
        }
    }

    /** A version uploaded after sign-off says what it means, in the upload's answer and on the project page (issue 11, failure 9). */
    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aVersionUploadedAfterApprovalSaysTheApprovalStandsAndHowANewRoundBegins(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Approved Already", 3);
            String v1 = fx.version(project, 1, 20);
            HttpSession owner = server.owner();
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            assertThat(owner.get("/api/projects/" + project).json().get("approval_notice").isNull()).isTrue();
            assertThat(fx.listener(sam).post(path(sam, "approve"), Map.of("version_id", v1, "name", "Sam")).status()).isEqualTo(201);

            var upload = LibrarySteps.upload(owner, project, Bounces.wav(dir.resolve("v2.wav"), 5, 2), "v2.wav");
            assertThat(upload.status()).as(upload.text()).isEqualTo(201);
            String notice = "v1 stays approved as the final mix; v2 is not part of that approval. "
                    + "To collect feedback on v2 as a new round, reopen the project (the approval stays in its history)";
            assertThat(upload.json().get("number").asInt()).isEqualTo(2);
            assertThat(upload.json().get("approval_notice").asText()).isEqualTo(notice);
            assertThat(owner.get("/api/projects/" + project).json().get("approval_notice").asText()).isEqualTo(notice);
            assertThat(finalVersion(fx, project)).isEqualTo(v1);
            assertThat(locked(fx, v1)).isTrue();

            // The resumable upload's last chunk answers the same.
            byte[] v3 = java.nio.file.Files.readAllBytes(Bounces.wav(dir.resolve("v3.wav"), 5, 3));
            var started = owner.post("/api/projects/" + project + "/uploads", Map.of("file_name", "v3.wav", "size_bytes", v3.length));
            var done = owner.send("PUT", "/api/uploads/" + started.json().get("id").asText(), v3,
                    "Content-Range", "bytes 0-" + (v3.length - 1) + "/" + v3.length, "Content-Type", "application/octet-stream");
            assertThat(done.json().get("version").get("approval_notice").asText()).startsWith("v1 stays approved as the final mix; v3 is not part of that approval.");

            owner.post("/api/projects/" + project + "/reopen", "");
            assertThat(owner.get("/api/projects/" + project).json().get("approval_notice").isNull()).isTrue();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void approvalsRacingOnOneProjectLetExactlyOneWin(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Photo Finish", 3);
            List<String> versions = List.of(fx.version(project, 1, 5), fx.version(project, 2, 5), fx.version(project, 3, 5));
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            int clients = 12;
            List<HttpSession> members = new ArrayList<>();
            for (int i = 0; i < clients; i++) members.add(fx.listener(band));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Integer>> replies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    HttpSession member = members.get(i);
                    String version = versions.get(i % versions.size());
                    String name = "Member " + i;
                    replies.add(pool.submit(() -> {
                        start.await();
                        return member.post(path(band, "approve"), Map.of("version_id", version, "name", name)).status();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : replies) statuses.add(f.get());
                assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(clients - 1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(fx.count("approvals", project)).isEqualTo(1);
            String approved = fx.jdbi().withHandle(h -> h.createQuery("SELECT version_id FROM approvals WHERE project_id = :p").bind("p", project).mapTo(String.class).one());
            assertThat(finalVersion(fx, project)).isEqualTo(approved);
            assertThat(versions).filteredOn(v -> locked(fx, v)).containsExactly(approved);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void everyFeedbackChangeBumpsTheProjectRevisionAndARefusedOneDoesNot(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Live", 3);
            String v1 = fx.version(project, 1, 20);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession member = fx.listener(band), person = fx.listener(sam), owner = server.owner();
            RevisionWatch watch = new RevisionWatch(fx, project);

            String note = member.post(path(band, "comments"), comment(v1, 1, null, "a", "Jo")).json().get("id").asText();
            watch.grew("band note");
            member.post(path(band, "comments"), comment(v1, 2, null, "b", "Jo"));
            member.delete(path(band, "comments/" + note));
            watch.grew("note removed");
            member.post(path(band, "rounds"), Map.of("name", "Jo"));
            watch.grew("round sent");
            person.post(path(sam, "comments"), comment(v1, 3, null, "c", "Sam"));
            watch.grew("person comment");
            String item = owner.get("/api/projects/" + project + "/revisions").json().get("rounds").get(0).get("items").get(0).get("id").asText();
            owner.put("/api/revisions/" + item, Map.of("status", "done", "reply", "ok"));
            watch.grew("item answered");
            person.post(path(sam, "approve"), Map.of("version_id", v1, "name", "Sam"));
            watch.grew("approved");
            person.post(path(sam, "comments"), comment(v1, 3, null, "refused", "Sam"));
            person.post(path(sam, "comments"), comment(v1, 99, null, "refused", "Sam"));
            watch.same("refused changes");
            owner.post("/api/projects/" + project + "/reopen", "");
            watch.grew("reopened");
        }
    }

    /** The project's revision number between steps. */
    private static final class RevisionWatch {
        private final FeedbackFixture fx;
        private final String project;
        private long last;

        RevisionWatch(FeedbackFixture fx, String project) {
            this.fx = fx;
            this.project = project;
            this.last = fx.revision(project);
        }

        void grew(String step) {
            long now = fx.revision(project);
            assertThat(now).as(step).isGreaterThan(last);
            last = now;
        }

        void same(String step) {
            assertThat(fx.revision(project)).as(step).isEqualTo(last);
        }
    }

    private static String finalVersion(FeedbackFixture fx, String project) {
        return fx.jdbi().withHandle(h -> h.createQuery("SELECT final_version_id FROM projects WHERE id = :p").bind("p", project).mapTo(String.class).one());
    }

    private static boolean locked(FeedbackFixture fx, String version) {
        return fx.jdbi().withHandle(h -> h.createQuery("SELECT locked FROM versions WHERE id = :v").bind("v", version).mapTo(Integer.class).one()) == 1;
    }
}

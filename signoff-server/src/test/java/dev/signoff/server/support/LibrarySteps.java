package dev.signoff.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.ServerContext;
import dev.signoff.server.store.ShareLinkStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Owner-side steps the library tests share: make a project, upload a file, wait for its analysis or its comparison. */
public final class LibrarySteps {
    private LibrarySteps() {}

    public static String project(HttpSession owner, String name) {
        var r = owner.post("/api/projects", Map.of("name", name, "artist", "The Band", "rounds_agreed", 2));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    public static HttpSession.Reply upload(HttpSession owner, String projectId, Path file, String name) throws Exception {
        return owner.send("PUT", "/api/projects/" + projectId + "/versions?name=" + java.net.URLEncoder.encode(name, "UTF-8"),
                Files.readAllBytes(file), "Content-Type", "application/octet-stream");
    }

    /** A person's link that may comment (and download if asked), made straight in the store, as another part of the server or another instance would. */
    public static ShareLinkStore.ShareLink personLink(ServerContext ctx, String projectId, String label, boolean download) {
        return ctx.links().create(projectId, new ShareLinkStore.NewLink(label, ShareLinkStore.Audience.PERSON, true, download, null, null, ""));
    }

    /** Uploads a file that must be accepted; the new version's id. */
    public static String uploaded(HttpSession owner, String projectId, Path file, String name) throws Exception {
        var r = upload(owner, projectId, file, name);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The version's comparison with the one before it, once a job has stored it. */
    public static JsonNode changes(HttpSession owner, String versionId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var r = owner.get("/api/versions/" + versionId + "/changes");
            if (r.status() == 200) return r.json();
            assertThat(r.status()).as(r.text()).isEqualTo(404);
            if (System.nanoTime() > until) throw new AssertionError("no comparison stored: " + r.text());
            Thread.sleep(200);
        }
    }

    /** The project's first version once {@code done} holds for it. */
    public static JsonNode awaitFirstVersion(HttpSession owner, String projectId, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode v = owner.get("/api/projects/" + projectId).json().get("versions").get(0);
            if (done.test(v)) return v;
            if (System.nanoTime() > until) throw new AssertionError("timed out: " + v);
            Thread.sleep(100);
        }
    }

    /**
     * The project once every version's analysis has finished (ready or failed) and its listening
     * preview, which follows 'ready' in a job of its own, is made or known missing.
     */
    public static JsonNode settled(HttpSession owner, String projectId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode p = owner.get("/api/projects/" + projectId).json();
            boolean busy = false;
            for (JsonNode v : p.get("versions")) {
                busy |= !v.get("status").asText().matches("ready|failed");
                busy |= v.get("preview").isNull() && v.get("preview_error").isNull();
            }
            if (!busy) return p;
            if (System.nanoTime() > until) throw new AssertionError("analysis did not finish: " + p);
            Thread.sleep(200);
        }
    }
}

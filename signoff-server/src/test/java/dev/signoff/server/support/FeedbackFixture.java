package dev.signoff.server.support;

import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.wav.WavWriter;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Projects, versions and share links for the feedback tests, made straight in the database (the
 * library's upload path has its own tests). Each version is a real WAV in the data directory.
 */
public final class FeedbackFixture {
    private static final int SAMPLE_RATE = 8000;
    private final TestServer server;

    public FeedbackFixture(TestServer server) { this.server = server; }

    public Jdbi jdbi() { return server.server().context().db().jdbi(); }

    public String project(String name, int roundsAgreed) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO projects (id, name, artist, rounds_agreed, created_at, updated_at) VALUES (:id, :name, 'The Testers', :rounds, :now, :now)")
                .bind("id", id).bind("name", name).bind("rounds", roundsAgreed).bind("now", now).execute());
        return id;
    }

    /** Version {@code number} of the project: {@code seconds} of a quiet tone, ready for listening. */
    public String version(String projectId, int number, double seconds) {
        String id = Ids.newId();
        DataDirectory data = server.server().context().dataDir();
        Path file = data.audio().resolve(projectId).resolve(id + ".wav");
        float[] tone = Signals.sine(220 * number, 0.3, seconds, SAMPLE_RATE);
        try {
            Files.createDirectories(file.getParent());
            try (WavWriter w = WavWriter.open(file, SAMPLE_RATE, 1, 16)) {
                w.write(new float[][]{tone}, tone.length);
            }
            byte[] bytes = Files.readAllBytes(file);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO versions (id, project_id, number, label, file_name, audio_path, format, size_bytes, sha256,
                                                  sample_rate, channels, duration_s, status, created_at)
                            VALUES (:id, :p, :n, '', :name, :path, 'wav', :size, :sha, :rate, 1, :duration, 'ready', :now)""")
                    .bind("id", id).bind("p", projectId).bind("n", number).bind("name", "mix v" + number + ".wav")
                    .bind("path", data.relativize(file)).bind("size", (long) bytes.length).bind("sha", sha)
                    .bind("rate", SAMPLE_RATE).bind("duration", tone.length / (double) SAMPLE_RATE)
                    .bind("now", System.currentTimeMillis()).execute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** A share link without password or expiry (the access area's tests cover those). */
    public ShareLink link(String projectId, String label, Audience audience, boolean canComment) {
        String id = Ids.newId();
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO share_links (id, project_id, token, label, audience, can_comment, can_download, created_at)
                        VALUES (:id, :p, :token, :label, :audience, :comment, 0, :now)""")
                .bind("id", id).bind("p", projectId).bind("token", Ids.token()).bind("label", label)
                .bind("audience", audience.name().toLowerCase()).bind("comment", canComment ? 1 : 0)
                .bind("now", System.currentTimeMillis()).execute());
        return server.server().context().links().find(id).orElseThrow();
    }

    /** A listener with the link open in their browser: its share session cookie and CSRF value. */
    public HttpSession listener(ShareLink link) {
        var issued = server.server().context().sessions().open("share", link.id(), Guards.SHARE_SESSION);
        HttpSession s = server.visitor();
        s.cookie(Guards.SHARE_COOKIE, issued.cookie());
        s.csrf(issued.csrf());
        return s;
    }

    /** The project's live-update revision number. */
    public long revision(String projectId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT revision FROM projects WHERE id = :p").bind("p", projectId).mapTo(Long.class).one());
    }

    public int count(String table, String projectId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE project_id = :p").bind("p", projectId).mapTo(Integer.class).one());
    }
}

package dev.signoff.server.access;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TwoInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database: a link revoked or a version removed on one stops
 * working on the other at once, although the other has just remembered them (its caches keep a
 * lookup for a second). The measure is the time from the owner's answer to the first refusal.
 */
class InstantRevocationTest {
    /** Far under the caches' second, far over a notification's few milliseconds. */
    static final long AT_ONCE_MS = 300;

    @TempDir Path dir;

    @Test
    void aRevokedLinkAndARemovedVersionStopWorkingOnTheOtherInstanceAtOnce() throws Exception {
        try (TwoInstances both = new TwoInstances(Database.Kind.POSTGRESQL, dir, 1, 0)) {
            HttpSession owner = both.ownerOnA();
            String song = project(owner, "Song");
            String v1 = uploaded(owner, song, Bounces.wav(dir.resolve("v1.wav"), 21, 1), "v1.wav");
            String v2 = uploaded(owner, song, Bounces.wav(dir.resolve("v2.wav"), 21, 2), "v2.wav");
            settled(owner, song);
            var link = personLink(both.a.context(), song, "Sam", false);
            HttpSession onB = new HttpSession(TwoInstances.base(both.b));
            String api = "/s/" + link.token() + "/api/versions/";

            // A version removed on A.
            assertThat(onB.get(api + v2 + "/audio", "Range", "bytes=0-99").status()).isEqualTo(206);
            assertThat(owner.send("DELETE", "/api/versions/" + v2, null).status()).isEqualTo(204);
            assertThat(untilRefused(onB, api + v2 + "/audio")).as("ms until B stops streaming the removed version").isLessThan(AT_ONCE_MS);
            assertThat(onB.get(api + v1 + "/audio", "Range", "bytes=0-99").status()).as("the other version plays on").isEqualTo(206);

            // The link revoked on A.
            assertThat(onB.get(api + v1 + "/audio", "Range", "bytes=0-99").status()).isEqualTo(206);
            assertThat(owner.post("/api/projects/" + song + "/links/" + link.id() + "/revoke", Map.of()).status()).isEqualTo(200);
            assertThat(untilRefused(onB, api + v1 + "/audio")).as("ms until B refuses the revoked link").isLessThan(AT_ONCE_MS);
        }
    }

    /** Milliseconds until a range request is refused (gives up after two seconds). */
    private static long untilRefused(HttpSession listener, String path) {
        long t0 = System.nanoTime();
        while (listener.get(path, "Range", "bytes=0-99").status() == 206) {
            if (System.nanoTime() - t0 > 2_000_000_000L) break;
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}

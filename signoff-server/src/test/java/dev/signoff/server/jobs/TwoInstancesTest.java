package dev.signoff.server.jobs;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TwoInstances;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Two server instances on one database and data directory share the analysis work without doing any twice. */
class TwoInstancesTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void everyJobRunsOnceAcrossInstances(Database.Kind kind) throws Exception {
        try (TwoInstances both = new TwoInstances(kind, dir, 2, 2)) {
            HttpSession owner = both.ownerOnA();
            String id = project(owner, "Song");
            for (int i = 1; i <= 4; i++) assertThat(upload(owner, id, Bounces.wav(dir.resolve(i + ".wav"), 21, i), i + ".wav").status()).isEqualTo(201);
            var p = settled(owner, id);
            for (var v : p.get("versions")) assertThat(v.get("status").asText()).isEqualTo("ready");
            List<String> jobs = both.a.context().db().jdbi().withHandle(h -> h.createQuery("SELECT state || ':' || attempts FROM jobs").mapTo(String.class).list());
            assertThat(jobs).as("an analysis and a preview per version").hasSize(8).containsOnly("done:1");
        }
    }
}

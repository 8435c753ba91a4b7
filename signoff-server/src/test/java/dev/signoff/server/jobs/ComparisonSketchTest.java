package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.analysis.diff.BounceSketch;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.report.DiffJsonReport;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each version's analysis keeps the sketch its comparison with the next version lines it up by
 * (issue 12), so that comparison decodes it only for the side-by-side reading: the kept sketch is the
 * one decoding the file gives, and the comparison made with it is the one `signoff diff` makes from
 * the two files. On SQLite and PostgreSQL.
 */
class ComparisonSketchTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void theNextComparisonLinesUpWithTheSketchTheAnalysisKept(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Kept Sketch");
            Path first = Bounces.wav(dir.resolve("v1.wav"), 20, 7), second = Bounces.wav(dir.resolve("v2.wav"), 20, 7, SongSynth.Defect.HARSH);
            String v1 = LibrarySteps.uploaded(owner, project, first, "v1.wav");
            LibrarySteps.settled(owner, project);

            ChangeStore store = new ChangeStore(server.server().context().db().jdbi(), Clock.systemUTC());
            ChangeStore.Sketch kept = store.sketch(v1).orElseThrow(() -> new AssertionError("v1's analysis kept no sketch"));
            BounceSketch decoded = BounceSketch.of(first);
            assertThat(kept.frames()).isEqualTo(decoded.frames());
            assertThat(kept.hopFrames()).isEqualTo(decoded.hopFrames());
            assertThat(kept.flux()).containsExactly(decoded.flux());
            assertThat(kept.levelDb()).containsExactly(decoded.levelDb());

            String v2 = LibrarySteps.uploaded(owner, project, second, "v2.wav");
            JsonNode stored = LibrarySteps.changes(owner, v2).get("diff");
            DiffResult d = VersionDiff.run(first, second);
            JsonNode fresh = DiffJsonReport.toJson(d, ScopeCheck.check(d, List.of()));
            // As text: the stored JSON, read back, holds its numbers in other node types.
            assertThat(stored.get("changes")).isNotEmpty();
            assertThat(stored.get("changes")).hasToString(fresh.get("changes").toString());
            assertThat(stored.get("alignment")).hasToString(fresh.get("alignment").toString());
            assertThat(store.sketch(v2)).isPresent();
        }
    }
}

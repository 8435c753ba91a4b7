package dev.signoff.cli;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.Library;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ProjectStore.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `signoff history --project NAME`: the meter over a review-server project, read from the
 * comparisons the server's analysis jobs stored, says what `signoff history DIR` says about the
 * same bounces.
 */
class HistoryProjectCommandTest {
    @TempDir static Path dir;
    static Path data;

    @BeforeAll
    static void serverProject() throws Exception {
        HistoryAndWordsCommandTest.dir = dir;
        HistoryAndWordsCommandTest.versions();
        data = dir.resolve("data");
        DataDirectory dd = new DataDirectory(data);
        try (Database db = Database.sqlite(dd.sqliteFile())) {
            Library library = Library.create(dd, db.jdbi(), Clock.systemUTC(), 1, Library.JOB_LEASE);
            library.workers().start();
            try {
                Project p = library.projects().findOrCreate("Night Drive");
                for (String name : List.of("song v1.wav", "song v2.wav", "song v3.wav", "song v10.wav"))
                    library.importer().importCopy(p.id(), HistoryAndWordsCommandTest.versions.resolve(name), "");
                long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (true) {
                    List<ChangeStore.Stored> steps = library.changes().steps(p.id());
                    if (steps.size() == 4 && steps.stream().skip(1).allMatch(ChangeStore.Stored::done)) break;
                    if (System.nanoTime() > until) throw new AssertionError("the server did not compare the versions: " + steps);
                    Thread.sleep(200);
                }
            } finally {
                library.workers().close();
            }
        }
    }

    @Test
    void printsTheSameChartAndVerdictAsForTheFolder() {
        CliRun run = CliRun.of("history", "--project", "Night Drive", "--data", data.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).startsWith("'Night Drive' (4 analysed versions on the review server)");
        assertThat(lines[1]).startsWith("  v1  song v1.wav").endsWith("-");
        assertThat(lines[2]).startsWith("  v2  song v2.wav").contains("########|###").contains("dB at");
        assertThat(lines[5]).contains("^ 1 JND");
        assertThat(run.out()).contains("latest (v4  song v10.wav): 0 problems")
                .contains("the mix is being polished, not improved - time to sign it off.");

        CliRun folder = CliRun.of("history", HistoryAndWordsCommandTest.versions.toString());
        String verdict = folder.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(run.out().strip()).endsWith(verdict.strip());
        // The same steps: each version's bar and size.
        String[] theirs = folder.out().split("\\R");
        for (int i = 2; i <= 4; i++)
            assertThat(lines[i].substring(lines[i].indexOf('.') - 2)).isEqualTo(theirs[i].substring(theirs[i].indexOf('.') - 2));
    }

    @Test
    void anUnknownProjectIsAUsageError() {
        CliRun run = CliRun.of("history", "--project", "Nope", "--data", data.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no project named 'Nope'");
        assertThat(CliRun.of("history", "--project", "Night Drive", "--data", data.toString(), "--format", "json").exitCode()).isEqualTo(2);
    }
}

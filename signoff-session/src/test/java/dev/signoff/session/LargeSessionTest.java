package dev.signoff.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A 500-track session, each track with its own media file, two takes and two plugins: read and audited whole, quickly. */
class LargeSessionTest {

    @TempDir Path dir;

    @Test
    void fiveHundredTracksAreReadAndAuditedInWellUnderASecond() throws Exception {
        Path song = dir.resolve("Big");
        Path take = wav(song.resolve("Media/take.wav"), 48000, 0.05);
        StringBuilder tracks = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            Path a = song.resolve("Media/t" + i + "-a.wav"), b = song.resolve("Media/t" + i + "-b.wav");
            Files.copy(take, a);
            Files.copy(take, b);
            tracks.append(track(i % 50 == 0 ? "Audio " + i : "Track name " + i + " – «Gesang»",
                    "    MUTESOLO 0 0 0\n" + fxChain(plugin("VST", "VST3: Pro-Q 3 (FabFilter)", false, false) + plugin("VST", "VST3: Pro-C 2 (FabFilter)", i % 100 == 0, false))
                            + item(i, 4, false, 0, "Media/t" + i + "-a.wav", "Media/t" + i + "-b.wav")));
        }
        Files.delete(take);
        Path file = write(song.resolve("Big.rpp"), rpp("  MARKER 1 0 Intro 0\n", "", tracks.toString()));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
        Session s = SessionReader.read(file);
        List<SessionFinding> f = SessionAudit.audit(s, null);
        double seconds = (System.nanoTime() - t0) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        assertThat(s.tracks()).hasSize(501);
        assertThat(s.usedMedia()).hasSize(1000).allSatisfy(m -> assertThat(m.sampleRate()).isEqualTo(48000));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.UNNAMED_TRACK).hasSize(10);
        assertThat(f).filteredOn(x -> x.code() == SessionCode.BYPASSED_PLUGIN).hasSize(5);
        assertThat(f).filteredOn(x -> x.code() == SessionCode.ALTERNATE_TAKES).hasSize(500);
        // CPU time, as a shared CI machine stretches the wall time; bench/session.py times the whole command
        assertThat(cpu).as("CPU time to read and audit 500 tracks, cold").isLessThan(1.0);
        System.out.printf("500 tracks, 1000 media files: read and audited in %.3f s (%.3f s of CPU)%n", seconds, cpu);
    }
}

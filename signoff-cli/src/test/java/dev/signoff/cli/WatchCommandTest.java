package dev.signoff.cli;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff watch` on a real folder, with a bounce written in pieces the way a DAW writes it. */
class WatchCommandTest {
    @TempDir Path dir;

    @Test
    void aBounceWrittenInPiecesBecomesOneVersionOnceItStopsGrowing() throws Exception {
        Path bounces = Files.createDirectories(dir.resolve("bounces"));
        Path data = dir.resolve("data");
        SongFiles.write(SongSynth.render(44_100, 21, 1), dir.resolve("old.wav"), 16);
        Files.copy(dir.resolve("old.wav"), bounces.resolve("old take.wav"));   // there before: left alone
        SongFiles.write(SongSynth.render(44_100, 21, 2), dir.resolve("mix.wav"), 16);
        byte[] mix = Files.readAllBytes(dir.resolve("mix.wav"));

        StringWriter out = new StringWriter(), err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watch = watch(bounces, data, "1", out, err, exit);
        waitFor(out, "Watching ");
        assertThat(out.toString()).contains("for new bounces of 'Night Drive' (1 files already there are left alone)");

        // Five pieces, 400 ms apart: the file keeps growing for 2 s, longer than --settle.
        try (OutputStream o = Files.newOutputStream(bounces.resolve("mix.wav"))) {
            int piece = mix.length / 5 + 1;
            for (int at = 0; at < mix.length; at += piece) {
                o.write(Arrays.copyOfRange(mix, at, Math.min(mix.length, at + piece)));
                o.flush();
                Thread.sleep(400);
            }
        }
        waitFor(out, "mix.wav -> v1 of 'Night Drive' (the server analyses it now)");
        Files.copy(bounces.resolve("mix.wav"), bounces.resolve("mix copy.wav"));
        Files.writeString(bounces.resolve("notes.txt"), "vocal up a dB in the chorus");
        waitFor(out, "skipped mix copy.wav: the same file is already v1");
        waitFor(out, "skipped (not imported) notes.txt: not an audio file Signoff reads");
        watch.interrupt();
        watch.join(10_000);
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("old take").doesNotContain("truncated");

        try (Database db = Database.sqlite(data.resolve("signoff.db"))) {
            var rows = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT v.number || ':' || v.file_name || ':' || j.state FROM versions v JOIN jobs j ON j.version_id = v.id").mapTo(String.class).list());
            assertThat(rows).containsExactly("1:mix.wav:queued");
        }
    }

    /**
     * A session file beside the bounce goes up with it (issue 14): the one whose name begins the
     * bounce's, though another one was saved later; a session file is never imported as a bounce.
     */
    @Test
    void theSessionBesideABounceGoesUpWithIt() throws Exception {
        Path bounces = Files.createDirectories(dir.resolve("bounces"));
        Path data = dir.resolve("data");
        Path song = Files.writeString(bounces.resolve("Night Drive.rpp"), "<REAPER_PROJECT 0.1 \"7.22/linux-x86_64\" 1\n  SAMPLERATE 44100 0 0\n  TEMPO 124 4 4\n"
                + "  MARKER 1 0 Intro 0\n  <TRACK\n    NAME \"Lead vox\"\n    <FXCHAIN\n      BYPASS 0 1 0\n      <VST \"VST3: Soothe2 (oeksound)\" s.vst3 0 \"\" 1 \"\"\n      >\n    >\n  >\n>\n");
        Path other = Files.writeString(bounces.resolve("Other song.rpp"), "<REAPER_PROJECT 0.1 \"7.22\" 1\n>\n");
        Files.setLastModifiedTime(song, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        SongFiles.write(SongSynth.render(44_100, 21, 3), dir.resolve("mix.wav"), 16);

        StringWriter out = new StringWriter(), err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watch = watch(bounces, data, "0.5", out, err, exit);
        waitFor(out, "Watching ");
        Files.copy(dir.resolve("mix.wav"), bounces.resolve("Night Drive - mix 3.wav"));
        waitFor(out, "Night Drive - mix 3.wav -> v1 of 'Night Drive' (the server analyses it now), with its session Night Drive.rpp");
        Files.writeString(bounces.resolve("Broken.rpp"), "<REAPER_PROJECT 0.1\n  <TRACK\n");
        SongFiles.write(SongSynth.render(44_100, 21, 4), bounces.resolve("Broken take.wav.part"), 16);
        Files.move(bounces.resolve("Broken take.wav.part"), bounces.resolve("Broken take.wav"));
        waitFor(out, "Broken take.wav -> v2 of 'Night Drive' (the server analyses it now); its session was not attached: Broken.rpp: truncated");
        Thread.sleep(1500);
        watch.interrupt();
        watch.join(10_000);
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("skipped");

        try (Database db = Database.sqlite(data.resolve("signoff.db"))) {
            var rows = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT v.number || ':' || s.file_name || ':' || s.daw FROM version_sessions s JOIN versions v ON v.id = s.version_id").mapTo(String.class).list());
            assertThat(rows).containsExactly("1:Night Drive.rpp:reaper");
            String recall = db.jdbi().withHandle(h -> h.createQuery("SELECT recall_json FROM version_sessions").mapTo(String.class).one());
            assertThat(recall).contains("\"Soothe2\"").contains("\"offline\":true").contains("\"Intro\"");
        }
        try (var stored = Files.walk(data.resolve("sessions"))) {
            assertThat(stored.filter(Files::isRegularFile).toList()).singleElement()
                    .satisfies(f -> assertThat(Files.readString(f)).isEqualTo(Files.readString(song)));
        }
    }

    @Test
    void aMissingFolderIsAOneLineError() {
        CliRun run = CliRun.of("watch", dir.resolve("nope").toString(), "--project", "X", "--data", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("signoff: " + dir.resolve("nope") + ": no such directory");
        CliRun noProject = CliRun.of("watch", dir.toString());
        assertThat(noProject.exitCode()).isEqualTo(2);
        assertThat(noProject.err()).contains("--project");
    }

    /** `signoff watch` on {@code bounces} for the project "Night Drive", running until interrupted. */
    private static Thread watch(Path bounces, Path data, String settle, StringWriter out, StringWriter err, AtomicInteger exit) {
        Thread watch = new Thread(() -> exit.set(Main.run(new String[]{"watch", bounces.toString(), "--project", "Night Drive",
                "--data", data.toString(), "--settle", settle}, new PrintWriter(out, true), new PrintWriter(err, true))));
        watch.start();
        return watch;
    }

    private static void waitFor(StringWriter out, String text) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > until) throw new AssertionError("no '" + text + "' in:\n" + out);
            Thread.sleep(50);
        }
    }
}

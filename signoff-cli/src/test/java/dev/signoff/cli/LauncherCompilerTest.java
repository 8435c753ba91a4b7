package dev.signoff.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher runs a check or diff of a few songs on C1 alone and keeps C2 for long work, and
 * makes its start-up caches from a check of a synthesized song whatever the user ran first. The
 * launcher is the repository's own script, installed as a release archive lays it out (bin/ beside
 * lib/signoff.jar), with a stand-in "java" on SIGNOFF_JAVA that writes down how it was started.
 */
class LauncherCompilerTest {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir Path dir;
    private Path launcher, calls, java;

    @BeforeEach
    void install() throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        launcher = dir.resolve("bin/signoff");
        Files.copy(Path.of("..", "signoff"), launcher);
        Files.writeString(dir.resolve("lib/signoff.jar"), "");
        calls = dir.resolve("calls.txt");
        java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(dir.resolve("java-version"), "25.0.1");
        // Makes what it is asked to write (the training song, the caches), as the JVM would.
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in *-XX:+IgnoreUnrecognizedVMOptions*-version*) echo "openjdk version \"$(cat '%s')\"" >&2; exit 0 ;; esac
                echo "$*" >> "%s"
                for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*|-XX:AOTCache=*.part) : > "${a#*=}" ;; esac; done
                case "$*" in *" synth "*) : > "$(echo "$*" | sed 's/.* synth \\([^ ]*\\).*/\\1/')" ;; esac
                """.formatted(dir.resolve("java-version"), calls));
        for (Path p : List.of(java, launcher)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(String... args) throws Exception {
        Files.deleteIfExists(calls);
        ProcessBuilder pb = new ProcessBuilder(launcher.toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("SIGNOFF_JAVA", java.toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        // The first line is the user's command; a cache's training runs in the background after it.
        return Files.readAllLines(calls).get(0);
    }

    private Path file(String name, long bytes) throws Exception {
        Path f = dir.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(bytes);
        }
        return f;
    }

    @Test
    void aCheckOfOneSongRunsOnC1Alone() throws Exception {
        Path song = file("song.wav", 69_408_080);   // 4 minutes, 48 kHz, 24-bit stereo
        assertThat(run("check", "--format", "json", song.toString())).contains(C1_ONLY).endsWith("check --format json " + song);
    }

    @Test
    void aDiffOfTwoSongsRunsOnC1AloneAndOfTwoHoursOnC2() throws Exception {
        Path v1 = file("v1.wav", 69_408_080), v2 = file("v2.wav", 69_408_080);
        Path h1 = file("h1.wav", 1_041_121_280), h2 = file("h2.wav", 1_041_121_280);
        assertThat(run("diff", v1.toString(), v2.toString())).contains(C1_ONLY).endsWith("diff " + v1 + " " + v2);
        assertThat(run("diff", h1.toString(), h2.toString())).doesNotContain(C1_ONLY);
        assertThat(run("history", dir.toString())).doesNotContain(C1_ONLY);
    }

    @Test
    void noCommandOrHelpRunsOnC1Alone() throws Exception {
        assertThat(run("--version")).contains(C1_ONLY).endsWith("--version");
        assertThat(run("--help")).contains(C1_ONLY);
        assertThat(run("help", "check")).contains(C1_ONLY);
        assertThat(run("devices")).doesNotContain(C1_ONLY);
    }

    @Test
    void longWorkKeepsC2() throws Exception {
        Path song = file("song.wav", 69_408_080);
        Path hour = file("hour.wav", 1_041_121_280);
        Path mp3 = file("hour.mp3", 57_600_000);     // an hour at 128 kbit/s: small, but long
        assertThat(run("check", hour.toString())).doesNotContain(C1_ONLY);
        assertThat(run("check", mp3.toString())).doesNotContain(C1_ONLY);
        assertThat(run("check", song.toString(), song.toString())).contains(C1_ONLY);
        String five = (song + " ").repeat(5).strip();
        assertThat(run(("check " + five).split(" "))).doesNotContain(C1_ONLY);
        assertThat(run("serve")).doesNotContain(C1_ONLY);
    }
    /**
     * Java 17's class-data archive is made, like the JDK 25 cache, by a background check of a
     * synthesized song, not from whatever the user ran first (an archive made from a `devices` or
     * `--version` run holds almost nothing a check needs).
     */
    @Test
    void java17sArchiveIsMadeFromACheckWhateverRanFirst() throws Exception {
        Files.writeString(dir.resolve("java-version"), "17.0.15");
        Files.createDirectories(dir.resolve("jdk/lib/server"));
        Files.writeString(dir.resolve("jdk/lib/server/classes.jsa"), "");
        assertThat(run("devices")).doesNotContain("-XX:ArchiveClassesAtExit").doesNotContain("-XX:SharedArchiveFile").endsWith("devices");
        Path cacheDir = dir.resolve("cache/signoff");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files.exists(cacheDir) && trainingUnder(cacheDir) && System.nanoTime() < deadline) Thread.sleep(50);
        List<String> made = Files.readAllLines(calls);
        assertThat(made).anyMatch(c -> c.contains(" synth ") && c.contains("train.wav"));
        assertThat(made).anyMatch(c -> c.contains("-XX:ArchiveClassesAtExit=") && c.contains("check --format json") && c.endsWith("train.wav"));
        Path song = file("song.wav", 69_408_080);
        assertThat(run("check", song.toString())).contains("-XX:SharedArchiveFile=").doesNotContain("-XX:ArchiveClassesAtExit");
    }

    private static boolean trainingUnder(Path cacheDir) throws Exception {
        try (var files = Files.list(cacheDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".training"));
        }
    }
}

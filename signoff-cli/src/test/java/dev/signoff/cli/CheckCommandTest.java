package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The `check` command end to end: real synthesized mixes, real decoding, real reports. */
class CheckCommandTest {
    @TempDir static Path dir;
    static Path clean, clipped;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void songs() throws Exception {
        clean = dir.resolve("clean mix.wav");
        SongFiles.write(SongSynth.render(48_000, 40, 3), clean, 24);
        clipped = dir.resolve("clipped.wav");
        SongFiles.write(SongSynth.render(44_100, 40, 4, EnumSet.of(Defect.CLIPPING)), clipped, 16);
    }

    @Test
    void cleanMixExitsZeroWithTheDocumentedJsonSchema() throws Exception {
        CliRun run = CliRun.of("check", "--format", "json", clean.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("schema").asText()).isEqualTo("signoff.check/1");
        assertThat(j.get("file").asText()).endsWith("clean mix.wav");
        JsonNode l = j.get("loudness");
        for (String f : List.of("integrated_lufs", "lra_lu", "true_peak_dbtp", "sample_peak_dbfs",
                "max_momentary_lufs", "max_short_term_lufs", "plr_db")) {
            assertThat(l.get(f)).as(f).isNotNull();
            assertThat(l.get(f).isNumber()).as(f).isTrue();
        }
        assertThat(l.get("sample_peak_dbfs").asDouble()).isBetween(-1.2, -0.8);
        assertThat(l.get("integrated_lufs").asDouble()).isBetween(-20.0, -6.0);
        assertThat(j.get("stereo").isObject()).isTrue();
        assertThat(j.get("spectrum").get("bands").size()).isGreaterThan(20);
        assertThat(j.get("quiet_passages").isArray()).isTrue();
        JsonNode findings = j.get("findings");
        assertThat(findings.isArray()).isTrue();
        for (JsonNode f : findings) {
            assertThat(f.get("severity").asText()).as(f.toString()).isEqualTo("note");
            for (String k : List.of("code", "severity", "start_s", "end_s", "message", "hint")) assertThat(f.has(k)).as(k).isTrue();
        }
    }

    @Test
    void referencesFromAFolderJudgeTheMixAndBadOnesStopTheCheck() throws Exception {
        Path refs = Files.createDirectories(dir.resolve("refs"));
        SongFiles.write(SongSynth.render(48_000, 30, 5, EnumSet.of(Defect.SIBILANT)), refs.resolve("a.wav"), 24);
        SongFiles.write(SongSynth.render(48_000, 30, 6, EnumSet.of(Defect.SIBILANT)), refs.resolve("b.wav"), 24);
        Files.writeString(refs.resolve("notes.txt"), "not a reference");
        CliRun run = CliRun.of("check", "--color", "never", clean.toString(), "--ref", refs.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("judged against your 2 references: a.wav, b.wav").contains("OVER_DEESSED");

        Path html = dir.resolve("with-refs.html");
        CliRun page = CliRun.of("check", clean.toString(), "--ref", refs.toString(), "--format", "html", "-o", html.toString());
        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(Files.readString(html)).contains("The shaded band is the range of your references (a.wav, b.wav)").contains("OVER_DEESSED");

        CliRun missing = CliRun.of("check", clean.toString(), "--ref", dir.resolve("nope.wav").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("signoff: reference ").contains("nope.wav").doesNotContain("Exception").doesNotContain("\n");
        assertThat(missing.out()).isEmpty();
    }

    @Test
    void devicesRenderNextToTheReportWithAPlayerEach() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Path html = site.resolve("report.html");
        CliRun run = CliRun.of("check", clean.toString(), "--device", "phone,car", "--render-dir", site.resolve("renders").toString(),
                "--format", "html", "-o", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(site.resolve("renders/clean mix.phone.wav")).isRegularFile();
        assertThat(site.resolve("renders/clean mix.car.wav")).isRegularFile();
        String page = Files.readString(html);
        assertThat(page).contains("Playback devices").contains("<span class=\"ab\"><audio preload=\"none\" src=\"../clean%20mix.wav\"")
                .contains("<audio preload=\"none\" src=\"renders/clean%20mix.phone.wav\" data-gain-db=");

        CliRun without = CliRun.of("check", clean.toString(), "--render-dir", site.toString());
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err()).contains("--render-dir needs --devices, --device or --codecs");
    }

    @Test
    void devicesShowWhereTheKickAndTheBassAreLost() throws Exception {
        Path subKick = dir.resolve("sub kick.wav");
        SongFiles.write(SongSynth.render(48_000, 60, 1, EnumSet.of(Defect.SUB_KICK)), subKick, 24);
        CliRun text = CliRun.of("check", "--color", "never", subKick.toString(), "--device", "phone,bt-speaker,car");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("kick +monitors \\+[0-9.]+ dB (sub|click)  phone lost [0-9]+/[0-9]+  bt-speaker lost [0-9]+/[0-9]+  car \\+[0-9.]+")
                .containsPattern("bass +monitors -?[0-9.]+ dB  phone -?[0-9.]+  bt-speaker -?[0-9.]+  car -?[0-9.]+")
                .containsPattern("vocal band +monitors \\+0\\.0 dB  phone \\+[0-9.]+  bt-speaker [-+][0-9.]+  car -[0-9.]+")
                // Both small speakers lose the kick in the same sections: one warning names both.
                .contains("KICK_LOST  ").contains("On the phone speaker and small bluetooth speaker the kick no longer stands out in ")
                .contains("through `signoff translate MIX -d phone,bt-speaker`").doesNotContain("BASS_LOST");
        assertThat(text.out().split("KICK_LOST", -1)).as("one KICK_LOST").hasSize(2);

        JsonNode j = JSON.readTree(CliRun.of("check", "--format", "json", subKick.toString(), "--device", "phone,car").out());
        JsonNode readings = j.at("/devices/readings");
        assertThat(readings.get(1).get("id").asText()).isEqualTo("phone");
        int sections = j.at("/devices/sections").size(), lostOnPhone = 0, keptOnCar = 0;
        for (int i = 0; i < sections; i++) {
            if (readings.get(1).get("section_kick_lost").get(i).asBoolean()) lostOnPhone++;
            if (readings.get(2).get("section_kick_region").get(i).asText().equals("sub")) keptOnCar++;
            assertThat(readings.get(2).get("section_kick_lost").get(i).asBoolean()).isFalse();
        }
        assertThat(lostOnPhone).isPositive();
        assertThat(keptOnCar).isEqualTo(lostOnPhone);
        // The vocal band: 0 on monitors, forward on the phone (its bass gone), back on the car (its bass boost).
        for (int i = 0; i < sections; i++) {
            if (readings.get(0).get("section_vocal_db").get(i).isNull()) continue;
            assertThat(readings.get(0).get("section_vocal_db").get(i).asDouble()).isZero();
            assertThat(readings.get(1).get("section_vocal_db").get(i).asDouble()).isGreaterThan(2);
            assertThat(readings.get(2).get("section_vocal_db").get(i).asDouble()).isNegative();
        }
        List<String> codes = new ArrayList<>();
        j.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).containsOnlyOnce("KICK_LOST");

        Path html = dir.resolve("sub kick.html");
        CliRun page = CliRun.of("check", subKick.toString(), "--device", "phone,car", "--format", "html", "-o", html.toString());
        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(Files.readString(html)).contains("Kick and bass on each device").contains("<td class=\"num lost\">kick <strong>lost</strong>")
                .contains("<th class=\"num\">Vocal band</th>").containsPattern("<td class=\"num\" title=\"[^\"]+\">\\+[0-9.]+ dB</td>");
    }

    @Test
    void clippedMixExitsOneAndNamesTheClipping() throws Exception {
        CliRun run = CliRun.of("check", "--format", "json", clipped.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode j = JSON.readTree(run.out());
        List<String> codes = new ArrayList<>();
        j.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains("CLIPPING");
        JsonNode first = j.get("findings").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("problem");
    }

    @Test
    void textReportIsPlainWithoutATerminal() {
        CliRun run = CliRun.of("check", clipped.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("clipped.wav").contains("CLIPPING").doesNotContain("\u001b[");
    }

    @Test
    void batchKeepsGoingPastABadFileAndExitsTwo() throws Exception {
        Path corrupt = dir.resolve("corrupt.wav");
        Files.write(corrupt, "RIFF\u0000\u0000garbage that is not a wave file".getBytes());
        CliRun run = CliRun.of("check", "--format", "json", "--jobs", "2", corrupt.toString(), clean.toString(), dir.resolve("missing.flac").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode arr = JSON.readTree(run.out());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr.size()).isEqualTo(3);
        assertThat(arr.get(0).get("error").asText()).contains("corrupt.wav");
        assertThat(arr.get(1).get("loudness").get("integrated_lufs").isNumber()).isTrue();
        assertThat(arr.get(2).get("error").asText()).contains("missing.flac");
        String[] errLines = run.err().strip().split("\\R");
        assertThat(errLines).hasSize(2);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void parallelJobsGiveTheSameResultsAsOneAtATime() throws Exception {
        JsonNode one = JSON.readTree(CliRun.of("check", "--format", "json", clean.toString(), clipped.toString()).out());
        JsonNode two = JSON.readTree(CliRun.of("check", "--format", "json", "-j", "2", clean.toString(), clipped.toString()).out());
        for (int i = 0; i < 2; i++) {
            assertThat(two.get(i).get("loudness")).isEqualTo(one.get(i).get("loudness"));
            assertThat(two.get(i).get("findings")).isEqualTo(one.get(i).get("findings"));
        }
    }

    @Test
    void htmlReportGoesWholeToTheOutFile() throws Exception {
        Path out = dir.resolve("report.html");
        CliRun run = CliRun.of("check", "--format", "html", "--out", out.toString(), clipped.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("CLIPPING").contains("</html>");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void outIntoAMissingFolderFailsCleanlyAndWritesNothing() {
        Path out = dir.resolve("no/such/folder/report.json");
        CliRun run = CliRun.of("check", "--format", "json", "--out", out.toString(), clean.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("does not exist");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        CliRun unknownFormat = CliRun.of("check", "--format", "pdf", clean.toString());
        assertThat(unknownFormat.exitCode()).isEqualTo(2);
        assertThat(unknownFormat.err()).contains("--format");
        CliRun noFiles = CliRun.of("check");
        assertThat(noFiles.exitCode()).isEqualTo(2);
        CliRun unknownCommand = CliRun.of("chekc", "x.wav");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        CliRun badJobs = CliRun.of("check", "--jobs", "0", clean.toString());
        assertThat(badJobs.exitCode()).isEqualTo(2);
        assertThat(badJobs.err()).contains("--jobs");
    }

    @Test
    void notAnAudioFileIsNamedInOneLine() throws Exception {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "vocal up 1 dB in the chorus please\n");
        CliRun run = CliRun.of("check", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        String all = run.out() + run.err();
        assertThat(all).contains("notes.wav").doesNotContain("Exception");
    }

    @Test
    void sibilanceIsJudgedOnlyWithALeadVocalUnlessTheEngineerSaysOtherwise() throws Exception {
        Path instrumental = dir.resolve("instrumental.wav");
        SongFiles.write(SongSynth.renderInstrumental(48_000, 20, 8), instrumental, 24);
        CliRun detected = CliRun.of("check", instrumental.toString());
        assertThat(detected.out()).containsPattern("no lead vocal found \\(a voice in \\d+ % of the music\\): sibilance not judged");

        JsonNode vocal = JSON.readTree(CliRun.of("check", "--format", "json", clean.toString()).out()).get("lead_vocal");
        assertThat(vocal.get("found").asBoolean()).isTrue();
        assertThat(vocal.get("decided_by").asText()).isEqualTo("detector");
        assertThat(vocal.get("share").asDouble()).isBetween(0.25, 1.0);

        CliRun forcedOff = CliRun.of("check", "--instrumental", "--format", "json", clean.toString());
        JsonNode off = JSON.readTree(forcedOff.out()).get("lead_vocal");
        assertThat(off.get("found").asBoolean()).isFalse();
        assertThat(off.get("decided_by").asText()).isEqualTo("engineer");
        assertThat(off.get("share").isNull()).isTrue();
        assertThat(CliRun.of("check", "--instrumental", clean.toString()).out()).contains("no lead vocal (--instrumental): sibilance not judged");

        JsonNode on = JSON.readTree(CliRun.of("check", "--vocal", "--format", "json", instrumental.toString()).out()).get("lead_vocal");
        assertThat(on.get("found").asBoolean()).isTrue();

        CliRun both = CliRun.of("check", "--instrumental", "--vocal", clean.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--instrumental and --vocal").doesNotContain("Exception");
    }
}

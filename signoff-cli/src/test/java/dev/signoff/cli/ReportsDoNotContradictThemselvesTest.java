package dev.signoff.cli;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.history.LetItGoMeter;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import dev.signoff.report.DiffHtmlReport;
import dev.signoff.report.DiffJsonReport;
import dev.signoff.report.DiffTextReport;
import dev.signoff.report.FileOutcome;
import dev.signoff.report.HistoryReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report (check, diff, words, history; text, JSON, HTML) over many generated bounces - the
 * song with each defect at two sample rates, seeds and lengths, a sine, noise, silence with a blip,
 * a mono mix, a DC offset under a proper fade - read by {@link ReportConsistency}: no report may
 * contradict itself.
 */
class ReportsDoNotContradictThemselvesTest {
    @TempDir static Path dir;
    /** A bounce and its length. */
    record Bounce(String name, Path file, double seconds) {}

    static Bounce cleanA, cleanB;
    static final List<Bounce> BOUNCES = new ArrayList<>();
    /** Per defect, the song with it and the clean song it was made from. */
    static final List<Bounce[]> PAIRS = new ArrayList<>();

    @BeforeAll
    static void bounces() throws Exception {
        // Two families of the song, so that each defect is heard at two rates, seeds and lengths across the set.
        SongSynth.Song a = SongSynth.render(48_000, 20, 7), b = SongSynth.render(44_100, 23, 3);
        cleanA = write("clean A", a.sampleRate(), a.channels());
        cleanB = write("clean B", b.sampleRate(), b.channels());
        Defect[] defects = Defect.values();
        for (int i = 0; i < defects.length; i++) {
            boolean inA = i % 2 == 0;
            SongSynth.Song s = inA ? SongSynth.render(48_000, 20, 7, Set.of(defects[i])) : SongSynth.render(44_100, 23, 3, Set.of(defects[i]));
            Bounce d = write(defects[i].name(), s.sampleRate(), s.channels());
            PAIRS.add(new Bounce[]{inA ? cleanA : cleanB, d});
        }
        BOUNCES.add(cleanA);
        BOUNCES.add(cleanB);
        for (Bounce[] p : PAIRS) BOUNCES.add(p[1]);
        SongSynth.Song sub = SongSynth.render(32_000, 34, 11, Set.of(Defect.SUB_KICK, Defect.SUB_BASS, Defect.STOP_HISS));
        BOUNCES.add(write("sub kick and bass at 32 kHz", sub.sampleRate(), sub.channels()));
        BOUNCES.add(write("mono", a.sampleRate(), new float[][]{a.channels()[0]}));

        int fs = 48_000, n = 8 * fs;
        float[] sine = new float[n], noiseL = new float[n], noiseR = new float[n], blip = new float[n];
        Random random = new Random(5);
        for (int i = 0; i < n; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / fs));
            noiseL[i] = (float) (0.2 * random.nextGaussian());
            noiseR[i] = (float) (0.2 * random.nextGaussian());
        }
        for (int i = n / 2; i < n / 2 + fs / 100; i++) blip[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / fs));
        BOUNCES.add(write("sine", fs, new float[][]{sine, sine.clone()}));
        BOUNCES.add(write("noise", fs, new float[][]{noiseL, noiseR}));
        BOUNCES.add(write("silence with a blip", fs, new float[][]{blip, blip.clone()}));
        float[][] dc = {a.channels()[0].clone(), a.channels()[1].clone()};
        for (float[] ch : dc) for (int i = 0; i < ch.length; i++) ch[i] = ch[i] * 0.9f + 0.05f;
        BOUNCES.add(write("5 % DC under a fade", fs, dc));
    }

    static Bounce write(String name, int fs, float[][] x) throws Exception {
        Path f = dir.resolve(name + ".wav");
        try (WavWriter w = WavWriter.open(f, fs, x.length, 24)) {
            w.write(x, x[0].length);
        }
        return new Bounce(name, f, x[0].length / (double) fs);
    }

    @Test
    void checkReportsAgreeWithThemselves() throws Exception {
        List<String> found = new ArrayList<>();
        for (Bounce b : BOUNCES) {
            CheckResult r = MixCheck.run(b.file(), (info, frames) -> { }, List.of(), DeviceCatalog.builtIn().models());
            found.addAll(check(b, List.of(FileOutcome.of(r)), ""));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void checkReportsAgainstReferencesAgreeWithThemselves() throws Exception {
        List<Reference> refs = List.of(new Reference(cleanB.file(), MixCheck.measure(cleanB.file(), (info, frames) -> { })));
        List<String> found = new ArrayList<>();
        for (Bounce[] p : PAIRS) {
            if (p[0] != cleanA) continue;
            CheckResult r = MixCheck.run(p[1].file(), (info, frames) -> { }, refs, List.of());
            found.addAll(check(p[1], List.of(FileOutcome.of(r)), " --ref"));
        }
        assertThat(found).isEmpty();
    }

    private static List<String> check(Bounce b, List<FileOutcome> outcomes, String options) {
        String what = "check " + b.name() + options;
        List<String> found = new ArrayList<>();
        found.addAll(new ReportConsistency(what + " text", b.seconds()).text(Reports.render(ReportFormat.text, outcomes, false)).contradictions());
        found.addAll(new ReportConsistency(what + " json", b.seconds()).json(Reports.render(ReportFormat.json, outcomes, false)).contradictions());
        found.addAll(new ReportConsistency(what + " html", b.seconds()).html(Reports.render(ReportFormat.html, outcomes, false)).contradictions());
        return found;
    }

    @Test
    void diffReportsAgreeWithThemselves() throws Exception {
        List<String> found = new ArrayList<>();
        for (Bounce[] p : PAIRS) {
            // One family from clean to defect, the other back: each change is read both ways round.
            Bounce older = p[0] == cleanA ? p[0] : p[1], newer = p[0] == cleanA ? p[1] : p[0];
            DiffResult d = VersionDiff.run(older.file(), newer.file());
            ScopeCheck.Result scope = ScopeCheck.checkTexts(d, List.of("vocal up 1 dB in the choruses", "less harsh", "bring the whole mix down 2 dB", "more reverb at 0:05", "kick down from 0:10 to 0:15"));
            String what = "diff " + older.name() + " -> " + newer.name();
            double songS = Math.max(older.seconds(), newer.seconds());
            String text = DiffTextReport.render(d, scope), json = DiffJsonReport.render(d, scope), html = DiffHtmlReport.render(d, scope);
            found.addAll(new ReportConsistency(what + " text", songS).text(text).onePairLevel(text).contradictions());
            found.addAll(new ReportConsistency(what + " json", songS).json(json).onePairLevel(json).contradictions());
            found.addAll(new ReportConsistency(what + " html", songS).html(html).onePairLevel(html).contradictions());
        }
        assertThat(found).isEmpty();
    }

    @Test
    void historyReportsAgreeWithThemselves() throws Exception {
        Bounce mud = PAIRS.stream().filter(p -> p[1].name().equals("MUD")).findFirst().orElseThrow()[1];
        Bounce dc = BOUNCES.get(BOUNCES.size() - 1);
        LetItGoMeter.Result r = LetItGoMeter.measure(List.of(cleanA.file(), mud.file(), dc.file()));
        double songS = cleanA.seconds();
        List<String> found = new ArrayList<>();
        found.addAll(new ReportConsistency("history text", songS).text(HistoryReports.text(r, "3 versions")).contradictions());
        found.addAll(new ReportConsistency("history json", songS).json(HistoryReports.json(r)).contradictions());
        found.addAll(new ReportConsistency("history html", songS).html(HistoryReports.html(r, "3 versions")).contradictions());
        assertThat(found).isEmpty();
    }

    @Test
    void wordsReportsAgreeWithThemselves() {
        List<String> found = new ArrayList<>();
        for (Bounce b : BOUNCES) {
            if (!Set.of("clean A", "clean B", "mono", "sine", "noise", "silence with a blip", "SUB_BASS", "WIDE").contains(b.name())) continue;
            String end = Clock.format(Math.floor(b.seconds() * 10) / 10);
            CliRun run = CliRun.of("words", b.file().toString(), "0:00 too muddy", "0:05 the vocal is buried", "sounds harsh and thin",
                    "more punch", "too wide, too much reverb", "kick too loud", "it leans left", end + " the ending is too quiet", "--at", "0:04");
            assertThat(run.exitCode()).as(run.err()).isZero();
            found.addAll(new ReportConsistency("words " + b.name(), b.seconds()).text(run.out()).contradictions());
        }
        assertThat(found).isEmpty();
    }

    @Test
    void aCommentAfterTheSongsEndIsAnError() {
        CliRun late = CliRun.of("words", cleanA.file().toString(), "0:40 too harsh");
        assertThat(late.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(late.out()).isEmpty();
        assertThat(late.err().strip().lines()).hasSize(1);
        assertThat(late.err()).contains("0:40.0").contains(Clock.format(cleanA.seconds()));
        CliRun lateAt = CliRun.of("words", cleanA.file().toString(), "too harsh", "--at", "0:30");
        assertThat(lateAt.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(lateAt.err().strip().lines()).hasSize(1);
    }

    @Test
    void anAskedChangeAfterTheSongsEndIsAnError() {
        Bounce harsh = PAIRS.stream().filter(p -> p[1].name().equals("HARSH")).findFirst().orElseThrow()[1];
        for (String asked : List.of("more reverb at 0:45", "kick down from 0:10 to 0:50")) {
            CliRun run = CliRun.of("diff", cleanB.file().toString(), harsh.file().toString(), "--asked", asked);
            assertThat(run.exitCode()).as(asked).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains(asked).contains(Clock.format(harsh.seconds()));
        }
    }

    @Test
    void aMixWithADcOffsetAndAProperFadeHasNoTailCut() throws Exception {
        Bounce dc = BOUNCES.get(BOUNCES.size() - 1);
        CheckResult r = MixCheck.run(dc.file());
        assertThat(r.findings()).extracting(f -> f.code().name()).contains("DC_OFFSET").doesNotContain("TAIL_CUT");
    }

    @Test
    void theCheckerCatchesEachContradiction() {
        String[] contradicting = {
                "  WARNING DULL  whole mix  The top end (8-16 kHz) sits 26.0 dB below the midrange body, under the 26.0 dB of the built-in range.",
                "  WARNING MUD  whole mix  The low mids (200-400 Hz) rise 1.9 dB above their neighbours, over the 2.0 dB of the built-in range.",
                "  WARNING LOW_END_WEAK  whole mix  The low end (31.5-100 Hz) sits -6.0 dB against the midrange body, below the -6.0 dB of the built-in range.",
                "  NOTE  TRUE_PEAK_OVER  whole mix  True peak is -1.0 dBTP: less than 1 dB of headroom for lossy encoding.",
                "  LEVEL  The whole mix is 0.5 dB quieter (integrated -10.5 -> -7.1 LUFS over the shared part).",
                "  LEVEL  The whole mix is 1.9 dB quieter (integrated -10.5 -> -10.5 LUFS over the shared part).",
                "  WARNING KICK_LOST  0:07.9-0:19.3  On the mix cube the kick is lost in section B (0:07.9): on monitors its hits stand out 12.3 dB in the body (100-250 Hz); that part of it comes through 2.1 dB down.",
                "  WARNING BASS_LOST  0:17.9-0:29.5  The bass is lost: its partials reach about 949 Hz, where these devices play -1.2 dB (mixcube) to 0.3 dB (bt-speaker) under their midrange.",
                "  PROBLEM TAIL_CUT  0:20.5-0:19.0  The music stops abruptly.",
                "  \"too harsh\"  at 3:50.0, read over 3:47.0-3:30.7",
                "  TIMING  The music starts -3.000 s earlier.",
                "  the music starts 0.000 s earlier in the new version (to the sample)   null test -16.5 dB",
                "  PLR NaN dB",
        };
        for (String line : contradicting) assertThat(new ReportConsistency("example", 25).text(line).contradictions()).as(line).isNotEmpty();
        assertThat(new ReportConsistency("example", 25).json("{\"level_db\": NaN}").contradictions()).isNotEmpty();
        assertThat(new ReportConsistency("example", 25).json("{\"start_s\": 12.0, \"end_s\": 11.0}").contradictions()).isNotEmpty();
        assertThat(new ReportConsistency("example", 25).html("<p>side/mid Infinity dB</p>").contradictions()).isNotEmpty();
        String twoLevels = "  loudness -10.5 -> -10.0 LUFS   level change across the bands +0.5 dB\n  LEVEL  The whole mix is 0.7 dB louder.";
        assertThat(new ReportConsistency("example", 25).onePairLevel(twoLevels).contradictions()).isNotEmpty();

        String[] consistent = {
                "  WARNING DULL  whole mix  The top end (8-16 kHz) sits 27.6 dB below the midrange body, under the 26.0 dB of the built-in range.",
                "  WARNING LOW_END_WEAK  whole mix  The low end (31.5-100 Hz) sits -12.0 dB against the midrange body, below the -6.0 dB of the built-in range.",
                "  WARNING SIBILANCE  0:02.1  Sibilance: the loudest \"s\" bursts reach +4.2 dB over the 1-4 kHz body (the built-in range allows +2.5); 15 bursts, the worst at 0:02.1.",
                "  NOTE  TRUE_PEAK_OVER  whole mix  True peak is -0.95 dBTP: less than 1 dB of headroom for lossy encoding.",
                "  LEVEL  The whole mix is 0.5 dB quieter (integrated -10.5 -> -11.0 LUFS over the shared part).",
                "  WARNING STOP_NOISE  0:16.4-0:18.0  Hiss at -60.0 dBFS hangs over the stop at 0:16.4-0:18.0, 50.3 dB below the music around it.",
        };
        for (String line : consistent) assertThat(new ReportConsistency("example", 25).text(line).contradictions()).as(line).isEmpty();
    }
}

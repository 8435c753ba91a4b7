package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.quiet.QuietPassage.Content;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuietPassageRulesTest {
    private static final double NAN = Double.NaN;

    static List<Finding> judge(QuietPassage... passages) {
        StreamInfo info = new StreamInfo(48_000, 2, 24, false, "test", 48_000 * 60);
        Measurements m = new Measurements(info, 60, null, null, null, null, null, null, null, null, null, null, List.of(passages));
        return new QuietPassageRules().judge(m);
    }

    static QuietPassage hiss(double start, double end, double hissDbfs) {
        return new QuietPassage(start, end, -52, -10, Content.HISS, hissDbfs + 2, hissDbfs, NAN, NAN);
    }

    static QuietPassage hum(double start, double end, double hz, double humDbfs) {
        return new QuietPassage(start, end, -55, -10, Content.HUM, humDbfs, NAN, hz, humDbfs);
    }

    private static QuietPassage hissUnder(double start, double end, double hissDbfs, double musicLufs) {
        return new QuietPassage(start, end, hissDbfs + 10, musicLufs, Content.HISS, hissDbfs + 2, hissDbfs, NAN, NAN);
    }

    private static QuietPassage humUnder(double start, double end, double hz, double humDbfs, double musicLufs) {
        return new QuietPassage(start, end, humDbfs + 10, musicLufs, Content.HUM, humDbfs, NAN, hz, humDbfs);
    }

    @Test
    void silenceAndQuietMusicRaiseNothing() {
        assertThat(judge(
                new QuietPassage(62, 64, NAN, -10, Content.DIGITAL_SILENCE, NAN, NAN, NAN, NAN),
                new QuietPassage(90, 98, -40, -10, Content.QUIET_MUSIC, -42, NAN, NAN, NAN))).isEmpty();
    }

    @Test
    void hissInAStopIsAWarningWithItsLevelAndPlace() {
        List<Finding> f = judge(hiss(62.0, 64.0, -60.0));
        assertThat(f).hasSize(1);
        Finding h = f.get(0);
        assertThat(h.code()).isEqualTo(FindingCode.STOP_NOISE);
        assertThat(h.severity()).isEqualTo(Severity.WARNING);
        assertThat(h.startS()).isEqualTo(62.0);
        assertThat(h.endS()).isEqualTo(64.0);
        assertThat(h.message()).isEqualTo("Hiss at -60.0 dBFS hangs over the stop at 1:02.0-1:04.0, 50.0 dB below the music around it.");
        assertThat(h.hint()).contains("headphones").contains("1:02.0");
        assertThat(h.values()).containsEntry("hiss_dbfs", -60.0).containsEntry("below_music_db", 50.0);
    }

    @Test
    void hissFarBelowTheMusicIsNotReported() {
        // -85 dBFS under music at -10 LUFS: 75 dB down, at the edge of 16-bit dither.
        assertThat(judge(hiss(62, 64, -85))).isEmpty();
        assertThat(judge(hiss(62, 64, -74.5))).hasSize(1);
    }

    @Test
    void hissUnderTheAudibleFloorIsNotReportedHoweverQuietTheMusic() {
        // A dither floor in the gap of a quiet song (-88 dBFS under music at -20 LUFS: 68 dB down).
        assertThat(judge(hissUnder(62, 64, -88, -20))).isEmpty();
        assertThat(judge(hissUnder(62, 64, -74, -20))).hasSize(1);
    }

    @Test
    void humUnderItsAudibleFloorIsNotReported() {
        // Hum at -81 dBFS in a gap of a song at -22 LUFS: 59 dB down, but under what can be heard at 50 Hz.
        assertThat(judge(humUnder(62, 64, 50, -81, -22))).isEmpty();
        assertThat(judge(humUnder(62, 64, 50, -65, -22))).hasSize(1);
    }

    @Test
    void noiseCloseToTheMusicIsPartOfTheMusicNotAFloor() {
        // A noise riser 25 dB under the music around it, and a held 50 Hz note 28 dB under it.
        assertThat(judge(hissUnder(62, 64, -42, -17))).isEmpty();
        assertThat(judge(humUnder(62, 64, 50, -56, -28))).isEmpty();
        assertThat(judge(hissUnder(62, 64, -50, -17))).hasSize(1);
    }

    @Test
    void humIsOneFindingPerMainsFrequency() {
        List<Finding> f = judge(hum(30, 32, 50, -62), hum(62, 64, 50, -51.5), hum(80, 82, 50, -90));
        assertThat(f).hasSize(1);
        Finding h = f.get(0);
        assertThat(h.code()).isEqualTo(FindingCode.HUM);
        assertThat(h.severity()).isEqualTo(Severity.WARNING);
        assertThat(h.startS()).isEqualTo(62.0);
        assertThat(h.message()).isEqualTo("50 Hz mains hum at -51.5 dBFS can be heard in the stop at 1:02.0-1:04.0 and in 1 other quiet passage.");
        assertThat(h.values()).containsEntry("hum_hz", 50.0).containsEntry("passages", 2.0);
        assertThat(h.hint()).contains("50 Hz");
    }

    @Test
    void hissAndHumGiveBothFindings() {
        List<Finding> f = judge(new QuietPassage(62, 64, -45, -10, Content.HISS_AND_HUM, -50, -60, 60, -51.5));
        assertThat(f).extracting(Finding::code).containsExactlyInAnyOrder(FindingCode.STOP_NOISE, FindingCode.HUM);
        assertThat(f.stream().filter(x -> x.code() == FindingCode.HUM).findFirst().orElseThrow().message()).startsWith("60 Hz mains hum");
    }

    @Test
    void aHissyHummingBounceIsFlaggedByTheCheck(@TempDir Path dir) throws IOException {
        SongSynth.Song s = SongSynth.render(48_000, 30, 11, EnumSet.of(Defect.STOP_HISS, Defect.STOP_HUM));
        Path wav = dir.resolve("mix.wav");
        try (WavWriter w = WavWriter.open(wav, 48_000, 2, 24)) {
            w.write(s.channels(), s.frames());
        }
        CheckResult r = MixCheck.run(wav);
        SongSynth.Section stop = s.sections("stop").get(0);
        Finding noise = r.findings().stream().filter(f -> f.code() == FindingCode.STOP_NOISE).findFirst().orElseThrow();
        assertThat(noise.startS()).isCloseTo(stop.startS(), within(0.5));
        assertThat(noise.values().get("hiss_dbfs")).isCloseTo(-60.0, within(1.5));
        Finding hum = r.findings().stream().filter(f -> f.code() == FindingCode.HUM).findFirst().orElseThrow();
        assertThat(hum.values().get("hum_hz")).isEqualTo(50.0);

        SongSynth.Song clean = SongSynth.render(48_000, 30, 11);
        Path cleanWav = dir.resolve("clean.wav");
        try (WavWriter w = WavWriter.open(cleanWav, 48_000, 2, 24)) {
            w.write(clean.channels(), clean.frames());
        }
        assertThat(MixCheck.run(cleanWav).findings()).extracting(Finding::code)
                .doesNotContain(FindingCode.STOP_NOISE, FindingCode.HUM);
    }
}

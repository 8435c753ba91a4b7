package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff album` on five generated songs: one 3 dB louder than the rest, one darker; exactly those two stand out. */
class AlbumCommandTest {
    @TempDir static Path dir;
    static Path album;

    @BeforeAll
    static void album() throws Exception {
        album = Files.createDirectory(dir.resolve("ep"));
        for (int i = 1; i <= 5; i++) {
            // different songs (seeds), mastered alike at about -6 dB from the synth's peak level
            float[][] x = i == 4 ? SongSynth.render(48_000, 20, 40 + i, EnumSet.of(SongSynth.Defect.DULL)).channels()
                    : SongSynth.render(48_000, 20, 40 + i).channels();
            float gain = i == 2 ? 0.5f * (float) Math.pow(10, 3 / 20.0) : 0.5f;
            for (float[] ch : x) for (int n = 0; n < ch.length; n++) ch[n] *= gain;
            try (WavWriter w = WavWriter.open(album.resolve("0" + i + " song.wav"), 48_000, 2, 24)) {
                w.write(x, x[0].length);
            }
        }
        Files.writeString(album.resolve("cover.txt"), "not a track");
    }

    @Test
    void flagsExactlyTheLouderAndTheDarkerTrackInText() {
        CliRun run = CliRun.of("album", album.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> outliers = run.out().lines().filter(l -> l.contains("ALBUM_OUTLIER")).toList();
        assertThat(outliers).hasSize(2);
        assertThat(outliers.get(0)).contains("Track 2 (02 song.wav)").contains("LU louder than the other tracks");
        assertThat(outliers.get(1)).contains("Track 4 (04 song.wav)").contains("dB darker than the other tracks");
        assertThat(run.out()).contains("(5 tracks by name)").contains("album mode spotify-normal").contains("album mode apple-music")
                .contains("album mode youtube").contains("album mode deezer");
    }

    @Test
    void flagsExactlyTheLouderAndTheDarkerTrackInJsonMatchingTheSchema() throws Exception {
        CliRun run = CliRun.of("album", album.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("schema").asText()).isEqualTo("signoff.album/1");
        assertThat(j.get("tracks").size()).isEqualTo(5);
        List<String> flagged = new ArrayList<>();
        for (JsonNode f : j.get("findings")) flagged.add(f.get("track").asInt() + " " + f.get("code").asText() + " " + Math.signum(f.at("/values/difference").asDouble()));
        assertThat(flagged).containsExactly("2 ALBUM_OUTLIER 1.0", "4 ALBUM_OUTLIER -1.0");
        // the louder track by 3 dB, give or take the songs' own differences
        assertThat(j.at("/findings/0/values/difference").asDouble()).isBetween(2.5, 3.5);
        // album mode: one gain that brings the loudest track (the louder one) to the reference, by each service's rule
        double loudest = j.at("/tracks/1/integrated_lufs").asDouble(), albumPeak = j.at("/album/true_peak_dbtp").asDouble();
        double quietest = Double.POSITIVE_INFINITY;
        int quietestNumber = 0;
        for (JsonNode t : j.get("tracks")) {
            if (t.get("integrated_lufs").asDouble() < quietest) {
                quietest = t.get("integrated_lufs").asDouble();
                quietestNumber = t.get("number").asInt();
            }
        }
        Map<String, JsonNode> modes = new java.util.LinkedHashMap<>();
        for (JsonNode m : j.get("album_modes")) modes.put(m.get("service").asText(), m);
        assertThat(modes.keySet()).containsExactly("spotify-normal", "spotify-loud", "spotify-quiet", "apple-music", "youtube", "tidal", "amazon-music", "deezer");
        double spotifyGain = -14 - loudest > 0 ? Math.max(0, Math.min(-14 - loudest, -1 - albumPeak)) : -14 - loudest;
        double youtubeGain = Math.min(0, -14 - loudest);
        org.assertj.core.data.Offset<Double> cents = org.assertj.core.data.Offset.offset(0.02);
        assertThat(modes.get("spotify-normal").get("gain_db").asDouble()).isCloseTo(spotifyGain, cents);
        assertThat(modes.get("youtube").get("gain_db").asDouble()).isCloseTo(youtubeGain, cents);
        assertThat(modes.get("youtube").get("loudest_track").asInt()).isEqualTo(2);
        assertThat(modes.get("youtube").get("loudest_playback_lufs").asDouble()).isCloseTo(loudest + youtubeGain, cents);
        assertThat(modes.get("youtube").get("quietest_track").asInt()).isEqualTo(quietestNumber);
        assertThat(modes.get("youtube").get("quietest_playback_lufs").asDouble()).isCloseTo(quietest + youtubeGain, cents);
        assertThat(modes.get("apple-music").get("gain_db").asDouble()).isCloseTo(-16 - loudest, cents);
        // the synth's songs fade out: each join names the fade
        assertThat(j.at("/transitions/0/fade_out_s").asDouble()).isGreaterThan(3);
        Map<String, String> spec = DiffCommandTest.readSpec(Path.of("..", "docs", "json-schema.md"), "## `signoff album --format json`");
        DiffCommandTest.assertMatches(j, spec);
    }

    @Test
    void htmlListsEveryTrackAndTheFindings() throws Exception {
        Path out = dir.resolve("album.html");
        CliRun run = CliRun.of("album", album.toString(), "--format", "html", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(out);
        for (int i = 1; i <= 5; i++) assertThat(html).contains("0" + i + " song.wav");
        assertThat(html.split("ALBUM_OUTLIER", -1)).hasSize(3);
        assertThat(html).contains("<h3>Album mode</h3>").contains("Spotify Quiet").contains("YouTube").contains("Deezer");
    }

    @Test
    void oneTrackOrAnUnreadableOneIsAOneLineError() throws Exception {
        CliRun one = CliRun.of("album", album.resolve("01 song.wav").toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("at least two tracks");
        Path bad = Files.writeString(dir.resolve("bad.wav"), "RIFF and nothing else");
        CliRun broken = CliRun.of("album", album.resolve("01 song.wav").toString(), bad.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err().strip().lines()).hasSize(1);
        assertThat(broken.err()).contains("bad.wav");
    }
}

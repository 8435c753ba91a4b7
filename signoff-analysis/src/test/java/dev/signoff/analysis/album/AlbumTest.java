package dev.signoff.analysis.album;

import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.Measurements;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The album's own figures on generated songs, against the same songs joined into one file and measured as one programme. */
class AlbumTest {
    @TempDir Path dir;

    @Test
    void albumLoudnessIsTheTracksMeasuredAsOneProgramme() throws Exception {
        float[][] a = SongSynth.render(48_000, 20, 1).channels(), b = SongSynth.render(48_000, 30, 2).channels();
        for (float[] ch : b) for (int i = 0; i < ch.length; i++) ch[i] *= 0.6f;   // a quieter second track
        Path fa = write("a.wav", a), fb = write("b.wav", b);
        float[][] joined = new float[2][a[0].length + b[0].length];
        for (int c = 0; c < 2; c++) {
            System.arraycopy(a[c], 0, joined[c], 0, a[c].length);
            System.arraycopy(b[c], 0, joined[c], a[c].length, b[c].length);
        }
        Measurements whole = MixCheck.measure(write("ab.wav", joined), (info, done) -> { });

        AlbumResult r = Album.measure(List.of(fa, fb), 2, f -> { });

        // the 400 ms blocks straddling the join are the only difference; the 3 s windows across it are rebuilt from both sides
        assertThat(r.albumLufs()).isCloseTo(whole.loudness().integratedLufs(), within(0.1));
        assertThat(r.albumLraLu()).isCloseTo(whole.loudness().lraLu(), within(0.3));
        assertThat(r.albumTruePeakDbtp()).isCloseTo(whole.peaks().truePeakDbtp(), within(0.01));
        // the quieter track keeps its distance in album mode: one gain for both
        AlbumTrack loud = r.tracks().get(0);
        assertThat(r.albumModes()).extracting(m -> m.service().id()).containsExactly(
                "spotify-normal", "spotify-loud", "spotify-quiet", "apple-music", "youtube", "tidal", "amazon-music", "deezer");
        AlbumResult.AlbumMode quiet = r.albumModes().get(2);
        assertThat(quiet.loudestTrack()).isZero();
        assertThat(quiet.quietestTrack()).isEqualTo(1);
        assertThat(quiet.gainDb()).isCloseTo(-19 - loud.integratedLufs(), within(1e-9));
        assertThat(quiet.loudestPlaybackLufs()).isCloseTo(-19, within(1e-9));
        assertThat(quiet.quietestPlaybackLufs()).isCloseTo(r.tracks().get(1).integratedLufs() + quiet.gainDb(), within(1e-9));
        assertThat(quiet.quietestPlaybackTruePeakDbtp()).isCloseTo(r.tracks().get(1).truePeakDbtp() + quiet.gainDb(), within(1e-9));
        // two tracks: neither is "the rest" of the other
        assertThat(r.findings()).isEmpty();
        assertThat(r.transitions()).singleElement().satisfies(t -> assertThat(t.fadeOutS()).isGreaterThan(Album.FADE_MIN_S));
    }

    @Test
    void spotifyNormalRaisesAQuietAlbumOnlyAsFarAsLeavesOneDecibelOfTruePeakHeadroom() {
        // loudest track -20 LUFS / -7 dBTP, quietest -26 LUFS / -5 dBTP (the album's true peak):
        // +6 dB would take the album's peak to +1 dBTP, so Spotify Normal raises by -1 - (-5) = +4 dB
        AlbumResult.AlbumMode spotify = mode(Album.albumModes(new double[]{-20, -26}, new double[]{-7, -5}, new double[]{-7.5, -5.5}), "spotify-normal");
        assertThat(spotify.gainDb()).isCloseTo(4, within(1e-9));
        assertThat(spotify.loudestPlaybackLufs()).isCloseTo(-16, within(1e-9));
        assertThat(spotify.loudestPlaybackTruePeakDbtp()).isCloseTo(-3, within(1e-9));
        assertThat(spotify.quietestTrack()).isEqualTo(1);
        assertThat(spotify.quietestPlaybackLufs()).isCloseTo(-22, within(1e-9));
        assertThat(spotify.quietestPlaybackTruePeakDbtp()).isCloseTo(-1, within(1e-9));
        assertThat(spotify.playbackTruePeakDbtp()).isCloseTo(-1, within(1e-9));
        // Spotify Loud raises all the way, +9 dB, and its limiter would catch the peaks (-5.5 + 9 > -1)
        AlbumResult.AlbumMode loud = mode(Album.albumModes(new double[]{-20, -26}, new double[]{-7, -5}, new double[]{-7.5, -5.5}), "spotify-loud");
        assertThat(loud.gainDb()).isCloseTo(9, within(1e-9));
        assertThat(loud.limiterEngages()).isTrue();
    }

    @Test
    void youtubeTurnsALoudAlbumDownAndLeavesAQuietOneAlone() {
        // loudest -8 LUFS: down 6 dB to -14; the -11 LUFS track then plays at -17, its -1.5 dBTP at -7.5
        AlbumResult.AlbumMode loud = mode(Album.albumModes(new double[]{-11, -8}, new double[]{-1.5, -0.1}, new double[]{-1.6, -0.2}), "youtube");
        assertThat(loud.gainDb()).isCloseTo(-6, within(1e-9));
        assertThat(loud.loudestTrack()).isEqualTo(1);
        assertThat(loud.loudestPlaybackLufs()).isCloseTo(-14, within(1e-9));
        assertThat(loud.loudestPlaybackTruePeakDbtp()).isCloseTo(-6.1, within(1e-9));
        assertThat(loud.quietestPlaybackLufs()).isCloseTo(-17, within(1e-9));
        assertThat(loud.quietestPlaybackTruePeakDbtp()).isCloseTo(-7.5, within(1e-9));
        // loudest -20 LUFS: YouTube turns down only, so 0 dB, where Spotify Normal raised it
        AlbumResult.AlbumMode quiet = mode(Album.albumModes(new double[]{-20, -26}, new double[]{-7, -5}, new double[]{-7.5, -5.5}), "youtube");
        assertThat(quiet.gainDb()).isZero();
        assertThat(quiet.loudestPlaybackLufs()).isCloseTo(-20, within(1e-9));
        assertThat(quiet.limiterEngages()).isFalse();
    }

    @Test
    void silentTracksAreLeftOutOfTheAlbumGain() {
        assertThat(Album.albumModes(new double[]{Double.NaN, Double.NaN}, new double[]{-90, -90}, new double[]{-90, -90})).isEmpty();
        AlbumResult.AlbumMode m = mode(Album.albumModes(new double[]{Double.NaN, -20}, new double[]{-90, -3}, new double[]{-90, -3}), "tidal");
        assertThat(m.loudestTrack()).isEqualTo(1);
        assertThat(m.quietestTrack()).isEqualTo(1);
    }

    private static AlbumResult.AlbumMode mode(List<AlbumResult.AlbumMode> modes, String service) {
        return modes.stream().filter(m -> m.service().id().equals(service)).findFirst().orElseThrow();
    }

    private Path write(String name, float[][] x) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        return f;
    }
}

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
        assertThat(r.albumModes()).extracting(AlbumResult.AlbumMode::service).containsExactly("spotify-normal", "apple-music");
        AlbumResult.AlbumMode apple = r.albumModes().get(1);
        assertThat(apple.gainDb()).isCloseTo(-16 - loud.integratedLufs(), within(1e-9));
        assertThat(apple.loudestPlaybackLufs()).isCloseTo(-16, within(1e-9));
        // two tracks: neither is "the rest" of the other
        assertThat(r.findings()).isEmpty();
        assertThat(r.transitions()).singleElement().satisfies(t -> assertThat(t.fadeOutS()).isGreaterThan(Album.FADE_MIN_S));
    }

    @Test
    void spotifyRaisesAQuietAlbumOnlyAsFarAsLeavesOneDecibelOfTruePeakHeadroom() {
        // loudest track -20 LUFS, album true peak -5 dBTP: +6 dB would reach +1 dBTP, so +4 dB
        AlbumResult.AlbumMode spotify = Album.albumModes(-20, -5).get(0);
        assertThat(spotify.gainDb()).isCloseTo(4, within(1e-9));
        assertThat(spotify.loudestPlaybackLufs()).isCloseTo(-16, within(1e-9));
        assertThat(spotify.playbackTruePeakDbtp()).isCloseTo(-1, within(1e-9));
        // a loud album is simply turned down
        assertThat(Album.albumModes(-8, -0.1).get(0).gainDb()).isCloseTo(-6, within(1e-9));
    }

    private Path write(String name, float[][] x) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        return f;
    }
}

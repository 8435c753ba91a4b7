package dev.signoff.analysis.platforms;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.StreamingChecks;
import dev.signoff.analysis.StreamingSongs;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.vocal.VocalChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each service's playback of a loud master and of a quiet dynamic mix, against the hand
 * calculation from the services' published rules and against ffmpeg's own loudness and true peak.
 */
class NormalisationPreviewTest {

    @TempDir Path dir;

    @Test
    void aLoudMasterIsTurnedDownEverywhereAndNotLimited() throws Exception {
        Path master = StreamingSongs.loudMaster(dir, 40, -8);
        CheckResult r = check(master);
        double lufs = r.measurements().loudness().integratedLufs(), tp = r.measurements().peaks().truePeakDbtp();
        double[] ffmpeg = StreamingSongs.ffmpegLoudnessAndTruePeak(master);
        assertThat(lufs).isCloseTo(-8, within(0.3)).isCloseTo(ffmpeg[0], within(0.2));
        assertThat(tp).isCloseTo(ffmpeg[1], within(0.2)).isGreaterThan(-0.5);

        PlatformPlayback normal = find(r, "spotify-normal");
        assertThat(normal.gainDb()).isCloseTo(-14 - lufs, within(1e-9)).isCloseTo(-6, within(0.3));
        assertThat(normal.gainDb()).isCloseTo(-14 - ffmpeg[0], within(0.2));
        assertThat(normal.playbackLufs()).isCloseTo(-14, within(1e-9));
        assertThat(normal.playbackTruePeakDbtp()).isCloseTo(tp - 14 - lufs, within(1e-9));
        assertThat(normal.loudnessPenaltyDb()).isCloseTo(6, within(0.3));
        // Spotify's limiter only catches tracks it raises: -11 LUFS is a turn-down for this master.
        PlatformPlayback loud = find(r, "spotify-loud");
        assertThat(loud.gainDb()).isCloseTo(-11 - lufs, within(1e-9));
        assertThat(loud.limitingDb()).isZero();
        assertThat(find(r, "apple-music").gainDb()).isCloseTo(-16 - lufs, within(1e-9));
        assertThat(find(r, "deezer").gainDb()).isCloseTo(-15 - lufs, within(1e-9));
        for (PlatformPlayback p : r.platforms()) assertThat(p.gainDb()).as(p.service().id()).isNegative();

        assertThat(codes(r)).contains(FindingCode.LOUDNESS_TURNED_DOWN).doesNotContain(FindingCode.PLATFORM_LIMITING);
        Finding note = r.findings().stream().filter(f -> f.code() == FindingCode.LOUDNESS_TURNED_DOWN).findFirst().orElseThrow();
        assertThat(note.severity()).isEqualTo(Severity.NOTE);
    }

    @Test
    void aQuietDynamicMixIsRaisedOnlyAsFarAsItsPeaksAllowAndSpotifyLoudLimitsIt() throws Exception {
        Path mix = StreamingSongs.quietDynamicMix(dir, 40, -20, -5);
        CheckResult r = check(mix);
        double lufs = r.measurements().loudness().integratedLufs(), tp = r.measurements().peaks().truePeakDbtp();
        double[] ffmpeg = StreamingSongs.ffmpegLoudnessAndTruePeak(mix);
        assertThat(lufs).isCloseTo(-20, within(0.05)).isCloseTo(ffmpeg[0], within(0.2));
        assertThat(tp).isCloseTo(-5, within(0.1)).isCloseTo(ffmpeg[1], within(0.2));

        // Spotify's own example: -20 LUFS with a -5 dBTP peak is lifted to -16 LUFS, not -14.
        PlatformPlayback normal = find(r, "spotify-normal");
        assertThat(normal.gainDb()).isCloseTo(-1 - tp, within(1e-9)).isCloseTo(4, within(0.1));
        assertThat(normal.playbackLufs()).isCloseTo(-16, within(0.15));
        assertThat(normal.playbackTruePeakDbtp()).isCloseTo(-1, within(1e-9));
        assertThat(normal.raiseCappedByPeaks(lufs)).isTrue();
        assertThat(find(r, "youtube").gainDb()).isZero();
        assertThat(find(r, "tidal").gainDb()).isZero();
        assertThat(find(r, "spotify-quiet").gainDb()).isCloseTo(-19 - lufs, within(1e-9));

        // Loud: +9 dB whatever the peak, into the limiter at -1 dBFS; the transient needs about 5 dB of it.
        PlatformPlayback loud = find(r, "spotify-loud");
        assertThat(loud.gainDb()).isCloseTo(-11 - lufs, within(1e-9));
        double samplePeak = r.measurements().peaks().samplePeakDbfs();
        assertThat(loud.limitingDb()).isCloseTo(samplePeak + loud.gainDb() + 1, within(0.1));
        assertThat(loud.playbackTruePeakDbtp()).isLessThan(-0.5);
        assertThat(loud.playbackLufs()).isCloseTo(-11, within(0.1));
        // 5 dB off one transient: under what the warning takes as audible
        assertThat(codes(r)).doesNotContain(FindingCode.PLATFORM_LIMITING, FindingCode.LOUDNESS_TURNED_DOWN);
    }

    @Test
    void spotifyLoudLimitingAnOpenMixHardIsAWarning() throws Exception {
        Path mix = StreamingSongs.quietDynamicMix(dir, 40, -20, -2);
        CheckResult r = check(mix);
        PlatformPlayback loud = find(r, "spotify-loud");
        assertThat(loud.limitingDb()).isCloseTo(r.measurements().peaks().samplePeakDbfs() + loud.gainDb() + 1, within(0.1)).isGreaterThan(6);
        Finding f = r.findings().stream().filter(x -> x.code() == FindingCode.PLATFORM_LIMITING).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("Spotify Loud raises it by 9.0 dB");
        assertThat(f.values().get("spotify_loud_limiting_db")).isEqualTo(loud.limitingDb());
    }

    @Test
    void silenceHasNoPlayback() throws Exception {
        assertThat(NormalisationPreview.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                () -> { throw new AssertionError("silence is not read again"); })).isEmpty();
    }

    static CheckResult check(Path file) throws Exception {
        return MixCheck.run(file, (i, f) -> { }, List.of(), List.of(), VocalChoice.DETECT, new StreamingChecks(true, List.of(), null));
    }

    static PlatformPlayback find(CheckResult r, String id) {
        return r.platforms().stream().filter(p -> p.service().id().equals(id)).findFirst().orElseThrow();
    }

    static List<FindingCode> codes(CheckResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }
}

package dev.signoff.analysis.album;

import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.platforms.StreamingService;

import java.util.List;

/**
 * An album (or EP) measured track by track and lined up.
 *
 * @param tracks        in album order
 * @param albumLufs     the album's integrated loudness (AES TD1008: gated over every track's
 *                      400 ms blocks together, as if the album were one programme)
 * @param albumLraLu    the album's loudness range (EBU Tech 3342 over every track's short-term loudness together)
 * @param albumTruePeakDbtp the highest true peak of any track
 * @param albumModes    every streaming service playing the album at one gain
 * @param transitions   between each track and the next, in order ({@code tracks.size() - 1} of them)
 * @param findings      ALBUM_OUTLIER findings, each naming its track
 */
public record AlbumResult(List<AlbumTrack> tracks, double albumLufs, double albumLraLu, double albumTruePeakDbtp,
                          List<AlbumMode> albumModes, List<Transition> transitions, List<TrackFinding> findings) {

    public AlbumResult {
        tracks = List.copyOf(tracks);
        albumModes = List.copyOf(albumModes);
        transitions = List.copyOf(transitions);
        findings = List.copyOf(findings);
    }

    /**
     * One gain for the whole album, as a service plays it in album mode.
     *
     * @param service                     the service and its rule ({@code check --platforms}'s model)
     * @param gainDb                      the gain it applies to every track
     * @param loudestTrack                index of the loudest track
     * @param loudestPlaybackLufs         the loudest track as played (the reference, unless the gain was held back)
     * @param loudestPlaybackTruePeakDbtp its true peak as played
     * @param quietestTrack               index of the quietest track
     * @param quietestPlaybackLufs        the quietest track as played
     * @param quietestPlaybackTruePeakDbtp its true peak as played
     * @param playbackTruePeakDbtp        the album's highest true peak as played
     * @param limiterEngages              the service's limiter (Spotify Loud) would act on some track: the
     *                                    playback figures are then before the limiter, which is not run here
     */
    public record AlbumMode(StreamingService service, double gainDb, int loudestTrack, double loudestPlaybackLufs,
                            double loudestPlaybackTruePeakDbtp, int quietestTrack, double quietestPlaybackLufs,
                            double quietestPlaybackTruePeakDbtp, double playbackTruePeakDbtp, boolean limiterEngages) {
        public double referenceLufs() {
            return service.referenceLufs();
        }
    }

    /**
     * The join between track {@code from} and the next.
     *
     * @param from     index of the first track
     * @param gapS     silence between them: the first's silent tail and the second's silent head
     * @param fadeOutS the first track's fade-out (0 when it stops)
     * @param fadeInS  the second track's fade-in (0 when it starts at once)
     * @param cut      the first track is cut off while still sounding
     */
    public record Transition(int from, double gapS, double fadeOutS, double fadeInS, boolean cut) {}

    /** A finding about one track of the album (index into {@link #tracks()}). */
    public record TrackFinding(int track, Finding finding) {}
}

package dev.signoff.session;

import java.nio.file.Path;
import java.util.List;

/**
 * What a DAW session holds, read from its file: one model behind the REAPER, DAWproject and
 * Ardour readers, so that each check is written once. {@code sampleRate} and {@code tempoBpm} are
 * 0 where the format does not record them; {@code rangeStartS}/{@code rangeEndS} are the session's
 * own start and end where it records them (Ardour's session range, REAPER's render range), else the
 * span of its items, and {@code rangeName} says which ("session range", "render range", "content").
 * {@code renderStartS} is where a bounce of the session starts on its timeline, NaN where the format
 * does not record it (DAWproject; an Ardour session without a session range; REAPER rendering regions).
 */
public record Session(Daw daw, Path file, int sampleRate, double tempoBpm, List<Track> tracks, List<Marker> markers,
                      List<MediaFile> media, double rangeStartS, double rangeEndS, String rangeName, double renderStartS) {

    public Session {
        file = file.toAbsolutePath().normalize();
        tracks = List.copyOf(tracks);
        markers = List.copyOf(markers);
        media = List.copyOf(media);
    }

    /** The session's folder: where relative media paths start and what an archive collects. */
    public Path folder() {
        return file.getParent();
    }

    public List<MediaFile> usedMedia() {
        return media.stream().filter(MediaFile::used).toList();
    }
}

package dev.signoff.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionArchiveTest {

    @TempDir Path dir;

    /** Archives, moves the archive elsewhere, and checks it stands on its own: audit clean of media findings, checksums verify. */
    private Session roundTrip(Path sessionFile) throws Exception {
        byte[] before = Files.readAllBytes(sessionFile);
        FileTime mtime = Files.getLastModifiedTime(sessionFile);
        Session original = SessionReader.read(sessionFile);
        SessionArchive.Result r = SessionArchive.archive(original, Files.createDirectories(dir.resolve("out")).resolve("Archive"), List.of("mix.wav  3:12.0  48 kHz", "0 problems"));
        assertThat(dir.resolve("out/Archive.partial")).doesNotExist();
        assertThat(Files.readAllBytes(sessionFile)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(sessionFile)).isEqualTo(mtime);

        Path moved = Files.move(r.folder(), Files.createDirectories(dir.resolve("elsewhere/deeper")).resolve("Moved"));
        Session copy = SessionReader.read(moved.resolve(sessionFile.getFileName().toString()));
        assertThat(SessionAudit.audit(copy, null)).extracting(SessionFinding::code)
                .doesNotContain(SessionCode.MISSING_MEDIA, SessionCode.MEDIA_OUTSIDE_PROJECT);
        assertThat(copy.usedMedia()).allSatisfy(m -> assertThat(m.path().isAbsolute() ? m.path().startsWith(moved) : m.inContainer()).isTrue());
        List<String> manifest = Files.readAllLines(moved.resolve(SessionArchive.MANIFEST));
        try (Stream<Path> files = Files.walk(moved)) {
            assertThat(manifest).hasSize((int) files.filter(Files::isRegularFile).count() - 1);
        }
        for (String line : manifest) {
            String[] hashAndPath = line.split(" {2}", 2);
            assertThat(SessionArchive.sha256(moved.resolve(hashAndPath[1]))).as(hashAndPath[1]).isEqualTo(hashAndPath[0]);
        }
        String recall = Files.readString(moved.resolve("RECALL.md"));
        assertThat(recall).contains("## Tracks and plugin chains", "mix.wav  3:12.0  48 kHz");
        assertThat(Files.readString(moved.resolve("RECALL.html"))).contains("<h1>Recall sheet: ");
        return copy;
    }

    @Test
    void aReaperSessionWithMediaOutsideItsFolderArchivesWhole() throws Exception {
        Path song = dir.resolve("Song «1»");
        wav(song.resolve("Media/kick.wav"), 48000, 0.5);
        Path pad = wav(dir.resolve("Samples/pad 'warm'.wav"), 48000, 0.5);
        Path other = wav(dir.resolve("Other/kick.wav"), 48000, 0.3);
        String tracks = track("Kick", "    MUTESOLO 0 0 0\n" + fxChain(plugin("VST", "VST3: Pro-Q 3 (FabFilter)", false, false)) + item(0, 8, false, 0, "Media/kick.wav"))
                + track("Pad", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, pad.toString()))
                + track("Kick 2", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, other.toString()))
                + track("Kick abs", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, song.resolve("Media/kick.wav").toString()));
        Path file = write(song.resolve("Song.rpp"), rpp("  MARKER 1 0 Intro 0\n", "", tracks));
        assertThat(SessionAudit.audit(SessionReader.read(file), null)).extracting(SessionFinding::code).contains(SessionCode.MEDIA_OUTSIDE_PROJECT);
        Session copy = roundTrip(file);
        assertThat(copy.usedMedia()).extracting(MediaFile::written).containsExactly("Media/kick.wav", "Media/pad 'warm'.wav", "Media/kick (2).wav");
        assertThat(SessionAudit.audit(copy, null)).isEmpty();
        assertThat(Files.readString(copy.file())).contains("FILE \"Media/pad 'warm'.wav\"").doesNotContain(dir.toString());
    }

    @Test
    void aDawprojectEmbedsItsExternalFiles() throws Exception {
        byte[] drums = Files.readAllBytes(wav(dir.resolve("src/drums.wav"), 48000, 0.2));
        Path strings = wav(dir.resolve("elsewhere/strings.wav"), 48000, 0.2);
        String tracks = dawprojectTrack("t1", "Drums", "audio", "regular", false, "") + dawprojectTrack("t2", "Strings", "audio", "regular", false, "");
        String lanes = dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000))
                + dawprojectLane("t2", dawprojectClip(0, 16, true, strings.toString(), true, 48000));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.xml", DAWPROJECT_METADATA.getBytes(StandardCharsets.UTF_8));
        entries.put("project.xml", dawproject(tracks, "", lanes, "            <Marker time=\"0.0\" name=\"Intro\"/>\n").getBytes(StandardCharsets.UTF_8));
        entries.put("audio/drums.wav", drums);
        Path file = zip(dir.resolve("Song/Song.dawproject"), entries);
        Session copy = roundTrip(file);
        assertThat(copy.usedMedia()).extracting(MediaFile::written).containsExactly("audio/drums.wav", "audio/strings.wav");
        assertThat(copy.usedMedia()).allSatisfy(m -> assertThat(m.inContainer()).isTrue());
        assertThat(SessionAudit.audit(copy, null)).isEmpty();
    }

    @Test
    void anArdourSessionMovesItsAbsoluteSourcesIntoItsAudiofiles() throws Exception {
        Path song = dir.resolve("Ballad");
        wav(song.resolve("interchange/Ballad/audiofiles/Kick-1.wav"), 48000, 0.5);
        Path outside = wav(dir.resolve("Loops/break.wav"), 48000, 0.5);
        String sources = "    <Source name=\"Kick-1.wav\" type=\"audio\" flags=\"\" id=\"s1\" channel=\"0\" origin=\"\"/>\n"
                + "    <Source name=\"" + xml(outside.toString()) + "\" type=\"audio\" flags=\"\" id=\"s2\" channel=\"0\" origin=\"\"/>\n";
        String routes = "    <Route id=\"2\" name=\"Kick\" audio-playlist=\"p1\"><PresentationInfo order=\"0\" flags=\"AudioTrack,OrderSet\" color=\"0\"/></Route>\n"
                + "    <Route id=\"3\" name=\"Loop\" audio-playlist=\"p2\"><PresentationInfo order=\"1\" flags=\"AudioTrack,OrderSet\" color=\"0\"/></Route>\n";
        String playlists = "    <Playlist id=\"p1\" name=\"Kick\" type=\"audio\" orig-track-id=\"2\"><Region name=\"Kick-1\" muted=\"0\" position=\"a0\" length=\"a282240000\" source-0=\"s1\"/></Playlist>\n"
                + "    <Playlist id=\"p2\" name=\"Loop\" type=\"audio\" orig-track-id=\"3\"><Region name=\"break\" muted=\"0\" position=\"a0\" length=\"a282240000\" source-0=\"s2\"/></Playlist>\n";
        String locations = "    <Location id=\"l\" name=\"Verse\" start=\"a0\" end=\"a0\" flags=\"IsMark\"/>\n";
        Path file = write(song.resolve("Ballad.ardour"), ArdourSessionTest.session("Ballad", sources, locations, routes, playlists, ""));
        Session copy = roundTrip(file);
        assertThat(copy.usedMedia()).extracting(m -> copy.folder().relativize(m.path()).toString())
                .containsExactly("interchange/Ballad/audiofiles/Kick-1.wav", "interchange/Ballad/audiofiles/break.wav");
        assertThat(SessionAudit.audit(copy, null)).isEmpty();
    }

    @Test
    void missingMediaOrATakenDestinationRefuseTheArchiveAndLeaveNothing() throws Exception {
        Path song = dir.resolve("Song");
        wav(song.resolve("Media/kick.wav"), 48000, 0.5);
        Path file = write(song.resolve("Song.rpp"), rpp("", "", track("Kick", item(0, 1, false, 0, "Media/kick.wav")) + track("Gtr", item(0, 1, false, 0, "Media/gone.wav"))));
        Session s = SessionReader.read(file);
        assertThatThrownBy(() -> SessionArchive.archive(s, dir.resolve("A"), null)).isInstanceOf(SessionArchive.ArchiveException.class)
                .hasMessage("cannot archive: 1 media file is missing (Media/gone.wav); find it first");
        assertThat(dir.resolve("A")).doesNotExist();
        assertThat(dir.resolve("A.partial")).doesNotExist();
        Files.createDirectories(dir.resolve("Taken"));
        wav(song.resolve("Media/gone.wav"), 48000, 0.5);
        Session whole = SessionReader.read(file);
        assertThatThrownBy(() -> SessionArchive.archive(whole, dir.resolve("Taken"), null)).hasMessageEndingWith("Taken already exists: give a new folder for the archive");
        Files.createDirectories(dir.resolve("B.partial"));
        assertThatThrownBy(() -> SessionArchive.archive(whole, dir.resolve("B"), null)).hasMessageContaining("B.partial is left from an archive that did not finish");
    }
}

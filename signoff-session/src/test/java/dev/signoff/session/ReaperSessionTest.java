package dev.signoff.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaperSessionTest {

    @TempDir Path dir;

    /** A REAPER session with every finding the format can raise, each caused once. */
    private Path everyFinding() throws Exception {
        Path song = dir.resolve("Song");
        wav(song.resolve("Media/kick.wav"), 48000, 0.5);
        wav(song.resolve("Media/vox-01.wav"), 48000, 0.5);
        wav(song.resolve("Media/vox-02.wav"), 48000, 0.5);
        wav(song.resolve("Media/loop 44k.wav"), 44100, 0.5);
        wav(song.resolve("Media/old idea.wav"), 48000, 0.5);
        wav(song.resolve("Media/leftover.wav"), 48000, 1.0);
        Path outside = wav(dir.resolve("Samples/pad.wav"), 48000, 0.5);
        String tracks = track("Kick", "    MUTESOLO 0 0 0\n    ISBUS 0 0\n    FX 1\n"
                        + fxChain(plugin("VST", "VST3: Pro-Q 3 (FabFilter)", true, false) + plugin("VST", "VSTi: Kontakt (Native Instruments) (64 out)", false, true))
                        + item(0, 8, false, 0, "Media/kick.wav"))
                + track("Audio 3", "    MUTESOLO 0 0 0\n    ISBUS 0 0\n")
                + track("Gtr DI", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, "Media/gtr-di.wav"))
                + track("Lead vox", "    MUTESOLO 0 0 0\n" + item(4, 4, false, 1, "Media/vox-01.wav", "Media/vox-02.wav"))
                + track("Pad", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, outside.toString()))
                + track("Loop", "    MUTESOLO 0 0 0\n" + item(0, 8, false, 0, "Media/loop 44k.wav"))
                + track("Old idea", "    MUTESOLO 1 0 0\n" + item(8, 2, false, 0, "Media/old idea.wav"));
        String master = "    BYPASS 0 0 0\n    <VST \"VST: ReaLimit (Cockos)\" reaLimit.so 0 \"\" 1919052908<56535472656C6D72656C696D6974> \"\"\n      bWltTAAAAAA=\n    >\n    FXID {AAAAAAAA-2222-3333-4444-555555555555}\n    WAK 0 0\n";
        return write(song.resolve("Song.rpp"), rpp("", master, tracks));
    }

    @Test
    void everyFindingOfTheFormatIsRaisedWorstFirst() throws Exception {
        Session s = SessionReader.read(everyFinding());
        List<SessionFinding> f = SessionAudit.audit(s, null);
        assertThat(f).extracting(SessionFinding::code).containsExactly(
                SessionCode.MISSING_MEDIA, SessionCode.OFFLINE_PLUGIN,
                SessionCode.MEDIA_OUTSIDE_PROJECT, SessionCode.BYPASSED_PLUGIN, SessionCode.SAMPLE_RATE_MISMATCH, SessionCode.UNNAMED_TRACK,
                SessionCode.UNUSED_MEDIA, SessionCode.ALTERNATE_TAKES, SessionCode.MUTED_CONTENT, SessionCode.EMPTY_TRACK,
                SessionCode.MASTER_BUS_PROCESSING, SessionCode.NO_MARKERS);
        assertThat(f).filteredOn(x -> x.code() == SessionCode.MISSING_MEDIA).singleElement()
                .satisfies(x -> assertThat(x.track()).isEqualTo("Gtr DI")).satisfies(x -> assertThat(x.message()).startsWith("Media/gtr-di.wav is missing"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.OFFLINE_PLUGIN).singleElement()
                .satisfies(x -> assertThat(x.message()).startsWith("Kontakt (Native Instruments) [VSTi] is offline"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.BYPASSED_PLUGIN).singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("Pro-Q 3 (FabFilter) [VST3] is bypassed."));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.SAMPLE_RATE_MISMATCH).singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("Media/loop 44k.wav is 44.1 kHz, the session runs at 48 kHz."));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.UNUSED_MEDIA).singleElement()
                .satisfies(x -> assertThat(x.message()).startsWith("1 file in the media folder, 281.3 kB, is used by no item: Media/leftover.wav"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.ALTERNATE_TAKES).singleElement()
                .satisfies(x -> assertThat(x.track()).isEqualTo("Lead vox")).satisfies(x -> assertThat(x.message()).isEqualTo("1 item holds 1 take that does not play."));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.MASTER_BUS_PROCESSING).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("ReaLimit (Cockos) [VST]"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.UNNAMED_TRACK).singleElement().satisfies(x -> assertThat(x.track()).isEqualTo("Audio 3"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.EMPTY_TRACK).singleElement().satisfies(x -> assertThat(x.track()).isEqualTo("Audio 3"));
        assertThat(f).filteredOn(x -> x.code() == SessionCode.MUTED_CONTENT).singleElement().satisfies(x -> assertThat(x.track()).isEqualTo("Old idea"));

        assertThat(s.sampleRate()).isEqualTo(48000);
        assertThat(s.tempoBpm()).isEqualTo(120);
        Item vox = s.tracks().stream().filter(t -> t.name().equals("Lead vox")).findFirst().orElseThrow().items().get(0);
        assertThat(vox.activeTake()).isEqualTo(1);
        assertThat(vox.name()).isEqualTo("vox-02.wav");
        assertThat(s.rangeEndS()).isEqualTo(10);
    }

    @Test
    void aTidySessionWithMarkersHasNoFinding() throws Exception {
        Path song = dir.resolve("Tidy");
        wav(song.resolve("Media/bass.wav"), 48000, 0.5);
        String markers = "  MARKER 1 0 Intro 0 0 1 B {A1} 0\n  MARKER 2 15.5 \"Verse one\" 1 0 1 B {A2} 0\n  MARKER 2 31 \"\" 1\n  MARKER 3 31 Chorus 0 0 1 B {A3} 0\n";
        Session s = SessionReader.read(write(song.resolve("Tidy.rpp"), rpp(markers, "", track("Bass", "    MUTESOLO 0 0 0\n" + item(0, 40, false, 0, "Media/bass.wav")))));
        assertThat(SessionAudit.audit(s, null)).isEmpty();
        assertThat(s.markers()).containsExactly(new Marker(0, "Intro"), new Marker(15.5, "Verse one"), new Marker(31, "Chorus"));
    }

    @Test
    void unicodeNamesAndSpacesAndQuotesInPathsAreReadAsWritten() throws Exception {
        Path song = dir.resolve("Mix «Sommer» 2026");
        wav(song.resolve("Media/Sängerin 'take' \"1\".wav"), 48000, 0.5);
        Session s = SessionReader.read(write(song.resolve("Lied über Brücken.rpp"), rpp("  MARKER 1 0 Strophe 0\n", "",
                track("Bläser – Sätze", "    MUTESOLO 0 0 0\n" + item(0, 1, false, 0, "Media/Sängerin 'take' \"1\".wav")))));
        assertThat(s.tracks().get(1).name()).isEqualTo("Bläser – Sätze");
        assertThat(s.usedMedia()).singleElement().satisfies(m -> {
            assertThat(m.exists()).isTrue();
            assertThat(m.path().getFileName().toString()).isEqualTo("Sängerin 'take' \"1\".wav");
            assertThat(m.sampleRate()).isEqualTo(48000);
        });
        assertThat(SessionAudit.audit(s, null)).isEmpty();
    }

    @Test
    void aSessionSavedOnWindowsResolvesItsRelativePathsAndFlagsItsDrivePaths() throws Exception {
        Path song = dir.resolve("Win");
        wav(song.resolve("Media/snare.wav"), 48000, 0.5);
        String tracks = track("Snare", "    MUTESOLO 0 0 0\n" + item(0, 1, false, 0, "Media\\snare.wav"))
                + track("Kick", "    MUTESOLO 0 0 0\n" + item(0, 1, false, 0, "C:\\Users\\Mix\\Samples\\kick.wav"));
        Session s = SessionReader.read(write(song.resolve("Win.rpp"), rpp("  MARKER 1 0 Intro 0\n", "", tracks).replace("\n", "\r\n")));
        assertThat(s.usedMedia()).extracting(MediaFile::exists).containsExactly(true, false);
        List<SessionFinding> f = SessionAudit.audit(s, null);
        assertThat(f).extracting(SessionFinding::code).containsExactly(SessionCode.MISSING_MEDIA, SessionCode.MEDIA_OUTSIDE_PROJECT);
        assertThat(f.get(0).message()).isEqualTo("C:\\Users\\Mix\\Samples\\kick.wav is missing.");
    }

    @Test
    void aBounceOfAnotherRateOrLengthIsAMismatch() throws Exception {
        Path song = dir.resolve("B");
        wav(song.resolve("Media/bass.wav"), 48000, 0.5);
        Session s = SessionReader.read(write(song.resolve("B.rpp"), rpp("  MARKER 1 0 Intro 0\n", "", track("Bass", "    MUTESOLO 0 0 0\n" + item(0, 40, false, 0, "Media/bass.wav")))));
        assertThat(SessionAudit.audit(s, new Bounce(Path.of("mix.wav"), 48000, 42, 0, List.of()))).isEmpty();
        List<SessionFinding> f = SessionAudit.audit(s, new Bounce(Path.of("mix.wav"), 44100, 30, 0, List.of()));
        assertThat(f).extracting(SessionFinding::code).containsExactly(SessionCode.BOUNCE_MISMATCH, SessionCode.BOUNCE_MISMATCH);
        assertThat(f.get(0).message()).isEqualTo("mix.wav is 44.1 kHz, the session runs at 48 kHz.");
        assertThat(f.get(1).message()).isEqualTo("mix.wav lasts 0:30.0, the session's content lasts 0:40.0 (-10.00 s).");
    }

    /**
     * The session's content starts at 0:02.0; REAPER renders from its render range's start (custom
     * bounds, or the time selection, or 0 for the entire project), so the bounce must be silent
     * for the difference. A bounce sounding from its first sample was rendered from elsewhere.
     */
    @Test
    void aBounceThatSoundsBeforeTheSessionsContentMissesItsStart() throws Exception {
        Path song = dir.resolve("Start");
        wav(song.resolve("Media/bass.wav"), 48000, 0.5);
        String bass = track("Bass", "    MUTESOLO 0 0 0\n" + item(2, 10, false, 0, "Media/bass.wav"));
        Session custom = SessionReader.read(write(song.resolve("Custom.rpp"), rpp("  MARKER 1 0 Intro 0\n  RENDER_RANGE 0 0 12 18 1000\n", "", bass)));
        assertThat(custom.renderStartS()).isEqualTo(0);
        assertThat(SessionAudit.audit(custom, new Bounce(Path.of("mix.wav"), 48000, 12, 2.0, List.of()))).isEmpty();
        List<SessionFinding> f = SessionAudit.audit(custom, new Bounce(Path.of("mix.wav"), 48000, 12, 0.0, List.of()));
        assertThat(f).extracting(SessionFinding::code).containsExactly(SessionCode.BOUNCE_MISMATCH);
        assertThat(f.get(0).message()).isEqualTo("mix.wav sounds from 0:00.0, the session's first item plays from 0:02.0 of the render range (which starts at 0:00.0).");

        Session selection = SessionReader.read(write(song.resolve("Selection.rpp"), rpp("  MARKER 1 0 Intro 0\n  SELECTION 2 12\n  RENDER_RANGE 2 0 0 18 1000\n", "", bass)));
        assertThat(selection.renderStartS()).isEqualTo(2);
        assertThat(SessionAudit.audit(selection, new Bounce(Path.of("mix.wav"), 48000, 10, 0.0, List.of()))).isEmpty();

        Session whole = SessionReader.read(write(song.resolve("Whole.rpp"), rpp("  MARKER 1 0 Intro 0\n  RENDER_RANGE 1 0 0 18 1000\n", "", bass)));
        assertThat(whole.renderStartS()).isEqualTo(0);
        assertThat(SessionAudit.audit(whole, new Bounce(Path.of("mix.wav"), 48000, 12, 0.4, List.of()))).extracting(SessionFinding::code)
                .containsExactly(SessionCode.BOUNCE_MISMATCH);
        // a bounce that sounds later than the first item may hold an item that starts silent: not a mismatch
        assertThat(SessionAudit.audit(whole, new Bounce(Path.of("mix.wav"), 48000, 12, 3.5, List.of()))).isEmpty();
    }

    /** The bounce's first sound, read from its samples: 1.5 s of silence, then the mix. */
    @Test
    void theBouncesFirstSoundIsItsFirstSampleAboveTheNoiseFloor() throws Exception {
        Path mix = dir.resolve("mix.wav");
        int rate = 48000;
        float[][] audio = new float[2][rate * 3];
        for (int i = rate * 3 / 2; i < audio[0].length; i++) audio[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 110 * i / rate));
        for (int i = 0; i < rate; i++) audio[0][i] = 1e-5f * ((i & 1) == 0 ? 1 : -1);
        try (dev.signoff.audio.wav.WavWriter w = dev.signoff.audio.wav.WavWriter.open(mix, rate, 2, 24)) {
            w.write(audio, audio[0].length);
        }
        Bounce b = Bounce.read(mix, List.of());
        assertThat(b.sampleRate()).isEqualTo(rate);
        assertThat(b.lengthS()).isEqualTo(3.0);
        assertThat(b.firstSoundS()).isBetween(1.5, 1.51);
        assertThat(Bounce.read(wav(dir.resolve("tone.wav"), rate, 0.5), List.of()).firstSoundS()).isLessThan(0.001);
    }

    @Test
    void aSessionFolderHoldingOneSessionFileIsReadAsThatFile() throws Exception {
        Path file = everyFinding();
        assertThat(SessionReader.read(file.getParent()).file()).isEqualTo(file.toAbsolutePath());
        write(file.resolveSibling("Song (alt mix).rpp"), Files.readString(file));
        assertThatThrownBy(() -> SessionReader.read(file.getParent())).isInstanceOf(SessionFileException.class)
                .hasMessage("Song: a folder with 2 session files (Song (alt mix).rpp, Song.rpp); give one of them");
        assertThatThrownBy(() -> SessionReader.read(dir.resolve("Samples"))).isInstanceOf(SessionFileException.class)
                .hasMessage("Samples: a folder with no session file (.rpp, .dawproject or .ardour) in it");
    }

    @Test
    void defaultNamesAreToldFromGivenOnesAtOnceWhateverTheirLength() {
        for (String d : List.of("", " ", "Audio 3", "Track 12", "Inst 1", "Audio 1-dup", "Audio 1-dup2", "MIDI 2.1", "audio", "Audio Track 4", "Bus 2 copy"))
            assertThat(SessionAudit.isDefaultName(d)).as(d).isTrue();
        for (String n : List.of("Kick", "Audio 3 vox", "Track of the day", "Lead vox 2"))
            assertThat(SessionAudit.isDefaultName(n)).as(n).isFalse();
        String hostile = "Audio " + "1 ".repeat(4000) + "x";
        long t0 = System.nanoTime();
        assertThat(SessionAudit.isDefaultName(hostile)).isFalse();
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds to judge a long name").isLessThan(0.5);
    }

    @Test
    void aTruncatedProjectIsOneLineNamingTheOpenChunk() throws Exception {
        Path full = everyFinding();
        String text = Files.readString(full);
        Path cut = write(dir.resolve("cut.rpp"), text.substring(0, text.indexOf("<TRACK", text.indexOf("Lead vox") - 80) + 200));
        assertThatThrownBy(() -> SessionReader.read(cut)).isInstanceOf(SessionFileException.class)
                .hasMessageMatching("cut\\.rpp: truncated: the <\\w+ chunk opened on line \\d+ is never closed");
        Path notRpp = write(dir.resolve("notes.rpp"), "just some notes\n");
        assertThatThrownBy(() -> SessionReader.read(notRpp)).hasMessage("notes.rpp: not a REAPER project (it does not start with <REAPER_PROJECT)");
        Path binary = dir.resolve("binary.rpp");
        Files.write(binary, new byte[]{0, 1, 2, (byte) 0xff, 0x3c});
        assertThatThrownBy(() -> SessionReader.read(binary)).isInstanceOf(SessionFileException.class).hasMessageNotContaining("\n");
    }
}

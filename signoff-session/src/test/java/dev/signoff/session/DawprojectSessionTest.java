package dev.signoff.session;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DawprojectSessionTest {

    @TempDir Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path container(String name, String projectXml, Map<String, byte[]> audio) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.xml", bytes(DAWPROJECT_METADATA));
        entries.put("project.xml", bytes(projectXml));
        entries.putAll(audio);
        return zip(dir.resolve("Song").resolve(name), entries);
    }

    @Test
    void everyFindingTheFormatCanTellIsRaised() throws Exception {
        byte[] drums = Files.readAllBytes(wav(dir.resolve("src/drums.wav"), 48000, 0.2));
        Path outside = wav(dir.resolve("elsewhere/strings.wav"), 44100, 0.2);
        String tracks = dawprojectTrack("t1", "Drums", "audio", "regular", false,
                        dawprojectDevice("Vst3Plugin", "Pro-C 2", "FabFilter", "audioFX", false, true, "d1")
                        + dawprojectDevice("ClapPlugin", "Diva", "u-he", "instrument", true, false, "d2"))
                + dawprojectTrack("t2", "Audio 2", "audio", "regular", false, "")
                + dawprojectTrack("t3", "Strings", "audio", "regular", false, "")
                + dawprojectTrack("t4", "Old chorus", "audio", "regular", true, "")
                + dawprojectTrack("t5", "Vox", "audio", "regular", false, "");
        String lanes = dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000))
                + dawprojectLane("t3", dawprojectClip(0, 16, true, outside.toString(), true, 44100))
                + dawprojectLane("t4", dawprojectClip(16, 8, true, "audio/drums.wav", false, 48000))
                + dawprojectLane("t5", dawprojectClip(0, 8, false, "audio/vox.wav", false, 48000) + dawprojectClip(8, 8, true, "audio/drums.wav", false, 48000));
        String master = "                <Limiter deviceName=\"Limiter\" deviceRole=\"audioFX\" loaded=\"true\" id=\"lim\" name=\"Limiter\">\n"
                + "                    <Enabled value=\"true\" id=\"lime\" name=\"On/Off\"/>\n                </Limiter>\n";
        Path file = container("Song.dawproject", dawproject(tracks, master, lanes, ""),
                Map.of("audio/drums.wav", drums, "audio/unused-take.wav", drums));
        Session s = SessionReader.read(file);
        List<SessionFinding> f = SessionAudit.audit(s, null);
        assertThat(f).extracting(SessionFinding::code).containsExactly(
                SessionCode.MISSING_MEDIA, SessionCode.OFFLINE_PLUGIN, SessionCode.MEDIA_OUTSIDE_PROJECT, SessionCode.BYPASSED_PLUGIN,
                SessionCode.SAMPLE_RATE_MISMATCH, SessionCode.UNNAMED_TRACK, SessionCode.UNUSED_MEDIA, SessionCode.MUTED_CONTENT, SessionCode.MUTED_CONTENT,
                SessionCode.EMPTY_TRACK, SessionCode.MASTER_BUS_PROCESSING, SessionCode.NO_MARKERS);
        assertThat(f.get(0).message()).isEqualTo("audio/vox.wav is missing.");
        assertThat(f.get(1).message()).startsWith("Diva (u-he) [CLAP] is offline");
        assertThat(f.get(3).message()).isEqualTo("Pro-C 2 (FabFilter) [VST3] is bypassed.");
        assertThat(f.get(4).message()).endsWith("strings.wav is 44.1 kHz, most of the media are 48 kHz.");
        assertThat(f.get(6).message()).contains("audio/unused-take.wav");
        assertThat(f).filteredOn(x -> x.code() == SessionCode.MUTED_CONTENT).extracting(SessionFinding::track).containsExactly("Old chorus", "Vox");
        assertThat(s.tempoBpm()).isEqualTo(120);
        assertThat(s.sampleRate()).isZero();
        // DAWproject records no render range: a bounce's start is not compared
        assertThat(s.renderStartS()).isNaN();
        assertThat(SessionAudit.audit(s, new Bounce(Path.of("mix.wav"), 48000, 16, 0.0, List.of()))).noneMatch(x -> x.code() == SessionCode.BOUNCE_MISMATCH);
        Track vox = s.tracks().stream().filter(t -> t.name().equals("Vox")).findFirst().orElseThrow();
        assertThat(vox.items()).extracting(Item::startS).containsExactly(0.0, 4.0);
        assertThat(s.tracks()).filteredOn(t -> t.kind() == Track.Kind.MASTER).singleElement()
                .satisfies(t -> assertThat(t.plugins()).containsExactly(new Plugin("Limiter", "", "built-in", false, false)));
    }

    @Test
    void markersInBeatsAreReadInSeconds() throws Exception {
        byte[] drums = Files.readAllBytes(wav(dir.resolve("src/drums.wav"), 48000, 0.2));
        Path file = container("M.dawproject", dawproject(dawprojectTrack("t1", "Drums", "audio", "regular", false, ""), "",
                dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000)),
                "            <Marker time=\"0.0\" name=\"Intro\"/>\n            <Marker time=\"32.0\" name=\"Verse &amp; hook\"/>\n"), Map.of("audio/drums.wav", drums));
        Session s = SessionReader.read(file);
        assertThat(s.markers()).containsExactly(new Marker(0, "Intro"), new Marker(16, "Verse & hook"));
        assertThat(SessionAudit.audit(s, null)).isEmpty();
    }

    @Test
    void namesFromTheSessionAreEscapedInTheHtmlAndTheRecallSheet() throws Exception {
        String hostile = "<script>alert(1)</script> | \"Vox\" & 'Co'";
        byte[] drums = Files.readAllBytes(wav(dir.resolve("src/drums.wav"), 48000, 0.2));
        Path file = container("H.dawproject", dawproject(dawprojectTrack("t1", hostile, "audio", "regular", false,
                        dawprojectDevice("Vst3Plugin", "<b>Pro-Q</b>", "Fab|Filter", "audioFX", true, true, "d1")), "",
                dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000)), ""), Map.of("audio/drums.wav", drums));
        Session s = SessionReader.read(file);
        assertThat(s.tracks().get(0).name()).isEqualTo(hostile);
        String html = SessionHtmlReport.render(s, SessionAudit.audit(s, null)) + SessionHtmlReport.recallSheet(s, List.of("<i>check</i>"));
        assertThat(html).doesNotContain("<script>", "<b>", "<i>check").contains("&lt;script&gt;alert(1)&lt;/script&gt; | &quot;Vox&quot; &amp; &#39;Co&#39;");
        String md = RecallSheet.markdown(s, null);
        assertThat(md.lines().filter(l -> l.contains("alert"))).singleElement().satisfies(l -> assertThat(l.split("(?<!\\\\)\\|")).hasSize(6));
    }

    @Test
    void aZipWithoutProjectXmlOrNotAZipIsOneLine() throws Exception {
        Path noProject = zip(dir.resolve("empty.dawproject"), Map.of("metadata.xml", bytes(DAWPROJECT_METADATA)));
        assertThatThrownBy(() -> SessionReader.read(noProject)).isInstanceOf(SessionFileException.class)
                .hasMessage("empty.dawproject: has no project.xml: not a DAWproject file");
        Path text = write(dir.resolve("text.dawproject"), "<Project/>");
        assertThatThrownBy(() -> SessionReader.read(text)).hasMessage("text.dawproject: not a ZIP archive, or a truncated one: a .dawproject file is a ZIP");
        byte[] whole = Files.readAllBytes(container("whole.dawproject", dawproject("", "", "", ""), Map.of()));
        Path cut = dir.resolve("cut.dawproject");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> SessionReader.read(cut)).isInstanceOf(SessionFileException.class).hasMessageStartingWith("cut.dawproject: ").hasMessageNotContaining("\n");
        Path broken = container("broken.dawproject", "<Project version=\"1.0\"><Structure><Track name=\"a\">", Map.of());
        assertThatThrownBy(() -> SessionReader.read(broken)).isInstanceOf(SessionFileException.class)
                .hasMessageStartingWith("broken.dawproject: corrupt XML in project.xml at line 1").hasMessageNotContaining("\n");
    }

    @Test
    void anExternalEntityIsRefusedAndNeverFetched() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            fetched.incrementAndGet();
            byte[] body = bytes("<!ENTITY leak 'LEAKED'>");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path secret = write(dir.resolve("secret.txt"), "TOP-SECRET");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
            String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n  <!ENTITY file SYSTEM \"" + secret.toUri() + "\">\n  <!ENTITY % remote SYSTEM \"" + url + "\">\n  %remote;\n]>\n"
                    + "<Project version=\"1.0\"><Application name=\"&file;\" version=\"1\"/><Structure><Track name=\"&file;\" id=\"t\"/></Structure></Project>\n";
            Path file = container("xxe.dawproject", xxe, Map.of());
            assertThatThrownBy(() -> SessionReader.read(file)).isInstanceOf(SessionFileException.class)
                    .hasMessage("xxe.dawproject: project.xml declares a DOCTYPE, which Signoff refuses (no DAW writes one; it could fetch external entities)");
            Path ardour = write(dir.resolve("xxe.ardour"), xxe.replace("Project", "Session"));
            assertThatThrownBy(() -> SessionReader.read(ardour)).isInstanceOf(SessionFileException.class).hasMessageContaining("DOCTYPE");
        } finally {
            server.stop(0);
        }
        assertThat(fetched).hasValue(0);
    }
}

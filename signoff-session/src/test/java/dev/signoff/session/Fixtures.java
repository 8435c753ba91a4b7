package dev.signoff.session;

import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Session files and media written the way the DAWs write them, for the tests. */
final class Fixtures {
    private Fixtures() {}

    /** A short stereo 24-bit WAV at {@code rate}: a real media file with a real header. */
    static Path wav(Path file, int rate, double seconds) throws IOException {
        Files.createDirectories(file.getParent());
        int frames = (int) (rate * seconds);
        float[][] audio = new float[2][frames];
        for (int i = 0; i < frames; i++) audio[0][i] = audio[1][i] = (float) (0.25 * Math.sin(2 * Math.PI * 220 * i / rate));
        try (WavWriter w = WavWriter.open(file, rate, 2, 24)) {
            w.write(audio, frames);
        }
        return file;
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A REAPER project around {@code tracks} (TRACK chunks) and {@code extra} project lines (MARKER...), as REAPER 7 saves it. */
    static String rpp(String extra, String masterFx, String tracks) {
        return "<REAPER_PROJECT 0.1 \"7.22/linux-x86_64\" 1733560000\n"
                + "  <NOTES 0 2\n  >\n"
                + "  RIPPLE 0\n  GROUPOVERRIDE 0 0 0\n  AUTOXFADE 129\n  ENVATTACH 3\n"
                + "  SAMPLERATE 48000 0 0\n"
                + "  TEMPO 120 4 4\n  PLAYRATE 1 0 0.25 4\n"
                + "  RECORD_PATH \"Media\" \"\"\n"
                + "  <RECORD_CFG\n    ZXZhdxgAAQ==\n  >\n"
                + extra
                + "  MASTER_NCH 2 2\n  MASTER_VOLUME 1 0 -1 -1 1\n  MASTERMUTESOLO 0\n"
                + (masterFx.isEmpty() ? "" : "  <MASTERFXLIST\n    SHOW 0\n    LASTSEL 0\n    DOCKED 0\n" + masterFx + "  >\n")
                + "  <PROJBAY\n  >\n"
                + tracks
                + ">\n";
    }

    static String track(String name, String body) {
        return "  <TRACK {" + java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "}\n"
                + "    NAME " + RppTokens.quote(name) + "\n    PEAKCOL 16576\n    BEAT -1\n    AUTOMODE 0\n    VOLPAN 1 0 -1 -1 1\n"
                + body
                + "  >\n";
    }

    static String fxChain(String plugins) {
        return "    <FXCHAIN\n      WNDRECT 24 52 655 408\n      SHOW 0\n      LASTSEL 0\n      DOCKED 0\n" + plugins + "    >\n";
    }

    /** One plugin in an FX chain: its BYPASS line (bypassed, offline), its chunk with opaque state, and the lines REAPER writes after it. */
    static String plugin(String chunk, String label, boolean bypassed, boolean offline) {
        return "      BYPASS " + (bypassed ? 1 : 0) + " " + (offline ? 1 : 0) + " 0\n"
                + "      <" + chunk + " " + RppTokens.quote(label) + " plugin.vst3 0 \"\" 1234567890{ABCDEF0123456789ABCDEF0123456789} \"\"\n"
                + "        7ZsrMu9e7f4CAAAAAQAAAAAAAAACAAAAAAAAAAIAAAABAAAAAAAAAAIAAAAAAAAA\n"
                + "        AQAAAAAAAAAAABAAAAA=\n"
                + "      >\n      FLOATPOS 0 0 0 0\n      FXID {11111111-2222-3333-4444-555555555555}\n      WAK 0 0\n";
    }

    /** An item with one take per file; {@code selected} is the take that plays. */
    static String item(double position, double length, boolean muted, int selected, String... files) {
        StringBuilder sb = new StringBuilder("    <ITEM\n      POSITION " + position + "\n      SNAPOFFS 0\n      LENGTH " + length
                + "\n      LOOP 1\n      ALLTAKES 0\n      FADEIN 1 0 0 1 0 0 0\n      FADEOUT 1 0 0 1 0 0 0\n      MUTE " + (muted ? 1 : 0) + " 0\n      SEL 0\n"
                + "      IGUID {01234567-89AB-CDEF-0123-456789ABCDEF}\n      IID 1\n");
        for (int i = 0; i < files.length; i++) {
            if (i > 0) sb.append("      TAKE").append(i == selected ? " SEL" : "").append('\n');
            String name = files[i].replaceAll(".*[/\\\\]", "");
            sb.append("      NAME ").append(RppTokens.quote(name)).append("\n      VOLPAN 1 0 1 -1\n      SOFFS 0\n      PLAYRATE 1 1 0 -1 0 0.0025\n      CHANMODE 0\n")
                    .append("      GUID {FEDCBA98-7654-3210-FEDC-BA9876543210}\n")
                    .append("      <SOURCE WAVE\n        FILE ").append(RppTokens.quote(files[i])).append("\n      >\n");
        }
        return sb.append("    >\n").toString();
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static final String DAWPROJECT_METADATA = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<MetaData>\n    <Title>Song</Title>\n    <Artist>Band</Artist>\n</MetaData>\n";

    static String dawprojectTrack(String id, String name, String contentType, String role, boolean muted, String devices) {
        return "        <Track contentType=\"" + contentType + "\" loaded=\"true\" id=\"" + id + "\" name=\"" + xml(name) + "\" color=\"#a2eabf\">\n"
                + "            <Channel audioChannels=\"2\" destination=\"master\" role=\"" + role + "\" solo=\"false\" id=\"" + id + "c\">\n"
                + "                <Devices>\n" + devices + "                </Devices>\n"
                + "                <Mute value=\"" + muted + "\" id=\"" + id + "m\" name=\"Mute\"/>\n"
                + "                <Pan max=\"1.000000\" min=\"0.000000\" unit=\"normalized\" value=\"0.500000\" id=\"" + id + "p\" name=\"Pan\"/>\n"
                + "                <Volume max=\"2.000000\" min=\"0.000000\" unit=\"linear\" value=\"0.659140\" id=\"" + id + "v\" name=\"Volume\"/>\n"
                + "            </Channel>\n        </Track>\n";
    }

    static String dawprojectDevice(String element, String name, String vendor, String role, boolean enabled, boolean loaded, String id) {
        return "                    <" + element + " deviceID=\"com.example." + id + "\" deviceName=\"" + xml(name) + "\" deviceRole=\"" + role + "\" deviceVendor=\"" + xml(vendor)
                + "\" loaded=\"" + loaded + "\" id=\"" + id + "\" name=\"" + xml(name) + "\">\n"
                + "                        <Parameters/>\n"
                + "                        <Enabled value=\"" + enabled + "\" id=\"" + id + "e\" name=\"On/Off\"/>\n"
                + "                        <State path=\"plugins/" + id + ".vstpreset\"/>\n"
                + "                    </" + element + ">\n";
    }

    /** An audio clip in beats as Bitwig exports it: Clip, Warps, Audio with its File. */
    static String dawprojectClip(double time, double duration, boolean enabled, String path, boolean external, int rate) {
        return "                    <Clip time=\"" + time + "\" duration=\"" + duration + "\" playStart=\"0.0\" fadeTimeUnit=\"beats\" fadeInTime=\"0.0\" fadeOutTime=\"0.0\""
                + (enabled ? "" : " enable=\"false\"") + " name=\"" + xml(path.replaceAll(".*[/\\\\]", "")) + "\">\n"
                + "                        <Warps contentTimeUnit=\"seconds\" timeUnit=\"beats\">\n"
                + "                            <Audio algorithm=\"stretch\" channels=\"2\" duration=\"" + duration / 2 + "\" sampleRate=\"" + rate + "\">\n"
                + "                                <File path=\"" + xml(path) + "\"" + (external ? " external=\"true\"" : "") + "/>\n"
                + "                            </Audio>\n"
                + "                            <Warp time=\"0.0\" contentTime=\"0.0\"/>\n"
                + "                            <Warp time=\"" + duration + "\" contentTime=\"" + duration / 2 + "\"/>\n"
                + "                        </Warps>\n                    </Clip>\n";
    }

    static String dawproject(String tracks, String masterDevices, String lanes, String markers) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Project version=\"1.0\">\n"
                + "    <Application name=\"Bitwig Studio\" version=\"5.2\"/>\n"
                + "    <Transport>\n        <Tempo max=\"666.000000\" min=\"20.000000\" unit=\"bpm\" value=\"120.000000\" id=\"tempo\" name=\"Tempo\"/>\n"
                + "        <TimeSignature denominator=\"4\" numerator=\"4\" id=\"ts\"/>\n    </Transport>\n"
                + "    <Structure>\n" + tracks
                + "        <Channel audioChannels=\"2\" role=\"master\" solo=\"false\" id=\"master\" name=\"Master\">\n"
                + "            <Devices>\n" + masterDevices + "            </Devices>\n"
                + "            <Mute value=\"false\" id=\"masterm\" name=\"Mute\"/>\n"
                + "        </Channel>\n    </Structure>\n"
                + "    <Arrangement id=\"arr\">\n        <Lanes timeUnit=\"beats\" id=\"lanes\">\n" + lanes + "        </Lanes>\n"
                + (markers.isEmpty() ? "" : "        <Markers id=\"markers\">\n" + markers + "        </Markers>\n")
                + "    </Arrangement>\n</Project>\n";
    }

    static String dawprojectLane(String trackId, String clips) {
        return "            <Lanes track=\"" + trackId + "\" id=\"" + trackId + "l\">\n                <Clips id=\"" + trackId + "cl\">\n" + clips + "                </Clips>\n            </Lanes>\n";
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}

package dev.signoff.cli;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `translate` end to end: a real song, real renders on disk, loudness printed. */
class TranslateCommandTest {
    @TempDir static Path dir;
    static Path mix;

    @BeforeAll
    static void song() throws Exception {
        mix = dir.resolve("my mix.wav");
        SongFiles.write(SongSynth.render(44_100, 20, 7), mix, 24);
    }

    @Test
    void rendersTheChosenDevicesWithTheirLoudness() throws Exception {
        Path out = dir.resolve("renders");
        CliRun run = CliRun.of("translate", mix.toString(), "--device", "phone", "-d", "car", "--out-dir", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path phone = out.resolve("my mix.phone.wav"), car = out.resolve("my mix.car.wav");
        assertThat(phone).exists();
        assertThat(car).exists();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("my mix.phone.wav", "my mix.car.wav");
        }
        long frames;
        try (AudioReader r = AudioDecoders.open(mix)) { frames = r.info().frames(); }
        for (Path p : new Path[]{phone, car}) {
            try (AudioReader r = AudioDecoders.open(p)) {
                StreamInfo i = r.info();
                assertThat(i.sampleRate()).isEqualTo(44_100);
                assertThat(i.bitsPerSample()).isEqualTo(24);
                assertThat(i.channels()).isEqualTo(2);
                assertThat(i.frames()).isEqualTo(frames);
                if (p == phone) {   // a mono device: both channels the same
                    AudioBlock b;
                    while ((b = r.read(8192)) != null) assertThat(b.channel(1)).startsWith(java.util.Arrays.copyOf(b.channel(0), b.frames()));
                }
            }
        }
        double original = number(run.out(), "my mix\\.wav.*?(-?\\d+\\.\\d) LUFS integrated");
        double phoneLufs = number(run.out(), "phone .*?(-?\\d+\\.\\d) LUFS");
        double phoneChange = number(run.out(), "phone .*?LUFS\\s+([+-]\\d+\\.\\d) LU");
        double carChange = number(run.out(), "car .*?LUFS\\s+([+-]\\d+\\.\\d) LU");
        assertThat(original).isBetween(-20.0, -6.0);
        assertThat(phoneChange).isCloseTo(phoneLufs - original, org.assertj.core.data.Offset.offset(0.11));
        // The printed loudness is the render's, measured independently here.
        try (AudioReader r = AudioDecoders.open(phone)) {
            dev.signoff.analysis.loudness.LoudnessMeter m = new dev.signoff.analysis.loudness.LoudnessMeter(r.info());
            AudioBlock b;
            while ((b = r.read(8192)) != null) m.accept(b);
            m.finish();
            assertThat(m.result().integratedLufs()).isCloseTo(phoneLufs, org.assertj.core.data.Offset.offset(0.06));
        }
        double carTrim = number(run.out(), "car .*?dBFS\\s+([+-]\\d+\\.\\d) dB");
        assertThat(carTrim).isCloseTo(-13, org.assertj.core.data.Offset.offset(0.5));   // file headroom for the +13 dB bass shelf
        assertThat(carChange).isGreaterThan(0.5);     // the car's bass boost adds loudness
        assertThat(number(run.out(), "car .*?LU\\s+(-?\\d+\\.\\d) dBFS")).isLessThan(0);   // and the file does not clip
        assertThat(run.out()).containsPattern("phone .*limiter");
        assertThat(run.err()).doesNotContain("clips");
        assertThat(run.out()).doesNotContain("airpods");
    }

    @Test
    void rendersEveryDeviceByDefaultNextToTheMix() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("all")).resolve("song.wav");
        Files.copy(mix, copy);
        CliRun run = CliRun.of("translate", copy.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String id : dev.signoff.analysis.devices.DeviceCatalog.builtIn().ids()) {
            assertThat(copy.resolveSibling("song." + id + ".wav")).exists();
            assertThat(run.out()).contains("  " + id + " ");
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        CliRun missing = CliRun.of("translate", dir.resolve("nope.wav").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("nope.wav").contains("no such file");

        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "this is not audio at all, just some words in a file called .wav");
        Path out = dir.resolve("junk-out");
        CliRun bad = CliRun.of("translate", junk.toString(), "--out-dir", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").startsWith("signoff: junk.wav");
        assertThat(bad.err()).doesNotContain("Exception");
        if (Files.exists(out)) try (Stream<Path> files = Files.list(out)) { assertThat(files).isEmpty(); }

        CliRun device = CliRun.of("translate", mix.toString(), "--device", "gramophone");
        assertThat(device.exitCode()).isEqualTo(2);
        assertThat(device.err()).contains("unknown device 'gramophone'", "phone");
        assertThat(device.out()).isEmpty();
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

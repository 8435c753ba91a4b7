package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real checks of synthesized mixes for the report tests, made once per test run: a clipped stereo
 * mix, a mono mix, and a stereo mix with hand-made quiet passages and findings of every severity
 * (including NaN figures) so the renderers are tested on the general case whatever the rules
 * find today.
 */
final class Mixes {
    private static final Path DIR;
    static final CheckResult CLIPPED, MONO, GENERAL;

    static {
        try {
            DIR = Files.createTempDirectory("signoff-report-test");
            DIR.toFile().deleteOnExit();
            CLIPPED = check("clipped.wav", 4, EnumSet.of(Defect.CLIPPING), 2);
            MONO = check("mono.wav", 5, EnumSet.noneOf(Defect.class), 1);
            CheckResult base = check("general.wav", 6, EnumSet.noneOf(Defect.class), 2);
            List<QuietPassage> quiet = List.of(
                    new QuietPassage(10.0, 12.5, Double.NaN, -14.2, QuietPassage.Content.HISS, -63.4, -61.04, Double.NaN, Double.NaN),
                    new QuietPassage(20.0, 21.2, -52.3, -13.9, QuietPassage.Content.HUM, -55.0, Double.NaN, 50.0, -57.6));
            Map<String, Double> hissValues = new HashMap<>();
            hissValues.put("hiss_dbfs", -61.04);
            hissValues.put("unmeasured", Double.NaN);
            // Deliberately not in ranking order: the renderers must put the worst first.
            List<Finding> findings = List.of(
                    Finding.whole(FindingCode.WIDTH, Severity.NOTE, "Side is -4.1 dB below the mid: wide on headphones.",
                            "Listen on headphones to the pads.", Map.of("side_to_mid_db", -4.1)),
                    Finding.at(FindingCode.STOP_NOISE, Severity.WARNING, 10.0, 12.5,
                            "Hiss at -61.0 dBFS hangs over the stop <at> 0:10.0 & \"after\".", "Listen to the stop on headphones.", hissValues),
                    Finding.at(FindingCode.CLIPPING, Severity.PROBLEM, 5.0, 5.3, "12 clipped runs at 0:05.0-0:05.3.",
                            "Pull the limiter's input down.", Map.of("runs", 12.0)),
                    Finding.at(FindingCode.HUM, Severity.WARNING, 20.0, 21.2, "50 Hz hum at -57.6 dBFS in the stop.",
                            "Mute the amp track in the stop.", Map.of("hum_hz", 50.0, "hum_dbfs", -57.6)));
            GENERAL = new CheckResult(base.file(), with(base.measurements(), "quietPassages", quiet), findings, base.analysisSeconds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Mixes() {}

    static CheckResult check(String name, long seed, EnumSet<Defect> defects, int channels) throws IOException {
        SongSynth.Song song = SongSynth.render(48_000, 30, seed, defects);
        Path file = DIR.resolve(name);
        file.toFile().deleteOnExit();
        float[][] planar = song.channels();
        if (channels == 1) {
            float[] mono = new float[song.frames()];
            for (int i = 0; i < mono.length; i++) mono[i] = 0.5f * (planar[0][i] + planar[1][i]);
            planar = new float[][]{mono};
        }
        try (WavWriter w = WavWriter.open(file, song.sampleRate(), channels, 24)) {
            int block = 65536;
            float[][] buf = new float[channels][];
            for (int start = 0; start < song.frames(); start += block) {
                int n = Math.min(block, song.frames() - start);
                for (int c = 0; c < channels; c++) buf[c] = Arrays.copyOfRange(planar[c], start, start + n);
                w.write(buf, n);
            }
        }
        return MixCheck.run(file);
    }

    /** The same check as if it had been made of a file with another name. */
    static CheckResult renamed(CheckResult r, Path file) {
        return new CheckResult(file, r.measurements(), r.findings(), r.analysisSeconds());
    }

    /** A copy of a record with one component replaced (by reflection, so new components do not break the tests). */
    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R record, String component, Object value) {
        try {
            RecordComponent[] comps = record.getClass().getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            boolean found = false;
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                if (comps[i].getName().equals(component)) {
                    args[i] = value;
                    found = true;
                } else {
                    args[i] = comps[i].getAccessor().invoke(record);
                }
            }
            if (!found) throw new IllegalArgumentException("no component " + component);
            return (R) record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Measurements m(CheckResult r) {
        return r.measurements();
    }
}

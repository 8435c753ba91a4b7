package dev.signoff.analysis.technical;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample check on real files: integer PCM (finite by construction, only digital silence is
 * looked for) and float PCM (NaN and infinity counted and handed on as silence).
 */
class SampleCheckingReaderTest {
    static final int FS = 48_000;

    @TempDir
    Path dir;

    @Test
    void integerPcmIsFiniteAndItsSilenceIsStillSeen() throws IOException {
        float[] zeros = new float[3 * FS];
        Path silent = write("silent.wav", 16, zeros);
        // Zeros for several blocks, then one quiet sample: not digital silence.
        float[] late = zeros.clone();
        late[2 * FS + 17] = 1f / 32768;
        Path lateSound = write("late.wav", 24, late);

        try (SampleCheckingReader r = new SampleCheckingReader(AudioDecoders.open(silent))) {
            assertThat(r.finiteSamples()).isTrue();
            drain(r);
            assertThat(r.result().silent()).isTrue();
        }
        try (SampleCheckingReader r = new SampleCheckingReader(AudioDecoders.open(lateSound))) {
            drain(r);
            assertThat(r.result().silent()).isFalse();
            assertThat(r.result().nonFiniteSamples()).isZero();
        }
    }

    @Test
    void floatPcmIsCheckedForNanAndInfinity() throws IOException {
        float[] x = new float[FS];
        x[100] = 0.5f;
        x[FS / 2] = Float.NaN;
        x[FS / 2 + 1] = Float.POSITIVE_INFINITY;
        Path file = write("float.wav", 32, x);
        try (var source = AudioDecoders.open(file); SampleCheckingReader r = new SampleCheckingReader(source)) {
            assertThat(source.finiteSamples()).isFalse();
            float largest = 0;
            AudioBlock b;
            while ((b = r.read(4096)) != null) {
                for (int i = 0; i < b.frames(); i++) largest = Math.max(largest, Math.abs(b.channel(0)[i]));
            }
            assertThat(largest).isEqualTo(0.5f);
            assertThat(r.result().nonFiniteSamples()).isEqualTo(2);
            assertThat(r.result().firstNonFiniteS()).isEqualTo(0.5);
            assertThat(r.result().silent()).isFalse();
        }
    }

    private Path write(String name, int bits, float[] mono) throws IOException {
        Path file = dir.resolve(name);
        try (WavWriter w = WavWriter.open(file, FS, 1, bits)) {
            w.write(new float[][]{mono}, mono.length);
        }
        return file;
    }

    private static void drain(SampleCheckingReader r) throws IOException {
        while (r.read(4096) != null) { }
    }
}

package dev.signoff.analysis;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisPipelineTest {

    /** A reader over generated samples, handing out fresh blocks as a decoder does. */
    static final class ArrayReader implements AudioReader {
        final float[][] samples;
        final StreamInfo info;
        int pos;
        IOException failAt;
        int failFrame = -1;

        ArrayReader(float[][] samples, int rate) {
            this.samples = samples;
            this.info = new StreamInfo(rate, samples.length, 24, false, "test", samples[0].length);
        }

        @Override public StreamInfo info() { return info; }

        @Override public AudioBlock read(int maxFrames) throws IOException {
            if (failFrame >= 0 && pos >= failFrame) throw failAt;
            int n = Math.min(maxFrames, samples[0].length - pos);
            if (n <= 0) return null;
            float[][] b = new float[samples.length][n];
            for (int c = 0; c < samples.length; c++) System.arraycopy(samples[c], pos, b[c], 0, n);
            AudioBlock block = new AudioBlock(b, n, pos);
            pos += n;
            return block;
        }

        @Override public void close() { }
    }

    /** Records the order and content of what it was given. */
    static final class Recorder implements Analyser {
        final List<Long> starts = new ArrayList<>();
        double sum;
        boolean finished;
        final String threadName[] = new String[1];

        @Override public void accept(AudioBlock block) {
            starts.add(block.startFrame());
            for (int i = 0; i < block.frames(); i++) sum += block.channel(0)[i];
            threadName[0] = Thread.currentThread().getName();
        }

        @Override public void finish() { finished = true; }
    }

    @Test
    void everyLaneSeesEveryBlockInOrderAndIsFinished() throws IOException {
        float[] x = Signals.whiteNoise(0.3, 3.0, 48_000, 1);
        double expected = 0;
        for (float v : x) expected += v;
        Recorder a = new Recorder(), b = new Recorder(), c = new Recorder();
        AtomicLong lastProgress = new AtomicLong();
        long frames = new AnalysisPipeline(List.of(a), List.of(b, c))
                .run(new ArrayReader(new float[][]{x, x}, 48_000), 1000, lastProgress::set);
        assertThat(frames).isEqualTo(x.length);
        assertThat(lastProgress.get()).isEqualTo(x.length);
        for (Recorder r : List.of(a, b, c)) {
            assertThat(r.finished).isTrue();
            assertThat(r.starts).hasSize(144).isSorted();
            assertThat(r.sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(b.threadName[0]).isNotEqualTo(a.threadName[0]);
    }

    @Test
    void aDecodeErrorMidStreamPropagatesAndStopsTheLanes() {
        ArrayReader reader = new ArrayReader(new float[][]{Signals.sine(440, 0.5, 2.0, 8000)}, 8000);
        reader.failFrame = 4000;
        reader.failAt = new IOException("x.wav: corrupt frame at 0:00.5");
        Recorder a = new Recorder(), b = new Recorder();
        assertThatThrownBy(() -> new AnalysisPipeline(List.of(a), List.of(b)).run(reader, 1000, f -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt frame");
        assertThat(a.finished).isFalse();
    }

    @Test
    void aFailingAnalyserOnALaneSurfacesInTheCaller() {
        Analyser broken = new Analyser() {
            @Override public void accept(AudioBlock block) {
                if (block.startFrame() > 2000) throw new IllegalStateException("analyser bug");
            }

            @Override public void finish() { }
        };
        ArrayReader reader = new ArrayReader(new float[][]{Signals.sine(440, 0.5, 30.0, 8000)}, 8000);
        assertThatThrownBy(() -> new AnalysisPipeline(List.of(new Recorder()), List.of(broken)).run(reader, 500, f -> { }))
                .hasMessageContaining("analyser bug");
    }
}

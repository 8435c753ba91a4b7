package dev.signoff.analysis.devices;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Plays a stream through one {@link DeviceModel}, block by block: mono devices first average all
 * channels ((L+R)/2 for stereo); each channel is filtered by the device's linear-phase FIR (FFT
 * overlap-add); a device with a limiter then limits the result. The filter's and limiter's delays
 * are removed, so the render is sample-aligned with the input and exactly as long, and it does
 * not depend on how the input is cut into blocks. Memory is a few filter lengths a channel,
 * whatever the stream's length. The render keeps the input's channel count (a mono device feeds
 * the same signal to every channel) and goes to a {@link Sink}, e.g. a {@link WavWriter}.
 */
final class DeviceRenderer implements Analyser {

    /** Where rendered frames go, in order. Arrays handed over are fresh and not written again. */
    @FunctionalInterface
    public interface Sink {
        void write(float[][] samples, int frames) throws IOException;
    }

    private final DeviceModel model;
    private final int channels, processing;
    private final DeviceFilter filter;
    private final FftConvolver[] convolvers;
    private final PeakLimiter limiter;
    private final Sink sink;
    private final int block;
    private final double gain;
    private final double[][] in;      // the block being collected, one array a processing channel
    private final double[][] out;
    private int filled;
    private long framesIn, framesOut;
    private long toSkip;              // delay still to drop from the front of the output
    private boolean finished;

    public DeviceRenderer(DeviceModel model, StreamInfo info, Sink sink) {
        this(model, info, DeviceFilter.design(model.response(), info.sampleRate()), 0, sink);
    }

    /**
     * With a filter designed beforehand ({@link DeviceModel#filter(int)}, e.g. shared by several
     * renders) and a gain in dB applied after the filter, before any limiter (e.g.
     * {@link DeviceModel#headroomTrimDb()}, so that a device that boosts does not clip the file).
     */
    public DeviceRenderer(DeviceModel model, StreamInfo info, DeviceFilter filter, double gainDb, Sink sink) {
        if (filter.sampleRate() != info.sampleRate()) throw new IllegalArgumentException("filter designed for " + filter.sampleRate() + " Hz, stream is " + info.sampleRate() + " Hz");
        this.model = model;
        this.channels = info.channels();
        this.processing = model.mono() ? 1 : channels;
        this.filter = filter;
        this.gain = Math.pow(10, gainDb / 20);
        this.sink = sink;
        convolvers = new FftConvolver[processing];
        for (int c = 0; c < processing; c++) convolvers[c] = new FftConvolver(filter.coefficientsUnsafe());
        block = convolvers[0].blockSize();
        in = new double[processing][block];
        out = new double[processing][block];
        limiter = model.limiter() == null ? null : new PeakLimiter(processing, info.sampleRate(), model.limiter());
        toSkip = filter.delay() + (limiter == null ? 0 : limiter.latency());
    }

    /** Renders into {@code writer}, which must have the stream's rate and channel count, with the model's headroom trim. */
    public static DeviceRenderer toWav(DeviceModel model, StreamInfo info, WavWriter writer) {
        return new DeviceRenderer(model, info, model.filter(info.sampleRate()), model.headroomTrimDb(), writer::write);
    }

    public DeviceModel model() { return model; }

    public DeviceFilter filter() { return filter; }

    /** Frames handed to the sink so far. */
    public long framesWritten() { return framesOut; }

    @Override
    public void accept(AudioBlock b) {
        if (finished) throw new IllegalStateException("already finished");
        if (b.channels() != channels) throw new IllegalArgumentException("expected " + channels + " channels, got " + b.channels());
        int n = b.frames(), pos = 0;
        while (pos < n) {
            int len = Math.min(n - pos, block - filled);
            if (processing == 1 && channels > 1) {
                double scale = 1.0 / channels;
                double[] dst = in[0];
                for (int i = 0; i < len; i++) {
                    double s = 0;
                    for (int c = 0; c < channels; c++) s += b.samples()[c][pos + i];
                    dst[filled + i] = s * scale;
                }
            } else {
                for (int c = 0; c < processing; c++) {
                    float[] src = b.samples()[c];
                    double[] dst = in[c];
                    for (int i = 0; i < len; i++) dst[filled + i] = src[pos + i];
                }
            }
            filled += len;
            pos += len;
            framesIn += len;
            if (filled == block) runBlock(Long.MAX_VALUE);
        }
    }

    @Override
    public void finish() {
        if (finished) return;
        finished = true;
        // Feed silence until the delayed output has caught up with the input.
        while (framesOut < framesIn) {
            for (int c = 0; c < processing; c++) java.util.Arrays.fill(in[c], filled, block, 0);
            filled = block;
            runBlock(framesIn);
        }
    }

    private void runBlock(long limit) {
        for (int c = 0; c < processing; c++) convolvers[c].process(in[c], out[c]);
        filled = 0;
        if (gain != 1) for (double[] ch : out) for (int i = 0; i < block; i++) ch[i] *= gain;
        if (limiter != null) limiter.process(out, block);
        int start = (int) Math.min(block, toSkip);
        toSkip -= start;
        int count = (int) Math.min(block - start, limit - framesOut);
        if (count <= 0) return;
        float[][] frames = new float[channels][];
        for (int c = 0; c < channels; c++) {
            if (c < processing) {
                float[] f = new float[count];
                double[] src = out[c];
                for (int i = 0; i < count; i++) f[i] = (float) src[start + i];
                frames[c] = f;
            } else {
                frames[c] = frames[0].clone();
            }
        }
        try {
            sink.write(frames, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        framesOut += count;
    }
}

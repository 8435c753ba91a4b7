package dev.signoff.analysis.devices;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.Measure;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders one mix through several playback devices in a single decoding pass, each to
 * {@code <dir>/<name>.<device>.wav} (24-bit, the mix's rate and channels), measuring each render's
 * loudness on the way. Files are written whole or not at all: each render goes to a hidden
 * temporary sibling that replaces the target only when every render has finished.
 */
public final class DeviceRenders {

    /**
     * @param file         the render
     * @param loudnessLufs integrated loudness of the device at its own gain (the file's loudness plus any headroom trim)
     * @param peak         the file's sample peak, linear
     * @param fileGainDb   the headroom trim applied to the file (0 for devices with a limiter)
     */
    public record Rendered(DeviceModel model, Path file, double loudnessLufs, double peak, double fileGainDb) {}

    /**
     * @param info         the mix's stream
     * @param frames       frames rendered
     * @param originalLufs the mix's integrated loudness
     * @param seconds      wall-clock time of the pass
     */
    public record Result(StreamInfo info, long frames, double originalLufs, List<Rendered> renders, double seconds) {}

    private DeviceRenders() {}

    /** The render of {@code mix} through {@code model} in {@code dir}: {@code <mix name without extension>.<id>.wav}. */
    public static Path target(Path mix, DeviceModel model, Path dir) {
        String fileName = mix.getFileName() == null ? mix.toString() : mix.getFileName().toString();
        String base = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return dir.resolve(base + "." + model.id() + ".wav");
    }

    /** The mix's own measure: its loudness, beside the renders. */
    private static final MeasurementPlan ORIGINAL = MeasurementPlan.of(EnumSet.of(Measure.LOUDNESS));

    /** Renders {@code mix} through {@code models} into {@code dir} (created if missing), {@code threads} devices at a time. */
    public static Result render(Path mix, List<DeviceModel> models, Path dir, int threads) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException(dir + ": is not a folder");
        List<Render> renders = new ArrayList<>();
        int n = Math.max(1, Math.min(models.size(), threads));
        ExecutorService pool = n > 1 ? Executors.newFixedThreadPool(n, task -> {
            Thread t = new Thread(task, "signoff-device-render");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            long t0 = System.nanoTime();
            RenderAll all = new RenderAll(renders, pool);
            // The renders ride along the mix's own pass, made once the stream is open (no folder for a file that does not decode).
            Measurements original = ORIGINAL.measure(mix, info -> {
                try {
                    Files.createDirectories(dir);
                    for (DeviceModel m : models) renders.add(new Render(m, info, target(mix, m, dir)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return List.of(all);
            }, (info, done) -> { });
            for (Render r : renders) {
                r.meter.finish();
                r.writer.close();
            }
            for (Render r : renders) move(r.tmp, r.target);
            List<Rendered> out = new ArrayList<>();
            for (Render r : renders) {
                double trim = r.model.headroomTrimDb();
                out.add(new Rendered(r.model, r.target, r.meter.result().integratedLufs() - trim, r.peak, trim));
            }
            return new Result(original.info(), all.frames, original.loudness().integratedLufs(), List.copyOf(out), (System.nanoTime() - t0) / 1e9);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (pool != null) pool.shutdownNow();
            for (Render r : renders) {
                try {
                    r.writer.close();
                } catch (IOException ignored) {
                    // the render failed anyway; its temporary file goes below
                }
                Files.deleteIfExists(r.tmp);
            }
        }
    }

    /** Every device's renderer fed each block, on the pool's threads when there is one. */
    private static final class RenderAll implements Analyser {
        private final List<Render> renders;
        private final ExecutorService pool;
        long frames;

        RenderAll(List<Render> renders, ExecutorService pool) {
            this.renders = renders;
            this.pool = pool;
        }

        @Override
        public void accept(AudioBlock block) {
            frames += block.frames();
            if (pool == null) {
                for (Render r : renders) r.renderer.accept(block);
                return;
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            for (Render r : renders) tasks.add(() -> { r.renderer.accept(block); return null; });
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("rendering interrupted", e));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void finish() {
            for (Render r : renders) r.renderer.finish();
        }
    }

    /** One device's render in progress: its renderer, loudness meter and temporary file. */
    private static final class Render {
        final DeviceModel model;
        final Path target, tmp;
        final WavWriter writer;
        final LoudnessMeter meter;
        final DeviceRenderer renderer;
        long start;
        double peak;

        Render(DeviceModel model, StreamInfo info, Path target) throws IOException {
            this.model = model;
            this.target = target;
            // A hidden sibling, created by the writer with the usual permissions, renamed over the target at the end.
            this.tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
            this.writer = WavWriter.open(tmp, info.sampleRate(), info.layout(), 24, false);
            StreamInfo out = new StreamInfo(info.sampleRate(), info.channels(), 24, false, "WAV PCM", info.frames(), info.layout());
            this.meter = new LoudnessMeter(out);
            this.renderer = new DeviceRenderer(model, info, model.filter(info.sampleRate()), model.headroomTrimDb(), (samples, frames) -> {
                writer.write(samples, frames);
                for (float[] ch : samples) for (int i = 0; i < frames; i++) peak = Math.max(peak, Math.abs(ch[i]));
                meter.accept(new AudioBlock(samples, frames, start));
                start += frames;
            });
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package dev.signoff.cli;

import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.devices.DeviceRenderer;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.wav.WavWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** `signoff translate MIX`: hear (and measure) the mix through consumer playback devices. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Render a mix through playback-device models (earbuds, phone, laptop, Bluetooth speaker, mix cube, car)",
                "to <out-dir>/<mix-name>.<device>.wav (24-bit, same rate) and print each render's loudness.",
                "See 'signoff devices' for the models. Exit code: 0 done, 2 usage or input error."})
final class TranslateCommand implements Callable<Integer> {
    private static final int BLOCK = 32_768;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MIX", description = "The mix: WAV/BWF/RF64, AIFF(-C), FLAC, MP3, Ogg Vorbis (others through ffmpeg).")
    Path mix;

    @Option(names = {"-d", "--device"}, paramLabel = "ID", description = "Device to render through (repeatable; default: all). 'signoff devices' lists them.")
    List<String> devices;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Folder for the renders (created if missing; default: the mix's folder).")
    Path outDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Render N devices in parallel (default: the number of processors).")
    Integer jobs;

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

    @Override
    public Integer call() throws Exception {
        if (jobs != null && jobs < 1) throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
        List<DeviceModel> chosen = chooseDevices();
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        String fileName = mix.getFileName() == null ? mix.toString() : mix.getFileName().toString();
        String mixName = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Path dir = outDir != null ? outDir : mix.toAbsolutePath().getParent();
        List<Render> renders = new ArrayList<>();
        try (AudioReader reader = AudioDecoders.open(mix)) {
            StreamInfo info = reader.info();
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException(dir + ": is not a folder");
            Files.createDirectories(dir);
            for (DeviceModel m : chosen) renders.add(new Render(m, info, dir.resolve(mixName + "." + m.id() + ".wav")));
            LoudnessMeter original = new LoudnessMeter(info);
            long t0 = System.nanoTime();
            int threads = Math.max(1, Math.min(renders.size(), jobs != null ? jobs : Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "signoff-translate");
                t.setDaemon(true);
                return t;
            }) : null;
            try {
                AudioBlock b;
                while ((b = reader.read(BLOCK)) != null) {
                    original.accept(b);
                    if (pool == null) {
                        for (Render r : renders) r.renderer.accept(b);
                    } else {
                        AudioBlock block = b;
                        List<Callable<Void>> tasks = new ArrayList<>();
                        for (Render r : renders) tasks.add(() -> { r.renderer.accept(block); return null; });
                        for (Future<Void> f : pool.invokeAll(tasks)) {
                            try {
                                f.get();
                            } catch (ExecutionException e) {
                                Throwable c = e.getCause();
                                if (c instanceof RuntimeException re) throw re;
                                throw new IllegalStateException(c);
                            }
                        }
                    }
                }
            } finally {
                if (pool != null) pool.shutdownNow();
            }
            original.finish();
            for (Render r : renders) {
                r.renderer.finish();
                r.meter.finish();
                r.writer.close();
            }
            for (Render r : renders) move(r.tmp, r.target);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double before = original.result().integratedLufs();
            out.printf(Locale.ROOT, "%s  %s  %d Hz  %s LUFS integrated%n", fileName, duration(reader.info().frames() >= 0 ? reader.info().frames() : renders.isEmpty() ? 0 : renders.get(0).start, info.sampleRate()),
                    info.sampleRate(), lufs(before));
            out.printf("  %-12s %-28s %-10s %-8s  %-10s %-9s  %s%n", "device", "", "loudness", "change", "file peak", "file gain", "render");
            for (Render r : renders) {
                // The file may be trimmed for headroom; loudness and change are the device's own, at unity gain.
                double trim = r.model.headroomTrimDb();
                double after = r.meter.result().integratedLufs() - trim;
                String change = Double.isFinite(after) && Double.isFinite(before) ? String.format(Locale.ROOT, "%+5.1f LU", after - before) : "    - LU";
                String gain = r.model.hasLimiter() ? "limiter" : String.format(Locale.ROOT, "%+.1f dB", trim);
                out.printf(Locale.ROOT, "  %-12s %-28s %s LUFS  %s  %s dBFS  %-9s  %s%n", r.model.id(), r.model.name(), lufs(after), change,
                        r.peak > 0 ? String.format(Locale.ROOT, "%5.1f", 20 * Math.log10(r.peak)) : " -inf", gain, r.target);
            }
            out.flush();
            for (Render r : renders) {
                if (r.peak > 1) err.printf(Locale.ROOT, "signoff: warning: the %s render clips (sample peak %+.1f dBFS)%n", r.model.id(), 20 * Math.log10(r.peak));
            }
            err.printf(Locale.ROOT, "signoff: rendered %d device%s in %.1f s%n", renders.size(), renders.size() == 1 ? "" : "s", seconds);
            return Main.OK;
        } catch (IOException | RuntimeException e) {
            if (System.getenv("SIGNOFF_DEBUG") != null) e.printStackTrace(err);
            String msg = Errors.oneLine(e);
            err.println("signoff: " + (msg.startsWith(fileName) || msg.startsWith(mix.toString()) ? msg : fileName + ": " + msg));
            return Main.USAGE_OR_INPUT_ERROR;
        } finally {
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

    private List<DeviceModel> chooseDevices() {
        DeviceCatalog catalog = DeviceCatalog.builtIn();
        if (devices == null || devices.isEmpty()) return catalog.models();
        Set<DeviceModel> chosen = new LinkedHashSet<>();
        for (String spec1 : devices) {
            for (String id : spec1.split(",")) {
                if (id.isBlank()) continue;
                chosen.add(catalog.find(id.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown device '" + id.trim() + "' (known: " + String.join(", ", catalog.ids()) + ")")));
            }
        }
        if (chosen.isEmpty()) throw new ParameterException(spec.commandLine(), "--device needs a device id");
        return List.copyOf(chosen);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String lufs(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%6.1f", v) : "  -inf";
    }

    private static String duration(long frames, int rate) {
        double s = frames / (double) rate;
        return String.format(Locale.ROOT, "%d:%04.1f", (int) (s / 60), s % 60);
    }
}

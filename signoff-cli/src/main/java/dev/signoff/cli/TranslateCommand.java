package dev.signoff.cli;

import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.devices.DeviceRenders;
import dev.signoff.audio.StreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `signoff translate MIX`: hear (and measure) the mix through consumer playback devices. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        header = "Render a mix through playback-device models, one WAV per device.",
        description = {"Render a mix through playback-device models (earbuds, phone, laptop, Bluetooth speaker, mix cube, car)",
                "to <out-dir>/<mix-name>.<device>.wav (24-bit, same rate) and print each render's loudness.",
                "See 'signoff devices' for the models. Exit code: 0 done, 2 usage or input error."})
final class TranslateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MIX", description = "The mix: WAV/BWF/RF64, AIFF(-C), FLAC, MP3, Ogg Vorbis (others through ffmpeg).")
    Path mix;

    @Option(names = {"-d", "--device"}, paramLabel = "ID", description = "Device to render through (repeatable; default: all). 'signoff devices' lists them.")
    List<String> devices;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Folder for the renders (created if missing; default: the mix's folder).")
    Path outDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Render N devices in parallel (default: the number of processors).")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        if (jobs != null && jobs < 1) throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
        List<DeviceModel> chosen = chooseDevices();
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        String fileName = mix.getFileName() == null ? mix.toString() : mix.getFileName().toString();
        Path dir = outDir != null ? outDir : mix.toAbsolutePath().getParent();
        try {
            DeviceRenders.Result r = DeviceRenders.render(mix, chosen, dir, jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
            StreamInfo info = r.info();
            double before = r.originalLufs();
            out.printf(Locale.ROOT, "%s  %s  %d Hz  %s LUFS integrated%n", fileName, Clock.format(r.frames() / (double) info.sampleRate()), info.sampleRate(), lufs(before));
            out.printf("  %-12s %-28s %-10s %-8s  %-10s %-9s  %s%n", "device", "", "loudness", "change", "file peak", "file gain", "render");
            for (DeviceRenders.Rendered d : r.renders()) {
                // The file may be trimmed for headroom; loudness and change are the device's own, at unity gain.
                double after = d.loudnessLufs();
                String change = Double.isFinite(after) && Double.isFinite(before) ? String.format(Locale.ROOT, "%+5.1f LU", after - before) : "    - LU";
                String gain = d.model().hasLimiter() ? "limiter" : String.format(Locale.ROOT, "%+.1f dB", d.fileGainDb());
                out.printf(Locale.ROOT, "  %-12s %-28s %s LUFS  %s  %s dBFS  %-9s  %s%n", d.model().id(), d.model().name(), lufs(after), change,
                        d.peak() > 0 ? String.format(Locale.ROOT, "%5.1f", 20 * Math.log10(d.peak())) : " -inf", gain, d.file());
            }
            out.flush();
            for (DeviceRenders.Rendered d : r.renders()) {
                if (d.peak() > 1) err.printf(Locale.ROOT, "signoff: warning: the %s render clips (sample peak %+.1f dBFS)%n", d.model().id(), 20 * Math.log10(d.peak()));
            }
            err.printf(Locale.ROOT, "signoff: rendered %d device%s in %.1f s%n", r.renders().size(), r.renders().size() == 1 ? "" : "s", r.seconds());
            return Main.OK;
        } catch (IOException | RuntimeException e) {
            if (System.getenv("SIGNOFF_DEBUG") != null) e.printStackTrace(err);
            err.println("signoff: " + Errors.about(mix, e));
            return Main.USAGE_OR_INPUT_ERROR;
        }
    }

    private List<DeviceModel> chooseDevices() {
        if (devices == null || devices.isEmpty()) return DeviceCatalog.builtIn().models();
        List<DeviceModel> chosen = DeviceChoice.named(spec, devices);
        if (chosen.isEmpty()) throw new ParameterException(spec.commandLine(), "--device needs a device id");
        return chosen;
    }

    private static String lufs(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%6.1f", v) : "  -inf";
    }
}

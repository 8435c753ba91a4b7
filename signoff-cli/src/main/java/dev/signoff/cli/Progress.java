package dev.signoff.cli;

import dev.signoff.analysis.MixCheck;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A progress bar on stderr, shown only on a terminal and only when the work is long enough to be
 * worth watching (several files, or more than about 50 MB of audio). Each file counts for 100
 * units, filled as its decoding pass advances.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_ABOVE_BYTES = 50L << 20;
    private static final int UNITS_PER_FILE = 100;

    private final ProgressBar bar;
    private final Map<Path, Integer> unitsByFile = new ConcurrentHashMap<>();

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(List<Path> files, boolean terminal) {
        if (!terminal) return new Progress(null);
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (Exception e) {
                // a missing file is reported by the analysis itself
            }
        }
        if (files.size() < 2 && bytes < SHOW_ABOVE_BYTES) return new Progress(null);
        ProgressBar bar = new ProgressBarBuilder().setTaskName("Checking").setInitialMax((long) files.size() * UNITS_PER_FILE)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).hideEta().setUnit("%", files.size())
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress(bar);
    }

    MixCheck.ProgressListener forFile(Path file) {
        if (bar == null) return (info, frames) -> { };
        return (info, frames) -> {
            if (info.frames() <= 0) return;
            int units = (int) Math.min(UNITS_PER_FILE - 1, frames * UNITS_PER_FILE / info.frames());
            Integer before = unitsByFile.put(file, units);
            int step = units - (before == null ? 0 : before);
            if (step > 0) {
                bar.stepBy(step);
                bar.setExtraMessage(" " + file.getFileName());
            }
        };
    }

    void done(Path file) {
        if (bar == null) return;
        Integer before = unitsByFile.remove(file);
        bar.stepBy(UNITS_PER_FILE - (before == null ? 0 : before));
    }

    @Override public void close() {
        if (bar != null) bar.close();
    }
}

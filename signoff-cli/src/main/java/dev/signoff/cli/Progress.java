package dev.signoff.cli;

import dev.signoff.analysis.MixCheck;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;

/**
 * A progress bar on stderr, shown on a terminal when the work is long enough to be worth watching
 * (two files to check or three versions to compare, or more than about 50 MB of audio), or
 * whenever asked (--progress). For a batch,
 * each file counts for 100 units, filled as its decoding pass advances; for one long piece of
 * work (a comparison, a history), the bar follows the fraction done.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_ABOVE_BYTES = 50L << 20;
    private static final int UNITS_PER_FILE = 100;
    private static final int UNITS_OF_FRACTION = 1000;
    /** The width when stderr is no terminal (--progress into a file or a pipe). */
    private static final int PLAIN_WIDTH = 80;

    /**
     * Where and how to draw.
     *
     * @param err      the command's stderr
     * @param terminal stderr is a terminal and the user did not ask for quiet
     * @param asked    --progress: draw whatever stderr is
     * @param colour   a coloured bar
     */
    record Display(PrintWriter err, boolean terminal, boolean asked, boolean colour) {
        static Display of(PrintWriter err, boolean quiet, boolean asked, boolean colour) {
            return new Display(err, !quiet && System.console() != null, asked, colour);
        }
    }

    private final ProgressBar bar;
    private final PrintWriter err;
    private final Map<Path, Integer> unitsByFile = new ConcurrentHashMap<>();

    private Progress(ProgressBar bar, PrintWriter err) {
        this.bar = bar;
        this.err = err;
    }

    /** A bar over a batch of files, 100 units each. */
    static Progress start(List<Path> files, Display display) {
        if (!worthShowing(files, 2, display)) return new Progress(null, null);
        return new Progress(bar("Checking", (long) files.size() * UNITS_PER_FILE, files.size(), display), display.err());
    }

    /** A bar over one long piece of work on {@code files}, fed with {@link #fraction()}. */
    static Progress ofWork(String task, List<Path> files, Display display) {
        if (!worthShowing(files, 3, display)) return new Progress(null, null);
        return new Progress(bar(task, UNITS_OF_FRACTION, UNITS_OF_FRACTION / 100, display), display.err());
    }

    /** Asked for, or on a terminal for at least {@code severalFiles} files or 50 MB of them. */
    private static boolean worthShowing(List<Path> files, int severalFiles, Display display) {
        if (display.asked()) return true;
        if (!display.terminal()) return false;
        if (files.size() >= severalFiles) return true;
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (Exception e) {
                // a missing file is reported by the analysis itself
            }
        }
        return bytes >= SHOW_ABOVE_BYTES;
    }

    private static ProgressBar bar(String task, long max, long unitsPerPercent, Display display) {
        int width = display.terminal() ? new ConsoleProgressBarConsumer(System.err).getMaxRenderedLength() : PLAIN_WIDTH;
        PrintWriter err = display.err();
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(display.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
                .hideEta().setUnit("%", unitsPerPercent)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, width)).build();
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

    /** Hears the fraction done, 0 to 1, of work started with {@link #ofWork}. */
    DoubleConsumer fraction() {
        if (bar == null) return done -> { };
        return done -> bar.stepTo(Math.round(Math.max(0, Math.min(1, done)) * UNITS_OF_FRACTION));
    }

    @Override public void close() {
        if (bar == null) return;
        bar.close();
        err.println();
    }
}

package dev.signoff.analysis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpillingSeriesTest {

    /** Values spread over many chunks, most of them in the file, read back exactly in any order. */
    @Test
    void everyValueReadsBackAsAddedWhenMostAreInTheFile() {
        double[] expected = new double[10_007];
        SplittableRandom r = new SplittableRandom(3);
        try (SpillingSeries s = new SpillingSeries(64, 2)) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] = i % 97 == 0 ? Double.NaN : r.nextDouble(-1e6, 1e6);
                s.add(expected[i]);
            }
            assertThat(s.size()).isEqualTo(expected.length);
            for (int i = 0; i < expected.length; i++) assertThat(bits(s.get(i))).as("value %d", i).isEqualTo(bits(expected[i]));
            for (int n = 0; n < 20_000; n++) {
                int i = r.nextInt(expected.length);
                assertThat(bits(s.get(i))).as("value %d", i).isEqualTo(bits(expected[i]));
            }
            // Going on after reading: the next chunks spill too.
            for (int i = 0; i < 1000; i++) s.add(-i);
            assertThat(s.get(expected.length + 999)).isEqualTo(-999.0);
            assertThat(bits(s.get(123))).isEqualTo(bits(expected[123]));
            assertThatThrownBy(() -> s.get(s.size())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /**
     * Once it spills, a long series allocates nothing more: the chunks written to the file are
     * filled again. A new chunk every 32 KiB would live for minutes in a check (long enough to be
     * promoted) and then lie as garbage in the old generation, whose pages the process keeps: the
     * peak RSS of a 6-hour check grew with its length that way (issue 10).
     */
    @Test
    void allocatesNothingOnceItSpills() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (SpillingSeries s = new SpillingSeries(2)) {
            for (int i = 0; i < 10 * SpillingSeries.CHUNK; i++) s.add(i);
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 200 * SpillingSeries.CHUNK; i++) s.add(i);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            // The list of chunk places grows by 200 references; 200 new chunks would be 6.5 MB.
            assertThat(allocated).isLessThan((long) SpillingSeries.CHUNK * Double.BYTES);
            assertThat(s.get(10L * SpillingSeries.CHUNK + 123)).isEqualTo(123.0);
            assertThat(s.get(210L * SpillingSeries.CHUNK - 1)).isEqualTo(200.0 * SpillingSeries.CHUNK - 1);
        }
    }

    /** Bit for bit, so that NaN reads back as the same NaN. */
    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** The temporary file is gone once the series is closed (on Linux, as soon as it is made). */
    @Test
    void leavesNoFileBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = seriesFiles(tmp);
        SpillingSeries s = new SpillingSeries(16, 1);
        for (int i = 0; i < 1000; i++) s.add(i);
        assertThat(s.get(0)).isEqualTo(0.0);
        s.close();
        assertThat(seriesFiles(tmp)).isLessThanOrEqualTo(before);
    }

    private static long seriesFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("signoff-series-")).count();
        }
    }
}

package dev.signoff.analysis.vocal;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory independent of length (issue 10): the detector's per-window values over a day of audio
 * (86,400 one-second windows, five such series) allocate a bounded amount, not a growing array
 * whose every chunk stays in the old generation, and read back exactly as added.
 */
class LeadVocalMemoryTest {

    @Test
    void aDayOfWindowsAllocatesABoundedAmountAndReadsBackExactly() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int windows = 24 * 3600;
        fill(new LeadVocalDetector.WindowValues(), windows);   // once first: the temporary file's classes and random names load
        LeadVocalDetector.WindowValues values = new LeadVocalDetector.WindowValues();
        long before = threads.getCurrentThreadAllocatedBytes();
        fill(values, windows);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // One float a window would be 338 KiB; in the heap only the first 68 minutes' (32 KiB) and buffers.
        assertThat(allocated).isLessThan(100 * 1024);
        for (int w = 0; w < windows; w++) {
            assertThat(values.get(w)).isEqualTo(w % 7 == 3 ? 0f : w * 0.25f + 1.5f);
        }
        assertThat(values.get(windows + 5)).isZero();
    }

    /** A day-long file's detector lets go of its spill files once it has decided, not when collected. */
    @Test
    void closingLetsGoOfTheSpillFile() throws Exception {
        long open = openSpillFiles();
        LeadVocalDetector.WindowValues values = new LeadVocalDetector.WindowValues();
        fill(values, 24 * 3600);
        assertThat(openSpillFiles()).isEqualTo(open + 1);
        values.close();
        assertThat(openSpillFiles()).isEqualTo(open);
    }

    /** This process's open descriptors on the series' temporary files (Linux: /proc/self/fd). */
    private static long openSpillFiles() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().contains("signoff-series-");
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static void fill(LeadVocalDetector.WindowValues values, int windows) {
        for (int w = 0; w < windows; w++) {
            if (w % 7 == 3) continue;                       // a window nothing was added to reads 0
            values.add(w, w * 0.25f);
            values.add(w, 1.5f);
        }
    }
}

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.MeasurementPlan;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What each measure of a check costs once the JIT has compiled it: one JVM measures FILE with a
 * plan of that measure alone (its requirements included), repeatedly, and prints the process CPU
 * time (all threads: the reader and the lanes) and the wall time of the best run, the decoding
 * pass with nothing asked first, the whole check last. CPU time, unlike wall time, holds up on a
 * machine other work is loading. Where the time of a cold `check` goes beyond these: the JVM's
 * start and the JIT compilers (bench/run.py times whole processes).
 * Run: java -cp signoff-cli/target/signoff.jar bench/MeasureCost.java FILE [RUNS [MEASURE...]]
 * (with measures named, only those and the whole check)
 */
public class MeasureCost {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Set<Measure>> plans = new ArrayList<>();
        plans.add(EnumSet.noneOf(Measure.class));
        for (Measure m : Measure.forCheck()) {
            if (args.length <= 2 || java.util.Arrays.asList(args).subList(2, args.length).contains(m.name())) plans.add(EnumSet.of(m));
        }
        plans.add(Measure.forCheck());
        for (int warm = 0; warm < 2; warm++) MeasurementPlan.of(Measure.forCheck()).measure(file, (i, f) -> { });
        double decodeCpu = 0;
        for (Set<Measure> asked : plans) {
            MeasurementPlan plan = MeasurementPlan.of(asked);
            double bestCpu = Double.MAX_VALUE, bestWall = Double.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                plan.measure(file, (i, f) -> { });
                bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c0) / 1e9);
                bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
            }
            String name = asked.isEmpty() ? "decoding only" : asked.size() == 1 ? asked.iterator().next().name() : "whole check";
            if (asked.isEmpty()) decodeCpu = bestCpu;
            System.out.printf("%-16s cpu %6.3f s (%+.3f over decoding)  wall %6.3f s%n", name, bestCpu, bestCpu - decodeCpu, bestWall);
        }
    }
}

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.devices.DeviceCatalog;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the CPU of a check's pass splits over its threads (the reader, "main", and the analysis
 * lanes), to balance the lanes in MeasurementPlan: on two cores the pass's wall time is its CPU
 * over two only while no lane needs more than half of it. A warm JVM checks FILE RUNS times while
 * a sampler reads each thread's CPU time every 5 ms (a lane's thread ends with its pass).
 * Run: java -XX:TieredStopAtLevel=1 -cp signoff-cli/target/signoff.jar bench/LaneCost.java FILE [RUNS] [--devices]
 * (without -XX:TieredStopAtLevel=1 for C2's code; --devices: check --devices, the built-in devices' lane too)
 */
public class LaneCost {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 5;
        var threads = ManagementFactory.getThreadMXBean();
        MeasurementPlan plan = MeasurementPlan.of(Measure.forCheck());
        if (Arrays.asList(args).contains("--devices")) plan = plan.withDevices(DeviceCatalog.builtIn().models());
        for (int warm = 0; warm < 3; warm++) plan.measure(file, (i, f) -> { });
        Map<Long, Long> cpu = new ConcurrentHashMap<>();
        Map<Long, String> names = new ConcurrentHashMap<>();
        Set<Long> before = new HashSet<>(Arrays.stream(threads.getAllThreadIds()).boxed().toList());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (var t : threads.dumpAllThreads(false, false)) {
                    long ns = threads.getThreadCpuTime(t.getThreadId());
                    if (ns > 0) {
                        cpu.put(t.getThreadId(), ns);
                        names.put(t.getThreadId(), t.getThreadName());
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler");
        long mainStart = threads.getCurrentThreadCpuTime();
        sampler.start();
        for (int r = 0; r < runs; r++) plan.measure(file, (i, f) -> { });
        sampler.interrupt();
        sampler.join();
        Map<String, Long> byName = new TreeMap<>();
        cpu.forEach((id, ns) -> {
            if (!before.contains(id) && !"sampler".equals(names.get(id))) byName.merge(names.get(id), ns, Long::sum);
        });
        byName.put("main (reader)", threads.getCurrentThreadCpuTime() - mainStart);
        byName.forEach((name, ns) -> System.out.printf("%-28s cpu %6.3f s a check%n", name, ns / 1e9 / runs));
    }
}

import dev.signoff.analysis.sections.SectionFinder;
import dev.signoff.analysis.spectrum.SpectrumAnalyser;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.tonal.SibilanceMeter;
import dev.signoff.analysis.vocal.LeadVocalDetector;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the STFTs and each of their listeners cost, apart from decoding and the pipeline's lanes:
 * FILE is decoded into memory once, then fed, on this one thread, to the long STFT and the short
 * one alone and with each listener, repeatedly; prints the best thread CPU time of each (in ns,
 * not the 10 ms ticks of the process's CPU time), finish() included. A listener's cost is its line
 * minus its STFT's. Add -XX:TieredStopAtLevel=1 for what the launcher's C1 runs.
 * Run: java -cp signoff-cli/target/signoff.jar bench/StftCost.java FILE [RUNS]
 */
public class StftCost {
    public static void main(String[] args) throws Exception {
        List<AudioBlock> blocks = new ArrayList<>();
        StreamInfo info;
        try (AudioReader reader = AudioDecoders.open(Path.of(args[0]))) {
            info = reader.info();
            for (AudioBlock b; (b = reader.read(8192)) != null; ) blocks.add(b);
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LinkedHashMap<String, Supplier<List<Stft>>> setups = new LinkedHashMap<>();
        setups.put("long STFT alone", () -> List.of(new Stft(info)));
        setups.put("long + spectrum", () -> {
            Stft s = new Stft(info);
            s.addListener(new SpectrumAnalyser(info, s));
            return List.of(s);
        });
        if (info.channels() >= 2) setups.put("long + stereo", () -> {
            Stft s = new Stft(info);
            s.addListener(new StereoAnalyser(info, s));
            return List.of(s);
        });
        setups.put("long + sections", () -> {
            Stft s = new Stft(info);
            s.addListener(new SectionFinder(info, s));
            return List.of(s);
        });
        setups.put("short STFT alone", () -> List.of(SibilanceMeter.shortStft(info)));
        setups.put("short + sibilance", () -> {
            Stft s = SibilanceMeter.shortStft(info);
            s.addListener(new SibilanceMeter(info, s));
            return List.of(s);
        });
        setups.put("both STFTs alone", () -> List.of(new Stft(info), SibilanceMeter.shortStft(info)));
        setups.put("both + lead vocal", () -> {
            Stft l = new Stft(info), s = SibilanceMeter.shortStft(info);
            LeadVocalDetector v = new LeadVocalDetector(info, l, s);
            l.addListener(v.longListener());
            s.addListener(v.shortListener());
            return List.of(l, s);
        });
        setups.put("both + all five", () -> {
            Stft l = new Stft(info), s = SibilanceMeter.shortStft(info);
            l.addListener(new SpectrumAnalyser(info, l));
            if (info.channels() >= 2) l.addListener(new StereoAnalyser(info, l));
            l.addListener(new SectionFinder(info, l));
            s.addListener(new SibilanceMeter(info, s));
            LeadVocalDetector v = new LeadVocalDetector(info, l, s);
            l.addListener(v.longListener());
            s.addListener(v.shortListener());
            return List.of(l, s);
        });
        var threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 2; warm++) for (Supplier<List<Stft>> s : setups.values()) feed(s.get(), blocks);
        for (var e : setups.entrySet()) {
            long best = Long.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                List<Stft> stfts = e.getValue().get();
                long t0 = threads.getCurrentThreadCpuTime();
                feed(stfts, blocks);
                best = Math.min(best, threads.getCurrentThreadCpuTime() - t0);
            }
            System.out.printf("%-18s cpu %6.1f ms%n", e.getKey(), best / 1e6);
        }
    }

    private static void feed(List<Stft> stfts, List<AudioBlock> blocks) {
        for (AudioBlock b : blocks) for (Stft s : stfts) s.accept(b);
        for (Stft s : stfts) s.finish();
    }
}

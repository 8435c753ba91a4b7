package dev.signoff.analysis.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges the findings that share a {@link Cause} and overlap in time into one, so one defect is one
 * row: the most severe finding's code (among equals, the code the cause names as its root), its
 * severity, the time all of them cover, their sentences in turn, and every figure. Findings with no
 * cause, or about times that do not overlap (two clipped passages), stay apart.
 */
final class OneFindingPerCause {
    private OneFindingPerCause() {}

    public static List<Finding> merge(List<Finding> findings) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<List<Finding>>> byCause = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.cause() == null) {
                out.add(f);
                continue;
            }
            List<List<Finding>> groups = byCause.computeIfAbsent(f.cause().id(), k -> new ArrayList<>());
            // f joins every group it overlaps, and so joins them together.
            List<Finding> joined = new ArrayList<>();
            for (Iterator<List<Finding>> it = groups.iterator(); it.hasNext(); ) {
                List<Finding> g = it.next();
                if (g.stream().noneMatch(f::overlaps)) continue;
                joined.addAll(g);
                it.remove();
            }
            joined.add(f);
            groups.add(joined);
        }
        for (List<List<Finding>> groups : byCause.values()) for (List<Finding> g : groups) out.add(g.size() == 1 ? g.get(0) : combine(g));
        return out;
    }

    private static Finding combine(List<Finding> group) {
        FindingCode root = group.get(0).cause().root();
        Finding lead = group.stream()
                .min(Comparator.comparing(Finding::severity).thenComparing(f -> f.code() != root))
                .orElseThrow();
        List<Finding> rest = new ArrayList<>(group);
        rest.remove(lead);
        Severity severity = group.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElseThrow();
        boolean whole = group.stream().anyMatch(f -> f.startS() == null);
        Double start = whole ? null : group.stream().mapToDouble(Finding::startS).min().orElseThrow();
        Double end = whole ? null : group.stream().mapToDouble(Finding::endS).max().orElseThrow();
        StringBuilder message = new StringBuilder(lead.message());
        Set<String> hints = new LinkedHashSet<>();
        if (lead.hint() != null) hints.add(lead.hint());
        Map<String, Double> values = new LinkedHashMap<>(lead.values());
        Set<FindingCode> merged = new LinkedHashSet<>(lead.merged());
        for (Finding f : rest) {
            message.append(' ').append(f.message());
            if (f.hint() != null) hints.add(f.hint());
            for (Map.Entry<String, Double> v : f.values().entrySet()) {
                Double had = values.putIfAbsent(v.getKey(), v.getValue());
                // The same name for a different figure: keep both, the other under its code's name (numbered
                // when findings of one code merge).
                if (had == null || had.equals(v.getValue())) continue;
                String name = f.code().name().toLowerCase(Locale.ROOT) + "_" + v.getKey();
                for (int n = 2; values.containsKey(name); n++) name = f.code().name().toLowerCase(Locale.ROOT) + "_" + v.getKey() + "_" + n;
                values.put(name, v.getValue());
            }
            merged.add(f.code());
            merged.addAll(f.merged());
        }
        merged.remove(lead.code());
        return new Finding(lead.code(), severity, start, end, message.toString(),
                hints.isEmpty() ? null : String.join(" ", hints), values, lead.cause(), List.copyOf(merged));
    }
}

package dev.signoff.server.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.history.LetItGoMeter;
import dev.signoff.analysis.sections.Section;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "let it go" meter over a project's stored versions, from what the analysis jobs stored (each
 * version's diff from the one before and the latest check): no audio is read again. The rules are
 * {@link LetItGoMeter#judge}'s: the verdict and its message are the same as {@code signoff history DIR}'s.
 * The versions read are the ready ones, oldest first (a ready version has its comparison: both are
 * stored together); a step whose comparison failed counts as not small.
 */
public final class ProjectHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reason given for a ready version without a stored comparison. */
    public static final String NOT_COMPARED = "not compared: analysed before this server compared versions";

    /**
     * One version on the meter.
     *
     * @param jnd     its largest change from the version before in JNDs; null for the first, while
     *                the comparison runs or when it failed
     * @param largest that change as in signoff.diff/1's changes[], or null
     * @param error   why it could not be compared, or null
     * @param pending the comparison is still to come: a version from before comparisons whose comparison job is queued or running
     */
    public record Step(Version version, Double jnd, int changes, int audibleChanges, JsonNode largest, String error, boolean pending) {}

    /** The meter's reading; {@code latest} is null when no version is ready. */
    public record Reading(List<Step> steps, Version latest, List<String> problemCodes, LetItGoMeter.Verdict verdict, String message) {}

    private ProjectHistory() {}

    public static Reading read(VersionStore versions, ChangeStore changes, String projectId) {
        List<Version> ready = versions.forProject(projectId).stream().filter(v -> v.status() == VersionStore.Status.READY).toList();
        Map<String, ChangeStore.Stored> stored = new LinkedHashMap<>();
        for (ChangeStore.Stored s : changes.steps(projectId)) stored.put(s.versionId(), s);
        Set<String> comparing = changes.beingCompared(projectId);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            Version v = ready.get(i);
            ChangeStore.Stored s = stored.get(v.id());
            if (i == 0) {
                steps.add(new Step(v, null, 0, 0, null, null, false));
            } else if (s == null || !s.done()) {
                // A ready version has its comparison (stored with its report), unless it was analysed
                // before the server compared versions: the upgrade queues one (migration V7).
                boolean pending = comparing.contains(v.id());
                steps.add(new Step(v, null, 0, 0, null, pending ? null : NOT_COMPARED, pending));
            } else if (s.diffJson() == null) {
                steps.add(new Step(v, null, 0, 0, null, s.error(), false));
            } else {
                JsonNode diff = parse(s.diffJson());
                JsonNode largest = null;
                int audible = 0;
                for (JsonNode c : diff.path("changes")) {
                    if (c.path("audible").asBoolean()) audible++;
                    if (largest == null || c.path("jnd").asDouble() > largest.path("jnd").asDouble()) largest = c;
                }
                steps.add(new Step(v, s.jnd() == null ? 0.0 : s.jnd(), diff.path("changes").size(), audible, largest, null, false));
            }
        }
        Version latest = ready.isEmpty() ? null : ready.get(ready.size() - 1);
        List<String> codes = latest == null ? List.of() : problemCodes(versions.reportJson(latest.id()).orElse(null));
        int problems = latest == null || latest.problems() == null ? 0 : latest.problems();
        double[] jnd = steps.stream().mapToDouble(s -> s.jnd() == null ? Double.NaN : s.jnd()).toArray();
        LetItGoMeter.Verdict verdict = LetItGoMeter.judge(jnd, problems > 0);
        JsonNode last = steps.isEmpty() ? null : steps.get(steps.size() - 1).largest();
        String message = steps.isEmpty() ? "No version is ready yet."
                : LetItGoMeter.message(verdict, steps.size(), last == null ? null : last.path("message").asText(), problems, codes);
        return new Reading(steps, latest, codes, verdict, message);
    }

    /** The codes of the findings of severity problem in a check report (signoff.check/1), each once. */
    static List<String> problemCodes(String reportJson) {
        if (reportJson == null) return List.of();
        Set<String> codes = new LinkedHashSet<>();
        for (JsonNode f : parse(reportJson).path("findings"))
            if ("problem".equals(f.path("severity").asText())) codes.add(f.path("code").asText());
        return List.copyOf(codes);
    }

    /** The song's sections as the version's check found them, or null when unknown. */
    public static List<Section> sections(String reportJson) {
        if (reportJson == null) return null;
        JsonNode list = parse(reportJson).path("sections").path("list");
        if (!list.isArray() || list.isEmpty()) return null;
        List<Section> out = new ArrayList<>();
        for (JsonNode n : list)
            out.add(new Section(n.path("start_s").asDouble(), n.path("end_s").asDouble(), n.path("label").asText(),
                    n.path("quiet").asBoolean(), Double.NaN, n.path("loudness_lufs").asDouble(Double.NaN), n.path("energy_rank").asInt(),
                    n.path("chorus").asBoolean()));
        return out;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.report.DiffJsonReport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * `signoff diff OLD NEW --asked ... --format json` for many pairs in one JVM (bench/multitrack.py):
 * on the shared build machine a JVM's start and warm-up cost as much as a short comparison.
 * Reads one pair a line on stdin (tab-separated: old, new, then the requests), writes one JSON
 * object a line (or {"error": "..."}).
 * Run: java -cp signoff.jar bench/DiffMany.java
 */
public class DiffMany {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            try {
                DiffResult d = VersionDiff.run(Path.of(f[0]), Path.of(f[1]));
                List<String> asked = Arrays.asList(f).subList(2, f.length);
                ScopeCheck.Result scope = asked.isEmpty() ? null : ScopeCheck.checkTexts(d, asked);
                System.out.println(DiffJsonReport.render(d, scope).replace("\n", " ").replace("\r", "").strip());
            } catch (Exception e) {
                System.out.println("{\"error\": \"" + String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'") + "\"}");
            }
            System.out.flush();
        }
    }
}

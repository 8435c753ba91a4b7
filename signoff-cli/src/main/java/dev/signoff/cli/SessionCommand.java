package dev.signoff.cli;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.sections.Section;
import dev.signoff.report.FileOutcome;
import dev.signoff.report.TextReport;
import dev.signoff.session.Bounce;
import dev.signoff.session.Marker;
import dev.signoff.session.Session;
import dev.signoff.session.SessionArchive;
import dev.signoff.session.SessionAudit;
import dev.signoff.session.SessionFinding;
import dev.signoff.session.SessionHtmlReport;
import dev.signoff.session.SessionJsonReport;
import dev.signoff.session.SessionReader;
import dev.signoff.session.SessionTextReport;
import dev.signoff.session.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `signoff session PROJECT`: audit the DAW session behind the mix, and with --archive collect it with everything it needs. */
@Command(name = "session", mixinStandardHelpOptions = true,
        header = "Audit a DAW session and archive it for the revision.",
        description = {"Read a REAPER .rpp, a .dawproject or an Ardour .ardour session and list what will hurt at the revision: "
                + "unnamed tracks, missing media or media outside the session folder, unused media, alternate takes, muted leftovers, "
                + "empty tracks, bypassed or offline plugins, media at another sample rate, limiting on the master bus, no markers.",
                "Exit code: 0 no problem found, 1 at least one problem, 2 usage or input error (or an archive that could not be made)."})
final class SessionCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The session file: .rpp (REAPER), .dawproject, or .ardour (Ardour); or a folder holding one.")
    Path project;

    @Option(names = "--bounce", paramLabel = "MIX", description = "The mix bounced from this session: BOUNCE_MISMATCH when its sample rate, length or start differ; with --archive, its check summary goes on the recall sheet.")
    Path bounce;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    @Option(names = "--archive", paramLabel = "DEST", description = {"Collect the session and every media file it uses into the new folder DEST "
            + "(written as DEST.partial, renamed when whole), with paths rewritten in the copy only, MANIFEST.sha256 and a recall sheet (RECALL.md, RECALL.html).",
            "The copy is audited again: a missing file or one still outside it fails the archive."})
    Path archive;

    @Override
    public Integer call() throws Exception {
        Session session = SessionReader.read(project);
        // the bounce's check runs only when its report or its sections are wanted: it decodes the whole mix
        CheckResult check = bounce != null && (archive != null || session.markers().isEmpty()) ? MixCheck.run(bounce) : null;
        Bounce mix = bounce == null ? null : readBounce(bounce, check);
        List<SessionFinding> findings = SessionAudit.audit(session, mix);
        String report = switch (format) {
            case text -> SessionTextReport.render(session, findings);
            case json -> SessionJsonReport.render(session, findings);
            case html -> SessionHtmlReport.render(session, findings);
        };
        AtomicFiles.writeOrPrint(out, report, spec.commandLine());
        if (archive != null) {
            List<String> summary = check == null ? null : TextReport.render(List.of(FileOutcome.of(check)), false).lines().toList();
            SessionArchive.Result r = SessionArchive.archive(session, archive, summary);
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "signoff: archived %s into %s: %d files, %.1f MB, MANIFEST.sha256, RECALL.md; the copy's audit: %s%n",
                    project.getFileName(), archive, r.files(), r.bytes() / 1048576.0, SessionTextReport.tally(r.findings()));
        }
        return findings.stream().anyMatch(f -> f.severity() == Severity.PROBLEM) ? Main.PROBLEM_FOUND : Main.OK;
    }

    /** The bounce's rate, length and first sound, and the sections its check found, named as Signoff's reports name them. */
    private static Bounce readBounce(Path file, CheckResult check) throws IOException {
        List<Marker> sections = new ArrayList<>();
        if (check != null && check.measurements().sections() != null) {
            for (Section s : check.measurements().sections().sections()) {
                sections.add(new Marker(s.startS(), s.quiet() ? "stop" : s.label() + (s.chorus() ? " (chorus)" : "")));
            }
        }
        return Bounce.read(file, sections);
    }
}

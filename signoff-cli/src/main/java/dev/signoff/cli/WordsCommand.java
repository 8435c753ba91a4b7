package dev.signoff.cli;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.Conflicts;
import dev.signoff.analysis.revisions.FeedbackTranslator;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.report.WordsTextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `signoff words MIX --at 1:23 "sounds muddy here"`: what a client's words usually mean, measured in the mix. */
@Command(name = "words", mixinStandardHelpOptions = true,
        header = "Translate client feedback into what it means and measure it.",
        description = {"Translate client feedback: find the words Signoff knows in each comment (muddy, harsh, thin, buried vocal, too much reverb...), "
                + "say what they usually mean and measure it at the comment's time against the rest of the song and your references. "
                + "Several comments are also checked for conflicting requests.",
                "A comment may start with its time (\"1:23 sounds muddy\"); --at gives the time of those that do not."})
final class WordsCommand implements Callable<Integer> {
    private static final Pattern LEADING_TIME = Pattern.compile("^\\s*(\\d{1,3}:\\d{2}(?:\\.\\d+)?)\\s+(.+)$");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MIX", description = "The version the comments are about.")
    Path mix;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMENT", description = "A comment, optionally led by its time (m:ss).")
    List<String> comments;

    @Option(names = "--at", paramLabel = "TIME", description = "The time (m:ss) of comments that give none.")
    String at;

    @Option(names = "--ref", paramLabel = "FILE|DIR", description = "A reference track (repeatable; a folder adds every audio file in it).")
    List<Path> refs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Double defaultTime = at == null ? null : seconds(at);
        MeasurementPlan plan = MeasurementPlan.of(FeedbackTranslator.MEASURES);
        Measurements m = plan.measure(mix, (info, frames) -> { });
        List<Reference> references = new ArrayList<>();
        for (Path r : AudioFolder.expandReferences(refs, spec)) references.add(new Reference(r, plan.measure(r, (info, frames) -> { })));
        List<RevisionItem> items = new ArrayList<>();
        for (String c : comments) {
            Matcher t = LEADING_TIME.matcher(c);
            items.add(t.matches() ? new RevisionItem(t.group(2), seconds(t.group(1)), null) : new RevisionItem(c, defaultTime, null));
        }
        List<FeedbackTranslator.Translation> translations = new ArrayList<>();
        for (RevisionItem i : items) {
            FeedbackTranslator.Translation t = FeedbackTranslator.translate(m, references, i);
            // A time past the end points at nothing; reading "there" would quote a range that ends before it starts.
            Double time = i.startS() != null ? i.startS() : t.request().scope().startS();
            if (time != null && time > m.durationS()) throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "\"%s\" is at %s, after the end of %s (%s)", i.text(), Clock.format(time), mix.getFileName(), Clock.format(m.durationS())));
            translations.add(t);
        }
        List<Conflicts.Conflict> conflicts = Conflicts.find(items, m.sections() == null ? null : m.sections().sections());
        spec.commandLine().getOut().print(WordsTextReport.render(mix, translations, conflicts, references.stream().map(Reference::name).toList()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private double seconds(String mss) {
        Matcher t = Pattern.compile("(\\d{1,3}):(\\d{2}(?:\\.\\d+)?)").matcher(mss.strip());
        if (!t.matches()) throw new ParameterException(spec.commandLine(), "time " + mss + ": expected m:ss, e.g. 1:23");
        return Integer.parseInt(t.group(1)) * 60 + Double.parseDouble(t.group(2));
    }
}

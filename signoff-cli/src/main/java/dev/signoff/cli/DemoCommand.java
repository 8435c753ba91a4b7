package dev.signoff.cli;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.report.FileOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `signoff demo`: synthesizes a short song with two typical last-minute misses (amp hiss hanging
 * over the stop, and choruses pushed into clipping), checks it and prints the report, so a new
 * user sees real output in one command.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Render a demo mix with known defects and check it.",
        description = {"Render a demo mix with known defects, check it, and print the report",
                "(also writes the mix and an HTML report to the demo folder)."})
final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = "signoff-demo", paramLabel = "DIR", description = "Where to put the demo mix and report (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN", description = "auto, always or never (default: ${DEFAULT-VALUE}).")
    CheckCommand.ColourChoice color;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Path mix = dir.resolve("demo-mix.wav");
        Path html = dir.resolve("demo-report.html");
        err.println("signoff: rendering a 90-second demo mix with hiss over the stop and clipped choruses...");
        SongSynth.Song song = SongSynth.render(48_000, 90, 7, EnumSet.of(Defect.STOP_HISS, Defect.CLIPPING));
        SongFiles.write(song, mix, 24);

        CheckResult result = MixCheck.run(mix);
        boolean colour = color == CheckCommand.ColourChoice.always
                || (color == CheckCommand.ColourChoice.auto && System.console() != null && System.getenv("NO_COLOR") == null);
        List<FileOutcome> outcomes = List.of(FileOutcome.of(result));
        out.print(Reports.render(ReportFormat.text, outcomes, colour));
        out.flush();
        AtomicFiles.write(html, Reports.render(ReportFormat.html, outcomes, false));
        err.println("signoff: demo mix " + mix + ", HTML report " + html);
        err.println("signoff: try it on your own bounce: ./signoff check your-mix.wav");
        return Main.OK;
    }
}

package dev.signoff.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The progress bar's options of the commands that compare versions (check has its own, with --color). */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal, and for short work.")
    boolean asked;

    /** Uncoloured: these commands' reports have no colour either. */
    Progress.Display display(CommandSpec spec) {
        return Progress.Display.of(spec.commandLine().getErr(), quiet, asked, false);
    }
}

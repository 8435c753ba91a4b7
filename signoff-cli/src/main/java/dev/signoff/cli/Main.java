package dev.signoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The `signoff` command: a thin shell over the library. */
@Command(name = "signoff",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Finishing checks for mix engineers: what still needs attention before the mix goes out.",
        subcommands = {CheckCommand.class, DiffCommand.class, HistoryCommand.class, WordsCommand.class, DemoCommand.class, SynthCommand.class, DevicesCommand.class, TranslateCommand.class, ServeCommand.class, WatchCommand.class, BackupCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    /** Exit codes, as documented in the README. */
    public static final int OK = 0, PROBLEM_FOUND = 1, USAGE_OR_INPUT_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors: one line and a pointer to help, exit 2 (picocli's default prints the whole usage).
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("signoff: " + ex.getMessage());
            err.println("Try 'signoff " + (ex.getCommandLine().getCommandName().equals("signoff") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return USAGE_OR_INPUT_ERROR;
        });
        // Anything unexpected: one line, no stack trace (set SIGNOFF_DEBUG=1 to see it).
        cli.setExecutionExceptionHandler((ex, c, p) -> {
            if (System.getenv("SIGNOFF_DEBUG") != null) ex.printStackTrace(err);
            err.println("signoff: " + Errors.oneLine(ex));
            return USAGE_OR_INPUT_ERROR;
        });
        if (args.length == 0) {
            cli.usage(out);
            return USAGE_OR_INPUT_ERROR;
        }
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // check streams in bounded memory (and catches a file that exhausts it per file); synth renders whole songs.
            err.println("signoff: ran out of memory" + (args[0].equals("synth") ? "; a shorter --seconds helps" : ""));
            return USAGE_OR_INPUT_ERROR;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"signoff " + (v == null ? "development build" : v)};
        }
    }
}

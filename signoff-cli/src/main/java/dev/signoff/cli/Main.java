package dev.signoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** The `signoff` command: a thin shell over the library. */
@Command(name = "signoff",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Finishing checks for mix engineers: what still needs attention before the mix goes out.")
public final class Main {

    /** Exit codes, as documented in the README. */
    public static final int OK = 0, PROBLEM_FOUND = 1, USAGE_OR_INPUT_ERROR = 2;

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(CheckCommand.class, DiffCommand.class, HistoryCommand.class,
            AlbumCommand.class, WordsCommand.class, DemoCommand.class, SynthCommand.class, DevicesCommand.class,
            TranslateCommand.class, SessionCommand.class, ServeCommand.class, WatchCommand.class, BackupCommand.class,
            CommandLine.HelpCommand.class);

    /** The whole command line, every command in it (help, completion, man pages). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments starting with {@code first}: that command alone when it names
     * one, else every command. Picocli reads a command's options by reflection as it is added; in a
     * cold check, building the command line took 0.23 s of CPU with all fourteen and 0.18 s with
     * check alone.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        boolean named = COMMANDS.stream().anyMatch(c -> name(c).equals(first)) && !"help".equals(first);
        for (Class<?> c : COMMANDS) {
            if (!named || name(c).equals(first)) cli.addSubcommand(c);
        }
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args.length == 0 ? null : args[0]);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors: one line and a pointer to help, exit 2 (picocli's default prints the whole usage).
        cli.setParameterExceptionHandler((ex, a) -> {
            String mistyped = ex instanceof CommandLine.UnmatchedArgumentException u ? mistyped(u) : null;
            if (mistyped != null) {
                err.println(mistyped);
                return USAGE_OR_INPUT_ERROR;
            }
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

    /**
     * A mistyped command or option in one line, with the nearest names ("did you mean 'check'?"),
     * or the list of commands when none is near; null for other unmatched words.
     */
    static String mistyped(CommandLine.UnmatchedArgumentException ex) {
        CommandLine where = ex.getCommandLine();
        String word = ex.getUnmatched().isEmpty() ? "" : ex.getUnmatched().get(0);
        if (ex.isUnknownOption()) {
            String who = where.getParent() == null ? "signoff" : "signoff " + where.getCommandName();
            String option = word.split("=", 2)[0];
            List<String> near = nearest(option, where.getCommandSpec().optionsMap().keySet());
            String said = who + ": unknown option '" + option + "'";
            return near.isEmpty() ? said + "; see '" + who + " --help'" : said + "; did you mean " + quoted(near) + "?";
        }
        if (where.getParent() != null || where.getSubcommands().isEmpty()) return null;
        String said = "signoff: '" + word + "' is not a signoff command";
        List<String> near = nearest(word, where.getSubcommands().keySet());
        return near.isEmpty() ? said + "; the commands are " + String.join(", ", where.getSubcommands().keySet()) + "."
                : said + "; did you mean " + quoted(near) + "?";
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "));
    }

    /** The names fewest typing slips away from {@code word}: at most two, and fewer than half its letters. */
    static List<String> nearest(String word, Collection<String> names) {
        int best = Math.min(2, (word.replaceFirst("^-+", "").length() - 1) / 2);
        List<String> near = new ArrayList<>();
        for (String n : names) {
            int d = typingDistance(word, n);
            if (d < best) near.clear();
            if (d <= best) {
                best = d;
                near.add(n);
            }
        }
        return near;
    }

    /** Letters inserted, deleted, replaced or swapped with a neighbour to turn {@code a} into {@code b}. */
    static int typingDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The build's version and commit (from a resource the build fills in), and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() throws IOException {
            return new String[]{"signoff " + describe(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }

        /** "0.1.0 (commit 8c729d1a2b3c)", or the version alone when the build had no git checkout. */
        static String describe() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) throw new IOException("version.properties is missing from the build");
                p.load(in);
            }
            String commit = p.getProperty("commit", "").strip();
            return p.getProperty("version") + (commit.isEmpty() ? "" : " (commit " + commit + ")");
        }
    }
}

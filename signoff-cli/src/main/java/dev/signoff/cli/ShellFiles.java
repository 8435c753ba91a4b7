package dev.signoff.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the shell completion scripts and man pages, generated from the command line's own model
 * so they cannot drift from it; the build runs this (signoff-cli/pom.xml) and the release archive
 * and the Debian package install what it wrote, laid out as under /usr:
 * share/bash-completion/completions/signoff, share/zsh/site-functions/_signoff and
 * share/man/man1/signoff*.1.
 *
 * <p>Man pages are written as roff here rather than with picocli-codegen's ManPageGenerator, which
 * writes AsciiDoc and would need Asciidoctor (Ruby or JRuby) in the build to become a man page.
 */
public final class ShellFiles {
    private ShellFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: ShellFiles OUT-DIR");
        write(Path.of(args[0]));
    }

    static void write(Path root) throws IOException {
        CommandLine cli = Main.commandLine();
        String bash = AutoComplete.bash("signoff", cli);
        Path completions = Files.createDirectories(root.resolve("share/bash-completion/completions"));
        Files.writeString(completions.resolve("signoff"), bash);
        // zsh runs the same script through its bash-completion emulation. As a #compdef file it is
        // the body of _signoff, parsed whole before it runs, so the script's alias of compopt would
        // come too late for its functions (they then skip compopt, a bash nicety); and it ends by
        // completing the words of the call that loaded it.
        Path zsh = Files.createDirectories(root.resolve("share/zsh/site-functions"));
        Files.writeString(zsh.resolve("_signoff"), "#compdef signoff\n"
                + bash.replaceAll("(?m)^\\s*alias compopt=complete\\s*$", "")
                + "\n_bash_complete -F _complete_signoff\n");
        Path man1 = Files.createDirectories(root.resolve("share/man/man1"));
        String version = Main.Version.describe();
        Files.writeString(man1.resolve("signoff.1"), mainPage(cli, version));
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().helpCommand()) continue;
            Files.writeString(man1.resolve("signoff-" + e.getKey() + ".1"), commandPage(e.getValue().getCommandSpec(), version));
        }
    }

    private static String mainPage(CommandLine cli, String version) {
        CommandSpec spec = cli.getCommandSpec();
        StringBuilder m = new StringBuilder(title("signoff", version));
        m.append(".SH NAME\nsignoff \\- ").append(roff(String.join(" ", spec.usageMessage().description()))).append('\n');
        m.append(".SH SYNOPSIS\n.B signoff\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
        m.append(".br\n.B signoff\n\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n");
        m.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            CommandSpec c = e.getValue().getCommandSpec();
            if (c.helpCommand()) continue;
            m.append(".TP\n\\fBsignoff ").append(e.getKey()).append("\\fR\n").append(roff(c.usageMessage().header()[0]))
                    .append(" See \\fBsignoff\\-").append(e.getKey()).append("\\fR(1).\n");
        }
        m.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) m.append(option(o));
        m.append(".SH EXIT STATUS\n.TP\n0\nNothing to report, or the work is done.\n.TP\n1\n")
                .append("\\fBcheck\\fR found at least one problem.\n.TP\n2\nA usage or input error (the message says which, on one line).\n");
        m.append(".SH ENVIRONMENT\n.TP\nNO_COLOR\nNo colour in reports or progress bars, as \\fB\\-\\-color never\\fR.\n")
                .append(".TP\nSIGNOFF_DEBUG\nPrint the stack trace behind an unexpected error.\n");
        m.append(".SH SEE ALSO\n").append(cli.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().helpCommand())
                .map(e -> "\\fBsignoff\\-" + e.getKey() + "\\fR(1)").collect(Collectors.joining(",\n"))).append('\n');
        return m.toString();
    }

    private static String commandPage(CommandSpec spec, String version) {
        String name = spec.name();
        StringBuilder m = new StringBuilder(title("signoff-" + name, version));
        m.append(".SH NAME\nsignoff\\-").append(name).append(" \\- ").append(roff(spec.usageMessage().header()[0])).append('\n');
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        m.append(".SH SYNOPSIS\n.nf\n").append(roff(help.synopsis(0).strip())).append("\n.fi\n");
        m.append(".SH DESCRIPTION\n").append(paragraphs(spec.usageMessage().description()));
        if (!spec.positionalParameters().isEmpty()) {
            m.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                m.append(".TP\n\\fI").append(roff(p.paramLabel())).append("\\fR\n").append(description(p));
            }
        }
        m.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) m.append(option(o));
        m.append(".SH SEE ALSO\n\\fBsignoff\\fR(1)\n");
        return m.toString();
    }

    private static String title(String name, String version) {
        return ".TH " + roff(name.toUpperCase(Locale.ROOT)) + " 1 \"\" \"signoff " + roff(version) + "\" \"Signoff Manual\"\n"
                + ".\\\" Generated from the command line's model by dev.signoff.cli.ShellFiles; do not edit.\n";
    }

    private static String option(OptionSpec o) {
        String names = Arrays.stream(o.names()).map(n -> "\\fB" + roff(n) + "\\fR").collect(Collectors.joining(", "));
        String label = o.typeInfo().isBoolean() || o.arity().max() == 0 ? "" : "=\\fI" + roff(o.paramLabel()) + "\\fR";
        return ".TP\n" + names + label + "\n" + description(o);
    }

    /** An argument's description with picocli's variables filled in, as --help shows it. */
    private static String description(ArgSpec a) {
        String[] lines = a.description();
        String candidates = "";
        if (a.completionCandidates() != null) {
            candidates = String.join(", ", (Iterable<String>) a.completionCandidates());
        }
        String[] filled = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            filled[i] = lines[i].replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValue()))
                    .replace("${COMPLETION-CANDIDATES}", candidates);
        }
        return paragraphs(filled);
    }

    /** Description lines as roff: a line ending a sentence ends its paragraph; the others run on. */
    private static String paragraphs(String[] lines) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            m.append(roff(lines[i].strip())).append('\n');
            if (i + 1 < lines.length && lines[i].strip().endsWith(".")) m.append(".br\n");
        }
        return m.toString();
    }

    /** Text safe in a roff line: backslashes and hyphens escaped, no line read as a request. */
    static String roff(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}

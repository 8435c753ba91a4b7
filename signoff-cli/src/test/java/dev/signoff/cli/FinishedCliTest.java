package dev.signoff.cli;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's finish: --version, "did you mean", summaries, completion, man pages, progress without colour. */
class FinishedCliTest {
    @TempDir static Path dir;
    static Path a, b;

    @BeforeAll
    static void songs() throws Exception {
        float[][] x = SongSynth.render(48_000, 12, 3).channels();
        a = write("a.wav", x);
        b = write("b.wav", x);
    }

    private static Path write(String name, float[][] x) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        return f;
    }

    /** The project version as the pom says it (the build's, not a string of the code's). */
    private static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        String first = run.out().lines().findFirst().orElse("");
        assertThat(first).matches(Pattern.quote("signoff " + pomVersion()) + "( \\(commit [0-9a-f]{7,}(-dirty)?\\))?");
        assertThat(run.out()).containsPattern("Java \\d+");
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        if (git.waitFor() == 0) assertThat(first).as("the commit built").contains("(commit " + head.substring(0, 12));
    }

    @Test
    void aMistypedCommandGetsASuggestionOnOneLine() {
        CliRun run = CliRun.of("chek", "mix.wav");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(run.err()).isEqualTo("signoff: 'chek' is not a signoff command; did you mean 'check'?" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void swappedLettersAndAMissingOneAreNear() {
        assertThat(CliRun.of("chekc").err()).contains("did you mean 'check'?");
        assertThat(CliRun.of("dif").err()).contains("did you mean 'diff'?");
        assertThat(CliRun.of("check", "--jbos", "2", a.toString()).err()).contains("did you mean '--jobs'?");
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        CliRun run = CliRun.of("check", "--colour", "never", a.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(run.err().lines().toList()).containsExactly("signoff check: unknown option '--colour'; did you mean '--color'?");
    }

    @Test
    void aWordLikeNoCommandListsTheCommands() {
        CliRun run = CliRun.of("xyzzy");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("signoff: 'xyzzy' is not a signoff command; the commands are check, diff, history");
    }

    @Test
    void aCommandRunAloneIsTheOnlyOneReadAndAnyOtherFirstWordReadsThemAll() {
        int all = Main.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(10);
        assertThat(Main.commandLine("check").getSubcommands().keySet()).containsExactly("check");
        assertThat(Main.commandLine("diff").getSubcommands().keySet()).containsExactly("diff");
        for (String first : new String[]{"help", "chek", "--help", "--version"}) {
            assertThat(Main.commandLine(first).getSubcommands()).as(first).hasSize(all);
        }
        assertThat(CliRun.of("check", "--help").out()).contains("--format").contains("--jobs");
        assertThat(CliRun.of("help", "diff").out()).contains("Usage: signoff diff").contains("--format");
    }

    @Test
    void everyCommandSummaryIsOneWholeSentence() {
        CommandLine cli = Main.commandLine();
        for (var e : cli.getSubcommands().entrySet()) {
            String[] header = e.getValue().getCommandSpec().usageMessage().header();
            assertThat(header).as(e.getKey()).hasSize(1);
            assertThat(header[0]).as(e.getKey()).matches("[A-Z][^.]*[a-z)]\\.").hasSizeLessThanOrEqualTo(66);
        }
        CliRun help = CliRun.of("--help");
        assertThat(help.out()).containsPattern("(?m)^  check +Check mixes .*\\.$");
    }

    @Test
    void bashCompletionKnowsEveryCommandAndCompletesThem() throws Exception {
        ShellFiles.write(dir.resolve("dist"));
        Path bash = dir.resolve("dist/share/bash-completion/completions/signoff");
        Path zsh = dir.resolve("dist/share/zsh/site-functions/_signoff");
        String script = Files.readString(bash);
        for (String command : Main.commandLine().getSubcommands().keySet()) assertThat(script).contains(command);
        assertThat(Files.readString(zsh)).startsWith("#compdef signoff").doesNotContain("alias compopt");
        // Complete as bash would after a Tab: the script's own function on a half-typed command line
        // (outside a real Tab, bash's compopt complains on stderr; the candidates are what count).
        assertThat(complete(bash, "signoff", "ch")).containsExactly("check");
        assertThat(complete(bash, "signoff", "check", "--col")).containsExactly("--color");
    }

    private static List<String> complete(Path script, String... words) throws Exception {
        String setup = "source '" + script + "'; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_signoff; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", setup).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void eachCommandHasAManPageNamingEveryOption() throws Exception {
        ShellFiles.write(dir.resolve("man"));
        Path man1 = dir.resolve("man/share/man/man1");
        CommandLine cli = Main.commandLine();
        String main = Files.readString(man1.resolve("signoff.1"));
        assertThat(main).startsWith(".TH SIGNOFF 1").contains(".SH COMMANDS");
        for (var e : cli.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            assertThat(main).contains("signoff\\-" + e.getKey());
            String page = Files.readString(man1.resolve("signoff-" + e.getKey() + ".1"));
            assertThat(page).startsWith(".TH SIGNOFF\\-" + e.getKey().toUpperCase() + " 1").contains(".SH SYNOPSIS").contains(".SH OPTIONS");
            for (var option : e.getValue().getCommandSpec().options()) {
                assertThat(page).as(e.getKey()).contains(ShellFiles.roff(option.longestName()));
            }
        }
    }

    @Test
    void colourNeverLeavesNoEscapesInTheProgressBar() {
        CliRun run = CliRun.of("check", "--progress", "--color", "never", a.toString(), b.toString());
        assertThat(run.exitCode()).as(run.err()).isLessThan(2);
        assertThat(run.err()).contains("Checking").contains("100%").doesNotContain("\u001b");
        assertThat(CliRun.of("check", "--progress", a.toString(), b.toString()).err()).as("auto, and stderr no terminal")
                .contains("100%").doesNotContain("\u001b");
        CliRun coloured = CliRun.of("check", "--progress", "--color", "always", a.toString(), b.toString());
        assertThat(coloured.err()).contains("\u001b[");
    }

    @Test
    void diffAndHistoryShowProgressWhenAsked() {
        CliRun diff = CliRun.of("diff", "--progress", a.toString(), b.toString());
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.err()).contains("Comparing").contains("100%");
        assertThat(CliRun.of("diff", a.toString(), b.toString()).err()).as("not a terminal, not asked").isEmpty();
        CliRun history = CliRun.of("history", "--progress", a.toString(), b.toString());
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.err()).contains("Comparing").contains("100%").doesNotContain("\u001b");
    }
}

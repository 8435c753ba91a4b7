package dev.signoff.cli;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/** `signoff synth OUT.wav`: render the built-in test song, optionally with known defects. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        header = "Render Signoff's synthesized test song to a WAV file.",
        description = {"Render Signoff's synthesized test song (intro, verses, choruses, a stop, outro) to a WAV file,",
                "optionally with known mix defects, to try the checks or benchmark them."})
final class SynthCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "OUT", description = "WAV file to write.")
    Path out;

    @Option(names = "--seconds", defaultValue = "60", description = "Approximate length (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rate", defaultValue = "48000", description = "Sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--bits", defaultValue = "24", description = "16, 24 or 32 (32 = float) (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--defect", paramLabel = "NAME", description = "Build in a defect (repeatable): ${COMPLETION-CANDIDATES}.")
    List<Defect> defects;

    @Override
    public Integer call() throws Exception {
        if (seconds < 20 || seconds > 3600) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seconds must be between 20 and 3600");
        if (rate < 8000 || rate > 384000) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be between 8000 and 384000");
        if (bits != 16 && bits != 24 && bits != 32) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bits must be 16, 24 or 32");
        EnumSet<Defect> set = defects == null || defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        SongSynth.Song song = SongSynth.render(rate, seconds, seed, set);
        SongFiles.write(song, out, bits);
        spec.commandLine().getErr().printf("signoff: wrote %s (%.1f s, %d Hz, %s)%n", out, song.durationS(), rate,
                bits == 32 ? "32-bit float" : bits + "-bit");
        return Main.OK;
    }
}

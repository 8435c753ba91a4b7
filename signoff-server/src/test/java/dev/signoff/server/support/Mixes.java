package dev.signoff.server.support;

import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Versions of one mix for the revision tests: the same synthesized song, and revisions of it made
 * with real EQ filters (RBJ biquads), a level change, or a change too small to matter.
 */
public final class Mixes {
    public static final int RATE = 44_100;
    private final float[][] song;
    private final List<SongSynth.Section> sections;

    private Mixes(float[][] song) { this(song, List.of()); }

    private Mixes(float[][] song, List<SongSynth.Section> sections) {
        this.song = song;
        this.sections = sections;
    }

    /** The song's parts (intro, verse, chorus...) as the synthesizer laid them out. */
    public List<SongSynth.Section> sections() { return sections; }

    /** The first chorus. */
    public SongSynth.Section firstChorus() {
        return sections.stream().filter(s -> s.name().equals("chorus")).findFirst().orElseThrow();
    }

    /** This mix with a bell of {@code db} at {@code hz} (Q 1) in its first chorus only: "muddy in the chorus". */
    public Mixes boostedInFirstChorus(double hz, double db) {
        float[][] ch = copy();
        SongSynth.Section chorus = firstChorus();
        int from = (int) Math.round(chorus.startS() * RATE), to = Math.min(ch[0].length, (int) Math.round(chorus.endS() * RATE));
        for (float[] c : ch) Biquad.peaking(RATE, hz, 1.0, db).process(c, from, to);
        return new Mixes(ch, sections);
    }

    /** A song of {@code seconds} (at least 21 s), scaled well clear of clipping. */
    public static Mixes song(double seconds, long seed) {
        SongSynth.Song s = SongSynth.render(RATE, seconds, seed);
        float[][] ch = new float[2][];
        for (int c = 0; c < 2; c++) {
            ch[c] = Arrays.copyOf(s.channels()[c], s.frames());
            for (int i = 0; i < ch[c].length; i++) ch[c][i] *= 0.5f;
        }
        return new Mixes(ch, s.sections());
    }

    /** This mix through a filter (a fresh one per channel). */
    public Mixes filtered(Supplier<Biquad> filter) {
        float[][] ch = copy();
        for (float[] c : ch) filter.get().process(c);
        return new Mixes(ch);
    }

    /** What was asked: "vocal up a bit", a +4 dB bell at 1.5 kHz. */
    public Mixes vocalUp() {
        return filtered(() -> Biquad.peaking(RATE, 1500, 1.4, 4));
    }

    /** What nobody asked for: a +4 dB high shelf at 10 kHz. */
    public Mixes brighter() {
        return filtered(() -> Biquad.highShelf(RATE, 10_000, 4));
    }

    /** The same mix {@code db} louder (negative: quieter), as a re-bounce with the master fader moved. */
    public Mixes louder(double db) {
        float[][] ch = copy();
        float g = (float) Math.pow(10, db / 20);
        for (float[] c : ch) for (int i = 0; i < c.length; i++) c[i] *= g;
        return new Mixes(ch, sections);
    }

    /** The same mix with a dither-sized difference (a few 16-bit steps of noise): nothing anyone can hear. */
    public Mixes dithered(long seed) {
        float[][] ch = copy();
        Random r = new Random(seed);
        for (float[] c : ch) for (int i = 0; i < c.length; i++) c[i] += (float) ((r.nextDouble() - 0.5) * 2.0 / 32768);
        return new Mixes(ch);
    }

    /** This mix with white noise of RMS {@code dbfs} throughout, different on each side: an amp's hiss. */
    public Mixes hissy(double dbfs, long seed) {
        float[][] ch = copy();
        Random r = new Random(seed);
        double a = Math.pow(10, dbfs / 20) * Math.sqrt(3);
        for (float[] c : ch) for (int i = 0; i < c.length; i++) c[i] += (float) (a * (2 * r.nextDouble() - 1));
        return new Mixes(ch, sections);
    }

    public Path wav(Path file, int bits) throws IOException {
        return wav(file, bits, RATE);
    }

    /** The samples written as {@code rate} (a bounce that claims another sample rate). */
    public Path wav(Path file, int bits, int rate) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (WavWriter w = WavWriter.open(file, rate, 2, bits)) {
            w.write(song, song[0].length);
        }
        return file;
    }

    public Path wav(Path file) throws IOException { return wav(file, 16); }

    private float[][] copy() {
        return new float[][]{song[0].clone(), song[1].clone()};
    }
}

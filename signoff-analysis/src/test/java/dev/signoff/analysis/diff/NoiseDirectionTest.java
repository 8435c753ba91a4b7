package dev.signoff.analysis.diff;

import dev.signoff.analysis.diff.NoiseChange.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which way noise went between two versions: the same song with and without hiss (or hum), compared
 * both ways round. The 40 s song has a full-band stop at 0:26.5, where the noise stands out.
 */
class NoiseDirectionTest {
    @TempDir Path dir;

    /** The old version is the song, the new the song changed; {@code reversed} compares them the other way round. */
    private DiffResult diff(UnaryOperator<float[][]> change, boolean reversed) throws Exception {
        Path[] p = pair(dir, 7, change);
        return reversed ? VersionDiff.run(p[1], p[0]) : VersionDiff.run(p[0], p[1]);
    }

    private static List<Change> noiseChanges(DiffResult r) {
        return r.changes().stream().filter(c -> c.kind() == ChangeKind.NOISE).toList();
    }

    private static void print(String what, Change c) {
        System.out.printf(Locale.ROOT, "noise direction: %s -> %s, old %s dBFS, new %s dBFS: %s%n", what,
                c.noise().direction(), c.noise().oldDbfs(), c.noise().newDbfs(), c.message());
    }

    @Test
    void hissAddedIsAdded() throws Exception {
        Change c = single(diff(noise(-60, 0, 60, 3), false));
        print("hiss added", c);
        assertThat(c.noise().direction()).isEqualTo(Direction.ADDED);
        assertThat(c.noise().oldDbfs()).isNull();
        // White noise of -60 dBFS has 15/24 of its power above 1 kHz: -62 dBFS there.
        assertThat(c.noise().newDbfs()).isBetween(-63.5, -60.5);
        assertThat(c.db()).isEqualTo(c.noise().newDbfs());
        assertThat(c.message()).contains("runs through the whole new version").contains("0:26.5");
    }

    @Test
    void hissRemovedIsRemoved() throws Exception {
        DiffResult r = diff(noise(-60, 0, 60, 3), true);
        Change c = single(r);
        print("hiss removed", c);
        assertThat(c.noise().direction()).isEqualTo(Direction.REMOVED);
        assertThat(c.noise().newDbfs()).isNull();
        assertThat(c.noise().oldDbfs()).isBetween(-63.5, -60.5);
        assertThat(c.db()).isEqualTo(c.noise().oldDbfs());
        assertThat(c.wholeSong()).isTrue();
        assertThat(c.message()).contains("old version").contains("gone").contains("0:26.5").doesNotContain("new version");
        assertThat(r.changes()).noneMatch(x -> x.kind() == ChangeKind.TONAL || x.kind() == ChangeKind.LEVEL);
    }

    @Test
    void aNoiseBurstTakenOutIsARemovedPassage() throws Exception {
        Change c = single(diff(noise(-40, 10, 13, 1), true));
        print("burst removed", c);
        assertThat(c.noise().direction()).isEqualTo(Direction.REMOVED);
        assertThat(c.startS()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(c.endS()).isCloseTo(13.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(c.noise().oldDbfs()).isBetween(-44.5, -41.5);
        assertThat(c.message()).contains("passage at 0:09.8").contains("no longer");
    }

    @Test
    void hissMadeLouderOrQuieterSaysByHowMuch() throws Exception {
        Path[] p = pair(dir, 7, noise(-66, 0, 60, 3));
        Path louder = write(dir, "louder.wav", noise(-60, 0, 60, 5).apply(copy(gain(-6).apply(copy(song(7).channels())))));
        Change up = single(VersionDiff.run(p[1], louder));
        print("hiss louder", up);
        assertThat(up.noise().direction()).isEqualTo(Direction.LOUDER);
        assertThat(up.noise().changeDb()).isBetween(4.5, 7.5);
        assertThat(up.message()).contains("louder");
        Change down = single(VersionDiff.run(louder, p[1]));
        print("hiss quieter", down);
        assertThat(down.noise().direction()).isEqualTo(Direction.QUIETER);
        assertThat(down.noise().changeDb()).isBetween(-7.5, -4.5);
        assertThat(down.message()).contains("quieter");
    }

    @Test
    void humAddedIsAddedHum() throws Exception {
        DiffResult r = diff(hum(-50, 50), false);
        Change c = single(r);
        print("hum added", c);
        assertThat(c.noise().direction()).isEqualTo(Direction.ADDED);
        assertThat(c.noise().humHz()).isEqualTo(50.0);
        assertThat(c.noise().oldDbfs()).isNull();
        assertThat(c.noise().newDbfs()).isBetween(-55.0, -45.0);
        assertThat(c.message()).contains("50 Hz").contains("hum").contains("the stop at 0:26.0");
        // The hum filling the low bands of the quiet intro and outro is the hum's change, not a tonal one.
        assertThat(r.changes()).as(r.changes().toString()).noneMatch(x -> x.kind() == ChangeKind.TONAL && x.audible());
    }

    @Test
    void humRemovedIsRemovedHum() throws Exception {
        DiffResult r = diff(hum(-50, 50), true);
        Change c = single(r);
        print("hum removed", c);
        assertThat(c.noise().direction()).isEqualTo(Direction.REMOVED);
        assertThat(c.noise().humHz()).isEqualTo(50.0);
        assertThat(c.noise().newDbfs()).isNull();
        assertThat(c.noise().oldDbfs()).isBetween(-55.0, -45.0);
        assertThat(c.message()).contains("50 Hz").contains("hum").contains("gone").doesNotContain("new version");
        assertThat(r.changes()).as(r.changes().toString()).noneMatch(x -> x.kind() == ChangeKind.TONAL && x.audible());
    }

    @Test
    void theSameHissInBothOrNoneIsNoNoiseChange() throws Exception {
        // Hiss at the same level in both, rendered afresh (another noise, as a re-bounce would give).
        Path[] p = pair(dir, 7, noise(-60, 0, 60, 3));
        Path again = write(dir, "again.wav", noise(-60, 0, 60, 5).apply(copy(gain(-6).apply(copy(song(7).channels())))));
        assertThat(noiseChanges(VersionDiff.run(p[1], again))).isEmpty();
        // Two clean versions, one 2 dB brighter at 3 kHz: a tonal change and no noise either way.
        Path[] clean = pair(dir, 7, peaking(3000, 1, 2));
        assertThat(noiseChanges(VersionDiff.run(clean[0], clean[1]))).isEmpty();
        assertThat(noiseChanges(VersionDiff.run(clean[1], clean[0]))).isEmpty();
        assertThat(VersionDiff.run(clean[0], clean[0]).changes()).isEmpty();
    }

    private static Change single(DiffResult r) {
        List<Change> n = noiseChanges(r);
        assertThat(n).as(r.changes().toString()).hasSize(1);
        assertThat(n.get(0).noise()).as(n.get(0).message()).isNotNull();
        assertThat(n.get(0).audible()).isTrue();
        return n.get(0);
    }
}

package dev.signoff.analysis.diff;

import dev.signoff.analysis.sections.SectionsResult;
import dev.signoff.audio.StreamInfo;

import java.nio.file.Path;
import java.util.List;

/**
 * What changed between two versions of a mix. Times are on the new version's timeline.
 *
 * @param oldFile          the old version as given
 * @param newFile          the new version as given
 * @param oldInfo          its format
 * @param newInfo          its format
 * @param oldDurationS     the old version's length
 * @param newDurationS     the new version's length
 * @param alignment        how the versions line up
 * @param sharedStartS     where the part both versions have starts in the new version
 * @param sharedS          how long that part is
 * @param levelChangeDb    the new version's broadband gain over the whole song (median of the band changes) once
 *                         passages that changed on their own are set apart (0 when only they changed); NaN when a
 *                         flipped channel leaves nothing to compare it on
 * @param oldLoudnessLufs  integrated loudness of the old version over the shared part
 * @param newLoudnessLufs  the same for the new version
 * @param nullResidualDb   the null test: energy of the new version, scaled by the gain that cancels the old one best
 *                         (least squares, so a polarity-inverted version nulls too), minus the old, over the old
 *                         version's energy, dB; minus infinity when they cancel exactly, NaN when the old is silent
 * @param identical        the shared part is the same, sample for sample
 * @param channelCorrelation per channel (left, right), the correlation of old and new
 * @param changes          what changed, audible changes first
 * @param map              the change map (frequency by time)
 * @param sections         the new version's sections (for the map and the wording)
 * @param probe            reads the measured change of any quantity anywhere (for the scope check)
 * @param analysisSeconds  wall-clock time of the comparison
 */
public record DiffResult(Path oldFile, Path newFile, StreamInfo oldInfo, StreamInfo newInfo, double oldDurationS, double newDurationS,
                         Alignment alignment, double sharedStartS, double sharedS, double levelChangeDb,
                         double oldLoudnessLufs, double newLoudnessLufs, double nullResidualDb, boolean identical,
                         double[] channelCorrelation, List<Change> changes, ChangeMap map, SectionsResult sections,
                         ChangeProbe probe, double analysisSeconds) {

    public DiffResult {
        changes = List.copyOf(changes);
    }

    /** The loudness difference over the shared part, LU (new minus old). */
    public double loudnessChangeLu() {
        return newLoudnessLufs - oldLoudnessLufs;
    }

    public List<Change> audibleChanges() {
        return changes.stream().filter(Change::audible).toList();
    }

    /** The largest change in units of its just-noticeable difference ({@link Audibility#index}); 0 when nothing changed. */
    public double largestAudibilityIndex() {
        return changes.stream().mapToDouble(Audibility::index).max().orElse(0);
    }
}

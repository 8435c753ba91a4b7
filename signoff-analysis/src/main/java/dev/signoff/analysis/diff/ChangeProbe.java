package dev.signoff.analysis.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the measured change of any quantity over any stretch of the new version, whether or not it
 * was big enough to be listed as a {@link Change}: what the scope check asks when a client asked for
 * "vocal up 1 dB in the choruses" and wants to know what happened there.
 */
public final class ChangeProbe {
    private final DiffGrid grid, withNoise;
    private final double offsetS;

    /**
     * @param grid      the comparison with noise passages (and the bands noise fills) left out
     * @param withNoise the same with them left in (hum still out)
     */
    ChangeProbe(DiffGrid grid, DiffGrid withNoise, double offsetS) {
        this.grid = grid;
        this.withNoise = withNoise;
        this.offsetS = offsetS;
    }

    /**
     * The same readings with the noise passages and the bands noise fills left in: where a noisy part's
     * move (a snare, hats) left what reads as noise, that is still the part's move and should be read
     * with it.
     */
    public ChangeProbe includingNoise() {
        return new ChangeProbe(withNoise, withNoise, offsetS);
    }

    /**
     * A measured change.
     *
     * @param db            the change, dB (NaN when nothing was measured there)
     * @param standardError its standard error from the step-to-step spread, dB (NaN with too few steps)
     * @param seconds       seconds of music it was measured over
     */
    public record Reading(double db, double standardError, double seconds) {
        /** Whether the change stands above measurement noise: at least 3 standard errors and {@code floorDb}. */
        public boolean measurable(double floorDb) {
            return Double.isFinite(db) && Math.abs(db) >= floorDb
                    && (!Double.isFinite(standardError) || Math.abs(db) >= ChangeFinder.SE_FACTOR * standardError);
        }
    }

    /** The level change over {@code spans} (new-version times; empty for the whole song). */
    public Reading level(List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.levelDb(m), grid.levelSe(m), grid.measuredSeconds(m));
    }

    /** The change of the bands centred in [loHz, hiHz] against the level change over {@code spans}. */
    public Reading region(double loHz, double hiHz, List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.regionDb(loHz, hiHz, m), grid.regionSe(loHz, hiHz, m), grid.measuredSeconds(m));
    }

    /**
     * How far a part living in [loHz, hiHz] moved where it plays over {@code spans}
     * ({@link DiffGrid#partDb}); no standard error (the cells that moved most are the reading).
     */
    public Reading part(double loHz, double hiHz, List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.partDb(loHz, hiHz, m), Double.NaN, grid.measuredSeconds(m));
    }

    /** The change of the bands centred in [loHz, hiHz] over {@code spans} as it is, the level left in (no standard error). */
    public Reading absoluteRegion(double loHz, double hiHz, List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.absoluteRegionDb(loHz, hiHz, m), Double.NaN, grid.measuredSeconds(m));
    }

    /**
     * How unevenly the bands centred in [loHz, hiHz] moved from moment to moment over {@code spans}
     * ({@link DiffGrid#regionStepSpreadDb}), dB: an EQ moves every moment alike, a part by its share in each.
     */
    public double stepSpreadDb(double loHz, double hiHz, List<Span> spans) {
        return grid.regionStepSpreadDb(loHz, hiHz, mask(spans));
    }

    /** The balance change (left minus right) over {@code spans}. */
    public Reading balance(List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.balanceDb(m), grid.balanceSe(m), grid.measuredSeconds(m));
    }

    /** The width change (side against mid) over {@code spans}. */
    public Reading width(List<Span> spans) {
        boolean[] m = mask(spans);
        return new Reading(grid.widthDb(m), grid.widthSe(m), grid.measuredSeconds(m));
    }

    private boolean[] mask(List<Span> spans) {
        if (spans == null || spans.isEmpty()) return grid.all();
        List<boolean[]> masks = new ArrayList<>();
        for (Span s : spans) masks.add(grid.mask(s.startS() - offsetS, s.endS() - offsetS));
        return DiffGrid.union(masks, grid.steps);
    }
}

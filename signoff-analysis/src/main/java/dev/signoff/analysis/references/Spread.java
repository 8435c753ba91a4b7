package dev.signoff.analysis.references;

import java.util.function.ToDoubleFunction;
import java.util.List;

/**
 * Where the references lie on one figure (lowest and highest), and where the mix lies.
 *
 * @param name  the figure's name in reports ("plr_db")
 * @param mix   the mix's value
 * @param min   the lowest reference value (NaN when no reference has one)
 * @param max   the highest reference value
 */
public record Spread(String name, double mix, double min, double max) {

    static <T> Spread of(String name, T mix, List<T> refs, ToDoubleFunction<T> figure) {
        double lo = Double.NaN, hi = Double.NaN;
        for (T r : refs) {
            double v = figure.applyAsDouble(r);
            if (Double.isNaN(v)) continue;
            lo = Double.isNaN(lo) ? v : Math.min(lo, v);
            hi = Double.isNaN(hi) ? v : Math.max(hi, v);
        }
        return new Spread(name, figure.applyAsDouble(mix), lo, hi);
    }

    /** How far the mix lies outside the references' range: positive above, negative below, 0 inside. */
    public double outsideDb() {
        if (Double.isNaN(mix) || Double.isNaN(min)) return 0;
        if (mix > max) return mix - max;
        if (mix < min) return mix - min;
        return 0;
    }
}

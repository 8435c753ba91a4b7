package dev.signoff.analysis.album;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.spectrum.SpectrumResult;

import java.nio.file.Path;

/**
 * One track of an album, with the figures the tracks are lined up by. The measurements stay with
 * the track: per-track figures worked out from them later (the streaming services' playback
 * figures of {@code check --platforms}) are derived from {@link #measurements()} without a new pass.
 *
 * @param file          the file as given
 * @param measurements  its decoding pass ({@link Album#MEASURES})
 * @param brightnessDb  power mean of the 1/3-octave bands from 2 to 16 kHz against that of the
 *                      500 Hz-1.6 kHz body, dB: higher is brighter; NaN when the file's bandwidth stops short
 * @param widthDb       side against mid energy, dB (the stereo analyser's side/mid); NaN for mono
 * @param fadeInS       how long the track takes from its first sound to its first loud moment when that is
 *                      {@value Album#FADE_MIN_S} s or more (a fade-in), else 0
 * @param fadeOutS      the same from its last loud moment to its last sound (a fade-out or a long decay), else 0
 */
public record AlbumTrack(Path file, Measurements measurements, double brightnessDb, double widthDb, double fadeInS, double fadeOutS) {

    /** Louder than this below the integrated loudness counts as a loud moment (fades are measured from there). */
    static final double LOUD_MOMENT_LU = 6;

    static AlbumTrack of(Path file, Measurements m) {
        double brightness = regionMeanDb(m.spectrum(), 2000, 16000) - regionMeanDb(m.spectrum(), 500, 1600);
        double width = m.stereo() == null ? Double.NaN : m.stereo().sideToMidDb();
        double[] fades = fades(m);
        return new AlbumTrack(file, m, brightness, width, fades[0], fades[1]);
    }

    public double integratedLufs() { return measurements.loudness().integratedLufs(); }

    public double truePeakDbtp() { return measurements.peaks().truePeakDbtp(); }

    public double lraLu() { return measurements.loudness().lraLu(); }

    public double durationS() { return measurements.durationS(); }

    public double headSilenceS() { return measurements.edges().headSilenceS(); }

    public double tailSilenceS() { return measurements.edges().tailSilenceS(); }

    /** Whether the file stops while still sounding. */
    public boolean cut() { return measurements.edges().tailCut(); }

    /**
     * Fade-in and fade-out lengths from the momentary loudness (400 ms windows, so a hard start or
     * stop reads as well under a second): the time between the sound's edge and the nearest moment
     * within {@value #LOUD_MOMENT_LU} LU of the integrated loudness.
     */
    private static double[] fades(Measurements m) {
        TimeSeries mo = m.loudness().momentary();
        double loud = m.loudness().integratedLufs() - LOUD_MOMENT_LU;
        if (!Double.isFinite(loud) || mo.size() == 0) return new double[]{0, 0};
        int first = -1, last = -1;
        for (int i = 0; i < mo.size(); i++) {
            if (mo.values()[i] >= loud) {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first < 0) return new double[]{0, 0};
        double window = Math.min(0.4, mo.stepS() * 4);
        double soundStart = m.edges().headSilenceS(), soundEnd = m.durationS() - m.edges().tailSilenceS();
        double in = Math.max(0, mo.timeOf(first) - window - soundStart);
        double out = m.edges().tailCut() ? 0 : Math.max(0, soundEnd - mo.timeOf(last));
        return new double[]{in >= Album.FADE_MIN_S ? in : 0, out >= Album.FADE_MIN_S ? out : 0};
    }

    /** Power mean of the bands whose centres lie in [lo, hi], dB, so regions of different widths compare; NaN when none has a level. */
    static double regionMeanDb(SpectrumResult s, double lo, double hi) {
        double p = 0;
        int n = 0;
        for (SpectrumResult.Band b : s.bands()) {
            if (b.centerHz() >= lo && b.centerHz() <= hi && Double.isFinite(b.levelDb())) {
                p += Math.pow(10, b.levelDb() / 10);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 10 * Math.log10(p / n);
    }
}

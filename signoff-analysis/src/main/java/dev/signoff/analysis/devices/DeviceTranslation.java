package dev.signoff.analysis.devices;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.loudness.KWeighting;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;

import java.util.ArrayList;
import java.util.List;

/**
 * How each section of the mix comes across on each playback device, worked out from the
 * measurements of the single decoding pass instead of rendering the audio again.
 *
 * <p>Method: a device is linear apart from its limiter, so the power of each 1/3-octave band on
 * the device is the band's power in the mix times the device's power gain at the band's centre
 * ({@link DeviceModel#response()}). The band powers of each section come from the spectrum's
 * per-band levels over time (about 0.5 s steps); the loudness of a section on a device is then
 * BS.1770-4 loudness computed from those band powers, with the K-weighting applied per band
 * ({@link KWeighting#powerGainAt}). For mono devices each band's power is scaled by what the
 * fold-down (L+R)/2 keeps of it, taken from the stereo analyser's mono loss in the band that
 * contains it. "Monitors" is the mix as it is (flat response, stereo).
 *
 * <p>Chorus lift: the mean loudness of the chorus sections minus the mean loudness of the other
 * musical sections (not quiet, and not the first or last section, which are usually an intro and
 * an outro), on each device.
 *
 * <p>Not modelled: the devices' limiters (at full volume they would take a little more lift
 * away), their level-dependent DSP, and the listening room.
 *
 * @param sections the song's sections the readings refer to (in time order)
 * @param devices  "monitors" first, then each device
 */
public record DeviceTranslation(List<Section> sections, List<DeviceReading> devices) {

    /** The id of the flat, stereo reading that the devices are compared with. */
    public static final String MONITORS = "monitors";

    /**
     * One device: its chorus lift and each section's loudness on it.
     *
     * @param chorusLiftLu   chorus minus the other sections, LU (NaN when the song has no chorus or no other section)
     * @param sectionLufs    loudness of each section on the device, in the order of {@link #sections()}
     */
    public record DeviceReading(String id, String name, boolean mono, double chorusLiftLu, double[] sectionLufs) {}

    public static DeviceTranslation of(Measurements m, List<Section> sections, List<DeviceModel> models) {
        SpectrumResult spectrum = m.spectrum();
        KWeighting k = new KWeighting(m.info().sampleRate());
        int bands = spectrum.bands().size();
        double[] kGain = new double[bands], monoKeep = new double[bands];
        for (int b = 0; b < bands; b++) {
            double f = spectrum.bands().get(b).centerHz();
            kGain[b] = k.powerGainAt(f);
            monoKeep[b] = monoKeep(m.stereo(), f);
        }
        // Each section's mean power per band (linear), from the spectrum's steps.
        double[][] power = new double[sections.size()][bands];
        for (int s = 0; s < sections.size(); s++) power[s] = sectionPower(spectrum, sections.get(s));

        List<DeviceReading> readings = new ArrayList<>();
        double[] flat = new double[bands];
        readings.add(reading(MONITORS, "Full-range monitors", false, flat, kGain, monoKeep, power, sections, m.info().channels()));
        for (DeviceModel d : models) {
            double[] gainDb = new double[bands];
            for (int b = 0; b < bands; b++) gainDb[b] = d.response().at(spectrum.bands().get(b).centerHz());
            readings.add(reading(d.id(), d.name(), d.mono(), gainDb, kGain, monoKeep, power, sections, m.info().channels()));
        }
        return new DeviceTranslation(List.copyOf(sections), List.copyOf(readings));
    }

    public DeviceReading monitors() {
        return devices.get(0);
    }

    private static DeviceReading reading(String id, String name, boolean mono, double[] gainDb, double[] kGain, double[] monoKeep,
                                         double[][] power, List<Section> sections, int channels) {
        double[] lufs = new double[sections.size()];
        for (int s = 0; s < sections.size(); s++) {
            double sum = 0;
            for (int b = 0; b < gainDb.length; b++) {
                sum += power[s][b] * Math.pow(10, gainDb[b] / 10) * kGain[b] * (mono ? monoKeep[b] : 1);
            }
            // Band powers are per channel; BS.1770 sums the channels.
            lufs[s] = sum > 0 ? -0.691 + 10 * Math.log10(sum * Math.max(1, Math.min(2, channels))) : Double.NaN;
        }
        return new DeviceReading(id, name, mono, chorusLift(sections, lufs), lufs);
    }

    /** Chorus sections' mean loudness minus the other musical sections' (not the first or last). */
    static double chorusLift(List<Section> sections, double[] lufs) {
        double chorus = 0, other = 0;
        int nc = 0, no = 0;
        for (int s = 0; s < sections.size(); s++) {
            Section sec = sections.get(s);
            if (sec.quiet() || Double.isNaN(lufs[s])) continue;
            if (sec.chorus()) {
                chorus += lufs[s];
                nc++;
            } else if (s > 0 && s < sections.size() - 1) {
                other += lufs[s];
                no++;
            }
        }
        return nc == 0 || no == 0 ? Double.NaN : chorus / nc - other / no;
    }

    private static double[] sectionPower(SpectrumResult spectrum, Section section) {
        double step = spectrum.stepS();
        int bands = spectrum.bands().size();
        double[] p = new double[bands];
        int n = 0;
        for (int t = 0; t < spectrum.steps(); t++) {
            double centre = (t + 0.5) * step;
            if (centre < section.startS() || centre >= section.endS()) continue;
            boolean any = false;
            for (int b = 0; b < bands; b++) {
                float v = spectrum.bands().get(b).overTimeDb()[t];
                if (!Float.isNaN(v)) {
                    p[b] += Math.pow(10, v / 10.0);
                    any = true;
                }
            }
            if (any) n++;
        }
        if (n > 0) for (int b = 0; b < bands; b++) p[b] /= n;
        return p;
    }

    /** What share of a band's power survives the fold-down (L+R)/2, from the stereo band holding f. */
    private static double monoKeep(StereoResult stereo, double f) {
        if (stereo == null) return 1;
        for (StereoResult.Band b : stereo.bands()) {
            if (f >= b.loHz() && f < b.hiHz()) return Double.isNaN(b.monoLossDb()) ? 1 : Math.pow(10, -b.monoLossDb() / 10);
        }
        return 1;
    }
}

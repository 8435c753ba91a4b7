package dev.signoff.analysis.devices;

import dev.signoff.analysis.Decibels;
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
 * <p>When the pass followed the devices ({@link Measurements#lowEnd()}, {@code check --devices}):
 * a device with a protective limiter plays at full volume, so its section loudness adds the
 * limiter's drive and what the limiter took from that section of the device's render
 * ({@link KickMeter}); and each section gets the kick's and the bass's audibility on each device
 * ({@link LowEndTranslation}). Without it (the measurements of a plain check) the limiters are left
 * out and there are no kick and bass figures.
 *
 * <p>Vocal-band presence: per section and device, the K-weighted power of the 1/3-octave bands
 * centred from {@value #VOCAL_LO_HZ} to {@value #VOCAL_HI_HZ} Hz (band edges about 0.9-4.5 kHz)
 * relative to the section's K-weighted power on the device (the same sums as its loudness), minus
 * the same figure on monitors. Those seven bands are where the voice's intelligibility and presence
 * live: in the speech intelligibility index (ANSI S3.5-1997, table 3, average speech) each carries
 * a band importance of 0.077-0.090, peaking at 2 kHz, together about 60 % of the whole. 0 dB:
 * the vocal band sits in the mix as on monitors; positive: it comes forward (a phone, which loses
 * the bass); negative: it is pushed back (a car's bass boost). It measures the band, not the voice:
 * whatever else plays at 1-4 kHz (guitars, synths, snare) moves with it. Costs one more sum over
 * the bands already weighted for the loudness.
 *
 * <p>Not modelled: the devices' level-dependent DSP beyond the limiter, and the listening room.
 *
 * @param sections the song's sections the readings refer to (in time order)
 * @param devices  "monitors" first, then each device
 */
public record DeviceTranslation(List<Section> sections, List<DeviceReading> devices) {

    /** The id of the flat, stereo reading that the devices are compared with. */
    public static final String MONITORS = "monitors";
    /** Centre of the lowest 1/3-octave band of the vocal presence band. */
    public static final double VOCAL_LO_HZ = 1000;
    /** Centre of the highest 1/3-octave band of the vocal presence band. */
    public static final double VOCAL_HI_HZ = 4000;

    /**
     * One device: its chorus lift and each section's loudness on it.
     *
     * @param chorusLiftLu   chorus minus the other sections, LU (NaN when the song has no chorus or no other section)
     * @param sectionLufs    loudness of each section on the device, in the order of {@link #sections()}
     * @param lowEnd         the kick and bass in each section on the device, in the same order; null when the pass did not follow the devices
     * @param sectionVocalDb the vocal band's level relative to the section's on the device, minus the same on monitors (dB, 0 on monitors), per section; NaN for an empty or silent section
     */
    public record DeviceReading(String id, String name, boolean mono, double chorusLiftLu, double[] sectionLufs,
                                LowEndTranslation.SectionLowEnd[] lowEnd, double[] sectionVocalDb) {

        public DeviceReading(String id, String name, boolean mono, double chorusLiftLu, double[] sectionLufs) {
            this(id, name, mono, chorusLiftLu, sectionLufs, null, nans(sectionLufs.length));
        }

        /** The kick and bass in section {@code i}, or {@link LowEndTranslation.SectionLowEnd#NONE} without readings. */
        public LowEndTranslation.SectionLowEnd lowEnd(int i) {
            return lowEnd == null ? LowEndTranslation.SectionLowEnd.NONE : lowEnd[i];
        }
    }

    /** Whether the readings include the kick and bass (the pass followed the devices). */
    public boolean hasLowEnd() {
        return !devices.isEmpty() && devices.get(0).lowEnd() != null;
    }

    public static DeviceTranslation of(Measurements m, List<Section> sections, List<DeviceModel> models) {
        SpectrumResult spectrum = m.spectrum();
        KWeighting k = new KWeighting(m.info().sampleRate());
        int bands = spectrum.bands().size();
        double[] kGain = new double[bands], monoKeep = new double[bands];
        boolean[] vocal = new boolean[bands];
        for (int b = 0; b < bands; b++) {
            double f = spectrum.bands().get(b).centerHz();
            kGain[b] = k.powerGainAt(f);
            monoKeep[b] = monoKeep(m.stereo(), f);
            vocal[b] = isVocalBand(f);
        }
        // Each section's mean power per band (linear), from the spectrum's steps.
        double[][] power = new double[sections.size()][bands];
        for (int s = 0; s < sections.size(); s++) power[s] = sectionPower(spectrum, sections.get(s));

        DeviceLowEnd lowEnd = m.lowEnd();
        if (lowEnd != null && !lowEnd.kick().ids().subList(1, lowEnd.kick().ids().size()).equals(models.stream().map(DeviceModel::id).toList())) {
            throw new IllegalArgumentException("the pass followed other devices: " + lowEnd.kick().ids());
        }
        List<double[]> gains = new ArrayList<>();
        gains.add(new double[bands]);
        for (DeviceModel d : models) {
            double[] gainDb = new double[bands];
            for (int b = 0; b < bands; b++) gainDb[b] = d.response().at(spectrum.bands().get(b).centerHz());
            gains.add(gainDb);
        }
        int channels = m.info().channels();
        double[][] sectionPower = new double[models.size() + 1][sections.size()];
        double[][] lufs = new double[models.size() + 1][], vocalShare = new double[models.size() + 1][];
        for (int st = 0; st <= models.size(); st++) {
            boolean mono = st > 0 && models.get(st - 1).mono();
            lufs[st] = loudness(gains.get(st), kGain, monoKeep, power, mono, channels);
            vocalShare[st] = vocalShareDb(gains.get(st), kGain, monoKeep, power, mono, vocal);
            for (int s = 0; s < sections.size(); s++) sectionPower[st][s] = sectionPower(power[s], gains.get(st), monoKeep, mono);
            if (st > 0 && lowEnd != null && models.get(st - 1).hasLimiter()) {
                // The device at full volume: its drive, and what its limiter took from each section.
                for (int s = 0; s < sections.size(); s++) {
                    lufs[st][s] += lowEnd.kick().driveDb()[st] + lowEnd.kick().limiterDb(st, sections.get(s).startS(), sections.get(s).endS());
                }
            }
        }
        LowEndTranslation.SectionLowEnd[][] low = lowEnd == null ? null
                : LowEndTranslation.of(lowEnd.kick(), lowEnd.bass(), sections, models, sectionPower);
        List<DeviceReading> readings = new ArrayList<>();
        readings.add(new DeviceReading(MONITORS, "Full-range monitors", false, chorusLift(sections, lufs[0]), lufs[0], low == null ? null : low[0],
                vocalDb(vocalShare[0], vocalShare[0])));
        for (int d = 0; d < models.size(); d++) {
            DeviceModel model = models.get(d);
            readings.add(new DeviceReading(model.id(), model.name(), model.mono(), chorusLift(sections, lufs[d + 1]), lufs[d + 1],
                    low == null ? null : low[d + 1], vocalDb(vocalShare[d + 1], vocalShare[0])));
        }
        return new DeviceTranslation(List.copyOf(sections), List.copyOf(readings));
    }

    public DeviceReading monitors() {
        return devices.get(0);
    }

    /** Loudness of each section through a device's band gains, BS.1770 (K-weighted per band, channels summed). */
    private static double[] loudness(double[] gainDb, double[] kGain, double[] monoKeep, double[][] power, boolean mono, int channels) {
        double[] lufs = new double[power.length];
        for (int s = 0; s < power.length; s++) {
            double sum = 0;
            for (int b = 0; b < gainDb.length; b++) {
                sum += power[s][b] * Math.pow(10, gainDb[b] / 10) * kGain[b] * (mono ? monoKeep[b] : 1);
            }
            // Band powers are per channel; BS.1770 sums the channels.
            lufs[s] = sum > 0 ? -0.691 + 10 * Math.log10(sum * Math.max(1, Math.min(2, channels))) : Double.NaN;
        }
        return lufs;
    }

    /** Whether a 1/3-octave band centred at f belongs to the vocal presence band (1-4 kHz centres, nominal 1/3-octave centres allowed for). */
    static boolean isVocalBand(double f) {
        return f >= VOCAL_LO_HZ * 0.97 && f <= VOCAL_HI_HZ * 1.03;
    }

    /**
     * Per section: the K-weighted power of the vocal bands over the K-weighted power of all bands
     * on a device (dB), the same sums as the section's loudness; NaN when the section is silent.
     */
    private static double[] vocalShareDb(double[] gainDb, double[] kGain, double[] monoKeep, double[][] power, boolean mono, boolean[] vocal) {
        double[] out = new double[power.length];
        for (int s = 0; s < power.length; s++) {
            double all = 0, band = 0;
            for (int b = 0; b < gainDb.length; b++) {
                double p = power[s][b] * Math.pow(10, gainDb[b] / 10) * kGain[b] * (mono ? monoKeep[b] : 1);
                all += p;
                if (vocal[b]) band += p;
            }
            out[s] = Decibels.ratio(band, all);
        }
        return out;
    }

    /** The device's vocal-band share minus the monitors', per section. */
    private static double[] vocalDb(double[] device, double[] monitors) {
        double[] out = new double[device.length];
        for (int s = 0; s < out.length; s++) out[s] = device[s] - monitors[s];
        return out;
    }

    private static double[] nans(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        return out;
    }

    /** Mean power of a section on a device, per channel, unweighted. */
    private static double sectionPower(double[] power, double[] gainDb, double[] monoKeep, boolean mono) {
        double sum = 0;
        for (int b = 0; b < gainDb.length; b++) sum += power[b] * Math.pow(10, gainDb[b] / 10) * (mono ? monoKeep[b] : 1);
        return sum;
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

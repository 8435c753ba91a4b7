package dev.signoff.analysis.devices;

import java.util.List;
import java.util.Optional;

/**
 * The built-in playback devices. Curves come from the measurement files under
 * {@code dev/signoff/devices/} (credits in each model's {@code source} and in docs/devices.md) and
 * are turned into smoothed response targets here:
 * <ul>
 *   <li>earbuds (raw at a rig's eardrum): device minus the matching Harman in-ear 2019 target
 *   (oratory1990 files: the GRAS/711 target; Rtings files: the HMS II.3 one), with AutoEq's bass
 *   shelf (+9.5 dB, 105 Hz, Q 0.7) added to the target so that the reference is speakers in a
 *   room; 1/3-octave smoothing widening to 1 octave from 8 to 14 kHz (couplers and fit are
 *   unreliable there); 0 dB mean over 500 Hz-2 kHz;</li>
 *   <li>loudspeakers (anechoic on-axis SPL): the same smoothing, 0 dB mean over 300 Hz-3 kHz;</li>
 *   <li>derived curves (phone, laptops, car): already relative, used as they are.</li>
 * </ul>
 * All are clamped to {@link DeviceFilter#FLOOR_DB}.
 */
public final class DeviceCatalog {
    /** Bass shelf AutoEq adds to its "without bass" in-ear targets. */
    public static final double BASS_SHELF_HZ = 105, BASS_SHELF_Q = 0.7, BASS_SHELF_DB = 9.5;

    private static final String AUTOEQ = "AutoEq by Jaakko Pasanen (github.com/jaakkopasanen/AutoEq, MIT)";
    private static final String SPINORAMA = "spinorama by Pierre Aubert (github.com/pierreaubert/spinorama)";

    private static volatile DeviceCatalog builtIn;

    private final List<DeviceModel> models;

    public DeviceCatalog(List<DeviceModel> models) {
        this.models = List.copyOf(models);
    }

    /** The built-in models, in listing order (built once, then shared). */
    public static DeviceCatalog builtIn() {
        DeviceCatalog c = builtIn;
        if (c == null) {
            synchronized (DeviceCatalog.class) {
                if (builtIn == null) builtIn = new DeviceCatalog(buildModels());
                c = builtIn;
            }
        }
        return c;
    }

    public List<DeviceModel> models() { return models; }

    public Optional<DeviceModel> find(String id) {
        return models.stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }

    public List<String> ids() { return models.stream().map(DeviceModel::id).toList(); }

    private static List<DeviceModel> buildModels() {
        LimiterSettings phoneLimiter = new LimiterSettings(6, -1, 5, 80);
        LimiterSettings laptopLimiter = new LimiterSettings(4, -1, 5, 100);
        LimiterSettings speakerLimiter = new LimiterSettings(6, -1, 5, 150);
        return List.of(
                new DeviceModel("airpods", "AirPods-class earbuds",
                        "Open-fit Bluetooth earbuds (Apple AirPods 2nd gen). Bass depends heavily on fit and seal.",
                        "Apple AirPods (2nd generation), measured by Rtings.com (HEAD HMS II.3), via " + AUTOEQ
                                + "; relative to AutoEq's HMS II.3 Harman in-ear 2019 target",
                        false, null,
                        earbud("airpods-2nd-gen.rtings.csv", "target-hms-ii3-harman-in-ear-2019-without-bass.autoeq.csv")),
                new DeviceModel("airpods-pro", "Noise-cancelling in-ear buds",
                        "Sealed Bluetooth in-ears with adaptive EQ (Apple AirPods Pro 2nd gen, Rtings' default mode).",
                        "Apple AirPods Pro (2nd generation), measured by Rtings.com (HEAD HMS II.3), via " + AUTOEQ
                                + "; relative to AutoEq's HMS II.3 Harman in-ear 2019 target",
                        false, null,
                        earbud("airpods-pro-2.rtings.csv", "target-hms-ii3-harman-in-ear-2019-without-bass.autoeq.csv")),
                new DeviceModel("earpods", "Wired earbuds",
                        "The generic wired earbud (Apple EarPods): open fit, little bass below 100 Hz.",
                        "Apple EarPods, measured by oratory1990 (GRAS 43AG / IEC 711), via " + AUTOEQ
                                + "; relative to AutoEq's Harman in-ear 2019 target",
                        false, null,
                        earbud("earpods-wired.oratory1990.csv", "target-harman-in-ear-2019-without-bass.autoeq.csv")),
                new DeviceModel("phone", "Phone speaker",
                        "A smartphone's built-in speaker held at arm's length: mono, nothing below ~300 Hz, a presence lift, limited at full volume.",
                        "Derived: 4th-order high-pass 400 Hz, +3 dB at 3 kHz, 2nd-order low-pass 16 kHz (Chang & Wang, J. Mechanics 2018; informal measurements; see docs/devices.md)",
                        true, phoneLimiter,
                        derived("phone-speaker.derived.csv")),
                new DeviceModel("laptop", "Laptop speakers",
                        "Typical thin non-Apple laptop: no bass below ~400 Hz, treble falling from ~7 kHz, limited at full volume.",
                        "Derived: 4th-order high-pass 400 Hz, 2nd-order low-pass 7 kHz (a user's REW measurement of a Framework laptop; see docs/devices.md)",
                        false, laptopLimiter,
                        derived("laptop-speaker-generic.derived.csv")),
                new DeviceModel("macbook", "MacBook Pro speakers",
                        "MacBook Pro 14/16 (2021+) speakers: bass down to ~100 Hz, flat passband assumed (macOS tuning not modelled), limited at full volume.",
                        "Derived: 4th-order high-pass 150 Hz, 2nd-order low-pass 16 kHz (mattmaldre.com 2021; AsahiLinux asahi-audio; see docs/devices.md)",
                        false, laptopLimiter,
                        derived("laptop-speaker-macbook-pro.derived.csv")),
                new DeviceModel("bt-speaker", "Small Bluetooth speaker",
                        "Portable Bluetooth speaker (Bose SoundLink Revolve, JBL Flip class): mono, bass held to ~65 Hz then a steep roll-off, limited at full volume.",
                        "Bose SoundLink Revolve on-axis, measured by Erin's Audio Corner (Klippel NFS), via " + SPINORAMA,
                        true, speakerLimiter,
                        loudspeaker("bose-soundlink-revolve.eac-klippel.csv")),
                new DeviceModel("mixcube", "Auratone-style mix cube",
                        "Single full-range driver in a sealed cube (Avantone Pro MixCube), played in mono as engineers use it: strong midrange, no low bass, soft top.",
                        "Avantone Pro MixCube on-axis, measured by AudioScienceReview (Amir Majidimehr, Klippel NFS), via " + SPINORAMA,
                        true, null,
                        loudspeaker("avantone-mixcube.asr-klippel.csv")),
                new DeviceModel("car", "Car",
                        "A car system as listeners tune it: +13 dB bass shelf at 100 Hz, -2 dB treble shelf at 10 kHz. Cabin modes not modelled.",
                        "Derived from listener preferences in P. Dennis (Nissan), AES Convention Paper 9393 (2015), and Toole (2015); see docs/devices.md",
                        false, null,
                        derived("car.derived.csv")));
    }

    static ResponseCurve earbud(String device, String target) {
        ResponseCurve t = ResponseCurve.resource(target).plus(f -> lowShelfDb(f, BASS_SHELF_HZ, BASS_SHELF_Q, BASS_SHELF_DB));
        return ResponseCurve.resource(device).minus(t)
                .smoothed(1.0 / 3, 8000, 14000, 1.0)
                .normalised(500, 2000)
                .floored(DeviceFilter.FLOOR_DB);
    }

    static ResponseCurve loudspeaker(String file) {
        return ResponseCurve.resource(file)
                .smoothed(1.0 / 3, 8000, 14000, 1.0)
                .normalised(300, 3000)
                .floored(DeviceFilter.FLOOR_DB);
    }

    static ResponseCurve derived(String file) {
        return ResponseCurve.resource(file).floored(DeviceFilter.FLOOR_DB);
    }

    /** Magnitude (dB) of the RBJ analog low-shelf prototype at {@code f}. */
    static double lowShelfDb(double f, double f0, double q, double gainDb) {
        double a = Math.pow(10, gainDb / 40), x = f / f0, sa = Math.sqrt(a);
        // H(s) = A (s^2 + sqrt(A)/Q s + A) / (A s^2 + sqrt(A)/Q s + 1), s = jx
        double nr = a * (a - x * x), ni = a * x * sa / q;
        double dr = 1 - a * x * x, di = x * sa / q;
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}

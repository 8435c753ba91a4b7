package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.platforms.PlatformPlayback;
import dev.signoff.analysis.platforms.StreamingService;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the streaming services' normalisation does to the master ({@link PlatformPlayback}):
 * <ul>
 *   <li>LOUDNESS_TURNED_DOWN (note): the master is louder than even Spotify Loud's reference by
 *       more than {@value #TURNED_DOWN_DB} dB and its peak-to-loudness ratio is under
 *       {@value #LIMITED_PLR_DB} dB: the limiting that made it loud is heard on every service,
 *       the loudness it bought is not.</li>
 *   <li>PLATFORM_LIMITING (warning): a service's limiter takes more than {@value #AUDIBLE_LIMITING_DB}
 *       dB off the peaks (drums audibly flattened). No service raises a track past -1 dBTP without
 *       a limiter, so a playback over 0 dBTP comes from a limiter's inter-sample peaks and is told
 *       in this finding.</li>
 * </ul>
 * Thresholds and reasons are in docs/findings.md.
 */
public final class PlatformRules implements FindingRule {
    static final double TURNED_DOWN_DB = 1.0;
    static final double LIMITED_PLR_DB = 10.0;
    static final double AUDIBLE_LIMITING_DB = 6.0;

    private final List<PlatformPlayback> playback;

    public PlatformRules(List<PlatformPlayback> playback) {
        this.playback = List.copyOf(playback);
    }

    /** Whether a service's limiter takes enough off the peaks to be heard (PLATFORM_LIMITING). */
    public static boolean limitsAudibly(PlatformPlayback p) {
        return p.limitingDb() > AUDIBLE_LIMITING_DB;
    }

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.LOUDNESS, Measure.TRUE_PEAK);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        if (playback.isEmpty()) return List.of();
        List<Finding> out = new ArrayList<>();
        double lufs = m.loudness().integratedLufs(), plr = m.plrDb();
        double leastPenalty = playback.stream().mapToDouble(PlatformPlayback::loudnessPenaltyDb).min().orElse(0);
        if (leastPenalty > TURNED_DOWN_DB && plr < LIMITED_PLR_DB) {
            PlatformPlayback normal = find(StreamingService.SPOTIFY_NORMAL), apple = find(StreamingService.APPLE_MUSIC);
            out.add(Finding.whole(FindingCode.LOUDNESS_TURNED_DOWN, Severity.NOTE, String.format(Locale.ROOT,
                    "At %.1f LUFS (PLR %.1f dB) every streaming service turns this master down: Spotify Normal by %.1f dB, Apple Music by %.1f dB, "
                            + "even Spotify Loud by %.1f dB.", lufs, plr, normal.loudnessPenaltyDb(), apple.loudnessPenaltyDb(), leastPenalty),
                    String.format(Locale.ROOT, "The loudness above -11 LUFS is thrown away everywhere while its limiting stays: "
                            + "a master with %.1f dB more peak-to-loudness ratio plays just as loud on every service.", leastPenalty),
                    Map.of("integrated_lufs", lufs, "plr_db", plr, "least_penalty_db", leastPenalty)));
        }
        List<PlatformPlayback> limiting = playback.stream().filter(PlatformRules::limitsAudibly).toList();
        if (!limiting.isEmpty()) {
            Map<String, Double> values = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (PlatformPlayback p : limiting) {
                values.put(p.service().id().replace('-', '_') + "_limiting_db", p.limitingDb());
                parts.add(String.format(Locale.ROOT, "%s raises it by %.1f dB into its limiter, which takes up to %.1f dB off the peaks",
                        p.service().displayName(), p.gainDb(), p.limitingDb())
                        + (p.playbackTruePeakDbtp() > 0 ? String.format(Locale.ROOT, " and still lets inter-sample peaks through at %+.1f dBTP",
                        p.playbackTruePeakDbtp()) : ""));
                if (p.playbackTruePeakDbtp() > 0) values.put(p.service().id().replace('-', '_') + "_true_peak_dbtp", p.playbackTruePeakDbtp());
            }
            out.add(Finding.whole(FindingCode.PLATFORM_LIMITING, Severity.WARNING, Prose.capitalise(Prose.list(parts)) + ".",
                    "Those listeners hear the loudest hits with their transients shaved off; a dynamic mix is often meant to be quiet, "
                            + "but a master nearer the reference is raised less and limited less.", values));
        }
        return out;
    }

    private PlatformPlayback find(StreamingService s) {
        return playback.stream().filter(p -> p.service() == s).findFirst().orElseThrow();
    }
}

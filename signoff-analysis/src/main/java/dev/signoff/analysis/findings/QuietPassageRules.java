package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import java.util.EnumSet;
import java.util.Set;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.quiet.QuietPassage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * STOP_NOISE and HUM: what is left in the song's quiet passages (stops, breakdowns) that the
 * loud parts hide and headphones reveal. Both are judged against the music around the passage,
 * because the listener sets the playback level by the music:
 * <ul>
 *   <li>STOP_NOISE (warning): a steady hiss floor no more than {@value #HISS_BELOW_MUSIC_DB} dB
 *       below the surrounding loudness (about -80 dBFS in a -10 LUFS song: at a playback level
 *       that puts the music at 85 dB SPL, hiss spread over the audio band then sits near the
 *       threshold of hearing in the 2-5 kHz critical bands; 16-bit dither at -96 dBFS is not flagged);</li>
 *   <li>HUM (warning): 50 or 60 Hz mains hum with harmonics no more than
 *       {@value #HUM_BELOW_MUSIC_DB} dB below the surrounding loudness (the ear is some 25 dB less
 *       sensitive at 50-100 Hz than at 1-4 kHz, so hum is allowed 10 dB more than hiss).</li>
 * </ul>
 * Digital silence and quiet music never raise a finding. Two more conditions keep the finding to
 * what is audible and is a noise floor rather than part of the music (measured on the real-music
 * calibration set, docs/findings.md):
 * <ul>
 *   <li>an absolute floor: hiss under {@value #HISS_FLOOR_DBFS} dBFS or hum under
 *       {@value #HUM_FLOOR_DBFS} dBFS is not flagged whatever the music's level (a 16-bit dither
 *       floor near -90 dBFS is not "hiss hanging over the stop"; even at a loud playback level
 *       hiss that low sits under the threshold of hearing in every critical band);</li>
 *   <li>a floor, not a part: noise within {@value #PART_OF_THE_MUSIC_DB} dB of the music around
 *       it is a quiet part of the music (a riser, a noise texture, a held low note): on the
 *       calibration set every hiss and hum reading that close was such a part, while real
 *       amplifier hiss and mains hum sit 40-60 dB under the music.</li>
 * </ul>
 */
final class QuietPassageRules implements FindingRule {
    static final double HISS_BELOW_MUSIC_DB = 70.0;
    static final double HUM_BELOW_MUSIC_DB = 60.0;
    static final double HISS_FLOOR_DBFS = -75.0;
    static final double HUM_FLOOR_DBFS = -70.0;
    static final double PART_OF_THE_MUSIC_DB = 30.0;
    /** Music level assumed when a passage has no measurable surroundings (a typical mix). */
    private static final double DEFAULT_MUSIC_LUFS = -12.0;
    private static final int MAX_STOP_NOISE = 3;

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.QUIET_PASSAGES);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<QuietPassage> passages = m.quietPassages() == null ? List.of() : m.quietPassages();
        List<Finding> out = new ArrayList<>();
        stopNoise(passages, out);
        hum(passages, out);
        return out;
    }

    private static double music(QuietPassage p) {
        return Double.isFinite(p.surroundingLufs()) ? p.surroundingLufs() : DEFAULT_MUSIC_LUFS;
    }

    private static String what(QuietPassage p) {
        return p.endS() - p.startS() <= 4.0 ? "the stop" : "the quiet passage";
    }

    private static void stopNoise(List<QuietPassage> passages, List<Finding> out) {
        List<QuietPassage> hissy = passages.stream()
                .filter(p -> p.content() == QuietPassage.Content.HISS || p.content() == QuietPassage.Content.HISS_AND_HUM)
                .filter(p -> p.hissDbfs() - music(p) >= -HISS_BELOW_MUSIC_DB && p.hissDbfs() >= HISS_FLOOR_DBFS
                        && music(p) - p.hissDbfs() >= PART_OF_THE_MUSIC_DB)
                .sorted(Comparator.comparingDouble(QuietPassage::hissDbfs).reversed())
                .limit(MAX_STOP_NOISE)
                .toList();
        for (QuietPassage p : hissy) {
            double below = music(p) - p.hissDbfs();
            String msg = String.format(Locale.ROOT, "Hiss at %s dBFS hangs over %s at %s, %s dB below the music around it.",
                    Clock.db(p.hissDbfs()), what(p), Clock.range(p.startS(), p.endS()), Clock.db(below));
            out.add(Finding.at(FindingCode.STOP_NOISE, Severity.WARNING, p.startS(), p.endS(), msg,
                    "Listen to " + what(p) + " at " + Clock.format(p.startS())
                            + " on headphones: find the track that hisses (an amp, a preamp, a noisy synth) and mute, gate or automate it down there.",
                    Map.of("hiss_dbfs", p.hissDbfs(), "below_music_db", below, "duration_s", p.endS() - p.startS())));
        }
    }

    private static void hum(List<QuietPassage> passages, List<Finding> out) {
        // Hum usually comes from one grounding fault and runs through the song: one finding per mains frequency.
        for (double hz : new double[]{50, 60}) {
            List<QuietPassage> humming = passages.stream()
                    .filter(p -> p.content() == QuietPassage.Content.HUM || p.content() == QuietPassage.Content.HISS_AND_HUM)
                    .filter(p -> p.humHz() == hz && p.humDbfs() - music(p) >= -HUM_BELOW_MUSIC_DB && p.humDbfs() >= HUM_FLOOR_DBFS
                            && music(p) - p.humDbfs() >= PART_OF_THE_MUSIC_DB)
                    .toList();
            if (humming.isEmpty()) continue;
            QuietPassage worst = humming.stream().max(Comparator.comparingDouble(QuietPassage::humDbfs)).orElseThrow();
            double below = music(worst) - worst.humDbfs();
            int others = humming.size() - 1;
            String msg = String.format(Locale.ROOT, "%d Hz mains hum at %s dBFS can be heard in %s at %s%s.",
                    (int) hz, Clock.db(worst.humDbfs()), what(worst), Clock.range(worst.startS(), worst.endS()),
                    others == 0 ? "" : String.format(Locale.ROOT, " and in %d other quiet passage%s", others, others == 1 ? "" : "s"));
            out.add(Finding.at(FindingCode.HUM, Severity.WARNING, worst.startS(), worst.endS(), msg,
                    "Listen to " + what(worst) + " at " + Clock.format(worst.startS())
                            + " on headphones for a low buzz: find the humming track (a guitar amp, a DI, a ground loop) and gate it, notch "
                            + (int) hz + " Hz and its harmonics, or mute it where it plays nothing.",
                    Map.of("hum_hz", hz, "hum_dbfs", worst.humDbfs(), "below_music_db", below, "passages", (double) humming.size())));
        }
    }
}

package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import java.util.EnumSet;
import java.util.Set;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.loudness.PeakResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TRUE_PEAK_OVER: the reconstructed waveform goes over full scale, so a DAC, a sample-rate
 * converter or a lossy encoder will clip it even though no sample reads over 0 dBFS.
 * <ul>
 *   <li>problem above {@value #PROBLEM_DBTP} dBTP: overs that large distort audibly on ordinary
 *       playback and in every lossy encode;</li>
 *   <li>warning above 0.0 dBTP: any over clips somewhere;</li>
 *   <li>note above {@value #HEADROOM_DBTP} dBTP: less than the 1 dB headroom streaming services
 *       ask for (AES TD1004, EBU R128 s1) so the lossy encode does not clip.</li>
 * </ul>
 */
final class PeakRules implements FindingRule {
    static final double PROBLEM_DBTP = 1.0;
    static final double HEADROOM_DBTP = -1.0;

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.TRUE_PEAK);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        PeakResult p = m.peaks();
        // Judged at the 0.01 dB the meter is good for and the reports print: a true peak of
        // -0.99999 dBTP has its 1 dB of headroom.
        double tp = Math.round(p.truePeakDbtp() * 100) / 100.0;
        if (!(tp > HEADROOM_DBTP)) return List.of();
        List<Finding> out = new ArrayList<>();
        Map<String, Double> values = Map.of("true_peak_dbtp", tp, "sample_peak_dbfs", p.samplePeakDbfs(), "overs", (double) p.overCount());
        if (tp > 0.0 && !p.overs().isEmpty()) {
            PeakResult.Over first = p.overs().get(0);
            PeakResult.Over worst = p.worstOver() == null ? first : p.worstOver();
            Severity sev = tp > PROBLEM_DBTP ? Severity.PROBLEM : Severity.WARNING;
            String msg = String.format(java.util.Locale.ROOT,
                    "True peak reaches %s dBTP (sample peak %s dBFS): %d inter-sample over%s, the worst at %s.",
                    Clock.signedDbPast(tp, sev == Severity.PROBLEM ? PROBLEM_DBTP : 0.0), Clock.db(p.samplePeakDbfs()), p.overCount(), p.overCount() == 1 ? "" : "s",
                    Clock.format(worst.startS()));
            out.add(Finding.at(FindingCode.TRUE_PEAK_OVER, sev, first.startS(), p.lastOverEndS(), msg,
                    "Listen for crunch on the loudest hits around " + Clock.format(worst.startS())
                            + "; lower the limiter's ceiling or enable its true-peak mode.", values));
        } else {
            out.add(Finding.whole(FindingCode.TRUE_PEAK_OVER, Severity.NOTE,
                    "True peak is " + Clock.signedDbPast(tp, HEADROOM_DBTP) + " dBTP: less than 1 dB of headroom for lossy encoding.",
                    "Fine for a mix to the mastering engineer; for a streaming master leave about 1 dB so the encode does not clip.",
                    values));
        }
        return out;
    }
}

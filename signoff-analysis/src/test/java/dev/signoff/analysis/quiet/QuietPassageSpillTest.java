package dev.signoff.analysis.quiet;

import dev.signoff.analysis.SpillingSeries;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.synth.SongSynth.Song;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory independent of length (issue 10): the finder's per-block numbers go to temporary files
 * beyond a few hours and its loud level is found in rounds beyond 65,536 values. Here both happen
 * after a few seconds, and the passages must be exactly those found with everything in memory.
 */
class QuietPassageSpillTest {

    @Test
    void spilledSeriesAndTheQuantileInRoundsFindTheSamePassages() {
        Song s = SongSynth.render(48_000, 30, 7, EnumSet.of(Defect.STOP_HISS, Defect.STOP_HUM));
        List<QuietPassage> inMemory = analyse(s, new BlockSummaries(), HumMeter.windowSeries(), PassageClassifier.QUANTILE_MEMORY);
        // 30 s: 300 blocks, 60 hum windows of 24 values; chunks of 16 values, one kept in memory.
        List<QuietPassage> spilled = analyse(s, new BlockSummaries(16, 1), new SpillingSeries(16, 1), 20);
        assertThat(inMemory).isNotEmpty();
        assertThat(inMemory.get(0).content()).isEqualTo(QuietPassage.Content.HISS_AND_HUM);
        assertThat(spilled).isEqualTo(inMemory);
    }

    private static List<QuietPassage> analyse(Song s, BlockSummaries blocks, SpillingSeries humWindows, int quantileMemory) {
        float[][] x = s.channels();
        StreamInfo info = new StreamInfo(s.sampleRate(), x.length, 24, false, "test", x[0].length);
        LoudnessMeter meter = new LoudnessMeter(info);
        QuietPassageFinder f = new QuietPassageFinder(info, meter, true, blocks, humWindows, quantileMemory);
        for (AudioBlock block : Signals.blocks(x, 4096)) {
            meter.accept(block);
            f.accept(block);
        }
        meter.finish();
        f.finish();
        return f.result();
    }
}

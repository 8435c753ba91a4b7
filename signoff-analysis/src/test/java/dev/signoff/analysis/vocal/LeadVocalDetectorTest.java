package dev.signoff.analysis.vocal;

import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.tonal.SibilanceMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LeadVocalDetectorTest {
    static final int RATE = 48_000;

    /** Runs the detector over planar samples as the check does: both STFTs, one pass. */
    static LeadVocal detect(float[][] channels) {
        StreamInfo info = new StreamInfo(RATE, channels.length, 24, false, "test", channels[0].length);
        Stft shortStft = SibilanceMeter.shortStft(info), longStft = new Stft(info);
        LeadVocalDetector detector = new LeadVocalDetector(info, longStft, shortStft);
        longStft.addListener(detector.longListener());
        shortStft.addListener(detector.shortListener());
        for (AudioBlock b : Signals.blocks(channels, 8192)) {
            shortStft.accept(b);
            longStft.accept(b);
        }
        shortStft.finish();
        longStft.finish();
        return detector.result();
    }

    /** {@code voice} in the centre over {@code backing}, the voice {@code voiceDb} against the backing's peak. */
    static float[][] over(float[][] backing, float[] voice) {
        float[][] out = {backing[0].clone(), backing[1].clone()};
        for (int i = 0; i < Math.min(voice.length, out[0].length); i++) {
            out[0][i] = 0.4f * out[0][i] + 0.7f * voice[i];
            out[1][i] = 0.4f * out[1][i] + 0.7f * voice[i];
        }
        return out;
    }

    static float[][] centred(float[] mono) {
        return new float[][]{mono, mono.clone()};
    }

    @ParameterizedTest(name = "singer around {0} Hz")
    @ValueSource(doubles = {110, 220, 330})
    void aSingerOverAnInstrumentalBackingIsFound(double baseHz) {
        SongSynth.Song backing = SongSynth.renderInstrumental(RATE, 30, 3);
        LeadVocal v = detect(over(backing.channels(), TestVoices.singer(RATE, backing.durationS(), baseHz, 1)));
        assertThat(v.found()).as("share %.2f", v.share()).isTrue();
        assertThat(v.share()).isGreaterThan(0.4);
        assertThat(v.forced()).isFalse();
    }

    @Test
    void aSingerAloneIsFound() {
        LeadVocal v = detect(centred(TestVoices.singer(RATE, 20, 220, 2)));
        assertThat(v.share()).isGreaterThan(0.6);
        assertThat(v.found()).isTrue();
    }

    @Test
    void songSynthsVocalIsAVoice() {
        LeadVocal v = detect(SongSynth.render(RATE, 30, 1).channels());
        assertThat(v.found()).as("share %.2f", v.share()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void songSynthsInstrumentalRenderHasNoLeadVocal(long seed) {
        LeadVocal v = detect(SongSynth.renderInstrumental(RATE, 30, seed).channels());
        assertThat(v.found()).as("share %.2f", v.share()).isFalse();
        assertThat(v.share()).isLessThan(0.1);
    }

    @Test
    void sustainedSynthChordsAreNoVoice() {
        LeadVocal v = detect(centred(TestVoices.synthChords(RATE, 20)));
        assertThat(v.share()).isLessThan(0.05);
        assertThat(v.found()).isFalse();
    }

    @Test
    void drumsAloneAreNoVoice() {
        LeadVocal v = detect(centred(TestVoices.drums(RATE, 20, 4)));
        assertThat(v.share()).isLessThan(0.05);
        assertThat(v.found()).isFalse();
    }

    @Test
    void aPianoLineIsNoVoice() {
        LeadVocal v = detect(centred(TestVoices.piano(RATE, 20)));
        assertThat(v.share()).isLessThan(0.1);
        assertThat(v.found()).isFalse();
    }

    @Test
    void aSingerPannedHardToOneSideIsNoLeadVocal() {
        // The same singer, but only in the left channel: a backing vocal or a doubled part, not the lead.
        float[] voice = TestVoices.singer(RATE, 20, 220, 5);
        LeadVocal v = detect(new float[][]{voice, new float[voice.length]});
        assertThat(v.found()).as("share %.2f", v.share()).isFalse();
    }

    @Test
    void silenceHasNoLeadVocal() {
        LeadVocal v = detect(centred(Signals.silence(10, RATE)));
        assertThat(v.found()).isFalse();
        assertThat(v.share()).isZero();
    }
}

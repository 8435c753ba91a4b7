package dev.signoff.analysis;

import dev.signoff.analysis.devices.LimiterSettings;
import dev.signoff.analysis.devices.PeakLimiter;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two masters of the streaming tests, written as 24-bit WAV: a loud one (the synth song
 * through a hot look-ahead limiter, about -8 LUFS with a -0.1 dBFS ceiling) and a quiet dynamic
 * one (the song at -20 LUFS with one transient peaking at -5 dBFS), and ffmpeg's own measurement.
 */
public final class StreamingSongs {
    public static final int RATE = 48_000;

    private StreamingSongs() {}

    /** The synth song driven into a limiter (ceiling -0.1 dBFS) until it measures {@code targetLufs}. */
    public static Path loudMaster(Path dir, double seconds, double targetLufs) throws IOException {
        float[][] song = SongSynth.render(RATE, seconds, 7).channels();
        double drive = targetLufs - loudness(song);
        float[][] limited = null;
        for (int round = 0; round < 4; round++) {
            limited = limit(song, drive);
            double off = targetLufs - loudness(limited);
            if (Math.abs(off) < 0.05) break;
            drive += off * 1.3;   // a limiter gives back less than the drive it gets
        }
        return write(dir.resolve("loud-master.wav"), limited);
    }

    /** The synth song at {@code lufs} with one single-sample transient at {@code peakDbfs} in the middle. */
    public static Path quietDynamicMix(Path dir, double seconds, double lufs, double peakDbfs) throws IOException {
        float[][] song = SongSynth.render(RATE, seconds, 7).channels();
        // Keep the song's own peaks 3 dB under the transient, then set the loudness.
        double g = Signals.dbToLinear(lufs - loudness(song));
        float[][] out = new float[2][song[0].length];
        for (int c = 0; c < 2; c++) for (int i = 0; i < out[c].length; i++) out[c][i] = (float) (song[c][i] * g);
        double peak = 0;
        for (float[] ch : out) for (float v : ch) peak = Math.max(peak, Math.abs(v));
        double cap = Signals.dbToLinear(peakDbfs - 3);
        if (peak > cap) throw new IllegalStateException("the song's own peaks reach " + Signals.linearToDb(peak) + " dBFS at " + lufs + " LUFS");
        int at = out[0].length / 2;
        out[0][at] = (float) Signals.dbToLinear(peakDbfs);
        return write(dir.resolve("quiet-mix.wav"), out);
    }

    static float[][] limit(float[][] x, double driveDb) {
        PeakLimiter l = new PeakLimiter(2, RATE, new LimiterSettings(driveDb, -0.1, 1.5, 60));
        int n = x[0].length, lat = l.latency();
        double[][] buf = new double[2][n + lat];
        for (int c = 0; c < 2; c++) for (int i = 0; i < n; i++) buf[c][i] = x[c][i];
        l.process(buf, n + lat);
        float[][] out = new float[2][n];
        for (int c = 0; c < 2; c++) for (int i = 0; i < n; i++) out[c][i] = (float) buf[c][i + lat];
        return out;
    }

    public static double loudness(float[][] x) {
        LoudnessMeter m = new LoudnessMeter(new StreamInfo(RATE, x.length, 32, true, "test", x[0].length));
        for (AudioBlock b : Signals.blocks(x, 8192)) m.accept(b);
        m.finish();
        return m.result().integratedLufs();
    }

    private static Path write(Path file, float[][] x) throws IOException {
        try (WavWriter w = WavWriter.open(file, RATE, x.length, 24)) {
            w.write(x, x[0].length);
        }
        return file;
    }

    /** ffmpeg's ebur128 summary of a file: {integrated LUFS, true peak dBTP}. */
    public static double[] ffmpegLoudnessAndTruePeak(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-nostdin", "-i", file.toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("ffmpeg failed: " + out);
        String summary = out.substring(out.lastIndexOf("Summary:"));
        return new double[]{number(summary, "I:\\s+(-?[0-9.]+|-inf) LUFS"), number(summary, "Peak:\\s+(-?[0-9.]+|-inf) dBFS")};
    }

    private static double number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        if (!m.find()) throw new IllegalStateException("no " + regex + " in " + s);
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }
}

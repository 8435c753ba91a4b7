package dev.signoff.analysis.codecs;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * An encoded file decoded by ffmpeg at the mix's rate and channel count (Opus decodes at 48 kHz
 * whatever went in), read as raw floats from its stdout; nothing is clamped, so overs stay overs.
 */
final class DecodedPipe implements AudioReader {
    private final Process process;
    private final InputStream stdout;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread drain;
    private final StreamInfo info;
    private final Codec codec;
    private byte[] bytes = new byte[0];
    private float[] interleaved = new float[0];
    private long frame;

    DecodedPipe(Path ffmpeg, Path encoded, Codec codec, StreamInfo mix) throws IOException {
        this.codec = codec;
        this.info = new StreamInfo(mix.sampleRate(), mix.channels(), 0, true, codec.displayName(), -1, mix.layout());
        process = new ProcessBuilder(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", encoded.toString(), "-map", "0:a:0",
                "-f", "f32le", "-ac", Integer.toString(mix.channels()), "-ar", Integer.toString(mix.sampleRate()), "-").start();
        process.getOutputStream().close();
        stdout = process.getInputStream();
        drain = CodecRoundTrip.drain(process.getErrorStream(), stderr);
    }

    @Override public StreamInfo info() { return info; }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        int frameBytes = 4 * info.channels();
        if (bytes.length < maxFrames * frameBytes) bytes = new byte[maxFrames * frameBytes];
        int got = 0;
        while (got < frameBytes) {          // at least one whole frame, or the end
            int n = stdout.read(bytes, got, maxFrames * frameBytes - got);
            if (n < 0) break;
            got += n;
        }
        if (got % frameBytes != 0) got += stdout.readNBytes(bytes, got, frameBytes - got % frameBytes);
        int frames = got / frameBytes;
        if (frames == 0) {
            finishProcess();
            return null;
        }
        int channels = info.channels();
        if (interleaved.length < frames * channels) interleaved = new float[frames * channels];
        ByteBuffer.wrap(bytes, 0, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(interleaved, 0, frames * channels);
        float[][] s = new float[channels][frames];
        for (int c = 0; c < channels; c++) for (int i = 0, j = c; i < frames; i++, j += channels) s[c][i] = interleaved[j];
        AudioBlock block = new AudioBlock(s, frames, frame);
        frame += frames;
        return block;
    }

    private void finishProcess() throws IOException {
        try {
            int code = process.waitFor();
            drain.join();
            if (code != 0) throw new CodecException("ffmpeg could not decode the " + codec.displayName() + " encode: "
                    + CodecRoundTrip.firstLine(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + codec.displayName(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            stdout.close();
        } catch (IOException ignored) {
            // the process is gone either way
        }
    }
}

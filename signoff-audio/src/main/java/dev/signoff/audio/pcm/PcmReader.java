package dev.signoff.audio.pcm;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.OwnedResource;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Streams interleaved uncompressed samples from one contiguous byte range of a file (a WAV
 * {@code data} or AIFF {@code SSND} chunk) as planar float blocks. Bytes come in 256 KiB bulk reads
 * and are converted with explicit shifts, one tight loop per channel, so a 24-bit stereo file
 * decodes at several hundred MB/s. Integers are scaled by 2^-(bits-1); floats pass through.
 */
public abstract class PcmReader implements AudioReader {
    private static final int BUFFER_BYTES = 1 << 18;

    private final Path file;
    private final FileChannel channel;
    private final PcmEncoding encoding;
    private final StreamInfo info;
    private final int frameBytes;
    private final long totalFrames;
    private final byte[] buffer;
    private final ByteBuffer byteBuffer;
    private long filePosition;
    private long frame;

    /**
     * @param region where the samples are and how they are stored; the range must already have
     *               been checked to lie inside the file (see {@link #checkInsideFile})
     */
    protected PcmReader(Path file, FileChannel channel, PcmRegion region) {
        this.file = file;
        this.channel = channel;
        this.encoding = region.encoding();
        this.frameBytes = region.encoding().bytes() * region.channels();
        this.totalFrames = region.dataBytes() / frameBytes;
        this.info = region.info().withFrames(totalFrames);
        int perBuffer = Math.max(1, BUFFER_BYTES / frameBytes);
        this.buffer = new byte[perBuffer * frameBytes];
        this.byteBuffer = ByteBuffer.wrap(buffer);
        this.filePosition = region.dataStart();
    }

    /** Finds where a container keeps its samples, from its header. */
    @FunctionalInterface
    protected interface HeaderParser {
        PcmRegion parse(Path file, FileChannel channel) throws IOException;
    }

    /** A subclass's constructor. */
    @FunctionalInterface
    protected interface Constructor<R extends PcmReader> {
        R create(Path file, FileChannel channel, PcmRegion region);
    }

    /** Opens {@code file}, parses its header and builds the reader over it. */
    protected static <R extends PcmReader> R open(Path file, HeaderParser header, Constructor<R> constructor) throws IOException {
        return OwnedResource.handTo(FileChannel.open(file, StandardOpenOption.READ),
                channel -> constructor.create(file, channel, header.parse(file, channel)));
    }

    /**
     * Throws the one-line "truncated" error when a chunk declares more sample bytes than the file
     * holds, in seconds so the user can compare with what they bounced.
     */
    protected static void checkInsideFile(Path file, long fileSize, PcmRegion region, String chunkName) throws AudioFileException {
        long available = Math.max(0, fileSize - region.dataStart());
        if (region.dataBytes() <= available) return;
        double rate = region.info().sampleRate();
        long frameBytes = (long) region.encoding().bytes() * region.channels();
        throw new AudioFileException(file, String.format(Locale.ROOT,
                "truncated: %s chunk declares %.1f s but file holds %.1f s",
                chunkName, region.dataBytes() / frameBytes / rate, available / frameBytes / rate));
    }

    @Override
    public StreamInfo info() { return info; }

    /** Integers are scaled to floats: always finite. Float files may hold NaN or infinity. */
    @Override
    public boolean finiteSamples() { return !encoding.floatingPoint(); }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        if (maxFrames <= 0) throw new IllegalArgumentException("maxFrames must be positive");
        long left = totalFrames - frame;
        if (left <= 0) return null;
        int n = (int) Math.min(maxFrames, left);
        int channels = info.channels();
        float[][] out = new float[channels][n];
        int perBuffer = buffer.length / frameBytes;
        for (int done = 0; done < n; ) {
            int chunk = Math.min(perBuffer, n - done);
            fill(chunk * frameBytes);
            decode(buffer, chunk, channels, encoding, out, done);
            done += chunk;
        }
        AudioBlock block = new AudioBlock(out, n, frame);
        frame += n;
        return block;
    }

    private void fill(int bytes) throws IOException {
        byteBuffer.clear().limit(bytes);
        while (byteBuffer.hasRemaining()) {
            int r = channel.read(byteBuffer, filePosition);
            if (r < 0) {
                double at = (frame + (double) byteBuffer.position() / frameBytes) / info.sampleRate();
                throw new AudioFileException(file, String.format(Locale.ROOT,
                        "truncated: file ended at %.1f s while its header declares %.1f s", at, info.durationSeconds()));
            }
            filePosition += r;
        }
    }

    /** Converts {@code frames} interleaved frames from {@code src} into {@code dst[c][offset...]}. */
    static void decode(byte[] src, int frames, int channels, PcmEncoding enc, float[][] dst, int offset) {
        int stride = enc.bytes() * channels;
        for (int c = 0; c < channels; c++) {
            float[] d = dst[c];
            int p = c * enc.bytes();
            int end = offset + frames;
            switch (enc) {
                case U8 -> { for (int i = offset; i < end; i++, p += stride) d[i] = ((src[p] & 0xFF) - 128) * 0x1p-7f; }
                case S8 -> { for (int i = offset; i < end; i++, p += stride) d[i] = src[p] * 0x1p-7f; }
                case S16_LE -> { for (int i = offset; i < end; i++, p += stride) d[i] = ((src[p] & 0xFF) | (src[p + 1] << 8)) * 0x1p-15f; }
                case S16_BE -> { for (int i = offset; i < end; i++, p += stride) d[i] = ((src[p + 1] & 0xFF) | (src[p] << 8)) * 0x1p-15f; }
                case S24_LE -> {
                    for (int i = offset; i < end; i++, p += stride)
                        d[i] = ((src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8 | src[p + 2] << 16) * 0x1p-23f;
                }
                case S24_BE -> {
                    for (int i = offset; i < end; i++, p += stride)
                        d[i] = ((src[p + 2] & 0xFF) | (src[p + 1] & 0xFF) << 8 | src[p] << 16) * 0x1p-23f;
                }
                case S32_LE -> { for (int i = offset; i < end; i++, p += stride) d[i] = (float) (le32(src, p) * 0x1p-31); }
                case S32_BE -> { for (int i = offset; i < end; i++, p += stride) d[i] = (float) (be32(src, p) * 0x1p-31); }
                case F32_LE -> { for (int i = offset; i < end; i++, p += stride) d[i] = Float.intBitsToFloat(le32(src, p)); }
                case F32_BE -> { for (int i = offset; i < end; i++, p += stride) d[i] = Float.intBitsToFloat(be32(src, p)); }
                case F64_LE -> {
                    for (int i = offset; i < end; i++, p += stride)
                        d[i] = (float) Double.longBitsToDouble((le32(src, p) & 0xFFFF_FFFFL) | (long) le32(src, p + 4) << 32);
                }
                case F64_BE -> {
                    for (int i = offset; i < end; i++, p += stride)
                        d[i] = (float) Double.longBitsToDouble((long) be32(src, p) << 32 | (be32(src, p + 4) & 0xFFFF_FFFFL));
                }
            }
        }
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    private static int be32(byte[] b, int p) {
        return (b[p + 3] & 0xFF) | (b[p + 2] & 0xFF) << 8 | (b[p + 1] & 0xFF) << 16 | b[p] << 24;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

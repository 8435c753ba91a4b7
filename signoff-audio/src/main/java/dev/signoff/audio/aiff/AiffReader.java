package dev.signoff.audio.aiff;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.pcm.ChunkFile;
import dev.signoff.audio.pcm.PcmEncoding;
import dev.signoff.audio.pcm.PcmReader;
import dev.signoff.audio.pcm.PcmRegion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads AIFF (Apple, 1989) and AIFF-C: big-endian two's-complement PCM ({@code NONE}/{@code twos}),
 * little-endian PCM ({@code sowt}), 8-bit offset binary ({@code raw }), and IEEE float
 * ({@code fl32}/{@code FL32}, {@code fl64}/{@code FL64}). The sample rate is the COMM chunk's
 * 80-bit extended float; sample data starts at the SSND chunk's offset field. Samples narrower
 * than their container (e.g. 20 bits in 3 bytes) are left-justified, so they scale like the
 * container.
 */
public final class AiffReader extends PcmReader {

    private AiffReader(Path file, FileChannel channel, PcmRegion region) {
        super(file, channel, region);
    }

    public static AiffReader open(Path file) throws IOException {
        return open(file, AiffReader::parse, AiffReader::new);
    }

    private static PcmRegion parse(Path file, FileChannel channel) throws IOException {
        ChunkFile in = new ChunkFile(file, channel, ByteOrder.BIG_ENDIAN);
        ByteBuffer head = in.read(0, 12, "AIFF header");
        String form = ChunkFile.fourCc(head, 8);
        if (!ChunkFile.fourCc(head, 0).equals("FORM") || !(form.equals("AIFF") || form.equals("AIFC")))
            throw new AudioFileException(file, "not an AIFF file");
        boolean aifc = form.equals("AIFC");

        long size = in.size();
        long pos = 12;
        ByteBuffer comm = null;
        long ssndBody = -1, ssndBytes = -1;
        while (pos + 8 <= size && (comm == null || ssndBody < 0)) {
            ByteBuffer h = in.read(pos, 8, "chunk header");
            String id = ChunkFile.fourCc(h, 0);
            long chunkBytes = ChunkFile.uint32(h, 4);
            long body = pos + 8;
            if (id.equals("COMM")) {
                if (chunkBytes < 18 || chunkBytes > 4096)
                    throw new AudioFileException(file, "corrupt header: COMM chunk claims " + chunkBytes + " bytes");
                comm = in.read(body, (int) chunkBytes, "COMM chunk");
            } else if (id.equals("SSND")) {
                if (chunkBytes < 8) throw new AudioFileException(file, "corrupt header: SSND chunk is " + chunkBytes + " bytes");
                ssndBody = body;
                ssndBytes = chunkBytes;
            }
            pos = body + chunkBytes + (chunkBytes & 1);
        }
        if (comm == null) throw new AudioFileException(file, pos > size ? "truncated: file ends before the COMM chunk" : "corrupt header: no COMM chunk");

        int channels = ChunkFile.uint16(comm, 0);
        long frames = ChunkFile.uint32(comm, 2);
        int bits = ChunkFile.uint16(comm, 6);
        double rate = extended80(comm, 8);
        if (channels == 0) throw new AudioFileException(file, "corrupt header: COMM chunk declares 0 channels");
        if (!(rate >= 1 && rate <= Integer.MAX_VALUE) || rate != Math.rint(rate))
            throw new AudioFileException(file, "corrupt header: COMM chunk declares " + (Double.isNaN(rate) ? "a sample rate that is not a number"
                    : Double.isInfinite(rate) ? "an infinite sample rate" : rate <= 0 ? "a sample rate of " + (long) rate + " Hz"
                    : String.format(java.util.Locale.ROOT, "a sample rate of %.6g Hz", rate)));
        if (bits < 1 || bits > 64) throw new AudioFileException(file, "corrupt header: COMM chunk declares " + bits + "-bit samples");

        String compression = aifc && comm.limit() >= 22 ? ChunkFile.fourCc(comm, 18) : "NONE";
        int container = Math.min(4, (bits + 7) / 8);
        PcmEncoding encoding = switch (compression) {
            case "NONE", "twos" -> container == 1 ? PcmEncoding.S8 : PcmEncoding.integer(container, true);
            case "sowt" -> container == 1 ? PcmEncoding.S8 : PcmEncoding.integer(container, false);
            case "raw " -> {
                if (container != 1) throw new AudioFileException(file, "AIFF-C 'raw ' with " + bits + "-bit samples is not supported");
                yield PcmEncoding.U8;
            }
            case "fl32", "FL32" -> PcmEncoding.F32_BE;
            case "fl64", "FL64" -> PcmEncoding.F64_BE;
            default -> throw new AudioFileException(file, "AIFF-C compression '" + compression
                    + "' is not supported; Signoff reads uncompressed and float AIFF-C");
        };
        boolean floating = encoding.floatingPoint();
        if (!floating && bits > 32) throw new AudioFileException(file, "corrupt header: COMM chunk declares " + bits + "-bit integer samples");
        String name = (aifc ? "AIFF-C" : "AIFF") + (floating ? " float" : " PCM");
        StreamInfo info = new StreamInfo((int) rate, channels, floating ? encoding.bytes() * 8 : bits, floating, name, -1);
        long frameBytes = (long) encoding.bytes() * channels;
        if (frames == 0) return new PcmRegion(Math.min(pos, size), 0, encoding, info);
        if (ssndBody < 0) throw new AudioFileException(file, pos > size ? "truncated: file ends before the SSND chunk" : "corrupt header: no SSND chunk");

        long offset = ChunkFile.uint32(in.read(ssndBody, 8, "SSND chunk"), 0);
        long dataStart = ssndBody + 8 + offset;
        PcmRegion region = new PcmRegion(dataStart, frames * frameBytes, encoding, info);
        checkInsideFile(file, size, region, "COMM");
        if (frames * frameBytes > ssndBytes - 8 - offset)
            throw new AudioFileException(file, "corrupt header: COMM declares " + frames + " frames but the SSND chunk holds "
                    + Math.max(0, (ssndBytes - 8 - offset) / frameBytes));
        return region;
    }

    /** IEEE 754 80-bit extended (sign, 15-bit exponent, 64-bit mantissa with explicit integer bit). */
    static double extended80(ByteBuffer b, int index) {
        int signExp = ChunkFile.uint16(b, index);
        long mantissa = b.getLong(index + 2);
        int exponent = (signExp & 0x7FFF) - 16383 - 63;
        double value = Math.scalb((double) (mantissa >>> 1) * 2 + (mantissa & 1), exponent);
        return (signExp & 0x8000) != 0 ? -value : value;
    }
}

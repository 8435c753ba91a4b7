package dev.signoff.audio.wav;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.ChannelLayout;
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
 * Reads RIFF WAVE (and big-endian RIFX), RF64/BW64 (EBU Tech 3306/3285: sizes above 4 GiB live in
 * the {@code ds64} chunk, the 32-bit fields hold 0xFFFFFFFF) and BWF files: integer PCM of 8, 16,
 * 24 and 32 bits, IEEE float of 32 and 64 bits, plain or as WAVE_FORMAT_EXTENSIBLE with its channel
 * mask. Unknown chunks ({@code bext}, {@code LIST}, {@code JUNK}, {@code iXML}...) are skipped,
 * honouring the pad byte after odd-sized chunks. Parsed here rather than through javax.sound,
 * which rejects RF64 and extensible float.
 */
public final class WavReader extends PcmReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    private static final int MAX_FMT_BYTES = 4096;
    /** Bytes 4..15 of the KSDATAFORMAT_SUBTYPE GUIDs for PCM and IEEE float (bytes 0..3 hold the format tag). */
    private static final byte[] SUBTYPE_TAIL = {0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};

    private WavReader(Path file, FileChannel channel, PcmRegion region) {
        super(file, channel, region);
    }

    public static WavReader open(Path file) throws IOException {
        return open(file, WavReader::parse, WavReader::new);
    }

    private static PcmRegion parse(Path file, FileChannel channel) throws IOException {
        ChunkFile probe = new ChunkFile(file, channel, ByteOrder.LITTLE_ENDIAN);
        ByteBuffer head = probe.read(0, 12, "WAV header");
        String riff = ChunkFile.fourCc(head, 0);
        boolean bigEndian = riff.equals("RIFX");
        boolean rf64 = riff.equals("RF64") || riff.equals("BW64");
        if (!riff.equals("RIFF") && !bigEndian && !rf64) throw new AudioFileException(file, "not a WAV file (starts with '" + riff + "')");
        if (!ChunkFile.fourCc(head, 8).equals("WAVE"))
            throw new AudioFileException(file, "corrupt header: " + riff + " file of type '" + ChunkFile.fourCc(head, 8) + "' is not WAVE audio");
        ChunkFile in = bigEndian ? new ChunkFile(file, channel, ByteOrder.BIG_ENDIAN) : probe;

        long size = in.size();
        long pos = 12;
        long ds64DataBytes = -1;
        Format fmt = null;
        long dataStart = -1, dataBytes = -1;
        boolean bext = false;
        while (pos + 8 <= size) {
            ByteBuffer h = in.read(pos, 8, "chunk header");
            String id = ChunkFile.fourCc(h, 0);
            long chunkBytes = ChunkFile.uint32(h, 4);
            long body = pos + 8;
            switch (id) {
                case "ds64" -> {
                    if (chunkBytes < 24) throw new AudioFileException(file, "corrupt header: ds64 chunk is " + chunkBytes + " bytes, needs 24");
                    ds64DataBytes = in.read(body, 24, "ds64 chunk").getLong(8);
                }
                case "fmt " -> {
                    if (chunkBytes < 16 || chunkBytes > MAX_FMT_BYTES)
                        throw new AudioFileException(file, "corrupt header: fmt chunk claims " + chunkBytes + " bytes (expected 16 to 40)");
                    fmt = parseFormat(file, in.read(body, (int) chunkBytes, "fmt chunk"));
                }
                case "data" -> {
                    dataStart = body;
                    if (rf64 && chunkBytes == UNKNOWN_SIZE) {
                        if (ds64DataBytes < 0) throw new AudioFileException(file, "corrupt header: RF64 file without a ds64 chunk before its data");
                        dataBytes = ds64DataBytes;
                    } else if (chunkBytes == UNKNOWN_SIZE || chunkBytes == 0) {
                        // written to a pipe, or by a recorder that never came back to patch the size:
                        // the data runs to the end of the file, as ffmpeg reads it
                        dataBytes = size - body;
                    } else {
                        dataBytes = chunkBytes;
                    }
                    chunkBytes = dataBytes;
                }
                case "bext" -> bext = true;
                default -> { }
            }
            if (fmt != null && dataStart >= 0) break;
            pos = body + chunkBytes + (chunkBytes & 1);
        }
        if (fmt == null) {
            throw new AudioFileException(file, pos > size
                    ? "truncated: file ends inside a chunk before the fmt chunk"
                    : "corrupt header: no fmt chunk");
        }
        if (dataStart < 0) {
            throw new AudioFileException(file, pos > size
                    ? "truncated: file ends inside a chunk before any audio data"
                    : "corrupt header: no data chunk");
        }
        PcmEncoding encoding = fmt.floatingPoint ? PcmEncoding.ieeeFloat(fmt.containerBytes, bigEndian)
                : fmt.containerBytes == 1 ? PcmEncoding.U8 : PcmEncoding.integer(fmt.containerBytes, bigEndian);
        String name = (rf64 ? "RF64" : bext ? "BWF" : bigEndian ? "RIFX" : "WAV") + (fmt.floatingPoint ? " float" : " PCM");
        StreamInfo info = new StreamInfo(fmt.sampleRate, fmt.channels, fmt.validBits, fmt.floatingPoint, name, -1, fmt.layout);
        PcmRegion region = new PcmRegion(dataStart, dataBytes, encoding, info);
        checkInsideFile(file, size, region, "data");
        return region;
    }

    private record Format(int channels, int sampleRate, int containerBytes, int validBits, boolean floatingPoint, ChannelLayout layout) {}

    private static Format parseFormat(Path file, ByteBuffer f) throws AudioFileException {
        int tag = ChunkFile.uint16(f, 0);
        int channels = ChunkFile.uint16(f, 2);
        long rate = ChunkFile.uint32(f, 4);
        int blockAlign = ChunkFile.uint16(f, 12);
        int bits = ChunkFile.uint16(f, 14);
        if (channels == 0) throw new AudioFileException(file, "corrupt header: fmt chunk declares 0 channels");
        if (rate == 0 || rate > Integer.MAX_VALUE) throw new AudioFileException(file, "corrupt header: fmt chunk declares a sample rate of " + rate + " Hz");
        int validBits = bits;
        ChannelLayout layout = ChannelLayout.defaultFor(channels);
        if (tag == FORMAT_EXTENSIBLE) {
            if (f.limit() < 40) throw new AudioFileException(file, "corrupt header: WAVE_FORMAT_EXTENSIBLE fmt chunk is " + f.limit() + " bytes, needs 40");
            int valid = ChunkFile.uint16(f, 18);
            if (valid > 0) validBits = valid;
            layout = ChannelLayout.fromWaveChannelMask(f.getInt(20), channels);
            tag = ChunkFile.uint16(f, 24);
            for (int i = 0; i < SUBTYPE_TAIL.length; i++) {
                if (f.get(28 + i) != SUBTYPE_TAIL[i]) {
                    throw new AudioFileException(file, "WAVE_FORMAT_EXTENSIBLE with a non-PCM sub-format GUID is not supported");
                }
            }
        }
        if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
            throw new AudioFileException(file, String.format("WAV with format tag 0x%04X (%s) is not supported; Signoff reads PCM and IEEE float WAV",
                    tag, formatName(tag)));
        }
        int container = sampleBytes(file, tag, channels, blockAlign, bits);
        if (tag == FORMAT_PCM) {
            if (container < 1 || container > 4 || bits > container * 8)
                throw new AudioFileException(file, "integer PCM with " + bits + " bits in " + container + "-byte samples is not supported");
            return new Format(channels, (int) rate, container, validBits, false, layout);
        }
        if (container != 4 && container != 8)
            throw new AudioFileException(file, "IEEE float with " + container + "-byte samples is not supported");
        return new Format(channels, (int) rate, container, container * 8, true, layout);
    }

    /**
     * Bytes a sample takes in the data chunk. The bits-per-sample field decides, as in ffmpeg and
     * sox, which read a 16-bit stereo file whose block align says 6 as 4-byte frames: the decoders
     * that follow a wrong block align make up audio (5.3 s of noise at -1.5 LUFS from an 8 s
     * file). Block align is used only when the bits field is not a sample size.
     */
    private static int sampleBytes(Path file, int tag, int channels, int blockAlign, int bits) throws AudioFileException {
        boolean bitsUsable = tag == FORMAT_FLOAT ? bits == 32 || bits == 64 : bits >= 1 && bits <= 32;
        if (bitsUsable) return (bits + 7) / 8;
        if (blockAlign == 0 || blockAlign % channels != 0)
            throw new AudioFileException(file, "corrupt header: block align of " + blockAlign + " bytes does not fit " + channels
                    + " channels of " + bits + "-bit samples");
        return blockAlign / channels;
    }

    private static String formatName(int tag) {
        return switch (tag) {
            case 0x0002 -> "MS ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MP3";
            case 0x00FF, 0x1610 -> "AAC";
            default -> "unknown codec";
        };
    }
}

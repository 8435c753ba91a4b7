package dev.signoff.audio;

import dev.signoff.audio.aiff.AiffReader;
import dev.signoff.audio.ffmpeg.FfmpegReader;
import dev.signoff.audio.flac.FlacReader;
import dev.signoff.audio.mp3.Mp3Reader;
import dev.signoff.audio.mp3.MpegFrameHeader;
import dev.signoff.audio.vorbis.VorbisReader;
import dev.signoff.audio.wav.WavReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Opens any supported file by sniffing its first bytes (never by trusting its extension) and
 * handing it to the one reader for that container: WAV/RF64/BWF, AIFF/AIFF-C, FLAC, MP3 and Ogg
 * Vorbis are decoded in Java; Opus, AAC/ALAC in MP4, and the other containers below go through
 * {@link FfmpegReader}. Readers are called directly rather than through javax.sound's provider
 * lookup, where whichever SPI plugin is first on the class path may claim a file that is not its
 * own. Every failure is an {@link AudioFileException} with a one-line message. The Java codecs
 * decode on a thread of their own a few blocks ahead of the caller ({@link ReadAheadReader}).
 */
public final class AudioDecoders {
    private static final int SNIFF_BYTES = 4096;
    /** Enough for third-order ambisonics and ADM/Atmos beds; a corrupt header claiming more would exhaust memory. */
    private static final int MAX_CHANNELS = 128;

    private AudioDecoders() {}

    public static AudioReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new AudioFileException(file, "is a directory, not an audio file");
        if (!Files.exists(file)) throw new AudioFileException(file, "no such file");
        if (!Files.isReadable(file)) throw new AudioFileException(file, "cannot be read (permission denied)");
        if (!Files.isRegularFile(file)) {
            // a FIFO reports a size of 0 and would be called an empty file, or block the check on a writer
            throw new AudioFileException(file, "is a named pipe or a device, not a file: save the audio to a file and check that");
        }
        AudioReader reader;
        try {
            reader = openSniffed(file);
        } catch (AudioFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new AudioFileException(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            String m = e.getMessage();
            throw new AudioFileException(file, "cannot be read" + (m == null || m.isBlank() ? "" : " (" + m.lines().findFirst().orElse("") + ")"));
        } catch (RuntimeException e) {
            // a reader tripped over a header it does not expect: what matters is that the header is damaged
            throw new AudioFileException(file, "corrupt header: Signoff cannot make sense of it");
        }
        if (reader.info().channels() > MAX_CHANNELS) {
            reader.close();
            throw new AudioFileException(file, reader.info().channels() + " channels is more than Signoff reads (up to " + MAX_CHANNELS + ")");
        }
        if (reader.info().frames() == 0) {
            reader.close();
            throw new AudioFileException(file, "contains no audio (its header declares 0 samples)");
        }
        int rate = reader.info().sampleRate();
        if (rate < StreamInfo.MIN_SAMPLE_RATE || rate > StreamInfo.MAX_SAMPLE_RATE) {
            reader.close();
            throw new AudioFileException(file, String.format(Locale.ROOT,
                    "sample rate %d Hz is not supported (Signoff reads 8 kHz to 384 kHz)", rate));
        }
        boolean cpuHeavy = reader instanceof FlacReader || reader instanceof Mp3Reader || reader instanceof VorbisReader;
        return cpuHeavy ? new ReadAheadReader(reader) : reader;
    }

    private static AudioReader openSniffed(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) throw new AudioFileException(file, "empty file (0 bytes)");
        ByteBuffer head = readAt(file, 0);
        if (startsWith(head, 0, "RIFF") || startsWith(head, 0, "RIFX") || startsWith(head, 0, "RF64") || startsWith(head, 0, "BW64")) {
            if (head.limit() < 12 || startsWith(head, 8, "WAVE")) return WavReader.open(file);
            throw notAudio(file, head);
        }
        if (startsWith(head, 0, "FORM") && (startsWith(head, 8, "AIFF") || startsWith(head, 8, "AIFC"))) return AiffReader.open(file);
        if (startsWith(head, 0, "fLaC")) return FlacReader.open(file);
        if (startsWith(head, 0, "OggS")) return openOgg(file, head);
        if (startsWith(head, 0, "ID3")) return openAfterId3(file, head);
        String other = ffmpegFormat(head);
        if (other != null) return FfmpegReader.open(file, other);
        if (isAdts(head, 0)) return FfmpegReader.open(file, "AAC");
        if (head.limit() >= 4 && MpegFrameHeader.parse(head.getInt(0)) != null) return Mp3Reader.open(file);
        throw notAudio(file, head);
    }

    /** ID3v2 tags precede MP3 and AAC streams, and sometimes (against the spec) FLAC. */
    private static AudioReader openAfterId3(Path file, ByteBuffer head) throws IOException {
        long pos;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            pos = Mp3Reader.skipId3v2(ch);
        }
        ByteBuffer after = readAt(file, pos);
        if (startsWith(after, 0, "fLaC")) return FlacReader.open(file);
        if (isAdts(after, 0)) return FfmpegReader.open(file, "AAC");
        return Mp3Reader.open(file);
    }

    /** Tells Vorbis from Opus, FLAC and Speex by the first packet of the first Ogg page. */
    private static AudioReader openOgg(Path file, ByteBuffer head) throws IOException {
        if (head.limit() < 27) throw new AudioFileException(file, "truncated: file ends inside the first Ogg page");
        int segments = head.get(26) & 0xFF;
        int packet = 27 + segments;
        if (startsWith(head, packet, "\u0001vorbis")) return VorbisReader.open(file);
        if (startsWith(head, packet, "OpusHead")) return FfmpegReader.open(file, "Opus");
        if (startsWith(head, packet, "\u007fFLAC")) return FfmpegReader.open(file, "Ogg FLAC");
        if (startsWith(head, packet, "Speex   ")) return FfmpegReader.open(file, "Speex");
        if (head.limit() < packet + 8) throw new AudioFileException(file, "truncated: file ends inside the first Ogg page");
        throw new AudioFileException(file, "Ogg file without an audio stream Signoff reads (first packet starts with "
                + preview(head, packet) + ")");
    }

    /** Containers only ffmpeg decodes here, by magic number; null when none matches. */
    private static String ffmpegFormat(ByteBuffer h) {
        if (startsWith(h, 4, "ftyp")) return "MP4/M4A (AAC or ALAC)";
        if (startsWith(h, 0, "caff")) return "CAF";
        if (startsWith(h, 0, "wvpk")) return "WavPack";
        if (startsWith(h, 0, "MAC ")) return "Monkey's Audio";
        if (startsWith(h, 0, "TTA1")) return "TTA";
        if (startsWith(h, 0, "#!AMR")) return "AMR";
        if (startsWith(h, 0, "DSD ")) return "DSF";
        if (startsWith(h, 0, "FRM8")) return "DSDIFF";
        if (startsWith(h, 0, ".snd")) return "Sun AU";
        if (h.limit() >= 4 && h.getInt(0) == 0x1A45DFA3) return "Matroska/WebM";
        if (h.limit() >= 4 && h.getInt(0) == 0x3026B275) return "WMA";
        return null;
    }

    /** An AAC ADTS header: 12-bit sync and layer bits 00 (MPEG audio frames have non-zero layer bits). */
    private static boolean isAdts(ByteBuffer h, int at) {
        return h.limit() >= at + 2 && (h.get(at) & 0xFF) == 0xFF && (h.get(at + 1) & 0xF6) == 0xF0;
    }

    private static AudioFileException notAudio(Path file, ByteBuffer head) {
        return new AudioFileException(file, "not an audio file Signoff reads (starts with " + preview(head, 0) + ")");
    }

    /** Up to 8 bytes from {@code at}: as quoted text when printable, else as hex. */
    private static String preview(ByteBuffer h, int at) {
        int n = Math.max(0, Math.min(8, h.limit() - at));
        boolean text = n > 0;
        for (int i = 0; i < n; i++) {
            int c = h.get(at + i) & 0xFF;
            if (c < 0x20 || c >= 0x7F) text = false;
        }
        StringBuilder s = new StringBuilder();
        if (text) {
            s.append('"');
            for (int i = 0; i < n; i++) s.append((char) h.get(at + i));
            return s.append('"').toString();
        }
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : " ").append(String.format("%02X", h.get(at + i) & 0xFF));
        return s.length() == 0 ? "nothing" : s.toString();
    }

    private static boolean startsWith(ByteBuffer h, int at, String magic) {
        if (at < 0 || h.limit() < at + magic.length()) return false;
        for (int i = 0; i < magic.length(); i++) if ((h.get(at + i) & 0xFF) != magic.charAt(i)) return false;
        return true;
    }

    private static ByteBuffer readAt(Path file, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SNIFF_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) { }
        }
        return b.flip();
    }
}

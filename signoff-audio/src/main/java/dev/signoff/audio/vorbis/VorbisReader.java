package dev.signoff.audio.vorbis;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.CodecReader;
import dev.signoff.audio.OwnedResource;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.StreamTime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Decodes the first logical Vorbis stream of an Ogg file with JOrbis, page by page, copying the
 * synthesis output (already float, full scale +-1) into blocks. The stream's length is the
 * granule position of its last page (Ogg Vorbis spec, section A.2), read from the file's tail
 * before decoding; output stops there, which drops the end padding of the final packet.
 * Vorbis orders 3+ channels with the centre second (spec section 4.3.9: L C R, and L C R Ls Rs LFE
 * for 5.1); blocks come out in WAV/SMPTE order (L R C LFE Ls Rs) like every other reader.
 */
public final class VorbisReader extends CodecReader {
    private static final int READ_BYTES = 1 << 14;
    private static final int TAIL_BYTES = 1 << 16;
    /** Vorbis channel order to WAV order, per channel count (index: WAV channel, value: Vorbis channel). */
    private static final int[][] TO_WAV_ORDER = {
            null, {0}, {0, 1}, {0, 2, 1}, {0, 1, 2, 3}, {0, 2, 1, 3, 4}, {0, 2, 1, 5, 3, 4},
            {0, 2, 1, 6, 5, 3, 4}, {0, 2, 1, 7, 5, 6, 3, 4},
    };

    private final Path file;
    private final InputStream input;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Info vorbis = new Info();
    private final Comment comment = new Comment();
    private final DspState dsp = new DspState();
    private final Block block = new Block(dsp);
    private final float[][][] pcm = new float[1][][];
    private final int[] pcmIndex;
    private final int[] order;
    private final int serial;
    private final StreamInfo info;
    private boolean lastPageSeen;
    /** The last page's granule position: where the stream ends, in samples a channel. */
    private long endGranule;
    /** Bytes of the file handed to the Ogg sync layer so far. */
    private long bytesRead;

    private VorbisReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.input = Channels.newInputStream(channel);
        sync.init();
        if (!nextPage(true)) throw new AudioFileException(file, "not an Ogg file");
        serial = page.serialno();
        stream.init(serial);
        stream.pagein(page);
        vorbis.init();
        comment.init();
        try {
            for (int headers = 0; headers < 3; ) {
                int r = stream.packetout(packet);
                if (r == 0) {
                    if (!nextPage(true)) throw new AudioFileException(file, "truncated: file ends inside the Vorbis headers");
                    if (page.serialno() == serial) stream.pagein(page);
                    continue;
                }
                if (r > 0 && headers == 1) checkCommentLengths(packet);
                if (r < 0 || vorbis.synthesis_headerin(comment, packet) < 0) {
                    throw new AudioFileException(file, headers == 0 ? "Ogg file without a Vorbis stream" : "corrupt Vorbis header");
                }
                if (headers == 2 && !VorbisSetupCheck.fits(packet.packet_base, packet.packet, packet.bytes, vorbis.channels)) {
                    throw new AudioFileException(file, "corrupt Vorbis header: the identification header declares " + vorbis.channels
                            + " channels, which the setup header does not fit");
                }
                headers++;
            }
            dsp.synthesis_init(vorbis);
            block.init(dsp);
        } catch (RuntimeException e) {
            throw new AudioFileException(file, "corrupt Vorbis header: its setup cannot be read");
        }
        if (vorbis.channels < 1 || vorbis.rate <= 0)
            throw new AudioFileException(file, "corrupt Vorbis header: " + vorbis.channels + " channels at " + vorbis.rate + " Hz");
        pcmIndex = new int[vorbis.channels];
        order = vorbis.channels < TO_WAV_ORDER.length ? TO_WAV_ORDER[vorbis.channels] : identity(vorbis.channels);
        info = new StreamInfo(vorbis.rate, vorbis.channels, 0, false, "Ogg Vorbis", lastGranule(channel, serial));
    }

    /** A comment header declaring strings longer than itself, refused before JOrbis allocates them ({@link VorbisCommentLengths}). */
    private void checkCommentLengths(Packet p) throws AudioFileException {
        if (p.bytes < 7 || p.packet_base[p.packet] != 3) return;   // not a comment header: synthesis_headerin says so
        String overrun = VorbisCommentLengths.overrun(ByteBuffer.wrap(p.packet_base, p.packet + 7, p.bytes - 7));
        if (overrun != null) {
            throw new AudioFileException(file, "corrupt Vorbis comment header: it declares " + overrun + " in a header of " + p.bytes + " bytes");
        }
    }

    public static VorbisReader open(Path file) throws IOException {
        return OwnedResource.handTo(FileChannel.open(file, StandardOpenOption.READ), channel -> new VorbisReader(file, channel));
    }

    @Override
    public StreamInfo info() { return info; }

    // JOrbis reports damaged packets with whatever RuntimeException they happen to cause
    @Override
    protected int decoded() throws IOException {
        try {
            int available;
            while ((available = dsp.synthesis_pcmout(pcm, pcmIndex)) <= 0) {
                if (!nextPacket()) return 0;
            }
            return available;
        } catch (RuntimeException e) {
            throw corrupt("a packet cannot be decoded");
        }
    }

    @Override
    protected void copyDecoded(float[][] out, int at, int frames) throws IOException {
        try {
            for (int c = 0; c < out.length; c++) {
                int v = order[c];
                System.arraycopy(pcm[0][v], pcmIndex[v], out[c], at, frames);
            }
            dsp.synthesis_read(frames);
        } catch (RuntimeException e) {
            throw corrupt("a packet cannot be decoded");
        }
    }

    /** Feeds the next audio packet to the synthesis; false at the end of the logical stream. */
    private boolean nextPacket() throws IOException {
        while (true) {
            int r = stream.packetout(packet);
            if (r > 0) {
                if (block.synthesis(packet) == 0) dsp.synthesis_blockin(block);
                else throw corrupt("undecodable packet");
                return true;
            }
            if (r < 0) throw corrupt("missing data between pages");
            if (lastPageSeen) {
                refuseChainedStream();
                return false;
            }
            if (!nextPage(false)) {
                throw new AudioFileException(file, String.format(Locale.ROOT,
                        "truncated: the Ogg stream stops at %.1f s without its end-of-stream page", emitted() / (double) info.sampleRate()));
            }
            if (page.serialno() != serial) continue;
            stream.pagein(page);
            if (page.eos() != 0) {
                lastPageSeen = true;
                endGranule = page.granulepos();
            }
        }
    }

    /** Reads until the sync layer yields a whole page; false at the end of the file. */
    private boolean nextPage(boolean atStart) throws IOException {
        while (true) {
            int r = sync.pageout(page);
            if (r > 0) return true;
            if (r < 0) {
                if (atStart) throw new AudioFileException(file, "corrupt Ogg page at the start of the file");
                throw corrupt("lost Ogg page sync");
            }
            int at = sync.buffer(READ_BYTES);
            int got = input.read(sync.data, at, READ_BYTES);
            if (got <= 0) return false;
            sync.wrote(got);
            bytesRead += got;
        }
    }

    /**
     * After the stream's last page, a new logical stream (files joined with {@code cat}: a chained
     * Ogg file) would be left out without a word, so it is refused, naming the byte where it
     * starts. Pages of other streams multiplexed with this one, and trailing bytes that are no
     * page, are passed over.
     */
    private void refuseChainedStream() throws IOException {
        while (true) {
            int r = sync.pageout(page);
            if (r == 0) {
                int at = sync.buffer(READ_BYTES);
                int got = input.read(sync.data, at, READ_BYTES);
                if (got <= 0) return;
                sync.wrote(got);
                bytesRead += got;
                continue;
            }
            if (r < 0 || page.bos() == 0) continue;
            long at = bytesRead - sync.getBufferOffset() + page.header;
            throw new AudioFileException(file, String.format(Locale.ROOT,
                    "the Ogg file goes on with a second stream (%s) at byte %d, after the first (%s) ends at %s: two files joined in one; "
                            + "export the mix again as one file",
                    describeFirstPacket(), at, describe(info.channels(), info.sampleRate()),
                    StreamTime.format(endGranule / (double) info.sampleRate())));
        }
    }

    /** A new stream's format from its first packet: a Vorbis identification header's channels and rate, else its codec unnamed. */
    private String describeFirstPacket() {
        byte[] b = page.body_base;
        int p = page.body;
        if (page.body_len < 16 || b[p] != 1 || !"vorbis".equals(new String(b, p + 1, 6, java.nio.charset.StandardCharsets.US_ASCII))) {
            return "not Vorbis";
        }
        int channels = b[p + 11] & 0xFF;
        int rate = (b[p + 12] & 0xFF) | (b[p + 13] & 0xFF) << 8 | (b[p + 14] & 0xFF) << 16 | (b[p + 15] & 0xFF) << 24;
        return describe(channels, rate);
    }

    private static String describe(int channels, int rate) {
        return String.format(Locale.ROOT, "%s at %.1f kHz", channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels", rate / 1000.0);
    }

    private AudioFileException corrupt(String what) {
        return new AudioFileException(file, "corrupt Ogg Vorbis data at " + StreamTime.format(emitted() / (double) info.sampleRate())
                + " (" + what + ")");
    }

    /**
     * The granule position (total samples a channel) of the stream's last page, found by scanning
     * the file's tail for page headers; -1 when none carries one.
     */
    private static long lastGranule(FileChannel channel, int serial) throws IOException {
        long size = channel.size();
        int len = (int) Math.min(size, TAIL_BYTES);
        ByteBuffer tail = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (tail.hasRemaining() && channel.read(tail, size - len + tail.position()) > 0) { }
        long granule = -1;
        for (int i = 0; i + 27 <= tail.position(); i++) {
            if (tail.get(i) == 'O' && tail.get(i + 1) == 'g' && tail.get(i + 2) == 'g' && tail.get(i + 3) == 'S'
                    && tail.get(i + 4) == 0 && tail.getInt(i + 14) == serial) {
                long g = tail.getLong(i + 6);
                if (g >= 0) granule = g;
            }
        }
        return granule;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}

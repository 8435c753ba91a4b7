package dev.signoff.audio.pcm;

import dev.signoff.audio.AudioFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Positional reads of small header structures from a RIFF/IFF-style chunked file. */
public final class ChunkFile {
    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;

    public ChunkFile(Path file, FileChannel channel, ByteOrder order) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.order = order;
    }

    public long size() { return size; }

    /**
     * Exactly {@code length} bytes at {@code position}, or a "truncated" error naming {@code what}.
     */
    public ByteBuffer read(long position, int length, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        while (b.hasRemaining()) {
            int r = channel.read(b, position + b.position());
            if (r < 0) throw new AudioFileException(file, "truncated: file ends inside the " + what);
        }
        return b.flip();
    }

    /** Four bytes as text, with unprintable bytes shown as '?', for chunk ids in messages. */
    public static String fourCc(ByteBuffer b, int index) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            byte c = b.get(index + i);
            id[i] = c >= 0x20 && c < 0x7F ? c : (byte) '?';
        }
        return new String(id, StandardCharsets.US_ASCII);
    }

    public static long uint32(ByteBuffer b, int index) {
        return b.getInt(index) & 0xFFFF_FFFFL;
    }

    public static int uint16(ByteBuffer b, int index) {
        return b.getShort(index) & 0xFFFF;
    }
}

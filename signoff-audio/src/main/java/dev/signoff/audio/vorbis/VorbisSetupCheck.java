package dev.signoff.audio.vorbis;

/**
 * Walks a Vorbis setup header exactly as the Vorbis I specification (section 4.2.4) lays it out for
 * a given channel count, to tell whether the identification header's channel count belongs to it.
 * JOrbis reads the mapping's coupling fields with ilog(channels) bits where the specification says
 * ilog(channels - 1), so it accepts a stereo stream whose identification header says 3 channels and
 * decodes it as noise (+15.6 LUFS, +39.9 dBTP); ffmpeg, which follows the specification, refuses it.
 */
final class VorbisSetupCheck {
    private final byte[] data;
    private final int end;
    private long bit;

    private VorbisSetupCheck(byte[] data, int offset, int length) {
        this.data = data;
        this.end = offset + length;
        this.bit = (long) offset * 8;
    }

    /** Whether the setup packet parses to its framing bit for {@code channels} channels. */
    static boolean fits(byte[] data, int offset, int length, int channels) {
        if (length < 7 || data[offset] != 5) return true;   // not a setup header: JOrbis says so
        try {
            VorbisSetupCheck c = new VorbisSetupCheck(data, offset + 7, length - 7);
            return c.walk(channels);
        } catch (IndexOutOfBoundsException e) {
            return false;   // ran past the packet's end
        }
    }

    private boolean walk(int channels) {
        int books = read(8) + 1;
        for (int i = 0; i < books; i++) if (!codebook()) return false;
        int times = read(6) + 1;
        for (int i = 0; i < times; i++) if (read(16) != 0) return false;
        int floors = read(6) + 1;
        for (int i = 0; i < floors; i++) if (!floor()) return false;
        int residues = read(6) + 1;
        for (int i = 0; i < residues; i++) if (!residue()) return false;
        int mappings = read(6) + 1;
        for (int i = 0; i < mappings; i++) if (!mapping(channels, floors, residues)) return false;
        int modes = read(6) + 1;
        for (int i = 0; i < modes; i++) {
            read(1);
            if (read(16) != 0 || read(16) != 0 || read(8) >= mappings) return false;
        }
        return read(1) == 1;
    }

    private boolean codebook() {
        if (read(24) != 0x564342) return false;
        int dimensions = read(16);
        int entries = read(24);
        if (read(1) == 0) {
            boolean sparse = read(1) == 1;
            for (int e = 0; e < entries; e++) {
                if (!sparse || read(1) == 1) read(5);
            }
        } else {
            read(5);
            int current = 0;
            while (current < entries) {
                current += read(ilog(entries - current));
                if (current > entries) return false;
            }
        }
        int lookup = read(4);
        if (lookup == 0) return true;
        if (lookup > 2) return false;
        read(32);
        read(32);
        int valueBits = read(4) + 1;
        read(1);
        long values = lookup == 1 ? lookup1Values(entries, dimensions) : (long) entries * dimensions;
        skip(values * valueBits);
        return true;
    }

    private boolean floor() {
        int type = read(16);
        if (type == 0) {
            read(8);
            read(16);
            read(16);
            read(6);
            read(8);
            int books = read(4) + 1;
            skip(books * 8L);
            return true;
        }
        if (type != 1) return false;
        int partitions = read(5);
        int[] classOf = new int[partitions];
        int maxClass = -1;
        for (int i = 0; i < partitions; i++) maxClass = Math.max(maxClass, classOf[i] = read(4));
        int[] dims = new int[maxClass + 1];
        for (int c = 0; c <= maxClass; c++) {
            dims[c] = read(3) + 1;
            int subclasses = read(2);
            if (subclasses > 0) read(8);
            skip((1L << subclasses) * 8);
        }
        read(2);
        int rangeBits = read(4);
        for (int i = 0; i < partitions; i++) skip((long) dims[classOf[i]] * rangeBits);
        return true;
    }

    private boolean residue() {
        if (read(16) > 2) return false;
        read(24);
        read(24);
        read(24);
        int classifications = read(6) + 1;
        read(8);
        int books = 0;
        for (int i = 0; i < classifications; i++) {
            int low = read(3);
            int high = read(1) == 1 ? read(5) : 0;
            books += Integer.bitCount(high * 8 + low);
        }
        skip(books * 8L);
        return true;
    }

    private boolean mapping(int channels, int floors, int residues) {
        if (read(16) != 0) return false;
        int submaps = read(1) == 1 ? read(4) + 1 : 1;
        if (read(1) == 1) {
            int steps = read(8) + 1;
            int bits = ilog(channels - 1);
            for (int s = 0; s < steps; s++) {
                int magnitude = read(bits), angle = read(bits);
                if (magnitude == angle || magnitude >= channels || angle >= channels) return false;
            }
        }
        if (read(2) != 0) return false;
        if (submaps > 1) {
            for (int c = 0; c < channels; c++) if (read(4) >= submaps) return false;
        }
        for (int s = 0; s < submaps; s++) {
            read(8);
            if (read(8) >= floors || read(8) >= residues) return false;
        }
        return true;
    }

    /** The greatest r with r^dimensions <= entries (specification section 9.2.3). */
    private static long lookup1Values(int entries, int dimensions) {
        if (dimensions <= 0) return 0;
        long r = (long) Math.floor(Math.pow(entries, 1.0 / dimensions));
        while (Math.pow(r + 1, dimensions) <= entries) r++;
        while (r > 0 && Math.pow(r, dimensions) > entries) r--;
        return r;
    }

    private static int ilog(int v) {
        return v <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(v);
    }

    private void skip(long bits) {
        bit += bits;
        if (bit > (long) end * 8) throw new IndexOutOfBoundsException();
    }

    /** {@code n} bits (up to 32), least significant first, as Vorbis packs them. */
    private int read(int n) {
        if (bit + n > (long) end * 8) throw new IndexOutOfBoundsException();
        long v = 0;
        for (int i = 0; i < n; i++, bit++) {
            v |= (long) ((data[(int) (bit >>> 3)] >>> (bit & 7)) & 1) << i;
        }
        return (int) v;
    }
}

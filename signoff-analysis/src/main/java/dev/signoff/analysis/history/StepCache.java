package dev.signoff.analysis.history;

import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.ChangeKind;
import dev.signoff.analysis.diff.NoiseChange;
import dev.signoff.analysis.diff.Span;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The meter's comparisons of consecutive versions kept on disk, so a second reading of a folder
 * with one new version compares only that one with the one before.
 *
 * <p>An entry is keyed by the SHA-256 of both files' bytes (a renamed or touched file still hits;
 * an edited one never does) and by the analysis build, so a new Signoff compares again. Entries are
 * written whole (temporary file, then rename); one that does not read back exactly (truncated,
 * damaged, another build's) is a miss and is overwritten, never an error. The cache is a saving, not
 * a store: when its folder cannot be written the meter carries on without it.
 */
public final class StepCache {
    private static final String MAGIC = "signoff.history-step/1";

    private final Path dir;
    private final String analysisBuild;
    private final Map<Path, String> contentHashes = new HashMap<>();

    /**
     * @param dir           the folder the entries go in (created when the first is written)
     * @param analysisBuild names the build that computes the comparisons; entries of another build are misses
     */
    public StepCache(Path dir, String analysisBuild) {
        this.dir = dir;
        this.analysisBuild = analysisBuild;
    }

    public Path dir() {
        return dir;
    }

    /** The stored comparison of {@code older} then {@code newer}, when there is a readable one. */
    Optional<LetItGoMeter.Comparison> get(Path older, Path newer) throws IOException {
        String key = key(older, newer);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry(key));
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes, key));
        } catch (IOException | RuntimeException damaged) {
            return Optional.empty();
        }
    }

    /** Keeps {@code c} as the comparison of {@code older} then {@code newer}; quietly skipped when the folder cannot be written. */
    void put(Path older, Path newer, LetItGoMeter.Comparison c) throws IOException {
        String key = key(older, newer);
        byte[] bytes = encode(c, key);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".step", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException unwritable) {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
    }

    private Path entry(String key) {
        return dir.resolve(key + ".step");
    }

    private String key(Path older, Path newer) throws IOException {
        return sha256((contentHash(older) + "\n" + contentHash(newer) + "\n" + analysisBuild).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String contentHash(Path file) throws IOException {
        String known = contentHashes.get(file);
        if (known != null) return known;
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        String hash = HexFormat.of().formatHex(md.digest());
        contentHashes.put(file, hash);
        return hash;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] encode(LetItGoMeter.Comparison c, String key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeUTF(key);
        out.writeDouble(c.jnd());
        out.writeInt(c.changes());
        out.writeInt(c.audibleChanges());
        Change l = c.largest();
        out.writeBoolean(l != null);
        if (l != null) {
            out.writeUTF(l.kind().name());
            writeNullable(out, l.freqLoHz());
            writeNullable(out, l.freqHiHz());
            writeNullable(out, l.peakHz());
            out.writeInt(l.spans().size());
            for (Span s : l.spans()) {
                out.writeDouble(s.startS());
                out.writeDouble(s.endS());
            }
            writeNullable(out, l.db());
            writeNullable(out, l.shiftS());
            out.writeUTF(l.where());
            out.writeUTF(l.message());
            out.writeBoolean(l.audible());
            NoiseChange n = l.noise();
            out.writeBoolean(n != null);
            if (n != null) {
                out.writeUTF(n.direction().name());
                writeNullable(out, n.oldDbfs());
                writeNullable(out, n.newDbfs());
                writeNullable(out, n.humHz());
                writeNullable(out, n.underMusicDb());
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    static LetItGoMeter.Comparison decode(byte[] bytes, String key) throws IOException {
        if (bytes.length < 8) throw new IOException("too short");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF())) throw new IOException("not this entry");
        double jnd = in.readDouble();
        int changes = in.readInt(), audible = in.readInt();
        Change largest = null;
        if (in.readBoolean()) {
            ChangeKind kind = ChangeKind.valueOf(in.readUTF());
            Double lo = readNullable(in), hi = readNullable(in), peak = readNullable(in);
            int n = in.readInt();
            if (n < 0 || n > bytes.length / 16) throw new IOException("bad span count");
            List<Span> spans = new ArrayList<>(n);
            for (int i = 0; i < n; i++) spans.add(new Span(in.readDouble(), in.readDouble()));
            Double db = readNullable(in), shift = readNullable(in);
            String where = in.readUTF(), message = in.readUTF();
            boolean isAudible = in.readBoolean();
            NoiseChange noise = in.readBoolean()
                    ? new NoiseChange(NoiseChange.Direction.valueOf(in.readUTF()), readNullable(in), readNullable(in), readNullable(in), readNullable(in))
                    : null;
            largest = new Change(kind, lo, hi, peak, spans, db, shift, where, message, isAudible, noise);
        }
        if (in.readLong() != crc.getValue() || in.available() != 0) throw new IOException("damaged");
        return new LetItGoMeter.Comparison(jnd, changes, audible, largest);
    }

    private static void writeNullable(DataOutputStream out, Double x) throws IOException {
        out.writeBoolean(x != null);
        if (x != null) out.writeDouble(x);
    }

    private static Double readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}

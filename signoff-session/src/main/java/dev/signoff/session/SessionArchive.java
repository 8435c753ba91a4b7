package dev.signoff.session;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Collects a session and every media file its items use into a new folder: written as
 * DEST.partial, renamed to DEST once whole and re-audited. Paths are rewritten in the copy only;
 * the original session file is only read. Media outside the session folder, or written as absolute
 * paths, move into the format's media folder (REAPER: Media/, Ardour: interchange/NAME/audiofiles,
 * DAWproject: embedded in the container under audio/).
 */
public final class SessionArchive {
    private SessionArchive() {}

    public static final String MANIFEST = "MANIFEST.sha256";

    /** The archive made: where it is, its session re-read from there, and what it holds. */
    public record Result(Path folder, Session session, List<SessionFinding> findings, int files, long bytes) {}

    public static Result archive(Session s, Path dest, List<String> bounceSummary) throws IOException {
        Path target = dest.toAbsolutePath().normalize();
        if (Files.exists(target)) throw new ArchiveException(dest + " already exists: give a new folder for the archive");
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) throw new ArchiveException(dest + ": folder " + target.getParent() + " does not exist");
        if (s.file().startsWith(target)) throw new ArchiveException(dest + " holds the session itself: give a new folder");
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        if (Files.exists(partial)) throw new ArchiveException(partial + " is left from an archive that did not finish: remove it first");
        List<MediaFile> missing = s.usedMedia().stream().filter(m -> !m.exists()).toList();
        if (!missing.isEmpty()) {
            throw new ArchiveException("cannot archive: " + missing.size() + " media file" + (missing.size() == 1 ? " is" : "s are") + " missing ("
                    + SessionAudit.shown(s, missing.get(0)) + (missing.size() > 1 ? ", ..." : "") + "); find " + (missing.size() == 1 ? "it" : "them") + " first");
        }
        Files.createDirectory(partial);
        try {
            Path copy = partial.resolve(s.file().getFileName().toString());
            switch (s.daw()) {
                case REAPER -> reaper(s, partial, copy);
                case ARDOUR -> ardour(s, partial, copy);
                case DAWPROJECT -> dawproject(s, copy);
            }
            Session copied = SessionReader.read(copy);
            Files.writeString(partial.resolve("RECALL.md"), RecallSheet.markdown(copied, bounceSummary), StandardCharsets.UTF_8);
            Files.writeString(partial.resolve("RECALL.html"), SessionHtmlReport.recallSheet(copied, bounceSummary), StandardCharsets.UTF_8);
            List<SessionFinding> broken = SessionAudit.audit(copied, null).stream()
                    .filter(f -> f.code() == SessionCode.MISSING_MEDIA || f.code() == SessionCode.MEDIA_OUTSIDE_PROJECT).toList();
            if (!broken.isEmpty()) throw new ArchiveException("the archive's copy does not stand on its own: " + broken.get(0).code() + " " + broken.get(0).message());
            long[] bytes = {0};
            int files = manifest(partial, bytes);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            Session archived = SessionReader.read(target.resolve(copy.getFileName().toString()));
            return new Result(target, archived, SessionAudit.audit(archived, null), files, bytes[0]);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
    }

    /** Where each used file goes in the archive (relative to it), and how the copy writes it when that changes. */
    private static final class Plan {
        final Map<Path, String> copies = new LinkedHashMap<>();
        final Map<String, String> rewrites = new LinkedHashMap<>();
        private final Set<String> taken = new HashSet<>();

        boolean take(String relative) {
            return taken.add(relative.toLowerCase(Locale.ROOT));
        }

        /** {@code dir/name}, or {@code dir/name (2)...} when another file already took it. */
        String free(String dir, String fileName) {
            int dot = fileName.lastIndexOf('.');
            String stem = dot > 0 ? fileName.substring(0, dot) : fileName, ext = dot > 0 ? fileName.substring(dot) : "";
            String candidate = dir + fileName;
            for (int n = 2; !take(candidate); n++) candidate = dir + stem + " (" + n + ")" + ext;
            return candidate;
        }
    }

    private static String fileName(MediaFile m) {
        String p = m.path().toString();
        return p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
    }

    private static boolean keepsItsPlace(Session s, MediaFile m) {
        String w = m.written().startsWith("midi:") ? m.written().substring(5) : m.written();
        return m.insideProject() && !Path.of(w.replace('\\', '/')).isAbsolute() && !MediaPaths.isWindowsAbsolute(w);
    }

    private static void reaper(Session s, Path partial, Path copy) throws IOException {
        Plan plan = new Plan();
        for (MediaFile m : s.usedMedia()) if (keepsItsPlace(s, m)) plan.take(s.folder().relativize(m.path()).toString());
        for (MediaFile m : s.usedMedia()) {
            if (keepsItsPlace(s, m)) {
                plan.copies.put(m.path(), s.folder().relativize(m.path()).toString());
            } else if (!plan.copies.containsKey(m.path())) {
                String to = plan.free("Media/", fileName(m));
                plan.copies.put(m.path(), to);
                plan.rewrites.put(m.written(), to);
            } else {
                plan.rewrites.put(m.written(), plan.copies.get(m.path()));
            }
        }
        String text = new String(Files.readAllBytes(s.file()), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("(?<=\\n)", -1)) {
            List<String> w = RppTokens.split(line);
            if (w.size() >= 2 && w.get(0).equals("FILE") && plan.rewrites.containsKey(w.get(1))) {
                String indent = line.substring(0, line.indexOf("FILE"));
                String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
                StringBuilder l = new StringBuilder(indent).append("FILE ").append(RppTokens.quoted(plan.rewrites.get(w.get(1))));
                for (String rest : w.subList(2, w.size())) l.append(' ').append(RppTokens.quote(rest));
                out.append(l).append(ending);
            } else {
                out.append(line);
            }
        }
        Files.writeString(copy, out.toString(), StandardCharsets.UTF_8);
        copyMedia(plan, partial);
    }

    private static void ardour(Session s, Path partial, Path copy) throws IOException {
        Document doc = SafeXml.parse(s.file(), s.file().getFileName().toString(), Files.readAllBytes(s.file()));
        String name = doc.getDocumentElement().getAttribute("name");
        Plan plan = new Plan();
        for (MediaFile m : s.usedMedia()) if (keepsItsPlace(s, m)) plan.take(s.folder().relativize(m.path()).toString());
        Map<String, String> sourceNames = new LinkedHashMap<>();
        for (MediaFile m : s.usedMedia()) {
            boolean midi = m.written().startsWith("midi:");
            if (keepsItsPlace(s, m)) {
                plan.copies.put(m.path(), s.folder().relativize(m.path()).toString());
                continue;
            }
            String dir = "interchange/" + name + "/" + (midi ? "midifiles" : "audiofiles") + "/";
            String to = plan.copies.containsKey(m.path()) ? plan.copies.get(m.path()) : plan.free(dir, fileName(m));
            plan.copies.put(m.path(), to);
            sourceNames.put(midi ? m.written().substring(5) : m.written(), to.substring(dir.length()));
        }
        NodeList sources = doc.getElementsByTagName("Source");
        for (int i = 0; i < sources.getLength(); i++) {
            Element e = (Element) sources.item(i);
            String renamed = sourceNames.get(e.getAttribute("name"));
            if (renamed != null) e.setAttribute("name", renamed);
        }
        Files.write(copy, serialise(doc));
        copyMedia(plan, partial);
    }

    private static void dawproject(Session s, Path copy) throws IOException {
        Plan plan = new Plan();
        Map<String, Path> embed = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(s.file().toFile())) {
            for (var e = zip.entries(); e.hasMoreElements(); ) plan.take(e.nextElement().getName());
            for (MediaFile m : s.usedMedia()) {
                if (m.inContainer()) continue;
                String to = plan.copies.containsKey(m.path()) ? plan.copies.get(m.path()) : plan.free("audio/", fileName(m));
                plan.copies.put(m.path(), to);
                plan.rewrites.put(m.written(), to);
                embed.put(to, m.path());
            }
            Document doc;
            try (InputStream in = zip.getInputStream(zip.getEntry("project.xml"))) {
                doc = SafeXml.parse(s.file(), "project.xml", in.readAllBytes());
            }
            NodeList files = doc.getElementsByTagName("File");
            for (int i = 0; i < files.getLength(); i++) {
                Element f = (Element) files.item(i);
                String to = "true".equals(f.getAttribute("external")) ? plan.rewrites.get(f.getAttribute("path")) : null;
                if (to != null) {
                    f.setAttribute("path", to);
                    f.removeAttribute("external");
                }
            }
            try (OutputStream out = Files.newOutputStream(copy); ZipOutputStream z = new ZipOutputStream(out)) {
                for (var e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    z.putNextEntry(new ZipEntry(entry.getName()));
                    if (entry.getName().equals("project.xml")) z.write(serialise(doc));
                    else try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(z);
                    }
                    z.closeEntry();
                }
                for (Map.Entry<String, Path> e : embed.entrySet()) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    Files.copy(e.getValue(), z);
                    z.closeEntry();
                }
            }
        }
    }

    private static void copyMedia(Plan plan, Path partial) throws IOException {
        for (Map.Entry<Path, String> c : plan.copies.entrySet()) {
            Path to = partial.resolve(c.getValue()).normalize();
            if (!to.startsWith(partial)) throw new ArchiveException(c.getKey() + " would land outside the archive");
            Files.createDirectories(to.getParent());
            Files.copy(c.getKey(), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static byte[] serialise(Document doc) throws IOException {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            doc.setXmlStandalone(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IOException("cannot write the session's XML: " + e.getMessage(), e);
        }
    }

    /** MANIFEST.sha256 over every file in the archive, in sha256sum's format (check with `sha256sum -c MANIFEST.sha256`). */
    private static int manifest(Path folder, long[] bytes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> folder.relativize(p).toString())).toList();
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            sb.append(sha256(f)).append("  ").append(folder.relativize(f).toString().replace('\\', '/')).append('\n');
            bytes[0] += Files.size(f);
        }
        Files.writeString(folder.resolve(MANIFEST), sb.toString(), StandardCharsets.UTF_8);
        return files.size() + 1;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // what cannot be removed stays as DEST.partial, which the next archive refuses to reuse
        }
    }

    /** An archive that cannot be made, with the reason in one line. */
    public static final class ArchiveException extends IOException {
        public ArchiveException(String message) {
            super(message);
        }
    }
}

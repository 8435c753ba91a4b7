package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.library.Library;
import dev.signoff.server.library.ResumableUploads;
import dev.signoff.server.library.VersionImporter;
import dev.signoff.server.store.DiskFull;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.UploadStore.Upload;
import dev.signoff.server.store.VersionStore.Version;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uploading versions: one request with the raw bytes (scripts, small files), or a resumable
 * upload in chunks (the project page; large files over shaky connections). Both end in
 * {@link VersionImporter}: nothing becomes a version before it is complete and proven to be audio.
 */
public final class UploadRoutes implements RouteGroup {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");
    private static final Pattern UPLOAD_CHECKSUM = Pattern.compile("sha256 ([A-Za-z0-9+/=]{1,64})");
    /** tus's status for a chunk whose checksum does not match its bytes. */
    static final int CHECKSUM_MISMATCH = 460;
    static final int MAX_FILE_NAME = 200;
    static final int MAX_LABEL = 200;
    static final long DRAIN_LIMIT = 32L << 20;

    private final ServerContext ctx;
    private final Library library;

    public UploadRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
    }

    @Override public void register(JavalinConfig config) {
        config.routes.put("/api/projects/{id}/versions", this::single);
        config.routes.post("/api/projects/{id}/uploads", this::start);
        config.routes.get("/api/uploads/{id}", this::status);
        config.routes.put("/api/uploads/{id}", this::chunk);
        config.routes.delete("/api/uploads/{id}", this::cancel);
    }

    /** PUT /api/projects/{id}/versions?name=mix.wav[&label=...] with the file as the body. */
    private void single(Context c) throws IOException {
        ctx.guards().owner(c);
        long limit = ctx.config().maxUploadBytes();
        long declared = c.req().getContentLengthLong();
        Path staged = library.importer().stagingFile();
        try (InputStream body = c.bodyInputStream()) {
            try {
                Project p = library.projects().require(c.pathParam("id"));
                String name = fileName(c.queryParam("name"), "name");
                String label = label(c.queryParam("label"));
                if (declared > limit) throw tooLarge(name, declared);
                String sha;
                try {
                    sha = VersionImporter.copyHashing(body, staged, limit);
                } catch (VersionImporter.TooLarge e) {
                    throw tooLarge(name, -1);
                }
                if (Files.size(staged) == 0) throw Problem.badRequest(name + ": the request has no body; send the file's bytes");
                Version v = importOrRefuse(() -> library.importer().importStaged(p.id(), staged, name, label, sha));
                c.status(201).json(LibraryJson.uploaded(v, approved(v)));
            } catch (IOException e) {
                throw refusedForFullDisk(e, body);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Reads (and drops) up to {@link #DRAIN_LIMIT} more bytes of a refused body, so that a client
     * still sending gets the refusal instead of a broken connection; past that the connection closes.
     */
    static void drain(InputStream body) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] buf = new byte[1 << 16];
        int n;
        while (left > 0 && (n = body.read(buf, 0, (int) Math.min(buf.length, left))) > 0) left -= n;
    }

    /** POST /api/projects/{id}/uploads {file_name, size_bytes, label}: a resumable upload begins. */
    private void start(Context c) throws IOException {
        ctx.guards().owner(c);
        Project p = library.projects().require(c.pathParam("id"));
        JsonBody body = JsonBody.of(c, ctx.json());
        String name = fileName(body.optionalText("file_name", 10_000), "file_name");
        Double size = body.number("size_bytes");
        if (size == null || size != Math.floor(size) || size < 1) throw Problem.badRequest("'size_bytes' must be the file's size in bytes (1 or more)");
        if (size > ctx.config().maxUploadBytes()) throw tooLarge(name, size.longValue());
        Upload u = library.resumable().start(p.id(), name, size.longValue(), label(body.optionalText("label", 10_000)));
        c.status(201).json(LibraryJson.upload(u, null));
    }

    private void status(Context c) {
        ctx.guards().owner(c);
        Upload u = upload(c.pathParam("id"));
        Version v = u.versionId() == null ? null : library.versions().find(u.versionId()).orElse(null);
        c.header("Cache-Control", "no-store").json(LibraryJson.upload(u, v));
    }

    /** PUT /api/uploads/{id} with Content-Range: bytes a-b/total and those bytes as the body. */
    private void chunk(Context c) throws IOException {
        ctx.guards().owner(c);
        try (InputStream body = c.bodyInputStream()) {
            receiveChunk(c, body);
        }
    }

    private void receiveChunk(Context c, InputStream body) throws IOException {
        Upload u = upload(c.pathParam("id"));
        String range = c.header("Content-Range");
        if (range == null) throw Problem.badRequest("a chunk needs a Content-Range header: bytes FIRST-LAST/TOTAL");
        Matcher m = CONTENT_RANGE.matcher(range.trim());
        if (!m.matches()) throw Problem.badRequest("Content-Range must read bytes FIRST-LAST/TOTAL, not '" + range + "'");
        long first = Long.parseLong(m.group(1)), last = Long.parseLong(m.group(2)), total = Long.parseLong(m.group(3));
        if (total != u.sizeBytes()) throw Problem.badRequest("this upload is " + u.sizeBytes() + " bytes, not " + total);
        if (last < first || last >= total) throw Problem.badRequest("Content-Range " + first + "-" + last + " does not fit a " + total + "-byte file");
        long length = last - first + 1;
        if (length > ResumableUploads.MAX_CHUNK) throw Problem.tooLarge("chunks may be at most " + (ResumableUploads.MAX_CHUNK >> 20) + " MB");
        long declared = c.req().getContentLengthLong();
        if (declared >= 0 && declared != length)
            throw Problem.badRequest("Content-Length " + declared + " does not match Content-Range (" + length + " bytes)");
        byte[] sha256 = checksum(c.header("Upload-Checksum"));
        try {
            ResumableUploads.Progress progress;
            try {
                progress = library.resumable().receive(u, first, last, body, sha256);
            } catch (IOException e) {
                throw refusedForFullDisk(e, body);
            }
            c.json(LibraryJson.upload(progress.upload(), progress.version(), approved(progress.version())));
        } catch (VersionImporter.Refused e) {
            throw refusal(e);
        } catch (ResumableUploads.WrongOffset e) {
            drain(body);
            c.status(409).json(resumeFrom(e.getMessage(), e.receivedBytes()));
        } catch (ResumableUploads.Busy e) {
            drain(body);
            c.status(409).json(resumeFrom(e.getMessage(), e.receivedBytes()));
        } catch (ResumableUploads.ChecksumMismatch e) {
            throw new Problem(CHECKSUM_MISMATCH, e.getMessage());
        } catch (NoSuchFileException | ResumableUploads.IncompleteChunk e) {
            throw Problem.conflict(e instanceof NoSuchFileException n ? n.getFile() : e.getMessage());
        }
    }

    /** 507 for a write the full disk refused (the rest of the body read first, as for any refusal); other failures as they are. */
    static IOException refusedForFullDisk(IOException e, InputStream body) throws IOException {
        if (!DiskFull.causedBy(e)) return e;
        drain(body);
        throw Problem.diskFull();
    }

    private static Map<String, Object> resumeFrom(String error, long receivedBytes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("received_bytes", receivedBytes);
        return out;
    }

    /** The chunk's SHA-256 from {@code Upload-Checksum: sha256 BASE64} (as tus sends it), or null without the header. */
    static byte[] checksum(String header) {
        if (header == null) return null;
        Matcher m = UPLOAD_CHECKSUM.matcher(header.trim());
        byte[] sha = null;
        if (m.matches()) {
            try {
                sha = Base64.getDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                sha = null;
            }
        }
        if (sha == null || sha.length != 32) throw Problem.badRequest("Upload-Checksum must read sha256 BASE64 (the chunk's SHA-256)");
        return sha;
    }

    private void cancel(Context c) throws IOException {
        ctx.guards().owner(c);
        library.resumable().cancel(upload(c.pathParam("id")));
        c.status(204);
    }

    private interface Import<T> {
        T run() throws IOException, VersionImporter.Refused;
    }

    /** Refused files: 409 for a duplicate of an existing version, 415 for anything that is not whole audio. */
    private static <T> T importOrRefuse(Import<T> work) throws IOException {
        try {
            return work.run();
        } catch (VersionImporter.Refused e) {
            throw refusal(e);
        }
    }

    private static Problem refusal(VersionImporter.Refused e) {
        return e.duplicate() ? Problem.conflict(e.getMessage()) : Problem.unsupported(e.getMessage());
    }

    private Problem tooLarge(String name, long size) {
        long mb = ctx.config().maxUploadBytes() >> 20;
        return Problem.tooLarge(name + (size > 0 ? " is " + (size >> 20) + " MB; " : " is too large; ")
                + "this server accepts files up to " + mb + " MB (serve --max-upload-mb)");
    }

    /** The client's file name, for display only: its last path segment, without control characters. */
    static String fileName(String raw, String field) {
        if (raw == null || raw.isBlank()) throw Problem.badRequest("'" + field + "' (the file's name) is required");
        String name = raw.replaceAll("\\p{Cntrl}", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) throw Problem.badRequest("'" + field + "' is not a file name");
        if (name.length() > MAX_FILE_NAME) throw Problem.badRequest("'" + field + "' is longer than " + MAX_FILE_NAME + " characters");
        return name;
    }

    static String label(String raw) {
        if (raw == null) return "";
        String label = raw.replaceAll("\\p{Cntrl}", " ").strip();
        if (label.length() > MAX_LABEL) throw Problem.badRequest("'label' is longer than " + MAX_LABEL + " characters");
        return label;
    }


    /** The project's approved version, for a version uploaded after it. */
    private Version approved(Version uploaded) {
        if (uploaded == null) return null;
        String finalId = library.projects().require(uploaded.projectId()).finalVersionId();
        return finalId == null ? null : library.versions().find(finalId).orElse(null);
    }

    private Upload upload(String id) {
        return library.uploads().find(id).orElseThrow(() -> Problem.notFound("no such upload (it was cancelled, or cleaned up after a day unused)"));
    }
}

package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.Guards.ShareGrant;
import dev.signoff.server.storage.AudioFormat;
import dev.signoff.server.library.Library;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.storage.StorageUnavailable;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.VersionStore.Version;
import dev.signoff.server.waveform.PeaksFile;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A version's audio and waveform, for the owner and for share links. Audio is streamed with HTTP
 * range requests (206), so players start at once and seek anywhere without downloading the whole
 * file. A share link may fetch only versions of its own project (404 for any other). It streams the
 * version's listening preview; only a link that allows downloads may have the original, as a stream
 * ({@code ?quality=original}) or an attachment ({@code ?download=1}), and only such a link falls back
 * to the original while a version has no preview. A listen-only link then gets a 503 that says why,
 * never the original. The owner streams the original unless asking for {@code ?quality=preview}.
 */
public final class AudioRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final Library library;
    private final StreamedVersions streamed;

    public AudioRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
        this.streamed = new StreamedVersions(library.storage(), library.versions(), ctx.caches());
    }

    /** The listening fast path in front of the framework, sharing this route's memory of versions. */
    public ListeningFastPath fastPath(ShareTokenThrottle throttle) {
        return new ListeningFastPath(ctx, streamed, throttle);
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/versions/{id}/audio", this::ownerAudio);
        config.routes.head("/api/versions/{id}/audio", this::ownerAudio);
        config.routes.get("/s/{token}/api/versions/{id}/audio", this::sharedAudio);
        config.routes.head("/s/{token}/api/versions/{id}/audio", this::sharedAudio);
        config.routes.get("/api/versions/{id}/waveform", c -> waveform(c, owned(c)));
        config.routes.get("/s/{token}/api/versions/{id}/waveform", c -> waveform(c, shared(c, ctx.guards().share(c))));
    }

    private Version owned(Context c) {
        ctx.guards().owner(c);
        return streamed.version(c.pathParam("id")).orElseThrow(() -> Problem.notFound("no such version"));
    }

    /** Only a version of the link's own project; any other id is as unknown as a made-up one. */
    private Version shared(Context c, ShareGrant grant) {
        return streamed.version(c.pathParam("id")).filter(v -> v.projectId().equals(grant.projectId()))
                .orElseThrow(() -> Problem.notFound("no such version"));
    }

    private void ownerAudio(Context c) throws IOException {
        Version v = owned(c);
        boolean download = c.queryParam("download") != null;
        boolean preview = "preview".equals(quality(c)) && !download;
        audio(c, v, preview ? streamed.preview(v).orElseThrow(() -> noPreview(v, "")) : streamed.original(v), download);
    }

    private void sharedAudio(Context c) throws IOException {
        ShareGrant grant = ctx.guards().share(c);
        Version v = shared(c, grant);
        boolean mayHaveOriginal = grant.link().canDownload();
        boolean download = c.queryParam("download") != null;
        boolean original = download || "original".equals(quality(c));
        if (original && !mayHaveOriginal) throw Problem.forbidden(download ? "this link does not allow downloads"
                : "this link is for listening only: it streams a listening preview, not the original file");
        StreamedVersions.Rendition r = original ? streamed.original(v)
                : streamed.preview(v).orElseGet(() -> {
                    if (mayHaveOriginal) return streamed.original(v);
                    if (v.previewError() == null) c.header("Retry-After", "5");
                    throw noPreview(v, "; this link streams only previews, so it cannot play v" + v.number());
                });
        audio(c, v, r, download);
    }

    private static String quality(Context c) {
        String q = c.queryParam("quality");
        if (q != null && !q.equals("preview") && !q.equals("original")) throw Problem.badRequest("quality must be preview or original");
        return q;
    }

    /** 503: the preview is still being made (the page tries again), or why there is none and {@code soWhat}. */
    private static Problem noPreview(Version v, String soWhat) {
        return new Problem(503, v.previewError() == null
                ? "the listening preview of v" + v.number() + " is still being made; try again in a few seconds"
                : "v" + v.number() + " has no listening preview: " + v.previewError() + soWhat);
    }

    private void audio(Context c, Version v, StreamedVersions.Rendition r, boolean download) throws IOException {
        long size = streamed.size(r);
        AudioAnswer answer = AudioAnswer.decide(c.header("If-None-Match"), c.header("If-Range"), c.header("Range"), size, r.etag(), download);
        HttpServletResponse res = c.res();
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", r.etag());
        res.setHeader("Cache-Control", "private, max-age=86400");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setContentType(r.contentType());
        if (download) res.setHeader("Content-Disposition", attachment(v));
        res.setStatus(answer.status());
        if (answer.contentRange() != null) res.setHeader("Content-Range", answer.contentRange());
        if (answer.range() == null) return;
        res.setContentLengthLong(answer.range().length());
        if (c.method().name().equals("HEAD") || answer.range().length() == 0) return;
        try {
            HttpOutput out = (HttpOutput) res.getOutputStream();
            streamed.transfer(r, answer.range(), out::write);
            out.close();
        } catch (IOException e) {
            // Usually the player moved on (seek, pause, page closed) before the range was sent: nothing to do.
            // A store that stopped answering before any byte went out gets its 503 instead of a cut-off 206.
            if (!StorageUnavailable.causedBy(e) || res.isCommitted()) return;
            res.setContentLengthLong(-1);
            for (String header : new String[]{"Content-Range", "ETag", "Cache-Control", "Content-Disposition", "Accept-Ranges"}) res.setHeader(header, null);
            throw e;
        }
    }

    /** attachment; filename="Song v3.wav" (ASCII fallback) and filename*= with the UTF-8 name. */
    private String attachment(Version v) {
        Project p = library.projects().find(v.projectId()).orElseThrow();
        String name = p.name() + " v" + v.number() + (v.label().isEmpty() ? "" : " " + v.label()) + "." + AudioFormat.ofId(v.format()).extension();
        String ascii = name.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "'").replace("\\", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * GET .../waveform?zoom=N: the peaks at N frames a point, as audiowaveform-style JSON, or with
     * {@code format=dat} (or Accept: application/octet-stream) as an audiowaveform .dat file.
     */
    private void waveform(Context c, Version v) throws IOException {
        if (v.waveformPath() == null) throw Problem.notFound("the waveform of v" + v.number() + " is not ready yet");
        PeaksFile peaks;
        try (MediaStorage.LocalCopy file = library.storage().local(v.waveformPath())) {
            peaks = PeaksFile.read(file.path());
        }
        String zoomParam = c.queryParam("zoom");
        String zooms = String.join(", ", peaks.levels().stream().map(l -> String.valueOf(l.samplesPerPoint())).toList());
        PeaksFile.Level level;
        try {
            level = zoomParam == null ? peaks.levels().get(0) : peaks.level(Integer.parseInt(zoomParam));
        } catch (NumberFormatException e) {
            level = null;
        }
        if (level == null) throw Problem.badRequest("zoom must be one of " + zooms + " (frames per point)");
        String accept = c.header("Accept");
        boolean binary = "dat".equals(c.queryParam("format")) || (accept != null && accept.contains("application/octet-stream"));
        String etag = "\"" + v.id() + "-" + level.samplesPerPoint() + (binary ? "-dat" : "-json") + "\"";
        c.header("ETag", etag).header("Cache-Control", "private, max-age=86400").header("Vary", "Accept")
                .header("X-Content-Type-Options", "nosniff");
        if (etag.equals(c.header("If-None-Match"))) {
            c.status(304);
            return;
        }
        if (binary) {
            c.contentType("application/octet-stream").result(peaks.datFile(level));
            return;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", 2);
        o.put("channels", peaks.channels());
        o.put("sample_rate", peaks.sampleRate());
        o.put("samples_per_pixel", level.samplesPerPoint());
        o.put("bits", 8);
        o.put("length", level.points());
        o.put("zooms", peaks.levels().stream().map(PeaksFile.Level::samplesPerPoint).toList());
        byte[] d = level.data();
        int[] data = new int[d.length];
        for (int i = 0; i < d.length; i++) data[i] = d[i];
        o.put("data", data);
        c.json(o);
    }
}

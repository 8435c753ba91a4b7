package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.ClientAddress;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.store.SessionStore.Session;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.store.VersionStore.Version;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hot path of listening: a share link's range requests on a version's audio, answered by a Jetty
 * handler in front of the web framework when every check is already answered in memory: the link
 * (usable now), its share session, the client address's standing against token guessing, and the
 * version (of the link's project) and its listening preview, which is all a share link streams without
 * a query string. Anything else (no session yet, a password to unlock, a download, a query string, no
 * preview yet, a refusal to explain) goes on to {@link AudioRoutes} through the framework, which
 * makes the same decisions and fills those memories. The answer is the same either way (tested); the
 * fast path only skips the framework's per-request work, which dominates a 64 KiB range request.
 */
public final class ListeningFastPath extends Handler.Wrapper {
    private static final Pattern AUDIO = Pattern.compile("^/s/([A-Za-z0-9_-]{22})/api/versions/([A-Za-z0-9_-]{1,64})/audio$");
    private final ServerContext ctx;
    private final StreamedVersions streamed;
    private final ShareTokenThrottle throttle;

    ListeningFastPath(ServerContext ctx, StreamedVersions streamed, ShareTokenThrottle throttle) {
        this.ctx = ctx;
        this.streamed = streamed;
        this.throttle = throttle;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if ((method.equals("GET") || method.equals("HEAD")) && request.getHttpURI().getQuery() == null && streamed.mapped()) {
            Matcher m = AUDIO.matcher(request.getHttpURI().getPath());
            if (m.matches()) {
                Version v = cleared(request, m.group(1), m.group(2));
                if (v != null) {
                    serve(request, response, callback, v, method.equals("HEAD"));
                    return true;
                }
            }
        }
        return super.handle(request, response, callback);
    }

    /** The version, if every check passes from memory or a single lookup; null sends the request the normal way. */
    private Version cleared(Request request, String token, String versionId) {
        String cookie = null;
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(Guards.SHARE_COOKIE)) { cookie = c.getValue(); break; }
        }
        if (cookie == null) return null;
        ShareLink link = ctx.links().findByToken(token).filter(l -> l.usableAt(ctx.clock().millis())).orElse(null);
        if (link == null) return null;
        Session session = ctx.sessions().find(cookie).orElse(null);
        if (session == null || !link.id().equals(session.linkId())) return null;
        String address = ClientAddress.of(Request.getRemoteAddr(request), request.getHeaders().get("X-Forwarded-For"), ctx.config().trustProxy());
        if (!throttle.knownClear(address)) return null;
        return streamed.version(versionId).filter(v -> v.projectId().equals(link.projectId()) && v.previewPath() != null).orElse(null);
    }

    private void serve(Request request, Response response, Callback callback, Version v, boolean head) throws Exception {
        HttpFields headers = request.getHeaders();
        StreamedVersions.Rendition preview = streamed.preview(v).orElseThrow();
        long size = streamed.size(preview);
        String etag = preview.etag();
        AudioAnswer answer = AudioAnswer.decide(headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_RANGE),
                headers.get(HttpHeader.RANGE), size, etag, false);
        HttpFields.Mutable out = response.getHeaders();
        // What SecurityHeaders and AudioRoutes set on the framework's path.
        out.put("X-Content-Type-Options", "nosniff");
        out.put("X-Frame-Options", "DENY");
        out.put("Referrer-Policy", "no-referrer");
        out.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        out.put(HttpHeader.ACCEPT_RANGES, "bytes");
        out.put(HttpHeader.ETAG, etag);
        out.put(HttpHeader.CACHE_CONTROL, "private, max-age=86400");
        out.put(HttpHeader.CONTENT_TYPE, preview.contentType());
        response.setStatus(answer.status());
        if (answer.contentRange() != null) out.put(HttpHeader.CONTENT_RANGE, answer.contentRange());
        if (answer.range() == null) {
            out.put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return;
        }
        out.put(HttpHeader.CONTENT_LENGTH, answer.range().length());
        if (head || answer.range().length() == 0) {
            response.write(true, null, callback);
            return;
        }
        write(response, streamed.slices(preview, answer.range()), 0, callback);
    }

    /** Writes the slices in order, the last one completing the response. */
    private static void write(Response response, ByteBuffer[] slices, int i, Callback done) {
        boolean last = i == slices.length - 1;
        response.write(last, slices[i], last ? done : Callback.from(() -> write(response, slices, i + 1, done), done::failed));
    }
}

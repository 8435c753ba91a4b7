package dev.signoff.server.http;

import dev.signoff.server.store.VersionStore.Version;

/**
 * What to answer a request for a version's audio, from its conditional and Range headers: 304 when
 * the browser holds this very file, 416 for a range past the end, 206 with the range, or 200 with
 * the whole file. The same decision for the framework's route and the listening fast path.
 *
 * @param status       HTTP status
 * @param range        the bytes to send (null for 304 and 416)
 * @param contentRange the Content-Range header (null when none is due)
 */
record AudioAnswer(int status, ByteRange range, String contentRange) {
    /**
     * Largest answer to an open-ended range ("bytes=N-", what media elements send): a few seconds
     * to minutes of audio, so a paused player does not pin a server thread to a stalled socket;
     * players ask for the next range when they need it. Downloads get the whole rest.
     */
    static final long OPEN_RANGE_CAP = 4L << 20;

    static AudioAnswer decide(String ifNoneMatch, String ifRange, String rangeHeader, long size, String etag, boolean download) {
        if (etag.equals(ifNoneMatch)) return new AudioAnswer(304, null, null);
        ByteRange.Request request = ifRange != null && !ifRange.equals(etag) ? new ByteRange.Whole() : ByteRange.parse(rangeHeader, size);
        if (request instanceof ByteRange.Unsatisfiable) return new AudioAnswer(416, null, "bytes */" + size);
        if (request instanceof ByteRange.Partial p) {
            ByteRange r = p.openEnded() && p.range().length() > OPEN_RANGE_CAP && !download
                    ? new ByteRange(p.range().first(), p.range().first() + OPEN_RANGE_CAP - 1) : p.range();
            return new AudioAnswer(206, r, "bytes " + r.first() + "-" + r.last() + "/" + size);
        }
        return new AudioAnswer(200, new ByteRange(0, size - 1), null);
    }

    /** A strong validator: stored versions never change, and the hash names their bytes. */
    static String etag(Version v) {
        return "\"" + v.sha256().substring(0, 32) + "\"";
    }
}

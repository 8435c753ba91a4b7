package dev.signoff.server.http;

import dev.signoff.server.storage.AudioFormat;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.ProjectStore.Summary;
import dev.signoff.server.store.UploadStore.Upload;
import dev.signoff.server.store.VersionStore.Version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the library API (documented in docs/server-api-library.md). */
public final class LibraryJson {
    private LibraryJson() {}

    public static Map<String, Object> version(Version v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", v.id());
        o.put("number", v.number());
        o.put("label", v.label());
        o.put("file_name", v.fileName());
        o.put("format", v.format());
        o.put("size_bytes", v.sizeBytes());
        o.put("duration_s", Math.round(v.durationS() * 1000) / 1000.0);
        o.put("sample_rate", v.sampleRate());
        o.put("channels", v.channels());
        o.put("status", v.status().id());
        o.put("integrated_lufs", round2(v.integratedLufs()));
        o.put("true_peak_dbtp", round2(v.truePeakDbtp()));
        o.put("problems", v.problems());
        o.put("warnings", v.warnings());
        o.put("notes", v.notes());
        o.put("waveform", v.waveformPath() != null);
        o.put("locked", v.locked());
        o.put("created_at", v.createdAt());
        o.put("error", v.error());
        o.put("analysis_note", v.analysisNote());
        o.put("preview", v.previewPath() == null ? null : Map.of("content_type", PreviewEncoder.CONTENT_TYPE,
                "bitrate_kbps", PreviewEncoder.BITRATE_KBPS, "size_bytes", v.previewBytes()));
        o.put("preview_error", v.previewError());
        return o;
    }

    /**
     * A listener's version: what the page streams ({@code stream}: the preview, or the original on a
     * link that allows downloads while there is no preview; null while a listen-only link has nothing
     * to play) and the original, only where the link allows it.
     */
    static Map<String, Object> sharedVersion(Version v, String api, boolean mayHaveOriginal) {
        Map<String, Object> o = version(v);
        String audio = api + "/versions/" + v.id() + "/audio";
        String originalType = AudioFormat.ofId(v.format()).contentType();
        Map<String, Object> stream = null;
        if (v.previewPath() != null) stream = Map.of("url", audio, "content_type", PreviewEncoder.CONTENT_TYPE, "quality", "preview");
        else if (mayHaveOriginal) stream = Map.of("url", audio, "content_type", originalType, "quality", "original");
        o.put("stream", stream);
        o.put("original", mayHaveOriginal ? Map.of("url", audio + "?quality=original", "download_url", audio + "?download=1",
                "content_type", originalType, "size_bytes", v.sizeBytes()) : null);
        return o;
    }

    /** The owner's view: every version, whatever its state. */
    public static Map<String, Object> project(Project p, List<Version> versions) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", p.id());
        o.put("name", p.name());
        o.put("artist", p.artist());
        o.put("rounds_agreed", p.roundsAgreed());
        o.put("final_version_id", p.finalVersionId());
        o.put("revision", p.revision());
        o.put("created_at", p.createdAt());
        o.put("versions", versions.stream().map(LibraryJson::version).toList());
        Version approved = versions.stream().filter(v -> v.id().equals(p.finalVersionId())).findFirst().orElse(null);
        o.put("approval_notice", versions.isEmpty() ? null : approvalNotice(approved, versions.get(versions.size() - 1)));
        return o;
    }

    /** A version just uploaded, with what it means when a version is already approved ({@link #approvalNotice}). */
    public static Map<String, Object> uploaded(Version v, Version approved) {
        Map<String, Object> o = version(v);
        o.put("approval_notice", approvalNotice(approved, v));
        return o;
    }

    /**
     * What a version newer than the approved one means, or null: the approval stands (sign-off is
     * the client's word on that version), and feedback on the new one opens with a reopen.
     */
    static String approvalNotice(Version approved, Version newer) {
        if (approved == null || newer.number() <= approved.number()) return null;
        return "v" + approved.number() + " stays approved as the final mix; v" + newer.number() + " is not part of that approval. "
                + "To collect feedback on v" + newer.number() + " as a new round, reopen the project (the approval stays in its history)";
    }

    /**
     * A listener's view through the link whose API is at {@code api} (/s/TOKEN/api): only versions
     * that can be played with their waveform.
     */
    public static Map<String, Object> sharedProject(Project p, List<Version> versions, String api, boolean mayHaveOriginal) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", p.id());
        o.put("name", p.name());
        o.put("artist", p.artist());
        o.put("final_version_id", p.finalVersionId());
        o.put("revision", p.revision());
        o.put("can_download", mayHaveOriginal);
        o.put("versions", versions.stream().filter(Version::listenable).map(v -> sharedVersion(v, api, mayHaveOriginal)).toList());
        return o;
    }

    public static Map<String, Object> summary(Summary s) {
        Map<String, Object> o = new LinkedHashMap<>();
        Project p = s.project();
        o.put("id", p.id());
        o.put("name", p.name());
        o.put("artist", p.artist());
        o.put("rounds_agreed", p.roundsAgreed());
        o.put("rounds_used", s.roundsUsed());
        o.put("final_version_id", p.finalVersionId());
        o.put("revision", p.revision());
        o.put("updated_at", p.updatedAt());
        o.put("version_count", s.versionCount());
        o.put("comment_count", s.commentCount());
        o.put("latest_version", s.latest() == null ? null : version(s.latest()));
        return o;
    }

    public static Map<String, Object> upload(Upload u, Version v) {
        return upload(u, v, null);
    }

    /** An upload; once complete, its version as {@link #uploaded} says it. */
    public static Map<String, Object> upload(Upload u, Version v, Version approved) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", u.id());
        o.put("file_name", u.fileName());
        o.put("size_bytes", u.sizeBytes());
        o.put("received_bytes", u.receivedBytes());
        o.put("label", u.label());
        o.put("complete", u.complete());
        o.put("version", v == null ? null : uploaded(v, approved));
        return o;
    }

    private static Double round2(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }
}

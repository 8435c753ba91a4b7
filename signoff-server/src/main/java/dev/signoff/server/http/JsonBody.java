package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;

/** A request's JSON body, read with clear 400s for what is missing or malformed. */
public final class JsonBody {
    private static final int MAX_BODY = 64 * 1024;
    private final JsonNode node;

    private JsonBody(JsonNode node) { this.node = node; }

    public static JsonBody of(Context ctx, ObjectMapper json) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) throw Problem.tooLarge("request body over 64 KB");
        if (bytes.length == 0) return new JsonBody(json.createObjectNode());
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) throw Problem.badRequest("the body must be a JSON object");
            return new JsonBody(node);
        } catch (IOException e) {
            throw Problem.badRequest("the body is not valid JSON");
        }
    }

    /** A required text field, trimmed, 1 to {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        String v = optionalText(field, maxLength);
        if (v == null || v.isEmpty()) throw Problem.badRequest("'" + field + "' is required");
        return v;
    }

    /** An optional text field, trimmed; null when absent. */
    public String optionalText(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw Problem.badRequest("'" + field + "' must be text");
        String s = v.asText().strip();
        if (s.length() > maxLength) throw Problem.badRequest("'" + field + "' is longer than " + maxLength + " characters");
        return s;
    }

    public boolean flag(String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw Problem.badRequest("'" + field + "' must be true or false");
        return v.booleanValue();
    }

    /** An optional finite number; null when absent. */
    public Double number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) throw Problem.badRequest("'" + field + "' must be a number");
        return v.doubleValue();
    }

    public JsonNode raw() { return node; }
}

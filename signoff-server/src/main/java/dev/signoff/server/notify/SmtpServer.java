package dev.signoff.server.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The mail server notifications go through, from {@code --smtp}: {@code smtp://user:pass@host:port}
 * (STARTTLS whenever the server offers it; port 587 by default) or {@code smtps://...} (TLS from the
 * first byte; port 465 by default). User and password are optional and percent-decoded, so a password
 * with '@' or ':' is written %40 or %3A.
 */
public record SmtpServer(String host, int port, boolean tls, String user, String password) {

    public static SmtpServer parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--smtp is not a URL like smtp://user:password@mail.example.com:587");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = switch (scheme) {
            case "smtp" -> false;
            case "smtps" -> true;
            default -> throw new IllegalArgumentException("--smtp must start with smtp:// or smtps://");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty())
            throw new IllegalArgumentException("--smtp names no mail server host, e.g. smtp://user:password@mail.example.com:587");
        String user = null, password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587;
        return new SmtpServer(uri.getHost(), port, tls, user, password);
    }

    /** Where mail goes, without the password: fit for a terminal or a log. */
    @Override public String toString() {
        return (tls ? "smtps://" : "smtp://") + (user == null ? "" : user.replace("%", "%25").replace("@", "%40").replace(":", "%3A") + "@") + host + ":" + port;
    }
}

package dev.signoff.server;

import dev.signoff.server.notify.MailSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * How a review server runs.
 *
 * @param dataDir        audio, waveforms and (SQLite mode) the database
 * @param databaseUrl    a jdbc:postgresql:// URL, or null for SQLite in the data directory
 * @param host           address to listen on (0.0.0.0: reachable from a phone on the LAN)
 * @param port           0 picks a free port
 * @param maxUploadBytes largest accepted upload
 * @param analysisWorkers background analysis threads in this instance (0: this instance only serves)
 * @param trustProxy     behind a reverse proxy: take the client's address from X-Forwarded-For
 *                       (auth.ClientAddress), and the scheme from X-Forwarded-Proto
 * @param publicUrl      the address clients open (https://mixes.example.com), which share links and
 *                       their messages use; null: the address the owner's browser reached. Scheme and
 *                       host (and port) only, stored without a trailing slash
 * @param allowedHosts   names besides IP addresses, localhost and the public URL's host that requests
 *                       may give as their Host (e.g. behind a proxy); others are refused (http.HostCheck)
 * @param mail           email notifications to the engineer (notify.MailSettings), or null for none
 */
public record ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port,
                           long maxUploadBytes, int analysisWorkers, boolean trustProxy, String publicUrl,
                           List<String> allowedHosts, MailSettings mail) {

    public static final long DEFAULT_MAX_UPLOAD = 2L << 30;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535");
        if (maxUploadBytes <= 0) throw new IllegalArgumentException("the upload limit must be positive");
        if (analysisWorkers < 0) throw new IllegalArgumentException("analysis workers must be 0 or more");
        if (publicUrl != null) publicUrl = publicOrigin(publicUrl);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** Behind a proxy or not, with links using the address the owner's browser reached. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers,
                        boolean trustProxy) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, trustProxy, null, List.of(), null);
    }

    /** Sending no email. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers,
                        boolean trustProxy, String publicUrl, List<String> allowedHosts) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, trustProxy, publicUrl, allowedHosts, null);
    }

    /** Sending email, with links using the address the owner's browser reached. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers,
                        boolean trustProxy, MailSettings mail) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, trustProxy, null, List.of(), mail);
    }

    /** Serving clients directly, with no proxy in front. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, false, null, List.of(), null);
    }

    /** {@code url} as scheme://host[:port], or a one-line reason it cannot be the address clients open. */
    public static String publicOrigin(String url) {
        String problem = "--public-url must be an http:// or https:// address with no path or query, such as https://mixes.example.com (got '"
                + url + "')";
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean noPath = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
                || !noPath || u.getRawQuery() != null || u.getRawFragment() != null)
            throw new IllegalArgumentException(problem);
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}

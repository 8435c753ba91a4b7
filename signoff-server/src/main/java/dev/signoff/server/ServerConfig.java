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

    /**
     * A configuration for {@code dataDir} built from the defaults: SQLite in the data directory, this
     * machine only (127.0.0.1), a free port, {@link #DEFAULT_MAX_UPLOAD}, one analysis worker, no proxy,
     * links using the address the owner's browser reached, no other host names, no email.
     */
    public static Builder builder(DataDirectory dataDir) {
        return new Builder(dataDir);
    }

    /** This configuration with some values to change. */
    public Builder toBuilder() {
        return builder(dataDir).databaseUrl(databaseUrl).host(host).port(port).maxUploadBytes(maxUploadBytes)
                .analysisWorkers(analysisWorkers).trustProxy(trustProxy).publicUrl(publicUrl).allowedHosts(allowedHosts).mail(mail);
    }

    /** Each value as in {@link ServerConfig}; checked when built. */
    public static final class Builder {
        private final DataDirectory dataDir;
        private String databaseUrl;
        private String host = "127.0.0.1";
        private int port;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD;
        private int analysisWorkers = 1;
        private boolean trustProxy;
        private String publicUrl;
        private List<String> allowedHosts = List.of();
        private MailSettings mail;

        private Builder(DataDirectory dataDir) { this.dataDir = dataDir; }

        public Builder databaseUrl(String databaseUrl) { this.databaseUrl = databaseUrl; return this; }
        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder maxUploadBytes(long maxUploadBytes) { this.maxUploadBytes = maxUploadBytes; return this; }
        public Builder analysisWorkers(int analysisWorkers) { this.analysisWorkers = analysisWorkers; return this; }
        public Builder trustProxy(boolean trustProxy) { this.trustProxy = trustProxy; return this; }
        public Builder publicUrl(String publicUrl) { this.publicUrl = publicUrl; return this; }
        public Builder allowedHosts(List<String> allowedHosts) { this.allowedHosts = allowedHosts; return this; }
        public Builder mail(MailSettings mail) { this.mail = mail; return this; }

        public ServerConfig build() {
            return new ServerConfig(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, trustProxy, publicUrl, allowedHosts, mail);
        }
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

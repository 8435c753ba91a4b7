package dev.signoff.server;

import dev.signoff.server.notify.MailSettings;

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
 * @param mail           email notifications to the engineer (notify.MailSettings), or null for none
 */
public record ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port,
                           long maxUploadBytes, int analysisWorkers, boolean trustProxy, MailSettings mail) {

    public static final long DEFAULT_MAX_UPLOAD = 2L << 30;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535");
        if (maxUploadBytes <= 0) throw new IllegalArgumentException("the upload limit must be positive");
        if (analysisWorkers < 0) throw new IllegalArgumentException("analysis workers must be 0 or more");
    }

    /** Sending no email. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers, boolean trustProxy) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, trustProxy, null);
    }

    /** Serving clients directly, with no proxy in front. */
    public ServerConfig(DataDirectory dataDir, String databaseUrl, String host, int port, long maxUploadBytes, int analysisWorkers) {
        this(dataDir, databaseUrl, host, port, maxUploadBytes, analysisWorkers, false);
    }
}

package dev.signoff.server;

/**
 * A background service that lives as long as the server (analysis workers, watchers, the mail
 * sender...). Its own type, so the parts that provide one need not know the server that runs them.
 */
public interface BackgroundService extends AutoCloseable {
    void start();
    @Override void close();
}

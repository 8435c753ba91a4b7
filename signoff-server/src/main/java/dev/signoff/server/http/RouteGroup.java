package dev.signoff.server.http;

import io.javalin.config.JavalinConfig;

/** One area of the server's HTTP interface (auth, library, sharing, feedback...), registered at start. */
public interface RouteGroup {
    void register(JavalinConfig config);
}

package dev.signoff.server.http;

import dev.signoff.server.ServerConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses, before anything else runs, a request whose Host the server does not answer to. A
 * DNS-rebinding page (an attacker's name that first resolves to their site, then to this machine)
 * reaches the server from the victim's browser as its own origin, so the Origin check and SameSite
 * cookies do not stop it; its Host header still carries the attacker's name. Allowed: any IP address
 * (a rebinding page can only ever name its own domain), localhost, the address the server is bound
 * to, and the names given with {@code serve --allowed-host}.
 *
 * <p>The audio fast path (http.ListeningFastPath) runs in front of this check; it only answers a
 * request carrying a share session, and sessions are only handed out past it.
 */
public final class HostCheck implements RouteGroup {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[0-9a-z]+)?]");
    private final Set<String> names;

    public HostCheck(ServerConfig config) {
        List<String> names = new ArrayList<>(List.of("localhost", config.host()));
        // The public URL's host is the name clients are sent to, so it is always answered.
        if (config.publicUrl() != null) names.add(URI.create(config.publicUrl()).getHost());
        names.addAll(config.allowedHosts());
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.before(this::check);
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) throw Problem.badRequest("the request names no Host; send the server's address as its Host header");
        String name = name(host);
        if (!allowed(name))
            throw new Problem(421, "this server does not answer to the name '" + name + "'; open it by its address, or start it with --allowed-host " + name);
    }

    boolean allowed(String name) {
        return IPV4.matcher(name).matches() || IPV6.matcher(name).matches() || names.contains(name);
    }

    /** The Host header's name, lower case, without its port (an IPv6 address keeps its brackets). */
    static String name(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) h = h.substring(0, colon);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}

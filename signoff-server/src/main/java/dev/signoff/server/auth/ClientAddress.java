package dev.signoff.server.auth;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a request comes from, as rate limits count it. By default the socket's peer address: a header
 * is whatever the client chose to send. Behind a reverse proxy ({@code serve --trust-proxy}) every
 * request comes from the proxy, so the last X-Forwarded-For entry (the one the proxy itself added)
 * names the client instead. IPv6 clients are counted per /64 network, since one host can use a whole
 * /64 of addresses.
 */
public final class ClientAddress {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {}

    public static String of(Context ctx, boolean trustProxy) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), trustProxy);
    }

    /** The same from the socket's peer address and the X-Forwarded-For header (null when absent). */
    public static String of(String remoteAddr, String forwarded, boolean trustProxy) {
        if (trustProxy) {
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                if (IP_LITERAL.matcher(last).matches()) return normalise(last);
            }
        }
        return normalise(remoteAddr);
    }

    /** IPv4 as is; IPv6 reduced to its /64 network. Only literals get here, so no name is ever looked up. */
    public static String normalise(String literal) {
        String bare = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = bare.indexOf('%');
        if (zone >= 0) bare = bare.substring(0, zone);
        if (!bare.contains(":") || !IP_LITERAL.matcher(bare).matches()) return bare;
        try {
            byte[] bytes = InetAddress.getByName(bare).getAddress();
            if (bytes.length == 4) return InetAddress.getByAddress(bytes).getHostAddress();
            StringBuilder net = new StringBuilder();
            for (int i = 0; i < 8; i += 2) net.append(String.format("%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            return net.append(":/64").toString();
        } catch (UnknownHostException e) {
            return bare;
        }
    }
}

package dev.signoff.server.listening;

import java.util.Locale;

/**
 * The coarse kind of device a listener uses, read from the User-Agent (which is not kept). iPads
 * since iPadOS 13 say "Macintosh"; the page adds whether the screen takes touch, which tells them apart.
 */
public enum DeviceKind {
    PHONE, TABLET, DESKTOP;

    public static DeviceKind of(String userAgent, boolean touchScreen) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("ipad") || ua.contains("tablet") || (ua.contains("android") && !ua.contains("mobile"))) return TABLET;
        if (ua.contains("iphone") || ua.contains("ipod") || ua.contains("android") || ua.contains("mobi")) return PHONE;
        if (ua.contains("macintosh") && touchScreen) return TABLET;
        return DESKTOP;
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}

package dev.signoff.server.sharing;

import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ProjectTitle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The message the engineer sends with a share link, drafted for them to edit: short, friendly and
 * positive. It invites the client to take their time and to listen on the systems they normally use;
 * a band is asked to compare notes and send one collated list, so the engineer gets one set of
 * requests instead of four conflicting ones. The password never goes in it: it travels separately.
 */
public final class SharingMessage {
    /** Stands for the link's address when the message is drafted before the link exists. */
    public static final String LINK_PLACEHOLDER = "[link]";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    /**
     * @param url       the link's full address, or null for {@link #LINK_PLACEHOLDER}
     * @param expiresAt epoch ms, or null for a link that does not expire
     * @param zone      the engineer's time zone, for the expiry date
     */
    public record Draft(ProjectTitle project, String label, Audience audience, String url, boolean canComment,
                        Long expiresAt, boolean hasPassword, ZoneId zone) {}

    private SharingMessage() {}

    public static String draft(Draft d) {
        boolean band = d.audience() == Audience.BAND;
        StringBuilder m = new StringBuilder();
        m.append("Hi ").append(d.label()).append(",\n\n");
        m.append("The mix of ").append(title(d.project())).append(" is ready for ").append(band ? "you all" : "you")
                .append(" to hear:\n");
        m.append(d.url() == null ? LINK_PLACEHOLDER : d.url()).append("\n\n");
        m.append("No rush: take your time, and listen on the systems you normally use (phone, earbuds, car, "
                + "speakers at home), ideally on more than one day.");
        if (d.canComment())
            m.append(band ? " Each of you can leave notes at any moment in the song, right on the page."
                          : " You can leave a note at any moment in the song, right on the page.");
        m.append("\n\n");
        if (band) m.append("Then compare notes with each other and send me one list you all agree on, so I can work through it in one go.\n\n");
        List<String> practical = new ArrayList<>();
        if (d.expiresAt() != null)
            practical.add("The link works until " + DAY.format(Instant.ofEpochMilli(d.expiresAt()).atZone(d.zone())) + ".");
        if (d.hasPassword()) practical.add("I'll send you the password in a separate message.");
        if (!practical.isEmpty()) m.append(String.join(" ", practical)).append("\n\n");
        m.append(band ? "Looking forward to hearing what you all think!" : "Looking forward to hearing what you think!");
        return m.toString();
    }

    private static String title(ProjectTitle p) {
        String song = "\u201c" + p.name() + "\u201d";
        return p.artist() == null || p.artist().isBlank() ? song : song + " (" + p.artist() + ")";
    }
}

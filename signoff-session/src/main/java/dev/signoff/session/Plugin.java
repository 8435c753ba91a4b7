package dev.signoff.session;

/**
 * A plugin in a track's chain, with the state the session saved: {@code bypassed} (switched off
 * but kept) and {@code offline} (the DAW could not load it, or it was set offline). Vendor and
 * format are empty where the format does not record them.
 */
public record Plugin(String name, String vendor, String format, boolean bypassed, boolean offline) {

    public Plugin {
        name = name == null ? "" : name;
        vendor = vendor == null ? "" : vendor;
        format = format == null ? "" : format;
    }
}

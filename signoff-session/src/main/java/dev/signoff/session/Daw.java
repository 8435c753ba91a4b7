package dev.signoff.session;

/** The DAWs whose session formats are open and documented, by the file they save. */
public enum Daw {
    REAPER("reaper", "REAPER", ".rpp"),
    DAWPROJECT("dawproject", "DAWproject", ".dawproject"),
    ARDOUR("ardour", "Ardour", ".ardour");

    private final String id;
    private final String label;
    private final String extension;

    Daw(String id, String label, String extension) {
        this.id = id;
        this.label = label;
        this.extension = extension;
    }

    /** The name in JSON ("reaper", "dawproject", "ardour"). */
    public String id() { return id; }

    public String label() { return label; }

    public String extension() { return extension; }

    /** The DAW whose session {@code fileName} is, by its extension; null for none of them. */
    public static Daw ofFileName(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        for (Daw d : values()) if (lower.endsWith(d.extension)) return d;
        return null;
    }
}

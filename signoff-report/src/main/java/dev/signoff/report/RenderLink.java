package dev.signoff.report;

/**
 * A rendered file linked from the report: a device render, a codec's decode or its residual.
 *
 * @param href the link (relative to the report where it is written to a file, else a file URL)
 * @param lufs the file's integrated loudness, to match it to the mix when switching between them
 *             (not finite when it could not be measured: the player then plays both at their own level)
 */
public record RenderLink(String href, double lufs) {}

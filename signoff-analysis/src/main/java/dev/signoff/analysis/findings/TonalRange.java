package dev.signoff.analysis.findings;

/** PLACEHOLDER: to be written. */
public final class TonalRange {
    public static TonalRange builtIn() { return new TonalRange(); }
}

package dev.signoff.analysis.technical;

/**
 * DC offset of each channel ({@link DcOffsetMeter}: the mean over the file's quietest non-silent
 * seconds): {@code offset} linear (full scale 1.0) and in dBFS (no offset -> NaN).
 */
public record DcOffsetResult(double[] offset, double[] offsetDbfs) {}

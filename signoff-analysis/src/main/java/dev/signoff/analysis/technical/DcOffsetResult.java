package dev.signoff.analysis.technical;

/** Mean value of each channel: {@code offset} linear (full scale 1.0) and in dBFS (-inf -> NaN). */
public record DcOffsetResult(double[] offset, double[] offsetDbfs) {}

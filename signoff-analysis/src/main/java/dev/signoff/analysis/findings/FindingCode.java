package dev.signoff.analysis.findings;

/** Stable finding codes; docs/findings.md documents each one, its threshold and why. */
public enum FindingCode {
    CLIPPING, TRUE_PEAK_OVER, DC_OFFSET, BALANCE, WIDTH, MONO_COMPAT, LOW_END_STEREO,
    STOP_NOISE, HUM, TAIL_CUT, HEAD_SILENCE,
    HARSH_BUILDUP, SIBILANCE, DULL, MUD, LOW_END_EXCESS, LOW_END_WEAK,
    OVER_COMPRESSED, OVER_DEESSED, KICK_PROMINENT, SNARE_PROMINENT,
    CHORUS_LIFT_LOST, KICK_LOST, BASS_LOST,
    NON_FINITE_SAMPLES, SILENT
}

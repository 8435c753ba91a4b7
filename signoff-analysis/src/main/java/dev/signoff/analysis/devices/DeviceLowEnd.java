package dev.signoff.analysis.devices;

import dev.signoff.analysis.devices.BassLineMeter.BassFrames;
import dev.signoff.analysis.devices.KickMeter.KickData;

/**
 * What the decoding pass of {@code check --devices} recorded for the kick and bass on each device
 * ({@link KickMeter}, {@link BassLineMeter}), before the song's sections are known.
 */
public record DeviceLowEnd(KickData kick, BassFrames bass) {}

package dev.signoff.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: link expiry and rate-limit windows without waiting. */
public final class AdjustableClock extends Clock {
    private volatile Instant now;

    public AdjustableClock(Instant start) { this.now = start; }

    public void advance(Duration d) { now = now.plus(d); }

    @Override public Instant instant() { return now; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("tests run in UTC"); }
}

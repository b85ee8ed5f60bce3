package dev.mosaic.aggregator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test sets by hand, readable from the service's thread. */
final class MutableClock extends Clock {
  private final AtomicLong millis;

  MutableClock(long epochMillis) {
    this.millis = new AtomicLong(epochMillis);
  }

  void set(long epochMillis) {
    millis.set(epochMillis);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

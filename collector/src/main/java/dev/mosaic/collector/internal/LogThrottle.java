package dev.mosaic.collector.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one message of a kind through per interval, so a flood of bad input or a Kafka outage cannot
 * flood the log; the counters carry the full numbers.
 *
 * <pre>
 * bad line / publish error → LogThrottle.shouldLog() → log.warn(..., suppressedSinceLastLog())
 * </pre>
 *
 * <p>Thread safety: lock-free; any thread may call any method.
 */
public final class LogThrottle {
  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLong nextAllowedAt = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  public LogThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /** True for the first call and then at most once per interval; false calls are tallied. */
  public boolean shouldLog() {
    long now = clock.millis();
    long allowedAt = nextAllowedAt.get();
    if (now >= allowedAt && nextAllowedAt.compareAndSet(allowedAt, now + intervalMillis)) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }

  /** How many calls {@link #shouldLog()} refused since this was last asked. */
  public long suppressedSinceLastLog() {
    return suppressed.getAndSet(0);
  }
}

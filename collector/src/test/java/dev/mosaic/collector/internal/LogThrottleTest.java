package dev.mosaic.collector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  private final MutableClock clock = new MutableClock(5_000);
  private final LogThrottle throttle = new LogThrottle(clock, Duration.ofSeconds(10));

  @Test
  void firstMessageIsLoggedThenOnePerInterval() {
    assertThat(throttle.shouldLog()).isTrue();
    assertThat(throttle.shouldLog()).isFalse();
    clock.advance(Duration.ofMillis(9_999));
    assertThat(throttle.shouldLog()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(throttle.shouldLog()).isTrue();
    assertThat(throttle.shouldLog()).isFalse();
  }

  @Test
  void suppressedMessagesAreTalliedUntilAsked() {
    throttle.shouldLog();
    throttle.shouldLog();
    throttle.shouldLog();
    assertThat(throttle.suppressedSinceLastLog()).isEqualTo(2);
    assertThat(throttle.suppressedSinceLastLog()).isZero();
  }
}

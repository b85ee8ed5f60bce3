package dev.mosaic.storagebridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void doublesUpToTheCap() {
    ExponentialBackoff backoff = new ExponentialBackoff(ms(100), ms(1000));
    assertThat(backoff.next()).isEqualTo(ms(100));
    assertThat(backoff.next()).isEqualTo(ms(200));
    assertThat(backoff.next()).isEqualTo(ms(400));
    assertThat(backoff.next()).isEqualTo(ms(800));
    assertThat(backoff.next()).isEqualTo(ms(1000));
    assertThat(backoff.next()).isEqualTo(ms(1000));
  }

  @Test
  void resetStartsOverFromTheInitialWait() {
    ExponentialBackoff backoff = new ExponentialBackoff(ms(100), ms(10_000));
    backoff.next();
    backoff.next();
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(ms(100));
  }

  @Test
  void equalInitialAndMaxWaitTheSameEveryTime() {
    ExponentialBackoff backoff = new ExponentialBackoff(ms(250), ms(250));
    assertThat(backoff.next()).isEqualTo(ms(250));
    assertThat(backoff.next()).isEqualTo(ms(250));
  }

  @Test
  void rejectsAMaxBelowTheInitialWait() {
    assertThatThrownBy(() -> new ExponentialBackoff(ms(200), ms(100)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, ms(100)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}

package dev.mosaic.notifier.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverRateLimiterTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final RateLimit TEN_PER_MINUTE = RateLimit.parse("10/min");

  private final ReceiverRateLimiter limiter = new ReceiverRateLimiter();

  @Test
  void aFullBucketLetsABurstThroughThenOneEveryPeriodOverCount() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.reserve("ops", TEN_PER_MINUTE, T0)).as("burst %d", i).isEmpty();
    }

    assertThat(limiter.reserve("ops", TEN_PER_MINUTE, T0)).contains(T0.plusSeconds(6));
    assertThat(limiter.reserve("ops", TEN_PER_MINUTE, T0.plusSeconds(5))).isPresent();
    assertThat(limiter.reserve("ops", TEN_PER_MINUTE, T0.plusSeconds(6))).isEmpty();
    assertThat(limiter.reserve("ops", TEN_PER_MINUTE, T0.plusSeconds(6)))
        .contains(T0.plusSeconds(12));
  }

  @Test
  void aBucketRefillsOnlyUpToItsCount() {
    for (int i = 0; i < 10; i++) {
      limiter.reserve("ops", TEN_PER_MINUTE, T0);
    }
    Instant muchLater = T0.plus(Duration.ofHours(5));

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.reserve("ops", TEN_PER_MINUTE, muchLater)).isEmpty();
    }
    assertThat(limiter.reserve("ops", TEN_PER_MINUTE, muchLater)).isPresent();
  }

  @Test
  void receiversHaveTheirOwnBuckets() {
    RateLimit one = RateLimit.parse("1/h");
    assertThat(limiter.reserve("a", one, T0)).isEmpty();

    assertThat(limiter.reserve("a", one, T0)).contains(T0.plus(Duration.ofHours(1)));
    assertThat(limiter.reserve("b", one, T0)).isEmpty();
    assertThat(limiter.availableAt("a", one, T0)).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(limiter.availableAt("c", one, T0)).isEqualTo(T0);
  }

  @Test
  void parsesCountPerUnit() {
    assertThat(RateLimit.parse("10/min")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("3 / s")).isEqualTo(new RateLimit(3, Duration.ofSeconds(1)));
    assertThat(RateLimit.parse("100/h")).isEqualTo(new RateLimit(100, Duration.ofHours(1)));
    assertThat(RateLimit.parse("5/day")).isEqualTo(new RateLimit(5, Duration.ofDays(1)));
    assertThat(Optional.of(RateLimit.parse("1/sec").per())).contains(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10/week", "0/min", "-1/min", "ten/min", "99999999999/s"})
  void refusesWhatIsNotALimit(String text) {
    assertThatThrownBy(() -> RateLimit.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate-limit");
  }
}

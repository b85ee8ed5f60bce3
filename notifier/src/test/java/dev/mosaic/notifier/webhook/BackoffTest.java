package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @ParameterizedTest(name = "attempt {0}, jitter {1}: {2} ms")
  @CsvSource({
    "2, 0.0, 500", // half of the 1 s base
    "2, 0.5, 750",
    "2, 0.999, 999",
    "3, 0.0, 1000", // base doubled to 2 s
    "4, 0.0, 2000",
    "7, 0.0, 15000", // 32 s capped at 30 s
    "7, 0.5, 22500",
    "1000, 0.0, 15000"
  })
  void doublesFromInitialCapsAtMaxAndDropsARandomPartOfHalf(
      int attempt, double jitter, long expectedMillis) {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> jitter);

    assertThat(backoff.delayBefore(attempt)).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest
  @CsvSource({"0, 10", "10, 5"})
  void rejectsAnEmptyInitialOrAMaxBelowIt(long initialMillis, long maxMillis) {
    assertThatThrownBy(
            () ->
                new Backoff(
                    Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.notifier.webhook.DeliveryAttempts.AttemptResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryAttemptsTest {
  // Jitter 0 keeps exactly half of each base wait: 1 s, 2 s, 4 s, then capped at 4 s.
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), () -> 0.0);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StopSignal stop = new StopSignal();
  private final List<Duration> waits = new ArrayList<>();
  private boolean stopDuringWait;

  private DeliveryAttempts attempts(int maxAttempts) {
    return new DeliveryAttempts(
        BACKOFF,
        maxAttempts,
        stop,
        duration -> {
          waits.add(duration);
          return !stopDuringWait;
        },
        meters);
  }

  /** Answers with {@code results} in turn, and counts the attempts made. */
  private static final class Script implements DeliveryAttempts.Attempt {
    private final Deque<AttemptResult> results;
    int made;

    Script(AttemptResult... results) {
      this.results = new ArrayDeque<>(List.of(results));
    }

    @Override
    public AttemptResult make() {
      made++;
      return results.removeFirst();
    }
  }

  private double count(String meter, String... tags) {
    return meters.counter(meter, tags).count();
  }

  @Test
  void retriesUntilAcceptedWaitingTheBackoffBeforeEachRetry() {
    Script script =
        new Script(
            AttemptResult.retryable(503, "HTTP 503"),
            AttemptResult.retryable(0, "timeout"),
            AttemptResult.retryable(503, "HTTP 503"),
            AttemptResult.accepted(200));

    DeliveryResult result = attempts(10).run("ops", "k/1", script);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.DELIVERED, 4, 200));
    assertThat(script.made).isEqualTo(4);
    assertThat(waits)
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(count("mosaic.notifier.delivery.retries", "receiver", "ops")).isEqualTo(3.0);
    assertThat(count("mosaic.notifier.deliveries", "receiver", "ops", "outcome", "DELIVERED"))
        .isEqualTo(1.0);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheBackoffCapped() {
    Script script = new Script(repeat(AttemptResult.retryable(503, "HTTP 503"), 5));

    DeliveryResult result = attempts(5).run("ops", "k/1", script);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.GAVE_UP, 5, 503));
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofMillis(1000),
            Duration.ofMillis(2000),
            Duration.ofMillis(2000));
    assertThat(count("mosaic.notifier.deliveries", "receiver", "ops", "outcome", "GAVE_UP"))
        .isEqualTo(1.0);
  }

  @Test
  void aSingleAllowedAttemptNeverWaits() {
    DeliveryResult result =
        attempts(1).run("ops", "k/1", new Script(AttemptResult.retryable(0, "refused")));

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.GAVE_UP, 1, 0));
    assertThat(waits).isEmpty();
  }

  @Test
  void aRefusalEndsTheDeliveryWithoutRetrying() {
    Script script =
        new Script(
            AttemptResult.refused(404, "HTTP 404: no such hook"), AttemptResult.accepted(200));

    DeliveryResult result = attempts(10).run("ops", "k/1", script);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.REJECTED, 1, 404));
    assertThat(script.made).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  static Stream<Arguments> lastStatuses() {
    AttemptResult timeout = AttemptResult.retryable(0, "timeout");
    return Stream.of(
        Arguments.of(
            "a later silence keeps the last answer",
            List.of(
                AttemptResult.retryable(451, "451"), AttemptResult.retryable(503, "503"), timeout),
            new DeliveryResult(DeliveryOutcome.GAVE_UP, 3, 503)),
        Arguments.of(
            "a refusal without a code keeps the answer before",
            List.of(AttemptResult.retryable(421, "421"), AttemptResult.refused(0, "auth failed")),
            new DeliveryResult(DeliveryOutcome.REJECTED, 2, 421)),
        Arguments.of(
            "no answer at all is 0",
            List.of(timeout, timeout, timeout),
            new DeliveryResult(DeliveryOutcome.GAVE_UP, 3, 0)),
        Arguments.of(
            "acceptance is the last answer",
            List.of(timeout, AttemptResult.accepted(250)),
            new DeliveryResult(DeliveryOutcome.DELIVERED, 2, 250)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lastStatuses")
  void reportsTheLastStatusAReceiverAnswered(
      String name, List<AttemptResult> results, DeliveryResult expected) {
    Script script = new Script(results.toArray(AttemptResult[]::new));

    assertThat(attempts(3).run("ops", "k/1", script)).isEqualTo(expected);
  }

  @Test
  void stoppingDuringAWaitEndsWithTheAttemptsMadeSoFar() {
    stopDuringWait = true;
    Script script = new Script(repeat(AttemptResult.retryable(502, "HTTP 502"), 3));

    DeliveryResult result = attempts(3).run("ops", "k/1", script);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.STOPPED, 1, 502));
    assertThat(script.made).isEqualTo(1);
    assertThat(count("mosaic.notifier.deliveries", "receiver", "ops", "outcome", "STOPPED"))
        .isEqualTo(1.0);
  }

  @Test
  void aStoppedNotifierMakesNoAttempt() {
    stop.stop();
    Script script = new Script(AttemptResult.accepted(200));

    DeliveryResult result = attempts(3).run("ops", "k/1", script);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.STOPPED, 0, 0));
    assertThat(script.made).isZero();
  }

  @Test
  void anInterruptedAttemptStopsAndKeepsTheInterruptFlag() {
    DeliveryAttempts.Attempt interrupted =
        () -> {
          throw new InterruptedException("closing");
        };
    try {
      DeliveryResult result = attempts(3).run("ops", "k/1", interrupted);

      assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.STOPPED, 1, 0));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted(); // do not leave the flag to the next test on this thread
    }
  }

  @Test
  void needsAtLeastOneAttempt() {
    assertThatThrownBy(() -> attempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts must be at least 1: 0");
  }

  private static AttemptResult[] repeat(AttemptResult result, int times) {
    AttemptResult[] results = new AttemptResult[times];
    Arrays.fill(results, result);
    return results;
  }
}

package dev.mosaic.notifier.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop of every receiver kind: makes the attempts of one delivery, waiting {@link
 * Backoff} between them, until one is accepted or refused for good, the attempts run out or the
 * notifier stops; then counts and logs how it ended. Thread-safe; each call blocks for its retries.
 *
 * <pre>
 * WebhookDeliverer | SmtpEmailSender → DeliveryAttempts.run(Attempt) → Attempt.make() → receiver
 * </pre>
 *
 * <p>The {@link DeliveryResult#lastStatus()} it reports is the last status a receiver actually
 * answered (HTTP status or SMTP reply code) in any attempt. An attempt that got no answer (a
 * timeout, a refused connection) leaves it as it was, so that an operator reading {@code GAVE_UP}
 * after 503, 503 and a timeout sees 503, which says what the receiver last had to say, not 0.
 */
public final class DeliveryAttempts {
  private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

  /** Waits before a retry. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * @return false if the notifier stopped instead of the wait ending
     */
    boolean sleep(Duration duration);
  }

  /** One try at handing a delivery to its receiver. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * @return how the receiver took it; exceptions other than interruption are the attempt's to
     *     turn into a result
     * @throws InterruptedException when interrupted while waiting for the receiver; the delivery
     *     ends as {@link DeliveryOutcome#STOPPED}
     */
    AttemptResult make() throws InterruptedException;
  }

  /** What one attempt came to. */
  public enum Verdict {
    /** The receiver took it: the delivery is done. */
    ACCEPTED,
    /** The receiver will not take it, and would not on a retry either. */
    REFUSED,
    /** It did not go through, and a later attempt might. */
    RETRYABLE
  }

  /**
   * One attempt's end.
   *
   * @param verdict whether the delivery is done, refused or worth another attempt
   * @param status what the receiver answered (HTTP status, SMTP reply code); 0 for no answer
   * @param detail what went wrong, for the log; empty when accepted
   */
  public record AttemptResult(Verdict verdict, int status, String detail) {
    public AttemptResult {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(detail, "detail");
      if (status < 0) {
        throw new IllegalArgumentException("status must not be negative: " + status);
      }
    }

    public static AttemptResult accepted(int status) {
      return new AttemptResult(Verdict.ACCEPTED, status, "");
    }

    public static AttemptResult refused(int status, String detail) {
      return new AttemptResult(Verdict.REFUSED, status, detail);
    }

    public static AttemptResult retryable(int status, String detail) {
      return new AttemptResult(Verdict.RETRYABLE, status, detail);
    }
  }

  private final Backoff backoff;
  private final int maxAttempts;
  private final StopSignal stop;
  private final Sleeper sleeper;
  private final MeterRegistry meters;

  /** Waits on {@code stop}, so that stopping ends a wait at once. */
  public DeliveryAttempts(Backoff backoff, int maxAttempts, StopSignal stop, MeterRegistry meters) {
    this(backoff, maxAttempts, stop, stop::waitUnlessStopped, meters);
  }

  /**
   * @param maxAttempts the first attempt included; at least 1
   * @param stop checked before each attempt
   * @param sleeper waits out each backoff
   */
  public DeliveryAttempts(
      Backoff backoff, int maxAttempts, StopSignal stop, Sleeper sleeper, MeterRegistry meters) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.backoff = Objects.requireNonNull(backoff);
    this.maxAttempts = maxAttempts;
    this.stop = Objects.requireNonNull(stop);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.meters = Objects.requireNonNull(meters);
  }

  /**
   * @param receiver the receiver's name, for meters and the log
   * @param idempotencyKey the delivery's key, for the log
   */
  public DeliveryResult run(String receiver, String idempotencyKey, Attempt attempt) {
    int lastStatus = 0;
    for (int number = 1; number <= maxAttempts; number++) {
      if (number > 1) {
        meters.counter("mosaic.notifier.delivery.retries", "receiver", receiver).increment();
        if (!sleeper.sleep(backoff.delayBefore(number))) {
          return result(receiver, DeliveryOutcome.STOPPED, number - 1, lastStatus);
        }
      }
      if (stop.isStopped()) {
        return result(receiver, DeliveryOutcome.STOPPED, number - 1, lastStatus);
      }
      AttemptResult answer;
      try {
        answer = attempt.make();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result(receiver, DeliveryOutcome.STOPPED, number, lastStatus);
      }
      if (answer.status() != 0) {
        lastStatus = answer.status();
      }
      switch (answer.verdict()) {
        case ACCEPTED -> {
          return result(receiver, DeliveryOutcome.DELIVERED, number, lastStatus);
        }
        case REFUSED -> {
          log.warn(
              "receiver {} refused {} for good: {}", receiver, idempotencyKey, answer.detail());
          return result(receiver, DeliveryOutcome.REJECTED, number, lastStatus);
        }
        case RETRYABLE ->
            log.info(
                "receiver {} could not take {} (attempt {} of {}): {}",
                receiver,
                idempotencyKey,
                number,
                maxAttempts,
                answer.detail());
      }
    }
    log.error(
        "receiver {}: gave up on {} after {} attempts", receiver, idempotencyKey, maxAttempts);
    return result(receiver, DeliveryOutcome.GAVE_UP, maxAttempts, lastStatus);
  }

  private DeliveryResult result(
      String receiver, DeliveryOutcome outcome, int attempts, int lastStatus) {
    meters
        .counter("mosaic.notifier.deliveries", "receiver", receiver, "outcome", outcome.name())
        .increment();
    return new DeliveryResult(outcome, attempts, lastStatus);
  }
}

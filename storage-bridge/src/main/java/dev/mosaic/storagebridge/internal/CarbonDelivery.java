package dev.mosaic.storagebridge.internal;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.storagebridge.carbon.CarbonSender;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one batch of points written and flushed to carbon, however long carbon is away.
 *
 * <pre>
 * AggregateForwarder → CarbonDelivery → CarbonSender → carbon
 * </pre>
 *
 * <p>On any connect or write failure it closes the connection, waits out an {@link
 * ExponentialBackoff} through the caller's {@link Pause}, reconnects and writes the whole batch
 * again. An outage is logged twice: when it starts (without a stack trace) and when it ends. Not
 * thread-safe: the bridge's one consumer thread uses it.
 */
public final class CarbonDelivery {
  private static final Logger log = LoggerFactory.getLogger(CarbonDelivery.class);

  /** How the caller waits between attempts; it keeps its Kafka consumer alive meanwhile. */
  @FunctionalInterface
  public interface Pause {
    /**
     * Waits about {@code duration}.
     *
     * @return false if the bridge is stopping and delivery should be abandoned
     */
    boolean await(Duration duration);
  }

  private final CarbonSender sender;
  private final ExponentialBackoff backoff;
  private final Clock clock;
  private final StorageBridgeMeters meters;
  private boolean everConnected;
  private Instant outageSince;
  private int failedAttempts;

  public CarbonDelivery(
      CarbonSender sender, ExponentialBackoff backoff, Clock clock, StorageBridgeMeters meters) {
    this.sender = sender;
    this.backoff = backoff;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Writes every point and flushes, retrying until that succeeds.
   *
   * @return true once all points are flushed; false if {@code pause} said to stop first, when some
   *     or none of them may have reached carbon
   */
  public boolean deliver(List<AggregatePoint> points, Pause pause) {
    boolean failedBefore = false;
    while (true) {
      try {
        connectIfNeeded();
      } catch (IOException e) {
        meters.connectErrors().increment();
        failed("cannot connect", e, points.size());
        failedBefore = true;
        if (!pause.await(backoff.next())) {
          return false;
        }
        continue;
      }
      try {
        for (AggregatePoint point : points) {
          sender.send(point);
        }
        sender.flush();
      } catch (IOException e) {
        meters.writeErrors().increment();
        sender.close();
        failed("write failed", e, points.size());
        failedBefore = true;
        if (!pause.await(backoff.next())) {
          return false;
        }
        continue;
      }
      meters.pointsWritten().increment(points.size());
      if (failedBefore) {
        meters.replayedPoints().increment(points.size());
      }
      recovered(points.size());
      return true;
    }
  }

  private void connectIfNeeded() throws IOException {
    if (sender.isConnected()) {
      return;
    }
    if (everConnected && outageSince == null) {
      log.info("{} closed the connection; reconnecting", sender);
    }
    sender.close();
    sender.connect();
    if (everConnected) {
      meters.reconnects().increment();
    }
    everConnected = true;
  }

  private void failed(String what, IOException e, int points) {
    failedAttempts++;
    if (outageSince == null) {
      outageSince = clock.instant();
      log.warn(
          "{}: {} ({}); holding {} points and retrying with backoff",
          sender,
          what,
          e.toString(),
          points);
    } else {
      log.debug("{}: attempt {} failed: {} ({})", sender, failedAttempts, what, e.toString());
    }
  }

  private void recovered(int points) {
    backoff.reset();
    if (outageSince != null) {
      Duration outage = Duration.between(outageSince, clock.instant());
      log.info(
          "{}: available again after {} ms and {} failed attempts; {} held points written",
          sender,
          outage.toMillis(),
          failedAttempts,
          points);
      outageSince = null;
      failedAttempts = 0;
    }
  }
}

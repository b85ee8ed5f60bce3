package dev.mosaic.notifier.webhook;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a waiting retry end early when the notifier closes, so that {@code close()} never waits out
 * a backoff. Thread-safe.
 *
 * <pre>
 * NotifierService.close → StopSignal.stop → DeliveryAttempts' wait returns false
 * </pre>
 */
public final class StopSignal {
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void stop() {
    stopped.countDown();
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /**
   * @return true after waiting the whole {@code duration}; false if stopped (or interrupted, with
   *     the interrupt flag restored) first
   */
  public boolean waitUnlessStopped(Duration duration) {
    try {
      return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

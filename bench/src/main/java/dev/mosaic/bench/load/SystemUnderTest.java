package dev.mosaic.bench.load;

/**
 * A StatsD server started by the harness as a separate process, writing carbon plaintext to the
 * harness's {@link CarbonReceiver}.
 *
 * <p>{@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period) and may be
 * called twice.
 */
interface SystemUnderTest extends AutoCloseable {
  /** {@code mosaic} or {@code etsy}, as printed in the table. */
  String name();

  /** The UDP port StatsD traffic goes to. */
  int statsdPort();

  /** The process whose CPU is measured. */
  long pid();

  /** Whether the process is still running; a dead one ends the harness's run for it. */
  boolean alive();

  @Override
  void close();
}

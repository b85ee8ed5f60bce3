package dev.mosaic.bench.load;

/**
 * A StatsD server started by the harness as a separate process ({@link MosaicProcess}, {@link
 * EtsyProcess}), writing carbon plaintext to the harness's {@link CarbonReceiver}.
 *
 * <p>{@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period) and may be
 * called twice.
 *
 * @param name {@code mosaic} or {@code etsy}, as printed in the table
 * @param process the server's process, whose CPU is measured
 * @param statsdPort the UDP port StatsD traffic goes to
 */
record SystemUnderTest(String name, Process process, int statsdPort) implements AutoCloseable {

  /** The process whose CPU is measured. */
  long pid() {
    return process.pid();
  }

  /** Whether the process is still running; a dead one ends the harness's run for it. */
  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    ChildProcess.stop(process);
  }
}

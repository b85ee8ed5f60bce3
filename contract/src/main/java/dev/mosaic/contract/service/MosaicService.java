package dev.mosaic.contract.service;

import java.util.Optional;

/**
 * One of mosaic's services, started and stopped by its own {@code main} or by the launcher that
 * runs them all in one JVM.
 *
 * <p>Contract: {@link #start()} is called once and returns when the service is serving (listening,
 * consuming); it throws if the service cannot start, and then {@link #close()} releases whatever
 * was acquired. {@link #close()} stops the service, flushes what it holds, may block while doing
 * so, and may be called more than once and from any thread.
 */
public interface MosaicService extends AutoCloseable {
  /** The service's config section name, e.g. {@code collector}. */
  String name();

  void start() throws Exception;

  /**
   * Why the service stopped working on its own after a successful start, if it did: a failure it
   * cannot recover from. Once present the process should stop, so that a supervisor restarts it,
   * rather than stay up doing nothing. Safe to call from any thread.
   */
  default Optional<Throwable> failure() {
    return Optional.empty();
  }

  /**
   * Whether the service is alive: by default, up unless {@link #failure()} holds an error. The
   * admin server's {@code /health} also checks that Kafka answers. Safe to call from any thread;
   * must be cheap (it backs an HTTP probe).
   */
  default Probe health() {
    return failure().map(e -> Probe.down("failed: " + e)).orElseGet(() -> Probe.up("running"));
  }

  /**
   * Whether the service is caught up and serving (the admin server's {@code /ready}): by default,
   * the same as {@link #health()}. Consumers override it to say whether their partitions are
   * assigned and their lag is small. Safe to call from any thread; must be cheap.
   */
  default Probe readiness() {
    return health();
  }

  @Override
  void close();
}

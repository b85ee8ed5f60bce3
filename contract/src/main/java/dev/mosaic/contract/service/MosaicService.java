package dev.mosaic.contract.service;

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

  @Override
  void close();
}

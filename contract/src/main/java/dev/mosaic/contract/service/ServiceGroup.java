package dev.mosaic.contract.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services started in order and closed in reverse order, so that upstream stages stop taking input
 * before the stages they feed stop.
 */
public final class ServiceGroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

  private final List<MosaicService> started = new ArrayList<>();

  private ServiceGroup() {}

  /**
   * Starts each service in list order. If one fails, those already started are closed and the
   * failure is rethrown.
   */
  public static ServiceGroup start(List<? extends MosaicService> services) throws Exception {
    ServiceGroup group = new ServiceGroup();
    for (MosaicService service : services) {
      try {
        service.start();
      } catch (Exception e) {
        service.close();
        group.close();
        throw new IllegalStateException(service.name() + " failed to start: " + e.getMessage(), e);
      }
      log.info("{} started", service.name());
      synchronized (group) {
        group.started.add(service);
      }
    }
    return group;
  }

  /** The started service of the given class, for callers that need its details (e.g. a port). */
  public synchronized <T extends MosaicService> T get(Class<T> type) {
    return started.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no started " + type.getSimpleName()));
  }

  /** The started services, in start order: what the admin server's probes ask. */
  public synchronized List<MosaicService> services() {
    return List.copyOf(started);
  }

  /** The first started service's {@link MosaicService#failure()}, named, if any has failed. */
  public synchronized Optional<IllegalStateException> failure() {
    for (MosaicService service : started) {
      Optional<Throwable> failure = service.failure();
      if (failure.isPresent()) {
        return Optional.of(new IllegalStateException(service.name() + " failed", failure.get()));
      }
    }
    return Optional.empty();
  }

  /** Closes every started service, last first; safe to call more than once. */
  @Override
  public void close() {
    List<MosaicService> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(started);
      started.clear();
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      MosaicService service = toClose.get(i);
      try {
        service.close();
        log.info("{} stopped", service.name());
      } catch (RuntimeException e) {
        log.warn("error while stopping {}", service.name(), e);
      }
    }
  }
}

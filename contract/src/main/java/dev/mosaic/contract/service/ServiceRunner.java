package dev.mosaic.contract.service;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.ConfigSections;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one service alone against an external Kafka: the body of every service's {@code main}. */
public final class ServiceRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** Loads config, starts the service and blocks until SIGTERM or Ctrl-C; exits 2 on bad config. */
  public static void runStandalone(ServiceDefinition definition, String[] args) {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(definition.keys());
    MosaicService service;
    try {
      MosaicConfig config =
          new ConfigLoader(keys, ConfigSections.othersThan(definition.section()))
              .load(Arrays.asList(args), System.getenv());
      String bootstrap = config.get(KafkaKeys.BOOTSTRAP_SERVERS);
      if (bootstrap.isBlank()) {
        throw new ConfigException(
            config.sourceOf(KafkaKeys.BOOTSTRAP_SERVERS)
                + ": kafka.bootstrap-servers is empty; a service run alone needs an external Kafka"
                + " (bin/mosaic up runs everything with an embedded broker)");
      }
      config.describe().forEach(line -> log.info("{} config: {}", definition.section(), line));
      service =
          definition
              .factory()
              .create(
                  new ServiceContext(
                      config,
                      KafkaSettings.from(config, bootstrap),
                      new SimpleMeterRegistry(),
                      Clock.systemUTC()));
    } catch (ConfigException e) {
      System.err.println(
          "mosaic " + definition.section() + ": configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    runUntilStopped(List.of(service));
  }

  /**
   * Starts the services in order, then blocks until the JVM is asked to stop, when it closes them
   * in reverse order. If one fails to start, those already started are closed and the JVM exits 1.
   */
  public static void runUntilStopped(List<? extends AutoCloseable> services) {
    CountDownLatch stopped = new CountDownLatch(1);
    List<AutoCloseable> started = new ArrayList<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll(started);
                  stopped.countDown();
                },
                "mosaic-shutdown"));
    try {
      for (AutoCloseable service : services) {
        if (service instanceof MosaicService s) {
          s.start();
          log.info("{} started", s.name());
        }
        synchronized (started) {
          started.add(service);
        }
      }
    } catch (Exception e) {
      log.error("start-up failed; stopping", e);
      System.exit(1);
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeAll(List<AutoCloseable> started) {
    List<AutoCloseable> reversed;
    synchronized (started) {
      reversed = new ArrayList<>(started);
    }
    java.util.Collections.reverse(reversed);
    for (AutoCloseable service : reversed) {
      try {
        service.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", service, e);
      }
    }
  }
}

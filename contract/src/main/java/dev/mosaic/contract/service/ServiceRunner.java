package dev.mosaic.contract.service;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.admin.ProcessAdmin;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.ConfigSections;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of every {@code main}: configure, start, and block until the JVM is asked to stop. */
public final class ServiceRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  /** Exit status for a configuration error, distinct from a crash. */
  public static final int EXIT_CONFIG_ERROR = 2;

  private ServiceRunner() {}

  /** Runs one service alone against an external Kafka; exits 2 on a configuration error. */
  public static void runStandalone(ServiceDefinition definition, String[] args) {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(AdminKeys.ALL);
    keys.addAll(definition.keys());
    MosaicService service;
    ProcessAdmin admin;
    String bootstrap;
    try {
      MosaicConfig config =
          new ConfigLoader(keys, ConfigSections.othersThan(definition.section()))
              .load(Arrays.asList(args), System.getenv());
      bootstrap = config.get(KafkaKeys.BOOTSTRAP_SERVERS);
      if (bootstrap.isBlank()) {
        String source = config.sourceOf(KafkaKeys.BOOTSTRAP_SERVERS);
        throw new ConfigException(
            (source.equals("default") ? "" : source + ": ")
                + "kafka.bootstrap-servers is not set; a service run alone needs an external Kafka"
                + " (bin/mosaic up runs everything with an embedded broker)");
      }
      logConfig(definition.section(), config);
      admin = ProcessAdmin.create(definition.section(), config);
      service =
          definition
              .factory()
              .create(
                  new ServiceContext(
                      config,
                      KafkaSettings.from(config, bootstrap),
                      admin.meters(),
                      Clock.systemUTC()));
    } catch (ConfigException e) {
      exitOnConfigError(definition.section(), e);
      return;
    }
    try {
      ServiceGroup group = ServiceGroup.start(List.of(service));
      try {
        admin.serve(bootstrap, group::services);
      } catch (RuntimeException e) {
        group.close();
        admin.close();
        throw e;
      }
      runUntilStopped(
          () -> {
            group.close(); // the services flush first, so the last self-metrics count it
            admin.close();
          },
          group::failure);
    } catch (Exception e) {
      log.error("{} could not start", definition.section(), e);
      System.exit(1);
    }
  }

  /** Logs every resolved key with where its value came from. */
  public static void logConfig(String who, MosaicConfig config) {
    config.describe().forEach(line -> log.info("{} config: {}", who, line));
  }

  /** Prints a configuration error the way every mosaic command does, and exits 2. */
  public static void exitOnConfigError(String who, ConfigException e) {
    System.err.println("mosaic " + who + ": configuration error: " + e.getMessage());
    System.exit(EXIT_CONFIG_ERROR);
  }

  /**
   * Blocks until SIGTERM or Ctrl-C, then closes {@code running} (from the shutdown hook, before the
   * JVM exits) and returns. If {@code failure} reports a failed service first, logs it and exits
   * the JVM with status 1, which closes {@code running} the same way.
   */
  public static void runUntilStopped(
      AutoCloseable running, Supplier<? extends Optional<? extends Throwable>> failure) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    log.warn("error while stopping", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "mosaic-shutdown"));
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        Optional<? extends Throwable> failed = failure.get();
        if (failed.isPresent()) {
          log.error("stopping: a service failed and cannot recover", failed.get());
          System.exit(1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.mosaic.contract.admin;

import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything {@code admin.*} of one process, in the order a {@code main} needs it: first the meter
 * registry the services are built with, then, once they run, the admin server that reports on them.
 *
 * <pre>
 *   ProcessAdmin admin = ProcessAdmin.create("collector", config);
 *   ... build and start the services with admin.meters() ...
 *   admin.serve(bootstrapServers, group::services);
 *   ... on SIGTERM: stop the services, then admin.close()
 * </pre>
 */
public final class ProcessAdmin implements AutoCloseable {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration KAFKA_CACHE = Duration.ofSeconds(10);

  private final MosaicConfig config;
  private final SelfMetrics metrics;
  private KafkaReachability kafka;
  private AdminServer server;

  private ProcessAdmin(MosaicConfig config, SelfMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * @param process a service section, or {@code stack} for {@code mosaic up}: names the StatsD
   *     series of the JVM's and Kafka clients' meters
   */
  public static ProcessAdmin create(String process, MosaicConfig config) {
    return new ProcessAdmin(config, SelfMetrics.create(process, config));
  }

  public MeterRegistry meters() {
    return metrics.registry();
  }

  /**
   * Starts the admin server, unless {@code admin.enabled} is false.
   *
   * @throws UncheckedIOException if {@code admin.bind:admin.port} cannot be bound
   */
  public synchronized void serve(String bootstrapServers, Supplier<List<MosaicService>> services) {
    if (!config.getOrDefault(AdminKeys.ENABLED) || server != null) {
      return;
    }
    kafka =
        new KafkaReachability(
            Map.of("bootstrap.servers", bootstrapServers, "client.id", "mosaic-admin-probe"),
            KAFKA_TIMEOUT,
            KAFKA_CACHE,
            Clock.systemUTC());
    InetSocketAddress address =
        new InetSocketAddress(
            config.getOrDefault(AdminKeys.BIND), config.getOrDefault(AdminKeys.PORT));
    try {
      server = AdminServer.start(address, metrics, kafka, services);
    } catch (IOException e) {
      kafka.close();
      throw new UncheckedIOException(
          "admin server: cannot listen on " + address + " (admin.bind, admin.port): " + e, e);
    }
  }

  /**
   * The admin server's port.
   *
   * @throws IllegalStateException if it is not serving
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the admin server is not serving");
    }
    return server.port();
  }

  /**
   * Stops the server and its Kafka probe, keeping the registry: for {@code mosaic up}, whose
   * embedded broker stops before the registry's last StatsD flush and would otherwise leave the
   * probe's client retrying a broker that is gone. Idempotent.
   */
  public synchronized void stopServing() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** Stops the server, then flushes and closes the registry; call after the services stopped. */
  @Override
  public synchronized void close() {
    stopServing();
    metrics.close();
  }
}

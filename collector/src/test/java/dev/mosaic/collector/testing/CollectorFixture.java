package dev.mosaic.collector.testing;

import dev.mosaic.collector.Collector;
import dev.mosaic.collector.CollectorKeys;
import dev.mosaic.collector.CollectorService;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A collector built the way the launcher builds it, on its own topic prefix, bound to port 0. */
public final class CollectorFixture implements AutoCloseable {
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final KafkaSettings kafka;
  public final CollectorService service;

  /**
   * @param arguments extra {@code --key=value} arguments
   */
  public CollectorFixture(String bootstrapServers, Clock clock, String... arguments)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(arguments));
    args.add("--" + KafkaKeys.TOPIC_PREFIX.name() + "=t-" + UUID.randomUUID() + ".");
    args.add("--" + CollectorKeys.STATSD_PORT.name() + "=0");
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(CollectorKeys.ALL);
    MosaicConfig config = new ConfigLoader(keys, Set.of()).load(args, Map.of());
    kafka = KafkaSettings.from(config, bootstrapServers);
    service =
        (CollectorService)
            Collector.DEFINITION.factory().create(new ServiceContext(config, kafka, meters, clock));
  }

  public String samplesTopic() {
    return kafka.topics().samples();
  }

  /** Sends one datagram to the collector from a fresh socket. */
  public void send(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(
              bytes, bytes.length, InetAddress.getLoopbackAddress(), service.statsdPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public double counter(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Override
  public void close() {
    service.close();
  }
}

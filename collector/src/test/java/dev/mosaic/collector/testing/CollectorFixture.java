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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    args.add("--" + CollectorKeys.LOGS_PORT.name() + "=0");
    args.add("--" + CollectorKeys.DRAIN_PORT.name() + "=0");
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

  /** Opens a TCP connection to {@code port}, writes each chunk with a flush, then closes it. */
  public static void sendTcp(int port, String... chunks) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      for (String chunk : chunks) {
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * POSTs a log-drain body to {@code path} on the drain port.
   *
   * @param authorization the Authorization header, or null for none
   * @return the response status
   */
  public int postDrain(String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.drainPort() + path))
            .header("Content-Type", "application/logplex-1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  public double counter(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Override
  public void close() {
    service.close();
  }
}

package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The UDP listener over real loopback sockets, with several receive threads. */
class StatsdUdpListenerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StatsdCounters counters = new StatsdCounters();
  private final Map<String, List<Double>> received = new ConcurrentHashMap<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  private StatsdUdpListener listener(int receiveThreads, int maxPacketBytes) {
    return new StatsdUdpListener(
        new InetSocketAddress("127.0.0.1", 0),
        1 << 20,
        maxPacketBytes,
        receiveThreads,
        new StatsdLineParser(),
        Clock.systemUTC(),
        ListenerMeters.register(registry, "statsd", counters),
        new SeriesLimit(1000),
        sample -> {
          threads.add(Thread.currentThread().getName());
          received
              .computeIfAbsent(sample.name(), n -> Collections.synchronizedList(new ArrayList<>()))
              .add(sample.value());
        });
  }

  @Test
  void manyClientsOverSeveralSocketsAllArriveAndEachClientKeepsItsOrder() throws Exception {
    try (StatsdUdpListener listener = listener(4, 64 * 1024)) {
      int port = listener.start();
      int clients = 16;
      int packetsPerClient = 50;
      List<DatagramChannel> sockets = new ArrayList<>();
      try {
        for (int c = 0; c < clients; c++) {
          DatagramChannel socket = DatagramChannel.open();
          socket.connect(new InetSocketAddress("127.0.0.1", port));
          sockets.add(socket);
        }
        for (int p = 0; p < packetsPerClient; p++) {
          for (int c = 0; c < clients; c++) {
            // each client's gauge climbs 0, 1, 2, ...: arrival order is checked below
            String packet = "client" + c + ".seq:" + p + "|g\nall.hits:1|c";
            sockets.get(c).write(ByteBuffer.wrap(packet.getBytes(StandardCharsets.US_ASCII)));
          }
          Thread.sleep(1); // loopback buffers are large, but keep the burst gentle
        }
      } finally {
        for (DatagramChannel socket : sockets) {
          socket.close();
        }
      }

      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  received.getOrDefault("all.hits", List.of()).size()
                      == clients * packetsPerClient);
      for (int c = 0; c < clients; c++) {
        List<Double> seq = received.get("client" + c + ".seq");
        assertThat(seq).as("client %d", c).hasSize(packetsPerClient).isSorted();
      }
      List<MetricSample> own = new ArrayList<>();
      counters.drainTo(0, own::add);
      assertThat(own)
          .extracting(MetricSample::name, MetricSample::value)
          .contains(
              org.assertj.core.groups.Tuple.tuple(
                  "statsd.packets_received", (double) clients * packetsPerClient),
              org.assertj.core.groups.Tuple.tuple(
                  "statsd.metrics_received", 2.0 * clients * packetsPerClient));
      assertThat(threads.stream().map(t -> t.replaceAll("-\\d+$", "")).collect(Collectors.toSet()))
          .allSatisfy(t -> assertThat(t).startsWith("mosaic-statsd-udp"));
    }
  }

  @Test
  void aDatagramThatFillsItsReadSlotHasItsLastLineCountedAsTruncated() throws Exception {
    try (StatsdUdpListener listener = listener(2, 512)) {
      int port = listener.start();
      StringBuilder packet = new StringBuilder("kept:1|c\n");
      while (packet.length() < 600) {
        packet.append("x");
      }
      packet.append(":1|c");
      try (DatagramChannel socket = DatagramChannel.open()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.write(ByteBuffer.wrap(packet.toString().getBytes(StandardCharsets.US_ASCII)));
        socket.write(ByteBuffer.wrap("after:1|c".getBytes(StandardCharsets.US_ASCII)));
      }
      await().atMost(TIMEOUT).until(() -> received.containsKey("after"));
      assertThat(received).containsKey("kept");
      assertThat(
              registry
                  .get("mosaic.collector.statsd.bad_lines")
                  .tag("reason", "truncated")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }
}

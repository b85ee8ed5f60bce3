package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import dev.mosaic.collector.CollectorService;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * StatsD client → UDP → collector → Kafka → aggregator → Kafka → storage bridge → carbon, all real,
 * asserting the Graphite lines Etsy StatsD 0.9 would write for the same input.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineEndToEndTest {
  private static final long INTERVAL_MILLIS = TestPipeline.INTERVAL_MILLIS;

  @Test
  void statsdClientTrafficBecomesTheCarbonLinesStatsdWouldWrite(EmbeddedKafkaBroker kafka)
      throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack = TestPipeline.start(kafka, carbon, meters)) {
      int port = stack.service(CollectorService.class).statsdPort();

      TestPipeline.awaitStartOfAnInterval();
      try (StatsDClient client =
          new NonBlockingStatsDClientBuilder()
              .prefix("app")
              .hostname("127.0.0.1")
              .port(port)
              .enableTelemetry(false)
              .enableAggregation(false)
              .originDetectionEnabled(false)
              .build()) {
        client.count("hits", 1);
        client.count("hits", 2);
        client.gauge("temp", 21.5);
        for (long millis : new long[] {10, 20, 30, 40}) {
          client.recordExecutionTime("latency", millis);
        }
        client.recordSetValue("users", "alice");
        client.recordSetValue("users", "bob");
        client.recordSetValue("users", "alice");
        // The client sends from its own thread and its close() drops what is still queued.
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> meters.counter("mosaic.collector.statsd.lines").count() >= 10);
      }
      sendRaw(port, "raw.sampled:1|c|@0.1\nraw.level:10|g\nraw.level:-3|g\nnot a metric\n");

      Map<Long, Map<String, String>> byInterval =
          TestPipeline.awaitTwoIntervalsOf(carbon, "stats_counts.app.hits");
      List<Long> timestamps = List.copyOf(byInterval.keySet());
      Map<String, String> busy = byInterval.get(timestamps.get(0));
      Map<String, String> idle = byInterval.get(timestamps.get(1));

      assertThat(timestamps.get(1) - timestamps.get(0)).isEqualTo(INTERVAL_MILLIS / 1000);
      assertThat(timestamps.get(0) * 1000 % INTERVAL_MILLIS).isZero();
      assertThat(busy)
          .containsEntry("stats_counts.app.hits", "3")
          .containsEntry("stats.app.hits", "1.5")
          .containsEntry("stats_counts.raw.sampled", "10")
          .containsEntry("stats.raw.sampled", "5")
          .containsEntry("stats.gauges.app.temp", "21.5")
          .containsEntry("stats.gauges.raw.level", "7")
          .containsEntry("stats.sets.app.users.count", "2")
          .containsEntry("stats.timers.app.latency.count", "4")
          .containsEntry("stats.timers.app.latency.count_ps", "2")
          .containsEntry("stats.timers.app.latency.mean", "25")
          .containsEntry("stats.timers.app.latency.median", "25")
          .containsEntry("stats.timers.app.latency.upper", "40")
          .containsEntry("stats.timers.app.latency.lower", "10")
          .containsEntry("stats.timers.app.latency.sum", "100")
          .containsEntry("stats.timers.app.latency.sum_squares", "3000")
          .containsEntry("stats.timers.app.latency.std", "11.180339887498949")
          .containsEntry("stats.timers.app.latency.count_90", "4")
          .containsEntry("stats.timers.app.latency.mean_90", "25")
          .containsEntry("stats.timers.app.latency.upper_90", "40")
          .containsEntry("stats.timers.app.latency.sum_90", "100")
          .containsEntry("stats.timers.app.latency.sum_squares_90", "3000");
      assertThat(busy.keySet()).noneMatch(name -> name.contains("not"));
      // The next interval: idle counters and timers report zero, gauges keep their level.
      assertThat(idle)
          .containsEntry("stats_counts.app.hits", "0")
          .containsEntry("stats.app.hits", "0")
          .containsEntry("stats.timers.app.latency.count", "0")
          .containsEntry("stats.timers.app.latency.count_ps", "0")
          .containsEntry("stats.gauges.app.temp", "21.5")
          .containsEntry("stats.gauges.raw.level", "7")
          .containsEntry("stats.sets.app.users.count", "0");
    }
  }

  private static void sendRaw(int port, String payload) throws Exception {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }
  }
}

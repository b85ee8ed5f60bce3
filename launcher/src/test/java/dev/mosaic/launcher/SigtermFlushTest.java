package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatchSerde;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A collector run as its own process, as in a container, stopped with SIGTERM while it holds a
 * batch: the shutdown hook publishes the batch before the JVM exits.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SigtermFlushTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ADMIN = Pattern.compile("admin server on http://[^:]+:(\\d+)/");

  @Test
  void sigtermPublishesTheBatchTheCollectorHolds(EmbeddedKafkaBroker kafka) throws Exception {
    String prefix = "sigterm-" + UUID.randomUUID() + ".";
    int statsdPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      statsdPort = probe.getLocalPort();
    }
    Process collector =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.mosaic.collector.Collector",
                "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--kafka.topic-prefix=" + prefix,
                "--kafka.partitions=1",
                "--collector.statsd.port=" + statsdPort,
                "--collector.statsd.tcp=false",
                "--collector.logs.enabled=false",
                // A batch waits up to a minute: only the shutdown flush can deliver it in time.
                "--collector.publish.linger=1m",
                "--admin.port=0")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Integer> adminPort = new CompletableFuture<>();
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> readOutput(collector, adminPort, output), "collector-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int admin = adminPort.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(TIMEOUT).until(() -> get(http, admin, "/ready").statusCode() == 200);

      byte[] line = "sigterm.hits:1|c".getBytes(StandardCharsets.UTF_8);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.send(
            new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), statsdPort));
      }
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  get(http, admin, "/metrics")
                      .body()
                      .contains("mosaic_collector_samples_received_total 1.0"));

      collector.destroy(); // SIGTERM
      assertThat(collector.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("exited: %s", output)
          .isTrue();
      assertThat(collector.exitValue()).as("output: %s", output).isIn(0, 143);

      // The collector's own StatsD counters (statsd.packets_received, ...) are held in the same
      // batch and flushed with it; the sample that matters is the application's.
      assertThat(readSamples(kafka, prefix + "samples"))
          .extracting(MetricSample::name)
          .filteredOn(name -> !name.startsWith("statsd."))
          .containsExactly("sigterm.hits");
    } finally {
      collector.destroyForcibly();
    }
  }

  private static void readOutput(
      Process process, CompletableFuture<Integer> adminPort, List<String> output) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        Matcher m = ADMIN.matcher(line);
        if (m.find()) {
          adminPort.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (Exception e) {
      adminPort.completeExceptionally(e);
    }
  }

  private static List<MetricSample> readSamples(EmbeddedKafkaBroker kafka, String topic) {
    List<MetricSample> samples = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "group.id",
                "sigterm-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  samples.addAll(SampleBatchSerde.decode(record.value()).samples());
                }
                return !samples.isEmpty();
              });
    }
    return samples;
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

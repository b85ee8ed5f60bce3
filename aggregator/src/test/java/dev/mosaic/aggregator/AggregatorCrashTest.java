package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real aggregator process ({@link Aggregator#main}) stopped in the middle of an interval — by
 * SIGKILL or by SIGTERM — and started again while samples keep coming: every interval's counter
 * totals and timer counts equal exactly what was sent, and no point is published twice.
 *
 * <p>Live samples are stamped with the start of the interval after the current one (not later than
 * one interval ahead, so not "from the future"), which leaves at least one interval plus the grace
 * between writing a sample and the flush of its interval: none can be late, however slow this
 * machine is, so each interval's expected value is exact.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AggregatorCrashTest {
  private static final int PARTITIONS = 4;
  private static final long L = 2_000;
  private static final List<String> COUNTERS =
      IntStream.range(0, 12).mapToObj(i -> "crash.c" + i).toList();
  private static final List<String> TIMERS =
      IntStream.range(0, 4).mapToObj(i -> "crash.t" + i).toList();

  enum Stop {
    SIGKILL,
    SIGTERM
  }

  private final List<Process> children = new ArrayList<>();
  private final Random random = new Random(42);

  /** Interval start millis → point name → the value it must have. */
  private final TreeMap<Long, Map<String, Double>> expected = new TreeMap<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Stop.class)
  void restartedAggregatorPublishesEverySampleExactlyOnce(Stop stop, EmbeddedKafkaBroker kafka)
      throws Exception {
    String prefix = "crash-" + UUID.randomUUID() + ".";
    String samples = prefix + "samples";
    String aggregates = prefix + "aggregates";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(samples, PARTITIONS, (short) 1),
                  new NewTopic(aggregates, PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<String> args =
        List.of(
            "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--kafka.topic-prefix=" + prefix,
            "--kafka.partitions=" + PARTITIONS,
            "--aggregator.flush-interval=2s",
            "--aggregator.grace=1s",
            "--aggregator.consumer-group=g-" + UUID.randomUUID(),
            "--aggregator.instance-id=crash-test");

    try (KafkaProducer<byte[], SampleBatch> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(),
                new SampleBatchSerde().serializer());
        AggregatesReader reader =
            new AggregatesReader(kafka.bootstrapServers(), aggregates, PARTITIONS)) {
      // Complete intervals in the past, read in one catch-up.
      long history = startOf(System.currentTimeMillis()) - 5 * L;
      for (long interval = history; interval < history + 5 * L; interval += L) {
        for (int i = 0; i < 3; i++) {
          send(producer, samples, interval + 300 * i);
        }
      }
      Process first = startAggregator(args, stop + "-first");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> reader.poll().containsKey((history + 4 * L) / 1000));

      // Live samples, then the stop in the middle of an interval, while samples keep coming.
      sendLiveUntil(producer, samples, startOf(System.currentTimeMillis()) + 2 * L + L / 2);
      if (stop == Stop.SIGKILL) {
        first.destroyForcibly();
      } else {
        first.destroy();
      }
      long stoppedAt = System.currentTimeMillis();
      while (first.isAlive()) {
        sendLiveUntil(producer, samples, System.currentTimeMillis() + 200);
      }
      if (stop == Stop.SIGTERM) {
        assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
      }
      sendLiveUntil(producer, samples, stoppedAt + L);

      startAggregator(args, stop + "-second");
      sendLiveUntil(producer, samples, System.currentTimeMillis() + 3 * L);

      long last = expected.lastKey();
      // One interval more, so that a point published twice for the last one would be seen.
      Map<Long, Map<String, List<Double>>> seen =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(reader::poll, points -> points.containsKey((last + L) / 1000));

      for (Map.Entry<Long, Map<String, Double>> interval : expected.entrySet()) {
        Map<String, List<Double>> published = seen.get(interval.getKey() / 1000);
        assertThat(published).as("interval %d published", interval.getKey()).isNotNull();
        interval
            .getValue()
            .forEach(
                (name, value) ->
                    assertThat(published.get(name))
                        .as("%s in interval %d", name, interval.getKey())
                        .containsExactly(value));
      }
      seen.forEach(
          (timestamp, points) ->
              points.forEach(
                  (name, values) ->
                      assertThat(values).as("%s at %d written once", name, timestamp).hasSize(1)));
    }
  }

  private static long startOf(long millis) {
    return Math.floorDiv(millis, L) * L;
  }

  /** Sends a round every 150 ms until {@code untilMillis} (see the class comment for stamps). */
  private void sendLiveUntil(
      KafkaProducer<byte[], SampleBatch> producer, String topic, long untilMillis)
      throws Exception {
    while (System.currentTimeMillis() < untilMillis) {
      long now = System.currentTimeMillis();
      long current = startOf(now);
      if (now - current < L / 2) {
        send(producer, topic, now, current + L);
      } else {
        send(producer, topic, current + L);
      }
      Thread.sleep(150);
    }
  }

  /**
   * One round per stamp: every counter once, every timer one to three times; one record per
   * partition holding the samples of every stamp.
   */
  private void send(KafkaProducer<byte[], SampleBatch> producer, String topic, long... stamps)
      throws Exception {
    Map<Integer, List<MetricSample>> byPartition = new HashMap<>();
    for (long at : stamps) {
      addRound(byPartition, at);
    }
    for (Map.Entry<Integer, List<MetricSample>> partition : byPartition.entrySet()) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, partition.getKey(), null, new SampleBatch(partition.getValue())))
          .get();
    }
  }

  private void addRound(Map<Integer, List<MetricSample>> byPartition, long at) {
    Map<String, Double> values = expected.computeIfAbsent(startOf(at), s -> new TreeMap<>());
    for (String counter : COUNTERS) {
      int value = 1 + random.nextInt(9);
      add(byPartition, MetricSample.counter(counter, value, 1.0, at));
      values.merge("stats_counts." + counter, (double) value, Double::sum);
    }
    for (String timer : TIMERS) {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        add(byPartition, MetricSample.timer(timer, random.nextInt(500), 1.0, at));
      }
      values.merge("stats.timers." + timer + ".count", (double) count, Double::sum);
    }
  }

  private static void add(Map<Integer, List<MetricSample>> byPartition, MetricSample sample) {
    byPartition
        .computeIfAbsent(
            MetricPartitioner.partitionFor(sample.name(), PARTITIONS), p -> new ArrayList<>())
        .add(sample);
  }

  /** Starts {@code Aggregator.main} in a child JVM on this test's class path. */
  private Process startAggregator(List<String> args, String name) throws Exception {
    Path logs = Path.of("target", "crash-test");
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Aggregator.class.getName()));
    command.addAll(args);
    File log = logs.resolve(name + ".log").toFile();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    children.add(process);
    return process;
  }
}

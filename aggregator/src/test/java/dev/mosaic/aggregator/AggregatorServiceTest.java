package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.KafkaTopicProvisioner;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class AggregatorServiceTest {
  private static final int PARTITIONS = 2;

  @Test
  void publishesAnIntervalsAggregatesThenZeroForTheIdleCounter(EmbeddedKafkaBroker kafka)
      throws Exception {
    ServiceContext context =
        context(
            kafka,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            "--aggregator.flush-interval=1s",
            "--aggregator.grace=200ms");
    long t = (System.currentTimeMillis() / 1000 - 3) * 1000;
    produceGarbage(context.kafka(), MetricPartitioner.partitionFor("api.hits", PARTITIONS));
    produce(
        context.kafka(),
        List.of(
            MetricSample.counter("api.hits", 3, 0.5, t + 100),
            MetricSample.counter("api.hits", 1, 1.0, t + 999),
            MetricSample.gauge("temp", 21.5, t + 200),
            MetricSample.gaugeDelta("temp", -1.5, t + 300),
            MetricSample.set("users", "alice", t + 10),
            MetricSample.set("users", "bob", t + 20),
            MetricSample.set("users", "alice", t + 30)),
        List.of(10.0, 20.0, 30.0, 40.0).stream()
            .map(ms -> MetricSample.timer("api.latency", ms, 1.0, t + 400))
            .toList());

    try (MosaicService service = Aggregator.DEFINITION.factory().create(context);
        AggregatesReader reader = reader(kafka, context)) {
      service.start();
      long second = t / 1000;
      Map<Long, Map<String, List<Double>>> seen =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  reader::poll,
                  points ->
                      points.containsKey(second + 1)
                          && points.get(second + 1).containsKey("stats_counts.api.hits"));

      String timer = "stats.timers.api.latency.";
      assertThat(withoutStatsdOwn(seen.get(second)))
          .containsEntry("stats_counts.api.hits", List.of(7.0))
          .containsEntry("stats.api.hits", List.of(7.0))
          .containsEntry("stats.gauges.temp", List.of(20.0))
          .containsEntry("stats.sets.users.count", List.of(2.0))
          .containsEntry(timer + "count", List.of(4.0))
          .containsEntry(timer + "count_ps", List.of(4.0))
          .containsEntry(timer + "mean", List.of(25.0))
          .containsEntry(timer + "median", List.of(25.0))
          .containsEntry(timer + "upper", List.of(40.0))
          .containsEntry(timer + "lower", List.of(10.0))
          .containsEntry(timer + "sum", List.of(100.0))
          .containsEntry(timer + "sum_squares", List.of(3000.0))
          .containsEntry(timer + "std", List.of(Math.sqrt(125)))
          .containsEntry(timer + "count_90", List.of(4.0))
          .containsEntry(timer + "mean_90", List.of(25.0))
          .containsEntry(timer + "upper_90", List.of(40.0))
          .containsEntry(timer + "sum_90", List.of(100.0))
          .containsEntry(timer + "sum_squares_90", List.of(3000.0))
          .hasSize(18);
      assertThat(withoutStatsdOwn(seen.get(second + 1)))
          .containsEntry("stats_counts.api.hits", List.of(0.0))
          .containsEntry("stats.api.hits", List.of(0.0))
          .containsEntry("stats.gauges.temp", List.of(20.0))
          .containsEntry("stats.sets.users.count", List.of(0.0))
          .containsEntry(timer + "count", List.of(0.0))
          .containsEntry(timer + "count_ps", List.of(0.0))
          .hasSize(6);
      // Etsy's numStats: counter, timer, gauge, set; then also its timestamp_lag gauge.
      assertThat(seen.get(second))
          .containsEntry("statsd.numStats", List.of(4.0))
          .containsKey("stats.statsd.graphiteStats.calculationtime")
          .doesNotContainKey("stats.gauges.statsd.timestamp_lag");
      assertThat(seen.get(second + 1))
          .containsEntry("statsd.numStats", List.of(5.0))
          .containsKey("stats.gauges.statsd.timestamp_lag");
      assertThat(seen).doesNotContainKey(second - 1);
      assertThat(((AggregatorService) service).isRunning()).isTrue();
      service.close();
      assertThat(((AggregatorService) service).isRunning()).isFalse();
      assertThat(((AggregatorService) service).failure()).isEmpty();
      assertThat(context.meters().counter("mosaic.aggregator.samples").count()).isEqualTo(11.0);
      assertThat(context.meters().counter("mosaic.aggregator.bad_records").count()).isEqualTo(1.0);
    }
  }

  /**
   * The aggregator's clock stands still just past the interval's end, so the wall-clock rule for
   * idle partitions (end + grace) can never close it: it is published only because every partition
   * read a sample the allowed out-of-orderness past its end.
   */
  @Test
  void busyPartitionsCloseAnIntervalByWatermarkBeforeTheGraceHasPassed(EmbeddedKafkaBroker kafka)
      throws Exception {
    long t = (System.currentTimeMillis() / 10_000 - 1) * 10_000;
    long end = t + 10_000;
    ServiceContext context =
        context(
            kafka,
            Clock.fixed(Instant.ofEpochMilli(end + 500), ZoneOffset.UTC),
            new SimpleMeterRegistry(),
            "--aggregator.flush-interval=10s",
            "--aggregator.grace=2s",
            "--aggregator.max-out-of-orderness=500ms");
    List<List<MetricSample>> records = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      String name = nameOnPartition(partition);
      records.add(List.of(MetricSample.counter(name, partition + 1, 1.0, t + 100)));
      records.add(List.of(MetricSample.counter(name, 10, 1.0, end + 500)));
    }
    produce(context.kafka(), records.toArray(List[]::new));

    try (MosaicService service = Aggregator.DEFINITION.factory().create(context);
        AggregatesReader reader = reader(kafka, context)) {
      service.start();
      Map<Long, Map<String, List<Double>>> seen =
          await().atMost(Duration.ofSeconds(30)).until(reader::poll, p -> p.containsKey(t / 1000));

      assertThat(seen.get(t / 1000))
          .containsEntry("stats_counts." + nameOnPartition(0), List.of(1.0))
          .containsEntry("stats_counts." + nameOnPartition(1), List.of(2.0));
      assertThat(seen).doesNotContainKey(end / 1000);
    }
  }

  /**
   * As above, but after the interval's samples the partitions carry only collectors' heartbeats
   * (empty batches whose record time is their collector's clock): an idle partition then closes the
   * interval by watermark too. Until the second partition's heartbeat is there, nothing is
   * published, since its clock is never past the grace either.
   */
  @Test
  void heartbeatsCloseAnIntervalOfIdlePartitionsBeforeTheGraceHasPassed(EmbeddedKafkaBroker kafka)
      throws Exception {
    long t = (System.currentTimeMillis() / 10_000 - 1) * 10_000;
    long end = t + 10_000;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ServiceContext context =
        context(
            kafka,
            Clock.fixed(Instant.ofEpochMilli(end + 500), ZoneOffset.UTC),
            meters,
            "--aggregator.flush-interval=10s",
            "--aggregator.grace=2s",
            "--aggregator.max-out-of-orderness=500ms");
    produce(
        context.kafka(),
        List.of(MetricSample.counter(nameOnPartition(0), 1, 1.0, t + 100)),
        List.of(MetricSample.counter(nameOnPartition(1), 2, 1.0, t + 200)));
    produceHeartbeat(context.kafka(), 0, end + 500);

    try (MosaicService service = Aggregator.DEFINITION.factory().create(context);
        AggregatesReader reader = reader(kafka, context)) {
      service.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> meters.counter("mosaic.aggregator.samples").count() == 2);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !reader.poll().containsKey(t / 1000));

      produceHeartbeat(context.kafka(), 1, end + 500);
      Map<Long, Map<String, List<Double>>> seen =
          await().atMost(Duration.ofSeconds(30)).until(reader::poll, p -> p.containsKey(t / 1000));

      assertThat(seen.get(t / 1000))
          .containsEntry("stats_counts." + nameOnPartition(0), List.of(1.0))
          .containsEntry("stats_counts." + nameOnPartition(1), List.of(2.0));
      assertThat(seen).doesNotContainKey(end / 1000);
      assertThat(meters.counter("mosaic.aggregator.bad_records").count()).isZero();
    }
  }

  private static String nameOnPartition(int partition) {
    for (int i = 0; ; i++) {
      if (MetricPartitioner.partitionFor("m" + i, PARTITIONS) == partition) {
        return "m" + i;
      }
    }
  }

  /**
   * A restarted aggregator (a new service on the same group and topics) continues with the known
   * series and gauge levels the first one committed to the state topic: their samples were
   * committed, so it does not read them again.
   */
  @Test
  void restartedAggregatorKeepsGaugeLevelsAndKnownIdleSeries(EmbeddedKafkaBroker kafka)
      throws Exception {
    ServiceContext context =
        context(
            kafka,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            "--aggregator.flush-interval=1s",
            "--aggregator.grace=200ms");
    long t = (System.currentTimeMillis() / 1000 - 3) * 1000;
    produce(
        context.kafka(),
        List.of(MetricSample.gauge("temp", 20, t + 100)),
        List.of(MetricSample.counter("api.hits", 5, 1.0, t + 200)));

    try (AggregatesReader reader = reader(kafka, context)) {
      try (MosaicService first = Aggregator.DEFINITION.factory().create(context)) {
        first.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                reader::poll,
                points ->
                    points.containsKey(t / 1000 + 1)
                        && points.get(t / 1000 + 1).containsKey("stats.gauges.temp"));
      }

      try (MosaicService second = Aggregator.DEFINITION.factory().create(context)) {
        second.start();
        // The restarted aggregator flushes once samples come; "wake" only starts that.
        long u = System.currentTimeMillis();
        produce(context.kafka(), List.of(MetricSample.counter("wake", 1, 1.0, u)));
        Map<String, List<Double>> afterRestart =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(reader::poll, points -> points.containsKey(u / 1000))
                .get(u / 1000);
        assertThat(afterRestart)
            .containsEntry("stats.gauges.temp", List.of(20.0))
            .containsEntry("stats_counts.api.hits", List.of(0.0))
            .containsEntry("stats_counts.wake", List.of(1.0));

        long v = System.currentTimeMillis();
        produce(context.kafka(), List.of(MetricSample.gaugeDelta("temp", 2, v)));
        Map<String, List<Double>> afterDelta =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(reader::poll, points -> points.containsKey(v / 1000))
                .get(v / 1000);
        assertThat(afterDelta)
            .containsEntry("stats.gauges.temp", List.of(22.0))
            .containsEntry("stats_counts.api.hits", List.of(0.0));
      }
    }
    try (Admin admin = Admin.create(context.kafka().clientProperties("test-admin"))) {
      ConfigResource state =
          new ConfigResource(
              ConfigResource.Type.TOPIC, AggregatorService.stateTopic(context.kafka()));
      assertThat(
              admin
                  .describeConfigs(List.of(state))
                  .all()
                  .get(30, TimeUnit.SECONDS)
                  .get(state)
                  .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                  .value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
  }

  @Test
  void restartAfterAFlushPublishesEachSampleExactlyOnce(EmbeddedKafkaBroker kafka)
      throws Exception {
    long t = 1_700_000_000_000L;
    MutableClock clock = new MutableClock(t + 500);
    String[] args = {"--aggregator.consumer-group=g-" + UUID.randomUUID()};
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    ServiceContext first = context(kafka, clock, firstMeters, args);
    // The second record straddles the interval boundary: part of it is published before the
    // restart, the rest only after.
    produce(
        first.kafka(),
        List.of(MetricSample.counter("c", 1, 1.0, t + 100)),
        List.of(
            MetricSample.counter("c", 4, 1.0, t + 9_900),
            MetricSample.counter("c", 2, 1.0, t + 10_100)));

    try (AggregatesReader reader = reader(kafka, first)) {
      try (MosaicService service = Aggregator.DEFINITION.factory().create(first)) {
        service.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> firstMeters.counter("mosaic.aggregator.samples").count() == 3);
        clock.set(t + 12_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().containsKey(t / 1000));
      }

      SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
      clock.set(t + 13_000);
      ServiceContext second =
          new ServiceContext(first.config(), first.kafka(), secondMeters, clock);
      try (MosaicService service = Aggregator.DEFINITION.factory().create(second)) {
        service.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> secondMeters.counter("mosaic.aggregator.samples").count() == 2);
        clock.set(t + 22_000);
        Map<Long, Map<String, List<Double>>> seen =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(reader::poll, points -> points.containsKey(t / 1000 + 10));

        assertThat(seen.get(t / 1000)).containsEntry("stats_counts.c", List.of(5.0));
        assertThat(seen.get(t / 1000 + 10)).containsEntry("stats_counts.c", List.of(2.0));
        assertThat(secondMeters.counter("mosaic.aggregator.replayed_samples_skipped").count())
            .isEqualTo(1.0);
      }
    }
  }

  /** The points of StatsD's own metrics left out (see StatsdSelfMetricsTest). */
  private static Map<String, List<Double>> withoutStatsdOwn(Map<String, List<Double>> points) {
    Map<String, List<Double>> kept = new TreeMap<>(points);
    kept.keySet().removeIf(name -> name.startsWith("statsd.") || name.contains(".statsd."));
    return kept;
  }

  private static ServiceContext context(
      EmbeddedKafkaBroker kafka, Clock clock, SimpleMeterRegistry meters, String... args)
      throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(AggregatorKeys.ALL);
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kafka.bootstrap-servers=" + kafka.bootstrapServers());
    all.add("--kafka.topic-prefix=t-" + UUID.randomUUID() + ".");
    all.add("--kafka.partitions=" + PARTITIONS);
    if (all.stream().noneMatch(a -> a.startsWith("--aggregator.consumer-group="))) {
      all.add("--aggregator.consumer-group=g-" + UUID.randomUUID());
    }
    MosaicConfig config = new ConfigLoader(keys, Set.of()).load(all, Map.of());
    KafkaSettings settings = KafkaSettings.from(config, kafka.bootstrapServers());
    KafkaTopicProvisioner.ensureTopics(
        settings, 30_000, settings.topics().samples(), settings.topics().aggregates());
    return new ServiceContext(config, settings, meters, clock);
  }

  /** Writes each list as one record, to the partition of its first sample's name. */
  @SafeVarargs
  private static void produce(KafkaSettings kafka, List<MetricSample>... records) throws Exception {
    try (KafkaProducer<byte[], SampleBatch> producer =
        new KafkaProducer<>(
            kafka.clientProperties("test-collector"),
            new ByteArraySerializer(),
            new SampleBatchSerde().serializer())) {
      for (List<MetricSample> samples : records) {
        int partition = MetricPartitioner.partitionFor(samples.get(0).name(), PARTITIONS);
        producer
            .send(
                new ProducerRecord<>(
                    kafka.topics().samples(), partition, null, new SampleBatch(samples)))
            .get();
      }
    }
  }

  /** An empty batch stamped as a collector's heartbeat at {@code timestamp}. */
  private static void produceHeartbeat(KafkaSettings kafka, int partition, long timestamp)
      throws Exception {
    try (KafkaProducer<byte[], SampleBatch> producer =
        new KafkaProducer<>(
            kafka.clientProperties("test-heartbeat"),
            new ByteArraySerializer(),
            new SampleBatchSerde().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  kafka.topics().samples(), partition, timestamp, null, new SampleBatch(List.of())))
          .get();
    }
  }

  /** A record no SampleBatch reader understands, ahead of the valid ones. */
  private static void produceGarbage(KafkaSettings kafka, int partition) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.clientProperties("test-garbage"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  kafka.topics().samples(), partition, null, new byte[] {1, 5, 'g', 'a', 'r'}))
          .get();
    }
  }

  private static AggregatesReader reader(EmbeddedKafkaBroker kafka, ServiceContext context) {
    return new AggregatesReader(
        kafka.bootstrapServers(), context.kafka().topics().aggregates(), PARTITIONS);
  }
}

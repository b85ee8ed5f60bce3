package dev.mosaic.storagebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import dev.mosaic.storagebridge.carbon.CarbonDestination;
import dev.mosaic.storagebridge.carbon.ConsistentHashRing;
import dev.mosaic.storagebridge.carbon.RealCarbon;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge against a real Kafka broker and Debian's real carbon-cache: every assertion is on what
 * carbon stored in whisper. Slow (carbon writes within seconds), so few and tagged.
 */
@Tag("carbon")
@ExtendWith(KafkaBrokerExtension.class)
class StorageBridgeRealCarbonTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String prefix = "t-" + UUID.randomUUID() + ".";
  // Each test has its own carbon and data directory, so names need not be unique.
  private final String series = "test.bridge.";
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  // Recent and on carbon's 10 s grid: whisper keeps 6 h of 10 s points for test.* series.
  private final long ts = aligned(Clock.systemUTC().instant().getEpochSecond()) - 600;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plaintext", "pickle"})
  void carbonStoresExactlyTheWritablePoints(String protocol, EmbeddedKafkaBroker kafka)
      throws Exception {
    RealCarbon carbon = closeLater(RealCarbon.start("a"));
    int port = protocol.equals("pickle") ? carbon.picklePort() : carbon.linePort();
    startBridge(
        kafka,
        "--storage-bridge.carbon.protocol=" + protocol,
        "--storage-bridge.carbon.port=" + port);

    produce(
        kafka,
        new AggregatePoint(series + "gauge", 1.5, ts),
        new AggregatePoint(series + "bad name", 9, ts),
        new AggregatePoint(series + "rate", -3, ts),
        new AggregatePoint(series + "rate", 0.1, ts + 10),
        new AggregatePoint(series + "nan", Double.NaN, ts));

    await().atMost(WAIT).until(() -> carbon.fetch(series + "rate", ts - 10, ts + 20).size() == 2);
    assertThat(carbon.fetch(series + "rate", ts - 10, ts + 20))
        .isEqualTo(Map.of(ts, -3.0, ts + 10, 0.1));
    await().atMost(WAIT).until(() -> !carbon.fetch(series + "gauge", ts - 10, ts + 20).isEmpty());
    assertThat(carbon.fetch(series + "gauge", ts - 10, ts + 20)).isEqualTo(Map.of(ts, 1.5));
    assertThat(carbon.fetch(series + "nan", ts - 10, ts + 20)).isEmpty();
    assertThat(counter("invalid_names")).isEqualTo(1);
    assertThat(counter("non_finite_values")).isEqualTo(1);
  }

  @Test
  void carbonDownForSeveralIntervals_everyIntervalIsStoredAfterwards(EmbeddedKafkaBroker kafka)
      throws Exception {
    RealCarbon carbon = closeLater(RealCarbon.start("a"));
    startBridge(
        kafka,
        "--storage-bridge.carbon.port=" + carbon.linePort(),
        "--storage-bridge.reconnect.max-backoff=500ms");
    String name = series + "outage";
    produce(kafka, new AggregatePoint(name, 0, ts));
    await().atMost(WAIT).until(() -> carbon.fetch(name, ts - 10, ts + 1).size() == 1);

    carbon.stop();
    Map<Long, Double> expected = new HashMap<>(Map.of(ts, 0.0));
    for (int interval = 1; interval <= 6; interval++) {
      long t = ts + 10L * interval;
      produce(kafka, new AggregatePoint(name, interval * 1.25, t));
      expected.put(t, interval * 1.25);
      double errors = counter("connect.errors");
      await().atMost(WAIT).until(() -> counter("connect.errors") > errors); // still down
    }
    carbon.start();

    await().atMost(WAIT).until(() -> carbon.fetch(name, ts - 10, ts + 61).size() == 7);
    assertThat(carbon.fetch(name, ts - 10, ts + 61)).isEqualTo(expected);
    assertThat(counter("points.replayed")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void consistentHashing_eachMetricIsStoredOnlyOnTheCarbonTheRingPicks(EmbeddedKafkaBroker kafka)
      throws Exception {
    RealCarbon a = closeLater(RealCarbon.start("a"));
    RealCarbon b = closeLater(RealCarbon.start("b"));
    List<CarbonDestination> destinations =
        List.of(
            new CarbonDestination("127.0.0.1", a.linePort(), "a"),
            new CarbonDestination("127.0.0.1", b.linePort(), "b"));
    startBridge(
        kafka,
        "--storage-bridge.carbon.destinations=" + destinations.get(0) + "," + destinations.get(1));

    List<AggregatePoint> points = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      points.add(new AggregatePoint(series + "m" + i, i, ts));
    }
    produce(kafka, points.toArray(AggregatePoint[]::new));

    ConsistentHashRing ring = new ConsistentHashRing(destinations);
    Set<CarbonDestination> used = new java.util.HashSet<>();
    for (AggregatePoint point : points) {
      CarbonDestination chosen = ring.destinationFor(point.name());
      used.add(chosen);
      RealCarbon owner = chosen.instance().equals("a") ? a : b;
      RealCarbon other = owner == a ? b : a;
      await().atMost(WAIT).until(() -> !owner.fetch(point.name(), ts - 10, ts + 1).isEmpty());
      assertThat(owner.fetch(point.name(), ts - 10, ts + 1)).isEqualTo(Map.of(ts, point.value()));
      assertThat(other.fetch(point.name(), ts - 10, ts + 1)).isEmpty();
    }
    assertThat(used).hasSize(2); // the names were chosen so both carbons get some
  }

  @Test
  void replicate_oneCarbonDownDoesNotHoldUpTheOther_andGetsEverythingLater(
      EmbeddedKafkaBroker kafka) throws Exception {
    RealCarbon up = closeLater(RealCarbon.start("a"));
    RealCarbon down = closeLater(RealCarbon.start("b"));
    down.stop();
    startBridge(
        kafka,
        "--storage-bridge.carbon.relay-method=replicate",
        "--storage-bridge.reconnect.max-backoff=500ms",
        "--storage-bridge.carbon.destinations=127.0.0.1:"
            + up.linePort()
            + ":a,127.0.0.1:"
            + down.linePort()
            + ":b");
    String name = series + "replicated";

    for (int interval = 0; interval < 3; interval++) {
      produce(kafka, new AggregatePoint(name, interval, ts + 10L * interval));
    }
    Map<Long, Double> expected = Map.of(ts, 0.0, ts + 10, 1.0, ts + 20, 2.0);
    await().atMost(WAIT).until(() -> up.fetch(name, ts - 10, ts + 21).size() == 3);
    assertThat(up.fetch(name, ts - 10, ts + 21)).isEqualTo(expected);

    down.start();
    await().atMost(WAIT).until(() -> down.fetch(name, ts - 10, ts + 21).size() == 3);
    assertThat(down.fetch(name, ts - 10, ts + 21)).isEqualTo(expected);
  }

  private void startBridge(EmbeddedKafkaBroker kafka, String... args) throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(StorageBridgeKeys.ALL);
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kafka.topic-prefix=" + prefix);
    all.add("--storage-bridge.consumer-group=g-" + UUID.randomUUID());
    MosaicConfig config = new ConfigLoader(keys, Set.of()).load(all, Map.of());
    MosaicService bridge =
        StorageBridge.DEFINITION
            .factory()
            .create(
                new ServiceContext(
                    config,
                    KafkaSettings.from(config, kafka.bootstrapServers()),
                    meters,
                    Clock.systemUTC()));
    closeLater(bridge);
    bridge.start();
  }

  private void produce(EmbeddedKafkaBroker kafka, AggregatePoint... points) throws Exception {
    AggregateBatch batch = new AggregateBatch(ts * 1000, 10_000, List.of(points));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(prefix + "aggregates", AggregateBatchSerde.encode(batch)))
          .get();
    }
  }

  private double counter(String name) {
    return meters.find("mosaic.storage-bridge." + name).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static long aligned(long seconds) {
    return seconds - seconds % 10;
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}

package dev.mosaic.stateengine;

import static dev.mosaic.stateengine.StateEngineTestKit.another;
import static dev.mosaic.stateengine.StateEngineTestKit.get;
import static dev.mosaic.stateengine.StateEngineTestKit.openIds;
import static dev.mosaic.stateengine.StateEngineTestKit.points;
import static dev.mosaic.stateengine.StateEngineTestKit.produce;
import static dev.mosaic.stateengine.StateEngineTestKit.read;
import static dev.mosaic.stateengine.StateEngineTestKit.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two engines in one consumer group share the series by partition and hand them over. */
@ExtendWith(KafkaBrokerExtension.class)
class PartitionHandOverTest {
  private static final int PARTITIONS = 4;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path checksDir;

  @Test
  void anEngineThatStopsHandsItsOpenIncidentsToTheOtherWithoutOpeningThemAgain(
      EmbeddedKafkaBroker kafka) throws Exception {
    Files.writeString(
        checksDir.resolve("api.yaml"),
        "checks:\n  - name: api-latency\n    pattern: stats.timers.*.upper_90\n    critical: 500\n");
    ServiceContext first = StateEngineTestKit.context(kafka, checksDir, PARTITIONS);
    ServiceContext second = another(first);
    List<IncidentEvent> events = new ArrayList<>();

    try (KafkaConsumer<String, byte[]> incidents =
            StateEngineTestKit.incidentsReader(first.kafka(), PARTITIONS);
        StateEngineService b = start(second)) {
      Set<String> opened;
      try (StateEngineService a = start(first)) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    owned(first) > 0
                        && owned(second) > 0
                        && owned(first) + owned(second) == PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
          produce(first.kafka(), p, new AggregatePoint(series(p), 900, 1_700_000_000L));
        }
        await().atMost(WAIT).until(() -> read(incidents, events).size() == PARTITIONS);
        opened = ids(events);
        Set<String> atA = openIds(a);
        Set<String> atB = openIds(b);
        assertThat(atA).isNotEmpty().doesNotContainAnyElementsOf(atB);
        assertThat(atB).isNotEmpty();
        assertThat(union(atA, atB)).isEqualTo(opened);
      }

      // a is gone: b takes over its partitions and, with them, its open incidents.
      await().atMost(WAIT).until(() -> owned(second) == PARTITIONS);
      assertThat(openIds(b)).isEqualTo(opened);
      for (int p = 0; p < PARTITIONS; p++) {
        produce(second.kafka(), p, new AggregatePoint(series(p), 950, 1_700_000_010L));
      }
      await().atMost(WAIT).until(() -> points(second) >= PARTITIONS);
      for (int p = 0; p < PARTITIONS; p++) {
        produce(second.kafka(), p, new AggregatePoint(series(p), 100, 1_700_000_020L));
      }
      await().atMost(WAIT).until(() -> read(incidents, events).size() == 2 * PARTITIONS);
      assertThat(get(b, "/incidents?state=open").get("incidents")).isEmpty();
    }

    assertThat(events.stream().filter(e -> e.kind() == Kind.OPENED)).hasSize(PARTITIONS);
    assertThat(events.stream().filter(e -> e.kind() == Kind.RESOLVED)).hasSize(PARTITIONS);
    assertThat(events).extracting(IncidentEvent::kind).containsOnly(Kind.OPENED, Kind.RESOLVED);
  }

  private static String series(int partition) {
    return "stats.timers.p" + partition + ".upper_90";
  }

  private static Set<String> ids(List<IncidentEvent> events) {
    Set<String> ids = new java.util.TreeSet<>();
    events.forEach(e -> ids.add(e.incident().id()));
    return ids;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return new java.util.TreeSet<>(all);
  }

  private static double owned(ServiceContext context) {
    return context.meters().get("mosaic.state-engine.owned_partitions").gauge().value();
  }
}

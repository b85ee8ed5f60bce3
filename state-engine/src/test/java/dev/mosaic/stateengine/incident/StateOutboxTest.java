package dev.mosaic.stateengine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.IncidentSerde;
import dev.mosaic.contract.SeriesSnapshot;
import dev.mosaic.contract.SeriesSnapshotSerde;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.contract.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StateOutboxTest {
  private static final Incident INCIDENT =
      new Incident(
          "00112233aabbccdd",
          "latency",
          "stats.timers.api.upper_90",
          SeriesState.CRITICAL,
          "page",
          Map.of(),
          "d",
          1_000,
          null,
          900.0,
          false,
          0,
          false,
          List.of());
  private final StateOutbox outbox = new StateOutbox(new Topics("p."));

  @Test
  void anEventGoesToTheIncidentsTopicByKeyAndItsIncidentToTheSeriesPartition() {
    outbox.events(3, List.of(new IncidentEvent(Kind.OPENED, 1_000, true, INCIDENT)));

    List<ProducerRecord<String, byte[]>> records = records();
    assertThat(records).hasSize(2);
    assertThat(records.get(0).topic()).isEqualTo("p.incidents");
    assertThat(records.get(0).partition()).isNull(); // the key picks it, as the notifier expects
    assertThat(records.get(0).key()).isEqualTo(INCIDENT.id());
    assertThat(records.get(1).topic()).isEqualTo("p.incident-state");
    assertThat(records.get(1).partition()).isEqualTo(3);
    assertThat(records.get(1).key()).isEqualTo(INCIDENT.id());
    assertThat(IncidentSerde.decode(records.get(1).value())).isEqualTo(INCIDENT);
  }

  @Test
  void snapshotsAndDeletionsGoToTheSeriesPartitionUnderTheirKeys() {
    SeriesSnapshot snapshot =
        new SeriesSnapshot("latency", INCIDENT.series(), SeriesState.OK, null, 0, 5, null, false);
    outbox.series(1, snapshot.key(), snapshot);
    outbox.series(1, snapshot.key(), null);
    outbox.forgotten(2, INCIDENT.id());

    List<ProducerRecord<String, byte[]>> records = records();
    assertThat(records).extracting(ProducerRecord::partition).containsExactly(1, 1, 2);
    assertThat(records)
        .extracting(ProducerRecord::key)
        .containsExactly(snapshot.key(), snapshot.key(), INCIDENT.id());
    assertThat(SeriesSnapshotSerde.decode(records.get(0).value())).isEqualTo(snapshot);
    assertThat(records.get(1).value()).isNull(); // tombstones
    assertThat(records.get(2).value()).isNull();
  }

  @Test
  void entriesStayUntilRemovedAndLostPartitionsAreDiscarded() {
    outbox.forgotten(1, "a");
    outbox.forgotten(2, "b");
    outbox.forgotten(1, "c");

    outbox.remove(1);
    assertThat(records()).extracting(ProducerRecord::key).containsExactly("b", "c");
    outbox.discard(List.of(1));
    assertThat(records()).extracting(ProducerRecord::key).containsExactly("b");
  }

  private List<ProducerRecord<String, byte[]>> records() {
    return outbox.peek().stream().map(StateOutbox.Entry::record).toList();
  }
}

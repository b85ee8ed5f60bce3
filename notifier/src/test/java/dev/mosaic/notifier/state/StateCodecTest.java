package dev.mosaic.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.TestIncidents;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.Grouping;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final IncidentEvent A =
      TestIncidents.opened(TestIncidents.incident("api", "stats.a", "page", Map.of("team", "x")));
  private static final IncidentEvent B =
      TestIncidents.opened(TestIncidents.incident("api", "stats.b", "page", Map.of()));

  @Test
  void anEscalationRoundTrips() {
    PendingEscalation pending = new PendingEscalation("api", 2, 123_456L, A);

    assertThat(StateCodec.decodeEscalation(StateCodec.encode(pending))).isEqualTo(pending);
  }

  @Test
  void aGroupRoundTripsWithItsIncidentsInOrder() {
    Map<String, IncidentEvent> events = new LinkedHashMap<>();
    events.put(B.incident().id(), B);
    events.put(A.incident().id(), A);
    NotificationGroup group =
        new NotificationGroup(
            "4:check=api",
            List.of("ops", "oncall:primary"),
            new Grouping(
                List.of("check"),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(4)),
            Map.of("check", "api"),
            events,
            true,
            Long.MAX_VALUE,
            99L,
            3);

    NotificationGroup decoded = StateCodec.decodeGroup(StateCodec.encode(group));

    assertThat(decoded).isEqualTo(group);
    assertThat(decoded.events().keySet()).containsExactly(B.incident().id(), A.incident().id());
  }

  @Test
  void deliveriesRoundTrip() {
    List<DeliveryLog.Entry> entries =
        List.of(
            new DeliveryLog.Entry(
                "i/1", "ops", "i/1/opened/5", DeliveryOutcome.DELIVERED, 1, 200, 7),
            new DeliveryLog.Entry("i/1", "pd", "i/1/opened/5", DeliveryOutcome.GAVE_UP, 30, 0, 9));

    assertThat(StateCodec.decodeDeliveries(StateCodec.encode(entries))).isEqualTo(entries);
  }

  @Test
  void keysKeepTheirPartsApartWhateverTheyContain() {
    String key = StateCodec.key("my group", StateCodec.GROUP, "4:check=a,\"b\"/c");

    assertThat(StateCodec.parseKey(key))
        .isEqualTo(new StateCodec.Key("my group", StateCodec.GROUP, "4:check=a,\"b\"/c"));
  }

  @Test
  void anotherVersionOrGarbageIsRefused() {
    assertThatThrownBy(
            () ->
                StateCodec.decodeEscalation(
                    "{\"version\":2,\"policy\":\"p\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> StateCodec.parseKey("not a key"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

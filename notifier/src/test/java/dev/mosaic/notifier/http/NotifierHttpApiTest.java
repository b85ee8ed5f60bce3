package dev.mosaic.notifier.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.notifier.schedule.Rotation;
import dev.mosaic.notifier.schedule.Schedule;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifierHttpApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final DeliveryLog log = new DeliveryLog(2);
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final Map<String, Schedule> schedules =
      Map.of(
          "primary",
          new Schedule(
              "primary",
              new Rotation(
                  List.of("alice", "bob"),
                  LocalDate.of(2024, 3, 3),
                  LocalTime.of(9, 0),
                  ZoneId.of("Europe/Berlin"),
                  7),
              List.of()));
  private NotifierHttpApi api;

  @BeforeEach
  void start() throws Exception {
    api =
        new NotifierHttpApi(
            new InetSocketAddress("127.0.0.1", 0),
            log,
            healthy::get,
            schedules::get,
            Clock.fixed(Instant.parse("2024-03-25T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsUpUntilTheNotifierFails() throws Exception {
    assertThat(send("GET", "/health").statusCode()).isEqualTo(200);

    healthy.set(false);

    HttpResponse<String> response = send("GET", "/health");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"status\":\"failed\"}");
  }

  @Test
  void notificationsListsTheDeliveriesOfOneIncidentOldestFirst() throws Exception {
    log.add(
        new DeliveryLog.Entry("a/1", "ops", "a/1/opened/5", DeliveryOutcome.GAVE_UP, 3, 503, 9));
    log.add(new DeliveryLog.Entry("b", "ops", "b/opened/5", DeliveryOutcome.DELIVERED, 1, 200, 9));
    log.add(
        new DeliveryLog.Entry("a/1", "pd", "a/1/resolved/7", DeliveryOutcome.REJECTED, 1, 400, 11));

    HttpResponse<String> response = send("GET", "/notifications?incident=a%2F1");

    assertThat(response.statusCode()).isEqualTo(200);
    // The log holds two entries, so the first one has been dropped.
    assertThat(response.body())
        .isEqualTo(
            "{\"incident\":\"a/1\",\"deliveries\":[{\"receiver\":\"pd\","
                + "\"idempotency_key\":\"a/1/resolved/7\",\"outcome\":\"REJECTED\",\"attempts\":1,"
                + "\"last_status\":400,\"at_millis\":11}]}");
  }

  @Test
  void onCallAnswersForTheGivenInstantOrNow() throws Exception {
    HttpResponse<String> atHandOff =
        send("GET", "/schedules/primary/oncall?at=2024-03-31T09:00:00%2B02:00");
    HttpResponse<String> now = send("GET", "/schedules/primary/oncall");

    assertThat(atHandOff.statusCode()).isEqualTo(200);
    assertThat(atHandOff.body())
        .isEqualTo(
            "{\"schedule\":\"primary\",\"at\":\"2024-03-31T07:00:00Z\",\"member\":\"alice\","
                + "\"from\":\"2024-03-31T07:00:00Z\",\"until\":\"2024-04-07T07:00:00Z\","
                + "\"override\":false}");
    assertThat(now.body()).contains("\"member\":\"bob\"", "\"at\":\"2024-03-25T00:00:00Z\"");
  }

  @Test
  void onCallOfAnUnknownScheduleOrABadInstantIsRefused() throws Exception {
    assertThat(send("GET", "/schedules/nope/oncall").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/schedules/primary/oncall?at=yesterday").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/schedules/primary/oncall?at=2024-03-31T09:00").statusCode())
        .isEqualTo(400);
  }

  @Test
  void badRequestsGetTheirStatus() throws Exception {
    assertThat(send("GET", "/notifications").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/notifications?incident=").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/nothing").statusCode()).isEqualTo(404);
    assertThat(send("POST", "/health").statusCode()).isEqualTo(405);
  }
}

package dev.mosaic.stateengine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.stateengine.check.TestChecks;
import dev.mosaic.stateengine.eval.CheckEngine;
import dev.mosaic.stateengine.eval.RecentValues;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
  private static final long T = 1_700_000_000_000L;
  private static final String TOKEN = "s3cret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<IncidentEvent> published = new ArrayList<>();
  private CheckEngine engine;
  private ApiServer server;
  private String incidentId;

  @BeforeEach
  void start() throws Exception {
    engine = new CheckEngine(new IncidentBook(), new RecentValues(100, 100), published::addAll);
    engine.replaceChecks(
        List.of(
            TestChecks.check(
                "name: latency\npattern: stats.timers.*.upper_90\nwarning: 250\ncritical: 500")),
        T);
    incidentId =
        engine
            .onPoint(new AggregatePoint("stats.timers.api.upper_90", 600, T / 1000 - 20), T)
            .get(0)
            .incident()
            .id();
    engine.onPoint(new AggregatePoint("stats.timers.web.upper_90", 100, T / 1000 - 20), T);
    published.clear(); // the opening event; the tests look at what the API causes
    server = serve(TOKEN);
  }

  private ApiServer serve(String token) throws Exception {
    return ApiServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new ApiRoutes(engine, clock, token, () -> Optional.of("a.yaml:3: broken")));
  }

  @AfterEach
  void stop() {
    server.close();
    server.close(); // idempotent
  }

  @Test
  void healthReportsCountsAndTheCheckFileError() throws Exception {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("checks").asInt()).isEqualTo(1);
    assertThat(body.get("openIncidents").asInt()).isEqualTo(1);
    assertThat(body.get("checkFileError").asText()).isEqualTo("a.yaml:3: broken");
  }

  @Test
  void healthAndChecksGiveTheCheckFileErrorAsFileLineAndMessage() throws Exception {
    for (String path : List.of("/health", "/checks")) {
      JsonNode errors = JSON.readTree(get(path).body()).get("checkFileErrors");

      assertThat(errors).hasSize(1);
      assertThat(errors.get(0).get("file").asText()).isEqualTo("a.yaml");
      assertThat(errors.get(0).get("line").asInt()).isEqualTo(3);
      assertThat(errors.get(0).get("message").asText()).isEqualTo("broken");
    }
  }

  @Test
  void healthIsDegradedWhileIncidentsCannotBeWrittenToKafka() throws Exception {
    server.close();
    server =
        ApiServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new ApiRoutes(
                engine,
                clock,
                TOKEN,
                Optional::empty,
                () -> new KafkaHealth(false, 2, T - 60_000, "Timeout expired")));

    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("degraded");
    assertThat(body.get("kafka").get("ownedPartitions").asInt()).isEqualTo(2);
    assertThat(body.get("kafka").get("lastCommitAtMillis").asLong()).isEqualTo(T - 60_000);
    assertThat(body.get("kafka").get("lastError").asText()).isEqualTo("Timeout expired");
    assertThat(body.get("checkFileErrors")).isEmpty();
  }

  @Test
  void checksShowTheirDefinitionAndSeriesStates() throws Exception {
    JsonNode check = JSON.readTree(get("/checks").body()).get("checks").get(0);

    assertThat(check.get("name").asText()).isEqualTo("latency");
    assertThat(check.get("source").asText()).isEqualTo("test.yaml:2");
    assertThat(check.get("critical").get("trigger").asDouble()).isEqualTo(500);
    assertThat(check.get("series").get("stats.timers.api.upper_90").asText()).isEqualTo("CRITICAL");
    assertThat(check.get("series").get("stats.timers.web.upper_90").asText()).isEqualTo("OK");
  }

  @Test
  void incidentsAreListedAndFoundById() throws Exception {
    JsonNode open = JSON.readTree(get("/incidents?state=open").body()).get("incidents");
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("id").asText()).isEqualTo(incidentId);
    assertThat(open.get(0).get("triggerValue").asDouble()).isEqualTo(600);

    HttpResponse<String> one = get("/incidents/" + incidentId);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(one.body()).get("state").asText()).isEqualTo("CRITICAL");
    assertThat(get("/incidents/nope").statusCode()).isEqualTo(404);
    assertThat(get("/incidents?state=sideways").statusCode()).isEqualTo(400);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void mutatingCallsNeedTheBearerToken() throws Exception {
    assertThat(post("/incidents/" + incidentId + "/ack", null).statusCode()).isEqualTo(401);
    assertThat(post("/incidents/" + incidentId + "/ack", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(published).isEmpty();

    HttpResponse<String> acked = post("/incidents/" + incidentId + "/ack", "Bearer " + TOKEN);
    assertThat(acked.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(acked.body()).get("acknowledged").asBoolean()).isTrue();
    assertThat(published)
        .extracting(IncidentEvent::kind)
        .containsExactly(IncidentEvent.Kind.ACKNOWLEDGED);
    assertThat(post("/incidents/nope/ack", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAConfiguredTokenMutatingCallsAreRefused() throws Exception {
    server.close();
    server = serve("");

    assertThat(post("/incidents/" + incidentId + "/ack", "Bearer ").statusCode()).isEqualTo(403);
    assertThat(engine.incident(incidentId).orElseThrow().acknowledged()).isFalse();
  }

  @Test
  void silenceTakesADuration() throws Exception {
    String path = "/incidents/" + incidentId + "/silence";
    assertThat(post(path + "?duration=soon", "Bearer " + TOKEN).statusCode()).isEqualTo(400);

    HttpResponse<String> silenced = post(path + "?duration=30m", "Bearer " + TOKEN);
    assertThat(silenced.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(silenced.body()).get("silencedUntilMillis").asLong())
        .isEqualTo(T + 30 * 60_000);
    assertThat(published)
        .extracting(IncidentEvent::kind)
        .containsExactly(IncidentEvent.Kind.SILENCED);
  }

  @Test
  void umpireCheckAnswersByTheMeanOverTheRange() throws Exception {
    engine.onPoint(new AggregatePoint("stats.gauges.q", 10, T / 1000 - 100), T);
    engine.onPoint(new AggregatePoint("stats.gauges.q", 30, T / 1000 - 10), T);
    engine.onPoint(new AggregatePoint("stats.gauges.q", 50, T / 1000), T);

    assertThat(get("/check?metric=stats.gauges.q&max=40&range=60").statusCode()).isEqualTo(200);
    assertThat(get("/check?metric=stats.gauges.q&max=39&range=60").statusCode()).isEqualTo(500);
    assertThat(get("/check?metric=stats.gauges.q&min=41&range=60").statusCode()).isEqualTo(500);
    assertThat(get("/check?metric=stats.gauges.q&max=30&range=200").statusCode()).isEqualTo(200);
    HttpResponse<String> body = get("/check?metric=stats.gauges.q&max=40&range=60");
    assertThat(JSON.readTree(body.body()).get("means").get("stats.gauges.q").asDouble())
        .isEqualTo(40);
    assertThat(get("/check?metric=stats.timers.*.upper_90&max=500").statusCode()).isEqualTo(500);
    assertThat(get("/check?metric=stats.gauges.q&max=40&range=5").statusCode()).isEqualTo(500);
    assertThat(get("/check?metric=stats.gauges.nothing&max=40").statusCode()).isEqualTo(404);
    assertThat(get("/check?metric=stats.gauges.q&max=lots").statusCode()).isEqualTo(400);
    assertThat(get("/check?max=1").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null && !authorization.isBlank()) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}

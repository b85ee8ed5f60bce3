package dev.mosaic.notifier.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.notifier.schedule.OnCall;
import dev.mosaic.notifier.schedule.Schedule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The notifier's small HTTP API: {@code GET /health}, {@code GET /notifications?incident=<id>} (the
 * delivery log of one incident) and {@code GET /schedules/<name>/oncall?at=<ISO-8601>}, JSON, on
 * the JDK's HttpServer.
 *
 * <pre>
 * HTTP client → NotifierHttpApi → DeliveryLog, Schedule.onCallAt
 * </pre>
 */
public final class NotifierHttpApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEDULES = "/schedules/";
  private static final String ONCALL = "/oncall";

  private final HttpServer server;
  private final DeliveryLog log;
  private final BooleanSupplier healthy;
  private final Function<String, Schedule> schedules;
  private final Clock clock;

  /**
   * Binds and starts serving.
   *
   * @param healthy false once the notifier has failed; {@code /health} then answers 503
   * @param schedules the schedule of a name in the running routes file; null for none
   * @param clock "now" for an on-call question without {@code at}
   * @throws IOException if the address cannot be bound
   */
  public NotifierHttpApi(
      InetSocketAddress address,
      DeliveryLog log,
      BooleanSupplier healthy,
      Function<String, Schedule> schedules,
      Clock clock)
      throws IOException {
    this.log = log;
    this.healthy = healthy;
    this.schedules = schedules;
    this.clock = clock;
    server = HttpServer.create(address, 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, error("only GET is supported"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/health")) {
        boolean up = healthy.getAsBoolean();
        ObjectNode body = JSON.createObjectNode().put("status", up ? "up" : "failed");
        send(exchange, up ? 200 : 503, body);
      } else if (path.equals("/notifications")) {
        String incident = queryParameter(exchange.getRequestURI().getRawQuery(), "incident");
        if (incident == null || incident.isEmpty()) {
          send(exchange, 400, error("query parameter 'incident' is required"));
          return;
        }
        send(exchange, 200, notifications(incident));
      } else if (path.startsWith(SCHEDULES) && path.endsWith(ONCALL)) {
        onCall(exchange, path.substring(SCHEDULES.length(), path.length() - ONCALL.length()));
      } else {
        send(exchange, 404, error("no such resource: " + path));
      }
    }
  }

  private void onCall(HttpExchange exchange, String name) throws IOException {
    Schedule schedule = name.isEmpty() || name.contains("/") ? null : schedules.apply(name);
    if (schedule == null) {
      send(exchange, 404, error("no schedule is named '" + name + "'"));
      return;
    }
    String atText = queryParameter(exchange.getRequestURI().getRawQuery(), "at");
    Instant at;
    try {
      at = atText == null ? clock.instant() : OffsetDateTime.parse(atText).toInstant();
    } catch (DateTimeParseException e) {
      send(
          exchange,
          400,
          error(
              "'at' must be an ISO-8601 date-time with an offset, e.g. 2024-03-31T09:00:00+02:00"));
      return;
    }
    OnCall onCall = schedule.onCallAt(at);
    send(
        exchange,
        200,
        JSON.createObjectNode()
            .put("schedule", onCall.schedule())
            .put("at", at.toString())
            .put("member", onCall.member())
            .put("from", onCall.from().toString())
            .put("until", onCall.until().toString())
            .put("override", onCall.override()));
  }

  private ObjectNode notifications(String incident) {
    ObjectNode body = JSON.createObjectNode().put("incident", incident);
    ArrayNode deliveries = body.putArray("deliveries");
    for (DeliveryLog.Entry entry : log.forIncident(incident)) {
      deliveries
          .addObject()
          .put("receiver", entry.receiver())
          .put("idempotency_key", entry.idempotencyKey())
          .put("outcome", entry.outcome().name())
          .put("attempts", entry.attempts())
          .put("last_status", entry.lastStatus())
          .put("at_millis", entry.atMillis());
    }
    return body;
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Stops at once; safe to call more than once. */
  @Override
  public void close() {
    server.stop(0);
  }
}

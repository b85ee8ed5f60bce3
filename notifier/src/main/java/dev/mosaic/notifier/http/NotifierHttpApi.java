package dev.mosaic.notifier.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The notifier's small HTTP API: {@code GET /health} and {@code GET /notifications?incident=<id>}
 * (the delivery log of one incident), JSON, on the JDK's HttpServer.
 *
 * <pre>
 * HTTP client → NotifierHttpApi → DeliveryLog
 * </pre>
 */
public final class NotifierHttpApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final DeliveryLog log;
  private final BooleanSupplier healthy;

  /**
   * Binds and starts serving.
   *
   * @param healthy false once the notifier has failed; {@code /health} then answers 503
   * @throws IOException if the address cannot be bound
   */
  public NotifierHttpApi(InetSocketAddress address, DeliveryLog log, BooleanSupplier healthy)
      throws IOException {
    this.log = log;
    this.healthy = healthy;
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
      } else {
        send(exchange, 404, error("no such resource: " + path));
      }
    }
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

package dev.mosaic.contract.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server of one mosaic process: {@code /metrics} for Prometheus, {@code /health} and
 * {@code /ready} for supervisors and load balancers.
 *
 * <pre>
 *   GET /metrics → Prometheus text of {@link SelfMetrics}
 *   GET /health  → 200 or 503, JSON: Kafka reachable + every service's {@link MosaicService#health()}
 *   GET /ready   → 200 or 503, JSON: healthy + every service's {@link MosaicService#readiness()}
 * </pre>
 *
 * <p>The probes answer in JSON, e.g. {@code {"status":"UP","checks":{"kafka":{"status":"UP",
 * "detail":"1 broker(s) at kafka:9092"},"collector":{...}}}}. Requests are served by two daemon
 * threads, so a slow Kafka check cannot hold up a scrape for long.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @param services the process's running services, asked on every probe
   * @throws IOException if the address cannot be bound
   */
  public static AdminServer start(
      InetSocketAddress address,
      SelfMetrics metrics,
      KafkaReachability kafka,
      Supplier<List<MosaicService>> services)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.createContext(
        "/health", exchange -> probe(exchange, kafka, services.get(), MosaicService::health));
    server.createContext(
        "/ready", exchange -> probe(exchange, kafka, services.get(), MosaicService::readiness));
    server.createContext(
        "/", exchange -> respond(exchange, 404, "text/plain", "try /metrics, /health or /ready\n"));
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "mosaic-admin-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    AdminServer admin = new AdminServer(server, executor);
    log.info(
        "admin server on http://{}:{}/ (metrics, health, ready)",
        address.getHostString(),
        admin.port());
    return admin;
  }

  /** The bound port: the configured one, or the one the operating system chose for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(
      HttpExchange exchange,
      KafkaReachability kafka,
      List<MosaicService> services,
      Function<MosaicService, Probe> check)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode checks = JSON.createObjectNode();
    boolean up = add(checks, "kafka", kafka.probe());
    if (services.isEmpty()) {
      up &= add(checks, "services", Probe.down("no service is running"));
    }
    for (MosaicService service : services) {
      up &= add(checks, service.name(), safely(service, check));
    }
    body.put("status", up ? "UP" : "DOWN");
    body.set("checks", checks);
    respond(
        exchange,
        up ? 200 : 503,
        "application/json",
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
  }

  private static Probe safely(MosaicService service, Function<MosaicService, Probe> check) {
    try {
      return check.apply(service);
    } catch (RuntimeException e) { // a broken probe is a down service, not a dead endpoint
      return Probe.down("probe failed: " + e);
    }
  }

  private static boolean add(ObjectNode checks, String name, Probe probe) {
    ObjectNode node = checks.putObject(name);
    node.put("status", probe.up() ? "UP" : "DOWN");
    node.put("detail", probe.detail());
    return probe.up();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving at once; safe to call twice. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.mosaic.stateengine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state engine's JSON API on the JDK's HTTP server; routing and answers are {@link ApiRoutes}'.
 *
 * <pre>
 * HTTP client → ApiServer → ApiRoutes → CheckEngine
 * </pre>
 *
 * <p>{@link #close()} stops listening and may be called more than once.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private ApiServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds and starts serving; port 0 picks a free port, see {@link #port()}. */
  public static ApiServer start(InetSocketAddress address, ApiRoutes routes) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "mosaic-state-engine-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", new OnCallPage(exchange -> answer(exchange, routes)));
    server.start();
    return new ApiServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, ApiRoutes routes) throws IOException {
    try (exchange) {
      ApiResponse response;
      try {
        response =
            routes.handle(
                new ApiRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Authorization")));
      } catch (RuntimeException e) {
        log.warn("API call {} failed", exchange.getRequestURI(), e);
        response = ApiResponse.error(500, "internal error: " + e.getMessage());
      }
      byte[] body = JSON.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
      executor.shutdownNow();
    }
  }
}

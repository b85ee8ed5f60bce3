package dev.mosaic.notifier.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that answers the first {@code failures} requests with {@code
 * failureStatus} and the rest with 200, and records every request it got.
 */
public final class TestWebhookServer implements AutoCloseable {
  /** One request as the server saw it. */
  public record Received(String signature, String idempotencyKey, String body, int status) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;
  private final int failureStatus;

  public TestWebhookServer(int failures, int failureStatus) throws IOException {
    this.failuresLeft = new AtomicInteger(failures);
    this.failureStatus = failureStatus;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 200;
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER),
                  exchange.getRequestHeaders().getFirst(WebhookDeliverer.IDEMPOTENCY_HEADER),
                  body,
                  status));
          byte[] answer =
              (status == 200 ? "ok" : "nope " + status).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  /** Answers 200 to every request from now on, like a receiver back from an outage. */
  public void succeedFromNow() {
    failuresLeft.set(0);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests answered 200: the notifications delivered. */
  public List<Received> accepted() {
    return received.stream().filter(r -> r.status() == 200).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.mosaic.stateengine.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the on-call web page ({@code GET /} and {@code /ui/*}) from the jar and hands every other
 * request to the JSON API. The page is plain HTML, JavaScript and CSS that poll the API.
 *
 * <pre>
 * browser → ApiServer → OnCallPage ─ /, /ui/* → ui/ resources beside this class
 *                                  └ anything else → ApiRoutes
 * </pre>
 *
 * <p>Assets are sent with {@code Cache-Control: no-cache} and an {@code ETag}: a browser keeps them
 * but asks each time, so a new jar's page shows at the next load and an unchanged one costs a 304.
 * The HTML carries a Content-Security-Policy that allows scripts, styles and requests to this
 * origin only.
 */
final class OnCallPage implements HttpHandler {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Map<String, UiAsset> assets;
  private final HttpHandler api;

  /** Reads the page's files; fails at once if the jar lacks one. */
  OnCallPage(HttpHandler api) {
    this.api = api;
    this.assets =
        Map.of(
            "/", UiAsset.load("index.html", "text/html; charset=utf-8"),
            "/ui/app.js", UiAsset.load("app.js", "text/javascript; charset=utf-8"),
            "/ui/app.css", UiAsset.load("app.css", "text/css; charset=utf-8"));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/") && !path.startsWith("/ui/")) {
      api.handle(exchange);
      return;
    }
    try (exchange) {
      UiAsset asset = assets.get(path);
      String method = exchange.getRequestMethod();
      if (asset == null) {
        plain(exchange, 404, "no such file: " + path);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        plain(exchange, 405, method + " is not allowed here");
      } else {
        send(exchange, asset, method.equals("HEAD"));
      }
    }
  }

  private static void send(HttpExchange exchange, UiAsset asset, boolean head) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", asset.contentType());
    headers.set("Cache-Control", "no-cache");
    headers.set("ETag", asset.etag());
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (asset.contentType().startsWith("text/html")) {
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
      exchange.sendResponseHeaders(304, -1);
    } else if (head) {
      // -1: no body; the JDK server then sends no Content-Length, which HEAD allows.
      exchange.sendResponseHeaders(200, -1);
    } else {
      exchange.sendResponseHeaders(200, asset.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(asset.body());
      }
    }
  }

  private static void plain(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

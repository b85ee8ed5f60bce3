package dev.mosaic.stateengine.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnCallPageTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    CheckEngine engine =
        new CheckEngine(new IncidentBook(), new RecentValues(10, 10), events -> {});
    server =
        ApiServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new ApiRoutes(engine, Clock.systemUTC(), "t", Optional::empty));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({
    "/, text/html; charset=utf-8, <script src=\"ui/app.js\" defer></script>",
    "/ui/app.js, text/javascript; charset=utf-8, sessionStorage",
    "/ui/app.css, text/css; charset=utf-8, .sparkline"
  })
  void servesEachFileWithItsTypeAndRevalidation(String path, String type, String excerpt)
      throws Exception {
    HttpResponse<String> response = send(path, "GET", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(type);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("ETag"))
        .hasValueSatisfying(e -> e.matches("\"\\w+\""));
    assertThat(response.body()).contains(excerpt);
  }

  @Test
  void anUnchangedFileIsNotSentAgain() throws Exception {
    String etag = send("/ui/app.js", "GET", null).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = send("/ui/app.js", "GET", etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(send("/ui/app.js", "GET", "\"stale\"").statusCode()).isEqualTo(200);
  }

  @Test
  void thePageMayLoadNothingFromElsewhere() throws Exception {
    HttpResponse<String> page = send("/", "GET", null);

    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(OnCallPage.CONTENT_SECURITY_POLICY);
    assertThat(page.body()).doesNotContain("http://", "https://", "innerHTML");
    // Data reaches the page as text only: no HTML parsing of anything the API returns.
    assertThat(send("/ui/app.js", "GET", null).body())
        .doesNotContainPattern("innerHTML\\s*=|outerHTML\\s*=|insertAdjacentHTML|document\\.write");
  }

  @Test
  void unknownFilesAndOtherMethodsAreRefusedAndTheApiStillAnswers() throws Exception {
    assertThat(send("/ui/secret.txt", "GET", null).statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("/", "POST", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    HttpResponse<String> head = send("/", "HEAD", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    HttpResponse<String> health = send("/health", "GET", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(send("/recent-values", "GET", null).body())
        .isEqualTo("{\"rangeSeconds\":900,\"series\":{}}");
  }

  private HttpResponse<String> send(String path, String method, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.mosaic.notifier.route;

import static dev.mosaic.notifier.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps the routes file and the worked examples of docs/notifier.md true. */
class DocumentedRoutesExampleTest {
  private static Routing routing;

  @BeforeAll
  static void parseTheDocumentedFile() throws Exception {
    routing =
        new RoutesFileParser(name -> name.equals("API_PAGER_SECRET") ? "x" : null)
            .parse("notifier.md", documentedYaml("```yaml\n"));
  }

  /** The text from the end of {@code marker} (its first place in the doc) to the next fence. */
  private static String documentedYaml(String marker) throws IOException {
    String doc = Files.readString(Path.of("../docs/notifier.md"));
    int start = doc.indexOf(marker) + marker.length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "example 1: a paging api incident goes to the pager and the chat,"
        + " api-latency, stats.timers.api.login.upper_90, page, api, api-pager ops-chat",
    "example 2: a ticket goes to the hook of the parent and the chat,"
        + " api-latency, stats.timers.api.login.upper_90, ticket, api, ops-hook ops-chat",
    "example 3: an incident of another team goes to the chat only,"
        + " disk-full, servers.db1.disk, page, db, ops-chat"
  })
  void theWorkedExamplesHold(
      String example, String check, String series, String severity, String team, String to) {
    assertThat(routing.tree().receiversFor(incident(check, series, severity, Map.of("team", team))))
        .containsExactly(to.split(" "));
  }

  @Test
  void theCompleteExampleParsesAndItsWorkedExampleHolds() throws Exception {
    String yaml = documentedYaml("# complete example\n");
    Routing complete =
        new RoutesFileParser(
                name -> name.endsWith("_SECRET") || name.endsWith("PASSWORD") ? "x" : null)
            .parse("notifier.md", yaml);
    var latency = incident("api-latency", "stats.api.h1", "page", Map.of("team", "api"));

    assertThat(complete.receiversFor(latency, Instant.parse("2024-03-12T10:00:00Z")))
        .containsExactly("bob");
    assertThat(complete.receiversFor(latency, Instant.parse("2024-03-11T07:00:00Z")))
        .containsExactly("alice"); // 08:00 CET, before the hand-off
    Route paging = complete.tree().routesFor(latency).get(0);
    assertThat(paging.escalation()).isEqualTo("api");
    assertThat(paging.grouping().by()).containsExactly("check");
    assertThat(complete.escalations().get("api").levels()).hasSize(2);
    assertThat(complete.rateLimits()).containsOnlyKeys("ops-chat");
    assertThat(complete.emails()).containsOnlyKeys("alice", "bob");
  }
}

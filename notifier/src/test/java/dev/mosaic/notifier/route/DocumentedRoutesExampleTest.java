package dev.mosaic.notifier.route;

import static dev.mosaic.notifier.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the routes file and the worked examples of docs/notifier.md true. */
class DocumentedRoutesExampleTest {
  private static Routing routing;

  @BeforeAll
  static void parseTheDocumentedFile() throws Exception {
    String doc = Files.readString(Path.of("../docs/notifier.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    routing =
        new RoutesFileParser(name -> name.equals("API_PAGER_SECRET") ? "x" : null)
            .parse("notifier.md", yaml);
  }

  @Test
  void example1_aPagingApiIncidentGoesToThePagerAndTheChat() {
    assertThat(
            routing
                .tree()
                .receiversFor(
                    incident(
                        "api-latency",
                        "stats.timers.api.login.upper_90",
                        "page",
                        Map.of("team", "api"))))
        .containsExactly("api-pager", "ops-chat");
  }

  @Test
  void example2_aTicketGoesToTheParentsHookAndTheChat() {
    assertThat(
            routing
                .tree()
                .receiversFor(
                    incident(
                        "api-latency",
                        "stats.timers.api.login.upper_90",
                        "ticket",
                        Map.of("team", "api"))))
        .containsExactly("ops-hook", "ops-chat");
  }

  @Test
  void example3_anotherTeamsIncidentGoesToTheChatOnly() {
    assertThat(
            routing
                .tree()
                .receiversFor(
                    incident("disk-full", "servers.db1.disk", "page", Map.of("team", "db"))))
        .containsExactly("ops-chat");
  }

  @Test
  void theCompleteExampleParsesAndItsWorkedExampleHolds() throws Exception {
    String doc = Files.readString(Path.of("../docs/notifier.md"));
    int start = doc.indexOf("# complete example\n");
    String yaml = doc.substring(start, doc.indexOf("```", start));
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

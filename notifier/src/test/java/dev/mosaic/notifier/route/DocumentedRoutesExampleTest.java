package dev.mosaic.notifier.route;

import static dev.mosaic.notifier.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}

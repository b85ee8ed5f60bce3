package dev.mosaic.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.notifier.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesFileTest {
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final String ONE_RECEIVER =
      """
      receivers:
        - {name: ops, url: 'http://127.0.0.1:1/hook', secret: s}
      routes:
        - receivers: [ops]
      """;
  private static final String TWO_RECEIVERS =
      """
      receivers:
        - {name: ops, url: 'http://127.0.0.1:1/hook', secret: s}
        - {name: dev, url: 'http://127.0.0.1:2/hook', secret: s}
      routes:
        - receivers: [ops, dev]
      """;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger rejected = new AtomicInteger();

  private RoutesFile routesFile(Path path) {
    return new RoutesFile(
        path, new RoutesFileParser(name -> null), clock, INTERVAL, rejected::incrementAndGet);
  }

  @Test
  void aMissingFileRoutesNothingUntilItAppears() throws Exception {
    Path path = dir.resolve("notifier.yaml");
    RoutesFile file = routesFile(path);
    file.load();
    assertThat(file.current()).isEqualTo(Routing.EMPTY);

    Files.writeString(path, ONE_RECEIVER);
    clock.advance(INTERVAL);
    file.reloadIfDue();

    assertThat(file.current().receivers()).containsOnlyKeys("ops");
  }

  @Test
  void aChangeIsReadOnlyOnceTheIntervalHasPassed() throws Exception {
    Path path = Files.writeString(dir.resolve("notifier.yaml"), ONE_RECEIVER);
    RoutesFile file = routesFile(path);
    file.load();

    Files.writeString(path, TWO_RECEIVERS);
    clock.advance(INTERVAL.minusMillis(1));
    file.reloadIfDue();
    assertThat(file.current().receivers()).containsOnlyKeys("ops");

    clock.advance(Duration.ofMillis(1));
    file.reloadIfDue();
    assertThat(file.current().receivers()).containsOnlyKeys("ops", "dev");
  }

  @Test
  void aBrokenVersionIsRejectedAndTheLastGoodOneKeepsRunning() throws Exception {
    Path path = Files.writeString(dir.resolve("notifier.yaml"), ONE_RECEIVER);
    RoutesFile file = routesFile(path);
    file.load();
    Routing good = file.current();

    Files.writeString(path, "routes:\n  - receivers: [nobody]\n");
    clock.advance(INTERVAL);
    file.reloadIfDue();
    clock.advance(INTERVAL);
    file.reloadIfDue(); // the same broken text is not rejected twice

    assertThat(file.current()).isSameAs(good);
    assertThat(rejected).hasValue(1);

    Files.writeString(path, TWO_RECEIVERS);
    clock.advance(INTERVAL);
    file.reloadIfDue();
    assertThat(file.current().receivers()).containsOnlyKeys("ops", "dev");
  }

  @Test
  void aBrokenFileAtStartStopsStartUpWithFileAndLine() throws Exception {
    Path path = Files.writeString(dir.resolve("notifier.yaml"), "routes:\n  - receivers: [x]\n");

    assertThatThrownBy(() -> routesFile(path).load())
        .isInstanceOf(RoutesFileException.class)
        .hasMessage(path + ":2: no receiver is named 'x'");
  }
}

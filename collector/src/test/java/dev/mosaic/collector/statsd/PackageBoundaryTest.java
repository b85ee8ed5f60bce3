package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parsers serve any transport: nothing in their packages may know Netty or Kafka. */
class PackageBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/mosaic/collector/statsd");
  private static final Path LOGFMT = Path.of("src/main/java/dev/mosaic/collector/logfmt");

  @Test
  void statsdPackageImportsNoTransport() throws IOException {
    assertImportsNoTransport(SOURCES);
  }

  @Test
  void logfmtPackageImportsNoTransport() throws IOException {
    assertImportsNoTransport(LOGFMT);
  }

  private static void assertImportsNoTransport(Path sources) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(sources)) {
      files = list.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).hasSizeGreaterThan(4);
    for (Path file : files) {
      assertThat(Files.readAllLines(file))
          .as(file.toString())
          .noneMatch(line -> line.startsWith("import io.netty"))
          .noneMatch(line -> line.startsWith("import org.apache.kafka"))
          .noneMatch(line -> line.startsWith("import dev.mosaic.collector.listener"))
          .noneMatch(line -> line.startsWith("import dev.mosaic.collector.publish"));
    }
  }
}

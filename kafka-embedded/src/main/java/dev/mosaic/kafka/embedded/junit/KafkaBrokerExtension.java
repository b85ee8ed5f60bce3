package dev.mosaic.kafka.embedded.junit;

import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker, started once per test JVM and shared by every test class that
 * uses this extension; it stops, and its temporary data is deleted, when the JVM's tests are done.
 *
 * <pre>
 * &#64;ExtendWith(KafkaBrokerExtension.class)
 * class PipelineTest {
 *   &#64;Test void flows(EmbeddedKafkaBroker kafka) { ... kafka.bootstrapServers() ... }
 * }
 * </pre>
 *
 * Tests sharing the broker keep apart by using their own topic prefix and consumer group.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
  private static final String KEY = KafkaBrokerExtension.class.getName();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The JVM's broker, started on first call. */
  public static EmbeddedKafkaBroker shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, key -> new SharedBroker(), SharedBroker.class)
        .broker;
  }

  private static final class SharedBroker
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Path dir;
    private final EmbeddedKafkaBroker broker;

    SharedBroker() {
      try {
        dir = Files.createTempDirectory("mosaic-test-kafka");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      broker = EmbeddedKafkaBroker.start(dir, 0, 0);
    }

    @Override
    public void close() throws IOException {
      broker.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

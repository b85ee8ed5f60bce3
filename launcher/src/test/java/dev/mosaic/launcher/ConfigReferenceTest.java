package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
  @Test
  void docsListEveryKeyWithItsCurrentDefault() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "configuration.md"));

    assertThat(docs)
        .as(
            "docs/configuration.md is stale: regenerate its table with"
                + " dev.mosaic.launcher.ConfigReference")
        .contains(ConfigReference.table(MosaicStack.allKeys()));
  }

  @Test
  void theKeysTheIssueNamesExistWithTheirDefaults() {
    assertThat(MosaicStack.allKeys())
        .extracting(k -> k.name() + "=" + k.defaultText())
        .contains(
            "kafka.bootstrap-servers=",
            "collector.statsd.port=8125",
            "collector.statsd.bind=127.0.0.1",
            "aggregator.flush-interval=10s",
            "storage-bridge.carbon.host=127.0.0.1",
            "storage-bridge.carbon.port=2003");
  }
}

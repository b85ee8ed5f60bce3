package dev.mosaic.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifierSettingsTest {
  private static MosaicConfig load(String... args) throws ConfigException {
    return new ConfigLoader(NotifierKeys.ALL, Set.of()).load(List.of(args), Map.of());
  }

  @Test
  void defaults() throws Exception {
    assertThat(NotifierSettings.from(load()))
        .isEqualTo(
            new NotifierSettings(
                Path.of("notifier.yaml"),
                Duration.ofSeconds(5),
                "mosaic-notifier",
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                30,
                new InetSocketAddress("127.0.0.1", 8082),
                10_000,
                ""));
  }

  @Test
  void aMaxBackoffBelowTheInitialOneNamesTheKeyAndItsSource() {
    assertThatThrownBy(
            () ->
                NotifierSettings.from(
                    load(
                        "--notifier.delivery.initial-backoff=10s",
                        "--notifier.delivery.max-backoff=5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifier.delivery.max-backoff: PT5S is shorter than")
        .hasMessageContaining("notifier.delivery.initial-backoff (PT10S)");
  }

  @Test
  void anUnresolvableBindAddressIsRejected() {
    assertThatThrownBy(
            () -> NotifierSettings.from(load("--notifier.http.bind=no-such-host.invalid")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifier.http.bind: 'no-such-host.invalid' does not resolve");
  }

  @Test
  void aBlankConsumerGroupIsRejected() {
    assertThatThrownBy(() -> NotifierSettings.from(load("--notifier.consumer-group= ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifier.consumer-group: must not be empty");
  }
}

package dev.mosaic.storagebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageBridgeSettingsTest {

  @Test
  void defaults() throws ConfigException {
    StorageBridgeSettings settings = StorageBridgeSettings.from(load());

    assertThat(settings)
        .isEqualTo(
            new StorageBridgeSettings(
                "127.0.0.1",
                2003,
                "mosaic-storage-bridge",
                Duration.ofMillis(100),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                100));
  }

  @Test
  void maxBackoffShorterThanInitialIsRefusedNamingTheKeyAndSource() {
    assertThatThrownBy(
            () ->
                StorageBridgeSettings.from(
                    load(
                        "--storage-bridge.reconnect.initial-backoff=2s",
                        "--storage-bridge.reconnect.max-backoff=1s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --storage-bridge.reconnect.max-backoff:"
                + " storage-bridge.reconnect.max-backoff: 1000 ms is shorter than"
                + " storage-bridge.reconnect.initial-backoff (2000 ms)");
  }

  @Test
  void blankHostOrGroupIsRefused() {
    assertThatThrownBy(() -> StorageBridgeSettings.from(load("--storage-bridge.carbon.host= ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage-bridge.carbon.host: is empty");
    assertThatThrownBy(() -> StorageBridgeSettings.from(load("--storage-bridge.consumer-group=")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage-bridge.consumer-group: is empty");
  }

  @Test
  void portZeroIsOutOfRange() {
    assertThatThrownBy(() -> load("--storage-bridge.carbon.port=0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("out of range (1 to 65535)");
  }

  @Test
  void everyKeyIsInTheSectionAndDocumented() {
    for (ConfigKey<?> key : StorageBridgeKeys.ALL) {
      assertThat(key.name()).startsWith(StorageBridge.SECTION + ".");
      assertThat(key.doc()).isNotBlank();
    }
    assertThat(StorageBridge.DEFINITION.keys()).isEqualTo(StorageBridgeKeys.ALL);
  }

  private static MosaicConfig load(String... args) throws ConfigException {
    return new ConfigLoader(StorageBridgeKeys.ALL, Set.of()).load(List.of(args), Map.of());
  }
}

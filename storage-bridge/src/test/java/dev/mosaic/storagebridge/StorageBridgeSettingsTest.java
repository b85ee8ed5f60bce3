package dev.mosaic.storagebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.storagebridge.carbon.CarbonDestination;
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
                List.of(new CarbonDestination("127.0.0.1", 2003, null)),
                RelayMethod.CONSISTENT_HASHING,
                CarbonProtocol.PLAINTEXT,
                "mosaic-storage-bridge",
                Duration.ofMillis(100),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                100,
                Duration.ofMillis(100)));
  }

  @Test
  void fetchWaitLongerThanFiveSecondsIsRefused() {
    assertThatThrownBy(() -> StorageBridgeSettings.from(load("--storage-bridge.fetch-max-wait=6s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage-bridge.fetch-max-wait: is longer than 5 s");
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
  void severalDestinationsEachGetTheirOwnConsumerGroup() throws ConfigException {
    StorageBridgeSettings settings =
        StorageBridgeSettings.from(
            load(
                "--storage-bridge.carbon.destinations=c1:2004:a, [::1]:2104",
                "--storage-bridge.carbon.relay-method=replicate",
                "--storage-bridge.carbon.protocol=pickle"));

    assertThat(settings.destinations())
        .containsExactly(
            new CarbonDestination("c1", 2004, "a"), new CarbonDestination("::1", 2104, null));
    assertThat(settings.relayMethod()).isEqualTo(RelayMethod.REPLICATE);
    assertThat(settings.protocol()).isEqualTo(CarbonProtocol.PICKLE);
    assertThat(settings.consumerGroupOf(settings.destinations().get(1)))
        .isEqualTo("mosaic-storage-bridge.[::1]:2104");
  }

  @Test
  void oneDestinationKeepsTheConsumerGroupAsConfigured() throws ConfigException {
    StorageBridgeSettings settings =
        StorageBridgeSettings.from(load("--storage-bridge.carbon.destinations=c1:2003"));

    assertThat(settings.consumerGroupOf(settings.destinations().get(0)))
        .isEqualTo("mosaic-storage-bridge");
  }

  @Test
  void pickleWithoutAPortUsesCarbonsPicklePort() throws ConfigException {
    assertThat(
            StorageBridgeSettings.from(load("--storage-bridge.carbon.protocol=pickle"))
                .destinations())
        .containsExactly(new CarbonDestination("127.0.0.1", 2004, null));
    assertThat(
            StorageBridgeSettings.from(
                    load(
                        "--storage-bridge.carbon.protocol=pickle",
                        "--storage-bridge.carbon.port=2003"))
                .destinations())
        .containsExactly(new CarbonDestination("127.0.0.1", 2003, null));
  }

  @Test
  void destinationsTogetherWithHostOrPortIsRefused() {
    assertThatThrownBy(
            () ->
                StorageBridgeSettings.from(
                    load(
                        "--storage-bridge.carbon.destinations=c1:2003",
                        "--storage-bridge.carbon.port=2103")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --storage-bridge.carbon.destinations: storage-bridge.carbon.destinations:"
                + " is set, and so is storage-bridge.carbon.port (command line"
                + " --storage-bridge.carbon.port); give the host and port in the list only");
  }

  @Test
  void badDestinationsAreRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> StorageBridgeSettings.from(load("--storage-bridge.carbon.destinations=c1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "storage-bridge.carbon.destinations: \"c1\" is not host:port[:instance]");
    assertThatThrownBy(
            () ->
                StorageBridgeSettings.from(
                    load("--storage-bridge.carbon.destinations=c1:2003:a,c1:2103:a")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "storage-bridge.carbon.destinations: destinations c1:2003:a and c1:2103:a are the"
                + " same node");
  }

  @Test
  void unknownProtocolOrRelayMethodIsRefused() {
    assertThatThrownBy(
            () -> StorageBridgeSettings.from(load("--storage-bridge.carbon.protocol=udp")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "storage-bridge.carbon.protocol: \"udp\" is not one of [plaintext, pickle]");
    assertThatThrownBy(
            () -> StorageBridgeSettings.from(load("--storage-bridge.carbon.relay-method=rules")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "storage-bridge.carbon.relay-method: \"rules\" is not one of [consistent-hashing,"
                + " replicate]");
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

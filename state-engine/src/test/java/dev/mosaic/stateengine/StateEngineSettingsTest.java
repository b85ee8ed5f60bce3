package dev.mosaic.stateengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateEngineSettingsTest {
  @Test
  void defaults() throws Exception {
    StateEngineSettings settings = StateEngineSettings.from(load());

    assertThat(settings)
        .isEqualTo(
            new StateEngineSettings(
                Path.of("checks"),
                Duration.ofSeconds(5),
                "mosaic-state-engine",
                InetAddress.getByName("127.0.0.1"),
                8081,
                "",
                360,
                100_000,
                Duration.ofHours(24)));
  }

  @Test
  void anEmptyChecksDirIsNamedWithItsSource() {
    assertThatThrownBy(() -> StateEngineSettings.from(load("--state-engine.checks-dir= ")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("command line --state-engine.checks-dir: state-engine.checks-dir: is empty");
  }

  @Test
  void anUnresolvableBindAddressIsNamed() {
    assertThatThrownBy(
            () -> StateEngineSettings.from(load("--state-engine.http.bind=no such host..")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("state-engine.http.bind: is not an address of this host");
  }

  private static MosaicConfig load(String... args) throws Exception {
    return new ConfigLoader(StateEngineKeys.ALL, Set.of()).load(List.of(args), Map.of());
  }
}

package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectorSettingsTest {

  private static CollectorSettings load(String... args) throws ConfigException {
    return CollectorSettings.from(
        new ConfigLoader(CollectorKeys.ALL, Set.of()).load(List.of(args), Map.of()));
  }

  @Test
  void defaults() throws ConfigException {
    assertThat(load())
        .isEqualTo(
            new CollectorSettings(
                new InetSocketAddress("127.0.0.1", 8125),
                8 * 1024 * 1024,
                64 * 1024,
                Duration.ofMillis(5),
                2000));
  }

  @Test
  void everyKeyIsInTheSectionDocumentedAndListed() {
    assertThat(Collector.DEFINITION.section()).isEqualTo("collector");
    assertThat(Collector.DEFINITION.keys()).containsExactlyElementsOf(CollectorKeys.ALL);
    assertThat(CollectorKeys.ALL)
        .extracting(ConfigKey::name)
        .allSatisfy(name -> assertThat(name).startsWith("collector."))
        .doesNotHaveDuplicates();
    assertThat(CollectorKeys.ALL).allSatisfy(key -> assertThat(key.doc()).isNotBlank());
  }

  @Test
  void portZeroAndAnyAddressAreAccepted() throws ConfigException {
    CollectorSettings settings =
        load("--collector.statsd.port=0", "--collector.statsd.bind=0.0.0.0");
    assertThat(settings.statsdAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 0));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --collector.statsd.bind=no-such-host.invalid  | collector.statsd.bind: 'no-such-host.invalid' does not resolve
          --collector.statsd.bind=                      | collector.statsd.bind: is empty
          --collector.statsd.receive-buffer=0           | collector.statsd.receive-buffer: 0 bytes is not
          --collector.statsd.receive-buffer=2GiB        | collector.statsd.receive-buffer: 2147483648 bytes is not
          --collector.statsd.max-packet-size=511        | collector.statsd.max-packet-size: 511 bytes is not
          --collector.statsd.max-packet-size=65537      | collector.statsd.max-packet-size: 65537 bytes is not
          --collector.publish.linger=61s                | collector.publish.linger: 61000 ms is longer than 1m
          """)
  void valueThatCannotWorkNamesItsSourceAndKey(String argument, String expected) {
    assertThatThrownBy(() -> load(argument))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .hasMessageStartingWith("command line --collector.");
  }

  @Test
  void largestDatagramSizeIsAccepted() throws ConfigException {
    assertThat(load("--collector.statsd.max-packet-size=64KiB").maxPacketBytes()).isEqualTo(65536);
    assertThat(load("--collector.statsd.max-packet-size=512").maxPacketBytes()).isEqualTo(512);
  }
}

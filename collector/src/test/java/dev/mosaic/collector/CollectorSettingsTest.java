package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.collector.listener.TcpLimits;
import dev.mosaic.collector.statsd.DogStatsdTagMode;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectorSettingsTest {

  private static CollectorSettings load(String... args) throws ConfigException {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--collector.drain.enabled=true");
    CollectorSettings settings =
        CollectorSettings.from(
            new ConfigLoader(CollectorKeys.ALL, Set.of()).load(List.of(args), Map.of()));
    // every drain check runs only when the drain is on; run them for each case as well
    CollectorSettings.from(new ConfigLoader(CollectorKeys.ALL, Set.of()).load(all, Map.of()));
    return settings;
  }

  @Test
  void defaults() throws ConfigException {
    assertThat(load())
        .isEqualTo(
            new CollectorSettings(
                new InetSocketAddress("127.0.0.1", 8125),
                8 * 1024 * 1024,
                64 * 1024,
                Math.min(4, Runtime.getRuntime().availableProcessors()),
                Optional.of(new TcpLimits(64 * 1024, Duration.ofMinutes(5), 1000)),
                DogStatsdTagMode.GRAPHITE,
                Optional.of(new InetSocketAddress("127.0.0.1", 5514)),
                new TcpLimits(64 * 1024, Duration.ofMinutes(5), 1000),
                Optional.empty(),
                100_000,
                Duration.ofMillis(50),
                10_000,
                Duration.ofMillis(250)));
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
  void heartbeatIntervalZeroSwitchesHeartbeatsOff() throws ConfigException {
    assertThat(load("--collector.publish.heartbeat-interval=0").heartbeatInterval()).isZero();
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
          --collector.publish.heartbeat-interval=5ms    | collector.publish.heartbeat-interval: 5 ms is not 10ms to 1m
          --collector.publish.heartbeat-interval=2m     | collector.publish.heartbeat-interval: 120000 ms is not 10ms to 1m
          --collector.statsd.max-line-size=15           | collector.statsd.max-line-size: 15 bytes is not 16B to 1MiB
          --collector.logs.max-line-size=2MiB           | collector.logs.max-line-size: 2097152 bytes is not 16B to 1MiB
          --collector.logs.port=8125                    | collector.logs.port: 8125 is also the StatsD port
          --collector.drain.max-body-size=1000          | collector.drain.max-body-size: 1000 bytes is not 1KiB to 64MiB
          --collector.drain.username=alice              | collector.drain.username: is set but collector.drain.password is empty
          --collector.drain.password=secret             | collector.drain.password: is set but collector.drain.username is empty
          --collector.drain.username=a:b                | collector.drain.username: contains ':'
          --collector.statsd.tags=influx                | collector.statsd.tags: 'influx' is neither graphite nor drop
          """)
  void valueThatCannotWorkNamesItsSourceAndKey(String argument, String expected) {
    assertThatThrownBy(() -> load(argument))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .hasMessageStartingWith("command line --collector.");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"graphite, GRAPHITE", "drop, DROP", "' Drop ', DROP", "GRAPHITE, GRAPHITE"})
  void tagModeIsReadWhateverItsCase(String value, DogStatsdTagMode expected)
      throws ConfigException {
    assertThat(load("--collector.statsd.tags=" + value).statsdTags()).isEqualTo(expected);
  }

  @Test
  void largestDatagramSizeIsAccepted() throws ConfigException {
    assertThat(load("--collector.statsd.max-packet-size=64KiB").maxPacketBytes()).isEqualTo(65536);
    assertThat(load("--collector.statsd.max-packet-size=512").maxPacketBytes()).isEqualTo(512);
  }

  @Test
  void everyListenerBindsTheConfiguredAddress() throws ConfigException {
    CollectorSettings settings =
        load("--collector.statsd.bind=0.0.0.0", "--collector.logs.port=6000");
    assertThat(settings.logsAddress()).contains(new InetSocketAddress("0.0.0.0", 6000));
  }

  @Test
  void listenersCanBeSwitchedOff() throws ConfigException {
    CollectorSettings settings =
        load(
            "--collector.statsd.tcp=false",
            "--collector.logs.enabled=false",
            "--collector.logs.port=8125");
    assertThat(settings.statsdTcp()).isEmpty();
    assertThat(settings.logsAddress()).isEmpty();
  }

  @Test
  void drainCredentialsBecomeTheExpectedBasicAuthHeader() throws ConfigException {
    CollectorSettings settings =
        load(
            "--collector.drain.enabled=true",
            "--collector.drain.port=0",
            "--collector.drain.username=alice",
            "--collector.drain.password=open sesame");
    assertThat(settings.drain())
        .hasValueSatisfying(
            drain -> {
              assertThat(drain.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
              assertThat(drain.maxBodyBytes()).isEqualTo(1024 * 1024);
              // base64("alice:open sesame")
              assertThat(drain.authorization()).contains("Basic YWxpY2U6b3BlbiBzZXNhbWU=");
            });
  }
}

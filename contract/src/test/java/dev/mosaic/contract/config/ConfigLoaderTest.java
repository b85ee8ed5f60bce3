package dev.mosaic.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final ConfigKey<Integer> PORT = ConfigKey.port("collector.statsd.port", "8125", "port");
  static final ConfigKey<String> BIND =
      ConfigKey.string("collector.statsd.bind", "127.0.0.1", "address");
  static final ConfigKey<Duration> FLUSH =
      ConfigKey.duration("aggregator.flush-interval", "10s", "interval");
  static final ConfigKey<Long> BUFFER =
      ConfigKey.dataSize("collector.statsd.receive-buffer", "4MiB", "buffer");
  static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("collector.enabled", "true", "on");

  private final ConfigLoader loader =
      new ConfigLoader(List.of(PORT, BIND, FLUSH, BUFFER, ENABLED), Set.of("storage-bridge"));

  @TempDir Path dir;

  @Test
  void defaultsApplyWhenNothingIsGiven() throws Exception {
    MosaicConfig config = loader.load(List.of(), Map.of());

    assertThat(config.get(PORT)).isEqualTo(8125);
    assertThat(config.get(FLUSH)).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.get(BUFFER)).isEqualTo(4L << 20);
    assertThat(config.get(ENABLED)).isTrue();
    assertThat(config.sourceOf(PORT)).isEqualTo("default");
  }

  @Test
  void yamlMayNestOrUseDottedKeysAndNamesTheLineOfEachValue() throws Exception {
    Path file =
        write(
            """
            collector:
              statsd:
                port: 9125
            aggregator.flush-interval: 2s
            storage-bridge:
              carbon.port: 2103
            """);

    MosaicConfig config = loader.load(List.of("--config=" + file), Map.of());

    assertThat(config.get(PORT)).isEqualTo(9125);
    assertThat(config.get(FLUSH)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.sourceOf(PORT)).isEqualTo(file + ":3");
    assertThat(config.sourceOf(FLUSH)).isEqualTo(file + ":4");
  }

  @Test
  void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
    Path file = write("collector.statsd.port: 1000\naggregator.flush-interval: 1m\n");

    MosaicConfig config =
        loader.load(
            List.of("--config=" + file, "--aggregator.flush-interval=500ms"),
            Map.of(
                "MOSAIC_COLLECTOR_STATSD_PORT", "2000",
                "MOSAIC_AGGREGATOR_FLUSH_INTERVAL", "30s"));

    assertThat(config.get(PORT)).isEqualTo(2000);
    assertThat(config.sourceOf(PORT))
        .isEqualTo("environment variable MOSAIC_COLLECTOR_STATSD_PORT");
    assertThat(config.get(FLUSH)).isEqualTo(Duration.ofMillis(500));
    assertThat(config.sourceOf(FLUSH)).isEqualTo("command line --aggregator.flush-interval");
  }

  @Test
  void theConfigFileMayComeFromTheEnvironment() throws Exception {
    Path file = write("collector.statsd.bind: 0.0.0.0\n");

    MosaicConfig config = loader.load(List.of(), Map.of("MOSAIC_CONFIG", file.toString()));

    assertThat(config.get(BIND)).isEqualTo("0.0.0.0");
  }

  @Test
  void anUnknownKeyInAFileNamesFileLineKeyAndTheLikelyTypo() throws Exception {
    Path file = write("collector:\n  statsd:\n    bind: 127.0.0.1\n    prot: 8125\n");

    assertThatThrownBy(() -> loader.load(List.of("--config=" + file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ":4: unknown key 'collector.statsd.prot' (did you mean 'collector.statsd.port'?)");
  }

  @Test
  void aBadValueNamesFileLineKeyAndWhatIsWrong() throws Exception {
    Path file = write("\naggregator:\n  flush-interval: ten seconds\n");

    assertThatThrownBy(() -> loader.load(List.of("--config=" + file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file + ":3: aggregator.flush-interval: 'ten seconds' is not a duration");
  }

  @Test
  void badCommandLineValuesAndKeysAreNamed() {
    assertThatThrownBy(() -> loader.load(List.of("--collector.statsd.port=99999"), Map.of()))
        .hasMessage(
            "command line --collector.statsd.port: collector.statsd.port: '99999' is out of range"
                + " (0 to 65535)");
    assertThatThrownBy(() -> loader.load(List.of("--colector.statsd.port=1"), Map.of()))
        .hasMessageContaining("unknown key 'colector.statsd.port'");
    assertThatThrownBy(() -> loader.load(List.of("collector.statsd.port=1"), Map.of()))
        .hasMessageContaining("write --<key>=<value>");
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    assertThatThrownBy(() -> loader.load(List.of(), Map.of("MOSAIC_COLLECTOR_ENABLED", "maybe")))
        .hasMessage(
            "environment variable MOSAIC_COLLECTOR_ENABLED: collector.enabled: 'maybe' is not true"
                + " or false");
  }

  @Test
  void aMissingOrMalformedFileIsNamed() throws Exception {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> loader.load(List.of("--config=" + missing), Map.of()))
        .hasMessage(missing + ": no such file");

    Path list = write("- just\n- a list\n");
    assertThatThrownBy(() -> loader.load(List.of("--config=" + list), Map.of()))
        .hasMessage(list + ":1: the file must be a map of keys");
  }

  @Test
  void anEmptyFileConfiguresNothing() throws Exception {
    Path file = write("# nothing here yet\n");
    assertThat(loader.load(List.of("--config=" + file), Map.of()).get(PORT)).isEqualTo(8125);
  }

  @Test
  void aYamlListBecomesACommaSeparatedValue() throws Exception {
    ConfigKey<String> servers = ConfigKey.string("kafka.bootstrap-servers", "", "servers");
    Path file = write("kafka:\n  bootstrap-servers:\n    - a:9092\n    - b:9092\n");

    MosaicConfig config =
        new ConfigLoader(List.of(servers), Set.of()).load(List.of("--config=" + file), Map.of());

    assertThat(config.get(servers)).isEqualTo("a:9092,b:9092");
  }

  @Test
  void unitsParse() {
    assertThat(FLUSH.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(FLUSH.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(FLUSH.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> FLUSH.parse("0s")).hasMessageContaining("longer than zero");
    assertThatThrownBy(() -> FLUSH.parse("10")).hasMessageContaining("not a duration");
    assertThat(BUFFER.parse("512")).isEqualTo(512L);
    assertThat(BUFFER.parse("64KiB")).isEqualTo(65_536L);
    assertThat(BUFFER.parse("1MB")).isEqualTo(1_000_000L);
    assertThatThrownBy(() -> BUFFER.parse("99999999999999GiB")).hasMessageContaining("too large");
  }

  @Test
  void durationOrZeroAlsoTakesZeroWithOrWithoutAUnit() {
    ConfigKey<Duration> period = ConfigKey.durationOrZero("x.period", "250ms", "period");
    assertThat(period.parse("0")).isZero();
    assertThat(period.parse("0ms")).isZero();
    assertThat(period.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> period.parse("5")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> period.parse("-1s")).hasMessageContaining("not a duration");
  }

  @Test
  void environmentVariableNamesFoldDotsAndDashes() {
    assertThat(FLUSH.environmentVariable()).isEqualTo("MOSAIC_AGGREGATOR_FLUSH_INTERVAL");
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "mosaic", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}

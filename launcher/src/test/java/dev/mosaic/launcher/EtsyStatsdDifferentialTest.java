package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.CollectorService;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends the same {@link StatsdCorpus} datagrams to Etsy StatsD 0.9.0 and to mosaic, and compares
 * the Graphite lines of the flush that holds them and of the idle flush after it, name by name.
 *
 * <p>Timestamps are not compared: Etsy flushes every interval from its own start and stamps the
 * flush time, mosaic aligns intervals to the wall clock and stamps their start. The corpus is sent
 * in one short burst at a moment well away from both sides' interval boundaries. Etsy's own metrics
 * ({@code statsd.*}) are left out: mosaic does not write them yet.
 *
 * <p>Skipped when {@code node} or {@code npm} is missing; see {@link EtsyStatsd}.
 */
@Tag("peer")
@ExtendWith(KafkaBrokerExtension.class)
class EtsyStatsdDifferentialTest {
  private static final long INTERVAL_MILLIS = 2_000;

  /**
   * Etsy StatsD's socket keeps the kernel's default receive buffer (about 208 KiB); a burst of the
   * whole corpus overflows it, so it is sent at about 2,000 datagrams/s, in well under 200 ms.
   */
  private static final int PACKETS_PER_PAUSE = 10;

  private static final Duration PAUSE = Duration.ofMillis(5);

  /**
   * docs/aggregator.md: beyond the exact bound, these timer fields come from the histogram with a
   * bounded relative error, and {@code std} is exact up to double rounding.
   */
  private static final Pattern HALF_PER_MILLE_FIELDS =
      Pattern.compile("median|(upper|mean|sum)_[0-9_]+");

  private static final Pattern PER_MILLE_FIELDS = Pattern.compile("sum_squares_[0-9_]+");

  @ParameterizedTest(name = "percentThreshold [{0}]")
  @ValueSource(strings = {"90", "90, 95, 99.9"})
  void mosaicWritesWhatEtsyStatsdWritesForTheSamePackets(
      String percentThresholds, EmbeddedKafkaBroker kafka) throws Exception {
    Path etsyPackage = EtsyStatsd.install();
    List<String> packets = StatsdCorpus.packets();
    assertThat(packets.size()).isGreaterThanOrEqualTo(200);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CarbonLineServer etsyCarbon = new CarbonLineServer();
        CarbonLineServer mosaicCarbon = new CarbonLineServer();
        EtsyStatsd etsy =
            EtsyStatsd.start(
                etsyPackage, etsyCarbon.port(), INTERVAL_MILLIS, "[" + percentThresholds + "]");
        MosaicStack stack = startStack(kafka, mosaicCarbon, meters, percentThresholds)) {
      long etsyPhase = awaitEtsyFlushPhase(etsy, etsyCarbon);
      awaitSendWindow(etsyPhase);
      send(packets, etsy.port(), stack.service(CollectorService.class).statsdPort());

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                etsy.checkAlive();
                List<Map<String, String>> etsyFlushes = dataAndIdleFlush(etsyCarbon.lines());
                List<Map<String, String>> mosaicFlushes = dataAndIdleFlush(mosaicCarbon.lines());
                assertThat(etsyFlushes).as("Etsy's flush with the corpus, and the next").hasSize(2);
                assertThat(mosaicFlushes)
                    .as("mosaic's flush with the corpus, and the next")
                    .hasSize(2);
                Map<String, String> etsyData = etsyFlushes.get(0);
                assertThat(etsyData.get("stats_counts.statsd.packets_received"))
                    .as(
                        "datagrams in Etsy's flush with the corpus (fewer: UDP dropped some, or a"
                            + " flush split the burst)")
                    .isEqualTo(Integer.toString(packets.size()));
                assertThat(meters.counter("mosaic.collector.statsd.packets").count())
                    .as("datagrams mosaic read")
                    .isEqualTo(packets.size());
                // Without these the comparison could pass on nearly empty flushes.
                assertThat(etsyData)
                    .containsKeys(
                        "stats.timers." + StatsdCorpus.HISTOGRAM_TIMER + ".upper_90",
                        "stats.sets.corpus.set.users.count",
                        "stats.gauges.corpus.gauge.fresh_negative",
                        "stats_counts.corpus.counter.multi");
                assertThat(differences(ownMetricsRemoved(etsyData), mosaicFlushes.get(0)))
                    .as("the flush holding the corpus: name: Etsy value | mosaic value")
                    .isEmpty();
                assertThat(differences(ownMetricsRemoved(etsyFlushes.get(1)), mosaicFlushes.get(1)))
                    .as("the idle flush after it: name: Etsy value | mosaic value")
                    .isEmpty();
              });
    }
  }

  private static MosaicStack startStack(
      EmbeddedKafkaBroker kafka,
      CarbonLineServer carbon,
      SimpleMeterRegistry meters,
      String percentThresholds)
      throws Exception {
    MosaicConfig config =
        new ConfigLoader(MosaicStack.allKeys(), Set.of())
            .load(
                List.of(
                    "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--kafka.topic-prefix=etsy-diff-" + UUID.randomUUID() + ".",
                    "--collector.statsd.port=0",
                    "--aggregator.flush-interval=" + INTERVAL_MILLIS + "ms",
                    "--aggregator.percentiles=" + percentThresholds.replace(" ", ""),
                    "--aggregator.consumer-group=etsy-diff-aggregator-" + UUID.randomUUID(),
                    "--storage-bridge.consumer-group=etsy-diff-bridge-" + UUID.randomUUID(),
                    "--storage-bridge.carbon.port=" + carbon.port()),
                Map.of());
    return MosaicStack.start(config, meters, Clock.systemUTC());
  }

  /**
   * Waits for Etsy's first flush and returns where its flushes fall in mosaic's interval, in ms.
   * Etsy flushes at its start second plus multiples of the interval and stamps the flush time
   * rounded to seconds, so the stamp tells the phase.
   */
  private static long awaitEtsyFlushPhase(EtsyStatsd etsy, CarbonLineServer etsyCarbon) {
    String numStats =
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  etsy.checkAlive();
                  return etsyCarbon.lines().stream()
                      .filter(line -> line.startsWith("statsd.numStats "))
                      .findFirst()
                      .orElse(null);
                },
                line -> line != null);
    long flushSecond = Long.parseLong(numStats.split(" ")[2]);
    return flushSecond * 1000 % INTERVAL_MILLIS;
  }

  /**
   * Waits for a moment at least 400 ms after the last Etsy flush and mosaic interval boundary, and
   * so early that the burst (under 200 ms) ends at least 300 ms before the next: it lands in one
   * interval on both sides.
   */
  private static void awaitSendWindow(long etsyPhase) {
    long from = etsyPhase == 0 ? 800 : 400;
    long to = from + 50;
    await()
        .atMost(Duration.ofMillis(3 * INTERVAL_MILLIS))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              long intoInterval = System.currentTimeMillis() % INTERVAL_MILLIS;
              return intoInterval >= from && intoInterval < to;
            });
  }

  private static void send(List<String> packets, int etsyPort, int mosaicPort) throws Exception {
    InetAddress localhost = InetAddress.getByName("127.0.0.1");
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < packets.size(); i++) {
        byte[] bytes = packets.get(i).getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, localhost, etsyPort));
        socket.send(new DatagramPacket(bytes, bytes.length, localhost, mosaicPort));
        if (i % PACKETS_PER_PAUSE == PACKETS_PER_PAUSE - 1) {
          LockSupport.parkNanos(PAUSE.toNanos());
        }
      }
    }
  }

  /**
   * The first flush with a corpus metric and the flush one interval later, each as name → value;
   * fewer while they have not arrived. A flush is the set of lines with one timestamp.
   */
  private static List<Map<String, String>> dataAndIdleFlush(List<String> lines) {
    TreeMap<Long, Map<String, String>> flushes = new TreeMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      flushes
          .computeIfAbsent(Long.parseLong(parts[2]), t -> new TreeMap<>())
          .put(parts[0], parts[1]);
    }
    List<Map<String, String>> found = new ArrayList<>();
    flushes.entrySet().stream()
        .filter(flush -> flush.getValue().keySet().stream().anyMatch(n -> n.contains(".corpus.")))
        .findFirst()
        .ifPresent(
            data -> {
              found.add(data.getValue());
              Map<String, String> idle = flushes.get(data.getKey() + INTERVAL_MILLIS / 1000);
              if (idle != null) {
                found.add(idle);
              }
            });
    return found;
  }

  /** Etsy StatsD's metrics about itself, which mosaic does not write yet. */
  private static Map<String, String> ownMetricsRemoved(Map<String, String> flush) {
    Map<String, String> kept = new TreeMap<>(flush);
    kept.keySet()
        .removeIf(
            name ->
                name.startsWith("statsd.")
                    || name.startsWith("stats.statsd.")
                    || name.startsWith("stats_counts.statsd.")
                    || name.startsWith("stats.gauges.statsd.")
                    || name.startsWith("stats.timers.statsd."));
    return kept;
  }

  /** One line per name whose value differs, or that only one side wrote. */
  private static List<String> differences(Map<String, String> etsy, Map<String, String> mosaic) {
    Set<String> names = new TreeSet<>(etsy.keySet());
    names.addAll(mosaic.keySet());
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      String expected = etsy.get(name);
      String actual = mosaic.get(name);
      if (expected == null || actual == null || !sameValue(name, expected, actual)) {
        differences.add(name + ": " + expected + " | " + actual);
      }
    }
    return differences;
  }

  private static boolean sameValue(String name, String etsy, String mosaic) {
    double tolerance = relativeTolerance(name);
    if (tolerance == 0) {
      return etsy.equals(mosaic);
    }
    double expected = Double.parseDouble(etsy);
    return Math.abs(Double.parseDouble(mosaic) - expected) <= tolerance * Math.abs(expected);
  }

  private static double relativeTolerance(String name) {
    String histogramTimer = "stats.timers." + StatsdCorpus.HISTOGRAM_TIMER + ".";
    if (!name.startsWith(histogramTimer)) {
      return 0;
    }
    String field = name.substring(histogramTimer.length());
    if (HALF_PER_MILLE_FIELDS.matcher(field).matches()) {
      return 0.0005;
    }
    if (PER_MILLE_FIELDS.matcher(field).matches()) {
      return 0.001;
    }
    return field.equals("std") ? 1e-12 : 0;
  }
}

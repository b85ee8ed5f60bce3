package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.collector.CollectorService;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends the same {@link StatsdCorpus} datagrams to Etsy StatsD 0.9.0 and to mosaic, and compares
 * the Graphite lines of the flush that holds them and of the idle flush after it, name by name.
 *
 * <p>Timestamps are not compared: Etsy flushes every interval from its own start and stamps the
 * flush time, mosaic aligns intervals to the wall clock and stamps their start. The corpus is sent
 * in one short burst at a moment well away from both sides' interval boundaries. StatsD's own
 * metrics are compared too: {@code numStats} and the {@code statsd.*} counters exactly, the ones
 * that hold times, sizes and durations ({@code calculationtime}, {@code processing_time}, {@code
 * graphiteStats.*}, {@code timestamp_lag}) by presence and plausibility only.
 *
 * <p>Skipped when {@code node} or {@code npm} is missing; see {@link EtsyStatsd}.
 */
@Tag("peer")
@ExtendWith(KafkaBrokerExtension.class)
class EtsyStatsdDifferentialTest {
  private static final long INTERVAL_MILLIS = TestPipeline.INTERVAL_MILLIS;

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

  /**
   * One comparison: the same settings on both sides.
   *
   * @param label what the run shows
   * @param percentThresholds Etsy's {@code percentThreshold} without brackets
   * @param etsySettings more Etsy config entries ({@code name: value})
   * @param mosaicArguments the same settings as mosaic command-line arguments
   * @param naming mosaic's naming for these settings, to find the points both must write
   * @param timerNamespace the path before a timer's name, e.g. {@code stats.timers.}
   * @param suffix the path part after the field, e.g. {@code .sfx}, or empty
   * @param expectedNames more points the flush holding the corpus must have on Etsy's side
   */
  record Run(
      String label,
      String percentThresholds,
      List<String> etsySettings,
      List<String> mosaicArguments,
      StatsdGraphiteNaming naming,
      String timerNamespace,
      String suffix,
      List<String> expectedNames) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Run> runs() {
    StatsdGraphiteNaming custom =
        new StatsdGraphiteNaming(false, "mstats", "cnt", "tmr", "gge", "st", "sfx");
    return Stream.of(
        new Run(
            "defaults, percentThreshold [90]",
            "90",
            List.of(),
            List.of(),
            StatsdGraphiteNaming.DEFAULTS,
            "stats.timers.",
            "",
            List.of()),
        new Run(
            "defaults, percentThreshold [90, 95, 99.9]",
            "90, 95, 99.9",
            List.of(),
            List.of(),
            StatsdGraphiteNaming.DEFAULTS,
            "stats.timers.",
            "",
            List.of()),
        // deleteGauges is turned back off so that the idle flush still has points on mosaic's
        // side; the unit tests cover deleted gauges.
        new Run(
            "legacyNamespace false, custom prefixes and suffix, deleteIdleStats, histogram",
            "90",
            List.of(
                "graphite: { legacyNamespace: false, globalPrefix: \"mstats\","
                    + " prefixCounter: \"cnt\", prefixTimer: \"tmr\", prefixGauge: \"gge\","
                    + " prefixSet: \"st\", globalSuffix: \"sfx\" }",
                "deleteIdleStats: true",
                "deleteGauges: false",
                "histogram: [ { metric: \"corpus.timer.t1\", bins: [] },"
                    + " { metric: \"corpus.timer\", bins: [0.5, 10, 100.5, 1000, \"inf\"] },"
                    + " { metric: \"format\", bins: [0.000001, 1e20] } ]"),
            List.of(
                "--aggregator.graphite.legacy-namespace=false",
                "--aggregator.graphite.global-prefix=mstats",
                "--aggregator.graphite.prefix-counter=cnt",
                "--aggregator.graphite.prefix-timer=tmr",
                "--aggregator.graphite.prefix-gauge=gge",
                "--aggregator.graphite.prefix-set=st",
                "--aggregator.graphite.global-suffix=sfx",
                "--aggregator.delete-idle-stats=true",
                "--aggregator.delete-gauges=false",
                "--aggregator.histogram=corpus.timer.t1=;corpus.timer=0.5,10,100.5,1000,inf;"
                    + "format=0.000001,1e20"),
            custom,
            "mstats.tmr.",
            ".sfx",
            List.of(
                custom.timer(StatsdCorpus.HISTOGRAM_TIMER, "histogram.bin_100_5"),
                custom.timer(StatsdCorpus.HISTOGRAM_TIMER, "histogram.bin_inf"),
                custom.timer("corpus.timer.t2", "histogram.bin_0_5"),
                custom.timer("corpus.format.small_timer", "histogram.bin_0_000001"),
                custom.timer("corpus.format.small_timer", "histogram.bin_100000000000000000000"),
                custom.counterRate("corpus.counter.multi"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void mosaicWritesWhatEtsyStatsdWritesForTheSamePackets(Run run, EmbeddedKafkaBroker kafka)
      throws Exception {
    Path etsyPackage = EtsyStatsd.install();
    List<String> packets = StatsdCorpus.packets();
    assertThat(packets.size()).isGreaterThanOrEqualTo(200);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CarbonLineServer etsyCarbon = new CarbonLineServer();
        CarbonLineServer mosaicCarbon = new CarbonLineServer();
        EtsyStatsd etsy =
            EtsyStatsd.start(
                etsyPackage,
                etsyCarbon.port(),
                INTERVAL_MILLIS,
                "[" + run.percentThresholds() + "]",
                run.etsySettings());
        MosaicStack stack = startStack(kafka, mosaicCarbon, meters, run)) {
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
                assertThat(etsyData.get(run.naming().counterCount("statsd.packets_received")))
                    .as(
                        "datagrams in Etsy's flush with the corpus (fewer: UDP dropped some, or a"
                            + " flush split the burst)")
                    .isEqualTo(Integer.toString(packets.size()));
                assertThat(meters.counter("mosaic.collector.statsd.packets").count())
                    .as("datagrams mosaic read")
                    .isEqualTo(packets.size());
                // Without these the comparison could pass on nearly empty flushes.
                StatsdGraphiteNaming naming = run.naming();
                assertThat(etsyData)
                    .containsKeys(
                        naming.timer(StatsdCorpus.HISTOGRAM_TIMER, "upper_90"),
                        naming.setCount("corpus.set.users"),
                        naming.gauge("corpus.gauge.fresh_negative"),
                        naming.counterCount("corpus.counter.multi"));
                assertThat(etsyData.keySet()).containsAll(run.expectedNames());
                assertThat(etsyData).containsKey(naming.numStats());
                assertThat(
                        differences(
                            run,
                            timingsRemoved(naming, etsyData),
                            timingsRemoved(naming, mosaicFlushes.get(0))))
                    .as("the flush holding the corpus: name: Etsy value | mosaic value")
                    .isEmpty();
                assertThat(
                        differences(
                            run,
                            timingsRemoved(naming, etsyFlushes.get(1)),
                            timingsRemoved(naming, mosaicFlushes.get(1))))
                    .as("the idle flush after it: name: Etsy value | mosaic value")
                    .isEmpty();
                for (int flush = 0; flush < 2; flush++) {
                  assertPlausibleTimings(
                      naming, etsyFlushes.get(flush), mosaicFlushes.get(flush), flush == 0);
                }
              });
    }
  }

  private static MosaicStack startStack(
      EmbeddedKafkaBroker kafka, CarbonLineServer carbon, SimpleMeterRegistry meters, Run run)
      throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add("--aggregator.percentiles=" + run.percentThresholds().replace(" ", ""));
    arguments.addAll(run.mosaicArguments());
    return TestPipeline.start(kafka, carbon, meters, arguments.toArray(String[]::new));
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
                      .filter(line -> line.split(" ")[0].contains("statsd.numStats"))
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

  /**
   * StatsD's own metrics whose values are times, sizes or durations of that process's own work:
   * compared by presence and plausibility, not value.
   */
  private static Set<String> timingNames(StatsdGraphiteNaming naming) {
    return Set.of(
        naming.own("graphiteStats.calculationtime"),
        naming.own("processing_time"),
        naming.own("graphiteStats.last_exception"),
        naming.own("graphiteStats.last_flush"),
        naming.own("graphiteStats.flush_time"),
        naming.own("graphiteStats.flush_length"),
        naming.gauge("statsd.timestamp_lag"));
  }

  /**
   * The flush without its timing metrics, and with {@code numStats} not counting {@code
   * timestamp_lag}: Etsy writes that gauge from its second flush after start, mosaic from its
   * second interval holding data (an aggregator closes no interval before its first sample), so in
   * the flush holding the corpus only Etsy has it. Every other series is counted exactly.
   */
  private static Map<String, String> timingsRemoved(
      StatsdGraphiteNaming naming, Map<String, String> flush) {
    Map<String, String> kept = new TreeMap<>(flush);
    kept.keySet().removeAll(timingNames(naming));
    if (flush.containsKey(naming.gauge("statsd.timestamp_lag"))) {
      kept.computeIfPresent(
          naming.numStats(), (name, value) -> Long.toString(Long.parseLong(value) - 1));
    }
    return kept;
  }

  /**
   * Every timing metric Etsy wrote, mosaic wrote too, with a plausible value: a duration or size
   * not negative and below a day's worth, an epoch second within a day of now (or 0 for "never"), a
   * timestamp lag within one hour either way.
   */
  private static void assertPlausibleTimings(
      StatsdGraphiteNaming naming,
      Map<String, String> etsy,
      Map<String, String> mosaic,
      boolean mosaicFirstFlush) {
    long now = System.currentTimeMillis() / 1000;
    for (String name : timingNames(naming)) {
      if (!etsy.containsKey(name)
          || (mosaicFirstFlush && name.equals(naming.gauge("statsd.timestamp_lag")))) {
        continue;
      }
      assertThat(mosaic).as("StatsD's own %s", name).containsKey(name);
      double value = Double.parseDouble(mosaic.get(name));
      if (name.equals(naming.gauge("statsd.timestamp_lag"))) {
        assertThat(value).as(name).isBetween(-3600.0, 3600.0);
      } else if (name.endsWith("last_flush" + suffixOf(naming))
          || name.endsWith("last_exception" + suffixOf(naming))) {
        assertThat(value == 0 || Math.abs(value - now) < 86_400).as(name + " = " + value).isTrue();
      } else {
        assertThat(value).as(name).isBetween(0.0, 86_400_000.0);
      }
    }
  }

  /** The global suffix with its dot, as the naming appends it. */
  private static String suffixOf(StatsdGraphiteNaming naming) {
    String flushTime = naming.own("graphiteStats.flush_time");
    return flushTime.substring(flushTime.indexOf("flush_time") + "flush_time".length());
  }

  /** One line per name whose value differs, or that only one side wrote. */
  private static List<String> differences(
      Run run, Map<String, String> etsy, Map<String, String> mosaic) {
    Set<String> names = new TreeSet<>(etsy.keySet());
    names.addAll(mosaic.keySet());
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      String expected = etsy.get(name);
      String actual = mosaic.get(name);
      if (expected == null || actual == null || !sameValue(run, name, expected, actual)) {
        differences.add(name + ": " + expected + " | " + actual);
      }
    }
    return differences;
  }

  private static boolean sameValue(Run run, String name, String etsy, String mosaic) {
    double tolerance = relativeTolerance(run, name);
    if (tolerance == 0) {
      return etsy.equals(mosaic);
    }
    double expected = Double.parseDouble(etsy);
    return Math.abs(Double.parseDouble(mosaic) - expected) <= tolerance * Math.abs(expected);
  }

  private static double relativeTolerance(Run run, String name) {
    String histogramTimer = run.timerNamespace() + StatsdCorpus.HISTOGRAM_TIMER + ".";
    if (!name.startsWith(histogramTimer) || !name.endsWith(run.suffix())) {
      return 0;
    }
    String field = name.substring(histogramTimer.length(), name.length() - run.suffix().length());
    if (HALF_PER_MILLE_FIELDS.matcher(field).matches()) {
      return 0.0005;
    }
    if (PER_MILLE_FIELDS.matcher(field).matches()) {
      return 0.001;
    }
    return field.equals("std") ? 1e-12 : 0;
  }
}

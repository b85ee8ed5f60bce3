package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real aggregator process ({@link Aggregator#main}) stopped in the middle of an interval — by
 * SIGKILL or by SIGTERM — and started again while samples keep coming: every interval's counter
 * totals and timer counts equal exactly what was sent, and no point is published twice. A gauge set
 * and a counter seen only before the stop keep their level and their zeros after it (restored from
 * the state topic), and a delta after the restart moves the restored level.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AggregatorCrashTest {
  private static final int PARTITIONS = 4;
  private static final long L = 2_000;

  enum Stop {
    SIGKILL,
    SIGTERM
  }

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Stop.class)
  void restartedAggregatorPublishesEverySampleExactlyOnce(Stop stop, EmbeddedKafkaBroker kafka)
      throws Exception {
    String prefix = "crash-" + UUID.randomUUID() + ".";
    String samples = prefix + "samples";
    String aggregates = prefix + "aggregates";
    createTopics(kafka, samples, aggregates);
    List<String> args =
        List.of(
            "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--kafka.topic-prefix=" + prefix,
            "--kafka.partitions=" + PARTITIONS,
            "--aggregator.flush-interval=2s",
            "--aggregator.grace=1s",
            "--aggregator.consumer-group=g-" + UUID.randomUUID(),
            "--aggregator.instance-id=crash-test",
            // Any free port: a fixed one collides with other tests running on the machine.
            "--admin.port=0");

    try (LiveSamples live = new LiveSamples(kafka.bootstrapServers(), samples, PARTITIONS, L);
        AggregatesReader reader =
            new AggregatesReader(kafka.bootstrapServers(), aggregates, PARTITIONS)) {
      // Complete intervals in the past, read in one catch-up.
      long history = live.startOf(System.currentTimeMillis()) - 5 * L;
      live.sendOne(MetricSample.gauge("crash.level", 7, history + 100));
      live.sendOne(MetricSample.counter("crash.idle", 1, 1.0, history + 100));
      for (long interval = history; interval < history + 5 * L; interval += L) {
        live.send(interval + 100, interval + 700, interval + 1_300);
      }
      Process first = startAggregator(args, stop + "-first");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> reader.poll().containsKey((history + 4 * L) / 1000));

      // Live samples, then the stop in the middle of an interval, while samples keep coming.
      live.sendUntil(live.startOf(System.currentTimeMillis()) + 2 * L + L / 2);
      if (stop == Stop.SIGKILL) {
        first.destroyForcibly();
      } else {
        first.destroy();
      }
      long stoppedAt = System.currentTimeMillis();
      while (first.isAlive()) {
        live.sendUntil(System.currentTimeMillis() + 200);
      }
      if (stop == Stop.SIGTERM) {
        assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
      }
      live.sendUntil(stoppedAt + L);

      startAggregator(args, stop + "-second");
      long deltaInterval = live.startOf(System.currentTimeMillis()) + L;
      live.sendOne(MetricSample.gaugeDelta("crash.level", 2, deltaInterval));
      live.sendUntil(System.currentTimeMillis() + 3 * L);

      // One interval more, so that a point published twice for the last one would be seen.
      long after = (live.lastInterval() + L) / 1000;
      Map<Long, Map<String, List<Double>>> seen =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(reader::poll, points -> points.containsKey(after));
      live.assertPublishedExactlyOnce(seen);
      for (long start = history; start / 1000 <= after; start += L) {
        Map<String, List<Double>> interval = seen.get(start / 1000);
        assertThat(interval).as("interval %d published", start).isNotNull();
        assertThat(interval.get("stats.gauges.crash.level"))
            .as("gauge level in interval %d", start)
            .containsExactly(start < deltaInterval ? 7.0 : 9.0);
        assertThat(interval.get("stats_counts.crash.idle"))
            .as("idle counter in interval %d", start)
            .containsExactly(start == history ? 1.0 : 0.0);
      }
    }
  }

  static void createTopics(EmbeddedKafkaBroker kafka, String samples, String aggregates)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(samples, PARTITIONS, (short) 1),
                  new NewTopic(aggregates, PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code Aggregator.main} in a child JVM on this test's class path. */
  private Process startAggregator(List<String> args, String name) throws Exception {
    Path logs = Path.of("target", "crash-test");
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Aggregator.class.getName()));
    command.addAll(args);
    File log = logs.resolve(name + ".log").toFile();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    children.add(process);
    return process;
  }
}

package dev.mosaic.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole mosaic pipeline ({@code bin/mosaic up}: embedded Kafka, collector, aggregator, storage
 * bridge, state engine, notifier) in its own JVM, configured on the command line: every port chosen
 * free, data in the work directory, the bridge writing to the harness's carbon receiver.
 */
final class MosaicProcess {
  private MosaicProcess() {}

  /**
   * @param classpath the launcher jar and its dependencies
   * @param javaOptions JVM options, e.g. {@code -Xmx2g}
   * @param intervalSeconds the aggregator's flush interval
   * @param extra further {@code key=value} settings, applied last
   */
  static SystemUnderTest start(
      String classpath,
      List<String> javaOptions,
      Path workDir,
      int carbonPort,
      int intervalSeconds,
      List<String> extra)
      throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("mosaic"));
    Files.createDirectories(dir.resolve("checks"));
    int statsdPort = ChildProcess.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", classpath, "dev.mosaic.launcher.Mosaic", "up"));
    command.addAll(
        List.of(
            "--kafka.embedded.data-dir=" + dir.resolve("kafka"),
            "--kafka.embedded.port=" + ChildProcess.freePort(),
            "--kafka.embedded.controller-port=" + ChildProcess.freePort(),
            "--collector.statsd.port=" + statsdPort,
            "--collector.statsd.tcp=false",
            "--collector.logs.enabled=false",
            // the load's names plus probes exceed the default 100,000
            "--collector.max-series=10000000",
            "--aggregator.flush-interval=" + intervalSeconds + "s",
            "--storage-bridge.carbon.host=127.0.0.1",
            "--storage-bridge.carbon.port=" + carbonPort,
            "--state-engine.checks-dir=" + dir.resolve("checks"),
            "--state-engine.http.port=" + ChildProcess.freePort(),
            "--notifier.routes-file=" + dir.resolve("notifier.yaml"),
            "--notifier.http.port=" + ChildProcess.freePort(),
            "--admin.port=" + ChildProcess.freePort()));
    for (String setting : extra) {
      command.add("--" + setting);
    }
    Process process = ChildProcess.start(command, dir, dir.resolve("mosaic.log"));
    return new SystemUnderTest("mosaic", process, statsdPort);
  }
}

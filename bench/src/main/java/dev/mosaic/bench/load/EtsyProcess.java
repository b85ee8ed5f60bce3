package dev.mosaic.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Etsy StatsD 0.9.0 under Node.js with its Graphite backend pointed at the harness's carbon
 * receiver; installed with npm into {@code installDir} when missing.
 */
final class EtsyProcess {
  static final String PACKAGE = "statsd@0.9.0";

  private EtsyProcess() {}

  /**
   * The folder of the installed package ({@code <installDir>/node_modules/statsd}), installing it
   * first if needed; empty, with the reason printed, when node or npm is missing or the install
   * fails.
   */
  static Optional<Path> install(Path installDir) throws InterruptedException {
    Path statsd = installDir.resolve("node_modules").resolve("statsd");
    if (!onPath("node")) {
      System.out.println("etsy: skipped, `node` is not on the PATH");
      return Optional.empty();
    }
    if (Files.exists(statsd.resolve("stats.js"))) {
      return Optional.of(statsd);
    }
    if (!onPath("npm")) {
      System.out.println("etsy: skipped, `npm` is not on the PATH to install " + PACKAGE);
      return Optional.empty();
    }
    System.out.println("etsy: installing " + PACKAGE + " into " + installDir);
    try {
      Files.createDirectories(installDir);
      Process npm =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", ".", PACKAGE)
              .directory(installDir.toFile())
              .inheritIO()
              .start();
      if (npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0) {
        return Optional.of(statsd);
      }
      npm.destroyForcibly();
    } catch (IOException e) {
      System.out.println("etsy: npm failed: " + e);
    }
    System.out.println("etsy: skipped, npm install " + PACKAGE + " failed");
    return Optional.empty();
  }

  static SystemUnderTest start(Path statsdDir, Path workDir, int carbonPort, int intervalSeconds)
      throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("etsy"));
    int port = ChildProcess.freePort();
    Path config = dir.resolve("config.js");
    Files.writeString(
        config,
        "{ port: "
            + port
            + ", address: \"127.0.0.1\", mgmt_port: "
            + ChildProcess.freePort()
            + ", mgmt_address: \"127.0.0.1\", graphiteHost: \"127.0.0.1\", graphitePort: "
            + carbonPort
            + ", flushInterval: "
            + intervalSeconds * 1000
            + ", backends: [\"./backends/graphite\"] }\n");
    Process process =
        ChildProcess.start(
            List.of("node", "stats.js", config.toString()), statsdDir, dir.resolve("etsy.log"));
    return new SystemUnderTest("etsy", process, port);
  }

  private static boolean onPath(String program) throws InterruptedException {
    try {
      Process which = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      which.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return which.waitFor(30, TimeUnit.SECONDS) && which.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

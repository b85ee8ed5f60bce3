package dev.mosaic.launcher;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The reference peer: Etsy StatsD 0.9.0 from npm, run by {@code node} with its Graphite backend,
 * bound to 127.0.0.1 on free ports.
 *
 * <pre>
 *   test packets → UDP → node stats.js → graphite backend → CarbonLineServer
 * </pre>
 *
 * <p>{@link #install} skips the calling test (a JUnit assumption) when {@code node} or {@code npm}
 * is not on the PATH or the package cannot be installed, so machines without Node.js still build.
 */
final class EtsyStatsd implements AutoCloseable {
  static final String PACKAGE = "statsd@0.9.0";

  private static final Path INSTALL_DIR = Path.of("target", "etsy-statsd").toAbsolutePath();
  private static final long INSTALL_TIMEOUT_SECONDS = 180;

  private final Process process;
  private final Path log;
  private final int port;

  private EtsyStatsd(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Installs {@link #PACKAGE} under {@code target/etsy-statsd} unless it is there already.
   *
   * @return the package folder, which holds {@code stats.js}
   */
  static Path install() throws IOException, InterruptedException {
    assumeTrue(onPath("node"), "node is not on the PATH: the Etsy StatsD comparison is skipped");
    assumeTrue(onPath("npm"), "npm is not on the PATH: the Etsy StatsD comparison is skipped");
    Path packageDir = INSTALL_DIR.resolve("node_modules").resolve("statsd");
    if (Files.isRegularFile(packageDir.resolve("stats.js"))) {
      return packageDir;
    }
    Files.createDirectories(INSTALL_DIR);
    Path installLog = INSTALL_DIR.resolve("npm-install.log");
    // The optional dependencies are native syslog and hashing modules the Graphite backend does
    // not use; leaving them out avoids a compiler toolchain and most of the download.
    Process npm =
        new ProcessBuilder(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--omit=optional",
                "--prefix",
                INSTALL_DIR.toString(),
                PACKAGE)
            .redirectErrorStream(true)
            .redirectOutput(installLog.toFile())
            .start();
    boolean finished = npm.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      npm.destroyForcibly().waitFor();
    }
    assumeTrue(
        finished && npm.exitValue() == 0 && Files.isRegularFile(packageDir.resolve("stats.js")),
        () ->
            "npm could not install "
                + PACKAGE
                + ", so the comparison is skipped:\n"
                + tail(installLog));
    return packageDir;
  }

  /**
   * Starts {@code node stats.js} with a config for 127.0.0.1 and the given carbon port.
   *
   * @param percentThresholds a JavaScript array literal, e.g. {@code [90, 95, 99.9]}
   */
  static EtsyStatsd start(
      Path packageDir, int graphitePort, long flushIntervalMillis, String percentThresholds)
      throws IOException {
    return start(packageDir, graphitePort, flushIntervalMillis, percentThresholds, List.of());
  }

  /**
   * Starts {@code node stats.js} as {@link #start(Path, int, long, String)} does, with more
   * settings.
   *
   * @param moreSettings config object entries, each a JavaScript {@code name: value} without the
   *     comma, e.g. {@code deleteIdleStats: true}
   */
  static EtsyStatsd start(
      Path packageDir,
      int graphitePort,
      long flushIntervalMillis,
      String percentThresholds,
      List<String> moreSettings)
      throws IOException {
    int port = freeUdpPort();
    int managementPort = freeTcpPort();
    String id = UUID.randomUUID().toString();
    Path config = INSTALL_DIR.resolve("config-" + id + ".js");
    Files.writeString(
        config,
        String.join(
            "\n",
            "{",
            "  port: " + port + ",",
            "  address: \"127.0.0.1\",",
            "  mgmt_port: " + managementPort + ",",
            "  mgmt_address: \"127.0.0.1\",",
            "  graphiteHost: \"127.0.0.1\",",
            "  graphitePort: " + graphitePort + ",",
            "  flushInterval: " + flushIntervalMillis + ",",
            "  percentThreshold: " + percentThresholds + ",",
            moreSettings.stream().map(entry -> "  " + entry + ",\n").collect(joining()),
            "  backends: [\"./backends/graphite\"]",
            "}",
            ""),
        StandardCharsets.UTF_8);
    Path log = INSTALL_DIR.resolve("statsd-" + id + ".log");
    Process process =
        new ProcessBuilder("node", "stats.js", config.toString())
            .directory(packageDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new EtsyStatsd(process, log, port);
  }

  /** The UDP port StatsD reads. */
  int port() {
    return port;
  }

  /** Throws, with StatsD's output, if the process has ended (e.g. it could not bind its port). */
  void checkAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Etsy StatsD exited with " + process.exitValue() + ":\n" + tail(log));
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}

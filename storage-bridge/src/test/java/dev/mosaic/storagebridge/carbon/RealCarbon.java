package dev.mosaic.storagebridge.carbon;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code carbon-cache} on 127.0.0.1 in a temporary directory, for the slow tests that
 * assert on what carbon stored in whisper.
 *
 * <pre>
 * storage bridge → RealCarbon (carbon-cache :line / :pickle) → whisper files → {@link #fetch}
 * </pre>
 *
 * <p>Series under {@code test.} get 10 s points kept 6 h, so timestamps must be recent. Skips the
 * calling test (JUnit assumption) when {@code carbon-cache} or {@code whisper-fetch} is missing.
 * {@link #stop()} and {@link #start()} may be repeated: the ports and the data stay.
 */
public final class RealCarbon implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final int linePort;
  private final int picklePort;
  private final int queryPort;
  private Process process;

  private RealCarbon(Path dir, int linePort, int picklePort, int queryPort) {
    this.dir = dir;
    this.linePort = linePort;
    this.picklePort = picklePort;
    this.queryPort = queryPort;
  }

  /** Writes a private config and starts carbon; returns once its line receiver accepts. */
  public static RealCarbon start(String instance) throws IOException {
    Assumptions.assumeTrue(
        onPath("carbon-cache") && onPath("whisper-fetch"),
        "carbon-cache or whisper-fetch not installed:"
            + " apt-get install -y graphite-carbon python3-whisper");
    Path dir = Files.createTempDirectory("mosaic-carbon-" + instance + "-");
    RealCarbon carbon = new RealCarbon(dir, freePort(), freePort(), freePort());
    carbon.writeConfig();
    carbon.start();
    return carbon;
  }

  public int linePort() {
    return linePort;
  }

  public int picklePort() {
    return picklePort;
  }

  /** Starts the carbon-cache process again after {@link #stop()}, on the same ports and data. */
  public synchronized void start() throws IOException {
    if (process != null) {
      throw new IllegalStateException("carbon is running");
    }
    process =
        new ProcessBuilder(
                "carbon-cache", "--config=" + dir.resolve("carbon.conf"), "--debug", "start")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").resolve("console.log").toFile())
            .start();
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> accepts(linePort) && accepts(picklePort));
  }

  /** Stops carbon (SIGTERM, which lets it write its cache) and waits for the process to end. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /**
   * The points whisper holds for {@code name} between two epoch seconds, by timestamp; empty slots
   * are left out, and an unknown series is an empty map.
   */
  public Map<Long, Double> fetch(String name, long fromSeconds, long untilSeconds)
      throws IOException, InterruptedException {
    Path wsp = dir.resolve("storage/whisper").resolve(name.replace('.', '/') + ".wsp");
    Map<Long, Double> points = new TreeMap<>();
    if (!Files.exists(wsp)) {
      return points;
    }
    Process fetch =
        new ProcessBuilder(
                "whisper-fetch", "--from=" + fromSeconds, "--until=" + untilSeconds, wsp.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (fetch.waitFor() != 0) {
      throw new IOException("whisper-fetch " + wsp + " failed: " + out);
    }
    for (String line : out.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 2 && !fields[1].equals("None")) {
        points.put(Long.parseLong(fields[0]), Double.parseDouble(fields[1]));
      }
    }
    return points;
  }

  @Override
  public void close() throws IOException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private void writeConfig() throws IOException {
    for (String sub : List.of("storage/whisper", "storage/lists", "log", "run")) {
      Files.createDirectories(dir.resolve(sub));
    }
    String conf =
        String.join(
            "\n",
            "[cache]",
            "STORAGE_DIR = " + dir.resolve("storage"),
            "LOCAL_DATA_DIR = " + dir.resolve("storage/whisper"),
            "WHITELISTS_DIR = " + dir.resolve("storage/lists"),
            "CONF_DIR = " + dir,
            "LOG_DIR = " + dir.resolve("log"),
            "PID_DIR = " + dir.resolve("run"),
            "USER =",
            "MAX_CACHE_SIZE = inf",
            "MAX_UPDATES_PER_SECOND = 10000",
            "MAX_CREATES_PER_MINUTE = inf",
            "ENABLE_UDP_LISTENER = False",
            "LINE_RECEIVER_INTERFACE = 127.0.0.1",
            "LINE_RECEIVER_PORT = " + linePort,
            "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
            "PICKLE_RECEIVER_PORT = " + picklePort,
            "CACHE_QUERY_INTERFACE = 127.0.0.1",
            "CACHE_QUERY_PORT = " + queryPort,
            "");
    Files.writeString(dir.resolve("carbon.conf"), conf);
    // The first matching schema wins: test series get 10 s points.
    String schemas =
        String.join(
            "\n",
            "[test]",
            "pattern = ^test\\.",
            "retentions = 10s:6h",
            "",
            "[default]",
            "pattern = .*",
            "retentions = 60s:1d",
            "");
    Files.writeString(dir.resolve("storage-schemas.conf"), schemas);
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, command))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

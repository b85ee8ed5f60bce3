package dev.mosaic.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line, {@code --key=value} each; see {@link #USAGE}.
 *
 * @param systems which servers to measure, in order
 * @param linesPerPacket StatsD lines per datagram
 * @param names distinct metric names in the load
 * @param stepSeconds how long each rate is offered
 * @param warmupSeconds load at the first rate before measuring, not reported (JIT warm-up)
 * @param intervalSeconds flush interval of both servers
 * @param senders sender threads
 * @param sender {@code epoll}, {@code gso} or {@code channel}, the {@link LoadSender} used
 * @param mosaicRates lines/s to step through for mosaic
 * @param etsyRates lines/s to step through for Etsy StatsD
 * @param sinkRates lines/s to step through for the generator alone ({@code --systems=sink})
 * @param stopAtLoss stop stepping up a system after its first step with 0.1 % loss or more
 * @param probeMillis the time between two latency probes
 * @param mosaicClasspath the launcher jar and its dependencies
 * @param mosaicJavaOptions the mosaic JVM's options
 * @param mosaicSettings extra mosaic {@code key=value} settings
 * @param etsyInstallDir where {@code statsd@0.9.0} is (or gets) installed by npm
 * @param workDir data and logs of the processes under test
 */
record LoadOptions(
    List<String> systems,
    int linesPerPacket,
    int names,
    double stepSeconds,
    double warmupSeconds,
    int intervalSeconds,
    int senders,
    String sender,
    List<Double> mosaicRates,
    List<Double> etsyRates,
    List<Double> sinkRates,
    boolean stopAtLoss,
    long probeMillis,
    String mosaicClasspath,
    List<String> mosaicJavaOptions,
    List<String> mosaicSettings,
    Path etsyInstallDir,
    Path workDir) {

  static final String USAGE =
      """
      usage: bench/run-load.sh [--key=value ...]
        --systems=mosaic,etsy       which servers to measure (each started as its own process);
                                    sink: no server, the generator alone, all senders compared
                                    against a process that only counts datagrams
        --lines-per-packet=20       StatsD lines per UDP datagram (the issue asks for 20 and 1)
        --names=100000              distinct names: 40 % counters, 30 % timers, 20 % gauges, 10 % sets
        --step=10                   seconds each rate is offered
        --warmup=5                  seconds of load at the first rate before measuring (not reported)
        --interval=10               flush interval of both servers, seconds
        --senders=2                 sender threads
        --sender=epoll              epoll: batched sendmmsg (Netty native epoll, Linux x86_64);
                                    gso: the same, up to 64 datagrams per message split by the
                                    kernel (UDP_SEGMENT), padded with '\\n' to one length;
                                    channel: one send per datagram (JDK DatagramChannel)
        --mosaic-rates=...          lines/s to step through; default by lines per packet:
                                    20: 100000,250000,500000,1000000   1: 10000,25000,50000,100000,200000
        --etsy-rates=...            default 20: 2500,5000,10000,25000   1: 1000,2500,5000,10000
        --sink-rates=...            default 20: 1000000,4000000   1: 100000,200000,400000
        --stop-at-loss=true         stop a system's steps after its first with >= 0.1 % loss
        --probe-ms=250              time between latency probes
        --mosaic-classpath=...      default launcher/target/mosaic-launcher-*.jar:launcher/target/lib/*
        --mosaic-java-opts=...      default "-Xmx2g" (space-separated)
        --mosaic-set=key=value      an extra mosaic setting; repeatable
        --etsy-dir=bench/target/etsy  where npm installs statsd@0.9.0 when missing
        --work-dir=...              default a new temporary directory
      """;

  static LoadOptions parse(String[] args) throws java.io.IOException {
    List<String> systems = List.of("mosaic", "etsy");
    int linesPerPacket = 20;
    int names = 100_000;
    double step = 10;
    double warmup = 5;
    int interval = 10;
    int senders = 2;
    String sender = "epoll";
    List<Double> mosaicRates = null;
    List<Double> etsyRates = null;
    List<Double> sinkRates = null;
    boolean stopAtLoss = true;
    long probeMillis = 250;
    String classpath = null;
    List<String> javaOptions = List.of("-Xmx2g");
    List<String> settings = new ArrayList<>();
    Path etsyDir = Path.of("bench", "target", "etsy");
    Path workDir = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
      }
      String key = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (key) {
        case "systems" -> systems = List.of(value.split(","));
        case "lines-per-packet" -> linesPerPacket = Integer.parseInt(value);
        case "names" -> names = Integer.parseInt(value);
        case "step" -> step = Double.parseDouble(value);
        case "warmup" -> warmup = Double.parseDouble(value);
        case "interval" -> interval = Integer.parseInt(value);
        case "senders" -> senders = Integer.parseInt(value);
        case "sender" -> sender = value;
        case "mosaic-rates" -> mosaicRates = parseRates(value);
        case "etsy-rates" -> etsyRates = parseRates(value);
        case "sink-rates" -> sinkRates = parseRates(value);
        case "stop-at-loss" -> stopAtLoss = Boolean.parseBoolean(value);
        case "probe-ms" -> probeMillis = Long.parseLong(value);
        case "mosaic-classpath" -> classpath = value;
        case "mosaic-java-opts" -> javaOptions = List.of(value.trim().split("\\s+"));
        case "mosaic-set" -> settings.add(value);
        case "etsy-dir" -> etsyDir = Path.of(value);
        case "work-dir" -> workDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option --" + key);
      }
    }
    for (String system : systems) {
      if (!List.of("mosaic", "etsy", "sink").contains(system)) {
        throw new IllegalArgumentException("--systems: unknown system '" + system + "'");
      }
    }
    if (!List.of("epoll", "gso", "channel").contains(sender)) {
      throw new IllegalArgumentException(
          "--sender: expected epoll, gso or channel, got '" + sender + "'");
    }
    if (senders < 1) {
      throw new IllegalArgumentException("--senders: at least 1 thread, got " + senders);
    }
    boolean batched = linesPerPacket >= 10;
    if (mosaicRates == null) {
      mosaicRates =
          batched ? List.of(100e3, 250e3, 500e3, 1000e3) : List.of(10e3, 25e3, 50e3, 100e3, 200e3);
    }
    if (etsyRates == null) {
      etsyRates = batched ? List.of(2.5e3, 5e3, 10e3, 25e3) : List.of(1e3, 2.5e3, 5e3, 10e3);
    }
    if (sinkRates == null) {
      sinkRates = batched ? List.of(1000e3, 4000e3) : List.of(100e3, 200e3, 400e3);
    }
    if (classpath == null && systems.contains("mosaic")) {
      classpath = defaultMosaicClasspath();
    }
    if (workDir == null) {
      workDir = java.nio.file.Files.createTempDirectory("mosaic-load");
    }
    return new LoadOptions(
        systems,
        linesPerPacket,
        names,
        step,
        warmup,
        interval,
        senders,
        sender,
        mosaicRates,
        etsyRates,
        sinkRates,
        stopAtLoss,
        probeMillis,
        classpath,
        javaOptions,
        List.copyOf(settings),
        etsyDir,
        workDir);
  }

  List<Double> rates(String system) {
    return switch (system) {
      case "mosaic" -> mosaicRates;
      case "sink" -> sinkRates;
      default -> etsyRates;
    };
  }

  private static List<Double> parseRates(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Double::parseDouble).toList();
  }

  private static String defaultMosaicClasspath() throws java.io.IOException {
    Path target = Path.of("launcher", "target").toAbsolutePath();
    try (var files = java.nio.file.Files.list(target)) {
      Path jar =
          files
              .filter(p -> p.getFileName().toString().matches("mosaic-launcher-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no launcher/target/mosaic-launcher-*.jar: run `mvn -pl launcher -am"
                              + " package -DskipTests` or pass --mosaic-classpath"));
      return jar + java.io.File.pathSeparator + target.resolve("lib") + "/*";
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no launcher/target: run from the repository root after building the launcher", e);
    }
  }
}

package dev.mosaic.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers StatsD load to mosaic and to Etsy StatsD, one after the other in the same run, steps the
 * rate up, and prints loss, CPU and latency per step and each system's highest loss-free rate.
 *
 * <pre>
 * for each system: start process → wait until a probe comes out at carbon → warm up
 *   → for each rate: send (with probes) → wait for the last probe → read the window → row
 *   → (if no rate was loss-free: halve the lowest rate, up to 3 times)
 * </pre>
 */
public final class LoadHarness {
  private static final long READY_TIMEOUT_SECONDS = 180;
  private static final long QUIET_MILLIS = 1_500;

  /**
   * How long the load must have gone on after an interval's end for the interval to count in the
   * closing columns: twice the aggregator's default watermark allowance.
   */
  private static final long BUSY_AFTER_END_MILLIS = 1_000;

  /** How many times the lowest rate is halved when even it loses. */
  private static final int STEPS_DOWN = 3;

  private final LoadOptions options;
  private final CarbonReceiver carbon;
  private final PacketPool pool;
  private final List<StepResult> results = new ArrayList<>();
  private int step;

  private LoadHarness(LoadOptions options, CarbonReceiver carbon) {
    this.options = options;
    this.carbon = carbon;
    this.pool = new PacketPool(options.names(), options.linesPerPacket());
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load harness: " + e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    try (CarbonReceiver carbon = new CarbonReceiver()) {
      LoadHarness harness = new LoadHarness(options, carbon);
      harness.run();
      ResultTable.print(System.out, harness.results, options);
    }
    System.exit(0); // stray non-daemon threads of a failed start must not keep the JVM up
  }

  private void run() throws Exception {
    System.out.println("work directory (logs of the processes): " + options.workDir());
    for (String system : options.systems()) {
      if (system.equals("sink")) {
        SenderComparison.run(options, pool);
        continue;
      }
      Optional<SystemUnderTest> started = start(system);
      if (started.isEmpty()) {
        continue;
      }
      try (SystemUnderTest sut = started.get()) {
        measure(sut);
      }
    }
  }

  private Optional<SystemUnderTest> start(String system) throws Exception {
    if (system.equals("mosaic")) {
      System.out.println("mosaic: starting " + options.mosaicClasspath());
      return Optional.of(
          MosaicProcess.start(
              options.mosaicClasspath(),
              options.mosaicJavaOptions(),
              options.workDir(),
              carbon.port(),
              options.intervalSeconds(),
              options.mosaicSettings()));
    }
    Optional<Path> statsd = EtsyProcess.install(options.etsyInstallDir().toAbsolutePath());
    if (statsd.isEmpty()) {
      return Optional.empty();
    }
    System.out.println("etsy: starting " + statsd.get());
    return Optional.of(
        EtsyProcess.start(
            statsd.get(), options.workDir(), carbon.port(), options.intervalSeconds()));
  }

  private void measure(SystemUnderTest sut) throws Exception {
    InetSocketAddress target =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), sut.statsdPort());
    try (ProbeSender probes = new ProbeSender(target);
        LoadSender sender = LoadSender.open(options.sender(), pool, target, options.senders())) {
      if (!awaitReady(sut, probes)) {
        return;
      }
      // the one used: a sender that cannot run here falls back to the next one down
      System.out.printf("%s: sending with --sender=%s%n", sut.name(), sender.name());
      List<Double> rates = options.rates(sut.name());
      if (options.warmupSeconds() > 0) {
        System.out.printf("%s: warming up at %.0f lines/s%n", sut.name(), rates.get(0));
        runStep(sut, sender, probes, rates.get(0), options.warmupSeconds());
      }
      System.out.println(ResultTable.header());
      boolean anyLossFree = false;
      for (double rate : rates) {
        StepResult result = step(sut, sender, probes, rate);
        if (result == null) {
          return;
        }
        anyLossFree |= result.lossFree();
        if (options.stopAtLoss() && !result.lossFree()) {
          break;
        }
      }
      // Not loss-free even at the lowest rate: halve it a few times, so the table still shows
      // where (whether) this system stops losing.
      double rate = rates.get(0);
      for (int i = 0; !anyLossFree && i < STEPS_DOWN; i++) {
        rate /= 2;
        StepResult result = step(sut, sender, probes, rate);
        if (result == null) {
          return;
        }
        anyLossFree = result.lossFree();
      }
    }
  }

  /** One measured step, printed; null when the process died. */
  private StepResult step(SystemUnderTest sut, LoadSender sender, ProbeSender probes, double rate)
      throws Exception {
    StepResult result = runStep(sut, sender, probes, rate, options.stepSeconds());
    results.add(result);
    System.out.println(ResultTable.row(result));
    if (!sut.alive()) {
      System.out.println(sut.name() + ": the process died; see its log in the work directory");
      return null;
    }
    return result;
  }

  /** Sends probes until one comes out at carbon: the whole pipeline is up. */
  private boolean awaitReady(SystemUnderTest sut, ProbeSender probes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    for (int n = 0; System.nanoTime() < deadline; n++) {
      if (!sut.alive()) {
        System.out.println(sut.name() + ": exited during start; see its log in the work directory");
        return false;
      }
      String name = "probe.ready_" + sut.name() + "." + n;
      probes.send(name);
      Thread.sleep(500);
      for (int i = 0; i <= n; i++) {
        if (carbon.probeArrival("probe.ready_" + sut.name() + "." + i) != null) {
          System.out.println(sut.name() + ": ready (a probe reached carbon)");
          return true;
        }
      }
    }
    System.out.println(sut.name() + ": no probe reached carbon in " + READY_TIMEOUT_SECONDS + " s");
    return false;
  }

  private StepResult runStep(
      SystemUnderTest sut, LoadSender sender, ProbeSender probes, double rate, double seconds)
      throws Exception {
    String tag = "s" + (++step);
    carbon.reset();
    long dropsBefore = UdpDrops.forPort(sut.statsdPort());
    long self = ProcessHandle.current().pid();
    double cpuBefore = ProcCpu.cpuSeconds(sut.pid());
    double selfBefore = ProcCpu.cpuSeconds(self);
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    carbon.arrivals().forgetBefore(startMillis / 1000 - 3600);

    List<String> sent = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
    prober.scheduleAtFixedRate(
        () -> {
          String name = "probe." + tag + "." + next.getAndIncrement();
          try {
            probes.send(name);
            synchronized (sent) {
              sent.add(name);
            }
          } catch (IOException e) {
            // a probe that could not leave is not a probe
          }
        },
        options.probeMillis() / 2,
        options.probeMillis(),
        TimeUnit.MILLISECONDS);
    Offered offered;
    try {
      offered = sender.send(rate, seconds);
    } finally {
      prober.shutdownNow();
      prober.awaitTermination(5, TimeUnit.SECONDS);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long endMillis = System.currentTimeMillis();
    double cpu = ProcCpu.cpuSeconds(sut.pid()) - cpuBefore;
    double selfCpu = ProcCpu.cpuSeconds(self) - selfBefore;

    String end = "probe." + tag + ".end";
    probes.send(end);
    boolean drained = awaitArrival(end, sut);
    awaitQuiet();
    long drops = UdpDrops.forPort(sut.statsdPort());
    CarbonReceiver.Window window = carbon.window();

    List<Double> latencies = new ArrayList<>();
    int missing = 0;
    synchronized (sent) {
      for (String name : sent) {
        Long arrived = carbon.probeArrival(name);
        if (arrived == null) {
          missing++;
        } else {
          latencies.add((arrived - probes.sentAt(name)) / 1e6);
        }
      }
    }
    int probeLines = sent.size() + 1;
    // Only intervals after whose end the load went on for a while: those close by watermark, as
    // under steady input; the one in which the load stops waits for the idle grace instead.
    IntervalArrivals.Summary closing =
        sut.name().equals("mosaic")
            ? carbon
                .arrivals()
                .summary(startMillis, endMillis - BUSY_AFTER_END_MILLIS, options.intervalSeconds())
            : IntervalArrivals.Summary.NONE;
    return new StepResult(
        sut.name(),
        rate,
        offered,
        window.loadCounterSum(),
        window.metricsReceived() - probeLines,
        dropsBefore < 0 || drops < 0 ? -1 : drops - dropsBefore,
        100 * cpu / elapsed,
        100 * selfCpu / elapsed,
        Latencies.of(latencies, missing),
        closing,
        drained);
  }

  /** Waits for the step's last probe: every interval before it has then been written. */
  private boolean awaitArrival(String probe, SystemUnderTest sut) throws InterruptedException {
    long deadline =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * options.intervalSeconds() + 20);
    while (System.nanoTime() < deadline && sut.alive()) {
      if (carbon.probeArrival(probe) != null) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * The probe's line may come before other lines of the same flush (the bridge writes partitions
   * one by one): wait until no load counter has arrived for a while.
   */
  private void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      long last = carbon.lastLoadLineNanos();
      if (System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
        return;
      }
      Thread.sleep(100);
    }
  }
}

package dev.mosaic.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --systems=sink}: the generator alone. Every sender available here ({@code channel}, {@code
 * epoll}, {@code gso}) offers each rate in turn to a {@link CountingSink} (a separate process), and
 * the table shows what each achieved and what it cost this process in CPU, so they can be compared
 * per CPU-second in one run.
 *
 * <pre>
 * for each sender: warm up → for each rate: for each sender: send → wait for the sink → row
 * </pre>
 */
final class SenderComparison {
  private static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-8s %10s %10s %10s %8s %10s %9s %6s %6s %6s %12s %9s %6s %6s",
          "sender",
          "req pkt/s",
          "sent pkt/s",
          "sent l/s",
          "failed",
          "rcvd pkt/s",
          "sinkdrops",
          "gen%",
          "usr%",
          "sys%",
          "pkts/cpu-s",
          "pkts/wr",
          "sink%",
          "si%");

  private SenderComparison() {}

  static void run(LoadOptions options, PacketPool pool) throws Exception {
    try (CountingSink sink = CountingSink.start()) {
      InetSocketAddress target =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.port());
      List<LoadSender> senders = new ArrayList<>();
      senders.add(new PacedSender(pool, target, options.senders()));
      Throwable epollMissing = EpollBatchSender.unavailabilityCause();
      if (epollMissing == null) {
        senders.add(new EpollBatchSender(pool, target, options.senders()));
      } else {
        System.out.println("sink: epoll unavailable (" + epollMissing + "), channel only");
      }
      String gsoMissing = EpollBatchSender.gsoUnavailabilityCause();
      if (gsoMissing == null) {
        EpollBatchSender gso = EpollBatchSender.gso(pool, target, options.senders());
        senders.add(gso);
        System.out.printf(
            Locale.ROOT,
            "sink: gso pads every datagram with '\\n' to %d bytes (channel and epoll send them"
                + " unpadded, %.1f bytes on average)%n",
            gso.pool().maxPacketLength(),
            pool.meanPacketLength());
      } else {
        System.out.println("sink: gso unavailable (" + gsoMissing + "), not compared");
      }
      try {
        List<Double> rates = options.rates("sink");
        System.out.printf(
            Locale.ROOT,
            "sink: the generator alone, %d lines per packet, %d sender threads, %.0f s per step%n",
            pool.linesPerPacket(),
            options.senders(),
            options.stepSeconds());
        for (LoadSender sender : senders) {
          if (options.warmupSeconds() > 0) {
            sender.send(rates.get(0), options.warmupSeconds());
          }
        }
        System.out.println(HEADER);
        for (double rate : rates) {
          for (LoadSender sender : senders) {
            Step step = measure(sender, sink, rate, pool.linesPerPacket(), options.stepSeconds());
            System.out.println(row(sender, step));
          }
        }
        System.out.println(
            "gen% = this process's CPU over the step (100 = one core), usr% + sys%; pkts/cpu-s ="
                + " datagrams sent per CPU-second of it; sinkdrops = kernel drops at the sink's"
                + " socket; pkts/wr = datagrams per write (gso: per UDP_SEGMENT send); sink% = the"
                + " sink process's CPU (its receive calls, one per datagram); si% = softirq time of"
                + " the whole machine (/proc/stat), which the kernel charges to whichever process"
                + " was running.");
      } finally {
        senders.forEach(LoadSender::close);
      }
    }
  }

  /** One step of one sender, and what it cost. */
  private record Step(
      double requestedLinesPerSecond,
      int linesPerPacket,
      Offered offered,
      long received,
      long sinkDrops,
      double userSeconds,
      double systemSeconds,
      double sinkCpuSeconds,
      double softirqSeconds) {
    double cpuSeconds() {
      return userSeconds + systemSeconds;
    }
  }

  private static Step measure(
      LoadSender sender, CountingSink sink, double rate, int linesPerPacket, double seconds)
      throws InterruptedException, IOException {
    long self = ProcessHandle.current().pid();
    long receivedBefore = settled(sink);
    long dropsBefore = UdpDrops.forPort(sink.port());
    double sinkCpuBefore = ProcCpu.cpuSeconds(sink.pid());
    double softirqBefore = ProcCpu.machineSoftirqSeconds();
    double[] cpuBefore = ProcCpu.userAndSystemSeconds(self);
    Offered offered = sender.send(rate, seconds);
    double[] cpuAfter = ProcCpu.userAndSystemSeconds(self);
    double softirq = ProcCpu.machineSoftirqSeconds() - softirqBefore;
    if (cpuBefore == null || cpuAfter == null) {
      cpuBefore = cpuAfter = new double[] {Double.NaN, Double.NaN}; // not Linux
    }
    long received = settled(sink) - receivedBefore;
    double sinkCpu = ProcCpu.cpuSeconds(sink.pid()) - sinkCpuBefore; // with its catching up
    long drops = UdpDrops.forPort(sink.port()) - dropsBefore;
    return new Step(
        rate,
        linesPerPacket,
        offered,
        received,
        drops,
        cpuAfter[0] - cpuBefore[0],
        cpuAfter[1] - cpuBefore[1],
        sinkCpu,
        softirq);
  }

  /** The sink's count once it has stopped growing: it has read what was queued for it. */
  private static long settled(CountingSink sink) throws IOException, InterruptedException {
    long count = sink.received();
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      long now = sink.received();
      if (now == count) {
        return now;
      }
      count = now;
    }
    return count;
  }

  private static double packetsPerWrite(LoadSender sender, Offered offered) {
    if (sender instanceof EpollBatchSender batched) {
      long writes = batched.writesInLastStep();
      return writes > 0 ? (double) (offered.packets() + offered.failed()) / writes : Double.NaN;
    }
    return 1; // one send system call per datagram
  }

  private static String row(LoadSender sender, Step step) {
    Offered o = step.offered();
    double cpuPercent = 100 * step.cpuSeconds() / o.seconds();
    double userPercent = 100 * step.userSeconds() / o.seconds();
    double systemPercent = 100 * step.systemSeconds() / o.seconds();
    return String.format(
        Locale.ROOT,
        "%-8s %10.0f %10.0f %10.0f %8d %10.0f %9d %6.0f %6.0f %6.0f %12.0f %9.1f %6.0f %6.0f",
        sender.name(),
        step.requestedLinesPerSecond() / step.linesPerPacket(),
        o.packetsPerSecond(),
        o.linesPerSecond(),
        o.failed(),
        step.received() / o.seconds(),
        step.sinkDrops(),
        cpuPercent,
        userPercent,
        systemPercent,
        step.cpuSeconds() > 0 ? o.packets() / step.cpuSeconds() : Double.NaN,
        packetsPerWrite(sender, o),
        100 * step.sinkCpuSeconds() / o.seconds(),
        100 * step.softirqSeconds() / o.seconds());
  }
}

package dev.mosaic.bench.load;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints step results as a fixed-width table, then each system's best loss-free rate. */
final class ResultTable {
  private static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-6s %10s %10s %9s %8s %8s %8s %6s %6s %7s %7s %7s %7s %4s %7s %7s %6s %s",
          "system",
          "req l/s",
          "sent l/s",
          "pkts/s",
          "loss%",
          "rcvloss%",
          "kdrops",
          "cpu%",
          "gen%",
          "p50ms",
          "p90ms",
          "p99ms",
          "maxms",
          "ivs",
          "firstms",
          "lastms",
          "aggms",
          "note");

  private ResultTable() {}

  static String header() {
    return HEADER;
  }

  static String row(StepResult r) {
    Offered o = r.offered();
    String note = r.drained() ? "" : "not drained";
    if (o.linesPerSecond() < 0.95 * r.requestedLinesPerSecond()) {
      note += (note.isEmpty() ? "" : ", ") + "generator short";
    }
    if (o.failed() > 0) {
      note += (note.isEmpty() ? "" : ", ") + o.failed() + " sends failed";
    }
    if (r.latency().missing() > 0) {
      note += (note.isEmpty() ? "" : ", ") + r.latency().missing() + " probes lost";
    }
    return String.format(
        Locale.ROOT,
        "%-6s %10.0f %10.0f %9.0f %8.3f %8.3f %8d %6.0f %6.0f %7.0f %7.0f %7.0f %7.0f %4s %7s %7s %6s"
            + " %s",
        r.system(),
        r.requestedLinesPerSecond(),
        o.linesPerSecond(),
        o.packets() / o.seconds(),
        r.lossPercent(),
        r.receiveLossPercent(),
        r.kernelDrops(),
        r.systemCpuPercent(),
        r.harnessCpuPercent(),
        r.latency().p50(),
        r.latency().p90(),
        r.latency().p99(),
        r.latency().max(),
        r.closing().intervals() == 0 ? "-" : Integer.toString(r.closing().intervals()),
        millis(r.closing().firstMillis()),
        millis(r.closing().lastMillis()),
        millis(r.closing().aggregatorMillis()),
        note);
  }

  /** Whole milliseconds, or {@code -} for none. */
  private static String millis(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  /** The step with the highest offered rate among the loss-free ones. */
  static Optional<StepResult> best(List<StepResult> results, String system) {
    return results.stream()
        .filter(r -> r.system().equals(system) && r.lossFree())
        .max(Comparator.comparingDouble(r -> r.offered().linesPerSecond()));
  }

  static void print(PrintStream out, List<StepResult> results, LoadOptions options) {
    List<String> servers = options.systems().stream().filter(s -> !s.equals("sink")).toList();
    if (servers.isEmpty()) {
      return; // --systems=sink prints its own table
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "lines per packet %d, %d distinct names, %.0f s per step, flush interval %d s,"
            + " --sender=%s%n",
        options.linesPerPacket(),
        options.names(),
        options.stepSeconds(),
        options.intervalSeconds(),
        options.sender());
    out.println(HEADER);
    results.forEach(r -> out.println(row(r)));
    out.println();
    Optional<StepResult> mosaic = best(results, "mosaic");
    Optional<StepResult> etsy = best(results, "etsy");
    for (String system : servers) {
      Optional<StepResult> best = system.equals("mosaic") ? mosaic : etsy;
      out.printf(
          Locale.ROOT,
          "%-6s highest rate with < 0.1 %% loss: %s%n",
          system,
          best.map(
                  r ->
                      String.format(
                          Locale.ROOT,
                          "%.0f lines/s (%.0f packets/s)",
                          r.offered().linesPerSecond(),
                          r.offered().packets() / r.offered().seconds()))
              .orElse("none of the rates tried"));
    }
    if (mosaic.isPresent() && etsy.isPresent()) {
      out.printf(
          Locale.ROOT,
          "ratio mosaic / etsy: %.1f x%n",
          mosaic.get().offered().linesPerSecond() / etsy.get().offered().linesPerSecond());
    } else if (servers.size() > 1) {
      out.println(
          "ratio mosaic / etsy: undefined, a system lost >= 0.1 % at every rate tried"
              + " (try lower --*-rates, fewer --names or a quieter machine)");
    }
    out.println(
        "loss% = counter lines offered but missing from stats_counts.load.c.* (end to end);"
            + " rcvloss% = lines offered but not in statsd.metrics_received; kdrops = kernel"
            + " UDP drops at the server's socket; cpu% = server process, gen% = this harness"
            + " (100 = one core); latency = probe datagram sent -> its carbon line received;"
            + " ivs = intervals that ended while the load went on (mosaic only), firstms/lastms ="
            + " the worst of their ends -> their first/last line at carbon, aggms = the longest"
            + " aggregator close -> transaction committed (calculationtime + flush_time).");
  }
}

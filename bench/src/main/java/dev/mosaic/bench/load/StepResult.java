package dev.mosaic.bench.load;

/**
 * One rate step against one system.
 *
 * @param system {@code mosaic} or {@code etsy}
 * @param requestedLinesPerSecond the step's rate
 * @param offered what the senders achieved
 * @param counted counter lines the aggregates account for ({@code stats_counts.load.c.*} summed)
 * @param received lines the server says it read ({@code statsd.metrics_received}), probes excluded
 * @param kernelDrops datagrams the kernel dropped at the server's socket (-1 unknown)
 * @param systemCpuPercent the server process's CPU over the sending time (100 = one core)
 * @param harnessCpuPercent the harness's own CPU over the same time
 * @param latency probe latencies, sent → carbon line
 * @param closing when the intervals that ended during the step reached carbon, and the aggregator's
 *     close → commit time ({@link IntervalArrivals.Summary#NONE} for Etsy, which stamps its points
 *     differently)
 * @param drained whether the step's last probe reached carbon before the harness moved on
 */
record StepResult(
    String system,
    double requestedLinesPerSecond,
    Offered offered,
    double counted,
    double received,
    long kernelDrops,
    double systemCpuPercent,
    double harnessCpuPercent,
    Latencies latency,
    IntervalArrivals.Summary closing,
    boolean drained) {

  /** Loss end to end: counter lines offered but not in the aggregates, in %. */
  double lossPercent() {
    return offered.counterLines() == 0
        ? 0
        : 100.0 * (offered.counterLines() - counted) / offered.counterLines();
  }

  /** Lines offered but not read by the server, in %. */
  double receiveLossPercent() {
    return offered.lines() == 0 ? 0 : 100.0 * (offered.lines() - received) / offered.lines();
  }

  /** Below the bar of 0.1 % loss, and the step was fully drained. */
  boolean lossFree() {
    return drained && lossPercent() < 0.1;
  }
}

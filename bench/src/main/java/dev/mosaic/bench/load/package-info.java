/**
 * The load harness: offers StatsD traffic over loopback UDP at fixed rates to mosaic and to Etsy
 * StatsD, each started as a separate process, and measures what reaches Graphite.
 *
 * <pre>
 * LoadSender (EpollBatchSender | PacedSender) + ProbeSender → UDP
 *     → system under test (MosaicProcess | EtsyProcess)
 *     → carbon plaintext → CarbonReceiver → StepResult → ResultTable
 * ProcCpu, UdpDrops: read /proc around each step
 * --systems=sink: SenderComparison, both LoadSenders → UDP → CountingSink (a child JVM)
 * </pre>
 *
 * <p>Run with {@code bench/run-load.sh} (see {@code docs/performance.md}). Nothing here is a test;
 * it measures the machine it runs on.
 */
package dev.mosaic.bench.load;

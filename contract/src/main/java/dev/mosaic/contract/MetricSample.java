package dev.mosaic.contract;

import java.util.Objects;

/**
 * One observation of one metric, as a collector received it.
 *
 * <pre>
 *   UDP packet → collector → MetricSample → SampleBatch on {@link Topics#samples} → aggregator
 * </pre>
 *
 * @param name sanitised metric name, never empty
 * @param type what kind of metric this is
 * @param value the number observed; for a {@link MetricType#SET} always 0
 * @param member the set member, non-null exactly when {@code type} is {@link MetricType#SET}
 * @param delta for a {@link MetricType#GAUGE}: {@code value} is added to the previous level instead
 *     of replacing it (StatsD's {@code +N}/{@code -N}); false for every other type
 * @param sampleRate the client's sampling rate in (0, 1]; a counter sampled at 0.1 counts ten
 * @param receivedAtMillis when the collector received it, epoch milliseconds; intervals are keyed
 *     by this, not by when the aggregator reads it
 */
public record MetricSample(
    String name,
    MetricType type,
    double value,
    String member,
    boolean delta,
    double sampleRate,
    long receivedAtMillis) {

  public MetricSample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metric name is empty");
    }
    if ((type == MetricType.SET) != (member != null)) {
      throw new IllegalArgumentException("a member is required for sets and only for sets");
    }
    if (delta && type != MetricType.GAUGE) {
      throw new IllegalArgumentException("only gauges take deltas");
    }
    if (!(sampleRate > 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("sample rate must be in (0, 1]: " + sampleRate);
    }
  }

  public static MetricSample counter(String name, double value, double sampleRate, long at) {
    return new MetricSample(name, MetricType.COUNTER, value, null, false, sampleRate, at);
  }

  public static MetricSample gauge(String name, double value, long at) {
    return new MetricSample(name, MetricType.GAUGE, value, null, false, 1.0, at);
  }

  public static MetricSample gaugeDelta(String name, double delta, long at) {
    return new MetricSample(name, MetricType.GAUGE, delta, null, true, 1.0, at);
  }

  public static MetricSample timer(String name, double value, double sampleRate, long at) {
    return new MetricSample(name, MetricType.TIMER, value, null, false, sampleRate, at);
  }

  public static MetricSample set(String name, String member, long at) {
    return new MetricSample(name, MetricType.SET, 0, member, false, 1.0, at);
  }
}
